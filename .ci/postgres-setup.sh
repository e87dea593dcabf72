#!/usr/bin/env bash
# Installs (if needed) and starts Debian's PostgreSQL 15 on 127.0.0.1:5432 with a claimshub user and a
# claimshub_test database for the ledger tests. Idempotent; run as root.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='claimshub'\"" | grep -q 1 \
  || su postgres -c "psql -qc \"CREATE ROLE claimshub LOGIN PASSWORD 'claimshub'\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='claimshub_test'\"" | grep -q 1 \
  || su postgres -c "psql -qc 'CREATE DATABASE claimshub_test OWNER claimshub'"
