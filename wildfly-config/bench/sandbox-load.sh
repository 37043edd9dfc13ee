#!/usr/bin/env bash
# The WeChat sandbox as a load target, on the two-server harness (harness.sh: Fanmail and the sandbox in separate
# WildFly processes). Measures, from a separate process on loopback (wrk):
#   1. user/info/batchget (100 openids a call) served by the sandbox, calls/s;
#   2. message/template/send to the sandbox, each answered by a TEMPLATESENDJOBFINISH push to Fanmail's callback
#      endpoint (signed, SAFE mode): sends/s accepted and pushes/s delivered (the sandbox's push log), with the push
#      backlog drained before the rate is taken;
#   2b. the same with the pushes going to a receiver that only answers success (the sandbox's /_sink): how fast the
#      sandbox itself pushes, without Fanmail's cost of ingesting each push;
#   3. a kill -9 of Fanmail: the sandbox's ledger and push counts are the same afterwards and after Fanmail's
#      restart (its sandbox mirror reconfigures the account without resetting it);
# and the CPU seconds each process used per phase. Prints numbers, asserts nothing about speed.
# Needs: see harness.sh and lib.sh, plus wrk (apt-get install wrk) and python3.
# Usage: wildfly-config/bench/sandbox-load.sh [connections=32] [seconds=20] [fans=100000]
#        (PUSH_SECONDS=N: how long the push phases send, default 3)
#        (BENCH_PORT_OFFSET=N: Fanmail on offset N, the sandbox on N+100)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
concurrency="${1:-32}"
seconds="${2:-20}"
fans="${3:-100000}"
# the push phases send for this long only: the sandbox accepts sends far faster than pushes can be delivered, and the
# rate is taken until the backlog has drained
push_seconds="${PUSH_SECONDS:-3}"
command -v wrk >/dev/null || bench_fail "wrk is not installed (apt-get install wrk)"
trap harness_stop EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
harness_start "$root"
harness_login
app_id=$(harness_create_account Load "$fans")
secret=0123456789abcdef0123456789abcdef
sbx="$HARNESS_SANDBOX_URL"
ctl="$HARNESS_SANDBOX_CONTROL/accounts/$app_id"
# quotas out of the way of a benchmark
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d '{"limits":{"templateDailyQuota":1000000000,"tokenDailyQuota":1000000}}' "$ctl/config"
token=$(curl -fs "$sbx/cgi-bin/token?grant_type=client_credential&appid=$app_id&secret=$secret" | json_field access_token)
[ -n "$token" ] || bench_fail "no access token from the sandbox"
work="$HARNESS_DIR/load"
mkdir -p "$work"
curl -fs "$sbx/cgi-bin/user/get?access_token=$token" | json_field data.openid >"$work/openids"
[ "$(wc -l <"$work/openids")" -ge 1000 ] || bench_fail "expected at least 1000 openids from user/get"

# 1. batchget: 100 openids a call
awk 'BEGIN { n = 0; line = "" }
     { line = line (n ? "," : "") "{\"openid\":\"" $1 "\",\"lang\":\"zh_CN\"}"; n++
       if (n == 100) { print "{\"user_list\":[" line "]}"; n = 0; line = "" } }' "$work/openids" | head -100 >"$work/batchget"
f0=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s0=$(cpu_seconds "$HARNESS_SANDBOX_PID")
wrk -t2 -c"$concurrency" -d5s -s "$root/wildfly-config/bench/replay.lua" \
  "$sbx/cgi-bin/user/info/batchget?access_token=$token" -- "$work/batchget" 2 >/dev/null
f1=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s1=$(cpu_seconds "$HARNESS_SANDBOX_PID")
echo "batchget (100 openids a call), ${seconds} s, $concurrency connections:"
wrk -t2 -c"$concurrency" -d"${seconds}s" --timeout 10s -s "$root/wildfly-config/bench/replay.lua" \
  "$sbx/cgi-bin/user/info/batchget?access_token=$token" -- "$work/batchget" 2 | grep -E '^(throughput|latency):'
harness_cpu_report "$f1" "$s1"

# 2. template sends, each pushing TEMPLATESENDJOBFINISH to Fanmail
template_id=$(curl -fs -H 'Content-Type: application/json' -d '{"template_id_short":"TM00015"}' \
  "$sbx/cgi-bin/template/api_add_template?access_token=$token" | json_field template_id)
