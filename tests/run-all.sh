#!/usr/bin/env bash
# Every check Picket has, in order: what `npm test` runs, locally and in CI (.ci/run).
#
#   typecheck → unit → integration (PGlite ‖ Postgres) → build
#   → e2e (embedded PGlite ‖ fresh Postgres database)
#
# The two integration passes run side by side, as do the two e2e passes (on their own ports and
# artifact folders): they wait on databases and the browser more than they compute, so on two
# cores this saves minutes. Their lines are prefixed with the pass's name. Specs about the
# browser and HTTP layers run in one e2e pass only (E2E_SHARE, see playwright.config.ts).
#
# Postgres: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) must reach a
# server where that role may create databases. When it cannot be reached the Postgres stages are
# skipped with a warning, unless PICKET_REQUIRE_POSTGRES=1 (CI), which makes that a failure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export TEST_DATABASE_URL
PICKET_REQUIRE_POSTGRES="${PICKET_REQUIRE_POSTGRES:-0}"

SUMMARY=()
E2E_DB_NAME=""
RUN_STARTED=$SECONDS

# Credentials never appear in the output.
redact_url() { sed -E 's#(://[^:/@]+):[^@/]*@#\1:***@#' <<<"$1"; }

print_summary() {
  local status=$1
  echo
  echo "================================ test summary ================================"
  local line
  for line in "${SUMMARY[@]}"; do echo "  $line"; done
  local skipped
  skipped=$(printf '%s\n' "${SUMMARY[@]}" | grep -c '^SKIP' || true)
  if [[ $status -eq 0 && $skipped -gt 0 ]]; then
    echo "  PASSED, BUT $skipped STAGE(S) SKIPPED: Postgres was not tested ($((SECONDS - RUN_STARTED))s)"
  elif [[ $status -eq 0 ]]; then
    echo "  ALL STAGES PASSED ($((SECONDS - RUN_STARTED))s)"
  else
    echo "  FAILED (exit $status) after $((SECONDS - RUN_STARTED))s"
  fi
  echo "=============================================================================="
}

drop_e2e_database() {
  [[ -n "$E2E_DB_NAME" ]] || return 0
  echo "--- dropping database $E2E_DB_NAME"
  psql "$TEST_DATABASE_URL" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS \"$E2E_DB_NAME\" WITH (FORCE)" >/dev/null ||
    echo "!!! could not drop database $E2E_DB_NAME; drop it by hand" >&2
  E2E_DB_NAME=""
}

