# Shared by the benchmark scripts in this directory (sourced, not run).
#
# What the scripts need, checked by bench_require before anything starts:
#   - a built tree: wildfly-config/target/server (mvn -pl wildfly-config package) and
#     backend/app/target/fanmail.war (mvn -pl backend/app -am package -DskipTests);
#   - curl, psql and bc on the PATH;
#   - the machine's PostgreSQL on 127.0.0.1:5432 where the superuser postgres signs in without a
#     password (trust or ~/.pgpass; BENCH_PG_ADMIN overrides the user). The scripts create the role
#     fanmail (password fanmail) if it is missing and (re)create the throw-away database fanmail_bench (BENCH_DB
#     names another, e.g. to run next to someone else's benchmark);
#   - ports 8080+N and 9990+N free, N = BENCH_PORT_OFFSET (default 200: 8280 and 10190).
#
# The scripts only ever stop processes they started themselves, by their PID: the server's shell
# script and the java process it writes to its PID file. A failed start never signals anything else.

BENCH_PORT_OFFSET="${BENCH_PORT_OFFSET:-200}"
BENCH_DB="${BENCH_DB:-fanmail_bench}"

# bench_http_port [OFFSET], bench_mgmt_port [OFFSET]: the ports of a server with that offset (default BENCH_PORT_OFFSET).
bench_http_port() { echo $((8080 + ${1:-$BENCH_PORT_OFFSET})); }
bench_mgmt_port() { echo $((9990 + ${1:-$BENCH_PORT_OFFSET})); }

bench_fail() {
  echo "bench: $*" >&2
  exit 1
}

# bench_require ROOT: checks the tools, the built tree and PostgreSQL; creates the fanmail role.
bench_require() {
  local root="$1" tool
  for tool in curl psql bc; do
    command -v "$tool" >/dev/null 2>&1 || bench_fail "$tool is not installed (apt-get install curl postgresql-client bc)"
  done
  [ -x "$root/wildfly-config/target/server/bin/standalone.sh" ] \
    || bench_fail "no provisioned server in wildfly-config/target/server: run 'mvn -pl wildfly-config package' first"
  [ -f "$root/backend/app/target/fanmail.war" ] \
    || bench_fail "no backend/app/target/fanmail.war: run 'mvn -pl backend/app -am package -DskipTests' first"
  BENCH_PG_ADMIN="${BENCH_PG_ADMIN:-postgres}"
  psql -h 127.0.0.1 -p 5432 -U "$BENCH_PG_ADMIN" -w -qtA -c 'select 1' >/dev/null 2>&1 \
    || bench_fail "cannot sign in to PostgreSQL on 127.0.0.1:5432 as '$BENCH_PG_ADMIN' without a password; start it and allow trust or a ~/.pgpass entry for that superuser"
  if [ "$(bench_psql -c "select 1 from pg_roles where rolname = 'fanmail'")" != "1" ]; then
    echo "bench: creating the PostgreSQL role fanmail (password fanmail)" >&2
    bench_psql -c "create role fanmail login password 'fanmail'" >/dev/null \
      || bench_fail "could not create the role fanmail as '$BENCH_PG_ADMIN'"
  fi
  bench_port_free "$BENCH_PORT_OFFSET"
}

# bench_port_free OFFSET: fails when a server already answers on that offset's ports.
bench_port_free() {
  local http mgmt
  http=$(bench_http_port "$1")
  mgmt=$(bench_mgmt_port "$1")
  if curl -s -o /dev/null "http://127.0.0.1:$mgmt/health/ready" 2>/dev/null \
    || curl -s -o /dev/null "http://127.0.0.1:$http/" 2>/dev/null; then
    bench_fail "port offset $1 is taken by another server (127.0.0.1:$http or :$mgmt answers); set BENCH_PORT_OFFSET"
  fi
  return 0
}

bench_psql() {
  psql -h 127.0.0.1 -p 5432 -U "$BENCH_PG_ADMIN" -w -v ON_ERROR_STOP=1 -qtA "$@"
}

# bench_recreate_db: a fresh $BENCH_DB (default fanmail_bench) owned by fanmail.
bench_recreate_db() {
  case "$BENCH_DB" in ''|*[!a-z0-9_]*) bench_fail "BENCH_DB must be a plain lower-case name" ;; esac
  bench_psql -c "drop database if exists $BENCH_DB" -c "create database $BENCH_DB owner fanmail" >/dev/null \
    || bench_fail "could not (re)create the database $BENCH_DB"
}