[ -n "$template_id" ] || bench_fail "could not add a template in the sandbox"
data='{"first":{"value":"hi"},"keyword1":{"value":"1"},"keyword2":{"value":"2"},"keyword3":{"value":"3"},"keyword4":{"value":"4"}}'
head -5000 "$work/openids" | awk -v t="$template_id" -v d="$data" '{ print "{\"touser\":\"" $1 "\",\"template_id\":\"" t "\",\"data\":" d "}" }' >"$work/sends"
pushes_delivered() { curl -fs "$ctl/pushes?limit=1" | json_field byStatus.DELIVERED 0; }
pushes_total() { curl -fs "$ctl/pushes?limit=1" | json_field total; }
ledger_entries() { curl -fs "$ctl/ledger:summary" | json_field entries; }
followers() { curl -fs "$ctl" | json_field state.followers; }
template_sends() { curl -fs "$ctl/ledger:summary" | json_field byKind.template.total 0; }
# drain: wait until every template send so far has had its push recorded (delivered or failed)
drain() {
  local want
  want=$(template_sends)
  for _ in $(seq 1 1200); do
    [ "$(pushes_total)" -ge "$want" ] && return 0
    sleep 0.1
  done
  bench_fail "the sandbox's pushes did not catch up with its sends"
}
wrk -t2 -c"$concurrency" -d5s -s "$root/wildfly-config/bench/replay.lua" \
  "$sbx/cgi-bin/message/template/send?access_token=$token" -- "$work/sends" 2 >/dev/null
drain
p0=$(pushes_total); d0=$(pushes_delivered)
f1=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s1=$(cpu_seconds "$HARNESS_SANDBOX_PID")
echo "template sends (each a TEMPLATESENDJOBFINISH push to Fanmail), ${push_seconds} s, $concurrency connections:"
t0=$(date +%s.%N)
wrk -t2 -c"$concurrency" -d"${push_seconds}s" --timeout 10s -s "$root/wildfly-config/bench/replay.lua" \
  "$sbx/cgi-bin/message/template/send?access_token=$token" -- "$work/sends" 2 | grep -E '^(throughput|latency):'
t_load=$(date +%s.%N)
drain
t1=$(date +%s.%N)
p1=$(pushes_total); d1=$(pushes_delivered)
echo "pushes:     $((p1 - p0)) recorded, $((d1 - d0)) delivered to Fanmail: $(echo "($d1 - $d0) / ($t1 - $t0)" | bc) pushes/s from the start of the load until the backlog drained ($(echo "scale=1; ($t1 - $t_load) / 1" | bc) s after the load)"
harness_cpu_report "$f1" "$s1"
inbox=$(bench_psql -d fanmail_bench -c "select count(*) from wechat.callback_inbox")
echo "Fanmail inbox: $inbox pushes stored"

# 2b. the same sends, the pushes going to a receiver that does nothing (the sandbox's /_sink, same process): the
# sandbox's own push rate (sign, encrypt, XML, HTTP), without the cost of Fanmail ingesting each push
fanmail_callback=$(curl -fs "$ctl" | json_field callbackUrl)
curl -fs -o /dev/null -H 'Content-Type: application/json' -d "{\"callbackUrl\":\"$sbx/_sink\"}" "$ctl/config" \
  || bench_fail "could not point the account's pushes at the sink"
p0=$(pushes_total); d0=$(pushes_delivered)
f1=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s1=$(cpu_seconds "$HARNESS_SANDBOX_PID")
echo "template sends, each a TEMPLATESENDJOBFINISH push to a receiver that only answers success, ${push_seconds} s, $concurrency connections:"
t0=$(date +%s.%N)
wrk -t2 -c"$concurrency" -d"${push_seconds}s" --timeout 10s -s "$root/wildfly-config/bench/replay.lua" \
  "$sbx/cgi-bin/message/template/send?access_token=$token" -- "$work/sends" 2 | grep -E '^(throughput|latency):'
t_load=$(date +%s.%N)
drain
t1=$(date +%s.%N)
p1=$(pushes_total); d1=$(pushes_delivered)
echo "pushes:     $((p1 - p0)) recorded, $((d1 - d0)) delivered to the sink: $(echo "($d1 - $d0) / ($t1 - $t0)" | bc) pushes/s from the start of the load until the backlog drained ($(echo "scale=1; ($t1 - $t_load) / 1" | bc) s after the load)"
harness_cpu_report "$f1" "$s1"
curl -fs -o /dev/null -H 'Content-Type: application/json' -d "{\"callbackUrl\":\"$fanmail_callback\"}" "$ctl/config" \
  || bench_fail "could not point the account's pushes back at Fanmail"

# 3. kill -9 of Fanmail: the sandbox keeps its state
ledger_before=$(ledger_entries); fans_before=$(followers)
harness_kill_fanmail
ledger_killed=$(ledger_entries)
harness_start_fanmail
sleep 2 # the mirror runs at start-up; give it a moment before reading the sandbox again
ledger_after=$(ledger_entries); fans_after=$(followers)
echo "kill -9:    sandbox ledger entries $ledger_before before, $ledger_killed with Fanmail dead, $ledger_after after its restart; fans $fans_before / $fans_after"
[ "$ledger_before" = "$ledger_killed" ] && [ "$ledger_before" = "$ledger_after" ] || { echo "the sandbox lost state" >&2; exit 1; }
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