on_exit() {
  local status=$?
  drop_e2e_database
  print_summary "$status"
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# stage NAME COMMAND...: runs one stage, timing it and recording the result for the summary.
# The command runs in a subshell with errexit on: inside `if` or `||` bash would silently ignore
# `set -e` in shell functions such as e2e_on_fresh_postgres.
stage() {
  local name=$1
  shift
  echo
  echo "==> [$name] $*"
  local started=$SECONDS status=0
  set +e
  (
    set -e
    "$@"
  )
  status=$?
  set -e
  if [[ $status -eq 0 ]]; then
    SUMMARY+=("PASS  $(printf '%-24s' "$name") $((SECONDS - started))s")
    echo "<== [$name] passed in $((SECONDS - started))s"
  else
    SUMMARY+=("FAIL  $(printf '%-24s' "$name") $((SECONDS - started))s (exit $status)")
    echo "<== [$name] FAILED (exit $status) after $((SECONDS - started))s" >&2
    exit "$status"
  fi
}

# side_by_side NAME FUNCTION [NAME FUNCTION ...]: runs stages at once, each line of output prefixed
# with its stage's name; records each in the summary and fails if any failed.
side_by_side() {
  local dir
  dir=$(mktemp -d)
  local -a names=()
  echo
  echo "==> side by side:$(for ((i = 1; i <= $#; i += 2)); do printf ' [%s]' "${!i}"; done)"
  while [[ $# -gt 0 ]]; do
    local name=$1 fn=$2 index=${#names[@]}
    shift 2
    names+=("$name")
    (
      started=$SECONDS
      set +e
      (
        set -e
        "$fn"
      ) 2>&1 | sed -u "s/^/[$name] /"
      echo "${PIPESTATUS[0]} $((SECONDS - started))" >"$dir/$index"
    ) &
  done
  wait
  local i status secs failed=0
  for i in "${!names[@]}"; do
    read -r status secs <"$dir/$i" || { status=1; secs="?"; }
    if [[ $status -eq 0 ]]; then
      SUMMARY+=("PASS  $(printf '%-24s' "${names[$i]}") ${secs}s")
      echo "<== [${names[$i]}] passed in ${secs}s"
    else
      SUMMARY+=("FAIL  $(printf '%-24s' "${names[$i]}") ${secs}s (exit $status)")
      echo "<== [${names[$i]}] FAILED (exit $status) after ${secs}s" >&2
      failed=$status
    fi
  done
  rm -rf "$dir"
  [[ $failed -eq 0 ]] || exit "$failed"
}

skip() {
  SUMMARY+=("SKIP  $(printf '%-24s' "$1") $2")
}

postgres_reachable() {
  if command -v psql >/dev/null 2>&1; then
    PGCONNECT_TIMEOUT=5 psql "$TEST_DATABASE_URL" -v ON_ERROR_STOP=1 -qtAc 'select 1' >/dev/null 2>&1
  else
    node --input-type=module -e '
      import pg from "pg";
      const client = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 5000 });
      try { await client.connect(); await client.query("select 1"); await client.end(); }
      catch { process.exit(1); }
    ' "$TEST_DATABASE_URL" >/dev/null 2>&1
  fi
}

# The same URL pointing at another database on that server (query string kept).
database_url_for() {
  node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString());' \
    "$TEST_DATABASE_URL" "$1"
}

# Runs the e2e suite against a new database (migrated and seeded like a real deployment), then
# drops it. The name is chosen by the caller so the EXIT trap can drop it after a failure too.
e2e_on_fresh_postgres() {
  local name=$1 url
  url=$(database_url_for "$name")
  echo "--- creating database $name"
  psql "$TEST_DATABASE_URL" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$name\"" >/dev/null
  echo "--- migrating and seeding $(redact_url "$url")"
  DATABASE_URL="$url" npm run --silent db:seed
  E2E_DATABASE_URL="$url" npx playwright test
}

echo "Picket test run: node $(node --version), npm $(npm --version), TEST_DATABASE_URL=$(redact_url "$TEST_DATABASE_URL")"

stage "typecheck" npm run --silent typecheck
stage "unit" npm run --silent test:unit
integration_pglite() { TEST_DRIVER=pglite npm run --silent test:integration; }
integration_postgres() { TEST_DRIVER=pg npm run --silent test:integration; }
# Each e2e pass has its own ports and artifacts folder (screenshots, traces, the embedded database).
e2e_pglite() { E2E_ARTIFACTS_DIR=tests/.artifacts/e2e-pglite npx playwright test; }
e2e_postgres() {
  E2E_APP_PORT=4612 E2E_FAKE_RESEND_PORT=4613 E2E_ARTIFACTS_DIR=tests/.artifacts/e2e-postgres \
    e2e_on_fresh_postgres "$E2E_DB_NAME"
}
e2e_pglite_share() { E2E_SHARE=pglite e2e_pglite; }
e2e_postgres_share() { E2E_SHARE=postgres e2e_postgres; }

if postgres_reachable; then
  PG_OK=1
else
  PG_OK=0
  if [[ "$PICKET_REQUIRE_POSTGRES" == "1" ]]; then
    SUMMARY+=("FAIL  $(printf '%-24s' "postgres") unreachable at $(redact_url "$TEST_DATABASE_URL") (PICKET_REQUIRE_POSTGRES=1)")
    echo "!!! Postgres is not reachable at $(redact_url "$TEST_DATABASE_URL") and PICKET_REQUIRE_POSTGRES=1" >&2
    exit 1
  fi
  cat >&2 <<EOF

!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  WARNING: Postgres is NOT reachable at $(redact_url "$TEST_DATABASE_URL")
!!  The Postgres integration tests and the Postgres e2e run are SKIPPED.
!!  Production runs on Postgres: start it (or set TEST_DATABASE_URL) and rerun.
!!  CI sets PICKET_REQUIRE_POSTGRES=1, where this is a failure.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!

EOF
fi

if [[ $PG_OK == 1 ]]; then
  side_by_side "integration (pglite)" integration_pglite "integration (postgres)" integration_postgres
else
  stage "integration (pglite)" integration_pglite
  skip "integration (postgres)" "Postgres unreachable"
fi

stage "build" npm run --silent build

if [[ $PG_OK == 1 ]]; then
  command -v psql >/dev/null 2>&1 || { echo "psql is needed to create the e2e database" >&2; exit 1; }
  # Named here, so the EXIT trap drops it even when a pass fails.
  E2E_DB_NAME="picket_e2e_$(date +%Y%m%d%H%M%S)_$$"
  side_by_side "e2e (pglite)" e2e_pglite_share "e2e (postgres)" e2e_postgres_share
  drop_e2e_database
else
  stage "e2e (pglite)" e2e_pglite
  skip "e2e (postgres)" "Postgres unreachable"
fi
