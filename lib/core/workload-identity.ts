/**
 * Microsoft Entra Workload ID on AKS: the audience of federated credentials, the service-account annotation that names
 * the managed identity, and the pod label that makes the webhook project the token. One definition for every construct
 * that federates a Kubernetes service account with a managed identity.
 */

/** Audience of every federated identity credential for AKS workload identity. */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

/** Service-account annotation naming the managed identity's client ID. */
export const WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";

/** Pod label (value `"true"`) that makes the workload identity webhook inject the projected token and environment. */
export const WORKLOAD_IDENTITY_USE_LABEL = "azure.workload.identity/use";

/** The federated credential subject of a Kubernetes service account. */
export function serviceAccountSubject(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}
