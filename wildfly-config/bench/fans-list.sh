#!/usr/bin/env bash
# Fans-list benchmark on the two-server harness (harness.sh): FANS fans (default 1,000,000) inserted with SQL
# (generate_series) into audiences.fan for a created account — tags, subscribe times, last interactions with ties and
# gaps, remarks on 1 %, open customer-service windows for 1 % in wechat.service_window — then the `fans` GraphQL query
# (50 fans a page with tags and window, what the Fans page asks) is timed for several filters and orders: the first
# page and a deep keyset page (after the fan halfway through the matches, at most the 500,000th). Each line is the
# median of CALLS calls (curl's time_total, on loopback, signed in). Target (issue 11): ≤ 50 ms a page at 1M fans.
# fanCount is timed for information (it counts, so it is not a page).
#
# The deep page's cursor is built here from SQL (one OFFSET query at set-up) in the list's cursor format
# (base64url of "ORDER<US>instant<US>openid", FanGraphQL): walking 10,000 pages to get there would measure curl.
#
# Needs: see harness.sh and lib.sh (psql as the postgres superuser, python3), backend/sandbox/target/wechat-sandbox.war.
# Usage: wildfly-config/bench/fans-list.sh [fans=1000000] [calls=9]
# Env:   WARMUP (unmeasured rounds over every case's first page before timing, default 10),
#        BENCH_PORT_OFFSET (Fanmail's port offset, default 200; the sandbox's: HARNESS_SANDBOX_OFFSET, default +100).
# Smoke run (a busy machine): wildfly-config/bench/fans-list.sh 20000 3
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/harness.sh"
fans="${1:-1000000}"
calls="${2:-9}"
warmup="${WARMUP:-10}"
[[ "$fans" =~ ^[0-9]+$ ]] && [ "$fans" -ge 1000 ] || bench_fail "fans must be a number ≥ 1000"
[[ "$calls" =~ ^[0-9]+$ ]] && [ "$calls" -ge 1 ] || bench_fail "calls must be a number ≥ 1"

BENCH_PG_ADMIN="${BENCH_PG_ADMIN:-postgres}"
busy=$(psql -h 127.0.0.1 -p 5432 -U "$BENCH_PG_ADMIN" -w -qtA -c "select count(*) from pg_stat_activity where datname = 'fanmail_bench'" 2>/dev/null || echo 0)
[ "$busy" = "0" ] || bench_fail "the database fanmail_bench is in use ($busy connections): another benchmark runs; try later"

trap harness_stop EXIT
harness_start "$root"
harness_login
app_id=$(harness_create_account FansList 1000)
db() { bench_psql -d fanmail_bench "$@"; }
account_id=$(db -c "select id from accounts.official_account where app_id = '$app_id'")
[ -n "$account_id" ] || bench_fail "no account $app_id in the database"

echo "fans-list: inserting $fans fans for account $account_id" >&2
t0=$(date +%s.%N)
db <<SQL
insert into audiences.tag (account_id, tag_id, name, wechat_count, synced_at)
select '$account_id', t, 'Tag ' || t, 0, now() from generate_series(100, 119) t;
insert into audiences.fan (account_id, openid, subscribed, subscribed_at, unsubscribed_at, remark, language, tag_ids,
                           details_synced_at, last_interaction_at, created_at, updated_at)
select '$account_id', 'o' || substr(md5(n::text), 1, 27), n % 20 <> 0,
       now() - make_interval(secs => (n::bigint * 7919) % 100000000),
       case when n % 20 = 0 then now() - make_interval(secs => n % 86400) end,
       case when n % 100 = 0 then 'VIP客户' || n else '' end, 'zh_CN',
       case when n % 3 = 0 then array[100 + n % 20] else '{}' end || case when n % 7 = 0 then array[110 + n % 10] else '{}' end,
       now(),
       case when n % 10 < 3 then now() - make_interval(secs => (n::bigint * 104729) % 10000000) end,
       now(), now()
from generate_series(1, $fans) n;
insert into wechat.service_window (account_id, openid, kind, opened_at, expires_at, quota, used, opened_by)
select '$account_id', 'o' || substr(md5(n::text), 1, 27), 'MESSAGE', now(), now() + interval '48 hours', 5, n % 5, 'MESSAGE'
from generate_series(1, $fans) n where n % 100 = 1;
analyze audiences.fan;
analyze wechat.service_window;
SQL
echo "fans-list: inserted in $(echo "$(date +%s.%N) - $t0" | bc) s" >&2

