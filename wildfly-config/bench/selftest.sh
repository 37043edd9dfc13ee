#!/usr/bin/env bash
# Checks that the benchmark scripts fail with a clear message, and never signal their caller, when
# the tree is not built or the server does not start. Runs each script in this shell's process
# group (as a caller would): a cleanup that signalled the group ("kill 0") would end this test too,
# which then reports no result and exits non-zero. Needs bash and, for the second case, what
# lib.sh says (psql as a password-less postgres on 127.0.0.1:5432); the second case is skipped
# without it. Usage: wildfly-config/bench/selftest.sh
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# expect_failure NAME OUTPUT_PATTERN SCRIPT...: the script exits 1 with the message, this shell lives
expect_failure() {
  local name="$1" pattern="$2"; shift 2
  local out rc
  out=$("$@" 2>&1 </dev/null); rc=$?
  if [ "$rc" -ne 1 ] || ! grep -q -- "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $rc, output: $out" >&2
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

fake_root() { # a project tree with the scripts and optionally a server that cannot start
  local root="$work/$1"
  mkdir -p "$root/wildfly-config/bench"
  cp "$here"/*.sh "$here"/*.lua "$root/wildfly-config/bench/"
  echo "$root"
}

root=$(fake_root unbuilt)
for script in boot-and-rss.sh callback-ingest.sh; do
  GENERATOR=java expect_failure "$script on an unbuilt tree" "bench: no provisioned server" "$root/wildfly-config/bench/$script"
done

if psql -h 127.0.0.1 -p 5432 -U "${BENCH_PG_ADMIN:-postgres}" -w -qtA -c 'select 1' >/dev/null 2>&1; then
  root=$(fake_root broken)
  mkdir -p "$root/wildfly-config/target/server/bin" "$root/wildfly-config/target/server/standalone/configuration" "$root/backend/app/target"
  printf '#!/bin/sh\necho "cannot start" >&2\nexit 3\n' >"$root/wildfly-config/target/server/bin/standalone.sh"
  chmod +x "$root/wildfly-config/target/server/bin/standalone.sh"
  touch "$root/backend/app/target/fanmail.war"
  for script in boot-and-rss.sh callback-ingest.sh; do
    GENERATOR=java expect_failure "$script when the server cannot start" "bench: server exited" "$root/wildfly-config/bench/$script"
  done
else
  echo "skip the failed-start case: no password-less postgres on 127.0.0.1:5432"
fi

[ "$failures" -eq 0 ] && echo "selftest passed" || { echo "selftest: $failures failure(s)" >&2; exit 1; }
