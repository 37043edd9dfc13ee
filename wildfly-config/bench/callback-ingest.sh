#!/usr/bin/env bash
# Callback ingest benchmark: signed, AES-encrypted (SAFE mode) pushes, each a new message, against the
# provisioned server with the Fanmail WAR, from a separate process on loopback: wrk (Debian package
# wrk) replaying requests prepared by CallbackLoad, or with GENERATOR=java the Java generator itself.
# Prints requests/s and latency percentiles, and first, in the same run and with the same connections, the
# ceiling: a trivial endpoint of the same server (GET /api/session without a cookie: 204 through the same
# Undertow, servlet filters and JAX-RS, no database work), so a slow run on a busy machine shows as such.
# Also prints the load average before and after (the machine may be shared). Needs: see lib.sh (a built tree, curl/psql/bc, the
# machine's PostgreSQL with a password-less superuser postgres), plus wrk unless GENERATOR=java;
# creates the role fanmail if missing and (re)creates the throw-away database fanmail_bench.
# Usage: wildfly-config/bench/callback-ingest.sh [connections=32] [seconds=20]   (BENCH_PORT_OFFSET=N: ports)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/lib.sh"
concurrency="${1:-32}"
seconds="${2:-20}"
bench_require "$root"
if [ "${GENERATOR:-wrk}" != "java" ]; then
  command -v wrk >/dev/null || bench_fail "wrk is not installed (apt-get install wrk), or run with GENERATOR=java"
fi
base=$(mktemp -d)
cleanup() {
  bench_stop_server
  rm -rf "$base"
}
trap cleanup EXIT
cp -r "$root/wildfly-config/target/server/standalone/configuration" "$base/"
mkdir "$base/deployments" && cp "$root/backend/app/target/fanmail.war" "$base/deployments/"
bench_recreate_db
export DB_URL=jdbc:postgresql://127.0.0.1:5432/fanmail_bench DB_USER=fanmail DB_PASSWORD=fanmail
export FANMAIL_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)" FANMAIL_ADMIN_PASSWORD=bench-password-1 FANMAIL_SANDBOX_MIRROR=false
export JAVA_OPTS="-Xms512m -Xmx1g -Djava.net.preferIPv4Stack=true"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
bench_start_server "$root" "$base"
bench_wait_ready "$base"
url=http://127.0.0.1:$(bench_http_port)
jar=$(mktemp)
curl -fs -c "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
  -d '{"username":"admin","password":"bench-password-1"}' "$url/api/session" >/dev/null
app_id="wx$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
token="BenchToken1"
aes_key="abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
curl -fs -b "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' -o /dev/null -d "{\"query\":\"mutation(\$i: AccountCreateInput!) { accountCreate(input: \$i) { userErrors { code } } }\",\"variables\":{\"i\":{\"name\":\"Bench\",\"originalId\":\"gh_0123456789ab\",\"appId\":\"$app_id\",\"appSecret\":\"0123456789abcdef0123456789abcdef\",\"token\":\"$token\",\"encodingAesKey\":\"$aes_key\",\"type\":\"SERVICE\",\"verified\":true,\"encryptionMode\":\"SAFE\",\"apiTarget\":\"WECHAT\"}}}" "$url/graphql"
# the generator needs only the JDK and CallbackCrypto (no Maven resolution: the reactor's SNAPSHOTs are not installed)
cp="$root/backend/app/target/test-classes:$root/backend/wechat/target/classes"
[ -f "$root/backend/app/target/test-classes/app/fanmail/app/bench/CallbackLoad.class" ] \
  || bench_fail "no compiled CallbackLoad: run 'mvn -pl backend/app -am package -DskipTests' first"
if [ "${GENERATOR:-wrk}" = "java" ]; then
  if [ -n "${JFR:-}" ]; then jcmd "$(bench_java_pid)" JFR.start duration=25s filename="$JFR" >/dev/null; fi
  java -cp "$cp" app.fanmail.app.bench.CallbackLoad "$url" "$app_id" "$token" "$aes_key" "$concurrency" "$seconds" 5
else
  java -Dfanmail.bench.wrk-file="$base/requests.txt" -cp "$cp" app.fanmail.app.bench.CallbackLoad "$url" "$app_id" "$token" "$aes_key"
  echo "warm-up 5 s…"
  wrk -t2 -c"$concurrency" -d5s -s "$root/wildfly-config/bench/callback-ingest.lua" "$url" -- "$base/requests.txt" 2 >/dev/null
  echo "ceiling: GET /api/session (no cookie, 204, no DB), ${seconds} s with $concurrency connections (wrk, 2 threads)…"
  wrk -t2 -c"$concurrency" -d5s -s "$root/wildfly-config/bench/ceiling.lua" "$url/api/session" -- 204 >/dev/null
  echo "ceiling $(wrk -t2 -c"$concurrency" -d"${seconds}s" --timeout 10s -s "$root/wildfly-config/bench/ceiling.lua" \
    "$url/api/session" -- 204 | grep -E '^(throughput|latency):' | paste -sd' ' | tr -s ' ')"
  echo "measuring ${seconds} s with $concurrency connections (wrk, 2 threads)…"
  # fresh pushes for the measurement: the warm-up used the first share of the file
  java -Dfanmail.bench.wrk-file="$base/requests.txt" -cp "$cp" app.fanmail.app.bench.CallbackLoad "$url" "$app_id" "$token" "$aes_key" >/dev/null
  # a flight recording, if asked for, covers the measured callbacks only
  if [ -n "${JFR:-}" ]; then jcmd "$(bench_java_pid)" JFR.start duration="$((seconds + 1))s" filename="$JFR" >/dev/null; fi
  wrk -t2 -c"$concurrency" -d"${seconds}s" --timeout 10s -s "$root/wildfly-config/bench/callback-ingest.lua" "$url" -- "$base/requests.txt" 2 \
    | grep -E '^(throughput|latency):'
fi
# every stored push must also be published (windows, events); wait for the backlog to drain
for i in $(seq 1 60); do
  counts=$(bench_psql -d fanmail_bench -F' ' -c "select count(*), count(processed_at) from wechat.callback_inbox")
  read -r stored published <<<"$counts"
  [ "$stored" = "$published" ] && break
  sleep 1
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo "inbox:      $stored stored, $published published (${i} s after the load ended)"
[ "$stored" = "$published" ] || { echo "publishing fell behind" >&2; exit 1; }
