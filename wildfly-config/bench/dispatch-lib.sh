# Dispatch on the two-server harness (sourced by dispatch-send.sh, dispatch-crash.sh and dispatch-two-nodes.sh, after
# harness.sh): a sandbox account with synced fans and a template, template jobs to all its fans created, started and
# watched through Fanmail's GraphQL (dispatchCreate → PLANNED, dispatchStart, dispatchJob), and the check of a job
# against the sandbox's ledger. Needs jq.
#
#   dispatch_setup NAME FANS   account with FANS fans seeded in the sandbox (daily template quota lifted), a FOLLOWERS
#                              sync through GraphQL, industries set and TM00015 added; sets DISPATCH_APP_ID,
#                              DISPATCH_ACCOUNT_ID, DISPATCH_TEMPLATE_ID, DISPATCH_CTL (the account's sandbox control URL)
#   dispatch_plan              the pre-flight plan (dispatchPlan) of a job to all fans; prints its reachable count
#   dispatch_create            dispatchCreate of a job to all fans; prints the job id
#   dispatch_start JOB         dispatchStart
#   dispatch_wait_sent JOB SECS  waits until the job is COMPLETED (fails if it ends otherwise or takes longer)
#   dispatch_ledger JOB        the sandbox ledger's counts of the job's client_msg_ids (total, fans, duplicates, byVia)
#   dispatch_ledger_sent JOB   how many messages of the job the sandbox accepted so far
#   dispatch_counts JOB        the job's recipients by state (from PostgreSQL), one "STATE count" a line
#   dispatch_check JOB         prints the ledger check and returns non-zero unless: the job COMPLETED, every recipient
#                              sent (no FAILED, IN_DOUBT, SKIPPED, QUEUED, SENDING), the sandbox accepted exactly one
#                              message per recipient (ledger total = fans = recipients, 0 duplicates) and each
#                              recipient's msgid is the one the sandbox gave its fan
#   dispatch_sql SQL           psql on the harness database

command -v jq >/dev/null || bench_fail "jq is not installed (apt-get install jq)"

dispatch_sql() { bench_psql -d "$BENCH_DB" -c "$1"; }

# dispatch_gql QUERY VARIABLES_JSON: the answer's data, or fails with the answer when it has errors.
dispatch_gql() {
  local answer
  answer=$(harness_graphql "$(jq -nc --arg q "$1" --argjson v "$2" '{query: $q, variables: $v}')") \
    || bench_fail "GraphQL request failed: $1"
  if jq -e '(.errors // []) | length > 0' <<<"$answer" >/dev/null; then
    bench_fail "GraphQL errors: $(jq -c .errors <<<"$answer")"
  fi
  jq -c .data <<<"$answer"
}

