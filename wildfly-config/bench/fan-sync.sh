#!/usr/bin/env bash
# Fan sync benchmark on the two-server harness (harness.sh): Fanmail and the WeChat sandbox in separate WildFly
# processes, Fanmail calling the sandbox over loopback HTTP as it calls WeChat.
#
# 1. Full sync: seeds FANS fans with TAGS tags in the sandbox (shares 30 %, 10 %, 5 %, ...), starts a FOLLOWERS sync
#    through GraphQL (fanSyncStart), polls fanSyncs until it ends and prints the seconds end to end (start mutation to
#    SUCCEEDED seen), fans/s, the seconds of each phase (as seen by polling), the CPU seconds of each process and the
#    check that Fanmail's fan table holds exactly the sandbox's followers and tag memberships. Target: 1,000,000 fans
#    in 30 s or less.
# 2. Details enrichment: with LATENCY_MS of latency injected on user/info/batchget in the sandbox, starts a DETAILS
#    sync, lets it run DETAILS_SECONDS (or to the end), cancels it, and prints fans/s against its bound:
#    calls in flight (fanmail.audiences.details-in-flight, IN_FLIGHT) x 100 fans per call / latency.
#
# Needs: see harness.sh and lib.sh (psql as a password-less superuser, curl, bc, python3), jq, the built tree
# (backend/app/target/fanmail.war, backend/sandbox/target/wechat-sandbox.war, wildfly-config/target/server).
# Usage: wildfly-config/bench/fan-sync.sh [FANS=1000000] [TAGS=3]
# Env:   IN_FLIGHT (details calls in flight, default 8), LATENCY_MS (injected batchget latency, default 50),
#        DETAILS_SECONDS (how long the details run is measured, default 20), BENCH_PORT_OFFSET (default 200).
# Smoke run: wildfly-config/bench/fan-sync.sh 50000 3 (DETAILS_SECONDS=5).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
fans="${1:-1000000}"
tags="${2:-3}"
in_flight="${IN_FLIGHT:-8}"
latency_ms="${LATENCY_MS:-50}"
details_seconds="${DETAILS_SECONDS:-20}"
command -v jq >/dev/null || bench_fail "jq is not installed (apt-get install jq)"

HARNESS_FANMAIL_ENV="FANMAIL_AUDIENCES_DETAILS_IN_FLIGHT=$in_flight ${HARNESS_FANMAIL_ENV:-}"
trap harness_stop EXIT
harness_start "$root"
harness_login
app_id=$(harness_create_account "FanSyncBench" 1)

# the account's Fanmail id
account_id=$(harness_graphql "$(jq -nc --arg s "$app_id" '{query: "query($s: String) { accounts(search: $s) { edges { node { id appId } } } }", variables: {s: $s}}')" \
  | jq -r --arg a "$app_id" '.data.accounts.edges[].node | select(.appId == $a) | .id')
[ -n "$account_id" ] || bench_fail "account $app_id not found in Fanmail"

# seed FANS fans with TAGS tags
shares=(0.3 0.1 0.05 0.2 0.15 0.02 0.01)
tag_json=$(for i in $(seq 0 $((tags - 1))); do
  jq -nc --arg n "bench-tag-$i" --argjson s "${shares[$((i % ${#shares[@]}))]}" '{name: $n, share: $s}'
done | jq -sc .)
seeded=$(curl -fs -H 'Content-Type: application/json' -d "{\"count\":$fans,\"seed\":42,\"tags\":$tag_json}" \
  "$HARNESS_SANDBOX_CONTROL/accounts/$app_id/fans:seed") || bench_fail "seeding failed"
echo "seeded:     $fans fans, tags $(jq -c '[.tags[] | {name, count}]' <<<"$seeded") in $(jq -r .timings.seedMillis <<<"$seeded") ms"

sync_fields='id kind status phase done total startedAt finishedAt errorCode errorMessage'
start_sync() { # KIND -> run id
  local answer
  answer=$(harness_graphql "$(jq -nc --arg a "$account_id" --arg k "$1" \
    --arg q "mutation(\$i: FanSyncStartInput!) { fanSyncStart(input: \$i) { sync { $sync_fields } userErrors { code message } } }" \
    '{query: $q, variables: {i: {accountId: $a, kind: $k}}}')")
  jq -e '.data.fanSyncStart.userErrors == []' <<<"$answer" >/dev/null || bench_fail "fanSyncStart refused: $answer"
  jq -r .data.fanSyncStart.sync.id <<<"$answer"
}
sync_state() { # RUN_ID -> the run as JSON
  harness_graphql "$(jq -nc --arg a "$account_id" --arg q "query(\$a: ID!) { fanSyncs(accountId: \$a) { $sync_fields } }" \
    '{query: $q, variables: {a: $a}}')" | jq -c --arg id "$1" '.data.fanSyncs[] | select(.id == $id)'
}
now() { date +%s.%N; }

