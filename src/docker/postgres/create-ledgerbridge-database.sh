#!/bin/bash
# Creates LedgerBridge's database and its owner next to Temporal's databases (those are created
# by temporalio/auto-setup). The postgres image runs this once, when its data volume is empty:
# a later change of LEDGERBRIDGE_DB_PASSWORD needs ALTER USER, not a restart.
set -euo pipefail

: "${LEDGERBRIDGE_DB_PASSWORD:?set LEDGERBRIDGE_DB_PASSWORD}"

# The password goes in as a psql variable, quoted by psql (:'...'), so no character in it can
# break or extend the SQL.
psql --set=ON_ERROR_STOP=1 --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" \
  --set=ledgerbridge_password="$LEDGERBRIDGE_DB_PASSWORD" <<'SQL'
CREATE USER ledgerbridge WITH PASSWORD :'ledgerbridge_password';
CREATE DATABASE ledgerbridge OWNER ledgerbridge;
SQL