dispatch_setup() {
  local name="$1" fans="$2" state status run answer
  DISPATCH_APP_ID=$(harness_create_account "$name" 1)
  DISPATCH_CTL="$HARNESS_SANDBOX_CONTROL/accounts/$DISPATCH_APP_ID"
  curl -fs -o /dev/null -H 'Content-Type: application/json' \
    -d '{"limits":{"templateDailyQuota":1000000000,"tokenDailyQuota":1000000}}' "$DISPATCH_CTL/config" \
    || bench_fail "could not lift the sandbox's daily template quota"
  local seeded
  seeded=$(curl -fs -H 'Content-Type: application/json' -d "{\"count\":$fans,\"seed\":42}" "$DISPATCH_CTL/fans:seed") \
    || bench_fail "seeding $fans fans failed"
  echo "seeded:     $fans fans in the sandbox in $(jq -r '.timings.seedMillis // "?"' <<<"$seeded") ms" >&2
  DISPATCH_ACCOUNT_ID=$(dispatch_gql 'query($s: String) { accounts(search: $s) { edges { node { id appId } } } }' \
    "$(jq -nc --arg s "$DISPATCH_APP_ID" '{s: $s}')" | jq -r --arg a "$DISPATCH_APP_ID" '.accounts.edges[].node | select(.appId == $a) | .id')
  [ -n "$DISPATCH_ACCOUNT_ID" ] || bench_fail "account $DISPATCH_APP_ID not found in Fanmail"
  # the fans into Fanmail: a FOLLOWERS sync
  answer=$(dispatch_gql 'mutation($i: FanSyncStartInput!) { fanSyncStart(input: $i) { sync { id } userErrors { code message } } }' \
    "$(jq -nc --arg a "$DISPATCH_ACCOUNT_ID" '{i: {accountId: $a, kind: "FOLLOWERS"}}')")
  jq -e '.fanSyncStart.userErrors == []' <<<"$answer" >/dev/null || bench_fail "fanSyncStart refused: $answer"
  run=$(jq -r .fanSyncStart.sync.id <<<"$answer")
  local t0; t0=$(date +%s.%N)
  while :; do
    state=$(dispatch_gql 'query($a: ID!) { fanSyncs(accountId: $a) { id status errorMessage } }' \
      "$(jq -nc --arg a "$DISPATCH_ACCOUNT_ID" '{a: $a}')" | jq -c --arg id "$run" '.fanSyncs[] | select(.id == $id)')
    status=$(jq -r .status <<<"$state")
    [ "$status" = "RUNNING" ] || break
    sleep 0.5
  done
  [ "$status" = "SUCCEEDED" ] || bench_fail "fan sync ended $status: $state"
  echo "synced:     $(dispatch_sql "select count(*) from audiences.fan where account_id = '$DISPATCH_ACCOUNT_ID' and subscribed") fans in $(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)") s" >&2
  # a template: industries IT/internet (1) and 4, TM00015 from the library
  answer=$(dispatch_gql 'mutation($i: TemplateIndustriesSetInput!) { templateIndustriesSet(input: $i) { userErrors { code message } } }' \
    "$(jq -nc --arg a "$DISPATCH_ACCOUNT_ID" '{i: {accountId: $a, primaryIndustryId: 1, secondaryIndustryId: 4}}')")
  jq -e '.templateIndustriesSet.userErrors == []' <<<"$answer" >/dev/null || bench_fail "templateIndustriesSet refused: $answer"
  answer=$(dispatch_gql 'mutation($i: TemplateAddInput!) { templateAdd(input: $i) { template { id fields { key } } userErrors { code message } } }' \
    "$(jq -nc --arg a "$DISPATCH_ACCOUNT_ID" '{i: {accountId: $a, shortId: "TM00015"}}')")
  jq -e '.templateAdd.userErrors == []' <<<"$answer" >/dev/null || bench_fail "templateAdd refused: $answer"
  DISPATCH_TEMPLATE_ID=$(jq -r .templateAdd.template.id <<<"$answer")
  # every field filled: the first from the fan's openid (a value per recipient), the others fixed
  DISPATCH_FIELDS=$(jq -c '[.templateAdd.template.fields | to_entries[] | if .key == 0 then {key: .value.key, source: "OPENID"}
    else {key: .value.key, source: "FIXED", text: ("值 " + .value.key)} end]' <<<"$answer")
  export DISPATCH_APP_ID DISPATCH_CTL DISPATCH_ACCOUNT_ID DISPATCH_TEMPLATE_ID DISPATCH_FIELDS
}

# The DispatchTemplateInput of a job to all the account's fans.
dispatch_input() {
  jq -nc --arg a "$DISPATCH_ACCOUNT_ID" --arg t "$DISPATCH_TEMPLATE_ID" --argjson f "$DISPATCH_FIELDS" \
    '{audience: {accountId: $a, kind: "ALL"}, content: {templateId: $t, fields: $f, url: "https://example.com/bench"}}'
}

dispatch_plan() {
  local answer
  # the contract allows a query or a mutation returning a payload: try the query first
  answer=$(harness_graphql "$(jq -nc --argjson i "$(dispatch_input)" \
    '{query: "query($i: DispatchTemplateInput!) { dispatchPlan(input: $i) { reachable } }", variables: {i: $i}}')") || answer='{}'
  if jq -e '.data.dispatchPlan.reachable' <<<"$answer" >/dev/null 2>&1; then
    jq -r .data.dispatchPlan.reachable <<<"$answer"
    return 0
  fi
  answer=$(harness_graphql "$(jq -nc --argjson i "$(dispatch_input)" \
    '{query: "mutation($i: DispatchTemplateInput!) { dispatchPlan(input: $i) { plan { reachable } userErrors { code message } } }", variables: {i: $i}}')") || answer='{}'
  if ! jq -e '.data.dispatchPlan.plan.reachable' <<<"$answer" >/dev/null 2>&1; then
    echo "bench: dispatchPlan failed (timed anyway): $answer" >&2
    echo "n/a"
    return 0
  fi
  jq -r .data.dispatchPlan.plan.reachable <<<"$answer"
}

dispatch_create() {
  local answer
  answer=$(dispatch_gql 'mutation($i: DispatchTemplateInput!) { dispatchCreate(input: $i) { job { id state total } userErrors { code field message } } }' \
    "$(jq -nc --argjson i "$(dispatch_input)" '{i: $i}')")
  jq -e '.dispatchCreate.userErrors == [] and .dispatchCreate.job.state == "PLANNED"' <<<"$answer" >/dev/null \
    || bench_fail "dispatchCreate refused: $answer"
  jq -r .dispatchCreate.job.id <<<"$answer"
}

dispatch_start() {
  local answer
  answer=$(dispatch_gql 'mutation($i: DispatchJobIdInput!) { dispatchStart(input: $i) { job { id state } userErrors { code field message } } }' \
    "$(jq -nc --arg j "$1" '{i: {jobId: $j}}')")
  jq -e '.dispatchStart.userErrors == []' <<<"$answer" >/dev/null || bench_fail "dispatchStart refused: $answer"
}

