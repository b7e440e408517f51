#!/usr/bin/env bash
# Usage: build-domain.sh
# Builds Forecourt's Payara domain inside the container image (the Dockerfile runs it once, at
# build time, as the image's payara user). It runs the same scripts as a VM install:
# create-domain.sh, then configure-domain.sh against the started domain. Every value that differs
# per deployment (database, SMTP) is handed to configure-domain.sh as a ${ENV=...} reference,
# which Payara resolves from the container's environment when the server starts; the image holds
# no address and no secret. Then the few container-only changes (below), and the domain is
# stopped. The EAR is not deployed here: deploying runs the Flyway migrations, which need the
# database; the image's start script deploys it at every container start (post-boot command).
#
# Environment (the Dockerfile sets them):
#   PAYARA_HOME               the Payara installation (the image's /opt/payara/appserver)
#   FORECOURT_DOMAIN_NAME     domain name (forecourt); FORECOURT_BUILD_PORTBASE: "default" (8080,
#                             4848: what the image exposes) or a port base, for a trial run
#   FORECOURT_PG_DRIVER_JAR, FORECOURT_SERVER_ERRORS_JAR  the jars configure-domain.sh installs
#   FORECOURT_DOMAINS_DIR     where the domain is created ($PAYARA_HOME/glassfish/domains)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
payara_scripts="$here/../payara"
name="${FORECOURT_DOMAIN_NAME:-forecourt}"
portbase="${FORECOURT_BUILD_PORTBASE:-default}"
domains="${FORECOURT_DOMAINS_DIR:-$PAYARA_HOME/glassfish/domains}"
: "${PAYARA_HOME:?} ${FORECOURT_PG_DRIVER_JAR:?} ${FORECOURT_SERVER_ERRORS_JAR:?}"
asadmin="$PAYARA_HOME/bin/asadmin"
if [ "$portbase" = default ]; then admin_port=4848; else admin_port=$((portbase + 48)); fi
export FORECOURT_ADMIN_PORT="$admin_port"

"$payara_scripts/create-domain.sh" "$name" "$portbase" "$domains"
"$asadmin" start-domain --domaindir "$domains" "$name"
trap '"$asadmin" stop-domain --domaindir "$domains" "$name" >/dev/null 2>&1 || true' EXIT

# --- configure-domain.sh, as on a VM, with references instead of values -------------------------
# The JDBC pool, the mail session, JMS, the executor, the server-errors jar, the JVM options: all
# from the one script. A value ${ENV=...} is resolved by Payara from the environment of the
# server process when it reads the setting (documented: "Configuration Variables Reference").
# shellcheck disable=SC2016  # the ${ENV=...} references are for Payara, not for this shell
FORECOURT_DB_KIND=postgresql \
FORECOURT_DB_HOST='${ENV=FORECOURT_DB_HOST}' \
FORECOURT_DB_PORT='${ENV=FORECOURT_DB_PORT}' \
FORECOURT_DB_NAME='${ENV=FORECOURT_DB_NAME}' \
FORECOURT_DB_USER='${ENV=FORECOURT_DB_USER}' \
FORECOURT_DB_PASSWORD='${ENV=FORECOURT_DB_PASSWORD}' \
FORECOURT_SMTP_HOST='${ENV=FORECOURT_SMTP_HOST}' \
FORECOURT_SMTP_PORT='${ENV=FORECOURT_SMTP_PORT}' \
FORECOURT_MAIL_FROM='${ENV=FORECOURT_MAIL_FROM}' \
FORECOURT_SERVER_HEAP=1g \
  "$payara_scripts/configure-domain.sh" "$admin_port"

asadmin_remote() { "$asadmin" --interactive=false --host 127.0.0.1 --port "$admin_port" "$@"; }

# --- container-only changes -----------------------------------------------------------------------
# 1. The database password: configure-domain.sh keeps it in a password alias, which would put the
#    value into the image. The pool reads it from the environment instead (the Secret).
pool=resources.jdbc-connection-pool.forecourt-pool
# shellcheck disable=SC2016
asadmin_remote set "$pool.property.password=\${ENV=FORECOURT_DB_PASSWORD}" >/dev/null
asadmin_remote delete-password-alias forecourt-db-password >/dev/null
# 2. The heap follows the container's memory limit (as in the official image's own domain):
#    -XX:MaxRAMPercentage from MEM_MAX_RAM_PERCENTAGE (the image's 70) instead of a fixed -Xmx.
for opt in $(asadmin_remote list-jvm-options | grep -E '^-Xm[sx]|^-Xss' || true); do
  asadmin_remote delete-jvm-options "$(printf '%s' "$opt" | sed 's/[\\:=]/\\&/g')" >/dev/null
done
# shellcheck disable=SC2016
asadmin_remote create-jvm-options \
  '-XX\:MaxRAMPercentage=${ENV=MEM_MAX_RAM_PERCENTAGE}:-Xss${ENV=MEM_XSS}:-Djdk.util.zip.disableZip64ExtraFieldValidation=true' \
  >/dev/null
# 3. Logs go to standard output only (kubectl logs), as in the official image.
asadmin_remote set-log-attributes com.sun.enterprise.server.logging.GFFileHandler.logtoFile=false >/dev/null

"$asadmin" stop-domain --domaindir "$domains" "$name"
trap - EXIT
rm -rf "${domains:?}/$name/osgi-cache" "${domains:?}/$name/logs"
echo "Domain $name built in $domains"
