#!/usr/bin/env bash
# Usage: install-modules.sh WILDFLY_HOME
# The JBoss modules Forecourt's profile refers to, installed into a WildFly installation (provision.sh
# calls it; an operator runs it on an existing installation before forecourt.cli):
#   org.postgresql         the PostgreSQL JDBC driver, when FORECOURT_DB_KIND=postgresql
#                          (FORECOURT_PG_DRIVER_VERSION, 42.7.4, as for Payara)
#   dev.forecourt.server-errors  the jar of the server-errors module, as in a Payara domain's lib/:
#                          the Undertow filter that answers what the server refuses itself with
#                          problem+json (FORECOURT_SERVER_ERRORS_JAR; forecourt.cli installs it)
# Idempotent. Downloads go through Maven like the Payara installation's (payara/provision.sh): taken
# from ~/.m2 when there, else from the repositories Maven is configured with (mirrors, proxies).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../payara/env.sh" # fetch_artifact, server_errors_jar
wildfly="${1:?usage: install-modules.sh WILDFLY_HOME}"
[ -d "$wildfly/modules" ] || { echo "No WildFly installation at $wildfly" >&2; exit 2; }

# org.postgresql
if [ "${FORECOURT_DB_KIND:-h2}" = postgresql ]; then
  pg="${FORECOURT_PG_DRIVER_VERSION:-42.7.4}"
  module="$wildfly/modules/org/postgresql/main"
  if [ ! -f "$module/postgresql-$pg.jar" ]; then
    rm -rf "$module"
    mkdir -p "$module"
    cp "$(fetch_artifact org.postgresql postgresql "$pg" jar)" "$module/postgresql-$pg.jar"
  fi
  # written each time (the same text): a module.xml of an earlier version of this script is replaced
  cat >"$module/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="org.postgresql">
  <resources>
    <resource-root path="postgresql-$pg.jar"/>
  </resources>
  <dependencies>
    <module name="java.logging"/>
    <module name="java.management"/>
    <module name="java.naming"/>
    <module name="java.security.jgss"/>
    <module name="java.sql"/>
    <module name="java.xml"/>
    <module name="jakarta.transaction.api"/>
  </dependencies>
</module>
XML
fi

# dev.forecourt.server-errors (a changed jar is copied over: the server reads it when it starts)
module="$wildfly/modules/dev/forecourt/server-errors/main"
mkdir -p "$module"
jar="$(server_errors_jar)"
cmp -s "$jar" "$module/forecourt-server-errors.jar" || cp "$jar" "$module/forecourt-server-errors.jar"
cat >"$module/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="dev.forecourt.server-errors">
  <resources>
    <resource-root path="forecourt-server-errors.jar"/>
  </resources>
  <dependencies>
    <module name="io.undertow.core"/>
  </dependencies>
</module>
XML
