#!/usr/bin/env bash
# Installs WildFly (once) into $FORECOURT_HOME/wildfly-VERSION from Maven Central and gives it
# Forecourt's profile standalone/configuration/forecourt.xml (forecourt.cli, idempotent: a second
# run changes nothing). Prints the installation's directory.
#   FORECOURT_HOME            where installations live (~/.forecourt)
#   WILDFLY_VERSION           39.0.1.Final
#   FORECOURT_MAVEN_REPOSITORY  https://repo.maven.apache.org/maven2
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
home="${FORECOURT_HOME:-$HOME/.forecourt}"
version="${WILDFLY_VERSION:-39.0.1.Final}"
repo="${FORECOURT_MAVEN_REPOSITORY:-https://repo.maven.apache.org/maven2}"
wildfly="$home/wildfly-$version"

fetch() { # group-path artifact version extension: the file, downloaded once into $home/downloads
  local file="$home/downloads/$2-$3.$4"
  [ -s "$file" ] && { echo "$file"; return; }
  mkdir -p "$home/downloads"
  curl -fsS --retry 3 -o "$file.part" "$repo/$1/$2/$3/$(basename "$file")" >&2
  mv "$file.part" "$file"
  echo "$file"
}

if [ ! -x "$wildfly/bin/standalone.sh" ]; then
  zip="$(fetch org/wildfly wildfly-dist "$version" zip)"
  echo "Unpacking WildFly $version into $home" >&2
  unzip -q -o "$zip" -d "$home"
fi

# MP Metrics for the EAR's MetricRegistry (WildFly 39 ships Micrometer only): a stop-gap module
module="$wildfly/modules/forecourt/mp-metrics/main"
if [ ! -f "$module/module.xml" ]; then
  mkdir -p "$module"
  cp "$(fetch org/eclipse/microprofile/metrics microprofile-metrics-api 5.1.0 jar)" \
    "$module/microprofile-metrics-api-5.1.0.jar"
  cp "$(fetch io/smallrye smallrye-metrics 5.1.0 jar)" "$module/smallrye-metrics-5.1.0.jar"
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
