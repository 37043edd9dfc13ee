#!/usr/bin/env bash
# Template-send benchmark on the two-server harness (harness.sh): Fanmail and the WeChat sandbox in separate WildFly
# processes. Template messages go through Fanmail's WeChat facade (WeChatTemplates.sendAsync, the non-blocking client
# of ADR 0011) to the sandbox over loopback HTTP, at 0 ms and at 200 ms injected latency with 256 in flight.
# Drives the benchmark-only endpoint POST /api/bench/wechat/template-sends (exists only with
# fanmail.sandbox.enabled=true and fanmail.bench.enabled=true; admins only).
#
# Per run it prints: sends/s, the bound at that latency, failures, the threads Fanmail used for the sends (its WeChat
# client's threads + the calling thread), Fanmail's CPU per send measured on those threads (ThreadMXBean), the whole
# Fanmail process's CPU per send and the sandbox process's CPU per send (both from /proc/PID/stat), the
# TEMPLATESENDJOBFINISH pushes the sandbox delivered to Fanmail, and the load average before and after; then each
# process's CPU per send split into JIT compiler threads, GC threads and all other threads (/proc/PID/task).
#
# Pushes: WeChat answers every template send with a TEMPLATESENDJOBFINISH push. By default (PUSHES=off) the sandbox
# suppresses them (its suppressedPushes outcome) so that the runs measure the send path alone: on 2 cores, ingesting
# a push (signature, AES, XML, inbox) costs Fanmail more CPU than sending the message, so sends and their pushes
# together cannot reach the send targets; the pushes' own rate is measured by sandbox-load.sh. PUSHES=on delivers
# them to Fanmail's callback endpoint (SAFE mode, encrypted) during the runs; Fanmail's process CPU then includes
# ingesting them, and each run starts after the previous run's pushes have drained.
#
# Needs: see harness.sh and lib.sh, plus jq, and backend/sandbox/target/wechat-sandbox.war.
# Usage: wildfly-config/bench/template-sends.sh [sends per run=20000] [runs=3]
# Rate limit: at 0 ms the runs measure capacity, so Fanmail's per-account rate limit is lifted (RATE_AT_0, default
# 100000/s). With latency, the runs use Fanmail's default per-account rate limit (RATE, default 1500/s, burst 10 ms
# worth): it paces the sends evenly. Without it, 256 sends leave together, come back together 200 ms later and queue
# for the CPU as one wave each time (on 2 cores about 90 ms per wave, ~50 ms of waiting per send on average), which
# caps an unpaced run near 80 % of the bound; RATE=100000 shows that. Fanmail restarts between latencies to take the
# setting (the sandbox, its account and the database stay).
# Env:   RATE (fanmail.wechat.rate-per-account with latency, default 1500), RATE_AT_0 (at 0 ms, default 100000),
#        PER_ACCOUNT (fanmail.wechat.max-in-flight-per-account, default 1024), LATENCIES (default "0 200"),
#        IN_FLIGHT (default 256), PUSHES (off|on, default off), FANS (default 1000),
#        WARMUP (sends before the runs of each latency, default = sends per run: on 2 cores the JIT compilers still
#        use about as much CPU as the sends themselves after a quarter of a run),
#        BENCH_PORT_OFFSET (Fanmail's port offset, default 200; the sandbox's: HARNESS_SANDBOX_OFFSET, default +100),
#        JFR=DIR (record a JFR profile of each process into DIR: fanmail.jfr, sandbox.jfr).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
count="${1:-20000}"
runs="${2:-3}"
in_flight="${IN_FLIGHT:-256}"
pushes="${PUSHES:-off}"
command -v jq >/dev/null || bench_fail "jq is not installed (apt-get install jq)"
case "$pushes" in on|off) ;; *) bench_fail "PUSHES must be on or off" ;; esac
rate="${RATE:-1500}"
rate_at_0="${RATE_AT_0:-100000}"
rate_for() { if [ "$1" = 0 ]; then echo "$rate_at_0"; else echo "$rate"; fi; }
per_account="${PER_ACCOUNT:-1024}"
jfr_opts() { # jfr_opts NAME: JAVA_OPTS that record a profile into $JFR/NAME.jfr
  [ -n "${JFR:-}" ] || return 0
  echo "-XX:StartFlightRecording=filename=$JFR/$1.jfr,settings=profile,dumponexit=true"
}
[ -z "${JFR:-}" ] || { mkdir -p "$JFR"; JFR="$(cd "$JFR" && pwd)"; }
base_env="${HARNESS_FANMAIL_ENV:-} FANMAIL_BENCH_ENABLED=true FANMAIL_WECHAT_MAX_IN_FLIGHT_PER_ACCOUNT=$per_account"
latencies="${LATENCIES:-0 200}"
current_rate=$(rate_for "${latencies%% *}")
HARNESS_FANMAIL_ENV="$base_env FANMAIL_WECHAT_RATE_PER_ACCOUNT=$current_rate"
HARNESS_FANMAIL_OPTS="${HARNESS_FANMAIL_OPTS:--Xms512m -Xmx1g} $(jfr_opts fanmail)"
HARNESS_SANDBOX_OPTS="${HARNESS_SANDBOX_OPTS:--Xms512m -Xmx1g} $(jfr_opts sandbox)"
trap harness_stop EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
harness_start "$root"
harness_login
app_id=$(harness_create_account Sends "${FANS:-1000}")
ctl="$HARNESS_SANDBOX_CONTROL/accounts/$app_id"
curl -fs -o /dev/null -H 'Content-Type: application/json' \
  -d '{"limits":{"templateDailyQuota":1000000000,"tokenDailyQuota":1000000}}' "$ctl/config"
