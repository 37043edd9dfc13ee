# Two-server harness (sourced, not run): Fanmail and the WeChat sandbox in separate WildFly processes, each with
# its own base dir (a copy of wildfly-config/target/server/standalone/configuration plus deployments/) and port
# offset, on one provisioned server installation. Fanmail talks to the sandbox over loopback HTTP exactly as to
# WeChat: fanmail.sandbox.enabled=true and fanmail.sandbox.api-base-url = the sandbox process (so its host is the
# one allowed sandbox API host); the sandbox pushes callbacks to Fanmail's public URL. The sandbox keeps its world
# in memory, so it survives a kill -9 of Fanmail (harness_kill_fanmail; harness_start_fanmail brings Fanmail back
# on the same database and base dir, and its sandbox mirror keeps the sandbox's state: it reconfigures accounts
# already there instead of recreating them).
#
# Needs what lib.sh says (built tree, curl/psql/bc, password-less postgres superuser on 127.0.0.1:5432), python3, plus
# backend/sandbox/target/wechat-sandbox.war (mvn -pl backend/sandbox package -DskipTests).
#
# Use from a script:
#   root=...; . "$root/wildfly-config/bench/harness.sh"
#   trap harness_stop EXIT
#   harness_start "$root"                 # both servers ready; prints where they are
#   harness_login                         # cookie jar for Fanmail's GraphQL ($HARNESS_JAR)
#   app_id=$(harness_create_account Bench) # a SANDBOX account, mirrored into the sandbox with N fans
#   f0=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s0=$(cpu_seconds "$HARNESS_SANDBOX_PID")
#   ... load ...
#   harness_cpu_report "$f0" "$s0"        # CPU seconds used by each process since
#   harness_kill_fanmail; harness_start_fanmail   # crash and restart Fanmail only
#   harness_start_node2                   # a second Fanmail node on the same database (see below)
#   harness_kill_node2                    # kill -9 of the second node
#
# Settings (environment):
#   HARNESS_FANMAIL_OFFSET  Fanmail's port offset (default BENCH_PORT_OFFSET, 200): HTTP 8080+N, management 9990+N
#   HARNESS_SANDBOX_OFFSET  the sandbox's port offset (default Fanmail's + 100)
#   HARNESS_FANMAIL_OPTS    JAVA_OPTS of Fanmail (default -Xms512m -Xmx1g); HARNESS_SANDBOX_OPTS likewise
#   HARNESS_FANMAIL_ENV     extra "KEY=value ..." for Fanmail's environment (e.g. FANMAIL_WECHAT_* settings)
#   HARNESS_SANDBOX_ENV     extra "KEY=value ..." for the sandbox (e.g. FANMAIL_SANDBOX_PUSH_MAX_IN_FLIGHT=512)
#   HARNESS_KEEP=1          keep the base dirs (logs) after harness_stop; they are in $HARNESS_DIR
#   HARNESS_NODE2_OFFSET    the second Fanmail node's port offset (default Fanmail's + 50)
#   HARNESS_NODE2_ENV       extra "KEY=value ..." for the second node only (after HARNESS_FANMAIL_ENV)
#   HARNESS_NODE2_SANDBOX_HOST  the name the second node addresses the sandbox by (default localhost): the sandbox's
#                           ledger records the host each template send addressed (ledger:page counts.byVia), so the
#                           two nodes' shares of a job can be told apart although both call from 127.0.0.1
#   BENCH_DB                the database (default fanmail_bench; dropped and created again by harness_start)
#   HARNESS_FANMAIL_WAR, HARNESS_SANDBOX_WAR  the WARs to deploy (default the tree's backend/app/target/fanmail.war and
#                           backend/sandbox/target/wechat-sandbox.war), e.g. another build's for an A/B comparison
# Exported after harness_start: HARNESS_DIR, HARNESS_FANMAIL_URL, HARNESS_SANDBOX_URL (the sandbox's WAR root,
# e.g. http://127.0.0.1:8380/wechat-sandbox), HARNESS_SANDBOX_CONTROL (its control API), HARNESS_FANMAIL_PID,
# HARNESS_SANDBOX_PID (java PIDs), HARNESS_FANMAIL_BASE, HARNESS_SANDBOX_BASE.
# After harness_start_node2 also HARNESS_NODE2_URL, HARNESS_NODE2_PID, HARNESS_NODE2_BASE.
# Only processes the harness started are ever signalled, by their PIDs.

_harness_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$_harness_here/lib.sh"

