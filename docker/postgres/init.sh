#!/usr/bin/env bash
# Runs once, when the postgres container starts on an empty data volume (the official image's
# /docker-entrypoint-initdb.d hook), and applies the same bootstrap files as the embedded platform, mounted at
# /bootstrap. Then it gives each app role the password of its compose secret (/run/secrets/<role>_password): the
# roles file carries only demo passwords, which must not be the ones a running set-up accepts.
#
# pg_hba.conf needs no extra rule for cdc-bridge: its replication connection is a logical one, bound to the users
# database, and PostgreSQL matches those against the database rules, here the image's "host all all all
# scram-sha-256". A "host replication ..." rule would only admit physical replication, i.e. pg_basebackup of the
# whole cluster, which the bridge does not need.
set -Eeo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" --file /bootstrap/01-roles.sql
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname users --file /bootstrap/02-users-db.sql

for role in users_app onboarding cdc_bridge; do
	secret="/run/secrets/${role}_password"
	if [[ ! -s "$secret" ]]; then
		echo "init.sh: no password for role $role in $secret; create ./secrets/ as docker-compose.yml says" >&2
		exit 1
	fi
	# psql variables, quoted by psql itself (:"role" as an identifier, :'password' as a literal); read from stdin,
	# since psql does not interpolate variables in --command
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" --quiet \
		-v role="$role" -v password="$(< "$secret")" <<-'SQL'
		ALTER ROLE :"role" PASSWORD :'password';
	SQL
done
