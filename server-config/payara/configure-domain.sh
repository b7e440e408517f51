#!/usr/bin/env bash
# Usage: configure-domain.sh [ADMIN_PORT]
# Applies Forecourt's server configuration to a RUNNING domain. Idempotent: re-running it brings
# the resources below to these settings, changing only what differs and never deleting a resource
# that a deployed application uses. Restarts the domain only when a start-up-only setting changed.
#
# Environment (all optional):
#   FORECOURT_ADMIN_PORT      admin port when no argument is given (4848)
#   FORECOURT_TARGET          where the resources are referenced: server (default: the DAS itself),
#                             or a deployment group / instance (create-cluster.sh passes its group)
#   FORECOURT_CONFIG          the named configuration of that target (server-config; a cluster's
#                             instances share one, e.g. forecourt-config). With a target other than
#                             server nothing is restarted: the script prints "Restart needed" instead
#   FORECOURT_DB_KIND         h2 (default) | postgresql
#   FORECOURT_H2_PATH         H2 database file (${com.sun.aas.instanceRoot}/lib/databases/forecourt)
#   FORECOURT_DB_HOST, FORECOURT_DB_PORT, FORECOURT_DB_NAME, FORECOURT_DB_USER,
#   FORECOURT_DB_PASSWORD     PostgreSQL coordinates (password stored as a password alias)
#   FORECOURT_DB_POOL_MAX     JDBC pool max size (32; steady size 8)
#   FORECOURT_DB_STATEMENT_TIMEOUT_SECONDS  every statement is cut after this (30)
#   FORECOURT_DB_POOL_MAX_WAIT_MILLIS  longest wait for a free connection (5000)
#   FORECOURT_PG_DRIVER_VERSION  org.postgresql:postgresql version (42.7.4), fetched from Maven Central
#   FORECOURT_PG_DRIVER_JAR   a PostgreSQL JDBC driver jar to install instead of fetching one
#   FORECOURT_JPA_PROVIDER    hibernate (default) | eclipselink
#   FORECOURT_SERVER_HEAP     -Xmx value (1g)
#   FORECOURT_SERVER_JVM_OPTIONS  more JVM options, space-separated (e.g. -XX:+UseSerialGC); an
#                             option with "=" replaces the domain's option with the same name
#   FORECOURT_HTTP_THREADS    max HTTP worker threads (32; Payara's default is 5)
#   FORECOURT_MP_CONFIG_CACHE_SECONDS  how long MP Config values are cached (Payara's default 60)
#   FORECOURT_LISTEN_ADDRESS  bind HTTP, admin, IIOP and JMX listeners to this address (unset: all)
#   FORECOURT_SMTP_HOST, FORECOURT_SMTP_PORT  SMTP server of mail/forecourt (localhost, 25)
#   FORECOURT_SMTP_USER, FORECOURT_SMTP_PASSWORD  SMTP login, if the server wants one (password
#                             stored as a password alias); FORECOURT_SMTP_STARTTLS=true for STARTTLS
#   FORECOURT_MAIL_FROM       sender of Forecourt's mails (forecourt@localhost)
#   FORECOURT_EVENTS_REDELIVERY_LIMIT, FORECOURT_EVENTS_REDELIVERY_DELAY  attempts (5) and first
#                             retry delay (PT5S, doubling, ±20 %) of the event queue's jobs
#   FORECOURT_WEBHOOKS_REDELIVERY_LIMIT, FORECOURT_WEBHOOKS_REDELIVERY_DELAY  the same for webhook
#                             deliveries (8, PT30S); then the job goes to the dead letter queue
#   FORECOURT_OTLP_ENDPOINT   an OpenTelemetry collector's OTLP/HTTP endpoint (http://host:4318):
#                             traces on and exported there; unset: the trace settings are left as
#                             they are (off unless an operator turned them on)
#   FORECOURT_TRACE_SAMPLE_RATIO  share of the traces begun here that are kept (0.1); a caller's
#                             traceparent decides for the traces it began
set -euo pipefail
. "$(dirname "$0")/env.sh"
FORECOURT_ADMIN_PORT="${1:-$FORECOURT_ADMIN_PORT}"

db_kind="${FORECOURT_DB_KIND:-h2}"
pool=forecourt-pool
restart=false
target="${FORECOURT_TARGET:-server}"
config="${FORECOURT_CONFIG:-server-config}"
cfg="configs.config.$config"