recent=$(db -c "select to_char((now() - interval '1000000 seconds') at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
# name | GraphQL filter (JSON) | the same in plain SQL | order
cases=(
  "all|null|true|OPENID"
  "all|null|true|SUBSCRIBED_AT_DESC"
  "all|null|true|LAST_INTERACTION_DESC"
  "tag 105|{\"tagIds\":[105]}|tag_ids && array[105]|OPENID"
  "tags 100 or 111|{\"tagIds\":[100,111]}|tag_ids && array[100,111]|SUBSCRIBED_AT_DESC"
  "unsubscribed|{\"subscribed\":false}|not subscribed|SUBSCRIBED_AT_DESC"
  "interacted recently|{\"interactedAfter\":\"$recent\"}|last_interaction_at >= '$recent'|LAST_INTERACTION_DESC"
  "remark contains VIP客户12|{\"search\":\"VIP客户12\"}|(openid like 'VIP客户12%' or remark ilike '%VIP客户12%')|OPENID"
  "window open|{\"window\":\"OPEN\"}|openid in (select openid from wechat.service_window w where w.account_id = '$account_id' and w.expires_at > now() and w.used < w.quota)|OPENID"
)

order_sql() {
  case "$1" in
    OPENID) echo "openid" ;;
    SUBSCRIBED_AT_DESC) echo "subscribed_at desc nulls last, openid" ;;
    LAST_INTERACTION_DESC) echo "last_interaction_at desc nulls last, openid" ;;
  esac
}
order_col() {
  case "$1" in
    OPENID) echo "null::timestamptz" ;;
    SUBSCRIBED_AT_DESC) echo "subscribed_at" ;;
    LAST_INTERACTION_DESC) echo "last_interaction_at" ;;
  esac
}

# time_fans FILTER ORDER AFTER: median ms of $calls calls of the fans query; fails on GraphQL errors.
time_fans() {
  local filter="$1" order="$2" after="$3" body
  body="{\"query\":\"query(\$a: ID!, \$f: FanFilterInput, \$o: FanOrder, \$c: String) { fans(accountId: \$a, filter: \$f, orderBy: \$o, first: 50, after: \$c) { edges { cursor node { openid remark subscribed subscribedAt lastInteractionAt tags { id name } window { open kind openedBy expiresAt remaining } } } pageInfo { hasNextPage endCursor } } }\",\"variables\":{\"a\":\"$account_id\",\"f\":$filter,\"o\":\"$order\",\"c\":$after}}"
  timed "$body"
}

# timed BODY: posts BODY $calls times (after one unmeasured call) and prints the median ms.
timed() {
  local body="$1" answer i times=()
  answer=$(harness_graphql "$body") || bench_fail "GraphQL call failed"
  grep -q '"errors"' <<<"$answer" && bench_fail "GraphQL errors: ${answer:0:400}"
  for i in $(seq 1 "$calls"); do
    times+=("$(curl -fs -o /dev/null -w '%{time_total}' -b "$HARNESS_JAR" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
      -d "$body" "$HARNESS_FANMAIL_URL/graphql")")
  done
  printf '%s\n' "${times[@]}" | python3 -c 'import sys, statistics; print("%.1f" % (1000 * statistics.median(float(x) for x in sys.stdin)))'
}

# a freshly started server answers its first few hundred GraphQL requests slower (JIT): every case's first page is
# asked WARMUP times, unmeasured, before anything is timed
for i in $(seq 1 "$warmup"); do
  for c in "${cases[@]}"; do
    IFS='|' read -r name filter plain order <<<"$c"
    curl -fs -o /dev/null -b "$HARNESS_JAR" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
      -d "{\"query\":\"query(\$a: ID!, \$f: FanFilterInput, \$o: FanOrder) { fans(accountId: \$a, filter: \$f, orderBy: \$o, first: 50) { edges { node { openid tags { id name } window { open } } } } }\",\"variables\":{\"a\":\"$account_id\",\"f\":$filter,\"o\":\"$order\"}}" \
      "$HARNESS_FANMAIL_URL/graphql" || bench_fail "warm-up call failed"
  done
done

echo
echo "fans:       $fans (open windows: $(db -c "select count(*) from wechat.service_window where account_id = '$account_id'"))"
echo "warm-up:    $warmup rounds of every case's first page (unmeasured)"
echo "calls:      $calls per line (median)"
printf '%-28s %-22s %10s %12s %12s %14s\n' "filter" "order" "matches" "first ms" "deep ms" "deep position"
for c in "${cases[@]}"; do
  IFS='|' read -r name filter plain order <<<"$c"
  matches=$(db -c "select count(*) from audiences.fan where account_id = '$account_id' and $plain")
  position=$(( matches / 2 < 500000 ? matches / 2 : 500000 ))
  first=$(time_fans "$filter" "$order" null)
  deep="-"
  if [ "$position" -gt 50 ]; then
    key=$(db -F '|' -c "select coalesce(to_char($(order_col "$order") at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), ''), openid from audiences.fan
                        where account_id = '$account_id' and $plain order by $(order_sql "$order") offset $((position - 1)) limit 1")
    cursor=$(python3 -c 'import base64, sys; at, openid = sys.argv[2].split("|", 1); print(base64.urlsafe_b64encode("\x1f".join([sys.argv[1], at, openid]).encode()).decode().rstrip("="))' "$order" "$key")
    deep=$(time_fans "$filter" "$order" "\"$cursor\"")
  fi
  printf '%-28s %-22s %10s %12s %12s %14s\n' "$name" "$order" "$matches" "$first" "$deep" "$position"
done
echo
for c in "${cases[0]}" "${cases[3]}" "${cases[8]}"; do
  IFS='|' read -r name filter plain order <<<"$c"
  ms=$(timed "{\"query\":\"query(\$a: ID!, \$f: FanFilterInput) { fanCount(accountId: \$a, filter: \$f) }\",\"variables\":{\"a\":\"$account_id\",\"f\":$filter}}")
  printf 'fanCount %-28s %10s ms\n' "$name" "$ms"
done
