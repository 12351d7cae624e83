import { Testing } from "cdktf";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StaticPublicIp } from "../../lib/network/public-ip";
import { expectValidationError, testStack } from "./fixtures";

describe("StaticPublicIp", () => {
  it("is a Standard, static, zone-redundant IPv4 address named by the namer", () => {
    const f = testStack();
    new StaticPublicIp(f.stack, "Ip", { ...f, qualifier: "gateway" });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(PublicIp, {
      name: "pip-shop-gateway-prod-weu",
      sku: "Standard",
      sku_tier: "Regional",
      allocation_method: "Static",
      ip_version: "IPv4",
      zones: ["1", "2", "3"],
      idle_timeout_in_minutes: 4,
    });
  });

  it("has no zones in a region without them", () => {
    const f = testStack("westus");
    new StaticPublicIp(f.stack, "Ip", { ...f, qualifier: "gateway" });
    const body = Object.values(JSON.parse(Testing.synth(f.stack)).resource.azurerm_public_ip)[0] as Record<string, unknown>;
    expect(body.zones).toBeUndefined();
  });

  it("grants Network Contributor on its resource group to a cluster identity", () => {
    const f = testStack();
    const ip = new StaticPublicIp(f.stack, "Ip", { ...f, qualifier: "gateway" });
    ip.grantUse({ principalId: "11111111-1111-1111-1111-111111111111" });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, {
      role_definition_name: "Network Contributor",
      scope: "${azurerm_resource_group.ResourceGroup.id}",
      principal_type: "ServicePrincipal",
    });
  });

  it("fails when the idle timeout is out of range", () => {
    const f = testStack();
    expectValidationError(() => new StaticPublicIp(f.stack, "Ip", { ...f, qualifier: "gateway", idleTimeoutMinutes: 31 }), "publicIp.idleTimeoutMinutes: is out of range (got 31); use 4 to 30");
  });

  it("fails when a zone does not exist in the region", () => {
    const f = testStack("westus");
    expectValidationError(() => new StaticPublicIp(f.stack, "Ip", { ...f, qualifier: "gateway", zones: ["1"] }), /^publicIp\.zones\[0\]: is not an availability zone of westus/);
  });

  it("fails when the DNS label has uppercase letters", () => {
    const f = testStack();
    expectValidationError(() => new StaticPublicIp(f.stack, "Ip", { ...f, qualifier: "gateway", domainNameLabel: "Shop" }), /^publicIp\.domainNameLabel: has an invalid format \(got "Shop"\)/);
  });
});