# --- asadmin in batches ---------------------------------------------------------------------------
# Every asadmin call starts a JVM (1-4 s each on a small machine), and a re-run on a configured
# domain used to make ~40 of them only to find nothing to change. So the script reads the domain
# once (one "asadmin multimode" JVM running all the reads: get with wildcards, list-*), answers
# its checks from that, queues the writes it needs and runs them together in another multimode
# JVM at the end (in the order queued, as the separate calls ran). A batch is flushed earlier only
# where a decision needs the result of a write (a new JDBC pool's defaults) or a write needs
# another alias password file. multimode runs every command of its file even after one failed:
# the script then prints what failed and exits 1 (a re-run, idempotent, completes the rest).
work="$(mktemp -d)"   # batch files, staged jars, password files (mktemp -d: owner-only)
trap 'rm -rf "$work"' EXIT

# mm_line ARGS...: one command line of a multimode file, every argument quoted for its parser
# (which unescapes \\ and \" inside double quotes, and leaves ${...} alone).
mm_line() {
  local a line=""
  for a in "$@"; do a="${a//\\/\\\\}"; a="${a//\"/\\\"}"; line+="\"$a\" "; done
  printf '%s\n' "$line"
}

# mm FILE [PASSWORDFILE]: runs FILE's commands in one asadmin JVM; mm_out[i] is the output of its
# command i, mm_end[i] its last line ("Command ... executed successfully."), mm_ok[i] true or
# false. Exits when asadmin did not answer for every command.
mm() {
  local file="$1" line cur="" n
  local pw=(); [ -n "${2:-}" ] && pw=(--passwordfile "$2")
  mm_out=(); mm_end=(); mm_ok=()
  # English messages: the "Command ... executed successfully." lines delimit the outputs
  AS_EXTRA_JAVA_OPTS="${AS_EXTRA_JAVA_OPTS:-} -Duser.language=en -Duser.country=US" \
    "$ASADMIN" --interactive=false --host 127.0.0.1 --port "$FORECOURT_ADMIN_PORT" "${pw[@]}" \
    multimode --file "$file" >"$work/mm.out" 2>"$work/mm.err" || true
  while IFS= read -r line; do
    case "$line" in
      "Unable to retrieve infocmp for type"*) ;;   # jline without a terminal
      "Command multimode "*) ;;
      "Command "*" executed"*) mm_out+=("$cur"); mm_end+=("$line"); mm_ok+=(true); cur="" ;;
      "Command "*" failed.") mm_out+=("$cur"); mm_end+=("$line"); mm_ok+=(false); cur="" ;;
      *) cur+="$line"$'\n' ;;
    esac
  done <"$work/mm.out"
  n="$(grep -c . "$file")"
  if [ "${#mm_ok[@]}" -ne "$n" ]; then
    echo "asadmin multimode answered for ${#mm_ok[@]} of $n commands:" >&2
    grep -v "^Unable to retrieve infocmp" "$work/mm.out" "$work/mm.err" >&2 || true
    exit 1
  fi
}

# Reads, all in one JVM. read_domain sets:
#   dotted      the get outputs of configs.config.$config.*, resources.* and property.* (the
#               domain properties, where set-config-property --source=domain stores its values)
#   jvm_now     list-jvm-options of $config
#   jvm_args    arguments of the running JVM (server only): a JVM option only takes effect when
#               the server (re)starts with it
#   dests_now   physical JMS destinations (empty when the broker cannot be asked, as before)
#   refs_now    resource refs of $target (other than server);  libs_now, common_libs_now,
#   aliases_now, hz_now (Domain Data Grid, with FORECOURT_LISTEN_ADDRESS), domain_dir
# Any other read that fails stops the script, as the single calls did under set -e.
read_domain() {
  local vars=() i
  : >"$work/reads"
  add_read() { vars+=("$1"); shift; mm_line "$@" >>"$work/reads"; }
  add_read dotted_cfg get "$cfg.*"
  add_read dotted_res get "resources.*"
  add_read dotted_prop get "property.*"
  add_read jvm_now list-jvm-options --target "$config"
  jvm_args=""
  [ "$target" = server ] && add_read jvm_args generate-jvm-report --type summary
  add_read dests_now list-jmsdest
  refs_now=""
  [ "$target" != server ] && add_read refs_now list-resource-refs "$target"
  add_read libs_now list-libraries
  add_read common_libs_now list-libraries --type common
  add_read aliases_now list-password-aliases
  hz_now=""
  [ -n "${FORECOURT_LISTEN_ADDRESS:-}" ] && add_read hz_now get-hazelcast-configuration
  add_read domain_dir __locations
  mm "$work/reads"
  for i in "${!vars[@]}"; do
    if ! ${mm_ok[$i]} && [ "${vars[$i]}" != dests_now ]; then
      echo "Reading the domain failed (asadmin $(sed -n "$((i + 1))p" "$work/reads")):" >&2
      cat "$work/mm.err" >&2
      exit 1
    fi
    printf -v "${vars[$i]}" '%s' "${mm_out[$i]}"
  done
  dotted="$dotted_cfg$dotted_res$dotted_prop"
  domain_dir="${domain_dir%%$'\n'*}"
}

