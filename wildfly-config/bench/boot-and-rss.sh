#!/usr/bin/env bash
# Measures the provisioned server with the Fanmail WAR: boot time to "ready", and resident memory
# after boot and after a burst of GraphQL requests. Prints the numbers; changes nothing in the repo.
# Needs: a built tree (mvn -DskipTests install) and the machine's PostgreSQL on 127.0.0.1:5432 with trust auth
# for the superuser postgres: the script (re)creates a throw-away database fanmail_bench owned by fanmail.
# Usage: wildfly-config/bench/boot-and-rss.sh [requests]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
requests="${1:-2000}"
base=$(mktemp -d)
cleanup() {
  pkill -f "java.*jboss.server.base.dir=$base" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$base"
}
trap cleanup EXIT
cp -r "$root/wildfly-config/target/server/standalone/configuration" "$base/"
mkdir "$base/deployments" && cp "$root/backend/app/target/fanmail.war" "$base/deployments/"
psql -h 127.0.0.1 -U postgres -qtA -c "drop database if exists fanmail_bench" -c "create database fanmail_bench owner fanmail" >/dev/null
export DB_URL=jdbc:postgresql://127.0.0.1:5432/fanmail_bench DB_USER=fanmail DB_PASSWORD=fanmail
export FANMAIL_SECRETS_KEY="$(head -c 32 /dev/urandom | base64)" FANMAIL_ADMIN_PASSWORD="${FANMAIL_ADMIN_PASSWORD:-bench-password-1}"
start=$(date +%s.%N)
"$root/wildfly-config/target/server/bin/standalone.sh" -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset=200 >"$base/server.out" 2>&1 &
pid=$!
if curl -fs http://127.0.0.1:10190/health/ready >/dev/null 2>&1; then echo "port offset 200 is taken by another server" >&2; exit 1; fi
until curl -fs http://127.0.0.1:10190/health/ready >/dev/null 2>&1; do
  kill -0 "$pid" 2>/dev/null || { echo "server exited; see $base/server.out" >&2; exit 1; }
  sleep 0.2
done
ready=$(date +%s.%N)
java_pid=$(pgrep -f "java.*jboss.server.base.dir=$base" | head -1)
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
