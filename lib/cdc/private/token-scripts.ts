/** Where the token refresher writes the Entra ID access tokens (an in-memory emptyDir shared by the pod's containers). */
export const TOKEN_DIR = "/var/run/cdc-tokens";
/** The Event Hubs (Kafka) access token, read by Kafka's OAUTHBEARER login through a `file:` token endpoint URL. */
export const EVENT_HUBS_TOKEN_FILE = `${TOKEN_DIR}/eventhubs`;
/** The PostgreSQL access token, the connector's password. */
export const POSTGRES_TOKEN_FILE = `${TOKEN_DIR}/postgres`;
/** Entra ID scope of Azure Database for PostgreSQL tokens (https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-configure-sign-in-azure-ad-authentication). */
export const POSTGRES_TOKEN_SCOPE = "https://ossrdbms-aad.database.windows.net/.default";
/** Where the scripts are mounted. */
export const SCRIPTS_DIR = "/opt/cdc";

// The scripts use `$NAME`, never `${NAME}`: Terraform reads "${" in any string as an interpolation.

/**
 * Exchanges the pod's projected service-account token (injected by the workload identity webhook as
 * `AZURE_FEDERATED_TOKEN_FILE`, with `AZURE_CLIENT_ID`, `AZURE_TENANT_ID` and `AZURE_AUTHORITY_HOST`) for Entra ID access
 * tokens: the OAuth 2.0 client credentials grant with a federated client assertion, as the Azure Identity libraries'
 * WorkloadIdentityCredential does. Writes each token atomically (temporary file, then rename), so a reader never sees a
 * half-written token. `once` fetches and exits (the init container, so the tokens exist before Debezium starts);
 * without it the script refreshes every `REFRESH_SECONDS` (the sidecar). The federated token is re-read every round,
 * because the kubelet rotates it.
 */
export const REFRESH_TOKENS_SCRIPT = `#!/bin/sh
set -eu

authority=$(printf '%s' "$AZURE_AUTHORITY_HOST" | sed 's#/*$##')

fetch() {
  scope="$1"
  target="$2"
  assertion=$(cat "$AZURE_FEDERATED_TOKEN_FILE")
  response=$(curl --silent --show-error --fail --max-time 30 \\
    --data-urlencode "client_id=$AZURE_CLIENT_ID" \\
    --data-urlencode "scope=$scope" \\
    --data-urlencode "grant_type=client_credentials" \\
    --data-urlencode "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer" \\
    --data-urlencode "client_assertion=$assertion" \\
    "$authority/$AZURE_TENANT_ID/oauth2/v2.0/token")
  token=$(printf '%s' "$response" | sed -n 's/.*"access_token":"\\([^"]*\\)".*/\\1/p')
  if [ -z "$token" ]; then
    echo "no access token for $scope" >&2
    return 1
  fi
  umask 077
  printf '%s' "$token" > "$target.tmp"
  mv "$target.tmp" "$target"
}

refresh() {
  fetch "$EVENT_HUBS_SCOPE" "${EVENT_HUBS_TOKEN_FILE}" && fetch "${POSTGRES_TOKEN_SCOPE}" "${POSTGRES_TOKEN_FILE}"
}

if [ "$#" -gt 0 ] && [ "$1" = "once" ]; then
  refresh
  exit 0
fi
while true; do
  sleep "$REFRESH_SECONDS"
  refresh || echo "token refresh failed, retrying in $REFRESH_SECONDS seconds" >&2
done
`;

/**
 * Starts Debezium Server with the PostgreSQL access token as the database password. Debezium Server reads
 * `DEBEZIUM_SOURCE_DATABASE_PASSWORD` as `debezium.source.database.password` (it maps environment variables to
 * properties), so the token is in no file Kubernetes or Terraform knows of. PostgreSQL checks the token only when a
 * connection opens; when Debezium reconnects after it expired, the connector fails, Debezium Server exits and Kubernetes
 * restarts the container, which reads a fresh token.
 */
export const START_SCRIPT = `#!/bin/sh
set -eu
DEBEZIUM_SOURCE_DATABASE_PASSWORD=$(cat "${POSTGRES_TOKEN_FILE}")
export DEBEZIUM_SOURCE_DATABASE_PASSWORD
cd /debezium
exec /debezium/run.sh
`;
