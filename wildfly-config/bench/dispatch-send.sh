#!/usr/bin/env bash
# Dispatch benchmark on the two-server harness (harness.sh): Fanmail and the WeChat sandbox in separate WildFly
# processes, Fanmail sending to the sandbox over loopback HTTP as to WeChat. Prints numbers; asserts nothing but the
# ledger check (it still prints when that fails, and exits non-zero).
#
# Seeds FANS fans in the sandbox, syncs them into Fanmail (fanSyncStart FOLLOWERS), adds TM00015, then per injected
# latency (LATENCIES, default "0 200" ms on message/template/send) and run (RUNS): asks for the pre-flight plan
# (dispatchPlan), creates a template job to all fans (dispatchCreate → PLANNED), starts it (dispatchStart) and waits
# until it is COMPLETED, with the sandbox pushing a TEMPLATESENDJOBFINISH delivery report for every message (PUSHES=on).
# Per run it prints:
#   - plan seconds, creation seconds (the dispatchCreate call), start → every recipient sent (the job's finished_at),
#     plan → every recipient sent (target for 100,000: <= 120 s);
#   - sustained sends/s: recipients sent between the 10th and the 90th percentile of their sent_at ÷ that time (the
#     ramp-up and the tail excluded), and the average over the whole job;
#   - with latency: the bound, in-flight limit ÷ latency (in flight per job and node: min(BATCH, PER_ACCOUNT)), and the
#     sustained rate's share of it (target >= 90 % at 200 ms); at 0 ms the target is >= 2,000/s;
#   - CPU seconds during create + send of Fanmail's process, the sandbox's process and PostgreSQL: the backends serving
#     the benchmark's database (read from /proc by their process titles, sampled every 0.25 s) and the whole PostgreSQL
#     server (every postgres process and the children it reaped: includes other databases' work on a shared machine);
#   - delivery reports matched when the job completed and after up to 30 s more;
#   - the ledger check (dispatch-lib.sh): the sandbox accepted exactly one message per recipient (its count = the
#     job's sent count, 0 duplicates by client_msg_id) and every recipient's msgid is the sandbox's.
# Rate limit: at 0 ms the runs measure capacity, so Fanmail's per-account rate limit is lifted (RATE_AT_0, default
# 100000/s); with latency the runs use Fanmail's default (RATE, 1500/s). Fanmail restarts between latencies when the
# rate differs (the sandbox, its account, the fans and the database stay).
#
# Needs: see harness.sh and lib.sh (psql as a password-less superuser, curl, bc, python3), jq, the built tree
# (backend/app/target/fanmail.war, backend/sandbox/target/wechat-sandbox.war, wildfly-config/target/server).
# Usage: wildfly-config/bench/dispatch-send.sh [FANS=100000]
# Env:   LATENCIES (default "0 200"), RUNS (jobs per latency, default 1; the first run of a fresh JVM includes JIT
#        warm-up), PUSHES (on|off, default on: delivery reports), RATE (default 1500), RATE_AT_0 (default 100000),
#        BATCH (fanmail.dispatch.batch-size, default 200), PER_ACCOUNT (fanmail.wechat.max-in-flight-per-account,
#        default 256), SEND_TIMEOUT (seconds a job may take, default 900), BENCH_PORT_OFFSET (default 200; the
#        sandbox's HARNESS_SANDBOX_OFFSET, default +100), BENCH_DB (default fanmail_bench), HARNESS_FANMAIL_ENV.
# Smoke run: wildfly-config/bench/dispatch-send.sh 5000
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
. "$root/wildfly-config/bench/dispatch-lib.sh"
fans="${1:-100000}"
latencies="${LATENCIES:-0 200}"
runs="${RUNS:-1}"
pushes="${PUSHES:-on}"
rate="${RATE:-1500}"
rate_at_0="${RATE_AT_0:-100000}"
batch="${BATCH:-200}"
per_account="${PER_ACCOUNT:-256}"
send_timeout="${SEND_TIMEOUT:-900}"
case "$pushes" in on|off) ;; *) bench_fail "PUSHES must be on or off" ;; esac
rate_for() { if [ "$1" = 0 ]; then echo "$rate_at_0"; else echo "$rate"; fi; }
in_flight=$(( batch < per_account ? batch : per_account ))

base_env="${HARNESS_FANMAIL_ENV:-} FANMAIL_DISPATCH_BATCH_SIZE=$batch FANMAIL_WECHAT_MAX_IN_FLIGHT_PER_ACCOUNT=$per_account"
current_rate=$(rate_for "${latencies%% *}")
HARNESS_FANMAIL_ENV="$base_env FANMAIL_WECHAT_RATE_PER_ACCOUNT=$current_rate"
trap 'pg_cpu_stop; harness_stop' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
harness_start "$root"
harness_login
dispatch_setup DispatchBench "$fans"
if [ "$pushes" = off ]; then
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"suppressedPushes":["TEMPLATESENDJOBFINISH"]}' "$DISPATCH_CTL/outcomes" \
    || bench_fail "could not suppress the sandbox's TEMPLATESENDJOBFINISH pushes"
