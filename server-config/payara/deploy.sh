#!/usr/bin/env bash
# Usage: deploy.sh EAR_PATH   (admin port from FORECOURT_ADMIN_PORT, default 4848)
# (Re)deploys the EAR under the application name "forecourt".
set -euo pipefail
. "$(dirname "$0")/env.sh"
ear="${1:?usage: deploy.sh EAR_PATH}"
asadmin_remote deploy --force=true --name forecourt "$ear"
