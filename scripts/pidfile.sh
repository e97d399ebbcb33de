# Sourced by the server scripts: the process a start left in a PID file.
# A PID file can outlive its process (a machine restarted, a container made anew with /tmp kept) and the kernel
# then gives its number to another program. So a PID counts as ours only while its command line still holds MARK,
# a path of this server's own run folder; any other process is neither reused nor killed.
# holds_mark PID MARK: the command line of process PID holds MARK
holds_mark() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }
# running PIDFILE MARK: true when the PID it names is alive and ours
running() {
  [ -f "$1" ] || return 1
  local pid; pid=$(cat "$1")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && holds_mark "$pid" "$2"
}
# stop_process PID: asks it to stop (a stopped process is continued, or it would never see the signal), waits up to
# MEDIASYNC_STOP_GRACE_SECONDS (default 10), then kills it
stop_process() {
  local grace="${MEDIASYNC_STOP_GRACE_SECONDS:-10}"
  kill "$1" 2>/dev/null || true; kill -CONT "$1" 2>/dev/null || true
  for _ in $(seq 1 $((grace * 5))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  # seen with Azurite: it logged "successfully closed" and its node process lived on, holding the port
  echo "process $1 did not stop within $grace s of SIGTERM; killing it" >&2
  kill -KILL "$1" 2>/dev/null || true
  for _ in $(seq 1 25); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
}
# stop_pidfile PIDFILE MARK: stops that process if it is ours and removes the file
stop_pidfile() {
  if running "$1" "$2"; then stop_process "$(cat "$1")"; fi
  rm -f "$1"
}
# listening PORT: something accepts connections on 127.0.0.1:PORT
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# answers URL: an HTTP server answers there within 5 s, with any status (a hung one only accepts connections)
answers() { curl -s -m 5 -o /dev/null "$1"; }
# free_port MARK PORT SERVER SETTING: stops processes whose command line holds MARK but that no PID file names any
# more (a run killed before it could stop its server), then fails if anything else still holds PORT: it would answer
# the readiness probe while the new server failed to bind
free_port() {
  local cmdline pid
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}; pid=${pid%/cmdline}
    [ "$pid" != "$$" ] && holds_mark "$pid" "$1" || continue
    echo "stopping process $pid, left running by an earlier run ($1)" >&2
    stop_process "$pid"
  done
  if listening "$2"; then echo "127.0.0.1:$2 is already in use by a process that is not this folder's $3 (set $4)" >&2; exit 1; fi
}