# value_of NAME: the current value of dotted name NAME ('' when absent), as read or as queued.
declare -A queued_value
value_of() {
  if [ -n "${queued_value[$1]+set}" ]; then printf '%s' "${queued_value[$1]}"; return; fi
  awk -v k="$1=" 'index($0, k) == 1 { print substr($0, length(k) + 1); exit }' <<<"$dotted"
}
# has_prefix PREFIX: some dotted name read starts with PREFIX (an element exists)
has_prefix() { awk -v k="$1" 'index($0, k) == 1 { found = 1; exit } END { exit !found }' <<<"$dotted"; }

# Writes. queue SHOW MESSAGE COMMAND ARGS...: SHOW true prints the command's own output (as the
# single calls printed it), MESSAGE (may be empty) is printed once the command succeeded.
batch_lines=(); batch_show=(); batch_msg=(); batch_pw=""
queue() {
  batch_show+=("$1"); batch_msg+=("$2"); shift 2
  batch_lines+=("$(mm_line "$@")")
}
# flush [READ ARGS...]: runs the queued writes (then the read, whose output lands in flush_out).
flush() {
  local i failed=false
  flush_out=""
  [ "${#batch_lines[@]}" -eq 0 ] && [ $# -eq 0 ] && return 0
  printf '%s\n' "${batch_lines[@]}" >"$work/writes"
  [ $# -gt 0 ] && mm_line "$@" >>"$work/writes"
  mm "$work/writes" "$batch_pw"
  for i in "${!batch_lines[@]}"; do
    if ${mm_ok[$i]}; then
      ${batch_show[$i]} && printf '%s%s\n' "${mm_out[$i]}" "${mm_end[$i]}"
      [ -n "${batch_msg[$i]}" ] && echo "${batch_msg[$i]}"
    else
      printf '%s%s\n' "${mm_out[$i]}" "${mm_end[$i]}" >&2
      failed=true
    fi
  done
  if [ $# -gt 0 ]; then
    i="${#batch_lines[@]}"
    ${mm_ok[$i]} || failed=true
    flush_out="${mm_out[$i]}"
  fi
  if $failed; then
    cat "$work/mm.err" >&2
    exit 1
  fi
  batch_lines=(); batch_show=(); batch_msg=(); batch_pw=""
}
# say MESSAGE: prints MESSAGE in its place among the queued commands' output (after the command
# queued last has run), or at once when nothing is queued.
say() {
  if [ "${#batch_lines[@]}" -eq 0 ]; then echo "$1"; return; fi
  batch_msg[-1]="${batch_msg[-1]:+${batch_msg[-1]}$'\n'}$1"
}
# with_password FILE: the next queued alias commands read AS_ADMIN_ALIASPASSWORD from FILE (one
# password file per multimode JVM: a batch with another one is flushed first)
with_password() {
  if [ -n "$batch_pw" ] && [ "$batch_pw" != "$1" ]; then flush; fi
  batch_pw="$1"
}

read_domain

# jvm_option PREFIX VALUE: the domain has exactly one JVM option starting with PREFIX: PREFIX+VALUE.
jvm_option() {
  local want="$1$2" current
  current="$(awk -v p="$1" 'index($1, p) == 1 { print $1 }' <<<"$jvm_now")"
  if [ "$current" != "$want" ]; then
    for old in $current; do
      queue false "" delete-jvm-options --target "$config" "$(esc "$old")"
    done
    queue false "JVM option set: $want" create-jvm-options --target "$config" "$(esc "$want")"
  fi
  if [ "$target" = server ]; then
    grep -qxF -- "$want" <<<"$jvm_args" || restart=true
  elif [ "$current" != "$want" ]; then
    restart=true
  fi
}

# attribute DOTTED_NAME VALUE: sets a domain.xml attribute read at start-up, if it differs.
attribute() {
  [ "$(value_of "$1")" = "$2" ] && return 0
  queue false "Set $1=$2" set "$1=$2"
  queued_value[$1]="$2"
  restart=true
}

# --- JVM: JPA provider for persistence units without <provider>, heap -------------------------
case "${FORECOURT_JPA_PROVIDER:-hibernate}" in
  hibernate) provider=org.hibernate.jpa.HibernatePersistenceProvider ;;
  eclipselink) provider=org.eclipse.persistence.jpa.PersistenceProvider ;;
  *) echo "FORECOURT_JPA_PROVIDER must be hibernate or eclipselink" >&2; exit 2 ;;
esac
jvm_option -Dcom.sun.persistence.defaultProvider= "$provider"
jvm_option -Xmx "${FORECOURT_SERVER_HEAP:-1g}"
for option in ${FORECOURT_SERVER_JVM_OPTIONS:-}; do
  case "$option" in
    *=*) jvm_option "${option%%=*}=" "${option#*=}" ;;
    *) jvm_option "$option" "" ;;
  esac