# ---------------------------------------------------------------- full sync
f0=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s0=$(cpu_seconds "$HARNESS_SANDBOX_PID")
t0=$(now)
run=$(start_sync FOLLOWERS)
phase=""; phase_t=$t0; phases=""
while :; do
  state=$(sync_state "$run")
  status=$(jq -r .status <<<"$state")
  p=$(jq -r .phase <<<"$state")
  if [ "$p" != "$phase" ]; then
    t=$(now)
    [ -n "$phase" ] && phases="$phases $phase $(printf '%.1f' "$(echo "$t - $phase_t" | bc)")s"
    phase=$p; phase_t=$t
  fi
  [ "$status" = "RUNNING" ] || break
  sleep 0.2
done
t1=$(now)
phases="$phases $phase $(printf '%.1f' "$(echo "$t1 - $phase_t" | bc)")s"
[ "$status" = "SUCCEEDED" ] || bench_fail "full sync ended $status: $state"
secs=$(echo "$t1 - $t0" | bc)
echo "full sync:  $fans fans in $(printf '%.2f' "$secs") s = $(printf '%.0f' "$(echo "$fans / $secs" | bc -l)") fans/s (target: 1,000,000 in <= 30 s)"
echo "phases:    $phases (as polled every 0.2 s)"
harness_cpu_report "$f0" "$s0"
# check: Fanmail holds exactly the sandbox's followers and memberships
held=$(bench_psql -d fanmail_bench -c "select count(*) from audiences.fan where account_id = '$account_id' and subscribed")
memberships=$(bench_psql -d fanmail_bench -c "select coalesce(sum(cardinality(tag_ids)), 0) from audiences.fan where account_id = '$account_id'")
expected=$(jq '[.tags[].count] | add // 0' <<<"$seeded")
echo "check:      $held subscribed fans (expected $fans), $memberships tag memberships (expected $expected)"
[ "$held" = "$fans" ] && [ "$memberships" = "$expected" ] || bench_fail "the fan table does not match the sandbox"

# ---------------------------------------------------------------- details enrichment
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"latencyMs\":$latency_ms,\"apis\":[\"cgi-bin/user/info/batchget\"]}" "$HARNESS_SANDBOX_CONTROL/accounts/$app_id/faults" \
  || bench_fail "could not inject latency"
f0=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s0=$(cpu_seconds "$HARNESS_SANDBOX_PID")
t0=$(now)
run=$(start_sync DETAILS)
end=$(echo "$t0 + $details_seconds" | bc)
while :; do
  state=$(sync_state "$run")
  status=$(jq -r .status <<<"$state")
  [ "$status" = "RUNNING" ] || break
  if [ "$(echo "$(now) > $end" | bc)" = "1" ]; then
    state=$(harness_graphql "$(jq -nc --arg id "$run" --arg q "mutation(\$i: FanSyncCancelInput!) { fanSyncCancel(input: \$i) { sync { $sync_fields } } }" \
      '{query: $q, variables: {i: {syncId: $id}}}')" | jq -c .data.fanSyncCancel.sync)
    break
  fi
  sleep 0.2
done
t1=$(now)
done_fans=$(jq -r .done <<<"$state")
secs=$(echo "$t1 - $t0" | bc)
rate=$(echo "$done_fans / $secs" | bc -l)
bound=$(echo "$in_flight * 100 * 1000 / $latency_ms" | bc -l)
echo "details:    $done_fans fans in $(printf '%.2f' "$secs") s = $(printf '%.0f' "$rate") fans/s; bound at ${latency_ms} ms latency with $in_flight calls in flight: $(printf '%.0f' "$bound") fans/s ($(printf '%.0f' "$(echo "100 * $rate / $bound" | bc -l)") %)"
harness_cpu_report "$f0" "$s0"
filled=$(bench_psql -d fanmail_bench -c "select count(*) from audiences.fan where account_id = '$account_id' and details_synced_at is not null and language is not null")
echo "check:      $filled fans with details stored (run says $done_fans)"
