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
set -euo pipefail
. "$(dirname "$0")/env.sh"
FORECOURT_ADMIN_PORT="${1:-$FORECOURT_ADMIN_PORT}"

db_kind="${FORECOURT_DB_KIND:-h2}"
pool=forecourt-pool
restart=false
target="${FORECOURT_TARGET:-server}"
config="${FORECOURT_CONFIG:-server-config}"
cfg="configs.config.$config"

# asadmin splits --property and JVM options on ':' and '=': escape them inside values.
esc() { printf '%s' "$1" | sed 's/[\\:=]/\\&/g'; }

# Arguments of the running JVM: a JVM option only takes effect when the server (re)starts with it.
jvm_args=""
if [ "$target" = server ]; then
  jvm_args="$(asadmin_remote generate-jvm-report --type summary)"
fi

# jvm_option PREFIX VALUE: the domain has exactly one JVM option starting with PREFIX: PREFIX+VALUE.
jvm_option() {
  local want="$1$2" current
  current="$(asadmin_remote list-jvm-options --target "$config" | awk -v p="$1" 'index($1, p) == 1 { print $1 }')"
  if [ "$current" != "$want" ]; then
    for old in $current; do
      asadmin_remote delete-jvm-options --target "$config" "$(esc "$old")" >/dev/null
    done
    asadmin_remote create-jvm-options --target "$config" "$(esc "$want")" >/dev/null
    echo "JVM option set: $want"
  fi
  if [ "$target" = server ]; then
    grep -qxF -- "$want" <<<"$jvm_args" || restart=true
  elif [ "$current" != "$want" ]; then
    restart=true
  fi
}

