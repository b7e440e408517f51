#!/usr/bin/env bash
# Installs Payara Server $PAYARA_VERSION into $PAYARA_HOME from Maven Central (idempotent;
# the zip is taken from ~/.m2 when it is already there).
set -euo pipefail
. "$(dirname "$0")/env.sh"

if [ -x "$ASADMIN" ]; then
  echo "Payara $PAYARA_VERSION already installed at $PAYARA_HOME"
  exit 0
fi
if [ -e "$PAYARA_HOME" ]; then
  echo "$PAYARA_HOME exists but has no bin/asadmin: remove it and retry" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "Installing Payara $PAYARA_VERSION into $PAYARA_HOME"
# Run Maven outside the repo so a half-edited pom.xml cannot get in the way.
(cd "$tmp" && "$MVN" -q dependency:copy \
  -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" -DoutputDirectory="$tmp")
unzip -q "$tmp/payara-$PAYARA_VERSION.zip" -d "$tmp/unpacked"   # -> payara6/
mkdir -p "$(dirname "$PAYARA_HOME")"
mv "$tmp/unpacked/payara6" "$PAYARA_HOME"
echo "Payara installed: $ASADMIN"
