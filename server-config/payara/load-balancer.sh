#!/usr/bin/env bash
# Usage: load-balancer.sh start | stop | drain INSTANCE | enable INSTANCE | status
# haproxy (Debian package "haproxy") in front of a Forecourt cluster's instances.
#   start   writes $FORECOURT_HOME/haproxy/forecourt.cfg and (re)starts haproxy with it: round robin
#           over FORECOURT_LB_BACKENDS ("name=host:port ..."; create-cluster.sh passes its
#           instances; "name=host:port@checkport" where /health is on another port, as on WildFly's
#           management port), each checked every 2 s on /health/ready (answer within 5 s; out after 3
#           failures, checked every 0.5 s meanwhile; back after 2 successes), at most
#           FORECOURT_LB_MAXCONN (24) requests at once per instance — fewer than its HTTP threads
#           (32), so that the health check and the readiness self-check always find a free thread;
#           the rest wait in haproxy's queue (up to 30 s) —, a request whose connection failed is
#           sent to another instance
#           (retry-on conn-failure: never a request the instance may have received), X-Forwarded-For
#           added (the instances trust the balancer's address: forecourt.http.trusted-proxies).
#   drain   takes an instance out for new requests (haproxy "drain": requests in flight finish);
#           enable puts it back. Then stop or redeploy it (drain.sh does the node's own side).
#   status  one line per instance: name, state (UP/DOWN/DRAIN/MAINT), current sessions.
# Environment: FORECOURT_LB_ADDRESS (127.0.0.1), FORECOURT_LB_PORT (8000), FORECOURT_LB_MAXCONN (24).
set -euo pipefail
. "$(dirname "$0")/env.sh"
dir="$FORECOURT_HOME/haproxy"
cfg="$dir/forecourt.cfg"
pidfile="$dir/haproxy.pid"
socket="$dir/admin.sock"
address="${FORECOURT_LB_ADDRESS:-127.0.0.1}"
port="${FORECOURT_LB_PORT:-8000}"
maxconn="${FORECOURT_LB_MAXCONN:-24}"

command -v haproxy >/dev/null || { echo "haproxy is not installed (apt-get install haproxy)" >&2; exit 2; }

admin() { printf '%s\n' "$1" | socat stdio "unix-connect:$socket" 2>/dev/null \
  || printf '%s\n' "$1" | python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(sys.stdin.buffer.read()); print(s.makefile().read(), end="")' "$socket"; }

case "${1:-}" in
  start)
    : "${FORECOURT_LB_BACKENDS:?name=host:port of every instance}"
    mkdir -p "$dir"
    {
      cat <<CFG
# Written by server-config/payara/load-balancer.sh: edit that script, not this file.
global
    stats socket $socket mode 600 level admin
    maxconn 4096

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout queue 30s
    timeout check 5s
    option forwardfor
    option redispatch
    retries 2
    retry-on conn-failure
    default-server inter 2s fastinter 500ms fall 3 rise 2 maxconn $maxconn

frontend forecourt
    bind $address:$port
    default_backend instances

backend instances
    balance roundrobin
    option httpchk GET /health/ready
    http-check expect status 200
CFG
      for backend in $FORECOURT_LB_BACKENDS; do
        name="${backend%%=*}" target="${backend#*=}"
        if [[ "$target" == *@* ]]; then # readiness on another port (WildFly: its management port)
          printf '    server %s %s check port %s\n' "$name" "${target%@*}" "${target#*@}"
        else
          printf '    server %s %s check\n' "$name" "$target"
        fi
      done
    } >"$cfg"
    haproxy -c -q -f "$cfg"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      haproxy -D -f "$cfg" -p "$pidfile" -sf "$(cat "$pidfile")"
      echo "haproxy reloaded: http://$address:$port"
    else
      haproxy -D -f "$cfg" -p "$pidfile"
      echo "haproxy started: http://$address:$port"
    fi
    ;;
  stop)
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      kill "$(cat "$pidfile")"
      echo "haproxy stopped"
    fi
    rm -f "$pidfile"
    ;;
  drain|enable)
    name="${2:?instance name}"
    state=$([ "$1" = drain ] && echo drain || echo ready)
    admin "set server instances/$name state $state" >/dev/null
    echo "$name: $state"
    ;;
  status)
    admin "show stat" | awk -F, '$1 == "instances" && $2 != "BACKEND" { split($18, state, " "); print $2, state[1], $5 }'
    ;;
  *)
    echo "usage: load-balancer.sh start | stop | drain INSTANCE | enable INSTANCE | status" >&2
    exit 2
    ;;
esac
