#!/usr/bin/env bash
# Usage: create-cluster.sh [EAR_PATH]
# Turns the RUNNING domain at FORECOURT_ADMIN_PORT into the admin server of a Forecourt cluster on
# this host: a deployment group of Payara instances sharing one configuration, every Forecourt
# resource referenced by the group (configure-domain.sh, the single source of the server settings,
# applied to that configuration), the application deployed to the group (EAR_PATH, or a reference to
# the application "forecourt" already deployed in the domain), the instances started, and haproxy
# in front of them (load-balancer.sh). Idempotent: a second run changes only what differs and
# restarts the instances only when a start-up setting changed.
#
# The instances' caches (Hibernate second-level cache, rate limits, blocked clients) form one
# cluster over JGroups TCP (forecourt.cluster.*, set here as system properties of the group's
# configuration); discovery through the table forecourt_cluster.members of the shared database.
#
# Environment (all optional; and every variable of configure-domain.sh: database, mail, ...):
#   FORECOURT_CLUSTER_GROUP      deployment group (forecourt)
#   FORECOURT_CLUSTER_CONFIG     configuration of its instances (forecourt-config: a copy of
#                                default-config, managed in the admin console like server-config)
#   FORECOURT_CLUSTER_INSTANCES  instance names, space-separated (forecourt-1 forecourt-2)
#   FORECOURT_CLUSTER_PORTBASES  their port bases (28000 29000: HTTP +80, admin +48)
#   FORECOURT_CLUSTER_NODE       the Payara node of the instances (this host's CONFIG node)
#   FORECOURT_CLUSTER_ADDRESS    the address the instances' cluster transport binds (127.0.0.1;
#                                on several hosts: each host's address, see docs/operations.md)
#   FORECOURT_LB_ADDRESS, FORECOURT_LB_PORT  where haproxy listens (127.0.0.1:8000)
#   FORECOURT_JMS_BROKER         host:port of the cluster's JMS broker when it runs elsewhere;
#                                unset: jms-broker.sh starts one on this host (FORECOURT_JMS_ADDRESS,
#                                FORECOURT_JMS_PORT: 127.0.0.1:27676)
#   FORECOURT_MP_CONFIG_CACHE_SECONDS  as for configure-domain.sh (Payara's default 60), but never 0
#                                on a cluster: see below
set -euo pipefail
. "$(dirname "$0")/env.sh"
here="$(cd "$(dirname "$0")" && pwd)"
ear="${1:-}"

cluster_settings
cluster_address="${FORECOURT_CLUSTER_ADDRESS:-127.0.0.1}"

# Payara reads MicroProfile Config through a server-wide lock whenever its cache duration has run
# out, and on an instance every read ends in a lookup of the Data Grid's "cluster" config source
# (a Hazelcast map on the other members): with 0 every request's settings queue behind one remote
# lookup at a time, and a busy member (one deploying a release) stalls the whole instance for
# seconds (seen: requests without an answer for 20 s during a rolling redeploy)
if [ "${FORECOURT_MP_CONFIG_CACHE_SECONDS:-}" = 0 ]; then
  echo "FORECOURT_MP_CONFIG_CACHE_SECONDS=0 is refused for a cluster: every setting read would be a" \
    "Data Grid lookup under one server-wide lock (use 1 or more; Payara's default is 60)" >&2
  exit 2
fi

# --- the configuration, the group, the instances ------------------------------------------------
if ! asadmin_remote list-configs | grep -qx "$config"; then
  asadmin_remote copy-config default-config "$config" >/dev/null
  echo "Configuration $config created (a copy of default-config)"
fi
if ! asadmin_remote list-deployment-groups | awk '{ print $1 }' | grep -qx "$group"; then
  asadmin_remote create-deployment-group "$group" >/dev/null
  echo "Deployment group $group created"
fi
node="${FORECOURT_CLUSTER_NODE:-$(asadmin_remote list-nodes --terse=true | awk '$2 == "CONFIG" { print $1; exit }')}"
: "${node:?no CONFIG node on this host: set FORECOURT_CLUSTER_NODE}"
existing="$(asadmin_remote list-instances --nostatus=true 2>/dev/null || true)"
in_group="$(asadmin_remote list-instances --nostatus=true "$group" 2>/dev/null || true)"
for i in "${!instances[@]}"; do
  name="${instances[$i]}"
  base="${portbases[$i]}"
  if ! grep -qx "$name" <<<"$existing"; then
    asadmin_remote create-instance --node "$node" --config "$config" --portbase "$base" \
      --checkports=true "$name" >/dev/null
    echo "Instance $name created on node $node (port base $base, HTTP $((base + 80)))"
  fi
  if ! grep -qx "$name" <<<"$in_group"; then
    asadmin_remote add-instance-to-deployment-group --instance "$name" --deploymentgroup "$group" >/dev/null
    echo "Instance $name added to $group"
  fi
  # its own address for the authentication self-check of /health/ready
  asadmin_remote create-system-properties --target "$name" \
    "forecourt.health.self-check.base-url=$(esc "http://127.0.0.1:$((base + 80))")" >/dev/null
