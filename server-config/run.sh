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
. server-config/run-secrets.sh

domain=forecourt
domains="$PAYARA_HOME/glassfish/domains"
log="$domains/$domain/logs/server.log"
# FORECOURT_PORT_BASE=P: admin P+48, HTTP P+80 (as asadmin create-domain --portbase); unset: 4848, 8080.
if [ -n "${FORECOURT_PORT_BASE:-}" ]; then
  portbase="$FORECOURT_PORT_BASE"
  FORECOURT_ADMIN_PORT=$((portbase + 48))
  http_port=$((portbase + 80))
else
  portbase=default
  FORECOURT_ADMIN_PORT=4848
  http_port=8080
fi
export FORECOURT_ADMIN_PORT
http="http://127.0.0.1:$http_port"

ear="${FORECOURT_EAR:-}"
if [ -z "$ear" ]; then
  "$MVN" -q -DskipTests -pl ear -am package
  ear=ear/target/forecourt.ear
fi
"$scripts/provision.sh"
"$scripts/create-domain.sh" "$domain" "$portbase"

# A domain still running from an earlier run has an older environment: start it afresh. (After a
# kill -9 there is nothing to stop; start-domain copes with the stale pid file.)
"$ASADMIN" stop-domain --domaindir "$domains" "$domain" >/dev/null 2>&1 || true
stop() {
  trap - EXIT INT TERM
  [ -n "${tail_pid:-}" ] && kill "$tail_pid" 2>/dev/null || true
  echo "Stopping domain $domain"
  # no load balancer in front of the run domain: no grace period, only the requests in flight
  FORECOURT_DRAIN_GRACE_SECONDS=0 "$scripts/drain.sh" "$domains/$domain" "$http" || true
  "$ASADMIN" stop-domain --domaindir "$domains" "$domain" || true
}
trap stop EXIT
trap 'exit 130' INT TERM
# In its own session: a terminal's Ctrl-C (SIGINT to the whole foreground process group) must reach
# this script, which stops the domain in order, and never the server's JVM itself, which would die
# mid-flight while stop-domain runs.
setsid -w "$ASADMIN" start-domain --domaindir "$domains" "$domain"
# Idempotent: changes only what differs, never removes a resource the deployed EAR uses, and
# restarts the domain only when a start-up setting changed.
"$scripts/configure-domain.sh"

# Deploy only what is not deployed yet: a domain that already has this very EAR (same SHA-256)
# started it above, like any restarted production server.
deployed_sum="$domains/$domain/config/forecourt-ear.sha256"
sum="$(sha256sum "$ear" | cut -d' ' -f1)"
if asadmin_remote list-applications 2>/dev/null | grep -q '^forecourt ' \
    && [ "$(cat "$deployed_sum" 2>/dev/null)" = "$sum" ]; then
  echo "This EAR (sha256 ${sum:0:12}) is deployed already: not redeploying"
else
  "$scripts/deploy.sh" "$ear"
  echo "$sum" >"$deployed_sum"
fi

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

cat <<END

Forecourt is running (Ctrl-C stops it):
  Web console    $http/console/
  API            $http/api/v1/vehicles
  Health         $http/health
  Metrics        $http/metrics
  Admin console  http://127.0.0.1:$FORECOURT_ADMIN_PORT
  Server log     $log
  Sign in        curl -s -H 'Content-Type: application/json' -d '{"username":"admin","password":"..."}' $http/api/v1/auth/login

END
if [ "$FORECOURT_DEMO_DATA" = true ]; then
  # Tell the truth: the demo users keep the password they were created with; a sign-in shows which.
  login_status="$(printf '{"username":"admin","password":"%s"}' "$FORECOURT_DEMO_PASSWORD" |
    curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- \
      "$http/api/v1/auth/login" || true)"
  if [ "$login_status" = 200 ]; then
    echo "Demo users admin, manager, sales: password $FORECOURT_DEMO_PASSWORD ($demo_password_source)"
  else
    echo "Demo users admin, manager, sales: they exist already, with the password they were created"
    echo "with on this database's first start (a password the server generated itself is in its log"
    echo "of that day), not the one given now: FORECOURT_DEMO_PASSWORD applies to a new database only."
    echo "To start afresh, stop and delete $domains/$domain/lib/databases/forecourt.mv.db;"
    echo "or reset a password by mail (POST /api/v1/auth/password-reset)."
  fi
fi
echo
tail -n 0 -F "$log" &
tail_pid=$!
wait "$tail_pid"
