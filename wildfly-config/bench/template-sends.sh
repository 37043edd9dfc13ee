#!/usr/bin/env bash
# Template-send benchmark: template messages sent through Fanmail's WeChat facade (WeChatTemplates.sendAsync, the
# non-blocking client of ADR 0011) to the WeChat sandbox, at 0 ms and at 200 ms injected latency with 256 in flight.
# Drives the benchmark-only endpoint POST /api/bench/wechat/template-sends (exists only with
# fanmail.sandbox.enabled=true and fanmail.bench.enabled=true; admins only), which prints per run: sends/s, the
# threads Fanmail's WeChat client used, Fanmail's CPU per send (client threads + the calling thread) and the whole
# process's CPU per send (which includes the sandbox when it runs in the same server).
#
# By default Fanmail and the sandbox run in ONE server (port offset 200), like the ITs. With SANDBOX_URL set (e.g. the
# two-server harness), only Fanmail is started here and the sandbox at that URL is used (its control API must accept
# this machine: loopback or its token).
#
# Needs: see lib.sh, plus backend/sandbox/target/wechat-sandbox.war (mvn -pl backend/sandbox package).
# Usage: wildfly-config/bench/template-sends.sh [sends per run=20000] [runs=3]
# Env:   RATE (fanmail.wechat.rate-per-account, default 100000: unlimited for the measurement),
#        PER_ACCOUNT (fanmail.wechat.max-in-flight-per-account, default 1024), LATENCIES (default "0 200"),
#        IN_FLIGHT (default 256), SANDBOX_URL, BENCH_DB (default fanmail_bench_sends, dropped and re-created).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/lib.sh"
count="${1:-20000}"
runs="${2:-3}"
in_flight="${IN_FLIGHT:-256}"
bench_require "$root"
sandbox_war="$root/backend/sandbox/target/wechat-sandbox.war"
[ -n "${SANDBOX_URL:-}" ] || [ -f "$sandbox_war" ] || bench_fail "no $sandbox_war: run 'mvn -pl backend/sandbox package' first"
command -v jq >/dev/null || bench_fail "jq is not installed (apt-get install jq)"
base=$(mktemp -d)
cleanup() {
  local rc=$?
  if [ "$rc" != 0 ] && [ -f "$base/server.out" ]; then
    echo "failed ($rc); the server log's last lines:" >&2
    grep -E 'ERROR|Exception|WARN' "$base/server.out" | tail -20 >&2
  fi
  bench_stop_server
  rm -rf "$base"
}
trap cleanup EXIT
cp -r "$root/wildfly-config/target/server/standalone/configuration" "$base/"
mkdir "$base/deployments" && cp "$root/backend/app/target/fanmail.war" "$base/deployments/"
[ -n "${SANDBOX_URL:-}" ] || cp "$sandbox_war" "$base/deployments/"
sandbox="${SANDBOX_URL:-http://127.0.0.1:8280/wechat-sandbox}"
# its own throw-away database, so it can run next to the other benchmarks
db="${BENCH_DB:-fanmail_bench_sends}"
bench_psql -c "drop database if exists $db" -c "create database $db owner fanmail" >/dev/null \
  || bench_fail "could not (re)create the database $db"
export DB_URL=jdbc:postgresql://127.0.0.1:5432/$db DB_USER=fanmail DB_PASSWORD=fanmail
export FANMAIL_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)" FANMAIL_ADMIN_PASSWORD=bench-password-1 FANMAIL_SANDBOX_MIRROR=false
export FANMAIL_SANDBOX_ENABLED=true FANMAIL_BENCH_ENABLED=true FANMAIL_SANDBOX_API_BASE_URL="$sandbox"
export FANMAIL_WECHAT_RATE_PER_ACCOUNT="${RATE:-100000}" FANMAIL_WECHAT_MAX_IN_FLIGHT_PER_ACCOUNT="${PER_ACCOUNT:-1024}"
export JAVA_OPTS="-Xms512m -Xmx1g -Djava.net.preferIPv4Stack=true"
bench_start_server "$root" "$base"
bench_wait_ready "$base"
url=http://127.0.0.1:8280
jar="$base/cookies"
curl -fs -c "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
  -d '{"username":"admin","password":"bench-password-1"}' "$url/api/session" >/dev/null
