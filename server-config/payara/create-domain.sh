#!/usr/bin/env bash
# Usage: create-domain.sh NAME PORTBASE|default [DOMAINDIR]
# Creates a password-less domain (admin = PORTBASE+48, http = PORTBASE+80, https = +81; "default"
# keeps Payara's own ports: admin 4848, http 8080, https 8181); does nothing when the domain
# already exists. DOMAINDIR defaults to $PAYARA_HOME/glassfish/domains.
set -euo pipefail
. "$(dirname "$0")/env.sh"

name="${1:?usage: create-domain.sh NAME PORTBASE [DOMAINDIR]}"
portbase="${2:?usage: create-domain.sh NAME PORTBASE [DOMAINDIR]}"
domaindir="${3:-$PAYARA_HOME/glassfish/domains}"

if [ -f "$domaindir/$name/config/domain.xml" ]; then
  echo "Domain $name already exists in $domaindir"
  exit 0
fi
ports=(--portbase "$portbase")
[ "$portbase" = default ] && ports=()   # --portbase cannot be combined with --adminport
"$ASADMIN" --interactive=false create-domain --nopassword=true \
  "${ports[@]}" --domaindir "$domaindir" "$name"
