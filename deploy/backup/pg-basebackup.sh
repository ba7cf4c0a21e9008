#!/bin/sh
# Nightly physical base backup of the whole PostgreSQL cluster (pg-basebackup.service, as the
# postgres user), plus a logical dump of the Temporal databases as a second, version-independent
# copy. Keeps PG_BACKUP_KEEP base backups and removes the archived WAL older than the oldest kept.
set -eu

root="${PG_BACKUP_DIR:-/var/backups/pg-base}"
wal="${PG_WAL_DIR:-/var/backups/pg-wal}"
keep="${PG_BACKUP_KEEP:-7}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

# plain format (what pg_verifybackup checks before PostgreSQL 18), with the WAL the copy needs to
# be consistent and a manifest of SHA-256 checksums; then checked against that manifest
pg_basebackup -D "$root/$stamp/base" -Fp -X fetch --checkpoint=fast --manifest-checksums=SHA256
pg_verifybackup "$root/$stamp/base"

for db in temporal temporal_visibility; do
  pg_dump -Fc -f "$root/$stamp/$db.dump" "$db"
done

# keep the newest $keep base backups
ls -1d "$root"/20*Z 2>/dev/null | sort | head -n "-$keep" | while read -r old; do rm -rf "$old"; done

# archived WAL before the oldest kept base backup is no longer needed to restore any of them
oldest="$(ls -1d "$root"/20*Z | sort | head -n 1)"
start_wal="$(sed -n 's/^START WAL LOCATION: .* (file \(.*\))$/\1/p' "$oldest/base/backup_label")"
if [ -n "$start_wal" ]; then pg_archivecleanup "$wal" "$start_wal"; fi