app_id="wx$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
secret=0123456789abcdef0123456789abcdef
curl -fs -o /dev/null -H 'Content-Type: application/json' -d "{\"appId\":\"$app_id\",\"appSecret\":\"$secret\",\"token\":\"Tok0000\",
  \"encryptionMode\":\"PLAIN\",\"type\":\"SERVICE\",\"verified\":true,\"originalId\":\"gh_0123456789ab\",
  \"limits\":{\"templateDailyQuota\":100000000}}" "$sandbox/_sandbox/accounts"
curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"count":1000,"seed":42}' "$sandbox/_sandbox/accounts/$app_id/fans:seed"
created=$(curl -fs -b "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' -d "{\"query\":\"mutation(\$i: AccountCreateInput!) { accountCreate(input: \$i) { account { id } userErrors { code message } } }\",\"variables\":{\"i\":{\"name\":\"Bench\",\"originalId\":\"gh_0123456789ab\",\"appId\":\"$app_id\",\"appSecret\":\"$secret\",\"token\":\"Tok0000\",\"type\":\"SERVICE\",\"verified\":true,\"encryptionMode\":\"PLAIN\",\"apiTarget\":\"WECHAT\",\"apiBaseUrl\":\"$sandbox\"}}}" "$url/graphql")
account=$(jq -r '.data.accountCreate.account.id // empty' <<<"$created")
[ -n "$account" ] || bench_fail "account not created: $created"
pid="$(bench_java_pid)"
run() { # run COUNT: one run, its JSON on stdout
  curl -sS --fail-with-body -b "$jar" -H 'X-Fanmail-Csrf: 1' -X POST \
    "$url/api/bench/wechat/template-sends?account=$account&count=$1&inFlight=$in_flight"
}
echo "machine: $(nproc) cores, shared with other work; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sandbox: $sandbox; rate-per-account $FANMAIL_WECHAT_RATE_PER_ACCOUNT/s, max-in-flight-per-account $FANMAIL_WECHAT_MAX_IN_FLIGHT_PER_ACCOUNT, $in_flight in flight, $count sends per run"
for latency in ${LATENCIES:-0 200}; do
  if [ "$latency" = 0 ]; then
    curl -fs -o /dev/null -X DELETE "$sandbox/_sandbox/accounts/$app_id/faults"
  else
    curl -fs -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"latencyMs\":$latency,\"apis\":[\"message/template/send\"]}" "$sandbox/_sandbox/accounts/$app_id/faults"
  fi
  run $((count / 4)) >/dev/null # warm-up
  rates=()
  for i in $(seq 1 "$runs"); do
    cpu_before=$(awk '{print $14+$15}' "/proc/$pid/stat")
    out=$(run "$count")
    cpu_after=$(awk '{print $14+$15}' "/proc/$pid/stat")
    echo "latency ${latency} ms run $i: $(jq -c '{sendsPerSecond, failures, failureKinds, seconds, fanmailThreadsForSends, clientThreadNames, fanmailCpuMicrosPerSend, callerCpuMicrosPerSend, processCpuMicrosPerSend, jvmPeakThreads}' <<<"$out") server-process-cpu-s=$(echo "scale=2; ($cpu_after - $cpu_before) / $(getconf CLK_TCK)" | bc) load=$(cut -d' ' -f1 /proc/loadavg)"
    rates+=("$(jq -r .sendsPerSecond <<<"$out")")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "latency ${latency} ms: median of $runs runs = $median sends/s (bound at this latency: $([ "$latency" = 0 ] && echo "none" || echo "$((in_flight * 1000 / latency))/s"))"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
