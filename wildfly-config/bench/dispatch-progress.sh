#!/usr/bin/env bash
# Live progress benchmark on the two-server harness (harness.sh): SUBSCRIBERS WebSocket subscriptions to
# dispatchProgress of one running template job (target: 500 subscribers, each >= 1 update/s, p95 lag <= 1 s). Prints
# numbers; asserts nothing but that it ran (exits non-zero when the run itself fails: a server, the setup, the job, or
# the client with no subscriber connected).
#
# Seeds FANS fans in the sandbox, syncs them into Fanmail and adds TM00015 (dispatch_setup), creates a template job to
# all fans (PLANNED), then ProgressSubscribers.java (JDK 17, no dependencies) opens SUBSCRIBERS WebSocket connections
# as Fanmail's UI does: ws://host/graphql, graphql-transport-ws, the harness admin's session cookie on the handshake and
# Fanmail's own Origin (WebSockets carry no CSRF header: Fanmail checks the Origin), one connection per subscriber,
# each subscribing to dispatchProgress(jobId) with the UI's selection. When every subscriber has its first item the job
# starts (dispatchStart) at Fanmail's per-account rate limit RATE (default 1500/s, Fanmail's default: 100,000 fans take
# about 67 s), and the client records every item until the subscriptions complete after the job's final item.
# All subscribers are one user, so Fanmail's cap of WebSockets per user and node
# (FANMAIL_IDENTITY_WS_MAX_CONNECTIONS_PER_USER, default 8) is raised to SUBSCRIBERS + 8 for the run.
#
# Lag: every DispatchProgress item carries `at`, the instant the node's coalesced poller read the job from PostgreSQL
# (one read per tick, fanmail.dispatch.progress-interval 0.25 s, shared by all subscribers). Client and server share
# the machine's clock, so lag = receive time − at is the delivery delay: hand-off to the delivery executor, rendering,
# each connection's outbox and socket, the client. Not in it: how old the counts were when read (up to one tick plus
# the batch's commit). That is the "freshness" line: for an item saying `done` = D, the time since the D-th recipient's
# sent_at (the job's recipients ordered by sent_at), i.e. since the job had really done D; it includes the commits'
# delay and the tick.
#
# Prints:
#   - connected: subscribers that got their first item, and how long connecting all of them took;
#   - items received in all; the SENDING window (first to last SENDING item any subscriber received);
#   - per subscriber: updates/s during the window (items ÷ window) min / median / max, and whole seconds of the window
#     in which a subscriber got no item; gaps between one subscriber's consecutive items p50 / p99 / max;
#   - lag (receive − at) p50 / p95 / p99 / max over all SENDING items; freshness p50 / p95 / max;
#   - errors: failed handshakes, GraphQL errors, closes before the final item (by close code), timeouts;
#   - send rate: sustained (recipients sent between the 10th and 90th percentile of sent_at ÷ that time) and average,
#     against the rate limit, so a reader sees what the subscribers cost the sending (compare SUBSCRIBERS=0);
#   - CPU seconds from dispatchStart to the last subscription's end: Fanmail's process, PostgreSQL's backends of the
#     benchmark database and the whole PostgreSQL server (lib.sh's pg_cpu_start/pg_cpu_stop), and the client's (until
#     the job was seen COMPLETED; it shares the machine's cores with the servers);
#   - the machine's load average before the harness started, before the job started, and after.
# SUBSCRIBERS=0 runs the same job without the client: the baseline for CPU and send rate.
#
# Needs: see harness.sh and lib.sh (psql as a password-less superuser, curl, bc, python3), jq, java 17 on the PATH,
# the built tree (backend/app/target/fanmail.war, backend/sandbox/target/wechat-sandbox.war, wildfly-config/target/server).
# Usage: wildfly-config/bench/dispatch-progress.sh [SUBSCRIBERS=500] [FANS=100000]
# Env:   RATE (Fanmail's per-account send rate, default 1500/s), SEND_TIMEOUT (seconds the job may take, default 900),
#        PUSHES (on|off, default on: the sandbox's delivery reports), BENCH_PORT_OFFSET (default 200; the sandbox's
#        HARNESS_SANDBOX_OFFSET, default +100), BENCH_DB (default fanmail_bench), HARNESS_FANMAIL_ENV, HARNESS_KEEP=1.
# Full run (the target): wildfly-config/bench/dispatch-progress.sh 500 100000
# Smoke run:             RATE=100 wildfly-config/bench/dispatch-progress.sh 20 3000
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
. "$root/wildfly-config/bench/dispatch-lib.sh"
subscribers="${1:-500}"
fans="${2:-100000}"
rate="${RATE:-1500}"
send_timeout="${SEND_TIMEOUT:-900}"
pushes="${PUSHES:-on}"
case "$subscribers" in ''|*[!0-9]*) bench_fail "SUBSCRIBERS must be a number" ;; esac
case "$pushes" in on|off) ;; *) bench_fail "PUSHES must be on or off" ;; esac
command -v java >/dev/null || bench_fail "java (17) is not on the PATH"
client="$root/wildfly-config/bench/ProgressSubscribers.java"

