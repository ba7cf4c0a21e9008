#!/bin/sh
# The Temporal databases on PostgreSQL, with temporal-sql-tool from the same release archive as
# temporal-server 1.32. The tool embeds the schemas (postgresql/v12: persistence 1.19 and
# visibility 1.14 at 1.32), so no schema folder is needed.
#   setup-schema.sh init      once, for a new cluster: creates both databases, the versioning
#                             tables (0.0) and brings both schemas to the tool's version
#   setup-schema.sh upgrade   after installing a newer server release, BEFORE starting it
# Environment: SQL_HOST, SQL_USER (the role temporal), SQL_PASSWORD, optional SQL_PORT (5432),
# SQL_TLS_CA_FILE (/etc/temporal/tls/postgres-ca.pem), TEMPORAL_SQL_TOOL (temporal-sql-tool).
# With `init`, the role must be allowed to create databases; otherwise create them as postgres:
#   CREATE DATABASE temporal OWNER temporal; CREATE DATABASE temporal_visibility OWNER temporal;
# and run `init` with SKIP_CREATE=1.
set -eu
: "${SQL_HOST:?the PostgreSQL host}" "${SQL_USER:?the role, e.g. temporal}" "${SQL_PASSWORD:?its password}"
export SQL_HOST SQL_USER SQL_PASSWORD SQL_PORT="${SQL_PORT:-5432}"
tool="${TEMPORAL_SQL_TOOL:-temporal-sql-tool}"
ca="${SQL_TLS_CA_FILE:-/etc/temporal/tls/postgres-ca.pem}"

# the password travels in SQL_PASSWORD (the tool reads it), never on the command line
sql() { "$tool" --plugin postgres12 --ep "$SQL_HOST" -p "$SQL_PORT" --tls --tls-ca-file "$ca" --tls-server-name "$SQL_HOST" "$@"; }

upgrade() {
  sql --db temporal update-schema --schema-name postgresql/v12/temporal
  sql --db temporal_visibility update-schema --schema-name postgresql/v12/visibility
}

case "${1:-}" in
  init)
    if [ "${SKIP_CREATE:-0}" != 1 ]; then
      sql --db temporal create-database
      sql --db temporal_visibility create-database
    fi
    sql --db temporal setup-schema -v 0.0
    sql --db temporal_visibility setup-schema -v 0.0
    upgrade
    ;;
  upgrade) upgrade ;;
  *) echo "usage: $0 init|upgrade" >&2; exit 2 ;;
esac
echo "the Temporal schemas are at the versions $tool embeds"
