# Sourced by the run commands (run.sh: Payara, run-wildfly.sh: WildFly), after FORECOURT_HOME and
# FORECOURT_DEMO_DATA are set: the secrets both use, generated once into FORECOURT_HOME.
#
# The AES key that encrypts stored secrets (TOTP, signing keys): generated once, kept beside the
# installation (owner-only), reused on every run. Set FORECOURT_SECRETS_KEY to bring your own.
if [ -z "${FORECOURT_SECRETS_KEY:-}" ]; then
  keyfile="$FORECOURT_HOME/secrets.key"
  if [ ! -s "$keyfile" ]; then
    mkdir -p "$FORECOURT_HOME"
    (umask 077 && head -c 32 /dev/urandom | base64 >"$keyfile")
  fi
  FORECOURT_SECRETS_KEY="$(cat "$keyfile")"
  export FORECOURT_SECRETS_KEY
fi
# The demo users' password: FORECOURT_DEMO_PASSWORD, or one generated once and kept beside the
# installation (owner-only), so that every run knows it. It is applied when the demo users are
# created, i.e. on the first start with an empty database; later runs keep the users as they are.
demo_password_file="$FORECOURT_HOME/demo-password"
if [ "$FORECOURT_DEMO_DATA" = true ] && [ -z "${FORECOURT_DEMO_PASSWORD:-}" ]; then
  if [ ! -s "$demo_password_file" ]; then
    mkdir -p "$FORECOURT_HOME"
    (umask 077 && head -c 12 /dev/urandom | base64 | tr '+/' '-_' >"$demo_password_file")
  fi
  FORECOURT_DEMO_PASSWORD="$(cat "$demo_password_file")"
  demo_password_source="generated once, kept in $demo_password_file"
  export FORECOURT_DEMO_PASSWORD
else
  demo_password_source="from FORECOURT_DEMO_PASSWORD"
fi