HARNESS_FANMAIL_ENV="${HARNESS_FANMAIL_ENV:-} FANMAIL_WECHAT_RATE_PER_ACCOUNT=$rate FANMAIL_IDENTITY_WS_MAX_CONNECTIONS_PER_USER=$((subscribers + 8))"
client_pid=
stop_client() { if [ -n "$client_pid" ]; then kill "$client_pid" 2>/dev/null || true; wait "$client_pid" 2>/dev/null || true; client_pid=; fi; }
trap 'stop_client; pg_cpu_stop; harness_stop' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
harness_start "$root"
harness_login
dispatch_setup ProgressBench "$fans"
if [ "$pushes" = off ]; then
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"suppressedPushes":["TEMPLATESENDJOBFINISH"]}' "$DISPATCH_CTL/outcomes" \
    || bench_fail "could not suppress the sandbox's TEMPLATESENDJOBFINISH pushes"
fi
echo "machine:    $(nproc) cores; load average before the harness started: $load_before"
echo "settings:   $subscribers subscribers of one job to $fans recipients; rate limit $rate/s per account; delivery reports $pushes"
job=$(dispatch_create)

now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }
work=$(mktemp -d "$HARNESS_DIR/progress.XXXXXX")
ready="$work/ready"; samples="$work/samples.csv"; out="$work/client.out"
if [ "$subscribers" -gt 0 ]; then
  cookie=$(awk -F'\t' '$6 == "fanmail_session" {print $6 "=" $7}' "$HARNESS_JAR")
  [ -n "$cookie" ] || bench_fail "no fanmail_session cookie in $HARNESS_JAR"
  # the client's JVM is sized for SUBSCRIBERS connections; it compiles the single file at start (a few seconds)
  java -Xmx512m -XX:+UseSerialGC "$client" "$HARNESS_FANMAIL_URL" "$cookie" "$job" "$subscribers" "$ready" "$samples" \
    "$send_timeout" >"$out" 2>"$work/client.err" &
  client_pid=$!
  until [ -s "$ready" ]; do
    kill -0 "$client_pid" 2>/dev/null || { cat "$out" "$work/client.err" >&2; bench_fail "the subscribers' client exited before it was ready"; }
    sleep 0.2
  done
  cat "$out"
  grep -qx '0' "$ready" && bench_fail "no subscriber connected"
fi
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
f0=$(cpu_seconds "$HARNESS_FANMAIL_PID")
c0=0; [ -z "$client_pid" ] || c0=$(cpu_seconds "$client_pid")
pg_cpu_start
t_start=$(now)
dispatch_start "$job"
dispatch_wait_sent "$job" "$send_timeout"
t_done=$(now)
client_status=0
if [ -n "$client_pid" ]; then
  c1=$(cpu_seconds "$client_pid" 2>/dev/null || echo "$c0")
  # the subscriptions complete right after the final item; the client then prints its numbers and exits
  wait "$client_pid" || client_status=$?
  client_pid=
fi
t_end=$(now)
pg_cpu_stop
f1=$(cpu_seconds "$HARNESS_FANMAIL_PID")
if [ "$subscribers" -gt 0 ]; then
  grep -v '^connected:\|^windowat:' "$out" || true
  [ "$client_status" = 0 ] || { cat "$work/client.err" >&2; echo "bench: the subscribers' client exited with $client_status" >&2; }
  if [ -s "$samples" ]; then
    # freshness: for each item saying done = D, its receive time − the D-th recipient's sent_at
    bench_psql -d "$BENCH_DB" -F ' ' \
      -c "create temp table s (recv double precision, done bigint)" -c "\\copy s from '$samples' with (format csv)" \
      -c "with r as (select row_number() over (order by sent_at) as n, extract(epoch from sent_at) as at from dispatch.recipient
                     where job_id = '$job' and sent_at is not null),
              l as (select (s.recv - r.at) * 1000 as ms from s join r on r.n = s.done)
          select 'freshness:  receive − sent_at of the item''s done-th recipient: p50 ' || round(percentile_cont(0.5) within group (order by ms))
                 || ' ms, p95 ' || round(percentile_cont(0.95) within group (order by ms)) || ' ms, max ' || round(max(ms))
                 || ' ms (' || count(*) || ' items with done > 0)' from l" | tail -1
  fi
fi
read -r finished p10 p90 first last sent < <(dispatch_sql "select extract(epoch from j.finished_at),
    extract(epoch from percentile_disc(0.1) within group (order by r.sent_at)), extract(epoch from percentile_disc(0.9) within group (order by r.sent_at)),
    extract(epoch from min(r.sent_at)), extract(epoch from max(r.sent_at)), count(r.sent_at)
    from dispatch.job j join dispatch.recipient r on r.job_id = j.id where j.id = '$job' group by j.finished_at" | tr '|' ' ')
sustained=$(echo "0.8 * $sent / ($p90 - $p10)" | bc -l)
average=$(echo "$sent / ($last - $first)" | bc -l)
echo "job:        $sent of $fans sent; start → all sent $(secs "$t_start" "$finished") s (seen COMPLETED after $(secs "$t_start" "$t_done") s)"
echo "send rate:  sustained $(printf '%.0f' "$sustained")/s (10th–90th percentile of sent_at), average $(printf '%.0f' "$average")/s first to last; limit $rate/s: $(printf '%.0f' "$(echo "100 * $sustained / $rate" | bc -l)") % of it"
client_cpu=""; [ "$subscribers" -gt 0 ] && client_cpu=", the subscribers' client $(echo "$c1 - $c0" | bc) s"
echo "cpu:        Fanmail $(echo "$f1 - $f0" | bc) s, PostgreSQL $PG_CPU_DB s in $BENCH_DB's backends ($PG_CPU_ALL s whole server, all databases)$client_cpu — dispatchStart → subscriptions over, $(secs "$t_start" "$t_end") s"
echo "load:       before the harness $load_before; at dispatchStart $load_start; after $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$client_status"
