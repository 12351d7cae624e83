import { Testing, TerraformStack } from "cdktf";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { grantKey, grantOwner, grantRole, grantRoleOnce, validateGrantId } from "../../lib/core/grants";
import { expectValidationError } from "../support/expect-validation-error";

const OBJECT_ID = "AAAAAAAA-bbbb-cccc-dddd-eeeeeeeeeeee";

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

describe("grantRoleOnce", () => {
  it("returns the existing assignment when the id is granted again", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const target = { scopeId: "/subscriptions/x/vault", roleDefinitionName: "Key Vault Secrets User" };
    const first = grantRoleOnce(stack, "Grant", target, { principalId: OBJECT_ID });
    expect(grantRoleOnce(stack, "Grant", target, { principalId: OBJECT_ID })).toBe(first);
    expect(Object.keys(JSON.parse(Testing.synth(stack)).resource.azurerm_role_assignment)).toHaveLength(1);
  });

  it("creates one assignment per id", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const target = { scopeId: "/x", roleDefinitionName: "Reader" };
    expect(grantRoleOnce(stack, "A", target, { principalId: OBJECT_ID })).not.toBe(grantRoleOnce(stack, "B", target, { principalId: OBJECT_ID }));
  });
});

describe("validateGrantId", () => {
  it("returns a valid id", () => {
    expect(validateGrantId("svc.grants.Reader.id", "Ci_deploy-1")).toBe("Ci_deploy-1");
  });

  it("fails when the id does not start with a letter", () => {
    expectValidationError(
      () => validateGrantId("svc.grants.Reader.id", "1ci"),
      'svc.grants.Reader.id: has an invalid format (got "1ci"); use 1-64 letters, digits, hyphens and underscores, starting with a letter',
    );
  });
});

describe("grantKey", () => {
  test("uses the id given", () => {
    expect(grantKey("svc.grants.Reader", { principalId: OBJECT_ID }, "Ci")).toBe("Ci");
  });

  test("derives the key from the principal's construct", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const identity = new UserAssignedIdentity(stack, "App", { name: "id-app", location: "westeurope", resourceGroupName: "rg" });
    expect(grantKey("svc.grants.Reader", identity)).toBe(`App-${identity.node.addr.slice(0, 8)}`);
  });

  test("uses a literal object ID, in lower case", () => {
    expect(grantKey("svc.grants.Reader", { principalId: OBJECT_ID })).toBe(OBJECT_ID.toLowerCase());
  });

  test("fails when the object ID is not a GUID", () => {
    expectValidationError(() => grantKey("svc.grants.Reader", { principalId: "alice@contoso.com" }), /^svc\.grants\.Reader\.principal: has no valid object ID \(got "alice@contoso\.com"\)/);
  });
});

describe("grants across stacks", () => {
  it("puts the assignment in the grantee's stack when the grantee is a construct of another stack", () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, "platform");
    const apps = new TerraformStack(app, "apps");
    const vault = new ResourceGroup(platform, "Vault", { name: "rg-vault", location: "westeurope" });
    const identity = new UserAssignedIdentity(apps, "Identity", { name: "uai-order", location: "westeurope", resourceGroupName: "rg-apps" });
    const assignment = grantRole(vault, "SecretsRead", { scopeId: vault.id, roleDefinitionName: "Key Vault Secrets User" }, identity);
    expect(TerraformStack.of(assignment)).toBe(apps);
    expect(grantOwner(vault, identity)).toBe(grantOwner(vault, identity));
    expect(JSON.parse(Testing.synth(platform)).resource.azurerm_role_assignment).toBeUndefined();
    expect(Object.values(JSON.parse(Testing.synth(apps)).resource.azurerm_role_assignment)).toHaveLength(1);
  });

  it("keeps the assignment with the resource when both are in one stack", () => {
    const stack = new TerraformStack(Testing.app(), "one");
    const vault = new ResourceGroup(stack, "Vault", { name: "rg-vault", location: "westeurope" });
    const identity = new UserAssignedIdentity(stack, "Identity", { name: "uai-order", location: "westeurope", resourceGroupName: "rg-apps" });
    expect(grantRole(vault, "SecretsRead", { scopeId: vault.id, roleDefinitionName: "Key Vault Secrets User" }, identity).node.scope).toBe(vault);
  });
});
