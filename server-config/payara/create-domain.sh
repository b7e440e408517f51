#!/usr/bin/env bash
# Usage: create-domain.sh NAME PORTBASE [DOMAINDIR]
# Creates a password-less domain (admin = PORTBASE+48, http = PORTBASE+80, https = +81);
# does nothing when the domain already exists. DOMAINDIR defaults to $PAYARA_HOME/glassfish/domains.
set -euo pipefail
. "$(dirname "$0")/env.sh"

name="${1:?usage: create-domain.sh NAME PORTBASE [DOMAINDIR]}"
portbase="${2:?usage: create-domain.sh NAME PORTBASE [DOMAINDIR]}"
domaindir="${3:-$PAYARA_HOME/glassfish/domains}"

if [ -f "$domaindir/$name/config/domain.xml" ]; then
  echo "Domain $name already exists in $domaindir"
  exit 0
fi
"$ASADMIN" --interactive=false create-domain --nopassword=true \
  --portbase "$portbase" --domaindir "$domaindir" "$name"
