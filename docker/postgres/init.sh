#!/usr/bin/env bash
# Runs once, when the postgres container starts on an empty data volume (the official image's
# /docker-entrypoint-initdb.d hook), and applies the same bootstrap files as the embedded platform, mounted at
# /bootstrap.
#
# pg_hba.conf needs no extra rule for cdc-bridge: its replication connection is a logical one, bound to the users
# database, and PostgreSQL matches those against the database rules, here the image's "host all all all
# scram-sha-256". A "host replication ..." rule would only admit physical replication, i.e. pg_basebackup of the
# whole cluster, which the bridge does not need.
set -Eeo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" --file /bootstrap/01-roles.sql
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname users --file /bootstrap/02-users-db.sql
