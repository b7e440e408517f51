#!/usr/bin/env bash
# Usage: rolling-deploy.sh [--stage] EAR_PATH RELEASE
# Rolls a new release of Forecourt out to a cluster made by create-cluster.sh, one instance at a
# time, without a failed request: the EAR is deployed to the deployment group as the application
# version "forecourt:RELEASE" (Payara application versioning), disabled; then for each instance in
# turn: haproxy stops sending it new requests (load-balancer.sh drain), the requests in flight
# finish, the version it ran is disabled and the new one enabled on it, its /health/ready
# answers 200, haproxy takes it back (load-balancer.sh enable) and marks it UP. The other instances
# serve meanwhile. The previous version stays deployed, disabled, for a roll-back:
#   rolling-deploy.sh - PREVIOUS      (instance by instance the same way; "-": already deployed)
# and is removed with asadmin undeploy --target GROUP forecourt[:PREVIOUS] once it is not needed.
# --stage only deploys the release to the group, disabled, and stops there (e.g. during the day:
# the DAS unpacks and checks the EAR, the instances receive it); "rolling-deploy.sh - RELEASE" then
# rolls it out (e.g. at night).
#
# RELEASE: letters, digits, '.', '_', '-' (e.g. the Maven version, 1.4.0). Both versions share the
# database: a release's Flyway migrations must be compatible with the release before it (expand,
# then contract in a later release) — docs/operations.md "Rolling redeploy".
#
# Environment: FORECOURT_CLUSTER_GROUP, FORECOURT_CLUSTER_INSTANCES, FORECOURT_CLUSTER_PORTBASES
# (as for create-cluster.sh), FORECOURT_ROLLING_TIMEOUT_SECONDS (600: per instance, to be ready).
set -euo pipefail
. "$(dirname "$0")/env.sh"
here="$(cd "$(dirname "$0")" && pwd)"
stage=false
if [ "${1:-}" = --stage ]; then
  stage=true
  shift
fi
ear="${1:?usage: rolling-deploy.sh [--stage] EAR_PATH RELEASE}"
release="${2:?usage: rolling-deploy.sh [--stage] EAR_PATH RELEASE}"
cluster_settings
timeout="${FORECOURT_ROLLING_TIMEOUT_SECONDS:-600}"
name="forecourt:$release"

[[ "$release" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "RELEASE may hold letters, digits, . _ - only" >&2; exit 2; }
[ "$ear" = - ] || [ -f "$ear" ] || { echo "No EAR at $ear" >&2; exit 2; }
if $stage && [ "$ear" = - ]; then
  echo "--stage needs the EAR to deploy" >&2
  exit 2
fi

ready() { curl -fsS -o /dev/null --max-time 5 "$1/health/ready" 2>/dev/null; }

if asadmin_remote list-applications --long=false "$group" 2>/dev/null | awk '{ print $1 }' | grep -qx "$name"; then
  echo "$name is deployed to $group already: enabling it instance by instance"
elif [ "$ear" = - ]; then
  echo "$name is not deployed to $group" >&2
  exit 2
else
  deploying=$SECONDS
  asadmin_remote deploy --enabled=false --target "$group" --name "$name" "$ear" >/dev/null
  echo "$name deployed to $group (disabled, $((SECONDS - deploying)) s)"
fi
if $stage; then
  echo "Staged; roll it out with: rolling-deploy.sh - $release"
  exit 0
fi
for i in "${!instances[@]}"; do
  instance="${instances[$i]}"
  url="http://127.0.0.1:$((portbases[i] + 80))"
  begin=$SECONDS
  "$here/load-balancer.sh" drain "$instance" >/dev/null
  wait_for 60 "$instance to finish its requests" lb_idle "$instance"
  drained=$SECONDS
  # the version the instance runs now (forecourt or forecourt:SOMETHING)
  old="$(asadmin_remote list-applications --long=true "$instance" \
    | awk '$1 ~ /^forecourt(:|$)/ && $NF == "enabled" { print $1; exit }')"
  # Switched by the enabled attributes of the instance's own application references: Payara's
  # "enable --target INSTANCE" of another version disables the running version on every member
  # of the instance's deployment group at once (and on the DAS), so it cannot roll.
  if [ -n "$old" ] && [ "$old" != "$name" ]; then
    asadmin_remote set "servers.server.$instance.application-ref.$old.enabled=false" >/dev/null
  fi
  asadmin_remote set "servers.server.$instance.application-ref.$name.enabled=true" >/dev/null
  switched=$SECONDS
  wait_for "$timeout" "$instance to be ready" ready "$url"
  readied=$SECONDS
  "$here/load-balancer.sh" enable "$instance" >/dev/null
  wait_for 60 "haproxy to mark $instance UP" lb_up "$instance"
  echo "$instance runs $name ($((SECONDS - begin)) s: drained $((drained - begin)) s," \
    "switched $((switched - drained)) s, ready $((readied - switched)) s, UP in haproxy $((SECONDS - readied)) s)"
done
echo "Rolled out: $name on ${instances[*]}"