done

# --- HTTP worker threads and listen address ----------------------------------------------------
attribute "$cfg.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size" \
  "${FORECOURT_HTTP_THREADS:-32}"
# No product banner on the application listeners (X-Powered-By, Server): attackers learn nothing.
# gzip for the API's JSON, CSV and NDJSON answers of 1 KiB or more, when the client asks for it
# (Accept-Encoding): a page of 100 vehicles shrinks several-fold. Other types are sent as they are.
for l in http-listener-1 http-listener-2; do
  attribute "$cfg.network-config.protocols.protocol.$l.http.xpowered-by" false
  if has_prefix "$cfg.network-config.protocols.protocol.$l.http.server-header="; then
    attribute "$cfg.network-config.protocols.protocol.$l.http.server-header" false
  fi
  attribute "$cfg.network-config.protocols.protocol.$l.http.compression" on
  attribute "$cfg.network-config.protocols.protocol.$l.http.compressable-mime-type" \
    "application/json,text/csv,application/x-ndjson"
  attribute "$cfg.network-config.protocols.protocol.$l.http.compression-min-size-bytes" 1024
done
if [ -n "${FORECOURT_LISTEN_ADDRESS:-}" ]; then
  for l in http-listener-1 http-listener-2 admin-listener; do
    attribute "$cfg.network-config.network-listeners.network-listener.$l.address" \
      "$FORECOURT_LISTEN_ADDRESS"
  done
  for l in orb-listener-1 SSL SSL_MUTUALAUTH; do
    attribute "$cfg.iiop-service.iiop-listener.$l.address" "$FORECOURT_LISTEN_ADDRESS"
  done
  attribute "$cfg.admin-service.jmx-connector.system.address" "$FORECOURT_LISTEN_ADDRESS"
  # The embedded JMS broker (its port mapper, 7676, and its services) and the Domain Data Grid
  # (Hazelcast, 4900/5900) listen on all interfaces by default: bind them to the same address. A
  # configuration of type REMOTE uses a broker elsewhere (a cluster's, set by create-cluster.sh):
  # its JMS host is that broker's address, left as it is.
  if [ "$(value_of "$cfg.jms-service.type")" != REMOTE ]; then
    attribute "$cfg.jms-service.jms-host.default_JMS_host.host" "$FORECOURT_LISTEN_ADDRESS"
  fi
  if ! grep -Eq "^Interfaces +$FORECOURT_LISTEN_ADDRESS " <<<"$hz_now" \
      || ! grep -Eq "^DAS Bind Address +$FORECOURT_LISTEN_ADDRESS " <<<"$hz_now"; then
    queue false "Domain Data Grid bound to $FORECOURT_LISTEN_ADDRESS" \
      set-hazelcast-configuration --dynamic=false --interfaces "$FORECOURT_LISTEN_ADDRESS" \
      --dasbindaddress "$FORECOURT_LISTEN_ADDRESS" --daspublicaddress "$FORECOURT_LISTEN_ADDRESS"
    restart=true
  fi
  # (Hazelcast binds the wildcard address unless told not to, whatever its interfaces say)
  jvm_option -Dhazelcast.socket.bind.any= false
fi