# dispatch_state JOB: the job's state as stored.
dispatch_state() { dispatch_sql "select state from dispatch.job where id = '$1'"; }

dispatch_wait_sent() {
  local job="$1" secs="${2:-600}" deadline state
  deadline=$(( $(date +%s) + secs ))
  while :; do
    state=$(dispatch_state "$job")
    case "$state" in
      COMPLETED) return 0 ;;
      CANCELLED|FAILED) bench_fail "job $job ended $state: $(dispatch_sql "select failure from dispatch.job where id = '$job'")" ;;
    esac
    [ "$(date +%s)" -lt "$deadline" ] || bench_fail "job $job still $state after $secs s: $(dispatch_counts "$job" | tr '\n' ' ')"
    sleep 0.2
  done
}

dispatch_prefix() { echo "fm$(tr -d '-' <<<"$1"):"; }

dispatch_ledger() {
  curl -fs "$DISPATCH_CTL/ledger:page?clientMsgIdPrefix=$(dispatch_prefix "$1")&limit=1" | jq -c .counts \
    || bench_fail "could not read the sandbox's ledger"
}

dispatch_ledger_sent() { dispatch_ledger "$1" | jq -r .total; }

dispatch_counts() {
  dispatch_sql "select state || ' ' || count(*) from dispatch.recipient where job_id = '$1' group by state order by state"
}

dispatch_check() {
  local job="$1" state total counts ledger l_total l_fans l_dups sent others file missing mismatched extra ok=0
  state=$(dispatch_state "$job")
  total=$(dispatch_sql "select total from dispatch.job where id = '$job'")
  counts=$(dispatch_counts "$job" | tr '\n' ' ')
  sent=$(dispatch_sql "select count(*) from dispatch.recipient where job_id = '$job' and state in ('SENT', 'DELIVERED', 'USER_BLOCKED', 'SYSTEM_FAILED')")
  others=$(dispatch_sql "select count(*) from dispatch.recipient where job_id = '$job' and state not in ('SENT', 'DELIVERED', 'USER_BLOCKED', 'SYSTEM_FAILED')")
  ledger=$(dispatch_ledger "$job")
  l_total=$(jq -r .total <<<"$ledger"); l_fans=$(jq -r .fans <<<"$ledger"); l_dups=$(jq -r .duplicates <<<"$ledger")
  # every ledger entry of the job (openid, msgid) against the recipients' rows
  file=$(mktemp)
  local after="" page
  while :; do
    page=$(curl -fs "$DISPATCH_CTL/ledger:page?clientMsgIdPrefix=$(dispatch_prefix "$job")&limit=10000${after:+&after=$after}") \
      || bench_fail "could not page through the sandbox's ledger"
    jq -r '.items[] | [.openid, .msgid] | @csv' <<<"$page" >>"$file"
    after=$(jq -r '.next // empty' <<<"$page")
    [ -n "$after" ] || break
  done
  read -r missing mismatched extra < <(bench_psql -d "$BENCH_DB" -F ' ' \
    -c "create temp table l (openid text, msgid text)" -c "\\copy l from '$file' with (format csv)" \
    -c "select (select count(*) from dispatch.recipient r where r.job_id = '$job' and not exists (select 1 from l where l.openid = r.openid)),
               (select count(*) from dispatch.recipient r join l on l.openid = r.openid where r.job_id = '$job' and r.msgid is distinct from l.msgid),
               (select count(*) from l where not exists (select 1 from dispatch.recipient r where r.job_id = '$job' and r.openid = l.openid))" | tail -1)
  rm -f "$file"
  echo "job:        $job $state, $total recipients: $counts"
  echo "ledger:     the sandbox accepted $l_total messages of the job for $l_fans fans, $l_dups duplicates; Fanmail counts $sent sent"
  echo "            recipients the sandbox never got: $missing; msgid differing from the sandbox's: $mismatched; messages to fans not in the job: $extra"
  [ "$state" = "COMPLETED" ] || { echo "CHECK FAILED: the job is $state, not COMPLETED"; ok=1; }
  [ "$l_dups" = 0 ] || { echo "CHECK FAILED: $l_dups duplicates in the sandbox's ledger"; ok=1; }
  [ "$others" = 0 ] || { echo "CHECK FAILED: $others recipients not sent (states: $counts)"; ok=1; }
  [ "$sent" = "$total" ] && [ "$l_total" = "$total" ] && [ "$l_fans" = "$total" ] \
    || { echo "CHECK FAILED: recipients $total, Fanmail sent $sent, the sandbox got $l_total for $l_fans fans"; ok=1; }
  [ "$missing" = 0 ] && [ "$mismatched" = 0 ] && [ "$extra" = 0 ] || { echo "CHECK FAILED: the ledger and the recipients' rows differ"; ok=1; }
  [ "$ok" = 0 ] && echo "check:      OK — 0 duplicates, 0 lost"
  return "$ok"
}