# harness_start ROOT: provisions two base dirs, (re)creates the database $BENCH_DB (default fanmail_bench), starts the sandbox, then
# Fanmail, and waits until both are ready.
harness_start() {
  HARNESS_ROOT="$1"
  bench_require "$HARNESS_ROOT"
  local fanmail_war="${HARNESS_FANMAIL_WAR:-$HARNESS_ROOT/backend/app/target/fanmail.war}"
  local sandbox_war="${HARNESS_SANDBOX_WAR:-$HARNESS_ROOT/backend/sandbox/target/wechat-sandbox.war}"
  [ -f "$sandbox_war" ] || bench_fail "no $sandbox_war: run 'mvn -pl backend/sandbox package -DskipTests' first"
  [ -f "$fanmail_war" ] || bench_fail "no $fanmail_war"
  HARNESS_FANMAIL_OFFSET="${HARNESS_FANMAIL_OFFSET:-$BENCH_PORT_OFFSET}"
  HARNESS_SANDBOX_OFFSET="${HARNESS_SANDBOX_OFFSET:-$((HARNESS_FANMAIL_OFFSET + 100))}"
  bench_port_free "$HARNESS_SANDBOX_OFFSET"
  HARNESS_DIR=$(mktemp -d)
  HARNESS_FANMAIL_BASE="$HARNESS_DIR/fanmail"
  HARNESS_SANDBOX_BASE="$HARNESS_DIR/sandbox"
  local base
  for base in "$HARNESS_FANMAIL_BASE" "$HARNESS_SANDBOX_BASE"; do
    mkdir -p "$base/deployments"
    cp -r "$HARNESS_ROOT/wildfly-config/target/server/standalone/configuration" "$base/"
  done
  cp "$fanmail_war" "$HARNESS_FANMAIL_BASE/deployments/fanmail.war"
  cp "$sandbox_war" "$HARNESS_SANDBOX_BASE/deployments/wechat-sandbox.war"
  HARNESS_FANMAIL_URL="http://127.0.0.1:$(bench_http_port "$HARNESS_FANMAIL_OFFSET")"
  HARNESS_SANDBOX_URL="http://127.0.0.1:$(bench_http_port "$HARNESS_SANDBOX_OFFSET")/wechat-sandbox"
  HARNESS_SANDBOX_CONTROL="$HARNESS_SANDBOX_URL/_sandbox"
  HARNESS_ADMIN_PASSWORD="bench-password-1"
  HARNESS_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)"
  export HARNESS_DIR HARNESS_FANMAIL_URL HARNESS_SANDBOX_URL HARNESS_SANDBOX_CONTROL HARNESS_FANMAIL_BASE \
    HARNESS_SANDBOX_BASE
  bench_recreate_db
  # the sandbox: no database, no demo account; its own JVM
  (
    export DB_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB DB_USER=fanmail DB_PASSWORD=fanmail
    export FANMAIL_SANDBOX_DEMO_ENABLED=false
    export JAVA_OPTS="${HARNESS_SANDBOX_OPTS:--Xms512m -Xmx1g} -Djava.net.preferIPv4Stack=true"
    # shellcheck disable=SC2086
    [ -n "${HARNESS_SANDBOX_ENV:-}" ] && export ${HARNESS_SANDBOX_ENV}
    bench_launch "$HARNESS_ROOT" "$HARNESS_SANDBOX_BASE" "$HARNESS_SANDBOX_OFFSET"
  )
  harness_start_fanmail_process
  bench_wait_base "$HARNESS_SANDBOX_BASE" "$HARNESS_SANDBOX_OFFSET"
  HARNESS_SANDBOX_PID=$(bench_base_pid "$HARNESS_SANDBOX_BASE")
  bench_wait_base "$HARNESS_FANMAIL_BASE" "$HARNESS_FANMAIL_OFFSET"
  HARNESS_FANMAIL_PID=$(bench_base_pid "$HARNESS_FANMAIL_BASE")
  export HARNESS_FANMAIL_PID HARNESS_SANDBOX_PID
  echo "harness: Fanmail $HARNESS_FANMAIL_URL (pid $HARNESS_FANMAIL_PID), sandbox $HARNESS_SANDBOX_URL (pid $HARNESS_SANDBOX_PID), dir $HARNESS_DIR" >&2
}

# Starts Fanmail's process (not waiting) with the harness's settings.
harness_start_fanmail_process() {
  (
    export DB_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB DB_USER=fanmail DB_PASSWORD=fanmail
    export FANMAIL_SECRETS_KEY="$HARNESS_SECRETS_KEY" FANMAIL_ADMIN_PASSWORD="$HARNESS_ADMIN_PASSWORD"
    export FANMAIL_SANDBOX_ENABLED=true FANMAIL_SANDBOX_MIRROR=true FANMAIL_SANDBOX_API_BASE_URL="$HARNESS_SANDBOX_URL"
    export FANMAIL_PUBLIC_URL="$HARNESS_FANMAIL_URL" FANMAIL_DEMO_ENABLED=false
    export JAVA_OPTS="${HARNESS_FANMAIL_OPTS:--Xms512m -Xmx1g} -Djava.net.preferIPv4Stack=true"
    # shellcheck disable=SC2086
    [ -n "${HARNESS_FANMAIL_ENV:-}" ] && export ${HARNESS_FANMAIL_ENV}
    bench_launch "$HARNESS_ROOT" "$HARNESS_FANMAIL_BASE" "$HARNESS_FANMAIL_OFFSET"
  )
}

