#!/usr/bin/env bash
# Installs WildFly (once) into $FORECOURT_HOME/wildfly-VERSION from Maven Central and gives it
# Forecourt's profile standalone/configuration/forecourt.xml (forecourt.cli, idempotent: a second
# run changes nothing). Prints the installation's directory.
#   FORECOURT_HOME            where installations live (~/.forecourt)
#   WILDFLY_VERSION           39.0.1.Final
# Downloads go through Maven like the Payara installation's (payara/provision.sh): taken from
# ~/.m2 when there, else from the repositories Maven is configured with (mirrors, proxies).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../payara/env.sh" # FORECOURT_HOME, MVN
home="$FORECOURT_HOME"
version="${WILDFLY_VERSION:-39.0.1.Final}"
wildfly="$home/wildfly-$version"

fetch() { # groupId artifactId version type: the artifact, copied once into $home/downloads
  local file="$home/downloads/$2-$3.$4"
  if [ ! -s "$file" ]; then
    mkdir -p "$home/downloads"
    # outside the repository, so that a half-edited pom.xml cannot get in the way
    (cd "$home/downloads" && "$MVN" -q dependency:copy -Dartifact="$1:$2:$3:$4" \
      -DoutputDirectory="$home/downloads") >&2
  fi
  echo "$file"
}

if [ ! -x "$wildfly/bin/standalone.sh" ]; then
  zip="$(fetch org.wildfly wildfly-dist "$version" zip)"
  echo "Unpacking WildFly $version into $home" >&2
  unzip -q -o "$zip" -d "$home"
fi

# MP Metrics for the EAR's MetricRegistry (WildFly 39 ships Micrometer only): a stop-gap module
module="$wildfly/modules/forecourt/mp-metrics/main"
if [ ! -f "$module/module.xml" ]; then
  mkdir -p "$module"
  cp "$(fetch org.eclipse.microprofile.metrics microprofile-metrics-api 5.1.0 jar)" \
    "$module/microprofile-metrics-api-5.1.0.jar"
  cp "$(fetch io.smallrye smallrye-metrics 5.1.0 jar)" "$module/smallrye-metrics-5.1.0.jar"
  cat >"$module/module.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<module xmlns="urn:jboss:module:1.9" name="forecourt.mp-metrics">
  <resources>
    <resource-root path="microprofile-metrics-api-5.1.0.jar"/>
    <resource-root path="smallrye-metrics-5.1.0.jar"/>
  </resources>
  <dependencies>
    <module name="io.micrometer"/>
    <module name="org.eclipse.microprofile.config.api"/>
    <module name="io.smallrye.config"/>
    <module name="jakarta.enterprise.api"/>
    <module name="jakarta.inject.api"/>
    <module name="jakarta.annotation.api"/>
    <module name="jakarta.interceptor.api"/>
    <module name="jakarta.ws.rs.api"/>
    <module name="jakarta.servlet.api"/>
    <module name="jakarta.json.api"/>
    <module name="org.jboss.logging"/>
    <module name="java.management"/>
    <module name="java.logging"/>
    <module name="jdk.management"/>
  </dependencies>
</module>
XML
fi

config="$wildfly/standalone/configuration"
[ -f "$config/forecourt.xml" ] || cp "$config/standalone-full-ha.xml" "$config/forecourt.xml"
"$wildfly/bin/jboss-cli.sh" --file="$here/forecourt.cli" >&2
echo "$wildfly"
