#!/usr/bin/env bash
# The "Run" command: builds the EAR, installs Payara Server (once, into $FORECOURT_HOME),
# creates and starts the domain "forecourt" (http 8080, admin 4848) with the embedded H2
# database and demo data, deploys, and follows server.log until Ctrl-C stops the domain.
# Every exported FORECOURT_* variable reaches the application (MP Config reads the environment).
# FORECOURT_EAR=path skips the build and deploys that EAR instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts=server-config/payara
. "$scripts/env.sh"

export FORECOURT_ADMIN_PORT=4848
export FORECOURT_DEMO_DATA="${FORECOURT_DEMO_DATA:-true}"
export FORECOURT_DB_KIND="${FORECOURT_DB_KIND:-h2}"
export FORECOURT_LISTEN_ADDRESS="${FORECOURT_LISTEN_ADDRESS:-127.0.0.1}"
domain=forecourt
domains="$PAYARA_HOME/glassfish/domains"
log="$domains/$domain/logs/server.log"
http=http://127.0.0.1:8080

ear="${FORECOURT_EAR:-}"
if [ -z "$ear" ]; then
  "$MVN" -q -DskipTests -pl ear -am package
  ear=ear/target/forecourt.ear
fi
"$scripts/provision.sh"
"$scripts/create-domain.sh" "$domain" default   # --portbase 8000 would give admin 8048

# A domain still running from an earlier run has an older environment: start it afresh.
"$ASADMIN" stop-domain --domaindir "$domains" "$domain" >/dev/null 2>&1 || true
stop() {
  trap - EXIT INT TERM
  [ -n "${tail_pid:-}" ] && kill "$tail_pid" 2>/dev/null || true
  echo "Stopping domain $domain"
  "$ASADMIN" stop-domain --domaindir "$domains" "$domain" || true
}
trap stop EXIT
trap 'exit 130' INT TERM
"$ASADMIN" start-domain --domaindir "$domains" "$domain"
"$scripts/configure-domain.sh"
"$scripts/deploy.sh" "$ear"

timeout="${FORECOURT_READY_TIMEOUT:-180}"
echo "Waiting up to ${timeout}s for $http/health/ready"
for _ in $(seq "$timeout"); do
  curl -fsS -o /dev/null "$http/health/ready" 2>/dev/null && break
  sleep 1
done
if ! curl -fsS -o /dev/null "$http/health/ready"; then
  echo "Forecourt did not become ready within ${timeout}s. Tail of $log:" >&2
  tail -n 80 "$log" >&2
  exit 1
fi

cat <<EOF

Forecourt is running (Ctrl-C stops it):
  API            $http/api/v1/vehicles
  Health         $http/health
  Metrics        $http/metrics
  Admin console  http://127.0.0.1:4848
  Server log     $log

EOF
tail -n 0 -F "$log" &
tail_pid=$!
wait "$tail_pid"