# harness_start_fanmail: starts Fanmail again (after harness_kill_fanmail or harness_stop_fanmail) and waits.
harness_start_fanmail() {
  harness_start_fanmail_process
  bench_wait_base "$HARNESS_FANMAIL_BASE" "$HARNESS_FANMAIL_OFFSET"
  HARNESS_FANMAIL_PID=$(bench_base_pid "$HARNESS_FANMAIL_BASE")
  export HARNESS_FANMAIL_PID
}

# harness_kill_fanmail: kill -9 of Fanmail's java process only (a crash); waits until it is gone.
harness_kill_fanmail() {
  bench_stop_base "$HARNESS_FANMAIL_BASE" KILL
  HARNESS_FANMAIL_PID=
}

# harness_stop_fanmail: orderly stop of Fanmail only.
harness_stop_fanmail() {
  bench_stop_base "$HARNESS_FANMAIL_BASE"
  HARNESS_FANMAIL_PID=
}

# harness_start_node2: a second Fanmail node (its own base dir, port offset HARNESS_NODE2_OFFSET and public URL) on the
# same database, secrets key and sandbox as the first, started and waited for. It addresses the sandbox as
# http://$HARNESS_NODE2_SANDBOX_HOST:port (default localhost) and does not mirror accounts into the sandbox (the first
# node did; the sandbox keeps pushing callbacks to the first node's URL).
harness_start_node2() {
  HARNESS_NODE2_OFFSET="${HARNESS_NODE2_OFFSET:-$((HARNESS_FANMAIL_OFFSET + 50))}"
  bench_port_free "$HARNESS_NODE2_OFFSET"
  HARNESS_NODE2_BASE="$HARNESS_DIR/fanmail2"
  if [ ! -d "$HARNESS_NODE2_BASE" ]; then
    mkdir -p "$HARNESS_NODE2_BASE/deployments"
    cp -r "$HARNESS_ROOT/wildfly-config/target/server/standalone/configuration" "$HARNESS_NODE2_BASE/"
    cp "$HARNESS_FANMAIL_BASE/deployments/fanmail.war" "$HARNESS_NODE2_BASE/deployments/fanmail.war"
  fi
  HARNESS_NODE2_URL="http://127.0.0.1:$(bench_http_port "$HARNESS_NODE2_OFFSET")"
  local sandbox_url="http://${HARNESS_NODE2_SANDBOX_HOST:-localhost}:$(bench_http_port "$HARNESS_SANDBOX_OFFSET")/wechat-sandbox"
  (
    export DB_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB DB_USER=fanmail DB_PASSWORD=fanmail
    export FANMAIL_SECRETS_KEY="$HARNESS_SECRETS_KEY" FANMAIL_ADMIN_PASSWORD="$HARNESS_ADMIN_PASSWORD"
    export FANMAIL_SANDBOX_ENABLED=true FANMAIL_SANDBOX_MIRROR=false FANMAIL_SANDBOX_API_BASE_URL="$sandbox_url"
    export FANMAIL_PUBLIC_URL="$HARNESS_NODE2_URL" FANMAIL_DEMO_ENABLED=false
    export JAVA_OPTS="${HARNESS_FANMAIL_OPTS:--Xms512m -Xmx1g} -Djava.net.preferIPv4Stack=true"
    # shellcheck disable=SC2086
    [ -n "${HARNESS_FANMAIL_ENV:-}" ] && export ${HARNESS_FANMAIL_ENV}
    # shellcheck disable=SC2086
    [ -n "${HARNESS_NODE2_ENV:-}" ] && export ${HARNESS_NODE2_ENV}
    bench_launch "$HARNESS_ROOT" "$HARNESS_NODE2_BASE" "$HARNESS_NODE2_OFFSET"
  )
  bench_wait_base "$HARNESS_NODE2_BASE" "$HARNESS_NODE2_OFFSET"
  HARNESS_NODE2_PID=$(bench_base_pid "$HARNESS_NODE2_BASE")
  export HARNESS_NODE2_URL HARNESS_NODE2_PID HARNESS_NODE2_BASE
  echo "harness: Fanmail node 2 $HARNESS_NODE2_URL (pid $HARNESS_NODE2_PID), calling the sandbox as $sandbox_url" >&2
}

