#!/usr/bin/env bash
# Usage: configure-domain.sh [ADMIN_PORT]
# Applies Forecourt's server configuration to a RUNNING domain. Idempotent: re-running it resets
# the resources below to these settings. Restarts the domain when a start-up-only setting changed.
#
# Environment (all optional):
#   FORECOURT_ADMIN_PORT      admin port when no argument is given (4848)
#   FORECOURT_DB_KIND         h2 (default) | postgresql
#   FORECOURT_H2_PATH         H2 database file (${com.sun.aas.instanceRoot}/lib/databases/forecourt)
#   FORECOURT_DB_HOST, FORECOURT_DB_PORT, FORECOURT_DB_NAME, FORECOURT_DB_USER,
#   FORECOURT_DB_PASSWORD     PostgreSQL coordinates (password stored as a password alias)
#   FORECOURT_DB_POOL_MAX     JDBC pool max size (32; steady size 8)
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
cfg=configs.config.server-config

# asadmin splits --property and JVM options on ':' and '=': escape them inside values.
esc() { printf '%s' "$1" | sed 's/[\\:=]/\\&/g'; }

# Arguments of the running JVM: a JVM option only takes effect when the server (re)starts with it.
jvm_args="$(asadmin_remote generate-jvm-report --type summary)"

# jvm_option PREFIX VALUE: the domain has exactly one JVM option starting with PREFIX: PREFIX+VALUE.
jvm_option() {
  local want="$1$2" current
  current="$(asadmin_remote list-jvm-options | awk -v p="$1" 'index($1, p) == 1 { print $1 }')"
  if [ "$current" != "$want" ]; then
    for old in $current; do asadmin_remote delete-jvm-options "$(esc "$old")" >/dev/null; done
    asadmin_remote create-jvm-options "$(esc "$want")" >/dev/null
    echo "JVM option set: $want"
  fi
  grep -qxF -- "$want" <<<"$jvm_args" || restart=true
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
fi

# --- JDBC pool forecourt-pool + resource jdbc/forecourt (deleted and re-created) ---------------
pool_opts=(--restype javax.sql.DataSource
  --steadypoolsize 8 --maxpoolsize "${FORECOURT_DB_POOL_MAX:-32}"
  --isconnectvalidatereq=true --validationmethod custom-validation
  --validationclassname org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation
  --failconnection=true)
case "$db_kind" in
  h2)
    # H2 2.2.224 ships with Payara; these modes let migrations written for PostgreSQL run on it.
    h2_path="${FORECOURT_H2_PATH:-\${com.sun.aas.instanceRoot\}/lib/databases/forecourt}"
    url="jdbc:h2:$h2_path;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
    pool_opts+=(--datasourceclassname org.h2.jdbcx.JdbcDataSource
      --property "url=$(esc "$url"):user=forecourt:password=forecourt")
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
    pool_opts+=(--datasourceclassname org.postgresql.ds.PGSimpleDataSource
      --property "serverName=$(esc "$FORECOURT_DB_HOST"):portNumber=$FORECOURT_DB_PORT:databaseName=$(esc "$FORECOURT_DB_NAME"):user=$(esc "$FORECOURT_DB_USER"):password=$(esc '${ALIAS=forecourt-db-password}'):ApplicationName=forecourt")
    ;;
  *) echo "FORECOURT_DB_KIND must be h2 or postgresql" >&2; exit 2 ;;
esac
if asadmin_remote list-jdbc-connection-pools | grep -qx "$pool"; then
  asadmin_remote delete-jdbc-connection-pool --cascade=true "$pool"
fi
asadmin_remote create-jdbc-connection-pool "${pool_opts[@]}" --ping=true "$pool"
asadmin_remote create-jdbc-resource --connectionpoolid "$pool" jdbc/forecourt

# --- Managed executor for asynchronous work -----------------------------------------------------
if ! asadmin_remote list-managed-executor-services | grep -qx concurrent/forecourt; then
  asadmin_remote create-managed-executor-service \
    --corepoolsize 4 --maximumpoolsize 16 --taskqueuecapacity 1024 concurrent/forecourt
