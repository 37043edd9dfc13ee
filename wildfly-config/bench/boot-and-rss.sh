#!/usr/bin/env bash
# Measures the provisioned server with the Fanmail WAR: boot time to "ready", and resident memory
# after boot and after a burst of GraphQL requests. Prints the numbers; changes nothing in the repo.
# Needs: a built tree (mvn -DskipTests install) and a PostgreSQL reachable as DB_URL/DB_USER/DB_PASSWORD
# (default: the machine's 127.0.0.1:5432/fanmail as fanmail/fanmail).
# Usage: wildfly-config/bench/boot-and-rss.sh [requests]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
requests="${1:-2000}"
base=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$base"' EXIT
cp -r "$root/wildfly-config/target/server/standalone/configuration" "$base/"
mkdir "$base/deployments" && cp "$root/backend/app/target/fanmail.war" "$base/deployments/"
export DB_URL="${DB_URL:-jdbc:postgresql://127.0.0.1:5432/fanmail}" DB_USER="${DB_USER:-fanmail}" DB_PASSWORD="${DB_PASSWORD:-fanmail}"
export FANMAIL_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)" FANMAIL_ADMIN_PASSWORD="${FANMAIL_ADMIN_PASSWORD:-bench-password-1}"
start=$(date +%s.%N)
"$root/wildfly-config/target/server/bin/standalone.sh" -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset=200 >"$base/server.out" 2>&1 &
pid=$!
until curl -fs http://127.0.0.1:10190/health/ready >/dev/null 2>&1; do sleep 0.2; done
ready=$(date +%s.%N)
java_pid=$(pgrep -f "jboss.server.base.dir=$base" | xargs -I{} sh -c 'ps -o pid=,comm= -p {}' | awk '$2=="java"{print $1}' | head -1)
rss_boot=$(ps -o rss= -p "$java_pid")
jar=$(mktemp); curl -fs -c "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
  -d "{\"username\":\"admin\",\"password\":\"$FANMAIL_ADMIN_PASSWORD\"}" http://127.0.0.1:8280/api/session >/dev/null
t0=$(date +%s.%N)
seq "$requests" | xargs -P 8 -I{} curl -fs -o /dev/null -b "$jar" -H 'Content-Type: application/json' -H 'X-Fanmail-Csrf: 1' \
  -d '{"query":"{ viewer { id } accounts(first: 20) { totalCount edges { node { id name appId } } } }"}' http://127.0.0.1:8280/graphql
t1=$(date +%s.%N)
rss_load=$(ps -o rss= -p "$java_pid")
printf 'boot to ready:           %.1f s\n' "$(echo "$ready - $start" | bc)"
printf 'RSS after boot:          %d MB\n' "$((rss_boot / 1024))"
printf 'GraphQL requests:        %d in %.1f s (%.0f req/s, 8 concurrent curl processes)\n' "$requests" "$(echo "$t1 - $t0" | bc)" "$(echo "$requests / ($t1 - $t0)" | bc -l)"
printf 'RSS after requests:      %d MB\n' "$((rss_load / 1024))"
