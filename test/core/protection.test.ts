import { Testing, TerraformStack } from "cdktf";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { protectDataStore } from "../../lib/core/protection";

function stackWithGroup() {
  const stack = new TerraformStack(Testing.app(), "s");
  const group = new ResourceGroup(stack, "Group", { name: "rg-data", location: "westeurope" });
  return { stack, group };
}

describe("protectDataStore", () => {
  it("sets prevent_destroy and adds a CanNotDelete lock on the resource", () => {
    const { stack, group } = stackWithGroup();
    protectDataStore(stack, group);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(ResourceGroup, { lifecycle: { prevent_destroy: true } });
    expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: "CanNotDelete", scope: "${azurerm_resource_group.Group.id}", name: "lock-cannot-delete" });
  });

  it("keeps lifecycle settings the resource already had", () => {
    const { stack, group } = stackWithGroup();
    group.lifecycle = { ignoreChanges: ["tags"] };
    protectDataStore(stack, group);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ResourceGroup, { lifecycle: { prevent_destroy: true, ignore_changes: ["tags"] } });
  });

  it("creates neither when both are switched off", () => {
    const { stack, group } = stackWithGroup();
    expect(protectDataStore(stack, group, { lock: false, preventDestroy: false })).toBeUndefined();
    const parsed = JSON.parse(Testing.synth(stack));
    expect(parsed.resource.azurerm_management_lock).toBeUndefined();
    expect(parsed.resource.azurerm_resource_group.Group.lifecycle).toBeUndefined();
  });
});
