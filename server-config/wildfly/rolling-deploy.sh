#!/usr/bin/env bash
# Usage: rolling-deploy.sh EAR_PATH
# Rolls a new EAR out to the WildFly servers behind the load balancer (payara/load-balancer.sh,
# started with the same FORECOURT_LB_BACKENDS), one server at a time, without a failed request:
# for each server in FORECOURT_LB_BACKENDS ("name=host:port@managementport", as for the balancer):
# haproxy stops sending it new requests (drain), the requests in flight finish, the EAR replaces its
# deployment forecourt.ear (jboss-cli "deploy --force" on the server's management port), its
# /health/ready on the management port answers 200, haproxy takes it back and marks it UP. The other
# servers serve meanwhile. A roll-back is the same command with the previous EAR.
#
# Both releases share the database while the roll-out runs: a release's Flyway migrations must be
# compatible with the release before it (expand, then contract in a later release), as on Payara.
# A server whose EAR the deployment scanner deployed (run-wildfly.sh) gets the new EAR through the
# management API like any other; copy the same EAR into its deployments/ directory too, or a restart
# brings the scanner's file back.
#
# Environment: FORECOURT_LB_BACKENDS; JBOSS_HOME (the installation whose jboss-cli.sh is used,
# default $FORECOURT_HOME/wildfly-$WILDFLY_VERSION); FORECOURT_WILDFLY_MGMT_USER and
# FORECOURT_WILDFLY_MGMT_PASSWORD (a management user; without them jboss-cli's local authentication,
# for servers of this host run by this user); FORECOURT_ROLLING_TIMEOUT_SECONDS (600: per server, to
# be ready).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../payara/env.sh" # FORECOURT_HOME
ear="${1:?usage: rolling-deploy.sh EAR_PATH}"
[ -f "$ear" ] || { echo "No EAR at $ear" >&2; exit 2; }
ear_path="$(cd "$(dirname "$ear")" && pwd)/$(basename "$ear")"
[[ "$ear_path" != *[[:space:]]* ]] || { echo "The EAR's path must not contain spaces (jboss-cli)" >&2; exit 2; }
: "${FORECOURT_LB_BACKENDS:?name=host:port@managementport of every server}"
jboss_home="${JBOSS_HOME:-$FORECOURT_HOME/wildfly-${WILDFLY_VERSION:-39.0.1.Final}}"
[ -x "$jboss_home/bin/jboss-cli.sh" ] || { echo "No jboss-cli.sh under $jboss_home (JBOSS_HOME)" >&2; exit 2; }
timeout="${FORECOURT_ROLLING_TIMEOUT_SECONDS:-600}"
lb="$here/../payara/load-balancer.sh"

cli() { # management address, command
  local auth=()
  if [ -n "${FORECOURT_WILDFLY_MGMT_USER:-}" ]; then
    auth=(--user="$FORECOURT_WILDFLY_MGMT_USER" --password="${FORECOURT_WILDFLY_MGMT_PASSWORD:?}")
  fi
  "$jboss_home/bin/jboss-cli.sh" --connect --controller="$1" "${auth[@]}" --command="$2"
}
ready() { curl -fsS -o /dev/null --max-time 5 "http://$1/health/ready" 2>/dev/null; }

for entry in $FORECOURT_LB_BACKENDS; do
  name="${entry%%=*}" target="${entry#*=}"
  [[ "$target" == *@* ]] || { echo "$entry: name=host:port@managementport expected" >&2; exit 2; }
  host="${target%%:*}"
  management="$host:${target#*@}"
  begin=$SECONDS
  "$lb" drain "$name" >/dev/null
  wait_for 60 "$name to finish its requests" lb_idle "$name"
  drained=$SECONDS
  cli "$management" "deploy $ear_path --name=forecourt.ear --runtime-name=forecourt.ear --force" >/dev/null
  switched=$SECONDS
  wait_for "$timeout" "$name to be ready" ready "$management"
  readied=$SECONDS
  "$lb" enable "$name" >/dev/null
  wait_for 60 "haproxy to mark $name UP" lb_up "$name"
  echo "$name runs $(basename "$ear") ($((SECONDS - begin)) s: drained $((drained - begin)) s," \
    "deployed $((switched - drained)) s, ready $((readied - switched)) s, UP in haproxy $((SECONDS - readied)) s)"
done
echo "Rolled out: $(basename "$ear") on every server of FORECOURT_LB_BACKENDS"
