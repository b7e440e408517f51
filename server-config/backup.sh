#!/usr/bin/env bash
# Usage: server-config/backup.sh [--output-dir DIR] [--help]
#
# Backs Forecourt's database up into ONE new file whose name carries the time (UTC):
#   PostgreSQL  DIR/forecourt-postgresql-<database>-<yyyymmddThhmmssZ>.dump
#               pg_dump custom format (compressed; restore with restore.sh or pg_restore), a
#               consistent snapshot taken while the application keeps running.
#   H2          DIR/forecourt-h2-<yyyymmddThhmmssZ>.sql.gz
#               H2's SCRIPT (SQL text, gzip) of the run command's embedded database. The domain
#               must be STOPPED: a running server holds the file open. This script refuses (exit 4)
#               rather than stopping your server; stop it, back up, start it again.
# The file is written as DIR/.name.partial and renamed when complete and checked, so a file with
# the final name is always a whole backup. Files are created owner-only (umask 077): a backup holds
# personal data and password hashes. Keep the secrets key (FORECOURT_SECRETS_KEY, or
# ~/.forecourt/secrets.key for the run command) with it: the stored TOTP secrets and signing keys
# are encrypted under that key.
#
# Settings (environment; the same variables as server-config/payara/configure-domain.sh):
#   FORECOURT_DB_KIND        h2 (default) | postgresql
#   PostgreSQL: FORECOURT_DB_HOST, FORECOURT_DB_PORT (5432), FORECOURT_DB_NAME, FORECOURT_DB_USER,
#     FORECOURT_DB_PASSWORD (handed to libpq as PGPASSWORD, never on a command line; unset: libpq
#     reads PGPASSFILE, default ~/.pgpass).
#     PG_BIN: directory with pg_dump, pg_restore and psql. Unset: the newest of
#     /usr/lib/postgresql/N/bin, /usr/pgsql-N/bin and the PATH. pg_dump must be at least the
#     server's major version (pg_dump refuses a newer server); the script checks and says which
#     client to install.
#   H2: PAYARA_HOME (~/.forecourt/payara-6.2025.10/payara6; its h2db/bin/h2.jar is used),
#     FORECOURT_DOMAIN (forecourt), FORECOURT_DOMAINS_DIR ($PAYARA_HOME/glassfish/domains),
#     FORECOURT_H2_PATH (<domain>/lib/databases/forecourt).
#   FORECOURT_BACKUP_DIR     default for --output-dir (~/.forecourt/backups)
#
# Prints the backup's path as the last line of standard output (progress goes to standard error).
# Exit codes: 0 done; 1 dump or connection failed; 2 bad arguments or settings; 3 no usable client
# tools (e.g. pg_dump older than the server); 4 H2 database in use (domain running).
set -euo pipefail
. "$(dirname "$0")/backup-lib.sh"

out_dir="${FORECOURT_BACKUP_DIR:-$FORECOURT_HOME/backups}"
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--output-dir) [ $# -ge 2 ] || fail "$EXIT_USAGE" "$1 needs a directory"; out_dir="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "$EXIT_USAGE" "unknown argument: $1 (see --help)" ;;
  esac
done

umask 077
mkdir -p "$out_dir" || fail "$EXIT_USAGE" "cannot create the output directory $out_dir"
stamp="$(utc_stamp)"
partial=""
trap '[ -n "$partial" ] && rm -f "$partial" "$partial.sql"' EXIT

case "$db_kind" in
  postgresql)
    pg_environment
    pg_tools
    file="$out_dir/forecourt-postgresql-$PGDATABASE-$stamp.dump"
    partial="$out_dir/.$(basename "$file").partial"
    info "Backing up $pg_where (PostgreSQL $server_version) with pg_dump $client_version"
    # --no-owner/--no-privileges at restore time; the archive keeps them for a like-for-like restore
    "$pg_bin/pg_dump" --format=custom --compress=6 --file="$partial" \
      || fail "$EXIT_FAILED" "pg_dump failed (see the message above); no backup was written"
    # a readable table of contents, or it is no backup
    entries="$("$pg_bin/pg_restore" --list "$partial" | grep -c -v '^;')" \
      || fail "$EXIT_FAILED" "pg_restore cannot read the dump just written"
    tables="$("$pg_bin/pg_restore" --list "$partial" | grep -c ' TABLE DATA ' || true)"
    mv "$partial" "$file"
    partial=""
    info "Backup written: $file ($(du -h "$file" | cut -f1), $tables tables with data, $entries entries)"
    ;;
  h2)
    h2_settings
    h2_require_stopped
    [ -f "$h2_path.mv.db" ] || fail "$EXIT_USAGE" "no H2 database at $h2_path.mv.db (has the run" \
      "command started once? set FORECOURT_H2_PATH or FORECOURT_DOMAIN)"
    file="$out_dir/forecourt-h2-$stamp.sql.gz"
    partial="$out_dir/.$(basename "$file").partial"
    info "Backing up the H2 database $h2_path.mv.db with H2's SCRIPT ($h2_jar)"
    # IFEXISTS: never create an empty database by accident
    # (H2's own COMPRESSION GZIP fails under DATABASE_TO_LOWER: gzip compresses instead)
    h2_tool org.h2.tools.Script -url "jdbc:h2:$h2_path;IFEXISTS=TRUE$h2_settings_url" "${h2_login[@]}" \
      -script "$partial.sql" >/dev/null
    gzip -c "$partial.sql" >"$partial" && rm -f "$partial.sql"
    gzip -t "$partial" || fail "$EXIT_FAILED" "the script just written is not a whole gzip file"
    tables="$(gzip -dc "$partial" | grep -c '^CREATE .*TABLE ' || true)"
    mv "$partial" "$file"
    partial=""
    info "Backup written: $file ($(du -h "$file" | cut -f1), $tables tables)"
    ;;
  *) fail "$EXIT_USAGE" "FORECOURT_DB_KIND must be h2 or postgresql, not '$db_kind'" ;;
esac
printf '%s\n' "$file"
