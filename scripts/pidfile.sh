# Sourced by the server scripts: the process a start left in a PID file.
# running PIDFILE: true when the PID it names is alive
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
# stop_pidfile PIDFILE: stops that process (waiting up to 10 s) and removes the file; nothing else is touched
stop_pidfile() {
  if running "$1"; then
    local pid; pid=$(cat "$1"); kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -f "$1"
}
