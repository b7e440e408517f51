#!/usr/bin/env bash
# Usage: drain.sh INSTANCE_DIR HTTP_URL
#   e.g. drain.sh ~/.forecourt/domains/forecourt http://127.0.0.1:8080
# Drains a Forecourt node before it is stopped (then run asadmin stop-domain / stop-instance):
# creates the drain file (INSTANCE_DIR/forecourt-drain, the application's
# forecourt.shutdown.drain-file), so that /health/ready turns DOWN at once while the node keeps
# serving; waits FORECOURT_DRAIN_GRACE_SECONDS (5) for the load balancer's health check to take the
# node out, then until no request is in flight (the readiness check "draining" reports inFlight),
# at most FORECOURT_DRAIN_TIMEOUT_SECONDS (30). The application removes the file when it starts
# again. Exit status 0 when drained, 1 when requests were still in flight at the timeout.
set -euo pipefail
dir="${1:?usage: drain.sh INSTANCE_DIR HTTP_URL}"
url="${2:?usage: drain.sh INSTANCE_DIR HTTP_URL}"
grace="${FORECOURT_DRAIN_GRACE_SECONDS:-5}"
timeout="${FORECOURT_DRAIN_TIMEOUT_SECONDS:-30}"

# the number of requests in flight that readiness reports (the health request itself not counted:
# Payara serves /health outside the application), empty when the node does not answer
in_flight() {
  curl -s --max-time 5 "$url/health/ready" 2>/dev/null \
    | tr -d ' \n' | grep -o '"name":"draining"[^}]*"inFlight":[0-9]*' | grep -o '[0-9]*$' || true
}

touch "$dir/forecourt-drain"
echo "Draining $url: readiness DOWN, waiting ${grace} s for the load balancer"
sleep "$grace"
deadline=$((SECONDS + timeout))
while :; do
  n="$(in_flight)"
  if [ -z "$n" ] || [ "$n" -eq 0 ]; then
    echo "Drained: no request in flight"
    exit 0
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "Drain timed out after ${timeout} s with $n requests in flight" >&2
    exit 1
  fi
  sleep 0.2
done
