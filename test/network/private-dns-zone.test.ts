import { PrivateDnsZone as AzPrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { TerraformOutput, Testing } from "cdktf";
import { Construct } from "constructs";
import { KNOWN_REGIONS } from "../../lib/core/regions";
import { aksPrivateDnsZoneName, PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { expectValidationError, resourceList, StackFixture, testStack } from "./fixtures";

function withNetwork(): StackFixture & { network: VirtualNetwork } {
  const fixture = testStack();
  const network = new VirtualNetwork(fixture.stack, "Network", { resourceGroup: fixture.resourceGroup, namer: fixture.namer, addressSpace: "10.10.0.0/16" });
  return { ...fixture, network };
}

describe("PrivateDnsZone", () => {
  test("synthesizes a zone linked to a network", () => {
    const { stack, resourceGroup, network } = withNetwork();
    new PrivateDnsZone(stack, "KeyVaultZone", { resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.keyVault, virtualNetworks: [network] });
    expect(Testing.synth(stack)).toMatchSnapshot();
  });

  test("creates the zone with its name in the resource group", () => {
    const { stack, resourceGroup } = testStack();
    new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net" });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(AzPrivateDnsZone, {
      name: "privatelink.vaultcore.azure.net",
      resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
    });
  });

  test("links no network by default", () => {
    const { stack, resourceGroup } = testStack();
    new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net" });
    expect(resourceList(Testing.synth(stack), "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(0);
  });

  test("links the networks given in props, with auto-registration off", () => {
    const { stack, resourceGroup, network } = withNetwork();
    new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net", virtualNetworks: [network] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, {
      name: "link-vnet-shop-prod-weu",
      resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      private_dns_zone_name: "${azurerm_private_dns_zone.Zone_A5DE4B68.name}",
      virtual_network_id: "${azurerm_virtual_network.Network_1C6012B5.id}",
      registration_enabled: false,
    });
  });

  test("links a network later with linkVirtualNetwork", () => {
    const { stack, resourceGroup, network } = withNetwork();
    const zone = new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net" });
    zone.linkVirtualNetwork(network);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, {
      virtual_network_id: "${azurerm_virtual_network.Network_1C6012B5.id}",
      registration_enabled: false,
    });
  });

  test("creates one link when the same network is linked twice", () => {
    const { stack, resourceGroup, network } = withNetwork();
    const zone = new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net", virtualNetworks: [network, network] });
    zone.linkVirtualNetwork(network);
    expect(resourceList(Testing.synth(stack), "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(1);
  });

  test("creates one link per network", () => {
    const { stack, resourceGroup, namer, network } = withNetwork();
    const north = new VirtualNetwork(stack, "NetworkNorth", { resourceGroup, namer: namer.forRegion("northeurope"), addressSpace: "10.20.0.0/16" });
    new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net", virtualNetworks: [network, north] });
    const links = resourceList(Testing.synth(stack), "azurerm_private_dns_zone_virtual_network_link");
    expect(links.map((l) => l.name).sort()).toEqual(["link-vnet-shop-prod-neu", "link-vnet-shop-prod-weu"]);
  });

  test("links networks that share a construct id in different scopes", () => {
    const { stack, resourceGroup, namer } = testStack();
    const west = new VirtualNetwork(new Construct(stack, "West"), "Network", { resourceGroup, namer, addressSpace: "10.10.0.0/16" });
    const north = new VirtualNetwork(new Construct(stack, "North"), "Network", { resourceGroup, namer: namer.forRegion("northeurope"), addressSpace: "10.20.0.0/16" });
    new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net", virtualNetworks: [west, north] });
    const links = resourceList(Testing.synth(stack), "azurerm_private_dns_zone_virtual_network_link");
    expect(links.map((l) => l.name).sort()).toEqual(["link-vnet-shop-prod-neu", "link-vnet-shop-prod-weu"]);
  });

  test("exposes the zone id", () => {
    const { stack, resourceGroup } = testStack();
    const zone = new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName: "privatelink.vaultcore.azure.net" });
    new TerraformOutput(stack, "zone_id", { value: zone.id });
    expect(JSON.parse(Testing.synth(stack)).output.zone_id.value).toBe("${azurerm_private_dns_zone.Zone_A5DE4B68.id}");
  });

  test.each(Object.entries(PRIVATE_DNS_ZONE_NAMES))("accepts the %s zone name %s", (_, zoneName) => {
    const { stack, resourceGroup } = testStack();
    new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(AzPrivateDnsZone, { name: zoneName });
  });

  test("names the private zone of an AKS API server after its region", () => {
    expect(aksPrivateDnsZoneName("westeurope")).toBe("privatelink.westeurope.azmk8s.io");
  });

  test("accepts the AKS private zone name of every known region as a zone name", () => {
    const { stack, resourceGroup } = testStack();
    KNOWN_REGIONS.forEach((r) => new PrivateDnsZone(stack, `Zone-${r}`, { resourceGroup, zoneName: aksPrivateDnsZoneName(r) }));
    const names = resourceList(Testing.synth(stack), "azurerm_private_dns_zone").map((z) => z.name);
    expect(names).toHaveLength(KNOWN_REGIONS.length);
    expect(names).toContain("privatelink.eastus2.azmk8s.io");
  });

  describe("validation", () => {
    test.each([
      ["uppercase letters", "Privatelink.Vaultcore.Azure.Net"],
      ["a single label", "localhost"],
      ["a trailing dot", "privatelink.vaultcore.azure.net."],
      ["a label starting with a hyphen", "-privatelink.azure.net"],
      ["a numeric top-level label", "privatelink.azure.123"],
      ["an empty label", "privatelink..azure.net"],
      ["a label of 64 characters", `${"a".repeat(64)}.azure.net`],
    ])("fails when the zone name has %s", (_, zoneName) => {
      const { stack, resourceGroup } = testStack();
      expectValidationError(
        () => new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName }),
        `privateDnsZone.zoneName: has an invalid format (got ${JSON.stringify(zoneName)}); use a lowercase DNS name such as "privatelink.vaultcore.azure.net"`,
      );
    });

    test("fails when the zone name is longer than 253 characters", () => {
      const { stack, resourceGroup } = testStack();
      const zoneName = `${Array.from({ length: 5 }, () => "a".repeat(50)).join(".")}.net`;
      expect(zoneName.length).toBe(258);
      expectValidationError(() => new PrivateDnsZone(stack, "Zone", { resourceGroup, zoneName }), /^privateDnsZone\.zoneName: has an invalid format \(got "a{50}\.a{50}\./);
    });
  });
});
