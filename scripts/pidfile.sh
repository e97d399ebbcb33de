# Sourced by the server scripts: the process a start left in a PID file.
# A PID file can outlive its process (a machine restarted, a container made anew with /tmp kept) and the kernel
# then gives its number to another program. So a PID counts as ours only while its command line still holds MARK,
# a path of this server's own run folder; any other process is neither reused nor killed.
# running PIDFILE MARK: true when the PID it names is alive and ours
running() {
  [ -f "$1" ] || return 1
  local pid; pid=$(cat "$1")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2"
}
# stop_pidfile PIDFILE MARK: stops that process if it is ours (waiting up to 10 s) and removes the file
stop_pidfile() {
  if running "$1" "$2"; then
    local pid; pid=$(cat "$1"); kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$1"
}
# listening PORT: something accepts connections on 127.0.0.1:PORT
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# answers URL: an HTTP server answers there within 5 s, with any status (a hung one only accepts connections)
answers() { curl -s -m 5 -o /dev/null "$1"; }
# stop_strays MARK: stops processes whose command line holds MARK but that no PID file names any more (a run that
# was killed before it could stop its server), so that they do not hold the port
stop_strays() {
  local cmdline pid
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}; pid=${pid%/cmdline}
    [ "$pid" = "$$" ] && continue
    tr '\0' ' ' <"$cmdline" 2>/dev/null | grep -qF -- "$1" || continue
    echo "stopping process $pid, left running by an earlier run ($1)" >&2
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  done
}
