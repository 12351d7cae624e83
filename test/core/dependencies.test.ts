import { Testing, TerraformStack } from "cdktf";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { dependenciesWithin } from "../../lib/core/dependencies";

describe("dependenciesWithin", () => {
  it("keeps dependencies in the same stack", () => {
    const stack = new TerraformStack(Testing.app(), "apps");
    const group = new ResourceGroup(stack, "Group", { name: "rg", location: "westeurope" });
    expect(dependenciesWithin(stack, [group])).toEqual([group]);
    expect(stack.dependencies).toEqual([]);
  });

  it("turns a dependency in another stack into a stack dependency, once", () => {
    const app = Testing.app();
    const addons = new TerraformStack(app, "addons");
    const apps = new TerraformStack(app, "apps");
    const a = new ResourceGroup(addons, "A", { name: "rg-a", location: "westeurope" });
    const b = new ResourceGroup(addons, "B", { name: "rg-b", location: "westeurope" });
    expect(dependenciesWithin(apps, [a, b])).toEqual([]);
    expect(apps.dependencies).toEqual([addons]);
  });
});
