#!/usr/bin/env bash
# A throwaway FTP server (vsftpd from Debian) on loopback, for the FTP script-store example's tests.
#   scripts/ftp-server.sh start   installs vsftpd if missing, serves an empty folder with anonymous uploads,
#                                 prints "url=ftp://127.0.0.1:PORT/pub/"; one already running is reused (" reused")
#   scripts/ftp-server.sh stop    stops what start started
# Settings: MEDIASYNC_FTP_DIR (default /tmp/mediasync-ftp), MEDIASYNC_FTP_PORT (default 2121).
set -euo pipefail
. "$(dirname "$0")/pidfile.sh"
dir="${MEDIASYNC_FTP_DIR:-/tmp/mediasync-ftp}"
port="${MEDIASYNC_FTP_PORT:-2121}"
pidfile="$dir/vsftpd.pid"
mark="$dir/vsftpd.conf"  # in the command line of the vsftpd this folder started

report() { echo "url=ftp://127.0.0.1:$port/pub/${1:+ $1}"; }

stop() { stop_pidfile "$pidfile" "$mark"; }

start() {
  if running "$pidfile" "$mark"; then
    if listening "$port"; then report reused; return; fi
    stop  # ours, but no longer answering: it is started afresh
  fi
  if [ ! -x /usr/sbin/vsftpd ]; then
    echo "installing vsftpd from Debian..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends vsftpd >/dev/null
  fi
  free_port "$mark" "$port" vsftpd MEDIASYNC_FTP_PORT
  rm -rf "$dir"; mkdir -p "$dir/root/pub" "$dir/empty"
  # vsftpd refuses a writable anonymous root, so uploads go to pub/ inside it
  chmod 555 "$dir/root"; chmod 777 "$dir/root/pub"
  cat >"$dir/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
anonymous_enable=YES
local_enable=NO
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
anon_other_write_enable=YES
anon_umask=022
anon_root=$dir/root
no_anon_password=YES
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=30000
pasv_max_port=30999
seccomp_sandbox=NO
background=NO
xferlog_enable=NO
secure_chroot_dir=$dir/empty
CONF
  nohup /usr/sbin/vsftpd "$dir/vsftpd.conf" >"$dir/vsftpd.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 50); do
    if listening "$port"; then report; return; fi
    running "$pidfile" "$mark" || { cat "$dir/vsftpd.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "vsftpd did not listen on 127.0.0.1:$port" >&2; exit 1
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
