import { Testing } from "cdktf";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { PrivateEndpoint, validatePrivateEndpointZone } from "../../lib/network/private-endpoint";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { expectValidationError, resourceList, testStack } from "./fixtures";

function fixture() {
  const f = testStack();
  const network = new VirtualNetwork(f.stack, "Network", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.10.0.0/16" });
  const dnsZone = new PrivateDnsZone(f.stack, "KeyVaultZone", { resourceGroup: f.resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.keyVault });
  return { ...f, network, dnsZone };
}

describe("PrivateEndpoint", () => {
  it("places the endpoint in the private-endpoint subnet and registers it in the service's zone", () => {
    const f = fixture();
    new PrivateEndpoint(f.stack, "Pe", { ...f, targetResourceId: "/subscriptions/x/kv", subresource: "vault", qualifier: "kv" });
    const out = Testing.synth(f.stack);
    expect(out).toHaveResourceWithProperties(AzPrivateEndpoint, {
      name: "pep-shop-kv-prod-weu",
      custom_network_interface_name: "nic-shop-pekv-prod-weu",
      subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_PrivateEndpointsSubnet_[0-9A-F]{8}\.id\}$/),
      private_service_connection: { name: "psc-kv", is_manual_connection: false, private_connection_resource_id: "/subscriptions/x/kv", subresource_names: ["vault"] },
      private_dns_zone_group: { name: "default", private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.KeyVaultZone_[0-9A-F]{8}\.id\}$/)] },
    });
  });

  it("links the zone to the network once, however many endpoints use it", () => {
    const f = fixture();
    new PrivateEndpoint(f.stack, "Pe1", { ...f, targetResourceId: "/x/1", subresource: "vault", qualifier: "kva" });
    new PrivateEndpoint(f.stack, "Pe2", { ...f, targetResourceId: "/x/2", subresource: "vault", qualifier: "kvb" });
    expect(resourceList(Testing.synth(f.stack), "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(1);
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, { registration_enabled: false });
  });

  it("fails when the sub-resource is not a name", () => {
    const f = fixture();
    expectValidationError(
      () => new PrivateEndpoint(f.stack, "Pe", { ...f, targetResourceId: "/x", subresource: "vault/secrets", qualifier: "kv" }),
      /^privateEndpoint\.subresource: has an invalid format \(got "vault\/secrets"\)/,
    );
  });

  it("fails when the qualifier is not a lowercase word", () => {
    const f = fixture();
    expectValidationError(() => new PrivateEndpoint(f.stack, "Pe", { ...f, targetResourceId: "/x", subresource: "vault", qualifier: "Key-Vault" }), /^private_endpoint\.qualifier: has an invalid format \(got "Key-Vault"\)/);
  });
});

describe("validatePrivateEndpointZone", () => {
  it("accepts the service's zone", () => {
    const f = fixture();
    expect(() => validatePrivateEndpointZone("keyVault.privateEndpoint", f, PRIVATE_DNS_ZONE_NAMES.keyVault)).not.toThrow();
  });

  it("fails when the zone is another service's, naming the placement's dnsZone", () => {
    const f = fixture();
    expectValidationError(
      () => validatePrivateEndpointZone("serviceBus.privateEndpoint", f, PRIVATE_DNS_ZONE_NAMES.serviceBus),
      'serviceBus.privateEndpoint.dnsZone: is not the private DNS zone of this service (got "privatelink.vaultcore.azure.net"); use a PrivateDnsZone named "privatelink.servicebus.windows.net"',
    );
  });

  it("names the service when told", () => {
    const f = fixture();
    expectValidationError(
      () => validatePrivateEndpointZone("redis.privateEndpoint", f, PRIVATE_DNS_ZONE_NAMES.redis, "Azure Cache for Redis"),
      /^redis\.privateEndpoint\.dnsZone: is not the private DNS zone of Azure Cache for Redis \(got "privatelink\.vaultcore\.azure\.net"\)/,
    );
  });
});