# bench_start_server ROOT BASE: starts the server in the background with base dir BASE and port offset
# BENCH_PORT_OFFSET. Sets BENCH_SHELL_PID (standalone.sh) and BENCH_PID_FILE (the java process's PID, written by it).
bench_start_server() {
  local root="$1" base="$2"
  bench_launch "$root" "$base" "$BENCH_PORT_OFFSET"
  BENCH_PID_FILE="$base/server.pid"
  BENCH_SHELL_PID=$(cat "$base/shell.pid")
}

# bench_launch ROOT BASE OFFSET: starts a server with base dir BASE (a copy of the provisioned standalone/
# configuration, plus deployments/) and port offset OFFSET in the background, with the caller's environment.
# Its shell's PID goes to BASE/shell.pid, the java PID to BASE/server.pid (written by standalone.sh).
bench_launch() {
  local root="$1" base="$2" offset="$3"
  rm -f "$base/server.pid" "$base/shell.pid"
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$base/server.pid" \
    "$root/wildfly-config/target/server/bin/standalone.sh" -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset="$offset" >>"$base/server.out" 2>&1 &
  echo $! >"$base/shell.pid"
}

# bench_base_pid BASE: the java PID of the server in BASE (empty until it started).
bench_base_pid() {
  [ -s "$1/server.pid" ] && cat "$1/server.pid"
  return 0
}

# bench_wait_base BASE OFFSET: waits until the server in BASE is ready (management /health/ready), or fails if it
# exited.
bench_wait_base() {
  local base="$1" mgmt shell
  mgmt=$(bench_mgmt_port "$2")
  shell=$(cat "$base/shell.pid")
  until curl -fs "http://127.0.0.1:$mgmt/health/ready" >/dev/null 2>&1; do
    kill -0 "$shell" 2>/dev/null || bench_fail "server exited; see $base/server.out"
    sleep 0.5
  done
}

# bench_stop_base BASE [SIGNAL]: stops the server in BASE by its own PIDs (java, then its shell), default TERM;
# waits until the java process is gone. No-op when it was never started.
bench_stop_base() {
  local base="$1" sig="${2:-TERM}" java_pid shell_pid pid
  java_pid="$(bench_base_pid "$base")"
  # "|| true": a server already stopped or killed has no shell.pid, and a failed assignment would end a set -e caller
  shell_pid="$( [ -s "$base/shell.pid" ] && cat "$base/shell.pid" || true)"
  for pid in $java_pid $shell_pid; do
    case "$pid" in ''|*[!0-9]*) continue ;; esac
    [ "$pid" -gt 1 ] || continue
    kill -s "$sig" "$pid" 2>/dev/null || true
  done
  if [ -n "$java_pid" ]; then
    for _ in $(seq 1 60); do kill -0 "$java_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  if [ -n "$shell_pid" ]; then
    for _ in $(seq 1 20); do kill -0 "$shell_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$base/server.pid" "$base/shell.pid"
}

# cpu_seconds PID: CPU time (user + system, all threads) the process has used so far, in seconds (from
# /proc/PID/stat fields 14 and 15, in clock ticks).
cpu_seconds() {
  local pid="$1" ticks stat
  ticks=$(getconf CLK_TCK)
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || { echo "cpu_seconds: no process $pid" >&2; return 1; }
  # the command name (field 2) may contain spaces: cut after its closing parenthesis
  stat="${stat##*) }"
  # now field 1 is the state (field 3 of the file): utime and stime are fields 12 and 13 here
  set -- $stat
  echo "scale=2; (${12} + ${13}) / $ticks" | bc
}

# thread_count PID: the process's live threads.
thread_count() {
  awk '/^Threads:/ {print $2}' "/proc/$1/status"
}

# bench_java_pid: the server's java PID (empty until it started).
bench_java_pid() {
  [ -n "${BENCH_PID_FILE:-}" ] && [ -s "$BENCH_PID_FILE" ] && cat "$BENCH_PID_FILE"
  return 0
}

