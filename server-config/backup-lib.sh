# shellcheck shell=bash
# What backup.sh and restore.sh share: the database coordinates (the same FORECOURT_DB_* variables
# as server-config/payara/configure-domain.sh), the PostgreSQL client tools matching the server,
# the run domain's H2 file and the exit codes. Sourced, never run.
. "$(dirname "${BASH_SOURCE[0]}")/payara/env.sh"

# Exit codes (the same for both scripts; --help lists them)
EXIT_FAILED=1        # the dump, the restore or the database connection failed (message above)
EXIT_USAGE=2         # bad arguments or settings
EXIT_TOOLS=3         # no usable client tools (pg_dump/pg_restore/psql too old, java/h2.jar missing)
EXIT_IN_USE=4        # the H2 database is open: its domain is running
EXIT_NOT_EMPTY=5     # restore: the target database holds data and --force was not given
EXIT_BAD_FILE=6      # restore: the backup file is missing, unreadable or of the wrong kind

db_kind="${FORECOURT_DB_KIND:-h2}"

fail() { # fail CODE MESSAGE...
  local code="$1"
  shift
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit "$code"
}

info() { printf '%s\n' "$*" >&2; }

# Prints the header comment of the calling script (its --help).
usage() {
  sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"
}

utc_stamp() { date -u +%Y%m%dT%H%M%SZ; }

# --- PostgreSQL ----------------------------------------------------------------------------------

# Connection settings for libpq through its environment variables: no password, host or user ever
# appears on a command line (visible to every user in ps). FORECOURT_DB_PASSWORD goes to
# PGPASSWORD; without it libpq reads PGPASSFILE (default ~/.pgpass).
pg_environment() {
  : "${FORECOURT_DB_HOST:?FORECOURT_DB_HOST is required for FORECOURT_DB_KIND=postgresql}"
  : "${FORECOURT_DB_NAME:?FORECOURT_DB_NAME is required for FORECOURT_DB_KIND=postgresql}"
  : "${FORECOURT_DB_USER:?FORECOURT_DB_USER is required for FORECOURT_DB_KIND=postgresql}"
  export PGHOST="$FORECOURT_DB_HOST" PGPORT="${FORECOURT_DB_PORT:-5432}" PGDATABASE="$FORECOURT_DB_NAME"
  export PGUSER="$FORECOURT_DB_USER" PGAPPNAME="forecourt-$(basename "$0" .sh)"
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}"
  if [ -n "${FORECOURT_DB_PASSWORD:-}" ]; then
    export PGPASSWORD="$FORECOURT_DB_PASSWORD"
  fi
  pg_where="database $PGDATABASE on $PGHOST:$PGPORT as $PGUSER"
}

# Major version of a PostgreSQL client program ("pg_dump (PostgreSQL) 15.18 (Debian …)" -> 15).
client_major() {
  "$1" --version 2>/dev/null | sed -n 's/^[^0-9]*\([0-9][0-9]*\).*/\1/p' | head -n 1
}

# Directories that may hold pg_dump, pg_restore and psql: PG_BIN alone when it is set; else the
# versioned directories of Debian/Ubuntu (/usr/lib/postgresql/N/bin) and of the PostgreSQL RPMs
# (/usr/pgsql-N/bin), and the one on the PATH.
pg_candidates() {
  if [ -n "${PG_BIN:-}" ]; then
    printf '%s\n' "$PG_BIN"
    return
  fi
  local d
  for d in /usr/lib/postgresql/*/bin /usr/pgsql-*/bin; do
    [ -x "$d/pg_dump" ] && printf '%s\n' "$d"
  done
  if command -v pg_dump >/dev/null 2>&1; then dirname "$(command -v pg_dump)"; fi
}

