import { Token } from "cdktf";
import { Construct } from "constructs";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError } from "../../core/errors";
import { GrantOptions, grantRoleOnce, IPrincipal, validateGrantId } from "../../core/grants";
import { shortHash } from "../../core/naming";

/** Options of the messaging constructs' `grant…` methods. */
export interface MessagingGrantOptions extends GrantOptions {
  /**
   * Construct id of the role assignment (it becomes part of the Terraform address, so keep it stable). Needed only when
   * the principal is neither a construct nor a literal object ID, e.g. `{ principalId: someIdentity.principalId }`.
   * @default - derived from the principal: its construct path, or its literal object ID
   */
  readonly id?: string;
}

/**
 * Assigns `roleDefinitionName` on `scopeId` to `principal` once: the construct id is derived from the principal (or
 * given), so granting the same role to the same principal twice returns the first assignment instead of failing.
 */
export function grantOnce(
  scope: Construct,
  idPrefix: string,
  target: { readonly scopeId: string; readonly roleDefinitionName: string },
  principal: IPrincipal,
  options: MessagingGrantOptions & { readonly path: string },
): RoleAssignment {
  const { path, id: givenId, ...grantOptions } = options;
  let suffix: string;
  if (givenId !== undefined) {
    suffix = validateGrantId(`${path}.id`, givenId);
  } else if (Construct.isConstruct(principal)) {
    suffix = shortHash([principal.node.path], 8);
  } else if (typeof principal.principalId === "string" && !Token.isUnresolved(principal.principalId)) {
    suffix = shortHash([principal.principalId], 8);
  } else {
    throw new ValidationError(
      `${path}.principal`,
      "has no stable identity to name the role assignment after",
      principal.principalId,
      "pass the identity construct itself, or give options.id",
    );
  }
  return grantRoleOnce(scope, `${idPrefix}${suffix}`, target, principal, grantOptions);
}