# --- JDBC pool forecourt-pool + resource jdbc/forecourt ------------------------------------------
# Created when missing; otherwise changed in place, setting by setting, and only where a value
# differs. Never deleted under a deployed application: a deleted resource fails the requests in
# flight ("jdbc/forecourt is not enabled") and leaves the running application holding a pool that
# no longer exists. Only a change of database kind (driver class) replaces the pool.
declare -A pool_attr pool_prop
pool_attr[steady-pool-size]=8
pool_attr[max-pool-size]="${FORECOURT_DB_POOL_MAX:-32}"
pool_attr[is-connection-validation-required]=true
pool_attr[connection-validation-method]=custom-validation
pool_attr[validation-classname]=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation
pool_attr[fail-all-connections]=true
# A hung database must not hold request threads: every statement is cut after this many seconds,
# and a request waits at most this long for a free connection (then 503, not a minute's hang).
pool_attr[statement-timeout-in-seconds]="${FORECOURT_DB_STATEMENT_TIMEOUT_SECONDS:-30}"
pool_attr[max-wait-time-in-millis]="${FORECOURT_DB_POOL_MAX_WAIT_MILLIS:-5000}"
case "$db_kind" in
  h2)
    # H2 2.2.224 ships with Payara; these modes let migrations written for PostgreSQL run on it.
    # WRITE_DELAY=0: a commit is on disk before it is acknowledged (H2 has no redo log; with its
    # default of 500 ms a kill -9 of the domain lost the lead written just before it).
    h2_path="${FORECOURT_H2_PATH:-\${com.sun.aas.instanceRoot\}/lib/databases/forecourt}"
    pool_attr[datasource-classname]=org.h2.jdbcx.JdbcDataSource
    pool_prop[url]="jdbc:h2:$h2_path;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
    pool_prop[user]=forecourt
    pool_prop[password]=forecourt
    ;;
  postgresql)
    : "${FORECOURT_DB_HOST:?} ${FORECOURT_DB_PORT:?} ${FORECOURT_DB_NAME:?}"
    : "${FORECOURT_DB_USER:?} ${FORECOURT_DB_PASSWORD:?}"
    driver="postgresql-${FORECOURT_PG_DRIVER_VERSION:-42.7.4}.jar"
    if [ -n "${FORECOURT_PG_DRIVER_JAR:-}" ]; then driver="$(basename "$FORECOURT_PG_DRIVER_JAR")"; fi
    if ! grep -qx "$driver" <<<"$libs_now"; then
      if [ -n "${FORECOURT_PG_DRIVER_JAR:-}" ]; then
        queue true "" add-library "$FORECOURT_PG_DRIVER_JAR"
      else
        tmp="$(mktemp -d -p "$work")"   # kept until the batch has uploaded it
        (cd "$tmp" && "$MVN" -q dependency:copy -DoutputDirectory="$tmp" \
          -Dartifact="org.postgresql:postgresql:${FORECOURT_PG_DRIVER_VERSION:-42.7.4}")
        queue true "" add-library "$tmp/$driver"
      fi
    fi
    # The password goes into a password alias (encrypted in the domain), never on a command line:
    # asadmin reads it from a password file in the owner-only work directory.
    pwfile="$work/db-password"
    (umask 077 && printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(printf '%s' "$FORECOURT_DB_PASSWORD" | sed 's/\\/\\\\/g')" >"$pwfile")
    with_password "$pwfile"
    if grep -qx forecourt-db-password <<<"$aliases_now"; then
      queue true "" update-password-alias forecourt-db-password
    else
      queue true "" create-password-alias forecourt-db-password
    fi
    pool_attr[datasource-classname]=org.postgresql.ds.PGSimpleDataSource
    pool_prop[serverName]="$FORECOURT_DB_HOST"
    pool_prop[portNumber]="$FORECOURT_DB_PORT"
    pool_prop[databaseName]="$FORECOURT_DB_NAME"
    pool_prop[user]="$FORECOURT_DB_USER"
    pool_prop[password]='${ALIAS=forecourt-db-password}'
    pool_prop[ApplicationName]=forecourt
    # a new connection to a database that does not answer gives up after 5 s (seconds)
    pool_prop[connectTimeout]=5
    pool_prop[loginTimeout]=5
    ;;
  *) echo "FORECOURT_DB_KIND must be h2 or postgresql" >&2; exit 2 ;;
esac
pool_dotted="resources.jdbc-connection-pool.$pool"
pool_now="$(grep -F "$pool_dotted." <<<"$dotted" || true)"
current_of() { { grep -F "$pool_dotted.$1=" <<<"$pool_now" || true; } | head -n 1 | cut -d= -f2-; }
if [ -n "$pool_now" ] && [ "$(current_of datasource-classname)" != "${pool_attr[datasource-classname]}" ]; then
  say "The database kind changed ($(current_of datasource-classname) -> ${pool_attr[datasource-classname]}): replacing $pool"
  queue true "" delete-jdbc-connection-pool --cascade=true "$pool"
  pool_now=""
  refs_now="$(grep -vx jdbc/forecourt <<<"$refs_now" || true)"   # the cascade removed them
  restart=true
fi
if [ -z "$pool_now" ]; then
  props=""
  for k in "${!pool_prop[@]}"; do props="${props:+$props:}$k=$(esc "${pool_prop[$k]}")"; done
  queue true "" create-jdbc-connection-pool --restype javax.sql.DataSource \
    --datasourceclassname "${pool_attr[datasource-classname]}" --property "$props" --ping=true "$pool"
  # the new pool's settings (its defaults) decide what is set below, and a cascading delete
  # above also removed jdbc/forecourt: run the batch so far and read the resources again
  flush get "resources.*"
  dotted="$dotted_cfg$flush_out$dotted_prop"
  pool_now="$(grep -F "$pool_dotted." <<<"$dotted" || true)"
fi
# in this order: asadmin refuses validation switched on before its method is set
for k in datasource-classname steady-pool-size max-pool-size connection-validation-method \
    validation-classname is-connection-validation-required fail-all-connections \
    statement-timeout-in-seconds max-wait-time-in-millis; do
  if [ "$(current_of "$k")" != "${pool_attr[$k]}" ]; then
    queue false "Set $pool $k=${pool_attr[$k]}" set "$pool_dotted.$k=${pool_attr[$k]}"
  fi
