import { Testing, TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { grantRole } from "../../lib/core/grants";

describe("grantRole", () => {
  it("assigns the built-in role by name to a managed identity without a directory lookup", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    grantRole(stack, "Grant", { scopeId: "/subscriptions/x/vault", roleDefinitionName: "Key Vault Secrets User" }, { principalId: "11111111-1111-1111-1111-111111111111" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(RoleAssignment, {
      scope: "/subscriptions/x/vault",
      role_definition_name: "Key Vault Secrets User",
      principal_id: "11111111-1111-1111-1111-111111111111",
      principal_type: "ServicePrincipal",
      skip_service_principal_aad_check: true,
    });
  });

  it("states the principal type for groups and leaves the lookup on", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    grantRole(stack, "Grant", { scopeId: "/x", roleDefinitionName: "Reader" }, { principalId: "g" }, { principalType: "Group" });
    const body = Object.values(JSON.parse(Testing.synth(stack)).resource.azurerm_role_assignment)[0] as Record<string, unknown>;
    expect(body.principal_type).toBe("Group");
    expect(body).not.toHaveProperty("skip_service_principal_aad_check");
  });
});
