#!/usr/bin/env bash
# Audience count and snapshot benchmark at 1,000,000 fans (issue 11: "count and reachability split of a
# 1,000,000-fan audience: <= 2 s"). On the two-server harness (harness.sh): a SANDBOX account is created in Fanmail,
# then FANS fans are seeded directly into PostgreSQL (generate_series into audiences.fan: every 10th unfollowed, tag 100
# on every 3rd fan, tag 101 on every 7th, a remark each; the tags in audiences.tag) and ANALYZEd, a segment (tag 100,
# followers, interacted in the last 30 days) is created through GraphQL, and for each selector
#   ALL, TAGS (100 ANY), TAGS (100 and 101 ALL), SEGMENT, ALL for CUSTOMER_SERVICE (windows read from the wechat module)
# it calls the audienceCount query CALLS times over HTTP (signed in, as the UI does) and prints the median and the
# maximum wall time in ms (curl's time_total, HTTP included) with the counts. Then it takes SNAPSHOTS snapshots of the
# ALL audience through the dispatch API (benchmark-only endpoint POST /api/bench/audiences/snapshot, which exists only
# with fanmail.bench.enabled=true; admins only), streams every recipient in chunks of CHUNK and deletes it, and
# prints the snapshot's creation time, the streaming time and the deletion time.
#
# Needs: see harness.sh and lib.sh, plus jq, and backend/sandbox/target/wechat-sandbox.war.
# Usage: wildfly-config/bench/audience-count.sh [fans=1000000] [calls=7] [snapshots=3]
# Env:   CHUNK (recipients per read, default 1000), BENCH_PORT_OFFSET (default 200; the sandbox: +100),
#        HARNESS_FANMAIL_OPTS (Fanmail's JAVA_OPTS, default -Xms512m -Xmx1g).
# Smoke run: wildfly-config/bench/audience-count.sh 20000 3 1
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
fans="${1:-1000000}"
calls="${2:-7}"
snapshots="${3:-3}"
chunk="${CHUNK:-1000}"
command -v jq >/dev/null || bench_fail "jq is not installed (apt-get install jq)"
HARNESS_FANMAIL_ENV="${HARNESS_FANMAIL_ENV:-} FANMAIL_BENCH_ENABLED=true"
trap harness_stop EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
harness_start "$root"
harness_login
app_id=$(harness_create_account Audiences 10)
db() { bench_psql -d fanmail_bench "$@"; }
account=$(db -c "select id from accounts.official_account where app_id = '$app_id'")
[ -n "$account" ] || bench_fail "the account $app_id is not in the database"

echo "seeding $fans fans into audiences.fan of account $account ..." >&2
t0=$(date +%s.%N)
db -c "insert into audiences.tag (account_id, tag_id, name, synced_at) values ('$account', 100, 'VIP', now()), ('$account', 101, '新客', now())
       on conflict do nothing" \
   -c "insert into audiences.fan (account_id, openid, subscribed, subscribed_at, unsubscribed_at, remark, tag_ids, last_interaction_at,
         created_at, updated_at)
       select '$account', 'oBench' || lpad(g::text, 22, '0'), g % 10 <> 0, now() - (g % 1000) * interval '1 day',
         case when g % 10 = 0 then now() end, 'fan ' || g,
         array_remove(array[case when g % 3 = 0 then 100 end, case when g % 7 = 0 then 101 end], null),
         case when g % 4 = 0 then now() - (g % 90) * interval '1 day' end, now(), now()
       from generate_series(1, $fans) g" \
   -c "analyze audiences.fan" >/dev/null
t1=$(date +%s.%N)
echo "seeded in $(echo "$t1 - $t0" | bc) s" >&2

gql() { # gql QUERY VARIABLES_JSON
  jq -nc --arg q "$1" --argjson v "$2" '{query: $q, variables: $v}'
}
since=$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)
segment=$(harness_graphql "$(gql 'mutation($i: SegmentCreateInput!) { segmentCreate(input: $i) { segment { id } userErrors { code message } } }' \
  "{\"i\":{\"accountId\":\"$account\",\"name\":\"Bench\",\"filter\":{\"tagIds\":[100],\"subscribed\":true,\"interactedAfter\":\"$since\"}}}")" \
  | jq -r '.data.segmentCreate.segment.id')
[ -n "$segment" ] && [ "$segment" != null ] || bench_fail "segmentCreate failed"

count_query='query($i: AudienceSelectorInput!, $p: AudiencePurpose) { audienceCount(input: $i, purpose: $p) { total reachable excluded { reason count } } }'
measure() { # measure LABEL SELECTOR_JSON PURPOSE
  local label="$1" selector="$2" purpose="$3" body times=() answer t i
  body=$(gql "$count_query" "{\"i\":$selector,\"p\":\"$purpose\"}")
  for i in $(seq 1 "$calls"); do
    answer=$(curl -fs -b "$HARNESS_JAR" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' -d "$body" \
      -w '\n%{time_total}' "$HARNESS_FANMAIL_URL/graphql") || bench_fail "audienceCount $label failed"
    t=$(tail -n1 <<<"$answer")
    times+=("$(echo "$t * 1000" | bc | cut -d. -f1)")
    jq -e '.data.audienceCount' >/dev/null <<<"$(head -n -1 <<<"$answer")" || bench_fail "audienceCount $label: $answer"
  done
  local sorted median max counts
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(sed -n "$(( (calls + 1) / 2 ))p" <<<"$sorted")
  max=$(tail -n1 <<<"$sorted")
  counts=$(head -n -1 <<<"$answer" | jq -c '.data.audienceCount | {total, reachable, excluded: ([.excluded[] | {(.reason): .count}] | add)}')
  printf '%-34s median %6s ms  max %6s ms  %s\n' "$label ($purpose)" "$median" "$max" "$counts"
}

echo "audienceCount at $fans fans, $calls calls each (first call included):"
measure "ALL" "{\"accountId\":\"$account\",\"kind\":\"ALL\"}" TEMPLATE
measure "TAGS 100 ANY" "{\"accountId\":\"$account\",\"kind\":\"TAGS\",\"tagIds\":[100],\"tagMatch\":\"ANY\"}" TEMPLATE
measure "TAGS 100+101 ALL" "{\"accountId\":\"$account\",\"kind\":\"TAGS\",\"tagIds\":[100,101],\"tagMatch\":\"ALL\"}" TEMPLATE
measure "SEGMENT" "{\"accountId\":\"$account\",\"kind\":\"SEGMENT\",\"segmentId\":\"$segment\"}" TEMPLATE
measure "ALL" "{\"accountId\":\"$account\",\"kind\":\"ALL\"}" CUSTOMER_SERVICE

echo "snapshot of ALL ($fans fans), streamed in chunks of $chunk, then deleted:"
for i in $(seq 1 "$snapshots"); do
  answer=$(curl -fs -b "$HARNESS_JAR" -H 'X-Fanmail-Csrf: 1' -X POST \
    "$HARNESS_FANMAIL_URL/api/bench/audiences/snapshot?account=$account&chunk=$chunk") || bench_fail "snapshot failed"
  jq -r '"  snapshot \(.snapshotMs) ms (\(.total) members, \(.reachable) reachable), read \(.read) in \(.chunks) chunks \(.readMs) ms, delete \(.deleteMs) ms"' <<<"$answer"
done
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
