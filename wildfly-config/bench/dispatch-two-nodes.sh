#!/usr/bin/env bash
# Two Fanmail nodes on one PostgreSQL share one dispatch job, on the two-server harness (harness.sh) plus a second
# Fanmail node (harness_start_node2): three WildFly processes on loopback. A correctness test with a few numbers:
# exits non-zero when a check fails.
#
# Seeds FANS fans (default 100,000) in the sandbox, syncs them into Fanmail, creates and starts a template job to all
# of them through node 1's GraphQL (dispatchCreate, dispatchStart). Both nodes' engines claim the job's recipients from
# the shared work queue. Node 2 addresses the sandbox as localhost, node 1 as 127.0.0.1, and the sandbox's ledger counts
# each job's messages by the host the sender addressed (ledger:page counts.byVia): that is each node's share (dispatch
# records no claiming node). When the sandbox has accepted KILL_AT of the job (default 0.4), node 2 is killed with
# kill -9; node 1 goes on with its own recipients and takes node 2's claimed ones after their lease (LEASE,
# fanmail.dispatch.lease, default PT30S here), resending them with the same client_msg_id.
# Prints each node's share before the kill and at the end, the rows node 2 held when it died, and how long node 1 took
# after the kill; then checks against the ledger (dispatch-lib.sh): both nodes sent a share, the job COMPLETED, every
# recipient sent, exactly one message per recipient in the sandbox (0 duplicates, 0 lost), each msgid the sandbox's.
#
# Needs: see harness.sh and lib.sh (psql as a password-less superuser, curl, bc, python3), jq, the built tree
# (backend/app/target/fanmail.war, backend/sandbox/target/wechat-sandbox.war, wildfly-config/target/server).
# Usage: wildfly-config/bench/dispatch-two-nodes.sh [FANS=100000]
# Env:   KILL_AT (share of the job accepted by the sandbox when node 2 is killed, default 0.4; KILL_AT=none runs both
#        nodes to the end), LEASE (default PT30S), LATENCY_MS (injected on message/template/send, default 0),
#        PUSHES (on|off, delivery reports to node 1, default off: the check is about sends), SEND_TIMEOUT (seconds,
#        default 900), BENCH_PORT_OFFSET (node 1, default 200), HARNESS_NODE2_OFFSET (default node 1's + 50),
#        HARNESS_SANDBOX_OFFSET (default node 1's + 100), BENCH_DB (default fanmail_bench), HARNESS_FANMAIL_ENV (both
#        nodes), HARNESS_NODE2_ENV (node 2 only).
# Smoke run: wildfly-config/bench/dispatch-two-nodes.sh 10000
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
. "$root/wildfly-config/bench/dispatch-lib.sh"
fans="${1:-100000}"
kill_at="${KILL_AT:-0.4}"
lease="${LEASE:-PT30S}"
latency="${LATENCY_MS:-0}"
pushes="${PUSHES:-off}"
send_timeout="${SEND_TIMEOUT:-900}"
case "$pushes" in on|off) ;; *) bench_fail "PUSHES must be on or off" ;; esac

HARNESS_FANMAIL_ENV="${HARNESS_FANMAIL_ENV:-} FANMAIL_DISPATCH_LEASE=$lease"
trap harness_stop EXIT
harness_start "$root"
harness_login
dispatch_setup DispatchTwoNodes "$fans"
[ "$pushes" = on ] || curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"suppressedPushes":["TEMPLATESENDJOBFINISH"]}' "$DISPATCH_CTL/outcomes"
[ "$latency" = 0 ] || curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"latencyMs\":$latency,\"apis\":[\"message/template/send\"]}" "$DISPATCH_CTL/faults"
harness_start_node2
node1_via="127.0.0.1:$(bench_http_port "$HARNESS_SANDBOX_OFFSET")"
node2_via="${HARNESS_NODE2_SANDBOX_HOST:-localhost}:$(bench_http_port "$HARNESS_SANDBOX_OFFSET")"
echo "settings:   $fans recipients, lease $lease, latency $latency ms, delivery reports $pushes; node 1 pid $HARNESS_FANMAIL_PID, node 2 pid $HARNESS_NODE2_PID; kill -9 of node 2 at ${kill_at}"

# shares [LEDGER_COUNTS]: "node1 node2" from the ledger's byVia counts
shares() { jq -r --arg a "$node1_via" --arg b "$node2_via" '"\(.byVia[$a] // 0) \(.byVia[$b] // 0)"' <<<"$1"; }
pct() { printf '%.0f' "$(echo "100 * $1 / ($2 + 0.000001)" | bc -l)"; }

job=$(dispatch_create)
t0=$(date +%s.%N)
dispatch_start "$job"
status=0
if [ "$kill_at" != none ]; then
  low=$(echo "$fans * $kill_at / 1" | bc)
  while :; do
    accepted=$(dispatch_ledger_sent "$job")
    [ "$accepted" -lt "$low" ] || break
    [ "$(dispatch_state "$job")" != COMPLETED ] || bench_fail "the job completed before node 2 could be killed: raise FANS or LATENCY_MS"
    sleep 0.25
  done
  harness_kill_node2
  t_kill=$(date +%s.%N)
  ledger=$(dispatch_ledger "$job")
  read -r a b < <(shares "$ledger")
  echo "kill -9:    node 2 killed $(printf '%.1f' "$(echo "$t_kill - $t0" | bc)") s after the start; the sandbox had accepted $(jq -r .total <<<"$ledger") of $fans: node 1 $a ($(pct "$a" "$((a + b))") %), node 2 $b ($(pct "$b" "$((a + b))") %)"
  echo "at the kill: $(dispatch_counts "$job" | tr '\n' ' ')(SENDING: claimed by either node, results not yet written)"
  [ "$a" -gt 0 ] && [ "$b" -gt 0 ] || { echo "CHECK FAILED: both nodes should have sent a share before the kill"; status=1; }
fi
dispatch_wait_sent "$job" "$send_timeout"
t_done=$(date +%s.%N)
ledger=$(dispatch_ledger "$job")
read -r a b < <(shares "$ledger")
echo "completed:  $(printf '%.1f' "$(echo "$t_done - $t0" | bc)") s after the start${t_kill:+, $(printf '%.1f' "$(echo "$t_done - $t_kill" | bc)") s after the kill (lease $lease)}"
echo "shares:     node 1 (sandbox addressed as $node1_via) $a messages ($(pct "$a" "$((a + b))") %), node 2 ($node2_via) $b ($(pct "$b" "$((a + b))") %)"
if [ -n "${t_kill:-}" ]; then
  # a recipient sent a lease or more after its first claim was claimed again when the lease ran out (no faults here)
  echo "taken over: $(dispatch_sql "select count(*) from dispatch.recipient where job_id = '$job' and first_attempt_at < to_timestamp($t_kill) and sent_at >= first_attempt_at + cast('$lease' as interval) - interval '1 second'") recipients claimed before the kill were sent a lease ($lease) or more after that claim (node 2's, taken over by node 1 with the same client_msg_id)"
else
  [ "$a" -gt 0 ] && [ "$b" -gt 0 ] || { echo "CHECK FAILED: both nodes should have sent a share"; status=1; }
fi
dispatch_check "$job" || status=1
exit "$status"
