#!/usr/bin/env bash
# Installs WildFly (once) into $FORECOURT_HOME/wildfly-VERSION from Maven Central and gives it
# Forecourt's profile standalone/configuration/forecourt.xml (the modules of install-modules.sh,
# forecourt.cli and the data source's datasource-KIND.cli; idempotent: a second run changes
# nothing). Prints the installation's directory.
#   FORECOURT_HOME            where installations live (~/.forecourt)
#   WILDFLY_VERSION           39.0.1.Final
#   FORECOURT_DB_KIND         h2 (default: in the server's data directory) | postgresql (the
#                             FORECOURT_DB_* coordinates are read by the server when it starts)
#   FORECOURT_SMTP_USER       set: the mail session logs in (mail-auth.cli; the server reads
#                             FORECOURT_SMTP_USER and FORECOURT_SMTP_PASSWORD when it starts)
# Downloads go through Maven like the Payara installation's (payara/provision.sh): taken from
# ~/.m2 when there, else from the repositories Maven is configured with (mirrors, proxies).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../payara/env.sh" # FORECOURT_HOME, fetch_artifact
version="${WILDFLY_VERSION:-39.0.1.Final}"
wildfly="$FORECOURT_HOME/wildfly-$version"

if [ ! -x "$wildfly/bin/standalone.sh" ]; then
  zip="$(fetch_artifact org.wildfly wildfly-dist "$version" zip)"
  echo "Unpacking WildFly $version into $FORECOURT_HOME" >&2
  unzip -q -o "$zip" -d "$FORECOURT_HOME"
fi

"$here/install-modules.sh" "$wildfly"

config="$wildfly/standalone/configuration"
[ -f "$config/forecourt.xml" ] || cp "$config/standalone-full-ha.xml" "$config/forecourt.xml"
# the profile and the data source, on an embedded server (offline)
kind="${FORECOURT_DB_KIND:-h2}"
[ -f "$here/datasource-$kind.cli" ] || { echo "FORECOURT_DB_KIND must be h2 or postgresql, not $kind" >&2; exit 2; }
script="$wildfly/standalone/tmp/forecourt-provision.cli"
mkdir -p "$(dirname "$script")"
{
  echo "embed-server --server-config=forecourt.xml --std-out=discard --stability=community"
  cat "$here/forecourt.cli" "$here/datasource-$kind.cli"
  if [ -n "${FORECOURT_SMTP_USER:-}" ]; then cat "$here/mail-auth.cli"; fi
  echo "stop-embedded-server"
} >"$script"
"$wildfly/bin/jboss-cli.sh" --file="$script" >&2
echo "$wildfly"