if [ "$pushes" = off ]; then
  curl -fs -o /dev/null -H 'Content-Type: application/json' -d '{"suppressedPushes":["TEMPLATESENDJOBFINISH"]}' "$ctl/outcomes" \
    || bench_fail "could not suppress the sandbox's TEMPLATESENDJOBFINISH pushes"
fi
account=$(harness_graphql '{"query":"{ accounts(first: 200) { edges { node { id appId } } } }"}' \
  | jq -r --arg a "$app_id" '.data.accounts.edges[].node | select(.appId == $a) | .id')
[ -n "$account" ] || bench_fail "Fanmail does not list account $app_id"

run() { # run COUNT: one run, its JSON on stdout
  curl -sS --fail-with-body -b "$HARNESS_JAR" -H 'X-Fanmail-Csrf: 1' -X POST \
    "$HARNESS_FANMAIL_URL/api/bench/wechat/template-sends?account=$account&count=$1&inFlight=$in_flight"
}
template_sends() { curl -fs "$ctl/ledger:summary" | jq -r '.byKind.template.total // 0'; }
pushes_total() { curl -fs "$ctl/pushes?limit=1" | jq -r '.total // 0'; }
pushes_delivered() { curl -fs "$ctl/pushes?limit=1" | jq -r '.byStatus.DELIVERED // 0'; }
drain() { # waits until every template send so far has had its push recorded (no-op with PUSHES=off)
  [ "$pushes" = on ] || return 0
  local want
  want=$(template_sends)
  for _ in $(seq 1 1800); do
    [ "$(pushes_total)" -ge "$want" ] && return 0
    sleep 0.1
  done
  bench_fail "the sandbox's pushes did not catch up with its sends"
}
per_send() { echo "scale=0; $1 * 1000000 / $2" | bc; } # per_send SECONDS COUNT: microseconds per send
# cpu_by_kind PID: clock ticks used so far by the process's JIT compiler threads, GC threads and all others
cpu_by_kind() {
  local jit=0 gc=0 other=0 task stat comm ticks
  for task in /proc/"$1"/task/*; do
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    comm="${stat#*(}"; comm="${comm%)*}"
    stat="${stat##*) }"
    set -- $stat
    ticks=$((${12} + ${13}))
    case "$comm" in
      C1\ Compiler*|C2\ Compiler*) jit=$((jit + ticks)) ;;
      GC\ Thread*|G1\ *|VM\ Thread) gc=$((gc + ticks)) ;;
      *) other=$((other + ticks)) ;;
    esac
  done
  echo "$jit $gc $other"
}
# kinds_per_send "J0 G0 O0" "J1 G1 O1" COUNT: JIT, GC and other CPU per send in µs (threads that ended are not counted)
kinds_per_send() {
  local hz; hz=$(getconf CLK_TCK)
  echo "$1 $2" | awk -v n="$3" -v hz="$hz" '{ printf "JIT %d µs, GC %d µs, other threads %d µs", ($4-$1)*1e6/hz/n, ($5-$2)*1e6/hz/n, ($6-$3)*1e6/hz/n }'
}

echo "machine: $(nproc) cores; load average before start: $load_before"
echo "harness: Fanmail pid $HARNESS_FANMAIL_PID, sandbox pid $HARNESS_SANDBOX_PID (separate WildFly processes)"
echo "settings: rate-per-account $rate_at_0/s at 0 ms and $rate/s with latency, max-in-flight-per-account $per_account, $in_flight in flight, $count sends per run"
if [ "$pushes" = off ]; then
  echo "pushes: TEMPLATESENDJOBFINISH pushes OFF (suppressed in the sandbox; the send path alone; pushes: sandbox-load.sh, or PUSHES=on)"
else
  echo "pushes: TEMPLATESENDJOBFINISH pushes ON (each send's push is ingested by Fanmail during the runs)"
fi
for latency in $latencies; do
  if [ "$(rate_for "$latency")" != "$current_rate" ]; then # restart Fanmail with this latency's rate limit
    current_rate=$(rate_for "$latency")
    harness_stop_fanmail
    HARNESS_FANMAIL_ENV="$base_env FANMAIL_WECHAT_RATE_PER_ACCOUNT=$current_rate" harness_start_fanmail
    harness_login
  fi
  echo "latency $latency ms: Fanmail's rate limit per account $current_rate/s"
  if [ "$latency" = 0 ]; then
    curl -fs -o /dev/null -X DELETE "$ctl/faults"
    bound="none"
  else
    curl -fs -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"latencyMs\":$latency,\"apis\":[\"message/template/send\"]}" "$ctl/faults"
    bound="$((in_flight * 1000 / latency))/s"
  fi
  run "${WARMUP:-$count}" >/dev/null # warm-up
  drain
  rates=()
  for i in $(seq 1 "$runs"); do
    l0=$(cut -d' ' -f1 /proc/loadavg)
    f0=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s0=$(cpu_seconds "$HARNESS_SANDBOX_PID"); d0=$(pushes_delivered)
    fk0=$(cpu_by_kind "$HARNESS_FANMAIL_PID"); sk0=$(cpu_by_kind "$HARNESS_SANDBOX_PID")
    out=$(run "$count")
    fk1=$(cpu_by_kind "$HARNESS_FANMAIL_PID"); sk1=$(cpu_by_kind "$HARNESS_SANDBOX_PID")
    f1=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s1=$(cpu_seconds "$HARNESS_SANDBOX_PID")
    drain
    f2=$(cpu_seconds "$HARNESS_FANMAIL_PID"); s2=$(cpu_seconds "$HARNESS_SANDBOX_PID"); d1=$(pushes_delivered)
    l1=$(cut -d' ' -f1 /proc/loadavg)
    [ "$(jq -r .failures <<<"$out")" = 0 ] || echo "  failures: $(jq -c .failureKinds <<<"$out")"
    printf 'latency %s ms run %s: %s sends/s (bound %s), %s s, failures %s | Fanmail threads for the sends %s (%s) | Fanmail CPU/send: client threads+caller %s µs (caller %s µs), whole process %s µs during the run, %s µs incl. its pushes | sandbox process CPU/send %s µs during the run, %s µs incl. pushes | pushes delivered %s | load %s -> %s\n' \
      "$latency" "$i" "$(jq -r .sendsPerSecond <<<"$out")" "$bound" "$(jq -r '.seconds * 100 | round / 100' <<<"$out")" \
      "$(jq -r .failures <<<"$out")" "$(jq -r .fanmailThreadsForSends <<<"$out")" "$(jq -r .clientThreadNames <<<"$out")" \
      "$(jq -r .fanmailCpuMicrosPerSend <<<"$out")" "$(jq -r .callerCpuMicrosPerSend <<<"$out")" \
      "$(per_send "$(echo "$f1 - $f0" | bc)" "$count")" "$(per_send "$(echo "$f2 - $f0" | bc)" "$count")" \
      "$(per_send "$(echo "$s1 - $s0" | bc)" "$count")" "$(per_send "$(echo "$s2 - $s0" | bc)" "$count")" \
      "$((d1 - d0))" "$l0" "$l1"
    echo "  during run $i, per send: Fanmail process $(kinds_per_send "$fk0" "$fk1" "$count"); sandbox process $(kinds_per_send "$sk0" "$sk1" "$count")"
    rates+=("$(jq -r .sendsPerSecond <<<"$out")")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "latency ${latency} ms: median of $runs runs = $median sends/s (bound $bound)"
done
echo "threads now: Fanmail $(thread_count "$HARNESS_FANMAIL_PID"), sandbox $(thread_count "$HARNESS_SANDBOX_PID")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
