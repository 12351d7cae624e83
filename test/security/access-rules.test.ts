import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformOutput, TerraformStack, Testing, Token } from "cdktf";
import { validateFirewallIpRules, validateFirewallNeedsPublicAccess, validateFirewallSubnets } from "../../lib/security/access-rules";
import { expectValidationError } from "../support/expect-validation-error";

function subnet(serviceEndpoints?: string[]): Subnet {
  const stack = new TerraformStack(Testing.app(), "s");
  return new Subnet(stack, "Apps", { name: "snet-apps", resourceGroupName: "rg", virtualNetworkName: "vnet", addressPrefixes: ["10.0.0.0/24"], serviceEndpoints });
}

describe("validateFirewallIpRules", () => {
  test("accepts public addresses and blocks unchanged", () => {
    expect(validateFirewallIpRules("svc.allowedIpRanges", ["203.0.113.0/24", "198.51.100.7"])).toEqual(["203.0.113.0/24", "198.51.100.7"]);
  });

  test("writes single addresses as /32 with hostsAsCidr", () => {
    expect(validateFirewallIpRules("svc.allowedIpRanges", ["203.0.113.0/24", "198.51.100.7"], { hostsAsCidr: true })).toEqual(["203.0.113.0/24", "198.51.100.7/32"]);
  });

  test("passes unresolved entries through", () => {
    const token = Token.asString({ resolve: () => "203.0.113.9" });
    expect(validateFirewallIpRules("svc.allowedIpRanges", [token], { hostsAsCidr: true })).toEqual([token]);
  });

  test("fails when an entry is not an address", () => {
    expectValidationError(() => validateFirewallIpRules("svc.allowedIpRanges", ["office"]), /^svc\.allowedIpRanges\[0\]: is not an IPv4 address or CIDR block \(got "office"\)/);
  });

  test("fails when a block has host bits set", () => {
    expectValidationError(() => validateFirewallIpRules("svc.allowedIpRanges", ["203.0.113.5/24"]), /^svc\.allowedIpRanges\[0\]: has host bits set \(got "203\.0\.113\.5\/24"\); use the network address "203\.0\.113\.0\/24"$/);
  });

  test("fails when a block contains a private range", () => {
    expectValidationError(() => validateFirewallIpRules("svc.allowedIpRanges", ["192.0.0.0/8"]), /^svc\.allowedIpRanges\[0\]: is or overlaps a private \(RFC 1918\) range/);
  });

  test("fails on /31 and /32 only where host prefixes are rejected", () => {
    expect(validateFirewallIpRules("svc.allowedIpRanges", ["203.0.113.4/31"])).toEqual(["203.0.113.4/31"]);
    expectValidationError(
      () => validateFirewallIpRules("svc.allowedIpRanges", ["203.0.113.4/31"], { rejectHostPrefixes: true }),
      'svc.allowedIpRanges[0]: uses a /31 or /32 prefix, which Azure Storage rejects (got "203.0.113.4/31"); write single addresses bare, e.g. "203.0.113.4"',
    );
  });
});

describe("validateFirewallSubnets", () => {
  test("returns the IDs of subnets with a qualifying service endpoint", () => {
    const apps = subnet(["Microsoft.Storage.Global"]);
    const stack = TerraformStack.of(apps);
    new TerraformOutput(stack, "ids", { value: validateFirewallSubnets("svc.allowedSubnets", [apps], ["Microsoft.Storage", "Microsoft.Storage.Global"]) });
    expect(JSON.parse(Testing.synth(stack)).output.ids.value).toEqual(["${azurerm_subnet.Apps.id}"]);
  });

  test("fails when a subnet has no service endpoints at all", () => {
    expectValidationError(() => validateFirewallSubnets("svc.allowedSubnets", [subnet()], ["Microsoft.KeyVault"]), /^svc\.allowedSubnets\[0\]: has no Microsoft\.KeyVault service endpoint/);
  });

  test("fails when a subnet is listed twice", () => {
    const apps = subnet(["Microsoft.KeyVault"]);
    expectValidationError(() => validateFirewallSubnets("svc.allowedSubnets", [apps, apps], ["Microsoft.KeyVault"]), /^svc\.allowedSubnets\[1\]: repeats the entry at index 0/);
  });
});

describe("validateFirewallNeedsPublicAccess", () => {
  test("accepts rules when public access is on, and no rules when it is off", () => {
    expect(() => validateFirewallNeedsPublicAccess("svc", true, ["203.0.113.0/24"], [])).not.toThrow();
    expect(() => validateFirewallNeedsPublicAccess("svc", false, [], [])).not.toThrow();
  });
});
