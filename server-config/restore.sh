#!/usr/bin/env bash
# Usage: server-config/restore.sh [--force] BACKUP_FILE
#        server-config/restore.sh --help
#
# Restores a backup made by backup.sh into the database that the FORECOURT_DB_* settings name (the
# same variables as backup.sh and server-config/payara/configure-domain.sh):
#   PostgreSQL  a .dump (pg_dump custom format) into the EXISTING database FORECOURT_DB_NAME, with
#               pg_restore in one transaction (all or nothing), objects owned by FORECOURT_DB_USER
#               (--no-owner --no-privileges). Create an empty database first, e.g. as a superuser:
#               createdb --owner=forecourt forecourt_restored
#   H2          a .sql.gz (H2 SCRIPT) into the run domain's H2 file with H2's RUNSCRIPT, built in a
#               new file and moved into place when complete. The domain must be STOPPED (exit 4).
# A target that already holds tables is refused (exit 5) unless --force is given:
#   PostgreSQL  --force drops and re-creates the backup's objects (pg_restore --clean --if-exists),
#               in the same single transaction; other objects in the database stay.
#   H2          --force moves the existing file aside to <name>.mv.db.before-restore-<time>.
# Afterwards, point the application at the restored database and restart it, e.g. for PostgreSQL:
#   asadmin set resources.jdbc-connection-pool.forecourt-pool.property.databaseName=forecourt_restored
#   asadmin restart-domain <domain>
# (or re-run configure-domain.sh with the new FORECOURT_DB_NAME and restart). The application needs
# the same secrets key (FORECOURT_SECRETS_KEY) as the one that wrote the data.
#
# Settings: see server-config/backup.sh --help (FORECOURT_DB_KIND, FORECOURT_DB_*, PG_BIN, H2's).
# Exit codes: 0 restored; 1 restore or connection failed (nothing changed for PostgreSQL); 2 bad
# arguments or settings; 3 no usable client tools; 4 H2 database in use (domain running); 5 target
# not empty and no --force; 6 backup file missing, unreadable or not of FORECOURT_DB_KIND.
set -euo pipefail
. "$(dirname "$0")/backup-lib.sh"

force=false
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    -f|--force) force=true; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) fail "$EXIT_USAGE" "unknown option: $1 (see --help)" ;;
    *) [ -z "$file" ] || fail "$EXIT_USAGE" "one backup file only (see --help)"; file="$1"; shift ;;
  esac
done
[ -n "$file" ] || fail "$EXIT_USAGE" "which backup file? (see --help)"
[ -f "$file" ] && [ -r "$file" ] || fail "$EXIT_BAD_FILE" "no readable backup file at $file"

magic="$(head -c 5 "$file" | tr -dc 'A-Z')"
case "$db_kind" in
  postgresql)
    [ "$magic" = PGDMP ] || fail "$EXIT_BAD_FILE" "$file is not a pg_dump custom-format archive" \
      "(FORECOURT_DB_KIND=postgresql)"
    pg_environment
    pg_tools
    toc="$("$pg_bin/pg_restore" --list "$file")" || fail "$EXIT_BAD_FILE" "pg_restore" \
      "$client_version cannot read $file (damaged, or made by a newer pg_dump: set PG_BIN to a newer client)"
    made="$(sed -n 's/^; *Archive created at //p' <<<"$toc")"
    from_db="$(sed -n 's/^; *dbname: //p' <<<"$toc")"
    from_version="$(sed -n 's/^; *Dumped from database version: //p' <<<"$toc")"
    info "Backup $file: database $from_db, PostgreSQL $from_version, made $made"
    objects="$(pg_object_count)" || fail "$EXIT_FAILED" "cannot read $pg_where (see the message above)"
    clean=()
    if [ "$objects" -gt 0 ]; then
      $force || fail "$EXIT_NOT_EMPTY" "$pg_where is not empty ($objects tables, views and" \
        "sequences). Restore into an empty database (createdb --owner=$PGUSER NAME), or give" \
        "--force to drop and re-create the backup's objects in it."
      info "--force: $pg_where holds $objects tables, views and sequences; the backup's objects" \
        "are dropped and re-created"
      clean=(--clean --if-exists)
    fi
    info "Restoring into $pg_where (PostgreSQL $server_version) with pg_restore $client_version"
    "$pg_bin/pg_restore" --dbname="$PGDATABASE" --no-owner --no-privileges --single-transaction \
      --exit-on-error "${clean[@]}" "$file" \
      || fail "$EXIT_FAILED" "pg_restore failed (see the message above); the transaction was rolled" \
        "back, $PGDATABASE is as it was"
    tables="$("$pg_bin/psql" -X -A -t -q -c "select count(*) from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'")"
    schema="$("$pg_bin/psql" -X -A -t -q -c "select max(version) from flyway_schema_history
      where success" 2>/dev/null || echo unknown)"
    info "Restored $file into $pg_where: $tables tables, schema version ${schema:-unknown}."
    info "Next: point forecourt-pool at it (databaseName=$PGDATABASE) and restart the domain."
    ;;
  h2)
    header="$(gzip -dc "$file" 2>/dev/null | head -c 16 || true)"   # (gzip ends on SIGPIPE)
    [[ "$header" == "-- H2 "* ]] && gzip -t "$file" 2>/dev/null \
      || fail "$EXIT_BAD_FILE" "$file is not a gzip'd H2 script from backup.sh (FORECOURT_DB_KIND=h2)"
    h2_settings
    h2_require_stopped
    if [ -f "$h2_path.mv.db" ]; then
      shown="$(h2_tool org.h2.tools.Shell -url "jdbc:h2:$h2_path;IFEXISTS=TRUE$h2_settings_url" \
        "${h2_login[@]}" -sql "select count(*) from information_schema.tables \
          where table_schema not in ('information_schema', 'pg_catalog')")" || exit $?
      count="$(grep -E '^[0-9]+$' <<<"$shown" | head -n 1 || true)"
      aside="$h2_path.mv.db.before-restore-$(utc_stamp)"
      if [ "${count:-0}" -gt 0 ]; then
        $force || fail "$EXIT_NOT_EMPTY" "the H2 database $h2_path.mv.db is not empty ($count tables and views)." \
          "Give --force to move it aside and restore in its place."
        info "--force: the H2 database $h2_path.mv.db ($count tables and views) is moved aside to $aside"
      fi
    fi
    mkdir -p "$(dirname "$h2_path")"
    restoring="$h2_path-restoring"
    rm -f "$restoring.mv.db" "$restoring.trace.db"
    trap 'rm -f "$restoring.mv.db" "$restoring.trace.db" "$restoring.sql"' EXIT
    info "Restoring $file into the H2 database $h2_path.mv.db with H2's RUNSCRIPT"
    (umask 077 && gzip -dc "$file" >"$restoring.sql")
    h2_tool org.h2.tools.RunScript -url "jdbc:h2:$restoring$h2_settings_url" "${h2_login[@]}" \
      -script "$restoring.sql" >/dev/null
    rm -f "$restoring.sql"
    if [ -f "$h2_path.mv.db" ]; then mv "$h2_path.mv.db" "$aside"; fi
    rm -f "$h2_path.trace.db"
    mv "$restoring.mv.db" "$h2_path.mv.db"
    tables="$(gzip -dc "$file" | grep -c '^CREATE .*TABLE ' || true)"
    info "Restored $file into $h2_path.mv.db: $tables tables. Start the domain (server-config/run.sh)."
    ;;
  *) fail "$EXIT_USAGE" "FORECOURT_DB_KIND must be h2 or postgresql, not '$db_kind'" ;;
esac