done

# --- Forecourt's server configuration, applied to the group's configuration ---------------------
restart=false
out="$(FORECOURT_TARGET="$group" FORECOURT_CONFIG="$config" "$here/configure-domain.sh")"
[ -n "$out" ] && echo "$out"
grep -q "^Restart needed" <<<"$out" && restart=true
# the cluster of the application's caches; the load balancer is a trusted proxy
wanted="forecourt.cluster.enabled=true
forecourt.cluster.bind-address=$cluster_address
forecourt.http.trusted-proxies=${FORECOURT_LB_ADDRESS:-127.0.0.1}"
current="$(asadmin_remote list-system-properties "$config" 2>/dev/null || true)"
while IFS= read -r pair; do
  if ! grep -qxF "$pair" <<<"$current"; then
    asadmin_remote create-system-properties --target "$config" "$(esc "${pair%%=*}")=$(esc "${pair#*=}")" >/dev/null
    echo "System property of $config set: $pair"
    restart=true
  fi
done <<<"$wanted"

# --- one JMS broker for the cluster ---------------------------------------------------------------
# The job queues (events, webhooks) and the dead letter queue live in one broker that every
# instance uses (JMS service type REMOTE), not in each instance's embedded broker: a job that an
# instance took and had not finished when it died returns to the queue and another instance does
# it; the dead letter queue is one for the cluster. By default jms-broker.sh runs that broker on
# this host; FORECOURT_JMS_BROKER=host:port names a broker run elsewhere instead.
broker="${FORECOURT_JMS_BROKER:-}"
if [ -z "$broker" ]; then
  "$here/jms-broker.sh" start
  broker="${FORECOURT_JMS_ADDRESS:-127.0.0.1}:${FORECOURT_JMS_PORT:-27676}"
fi
jms="configs.config.$config.jms-service"
jms_now="$(asadmin_remote get "$jms.type" "$jms.jms-host.default_JMS_host.host" "$jms.jms-host.default_JMS_host.port" 2>/dev/null || true)"
for pair in "$jms.type=REMOTE" "$jms.jms-host.default_JMS_host.host=${broker%:*}" \
    "$jms.jms-host.default_JMS_host.port=${broker##*:}"; do
  if ! grep -qxF "$pair" <<<"$jms_now"; then
    asadmin_remote set "$pair" >/dev/null
    echo "Set $pair"
    restart=true
  fi
done

# --- the application ------------------------------------------------------------------------------
if asadmin_remote list-applications --long=false "$group" 2>/dev/null | grep -q "^forecourt\b"; then
  if [ -n "$ear" ]; then
    asadmin_remote deploy --force=true --name forecourt --target "$group" "$ear" >/dev/null
    echo "Forecourt redeployed to $group"
  fi
elif asadmin_remote list-applications --long=false 2>/dev/null | grep -q "^forecourt\b"; then
  asadmin_remote create-application-ref --target "$group" forecourt >/dev/null
  echo "Forecourt (already in the domain) deployed to $group"
else
  : "${ear:?the domain has no application forecourt: give the EAR to deploy}"
  asadmin_remote deploy --name forecourt --target "$group" "$ear" >/dev/null
  echo "Forecourt deployed to $group"
fi

# --- start (or restart for changed start-up settings) --------------------------------------------
status="$(asadmin_remote list-instances "$group")"
stopped=()
for name in "${instances[@]}"; do
  if grep -E "^$name +running" >/dev/null <<<"$status"; then
    if $restart; then
      asadmin_remote restart-instance "$name" >/dev/null
      echo "Instance $name restarted"
    fi
  else
    stopped+=("$name")
  fi
done
if [ "${#stopped[@]}" -eq "${#instances[@]}" ]; then
  asadmin_remote start-deployment-group "$group" >/dev/null   # the instances start side by side
  echo "Deployment group $group started"
else
  for name in "${stopped[@]}"; do
    asadmin_remote start-instance "$name" >/dev/null
    echo "Instance $name started"
  done
fi

FORECOURT_LB_BACKENDS="$(for i in "${!instances[@]}"; do printf '%s=127.0.0.1:%s ' "${instances[$i]}" "$((portbases[$i] + 80))"; done)" \
  "$here/load-balancer.sh" start
