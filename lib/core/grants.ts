import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";

/**
 * Something that can be granted an Azure role: a user-assigned identity (`UserAssignedIdentity` satisfies this
 * structurally), a system-assigned identity's principal, or an Entra ID user or group.
 */
export interface IPrincipal {
  /** Object ID of the principal in Entra ID. */
  readonly principalId: string;
}

/** How the principal is represented in Entra ID; `ServicePrincipal` for managed identities. */
export type PrincipalType = "ServicePrincipal" | "User" | "Group";

/** Options for {@link grantRole}. */
export interface GrantOptions {
  /**
   * Principal type. Stating it skips a directory lookup that fails for identities created moments earlier.
   * @default "ServicePrincipal"
   */
  readonly principalType?: PrincipalType;
}

/**
 * Assigns a built-in Azure role to a principal on a scope. `grant…` methods of the constructs call this, so every
 * role assignment of the library has the same shape: the role by its built-in name, the principal type stated.
 */
export function grantRole(scope: Construct, id: string, target: { readonly scopeId: string; readonly roleDefinitionName: string }, principal: IPrincipal, options: GrantOptions = {}): RoleAssignment {
  const principalType = options.principalType ?? "ServicePrincipal";
  return new RoleAssignment(scope, id, {
    scope: target.scopeId,
    roleDefinitionName: target.roleDefinitionName,
    principalId: principal.principalId,
    principalType,
    skipServicePrincipalAadCheck: principalType === "ServicePrincipal" ? true : undefined,
  });
}
