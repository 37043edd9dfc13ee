#!/usr/bin/env bash
# Measures the provisioned server with the Fanmail WAR: boot time to "ready", and resident memory
# after boot and after a burst of GraphQL requests. Prints the numbers; changes nothing in the repo.
# Needs: see lib.sh (a built tree, curl/psql/bc, the machine's PostgreSQL with a password-less
# superuser postgres); creates the role fanmail if missing and (re)creates the database fanmail_bench.
# Usage: wildfly-config/bench/boot-and-rss.sh [requests]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/wildfly-config/bench/lib.sh"
requests="${1:-2000}"
bench_require "$root"
base=$(mktemp -d)
cleanup() {
  bench_stop_server
  rm -rf "$base"
}
trap cleanup EXIT
cp -r "$root/wildfly-config/target/server/standalone/configuration" "$base/"
mkdir "$base/deployments" && cp "$root/backend/app/target/fanmail.war" "$base/deployments/"
bench_recreate_db
export DB_URL=jdbc:postgresql://127.0.0.1:5432/fanmail_bench DB_USER=fanmail DB_PASSWORD=fanmail
export FANMAIL_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)" FANMAIL_ADMIN_PASSWORD="${FANMAIL_ADMIN_PASSWORD:-bench-password-1}"
start=$(date +%s.%N)
bench_start_server "$root" "$base"
bench_wait_ready "$base"
ready=$(date +%s.%N)
java_pid=$(bench_java_pid)
rss_boot=$(ps -o rss= -p "$java_pid")
jar=$(mktemp); curl -fs -c "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
  -d "{\"username\":\"admin\",\"password\":\"$FANMAIL_ADMIN_PASSWORD\"}" http://127.0.0.1:$(bench_http_port)/api/session >/dev/null
t0=$(date +%s.%N)
seq "$requests" | xargs -P 8 -I{} curl -fs -o /dev/null -b "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
  -d '{"query":"{ viewer { id } accounts(first: 20) { totalCount edges { node { id name appId } } } }"}' http://127.0.0.1:$(bench_http_port)/graphql
t1=$(date +%s.%N)
rss_load=$(ps -o rss= -p "$java_pid")
printf 'boot to ready:           %.1f s\n' "$(echo "$ready - $start" | bc)"
printf 'RSS after boot:          %d MB\n' "$((rss_boot / 1024))"
printf 'GraphQL requests:        %d in %.1f s (%.0f req/s, 8 concurrent curl processes)\n' "$requests" "$(echo "$t1 - $t0" | bc)" "$(echo "$requests / ($t1 - $t0)" | bc -l)"
printf 'RSS after requests:      %d MB\n' "$((rss_load / 1024))"