done
# A property changed on a pool in use (another database, host or user) needs a restart: Payara
# re-creates the pool's connection factory at once, but the new one cannot resolve the password
# alias ("RAR7099: The mcf being used to allocate the connection and the MCF in the pool are not
# equal", then "No password credential found" for every new connection until the next start).
for k in "${!pool_prop[@]}"; do
  if [ "$(current_of "property.$k")" != "${pool_prop[$k]}" ]; then
    msg="Set $pool property $k=${pool_prop[$k]}"
    [ "$k" = password ] && msg="Set $pool property $k"
    queue false "$msg" set "$pool_dotted.property.$k=${pool_prop[$k]}"
    restart=true
  fi
done
if ! has_prefix resources.jdbc-resource.jdbc/forecourt.; then
  queue true "" create-jdbc-resource --connectionpoolid "$pool" jdbc/forecourt
fi

# referenced NAME: the resource NAME (created above for the DAS) is referenced by the target too
referenced() {
  [ "$target" = server ] && return 0
  if ! grep -qx "$1" <<<"$refs_now"; then
    queue false "Resource $1 referenced by $target" create-resource-ref --target "$target" "$1"
  fi
}
referenced jdbc/forecourt

# --- Managed executor for asynchronous work -----------------------------------------------------
if ! has_prefix resources.managed-executor-service.concurrent/forecourt.; then
  queue true "" create-managed-executor-service \
    --corepoolsize 4 --maximumpoolsize 16 --taskqueuecapacity 1024 concurrent/forecourt
fi
referenced concurrent/forecourt

# --- JMS (the embedded OpenMQ broker): job queues, dead letter queue, connection factory --------
# Physical destinations in the broker, and the JNDI resources the application looks up. The
# application creates none of them; an operator sees and manages them in the admin console
# (Resources > JMS Resources) and with asadmin list-jmsdest / list-jms-resources. The brokers of a
# deployment group's instances create the queues on first use (OpenMQ's auto-create).
for dest in ForecourtEvents ForecourtWebhooks ForecourtDeadLetters; do
  if ! grep -qx "$dest" <<<"$dests_now"; then
    queue true "" create-jmsdest --desttype queue "$dest"
  fi
done
if ! has_prefix resources.connector-resource.jms/forecourt/connectionFactory.; then
  queue true "" create-jms-resource --restype jakarta.jms.ConnectionFactory jms/forecourt/connectionFactory
fi
for pair in events:ForecourtEvents webhooks:ForecourtWebhooks deadLetters:ForecourtDeadLetters; do
  if ! has_prefix "resources.admin-object-resource.jms/forecourt/${pair%%:*}."; then
    queue true "" create-jms-resource --restype jakarta.jms.Queue --property "Name=${pair#*:}" \
      "jms/forecourt/${pair%%:*}"
  fi
done
for jms in connectionFactory events webhooks deadLetters; do referenced "jms/forecourt/$jms"; done
# Redelivery policy of the job queues (MicroProfile Config in the domain: Configurations >
# server-config > MicroProfile > Config in the admin console; read at each failure).
# (stored as the domain property payara.microprofile.NAME: written only when it differs)
config_property() {
  [ "$(value_of "property.payara.microprofile.$1")" = "$2" ] && return 0
  queue false "" set-config-property --source=domain --propertyName="$1" --propertyValue="$2"
}
# The readiness self-check calls this server's own HTTP listener (authentication end to end). A
# domain-wide property, so only for the DAS: the instances of a group each get their own address
# as a system property (create-cluster.sh); set here it would send the DAS's check to their port.
if [ "$target" = server ]; then
  http_port="$(value_of "$cfg.network-config.network-listeners.network-listener.http-listener-1.port")"
  self_host="${FORECOURT_LISTEN_ADDRESS:-127.0.0.1}"
  [ "$self_host" = 0.0.0.0 ] && self_host=127.0.0.1
  config_property forecourt.health.self-check.base-url "http://$self_host:$http_port"
fi
config_property forecourt.events.redelivery.limit "${FORECOURT_EVENTS_REDELIVERY_LIMIT:-5}"
config_property forecourt.events.redelivery.delay "${FORECOURT_EVENTS_REDELIVERY_DELAY:-PT5S}"
config_property forecourt.webhooks.redelivery.limit "${FORECOURT_WEBHOOKS_REDELIVERY_LIMIT:-8}"
config_property forecourt.webhooks.redelivery.delay "${FORECOURT_WEBHOOKS_REDELIVERY_DELAY:-PT30S}"
# Traces (MicroProfile Telemetry 1.1, the OpenTelemetry SDK's autoconfiguration): OTLP over HTTP
# (protobuf) to <endpoint>/v1/traces; a trace a caller began follows the caller's sampling decision
# (its traceparent), one begun here is kept with the given ratio; metrics and logs stay where they
# are (/metrics, the JSON log). The application's SDK reads otel.* when it is deployed, so a change
# applies at the next deployment or restart. Every otel.* key only here, in the domain's config
# source: Payara fails the deployment when one is set in two sources ("Duplicate key otel...").
if [ -n "${FORECOURT_OTLP_ENDPOINT:-}" ]; then
  config_property otel.sdk.disabled false
  config_property otel.service.name forecourt
  config_property otel.traces.exporter otlp
  config_property otel.exporter.otlp.protocol http/protobuf
  config_property otel.exporter.otlp.endpoint "$FORECOURT_OTLP_ENDPOINT"
  config_property otel.traces.sampler parentbased_traceidratio
  config_property otel.traces.sampler.arg "${FORECOURT_TRACE_SAMPLE_RATIO:-0.1}"
  config_property otel.metrics.exporter none
  config_property otel.logs.exporter none
