#!/usr/bin/env bash
# Usage: jms-broker.sh start | stop | status
# The JMS broker of a Forecourt cluster: OpenMQ's broker (imqbrokerd, shipped with Payara Server in
# $PAYARA_HOME/mq) as a process of its own, which every instance of the deployment group uses
# (create-cluster.sh points their configuration's JMS service at it, type REMOTE) instead of each
# instance's embedded broker. So the job queues (events, webhooks) and the dead letter queue are
# one for the cluster: a job an instance took and had not finished when it died goes back to the
# queue and another instance does it; an operator sees one dead letter queue from any node.
#   start   starts the broker unless it runs; waits until it accepts connections
#   stop    stops it (SIGTERM: the broker closes its store; persistent messages stay on disk)
#   status  running or not, and where
# Its data (the persistent messages of the queues: its file store) and log live in
# $FORECOURT_HOME/mq (instances/forecourt/log/log.txt); the messages survive a restart of the broker.
# Environment: FORECOURT_JMS_ADDRESS (127.0.0.1: the address it listens on, also for its dynamic
# service ports), FORECOURT_JMS_PORT (27676: its port mapper, the address the instances are given),
# FORECOURT_JMS_HEAP (256m).
set -euo pipefail
. "$(dirname "$0")/env.sh"
address="${FORECOURT_JMS_ADDRESS:-127.0.0.1}"
port="${FORECOURT_JMS_PORT:-27676}"
var="$FORECOURT_HOME/mq"
pidfile="$var/broker.pid"
broker="$PAYARA_HOME/mq/bin/imqbrokerd"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/$address/$port") 2>/dev/null; }

case "${1:-}" in
  start)
    if running; then
      echo "JMS broker running: $address:$port"
      exit 0
    fi
    [ -x "$broker" ] || { echo "No OpenMQ broker at $broker (PAYARA_HOME)" >&2; exit 2; }
    mkdir -p "$var"
    java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
    # its own session: a Ctrl-C or the end of the shell that started it does not reach it
    setsid "$broker" -javahome "$java_home" -varhome "$var" -name forecourt -port "$port" \
      -silent -Dimq.hostname="$address" -vmargs "-Xmx${FORECOURT_JMS_HEAP:-256m}" \
      >"$var/broker.out" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 240); do
      listening && break
      if ! running; then
        echo "The JMS broker did not start:" >&2
        tail -20 "$var/broker.out" >&2
        exit 1
      fi
      sleep 0.5
    done
    listening || { echo "The JMS broker does not listen on $address:$port after 120 s" >&2; exit 1; }
    echo "JMS broker started: $address:$port (data in $var)"
    ;;
  stop)
    if running; then
      pid="$(cat "$pidfile")"
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      echo "JMS broker stopped"
    fi
    rm -f "$pidfile"
    ;;
  status)
    if running; then echo "JMS broker running: $address:$port (pid $(cat "$pidfile"))"; else echo "JMS broker not running"; exit 3; fi
    ;;
  *)
    echo "usage: jms-broker.sh start | stop | status" >&2
    exit 2
    ;;
esac
