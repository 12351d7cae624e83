import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError } from "./errors";
import { GUID_PATTERN, isUnresolved, validatePattern } from "./validate";

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
  return new RoleAssignment(grantOwner(scope, principal), id, {
    scope: target.scopeId,
    roleDefinitionName: target.roleDefinitionName,
    principalId: principal.principalId,
    principalType,
    skipServicePrincipalAadCheck: principalType === "ServicePrincipal" ? true : undefined,
  });
}

/**
 * Like {@link grantRole}, but once per construct id: when `scope` already has a role assignment `id`, that one is
 * returned instead of failing, so granting the same role to the same principal twice is harmless. Pair it with a
 * stable id ({@link grantKey}) so the id names the principal.
 */
/**
 * Where an assignment for `principal` on a resource under `scope` lives. In the resource's stack as a rule; but when
 * the principal is a construct of another stack (a workload identity of an apps stack granted access to a vault of
 * the platform stack), in the principal's stack: that stack already depends on the resource's, so the assignment can
 * reference both without making the resource's stack depend on the grantee's.
 */
export function grantOwner(scope: Construct, principal: IPrincipal): Construct {
  if (!Construct.isConstruct(principal)) return scope;
  const principalStack = TerraformStack.of(principal);
  if (principalStack === TerraformStack.of(scope)) return scope;
  const holderId = `Grants-${scope.node.addr.slice(0, 12)}`;
  return (principalStack.node.tryFindChild(holderId) as Construct | undefined) ?? new Construct(principalStack, holderId);
}

export function grantRoleOnce(scope: Construct, id: string, target: { readonly scopeId: string; readonly roleDefinitionName: string }, principal: IPrincipal, options: GrantOptions = {}): RoleAssignment {
  const existing = grantOwner(scope, principal).node.tryFindChild(id);
  if (existing instanceof RoleAssignment) return existing;
  return grantRole(scope, id, target, principal, options);
}

const GRANT_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * Checks a construct id given for a role assignment (the `id` option of the `grant…` methods): 1-64 letters, digits,
 * hyphens and underscores, starting with a letter. Returns it.
 */
export function validateGrantId(path: string, id: string): string {
  return validatePattern(path, id, GRANT_ID, "use 1-64 letters, digits, hyphens and underscores, starting with a letter")!;
}

/**
 * A stable construct id for the role assignment of `principal`, so the Terraform address of a grant does not depend on
 * the order grants are made in. Taken from, in order: the `id` given, the principal's construct (a
 * `UserAssignedIdentity`), or a literal object ID. Fails when none applies (an object ID only known at apply time, on
 * an object that is not a construct): pass `id` then.
 */
export function grantKey(path: string, principal: IPrincipal, id?: string): string {
  if (id !== undefined) return validateGrantId(`${path}.id`, id);
  if (Construct.isConstruct(principal)) {
    return `${principal.node.id.replace(/[^A-Za-z0-9_-]/g, "")}-${principal.node.addr.slice(0, 8)}`;
  }
  const principalId = principal.principalId;
  if (typeof principalId === "string" && !isUnresolved(principalId) && GUID_PATTERN.test(principalId)) {
    return principalId.toLowerCase();
  }
  throw new ValidationError(
    `${path}.principal`,
    isUnresolved(principalId) ? "is only known at apply time and is not a construct, so the grant has no stable id" : "has no valid object ID",
    isUnresolved(principalId) ? "an unresolved token" : principalId,
    "pass the identity construct itself, a literal object ID (a GUID), or options.id",
  );
}