fi

# --- Mail session mail/forecourt (password reset mails) ------------------------------------------
# Created when missing; host, user and sender changed in place; replaced only when one of its
# properties changed (asadmin cannot set a property whose name has dots, like mail.smtp.port).
declare -A mail_prop
mail_prop[mail.smtp.port]="${FORECOURT_SMTP_PORT:-25}"
mail_prop[mail.smtp.connectiontimeout]=5000
mail_prop[mail.smtp.timeout]=10000
mail_prop[mail.smtp.writetimeout]=10000
if [ "${FORECOURT_SMTP_STARTTLS:-false}" = true ]; then
  mail_prop[mail.smtp.starttls.enable]=true
  mail_prop[mail.smtp.starttls.required]=true
fi
if [ -n "${FORECOURT_SMTP_USER:-}" ]; then
  smtp_pwfile="$work/smtp-password"
  (umask 077 && printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(printf '%s' "${FORECOURT_SMTP_PASSWORD:?}" | sed 's/\\/\\\\/g')" >"$smtp_pwfile")
  with_password "$smtp_pwfile"
  if grep -qx forecourt-smtp-password <<<"$aliases_now"; then
    queue true "" update-password-alias forecourt-smtp-password
  else
    queue true "" create-password-alias forecourt-smtp-password
  fi
  mail_prop[mail.smtp.auth]=true
  mail_prop[mail.smtp.user]="$FORECOURT_SMTP_USER"
  mail_prop[mail.smtp.password]='${ALIAS=forecourt-smtp-password}'
fi
mail_dotted=resources.mail-resource.mail/forecourt
mail_now="$(grep -F "$mail_dotted." <<<"$dotted" || true)"
mail_props_now="$({ grep -F "$mail_dotted.property." <<<"$mail_now" || true; } | sed "s|^$mail_dotted.property.||" | sort)"
mail_props_want="$(for k in "${!mail_prop[@]}"; do printf '%s=%s\n' "$k" "${mail_prop[$k]}"; done | sort)"
if [ -n "$mail_now" ] && [ "$mail_props_now" != "$mail_props_want" ]; then
  say "The mail session's properties changed: replacing mail/forecourt"
  queue true "" delete-javamail-resource mail/forecourt
  mail_now=""
fi
mail_host="${FORECOURT_SMTP_HOST:-localhost}"
mail_user="${FORECOURT_SMTP_USER:-forecourt}"
mail_from="${FORECOURT_MAIL_FROM:-forecourt@localhost}"
if [ -z "$mail_now" ]; then
  props=""
  for k in "${!mail_prop[@]}"; do props="${props:+$props:}$k=$(esc "${mail_prop[$k]}")"; done
  queue true "" create-javamail-resource --mailhost "$mail_host" --mailuser "$mail_user" \
    --fromaddress "$mail_from" --property "$props" mail/forecourt
else
  for pair in "host=$mail_host" "user=$mail_user" "from=$mail_from"; do
    if ! grep -qxF "$mail_dotted.$pair" <<<"$mail_now"; then
      queue false "Set mail/forecourt ${pair%%=*}=${pair#*=}" set "$mail_dotted.$pair"
    fi
  done
fi
referenced mail/forecourt

# --- EJB timers: kept in the Domain Data Grid (Hazelcast), not in a database ------------------
# The database store would open its own persistence unit with the domain's default JPA provider
# (Hibernate, from the EAR only) and fail ("EJB Timer Service is not available"). Forecourt's timers
# (housekeeping) are non-persistent; the data grid keeps any persistent timer cluster-wide.
attribute "$cfg.ejb-container.ejb-timer-service.ejb-timer-service" DataGrid

# --- MicroProfile Config cache: how soon a value changed with set-config-property applies -------
# (Payara's default: 60 s). The system tests use 0 to see a change at once.
if [ -n "${FORECOURT_MP_CONFIG_CACHE_SECONDS:-}" ]; then
  # a copied configuration (a cluster's) has no microprofile-config element until set-config-cache
  # (absent from the get of the configuration read at the start, then '')
  if [ "$(value_of "$cfg.microprofile-config.cache-duration-seconds")" != "$FORECOURT_MP_CONFIG_CACHE_SECONDS" ]; then
    queue false "Set $config MicroProfile Config cache duration=$FORECOURT_MP_CONFIG_CACHE_SECONDS s" \
      set-config-cache --target "$config" --duration "$FORECOURT_MP_CONFIG_CACHE_SECONDS"
    restart=true
  fi
fi

# === BEGIN server-level errors (owner: server-errors) ===========================================
# Requests Payara refuses before the application sees them (a header Grizzly cannot parse or that
# exceeds 8 KiB, an unknown HTTP version, "%00", "%5C", "%zz" or a ".." climbing out of the
# context, an unknown method, a path no servlet serves) get problem+json (type, title, status) with
# the application's security headers and no server name or version, instead of Payara's HTML page
# or a bodiless answer. Two parts of the jar built by the server-errors module, installed into the
# domain's lib/ (the common class loader, read at start-up: a changed jar restarts the domain):
#   - the virtual server's error report valve (property errorReportValve) writes the body where
#     Payara's ErrorReportValve wrote its HTML page;
#   - a Grizzly filter in front of the HTTP codec rewrites the bodiless refusals of the codec and of
#     the web container's URI checks. Payara's listener configuration has one place for a filter in
#     front of the codec: a port-unification protocol (forecourt-http) with a custom PUFilter
#     class, whose only sub-protocol is the existing http-listener-1 protocol.
# Cleartext HTTP/2 (h2c upgrade, which Java's HttpClient attempts by default) is switched off on
# http-listener-1 on purpose: Grizzly's HTTP/2 answers a header list over its limit (4 KiB, e.g. a
# large bearer token) with a stream reset, and later requests on that connection then get a 431
# even for a short token, and a GOAWAY. The same requests over HTTP/1.1 are answered by the
# application (header limit 8 KiB, then problem+json 400). Port unification would disable h2c on
# this listener anyway; http2-enabled=false says so in the configuration. With h2c off, Payara
# never sends a successful answer to a request that still carries "Upgrade: h2c" (Java's
# HttpClient would wait for ever): the same filter renames that header before the codec sees it,
# so such a request is served as the HTTP/1.1 request it also is.
# FORECOURT_SERVER_ERRORS_JAR: the jar to install (default: server-errors/target, built if absent).
errors_jar="$(server_errors_jar)"
errors_lib="$domain_dir/lib/forecourt-server-errors.jar"
if ! cmp -s "$errors_jar" "$errors_lib"; then
  if grep -qx forecourt-server-errors.jar <<<"$common_libs_now"; then
    queue false "" remove-library --type common forecourt-server-errors.jar
  fi
  staged="$(mktemp -d -p "$work")/forecourt-server-errors.jar"   # add-library keeps the file name
  cp "$errors_jar" "$staged"
  queue false "Installed forecourt-server-errors.jar into the domain's lib/" \
    add-library --type common "$staged"
  restart=true
fi
attribute "$cfg.http-service.virtual-server.server.property.errorReportValve" \
  dev.forecourt.server.errors.ProblemErrorReportValve
if ! has_prefix "$cfg.network-config.protocols.protocol.forecourt-http."; then
  queue false "" create-protocol --target "$config" forecourt-http
fi
if ! has_prefix "$cfg.network-config.protocols.protocol.forecourt-http.port-unification.protocol-finder.http-finder."; then
  queue false "" create-protocol-finder --target "$config" --protocol forecourt-http \
    --targetprotocol http-listener-1 \
    --classname org.glassfish.grizzly.config.portunif.HttpProtocolFinder http-finder
fi
attribute "$cfg.network-config.protocols.protocol.forecourt-http.port-unification.classname" \
  dev.forecourt.server.errors.ProblemPortUnificationFilter
attribute "$cfg.network-config.network-listeners.network-listener.http-listener-1.protocol" forecourt-http
attribute "$cfg.network-config.protocols.protocol.http-listener-1.http.http2-enabled" false
# === END server-level errors ======================================================================

# The queued writes, in one JVM.
flush

# MP Health (/health) and MP Metrics (/metrics) are enabled by default on Payara 6's HTTP
# listener; nothing to do. Start-up-only settings changed: restart so they take effect.
if $restart && [ "$target" != server ]; then
  echo "Restart needed: the instances of $target start with changed settings only after a restart"
elif $restart; then
  # restart-domain is a local command: it needs the domain's directory, which the DAS reports.
  echo "Restarting domain $domain_dir for the changed start-up settings"
  "$ASADMIN" restart-domain --domaindir "$(dirname "$domain_dir")" "$(basename "$domain_dir")"
fi