fi
echo "machine:    $(nproc) cores; load average before start: $load_before"
echo "settings:   $fans recipients per job; batch (in flight per job and node) $batch, max in flight per account $per_account, rate per account $rate_at_0/s at 0 ms and $rate/s with latency; delivery reports $pushes"

now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }
status=0
for latency in $latencies; do
  if [ "$(rate_for "$latency")" != "$current_rate" ]; then
    current_rate=$(rate_for "$latency")
    harness_stop_fanmail
    HARNESS_FANMAIL_ENV="$base_env FANMAIL_WECHAT_RATE_PER_ACCOUNT=$current_rate" harness_start_fanmail
    harness_login
  fi
  if [ "$latency" = 0 ]; then
    curl -fs -o /dev/null -X DELETE "$DISPATCH_CTL/faults"
  else
    curl -fs -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"latencyMs\":$latency,\"apis\":[\"message/template/send\"]}" "$DISPATCH_CTL/faults" || bench_fail "could not inject latency"
  fi
  for run in $(seq 1 "$runs"); do
    echo "--- latency $latency ms, run $run (rate limit $current_rate/s per account)"
    f0=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s0=$(cpu_seconds "$HARNESS_SANDBOX_PID"); pg_cpu_start
    t_plan=$(now)
    reachable=$(dispatch_plan)
    t_create=$(now)
    job=$(dispatch_create)
    t_start=$(now)
    dispatch_start "$job"
    dispatch_wait_sent "$job" "$send_timeout"
    t_seen=$(now)
    pg_cpu_stop
    f1=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s1=$(cpu_seconds "$HARNESS_SANDBOX_PID")
    # the job's own times (the same machine's clock) and its sent_at distribution
    read -r finished p10 p90 first last sent < <(dispatch_sql "select extract(epoch from j.finished_at),
        extract(epoch from percentile_disc(0.1) within group (order by r.sent_at)), extract(epoch from percentile_disc(0.9) within group (order by r.sent_at)),
        extract(epoch from min(r.sent_at)), extract(epoch from max(r.sent_at)), count(r.sent_at)
        from dispatch.job j join dispatch.recipient r on r.job_id = j.id where j.id = '$job' group by j.finished_at" | tr '|' ' ')
    sustained=$(echo "0.8 * $sent / ($p90 - $p10)" | bc -l)
    average=$(echo "$sent / ($last - $first)" | bc -l)
    echo "plan:       $(secs "$t_plan" "$t_create") s ($reachable reachable)"
    echo "creation:   $(secs "$t_create" "$t_start") s (dispatchCreate, $fans recipients; target for 100,000: <= 2 s)"
    echo "sending:    start → all sent $(secs "$t_start" "$finished") s; plan → all sent $(secs "$t_plan" "$finished") s (target for 100,000: <= 120 s); seen COMPLETED after $(secs "$t_start" "$t_seen") s"
    if [ "$latency" = 0 ]; then
      echo "rate:       sustained $(printf '%.0f' "$sustained") sends/s (10th–90th percentile of sent_at), average $(printf '%.0f' "$average")/s first to last; no latency bound (target: >= 2,000/s)"
    else
      bound=$(echo "$in_flight * 1000 / $latency" | bc -l)
      echo "rate:       sustained $(printf '%.0f' "$sustained") sends/s (10th–90th percentile of sent_at), average $(printf '%.0f' "$average")/s; bound $in_flight in flight ÷ ${latency} ms = $(printf '%.0f' "$bound")/s: $(printf '%.0f' "$(echo "100 * $sustained / $bound" | bc -l)") % of it (target >= 90 %)"
    fi
    echo "cpu:        Fanmail $(echo "$f1 - $f0" | bc) s, sandbox $(echo "$s1 - $s0" | bc) s, PostgreSQL $PG_CPU_DB s in $BENCH_DB's backends ($PG_CPU_ALL s whole server, all databases) — create + send"
    if [ "$pushes" = on ]; then
      reported() { dispatch_sql "select count(*) from dispatch.recipient where job_id = '$job' and report_status is not null"; }
      at_end=$(reported)
      for _ in $(seq 1 150); do [ "$(reported)" -ge "$sent" ] && break; sleep 0.2; done
      echo "reports:    $at_end of $sent matched when the job completed, $(reported) after $(secs "$t_seen" "$(now)") s more"
    fi
    dispatch_check "$job" || status=1
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
