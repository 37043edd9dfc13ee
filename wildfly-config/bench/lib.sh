# Shared by the benchmark scripts in this directory (sourced, not run).
#
# What the scripts need, checked by bench_require before anything starts:
#   - a built tree: wildfly-config/target/server (mvn -pl wildfly-config package) and
#     backend/app/target/fanmail.war (mvn -pl backend/app -am package -DskipTests);
#   - curl, psql and bc on the PATH;
#   - the machine's PostgreSQL on 127.0.0.1:5432 where the superuser postgres signs in without a
#     password (trust or ~/.pgpass; BENCH_PG_ADMIN overrides the user). The scripts create the role
#     fanmail (password fanmail) if it is missing and (re)create the throw-away database fanmail_bench;
#   - ports 8280 and 10190 free (the server runs with port offset 200).
#
# The scripts only ever stop processes they started themselves, by their PID: the server's shell
# script and the java process it writes to its PID file. A failed start never signals anything else.

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
  curl -fs -o /dev/null http://127.0.0.1:10190/health/ready 2>/dev/null \
    && bench_fail "port offset 200 is taken by another server (http://127.0.0.1:10190 answers)"
  return 0
}

bench_psql() {
  psql -h 127.0.0.1 -p 5432 -U "$BENCH_PG_ADMIN" -w -v ON_ERROR_STOP=1 -qtA "$@"
}

# bench_recreate_db: a fresh fanmail_bench owned by fanmail.
bench_recreate_db() {
  bench_psql -c "drop database if exists fanmail_bench" -c "create database fanmail_bench owner fanmail" >/dev/null \
    || bench_fail "could not (re)create the database fanmail_bench"
}

# bench_start_server ROOT BASE: starts the server in the background with base dir BASE.
# Sets BENCH_SHELL_PID (standalone.sh) and BENCH_PID_FILE (the java process's PID, written by it).
bench_start_server() {
  local root="$1" base="$2"
  BENCH_PID_FILE="$base/server.pid"
  LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$BENCH_PID_FILE" \
    "$root/wildfly-config/target/server/bin/standalone.sh" -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset=200 >"$base/server.out" 2>&1 &
  BENCH_SHELL_PID=$!
}

# bench_java_pid: the server's java PID (empty until it started).
bench_java_pid() {
  [ -n "${BENCH_PID_FILE:-}" ] && [ -s "$BENCH_PID_FILE" ] && cat "$BENCH_PID_FILE"
  return 0
}

# bench_wait_ready: waits until the server is ready, or fails if it exited.
bench_wait_ready() {
  local base="$1"
  until curl -fs http://127.0.0.1:10190/health/ready >/dev/null 2>&1; do
    kill -0 "$BENCH_SHELL_PID" 2>/dev/null || bench_fail "server exited; see $base/server.out"
    sleep 0.5
  done
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
