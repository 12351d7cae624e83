import { Construct } from "constructs";
import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";

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

/** Where and how {@link federatedIdentity} creates a managed identity for a Kubernetes service account. */
export interface FederatedIdentityOptions {
  /** Resource group of the identity; the identity takes its location. */
  readonly resourceGroup: ResourceGroup;
  /** Name of the user-assigned identity. */
  readonly name: string;
  /** The cluster's OIDC issuer URL. */
  readonly oidcIssuerUrl: string;
  /** The service account the identity trusts. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** Name of the federated credential. */
  readonly credentialName: string;
  /**
   * Construct ids of the identity and the credential (Terraform addresses: keep them stable).
   * @default { identity: "Identity", credential: "FederatedCredential" }
   */
  readonly ids?: { readonly identity: string; readonly credential: string };
}

/**
 * A user-assigned managed identity federated with one Kubernetes service account through the cluster's OIDC issuer:
 * pods of that service account (with {@link WORKLOAD_IDENTITY_USE_LABEL}) get Entra ID tokens for it, no secret
 * involved. Both resources are created directly in `scope`.
 */
export function federatedIdentity(scope: Construct, options: FederatedIdentityOptions): { identity: UserAssignedIdentity; credential: FederatedIdentityCredential } {
  const ids = options.ids ?? { identity: "Identity", credential: "FederatedCredential" };
  const identity = new UserAssignedIdentity(scope, ids.identity, {
    name: options.name,
    location: options.resourceGroup.location,
    resourceGroupName: options.resourceGroup.name,
  });
  const credential = new FederatedIdentityCredential(scope, ids.credential, {
    name: options.credentialName,
    // azurerm 4.55: the identity is `parent_id` (there is no `user_assigned_identity_id`); `resource_group_name` is
    // still required, though hashicorp/terraform-provider-azurerm#30860 deprecates it (the parent ID carries it).
    parentId: identity.id,
    resourceGroupName: options.resourceGroup.name,
    issuer: options.oidcIssuerUrl,
    subject: serviceAccountSubject(options.serviceAccount.namespace, options.serviceAccount.name),
    audience: [WORKLOAD_IDENTITY_AUDIENCE],
  });
  return { identity, credential };
}