fi

# --- JMS (the embedded OpenMQ broker): job queues, dead letter queue, connection factory --------
# Physical destinations in the broker, and the JNDI resources the application looks up. The
# application creates none of them; an operator sees and manages them in the admin console
# (Resources > JMS Resources) and with asadmin list-jmsdest / list-jms-resources.
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
# Redelivery policy of the job queues (MicroProfile Config in the domain: Configurations >
# server-config > MicroProfile > Config in the admin console; read at each failure).
config_property() {
  asadmin_remote set-config-property --source=domain --propertyName="$1" --propertyValue="$2" >/dev/null
}
config_property forecourt.events.redelivery.limit "${FORECOURT_EVENTS_REDELIVERY_LIMIT:-5}"
config_property forecourt.events.redelivery.delay "${FORECOURT_EVENTS_REDELIVERY_DELAY:-PT5S}"
config_property forecourt.webhooks.redelivery.limit "${FORECOURT_WEBHOOKS_REDELIVERY_LIMIT:-8}"
config_property forecourt.webhooks.redelivery.delay "${FORECOURT_WEBHOOKS_REDELIVERY_DELAY:-PT30S}"

# --- Mail session mail/forecourt (password reset mails), deleted and re-created ----------------
mail_props="mail.smtp.port=${FORECOURT_SMTP_PORT:-25}:mail.smtp.connectiontimeout=5000:mail.smtp.timeout=10000"
if [ "${FORECOURT_SMTP_STARTTLS:-false}" = true ]; then
  mail_props="$mail_props:mail.smtp.starttls.enable=true:mail.smtp.starttls.required=true"
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
  mail_props="$mail_props:mail.smtp.auth=true:mail.smtp.user=$(esc "$FORECOURT_SMTP_USER"):mail.smtp.password=$(esc '${ALIAS=forecourt-smtp-password}')"
fi
if asadmin_remote list-javamail-resources | grep -qx mail/forecourt; then
  asadmin_remote delete-javamail-resource mail/forecourt
fi
asadmin_remote create-javamail-resource --mailhost "${FORECOURT_SMTP_HOST:-localhost}" \
  --mailuser "${FORECOURT_SMTP_USER:-forecourt}" --fromaddress "${FORECOURT_MAIL_FROM:-forecourt@localhost}" \
  --property "$mail_props" mail/forecourt

# --- EJB timers: kept in the Domain Data Grid (Hazelcast), not in a database ------------------
# The database store would open its own persistence unit with the domain's default JPA provider
# (Hibernate, from the EAR only) and fail ("EJB Timer Service is not available"). Forecourt's timers
# (housekeeping) are non-persistent; the data grid keeps any persistent timer cluster-wide.
attribute "$cfg.ejb-container.ejb-timer-service.ejb-timer-service" DataGrid

# --- MicroProfile Config cache: how soon a value changed with set-config-property applies -------
# (Payara's default: 60 s). The system tests use 0 to see a change at once.
if [ -n "${FORECOURT_MP_CONFIG_CACHE_SECONDS:-}" ]; then
  asadmin_remote set-config-cache --duration="$FORECOURT_MP_CONFIG_CACHE_SECONDS"
  restart=true
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
if ! asadmin_remote list-protocols | grep -qx forecourt-http; then
  asadmin_remote create-protocol --target server-config forecourt-http >/dev/null
fi
if ! asadmin_remote list-protocol-finders --target server-config forecourt-http | grep -qx http-finder; then
  asadmin_remote create-protocol-finder --target server-config --protocol forecourt-http \
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
if $restart; then
  # restart-domain is a local command: it needs the domain's directory, which the DAS reports.
  domain="$("$ASADMIN" --terse=true --host 127.0.0.1 --port "$FORECOURT_ADMIN_PORT" __locations)"
  echo "Restarting domain $domain for the changed start-up settings"
  "$ASADMIN" restart-domain --domaindir "$(dirname "$domain")" "$(basename "$domain")"
fi