# harness_kill_node2: kill -9 of the second node's java process only; waits until it is gone.
harness_kill_node2() {
  bench_stop_base "$HARNESS_NODE2_BASE" KILL
  HARNESS_NODE2_PID=
}

# harness_stop: stops the servers (own PIDs only) and removes the base dirs unless HARNESS_KEEP=1.
harness_stop() {
  [ -n "${HARNESS_DIR:-}" ] || return 0
  [ -z "${HARNESS_NODE2_BASE:-}" ] || bench_stop_base "$HARNESS_NODE2_BASE"
  bench_stop_base "$HARNESS_FANMAIL_BASE"
  bench_stop_base "$HARNESS_SANDBOX_BASE"
  if [ "${HARNESS_KEEP:-0}" = "1" ]; then
    echo "harness: kept $HARNESS_DIR" >&2
  else
    rm -rf "$HARNESS_DIR"
  fi
  HARNESS_DIR=
}

# harness_login: signs in to Fanmail as admin; the cookie jar is $HARNESS_JAR.
harness_login() {
  HARNESS_JAR="$HARNESS_DIR/cookies"
  curl -fs -c "$HARNESS_JAR" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
    -d "{\"username\":\"admin\",\"password\":\"$HARNESS_ADMIN_PASSWORD\"}" "$HARNESS_FANMAIL_URL/api/session" >/dev/null \
    || bench_fail "could not sign in to Fanmail"
  export HARNESS_JAR
}

# harness_graphql JSON: posts a GraphQL request body to Fanmail (signed in) and prints the answer.
harness_graphql() {
  curl -fs -b "$HARNESS_JAR" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' -d "$1" "$HARNESS_FANMAIL_URL/graphql"
}

# harness_create_account NAME [FANS=1000]: creates a verified SANDBOX service account in Fanmail (safe mode), which
# Fanmail's mirror registers in the sandbox with the callback URL of Fanmail; seeds FANS fans there. Prints its
# appId.
harness_create_account() {
  local name="$1" fans="${2:-1000}" app_id answer
  app_id="wx$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  answer=$(harness_graphql "{\"query\":\"mutation(\$i: AccountCreateInput!) { accountCreate(input: \$i) { userErrors { code message } } }\",\"variables\":{\"i\":{\"name\":\"$name\",\"originalId\":\"gh_0123456789ab\",\"appId\":\"$app_id\",\"appSecret\":\"0123456789abcdef0123456789abcdef\",\"token\":\"BenchToken1\",\"encodingAesKey\":\"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\",\"type\":\"SERVICE\",\"verified\":true,\"encryptionMode\":\"SAFE\",\"apiTarget\":\"SANDBOX\"}}}") \
    || bench_fail "accountCreate failed"
  grep -q '"userErrors":\[\]' <<<"$answer" || bench_fail "accountCreate refused: $answer"
  # the mirror registers the account after commit: wait until the sandbox knows it
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null "$HARNESS_SANDBOX_CONTROL/accounts/$app_id" && break
    sleep 0.5
  done
  curl -fs -o /dev/null "$HARNESS_SANDBOX_CONTROL/accounts/$app_id" || bench_fail "the sandbox never got account $app_id"
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d "{\"count\":$fans,\"seed\":1}" \
    "$HARNESS_SANDBOX_CONTROL/accounts/$app_id/fans:seed" || bench_fail "seeding fans failed"
  echo "$app_id"
}

# json_field PATH [DEFAULT]: reads JSON on stdin and prints the value at PATH (keys and list indexes joined by
# dots; a list prints one item a line), or DEFAULT (else fails) when it is missing. Needs python3.
json_field() {
  python3 -c '
import json, sys
v = json.load(sys.stdin)
try:
    for k in sys.argv[1].split("."):
        v = v[int(k)] if isinstance(v, list) else v[k]
except (KeyError, IndexError, ValueError):
    if len(sys.argv) > 2:
        print(sys.argv[2]); sys.exit(0)
    sys.exit("json_field: no " + sys.argv[1])
print("\n".join(str(x) for x in v) if isinstance(v, list) else v)
' "$@"
}

# harness_cpu_report FANMAIL_CPU0 SANDBOX_CPU0: CPU seconds each process used since the given cpu_seconds values,
# and their thread counts now.
harness_cpu_report() {
  local f s
  f=$(echo "$(cpu_seconds "$HARNESS_FANMAIL_PID") - $1" | bc)
  s=$(echo "$(cpu_seconds "$HARNESS_SANDBOX_PID") - $2" | bc)
  echo "cpu:        Fanmail ${f} s ($(thread_count "$HARNESS_FANMAIL_PID") threads), sandbox ${s} s ($(thread_count "$HARNESS_SANDBOX_PID") threads)"
}
