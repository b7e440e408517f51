# shellcheck shell=bash
# Shared settings for the Payara tooling; sourced by the other scripts. Every value can be
# overridden from the environment.
PAYARA_VERSION="${PAYARA_VERSION:-6.2025.10}"
FORECOURT_HOME="${FORECOURT_HOME:-$HOME/.forecourt}"
PAYARA_HOME="${PAYARA_HOME:-$FORECOURT_HOME/payara-$PAYARA_VERSION/payara6}"
ASADMIN="${ASADMIN:-$PAYARA_HOME/bin/asadmin}"
# Admin port of the domain the scripts talk to (portbase 8000 -> 4848).
FORECOURT_ADMIN_PORT="${FORECOURT_ADMIN_PORT:-4848}"
export PAYARA_VERSION FORECOURT_HOME PAYARA_HOME ASADMIN FORECOURT_ADMIN_PORT

# Repository root (server-config/payara/../..) and its Maven launcher (wrapper when present).
FORECOURT_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ -x "$FORECOURT_REPO/mvnw" ]; then MVN="$FORECOURT_REPO/mvnw"; else MVN=mvn; fi

# fetch_artifact groupId artifactId version type: the artifact from Maven (~/.m2, else the
# repositories Maven is configured with), copied once into $FORECOURT_HOME/downloads; prints its path
fetch_artifact() {
  local file="$FORECOURT_HOME/downloads/$2-$3.$4"
  if [ ! -s "$file" ]; then
    mkdir -p "$FORECOURT_HOME/downloads"
    # outside the repository, so that a half-edited pom.xml cannot get in the way
    (cd "$FORECOURT_HOME/downloads" && "$MVN" -q dependency:copy -Dartifact="$1:$2:$3:$4" \
      -DoutputDirectory="$FORECOURT_HOME/downloads") >&2
  fi
  echo "$file"
}

# server_errors_jar: the jar of the server-errors module (problem+json for the requests the server
# refuses itself: Payara's domain lib/, WildFly's module dev.forecourt.server-errors); prints its
# path. FORECOURT_SERVER_ERRORS_JAR names another; by default server-errors/target, built if absent.
server_errors_jar() {
  local jar="${FORECOURT_SERVER_ERRORS_JAR:-$FORECOURT_REPO/server-errors/target/forecourt-server-errors.jar}"
  if [ ! -f "$jar" ]; then
    (cd "$FORECOURT_REPO" && "$MVN" -q -B -DskipTests -pl server-errors package) >&2
  fi
  echo "$jar"
}

# The rolling deploys' view of the load balancer (load-balancer.sh of this directory) and their
# waits: lb_backend NAME prints haproxy's state of a backend (UP, DOWN, DRAIN, MAINT) and its
# requests in flight; lb_idle/lb_up NAME test them; wait_for SECONDS DESCRIPTION COMMAND... runs the
# command every 0.5 s until it succeeds, or fails after SECONDS naming DESCRIPTION.
lb_backend() { "$FORECOURT_REPO/server-config/payara/load-balancer.sh" status | awk -v n="$1" '$1 == n { print $2, $3 }'; }
lb_idle() { [ "$(lb_backend "$1" | awk '{ print $2 }')" = 0 ]; }
lb_up() { [ "$(lb_backend "$1" | awk '{ print $1 }')" = UP ]; }
wait_for() {
  local deadline=$((SECONDS + $1)) what="$2"
  shift 2
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "Gave up waiting for $what" >&2
      return 1
    fi
    sleep 0.5
  done
}

# asadmin against the configured domain, non-interactive.
asadmin_remote() {
  "$ASADMIN" --interactive=false --host 127.0.0.1 --port "$FORECOURT_ADMIN_PORT" "$@"
}

# asadmin splits --property values, system properties and JVM options on ':' and '=': escape them.
esc() { printf '%s' "$1" | sed 's/[\\:=]/\\&/g'; }

# The cluster's deployment group, configuration, instances and their port bases
# (create-cluster.sh, rolling-deploy.sh): FORECOURT_CLUSTER_GROUP, _CONFIG, _INSTANCES, _PORTBASES.
cluster_settings() {
  group="${FORECOURT_CLUSTER_GROUP:-forecourt}"
  config="${FORECOURT_CLUSTER_CONFIG:-forecourt-config}"
  read -r -a instances <<<"${FORECOURT_CLUSTER_INSTANCES:-forecourt-1 forecourt-2}"
  read -r -a portbases <<<"${FORECOURT_CLUSTER_PORTBASES:-28000 29000}"
  if [ "${#instances[@]}" -ne "${#portbases[@]}" ]; then
    echo "FORECOURT_CLUSTER_INSTANCES and FORECOURT_CLUSTER_PORTBASES must have as many entries" >&2
    exit 2
  fi
}
