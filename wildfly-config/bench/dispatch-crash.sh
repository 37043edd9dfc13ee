#!/usr/bin/env bash
# Crash test of the dispatch engine on the two-server harness (harness.sh): Fanmail and the WeChat sandbox in separate
# WildFly processes. A correctness test, not a benchmark: exits non-zero when a check fails.
#
# Seeds FANS fans (default 20,000) in the sandbox, syncs them into Fanmail, creates and starts a template job to all of
# them through GraphQL (dispatchCreate, dispatchStart), and when the sandbox has accepted between KILL_FROM and KILL_TO
# of the messages (default 30 %–60 %; the kill happens at the first poll past KILL_FROM) kills Fanmail with kill -9.
# It prints what was sent and what Fanmail had in flight (SENDING, claimed by the dead process), starts Fanmail again
# on the same database, waits until the job is COMPLETED and checks against the sandbox's ledger (dispatch-lib.sh):
# every recipient sent, the sandbox accepted exactly one message per recipient (0 duplicates, 0 lost) and each
# recipient's msgid is the sandbox's. The recipients the dead process had claimed are taken up again when their lease
# runs out (LEASE, fanmail.dispatch.lease, default PT30S here: Fanmail's default PT2M only makes the test wait longer)
# and resent with the same client_msg_id, which the sandbox, like WeChat, answers with the first send's msgid.
#
# Needs: see harness.sh and lib.sh (psql as a password-less superuser, curl, bc, python3), jq, the built tree
# (backend/app/target/fanmail.war, backend/sandbox/target/wechat-sandbox.war, wildfly-config/target/server).
# Usage: wildfly-config/bench/dispatch-crash.sh [FANS=20000]
# Env:   KILL_FROM, KILL_TO (shares of the job the sandbox accepted, default 0.3 and 0.6), LEASE (default PT30S),
#        LATENCY_MS (latency injected on message/template/send, default 0), PUSHES (on|off, delivery reports, default on:
#        those pushed while Fanmail is down fail and are retried by the sandbox), SEND_TIMEOUT (seconds, default 600),
#        BENCH_PORT_OFFSET (default 200; the sandbox's HARNESS_SANDBOX_OFFSET, default +100), BENCH_DB (default
#        fanmail_bench), HARNESS_FANMAIL_ENV.
# Run: wildfly-config/bench/dispatch-crash.sh (before closing issue 12; about 2 minutes plus the build).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
. "$root/wildfly-config/bench/dispatch-lib.sh"
fans="${1:-20000}"
kill_from="${KILL_FROM:-0.3}"
kill_to="${KILL_TO:-0.6}"
lease="${LEASE:-PT30S}"
latency="${LATENCY_MS:-0}"
pushes="${PUSHES:-on}"
send_timeout="${SEND_TIMEOUT:-600}"
case "$pushes" in on|off) ;; *) bench_fail "PUSHES must be on or off" ;; esac

HARNESS_FANMAIL_ENV="${HARNESS_FANMAIL_ENV:-} FANMAIL_DISPATCH_LEASE=$lease"
trap harness_stop EXIT
harness_start "$root"
harness_login
dispatch_setup DispatchCrash "$fans"
[ "$pushes" = on ] || curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"suppressedPushes":["TEMPLATESENDJOBFINISH"]}' "$DISPATCH_CTL/outcomes"
[ "$latency" = 0 ] || curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"latencyMs\":$latency,\"apis\":[\"message/template/send\"]}" "$DISPATCH_CTL/faults"
echo "settings:   $fans recipients, lease $lease, latency $latency ms, delivery reports $pushes; kill -9 between $kill_from and $kill_to of the job accepted by the sandbox"

job=$(dispatch_create)
t0=$(date +%s.%N)
dispatch_start "$job"
low=$(echo "$fans * $kill_from / 1" | bc)
high=$(echo "$fans * $kill_to / 1" | bc)
while :; do
  accepted=$(dispatch_ledger_sent "$job")
  [ "$accepted" -lt "$low" ] || break
  [ "$(dispatch_state "$job")" != COMPLETED ] || bench_fail "the job completed before it could be killed: raise FANS or LATENCY_MS"
  sleep 0.1
done
harness_kill_fanmail
t_kill=$(date +%s.%N)
accepted=$(dispatch_ledger_sent "$job")
echo "kill -9:    Fanmail killed $(printf '%.1f' "$(echo "$t_kill - $t0" | bc)") s after the start; the sandbox had accepted $accepted of $fans ($(printf '%.0f' "$(echo "100 * $accepted / $fans" | bc -l)") %)"
echo "at the kill: $(dispatch_counts "$job" | tr '\n' ' ')(rows as stored: SENDING = claimed by the dead process, results not yet written are SENDING too)"
if [ "$accepted" -gt "$high" ]; then
  echo "bench: the kill came after $kill_to of the job (polling too slow for this rate): the check still runs" >&2
fi
harness_start_fanmail
t_up=$(date +%s.%N)
echo "restart:    Fanmail up again after $(printf '%.1f' "$(echo "$t_up - $t_kill" | bc)") s (pid $HARNESS_FANMAIL_PID)"
dispatch_wait_sent "$job" "$send_timeout"
t_done=$(date +%s.%N)
echo "completed:  $(printf '%.1f' "$(echo "$t_done - $t_up" | bc)") s after the restart ($(printf '%.1f' "$(echo "$t_done - $t0" | bc)") s after the start)"
echo "taken over: $(dispatch_sql "select count(*) from dispatch.recipient where job_id = '$job' and first_attempt_at < to_timestamp($t_kill) and sent_at > to_timestamp($t_kill)") recipients claimed before the kill were sent after the restart, with their first client_msg_id"
dispatch_check "$job"