# pg_tools: sets pg_bin to the newest client found (or PG_BIN), server_version/server_major from
# the server, and refuses (EXIT_TOOLS) when the client is older than the server: pg_dump refuses
# to dump a newer server, and a restore with an older pg_restore may not read a newer archive.
pg_tools() {
  local d m best_major=-1 found=""
  pg_bin=""
  while IFS= read -r d; do
    [ -x "$d/pg_dump" ] && [ -x "$d/pg_restore" ] && [ -x "$d/psql" ] || continue
    m="$(client_major "$d/pg_dump")"
    [ -n "$m" ] || continue
    found="$found $d ($m)"
    if [ "$m" -gt "$best_major" ]; then best_major="$m"; pg_bin="$d"; fi
  done < <(pg_candidates)
  if [ -z "$pg_bin" ]; then
    if [ -n "${PG_BIN:-}" ]; then
      fail "$EXIT_TOOLS" "PG_BIN=$PG_BIN has no pg_dump, pg_restore and psql"
    fi
    fail "$EXIT_TOOLS" "no PostgreSQL client tools (pg_dump, pg_restore, psql) found; install the" \
      "client of your server's major version (Debian/Ubuntu: postgresql-client-N) or set PG_BIN to" \
      "the directory that holds them"
  fi
  server_version_num="$("$pg_bin/psql" -X -A -t -q -v ON_ERROR_STOP=1 -c 'show server_version_num')" \
    || fail "$EXIT_FAILED" "cannot connect to $pg_where (see the message above)"
  server_major=$((server_version_num / 10000))
  server_version="$server_major.$((server_version_num % 100))"
  if [ "$best_major" -lt "$server_major" ]; then
    fail "$EXIT_TOOLS" "the PostgreSQL server is version $server_version but the newest client" \
      "tools found are version $best_major:$found. pg_dump must be at least as new as the server." \
      "Install the client tools of PostgreSQL $server_major or newer (Debian/Ubuntu:" \
      "postgresql-client-$server_major, found in /usr/lib/postgresql/$server_major/bin without" \
      "further ado) or set PG_BIN to the directory that holds them."
  fi
  client_version="$("$pg_bin/pg_dump" --version | sed 's/^pg_dump //')"
}

# Number of tables, views and sequences outside the system schemas of the target database.
pg_object_count() {
  "$pg_bin/psql" -X -A -t -q -v ON_ERROR_STOP=1 -c "select count(*) from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
      and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'"
}

# --- H2 (the run command's embedded database) -------------------------------------------------------

# h2_settings: the H2 jar that ships with Payara, the database path (without .mv.db), the JDBC URL
# with the run domain's settings (configure-domain.sh) and the domain whose server holds the file.
h2_settings() {
  FORECOURT_DOMAIN="${FORECOURT_DOMAIN:-forecourt}"
  FORECOURT_DOMAINS_DIR="${FORECOURT_DOMAINS_DIR:-$PAYARA_HOME/glassfish/domains}"
  domain_dir="$FORECOURT_DOMAINS_DIR/$FORECOURT_DOMAIN"
  h2_jar="${FORECOURT_H2_JAR:-$PAYARA_HOME/h2db/bin/h2.jar}"
  h2_path="${FORECOURT_H2_PATH:-$domain_dir/lib/databases/forecourt}"
  h2_path="${h2_path//\$\{com.sun.aas.instanceRoot\}/$domain_dir}"
  [ -f "$h2_jar" ] || fail "$EXIT_TOOLS" "no H2 jar at $h2_jar (set PAYARA_HOME to the Payara" \
    "installation, or FORECOURT_H2_JAR)"
  command -v java >/dev/null 2>&1 || fail "$EXIT_TOOLS" "java is not on the PATH"
  h2_settings_url=";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  # The run domain's H2 credentials are the fixed forecourt/forecourt of configure-domain.sh (the
  # file is protected by its permissions, not by this password), so they may appear here.
  h2_login=(-user forecourt -password forecourt)
}

# Refuses (EXIT_IN_USE) while the domain's server runs: H2 in file mode is opened by one process
# at a time, and a copy taken beside a running server would not be consistent anyway.
h2_require_stopped() {
  local pid_file="$domain_dir/config/pid" pid
  if [ -f "$pid_file" ]; then
    pid="$(tr -dc 0-9 <"$pid_file")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      fail "$EXIT_IN_USE" "the domain $FORECOURT_DOMAIN is running (pid $pid) and holds the H2" \
        "database $h2_path open. Stop it first (Ctrl-C the run command, or" \
        "\"$ASADMIN stop-domain --domaindir $FORECOURT_DOMAINS_DIR $FORECOURT_DOMAIN\"), then retry;" \
        "start it again afterwards."
    fi
  fi
}

# Runs an H2 tool (org.h2.tools.Script, RunScript, Shell) and maps "in use" to EXIT_IN_USE.
h2_tool() {
  local out
  if ! out="$(java -cp "$h2_jar" "$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    if grep -q '90020' <<<"$out"; then
      fail "$EXIT_IN_USE" "the H2 database $h2_path is open in another process; stop it first"
    fi
    fail "$EXIT_FAILED" "H2 ${1##*.} failed (see the message above)"
  fi
  printf '%s' "$out"
}
