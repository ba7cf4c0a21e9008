#!/bin/sh
# Nightly backup of the application (ito-backup.service): `npm run backup` into a new dated folder
# (the app database by pg_dump, the PKI, the documents, a manifest with every file's SHA-256),
# then removes backups older than ITO_BACKUP_KEEP_DAYS. The Temporal databases are backed up on the
# PostgreSQL side (deploy/README.md, "Backups"); `npm run backup` leaves an external cluster out.
set -eu

root="${ITO_BACKUP_DIR:-/var/backups/ito}"
keep_days="${ITO_BACKUP_KEEP_DAYS:-14}"
target="$root/$(date -u +%Y%m%dT%H%M%SZ)"

cd "${ITO_APP_DIR:-/opt/ito/app}"
npm run --silent backup -- "$target"

# a backup folder is pruned only once a newer one completed (this run's succeeded: set -e)
find "$root" -mindepth 1 -maxdepth 1 -type d -name '20*Z' -mtime "+$keep_days" -print -exec rm -rf {} +