# bench_wait_ready BASE: waits until the server is ready, or fails if it exited.
bench_wait_ready() {
  bench_wait_base "$1" "$BENCH_PORT_OFFSET"
}

# bench_stop_server: stops only what bench_start_server started (no-op if nothing started).
bench_stop_server() {
  local java_pid pid
  java_pid="$(bench_java_pid)"
  for pid in $java_pid ${BENCH_SHELL_PID:-}; do
    case "$pid" in ''|*[!0-9]*) continue ;; esac
    [ "$pid" -gt 1 ] || continue
    kill "$pid" 2>/dev/null || true
  done
  if [ -n "${BENCH_SHELL_PID:-}" ]; then wait "$BENCH_SHELL_PID" 2>/dev/null || true; fi
  if [ -n "$java_pid" ]; then
    for _ in $(seq 1 60); do kill -0 "$java_pid" 2>/dev/null || break; sleep 0.5; done
  fi
}

# PostgreSQL's CPU. The server runs as another user's processes; its backends' titles name the database
# ("postgres: 15/main: fanmail fanmail_bench 127.0.0.1(51234) idle"), so the CPU of the backends serving one database can
# be read from /proc without asking PostgreSQL anything.
#   pg_cpu_start [DB]   starts a sampler (python3, every 0.25 s) of the backends serving DB (default $BENCH_DB), also
#                       noting the whole server's CPU (every postgres process, plus the children the postmaster reaped);
#   pg_cpu_stop         stops it and sets PG_CPU_DB (CPU seconds of DB's backends since the start, including backends
#                       that started later; a backend that exited loses at most its last 0.25 s) and PG_CPU_ALL (the
#                       whole server's CPU seconds since the start, exact, but counting every database's work: other
#                       users of the same PostgreSQL included).
pg_cpu_start() {
  local db="${1:-$BENCH_DB}"
  PG_CPU_FILE=$(mktemp)
  python3 - "$db" "$PG_CPU_FILE" <<'PY' &
import os, signal, sys, time
db, out = sys.argv[1], sys.argv[2]
hz = os.sysconf("SC_CLK_TCK")
def stat(pid):
    with open("/proc/%s/stat" % pid) as f:
        s = f.read()
    name = s[s.index("(") + 1:s.rindex(")")]
    f = s[s.rindex(")") + 2:].split()
    # after the name: state ppid ... utime(12) stime(13) cutime(14) cstime(15), 1-based after the name
    return name, int(f[1]), int(f[11]) + int(f[12]), int(f[13]) + int(f[14])
def scan():
    mine, every, reaped = {}, 0, 0
    procs = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            name, ppid, ticks, children = stat(pid)
            if name != "postgres":
                continue
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                title = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except (OSError, ValueError, IndexError):
            continue
        procs[pid] = (ppid, ticks, children, title)
    for pid, (ppid, ticks, children, title) in procs.items():
        every += ticks
        if str(ppid) not in procs:  # the postmaster: its reaped children's CPU
            reaped += children
        parts = title.split()
        # "postgres: [cluster:] user db address state"
        if len(parts) >= 4 and parts[0] == "postgres:" and db in parts[1:4]:
            mine[pid] = ticks
    return mine, every + reaped
first, all0 = scan()
last = dict(first)
base = dict(first)
all1 = all0
stop = []
signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
while not stop:
    time.sleep(0.25)
    now, all1 = scan()
    for pid, t in now.items():
        if pid not in base:
            base[pid] = 0  # a backend started after the sampler
        last[pid] = t
mine = sum(last[p] - base[p] for p in last)
with open(out, "w") as f:
    f.write("%.2f %.2f\n" % (mine / hz, (all1 - all0) / hz))
PY
  PG_CPU_PID=$!
}

pg_cpu_stop() {
  [ -n "${PG_CPU_PID:-}" ] || { PG_CPU_DB=0; PG_CPU_ALL=0; return 0; }
  kill -TERM "$PG_CPU_PID" 2>/dev/null || true
  wait "$PG_CPU_PID" 2>/dev/null || true
  PG_CPU_PID=
  read -r PG_CPU_DB PG_CPU_ALL <"$PG_CPU_FILE" || { PG_CPU_DB=?; PG_CPU_ALL=?; }
  rm -f "$PG_CPU_FILE"
}
