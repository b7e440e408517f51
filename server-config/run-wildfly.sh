#!/usr/bin/env bash
# Forecourt on WildFly 39 (issue 13, a preview: see README "WildFly"): builds the EAR (the same EAR
# as for Payara), installs WildFly from Maven Central once (wildfly/provision.sh: its
# forecourt.xml profile), starts it with the embedded H2 database and demo data, deploys, waits
# until the API answers, and runs until Ctrl-C stops the server. Every exported FORECOURT_*
# variable reaches the application (MP Config reads the environment).
#   FORECOURT_EAR=path            deploy that EAR instead of building one
#   FORECOURT_WILDFLY_PORT_OFFSET  added to WildFly's ports (100: HTTP 8180, management 10090)
set -euo pipefail
cd "$(dirname "$0")/.."
export FORECOURT_HOME="${FORECOURT_HOME:-$HOME/.forecourt}"
export FORECOURT_DEMO_DATA="${FORECOURT_DEMO_DATA:-true}"
address="${FORECOURT_LISTEN_ADDRESS:-127.0.0.1}"
offset="${FORECOURT_WILDFLY_PORT_OFFSET:-100}"
http="http://$address:$((8080 + offset))"
management="http://$address:$((9990 + offset))"
# the same key and demo password files as the Payara run command (one FORECOURT_HOME)
. server-config/run-secrets.sh

ear="${FORECOURT_EAR:-}"
if [ -z "$ear" ]; then
  ./mvnw -q -DskipTests -pl ear -am package
  ear=ear/target/forecourt.ear
fi
wildfly="$(server-config/wildfly/provision.sh)"
deployments="$wildfly/standalone/deployments"
log="$wildfly/standalone/log/server.log"

stop() {
  trap - EXIT INT TERM
  [ -n "${tail_pid:-}" ] && kill "$tail_pid" 2>/dev/null || true
  echo "Stopping WildFly"
  "$wildfly/bin/jboss-cli.sh" --connect --controller="$address:$((9990 + offset))" \
    --command=:shutdown >/dev/null 2>&1 || true
  [ -n "${server_pid:-}" ] && wait "$server_pid" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM
# the EAR through the deployment scanner: replaced only when it changed
if ! cmp -s "$ear" "$deployments/forecourt.ear"; then
  rm -f "$deployments"/forecourt.ear.*
  cp "$ear" "$deployments/forecourt.ear"
fi
# in its own session: a terminal's Ctrl-C reaches this script, which shuts the server down in order
setsid "$wildfly/bin/standalone.sh" -c forecourt.xml --stability=community \
  -b "$address" -bmanagement "$address" -bprivate "$address" \
  -Djboss.socket.binding.port-offset="$offset" -Djboss.node.name=forecourt \
  -Dforecourt.health.self-check.base-url="$http" \
  -Dforecourt.shutdown.drain-file="$wildfly/standalone/data/forecourt-drain" \
  -Djava.net.preferIPv4Stack=true >/dev/null 2>&1 &
server_pid=$!

timeout="${FORECOURT_READY_TIMEOUT:-300}"
echo "Waiting up to ${timeout}s for the deployment and $management/health/ready"
for _ in $(seq "$timeout"); do
  [ -f "$deployments/forecourt.ear.failed" ] && break
  curl -fsS -o /dev/null "$management/health/ready" 2>/dev/null && break
  sleep 1
done
if ! curl -fsS -o /dev/null "$management/health/ready"; then
  echo "Forecourt did not start on WildFly within ${timeout}s. Tail of $log:" >&2
  cat "$deployments/forecourt.ear.failed" >&2 2>/dev/null || true
  tail -n 60 "$log" >&2
  exit 1
fi
cat <<END

Forecourt is running on WildFly $(basename "$wildfly") (Ctrl-C stops it):
  API          $http/api/v1/vehicles
  OpenAPI      $http/openapi
  Health       $management/health
  Metrics      $management/prometheus
  Server log   $log
  Demo users   admin, manager, sales: password ${FORECOURT_DEMO_PASSWORD:-(set FORECOURT_DEMO_PASSWORD)}

END
tail -n 0 -F "$log" &
tail_pid=$!
wait "$server_pid" || true
kill "$tail_pid" 2>/dev/null || true