# attribute DOTTED_NAME VALUE: sets a domain.xml attribute read at start-up, if it differs.
attribute() {
  [ "$(asadmin_remote get "$1" | grep "^$1=" | cut -d= -f2-)" = "$2" ] && return 0
  asadmin_remote set "$1=$2" >/dev/null
  echo "Set $1=$2"
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

# --- HTTP worker threads and listen address ----------------------------------------------------
attribute "$cfg.thread-pools.thread-pool.http-thread-pool.max-thread-pool-size" \
  "${FORECOURT_HTTP_THREADS:-32}"
# No product banner on the application listeners (X-Powered-By, Server): attackers learn nothing.
for l in http-listener-1 http-listener-2; do
  attribute "$cfg.network-config.protocols.protocol.$l.http.xpowered-by" false
  if asadmin_remote get "$cfg.network-config.protocols.protocol.$l.http.server-header" >/dev/null 2>&1; then
    attribute "$cfg.network-config.protocols.protocol.$l.http.server-header" false
  fi
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
  # (Hazelcast, 4900/5900) listen on all interfaces by default: bind them to the same address.
  attribute "$cfg.jms-service.jms-host.default_JMS_host.host" "$FORECOURT_LISTEN_ADDRESS"
  hz="$(asadmin_remote get-hazelcast-configuration)"
  if ! grep -Eq "^Interfaces +$FORECOURT_LISTEN_ADDRESS " <<<"$hz" \
      || ! grep -Eq "^DAS Bind Address +$FORECOURT_LISTEN_ADDRESS " <<<"$hz"; then
    asadmin_remote set-hazelcast-configuration --dynamic=false --interfaces "$FORECOURT_LISTEN_ADDRESS" \
      --dasbindaddress "$FORECOURT_LISTEN_ADDRESS" --daspublicaddress "$FORECOURT_LISTEN_ADDRESS" >/dev/null
    echo "Domain Data Grid bound to $FORECOURT_LISTEN_ADDRESS"
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
    if ! asadmin_remote list-libraries | grep -qx "$driver"; then
      if [ -n "${FORECOURT_PG_DRIVER_JAR:-}" ]; then
        asadmin_remote add-library "$FORECOURT_PG_DRIVER_JAR"
      else
        tmp="$(mktemp -d)"
        (cd "$tmp" && "$MVN" -q dependency:copy -DoutputDirectory="$tmp" \
          -Dartifact="org.postgresql:postgresql:${FORECOURT_PG_DRIVER_VERSION:-42.7.4}")
        asadmin_remote add-library "$tmp/$driver"
        rm -rf "$tmp"
      fi
    fi
    # The password goes into a password alias (encrypted in the domain), never on a command line.
    pwfile="$(mktemp)"
    trap 'rm -f "$pwfile"' EXIT
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(printf '%s' "$FORECOURT_DB_PASSWORD" | sed 's/\\/\\\\/g')" >"$pwfile"
    if asadmin_remote list-password-aliases | grep -qx forecourt-db-password; then
      asadmin_remote --passwordfile "$pwfile" update-password-alias forecourt-db-password
    else
      asadmin_remote --passwordfile "$pwfile" create-password-alias forecourt-db-password
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
pool_now=""
if asadmin_remote list-jdbc-connection-pools | grep -qx "$pool"; then
  pool_now="$(asadmin_remote get "$pool_dotted.*")"
fi
current_of() { grep -F "$pool_dotted.$1=" <<<"$pool_now" | head -n 1 | cut -d= -f2-; }
if [ -n "$pool_now" ] && [ "$(current_of datasource-classname)" != "${pool_attr[datasource-classname]}" ]; then
  echo "The database kind changed ($(current_of datasource-classname) -> ${pool_attr[datasource-classname]}): replacing $pool"
  asadmin_remote delete-jdbc-connection-pool --cascade=true "$pool"
  pool_now=""
  restart=true
fi
if [ -z "$pool_now" ]; then
  props=""
  for k in "${!pool_prop[@]}"; do props="${props:+$props:}$k=$(esc "${pool_prop[$k]}")"; done
  asadmin_remote create-jdbc-connection-pool --restype javax.sql.DataSource \
    --datasourceclassname "${pool_attr[datasource-classname]}" --property "$props" --ping=true "$pool"
  pool_now="$(asadmin_remote get "$pool_dotted.*")"
fi
# in this order: asadmin refuses validation switched on before its method is set
for k in datasource-classname steady-pool-size max-pool-size connection-validation-method \
    validation-classname is-connection-validation-required fail-all-connections \
    statement-timeout-in-seconds max-wait-time-in-millis; do
  if [ "$(current_of "$k")" != "${pool_attr[$k]}" ]; then
    asadmin_remote set "$pool_dotted.$k=${pool_attr[$k]}" >/dev/null
    echo "Set $pool $k=${pool_attr[$k]}"
  fi
done
for k in "${!pool_prop[@]}"; do
  if [ "$(current_of "property.$k")" != "${pool_prop[$k]}" ]; then
    asadmin_remote set "$pool_dotted.property.$k=${pool_prop[$k]}" >/dev/null
    [ "$k" = password ] && echo "Set $pool property $k" || echo "Set $pool property $k=${pool_prop[$k]}"
  fi
done
if ! asadmin_remote list-jdbc-resources | grep -qx jdbc/forecourt; then
  asadmin_remote create-jdbc-resource --connectionpoolid "$pool" jdbc/forecourt
fi

# referenced NAME: the resource NAME (created above for the DAS) is referenced by the target too
referenced() {
  [ "$target" = server ] && return 0
  if ! asadmin_remote list-resource-refs "$target" | grep -qx "$1"; then
    asadmin_remote create-resource-ref --target "$target" "$1" >/dev/null
    echo "Resource $1 referenced by $target"
  fi
}
referenced jdbc/forecourt

# --- Managed executor for asynchronous work -----------------------------------------------------
if ! asadmin_remote list-managed-executor-services | grep -qx concurrent/forecourt; then
  asadmin_remote create-managed-executor-service \
    --corepoolsize 4 --maximumpoolsize 16 --taskqueuecapacity 1024 concurrent/forecourt
fi
referenced concurrent/forecourt

# --- JMS (the embedded OpenMQ broker): job queues, dead letter queue, connection factory --------
# Physical destinations in the broker, and the JNDI resources the application looks up. The
# application creates none of them; an operator sees and manages them in the admin console
# (Resources > JMS Resources) and with asadmin list-jmsdest / list-jms-resources. The brokers of a
# deployment group's instances create the queues on first use (OpenMQ's auto-create).
existing_dests="$(asadmin_remote list-jmsdest 2>/dev/null || true)"
for dest in ForecourtEvents ForecourtWebhooks ForecourtDeadLetters; do
  if ! grep -qx "$dest" <<<"$existing_dests"; then
    asadmin_remote create-jmsdest --desttype queue "$dest"
  fi
done
existing_jms="$(asadmin_remote list-jms-resources)"
if ! grep -qx jms/forecourt/connectionFactory <<<"$existing_jms"; then
  asadmin_remote create-jms-resource --restype jakarta.jms.ConnectionFactory jms/forecourt/connectionFactory
fi
for pair in events:ForecourtEvents webhooks:ForecourtWebhooks deadLetters:ForecourtDeadLetters; do
  if ! grep -qx "jms/forecourt/${pair%%:*}" <<<"$existing_jms"; then
    asadmin_remote create-jms-resource --restype jakarta.jms.Queue --property "Name=${pair#*:}" \
      "jms/forecourt/${pair%%:*}"
  fi
done
for jms in connectionFactory events webhooks deadLetters; do referenced "jms/forecourt/$jms"; done
# Redelivery policy of the job queues (MicroProfile Config in the domain: Configurations >
# server-config > MicroProfile > Config in the admin console; read at each failure).
config_property() {
  asadmin_remote set-config-property --source=domain --propertyName="$1" --propertyValue="$2" >/dev/null
}
# The readiness self-check calls this server's own HTTP listener (authentication end to end).
http_port="$(asadmin_remote get "$cfg.network-config.network-listeners.network-listener.http-listener-1.port" \
  | sed -n 's/^.*http-listener-1\.port=//p')"
self_host="${FORECOURT_LISTEN_ADDRESS:-127.0.0.1}"
[ "$self_host" = 0.0.0.0 ] && self_host=127.0.0.1
config_property forecourt.health.self-check.base-url "http://$self_host:$http_port"
config_property forecourt.events.redelivery.limit "${FORECOURT_EVENTS_REDELIVERY_LIMIT:-5}"
config_property forecourt.events.redelivery.delay "${FORECOURT_EVENTS_REDELIVERY_DELAY:-PT5S}"
config_property forecourt.webhooks.redelivery.limit "${FORECOURT_WEBHOOKS_REDELIVERY_LIMIT:-8}"
config_property forecourt.webhooks.redelivery.delay "${FORECOURT_WEBHOOKS_REDELIVERY_DELAY:-PT30S}"

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
  smtp_pwfile="$(mktemp)"
  trap 'rm -f "${pwfile:-}" "$smtp_pwfile"' EXIT
  printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$(printf '%s' "${FORECOURT_SMTP_PASSWORD:?}" | sed 's/\\/\\\\/g')" >"$smtp_pwfile"
  if asadmin_remote list-password-aliases | grep -qx forecourt-smtp-password; then
    asadmin_remote --passwordfile "$smtp_pwfile" update-password-alias forecourt-smtp-password
  else
    asadmin_remote --passwordfile "$smtp_pwfile" create-password-alias forecourt-smtp-password
  fi
  mail_prop[mail.smtp.auth]=true
  mail_prop[mail.smtp.user]="$FORECOURT_SMTP_USER"
  mail_prop[mail.smtp.password]='${ALIAS=forecourt-smtp-password}'
fi
mail_dotted=resources.mail-resource.mail/forecourt
mail_now=""
if asadmin_remote list-javamail-resources | grep -qx mail/forecourt; then
  mail_now="$(asadmin_remote get "$mail_dotted.*")"
fi
mail_props_now="$({ grep -F "$mail_dotted.property." <<<"$mail_now" || true; } | sed "s|^$mail_dotted.property.||" | sort)"
mail_props_want="$(for k in "${!mail_prop[@]}"; do printf '%s=%s\n' "$k" "${mail_prop[$k]}"; done | sort)"
if [ -n "$mail_now" ] && [ "$mail_props_now" != "$mail_props_want" ]; then
  echo "The mail session's properties changed: replacing mail/forecourt"
  asadmin_remote delete-javamail-resource mail/forecourt
  mail_now=""
fi
mail_host="${FORECOURT_SMTP_HOST:-localhost}"
mail_user="${FORECOURT_SMTP_USER:-forecourt}"
mail_from="${FORECOURT_MAIL_FROM:-forecourt@localhost}"
if [ -z "$mail_now" ]; then
  props=""
  for k in "${!mail_prop[@]}"; do props="${props:+$props:}$k=$(esc "${mail_prop[$k]}")"; done
  asadmin_remote create-javamail-resource --mailhost "$mail_host" --mailuser "$mail_user" \
    --fromaddress "$mail_from" --property "$props" mail/forecourt
else
  for pair in "host=$mail_host" "user=$mail_user" "from=$mail_from"; do
    if ! grep -qxF "$mail_dotted.$pair" <<<"$mail_now"; then
      asadmin_remote set "$mail_dotted.$pair" >/dev/null
      echo "Set mail/forecourt ${pair%%=*}=${pair#*=}"
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
  cache_now="$(asadmin_remote get "$cfg.microprofile-config.cache-duration-seconds" 2>/dev/null \
    | sed -n 's/^.*cache-duration-seconds=//p' || true)"
  if [ "$cache_now" != "$FORECOURT_MP_CONFIG_CACHE_SECONDS" ]; then
    asadmin_remote set-config-cache --target "$config" --duration "$FORECOURT_MP_CONFIG_CACHE_SECONDS" >/dev/null
    echo "Set $config MicroProfile Config cache duration=$FORECOURT_MP_CONFIG_CACHE_SECONDS s"
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
errors_jar="${FORECOURT_SERVER_ERRORS_JAR:-$FORECOURT_REPO/server-errors/target/forecourt-server-errors.jar}"
if [ ! -f "$errors_jar" ]; then
  (cd "$FORECOURT_REPO" && "$MVN" -q -B -DskipTests -pl server-errors package)
fi
errors_lib="$("$ASADMIN" --terse=true --host 127.0.0.1 --port "$FORECOURT_ADMIN_PORT" __locations)/lib/forecourt-server-errors.jar"
if ! cmp -s "$errors_jar" "$errors_lib"; then
  if asadmin_remote list-libraries --type common | grep -qx forecourt-server-errors.jar; then
    asadmin_remote remove-library --type common forecourt-server-errors.jar >/dev/null
  fi
  staged="$(mktemp -d)/forecourt-server-errors.jar"   # add-library keeps the file name
  cp "$errors_jar" "$staged"
  asadmin_remote add-library --type common "$staged" >/dev/null
  rm -rf "$(dirname "$staged")"
  echo "Installed forecourt-server-errors.jar into the domain's lib/"
  restart=true
fi
attribute "$cfg.http-service.virtual-server.server.property.errorReportValve" \
  dev.forecourt.server.errors.ProblemErrorReportValve
if ! asadmin_remote list-protocols "$config" | grep -qx forecourt-http; then
  asadmin_remote create-protocol --target "$config" forecourt-http >/dev/null
fi
if ! asadmin_remote list-protocol-finders --target "$config" forecourt-http | grep -qx http-finder; then
  asadmin_remote create-protocol-finder --target "$config" --protocol forecourt-http \
    --targetprotocol http-listener-1 \
    --classname org.glassfish.grizzly.config.portunif.HttpProtocolFinder http-finder >/dev/null
fi
attribute "$cfg.network-config.protocols.protocol.forecourt-http.port-unification.classname" \
  dev.forecourt.server.errors.ProblemPortUnificationFilter
attribute "$cfg.network-config.network-listeners.network-listener.http-listener-1.protocol" forecourt-http
attribute "$cfg.network-config.protocols.protocol.http-listener-1.http.http2-enabled" false
# === END server-level errors ======================================================================

# MP Health (/health) and MP Metrics (/metrics) are enabled by default on Payara 6's HTTP
# listener; nothing to do. Start-up-only settings changed: restart so they take effect.
if $restart && [ "$target" != server ]; then
  echo "Restart needed: the instances of $target start with changed settings only after a restart"
elif $restart; then
  # restart-domain is a local command: it needs the domain's directory, which the DAS reports.
  domain="$("$ASADMIN" --terse=true --host 127.0.0.1 --port "$FORECOURT_ADMIN_PORT" __locations)"
  echo "Restarting domain $domain for the changed start-up settings"
  "$ASADMIN" restart-domain --domaindir "$(dirname "$domain")" "$(basename "$domain")"
fi
