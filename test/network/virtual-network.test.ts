import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { VirtualNetwork as AzVirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { TerraformOutput, TerraformResource, TerraformStack, Testing } from "cdktf";
import { ValidationError } from "../../lib/core/errors";
import { SUBNET_ROLES, SubnetRole, VirtualNetwork, VirtualNetworkProps } from "../../lib/network/virtual-network";
import { expectValidationError, resourceList, resourceNamed, resourcesOf, testStack } from "./fixtures";

function build(props: Partial<VirtualNetworkProps> = {}): { network: VirtualNetwork; stack: TerraformStack; synth: () => string } {
  const { stack, resourceGroup, namer } = testStack();
  const network = new VirtualNetwork(stack, "Network", { resourceGroup, namer, addressSpace: "10.10.0.0/16", ...props });
  return { network, stack, synth: () => Testing.synth(stack) };
}

function synth(props: Partial<VirtualNetworkProps> = {}): string {
  return build(props).synth();
}

/** The synthesized reference to an attribute of a resource, e.g. `${azurerm_subnet.Network_UserNodesSubnet_4F9CC4F2.id}`. */
function ref(resource: TerraformResource, attribute: string): string {
  return `\${${resource.terraformResourceType}.${TerraformStack.of(resource).getLogicalId(resource)}.${attribute}}`;
}

const SUBNET_NAMES: Record<SubnetRole, string> = {
  systemNodes: "snet-shop-system-prod-weu",
  userNodes: "snet-shop-user-prod-weu",
  privateEndpoints: "snet-shop-pe-prod-weu",
  gateway: "snet-shop-gw-prod-weu",
  database: "snet-shop-db-prod-weu",
};

const NSG_NAMES: Record<SubnetRole, string> = {
  systemNodes: "nsg-shop-system-prod-weu",
  userNodes: "nsg-shop-user-prod-weu",
  privateEndpoints: "nsg-shop-pe-prod-weu",
  gateway: "nsg-shop-gw-prod-weu",
  database: "nsg-shop-db-prod-weu",
};

describe("VirtualNetwork", () => {
  test("synthesizes the default network", () => {
    expect(synth()).toMatchSnapshot();
  });

  describe("network", () => {
    test("names the network with the namer", () => {
      expect(synth()).toHaveResourceWithProperties(AzVirtualNetwork, { name: "vnet-shop-prod-weu" });
    });

    test("places the network in the resource group and its location", () => {
      expect(synth()).toHaveResourceWithProperties(AzVirtualNetwork, {
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        location: "${azurerm_resource_group.ResourceGroup.location}",
      });
    });

    test("uses the address space", () => {
      expect(synth()).toHaveResourceWithProperties(AzVirtualNetwork, { address_space: ["10.10.0.0/16"] });
    });

    test("exposes the address space, name and id", () => {
      const { network, stack, synth: run } = build();
      new TerraformOutput(stack, "network_id", { value: network.id });
      expect(network.addressSpace).toBe("10.10.0.0/16");
      expect(network.name).toBe("vnet-shop-prod-weu");
      expect(JSON.parse(run()).output.network_id.value).toBe(ref(network.network, "id"));
    });

    test("uses Azure-provided DNS by default", () => {
      const [vnet] = resourceList(synth(), "azurerm_virtual_network");
      expect(vnet).not.toHaveProperty("dns_servers");
    });

    test("sets custom DNS servers", () => {
      expect(synth({ dnsServers: ["10.0.0.4", "10.0.0.5"] })).toHaveResourceWithProperties(AzVirtualNetwork, { dns_servers: ["10.0.0.4", "10.0.0.5"] });
    });

    test("has no DDoS protection plan by default", () => {
      const [vnet] = resourceList(synth(), "azurerm_virtual_network");
      expect(vnet).not.toHaveProperty("ddos_protection_plan");
    });

    test("enables a DDoS protection plan", () => {
      const planId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.Network/ddosProtectionPlans/ddos-hub";
      expect(synth({ ddosProtectionPlanId: planId })).toHaveResourceWithProperties(AzVirtualNetwork, { ddos_protection_plan: { id: planId, enable: true } });
    });

    test("uses a name override", () => {
      expect(synth({ name: "vnet-shared-weu" })).toHaveResourceWithProperties(AzVirtualNetwork, { name: "vnet-shared-weu" });
    });
  });

  describe("subnet plan", () => {
    const plan16: Record<SubnetRole, string> = {
      userNodes: "10.10.0.0/20",
      systemNodes: "10.10.16.0/22",
      privateEndpoints: "10.10.20.0/24",
      gateway: "10.10.21.0/24",
      database: "10.10.22.0/24",
    };
    const plan20: Record<SubnetRole, string> = {
      userNodes: "10.20.0.0/24",
      systemNodes: "10.20.1.0/26",
      privateEndpoints: "10.20.1.64/28",
      gateway: "10.20.1.80/28",
      database: "10.20.1.96/28",
    };

    test("creates one subnet per role", () => {
      expect(resourceList(synth(), "azurerm_subnet").map((s) => s.name).sort()).toEqual(Object.values(SUBNET_NAMES).sort());
    });

    test.each(SUBNET_ROLES.map((role) => [role]))("carves the %s subnet from a /16", (role) => {
      expect(synth()).toHaveResourceWithProperties(Subnet, { name: SUBNET_NAMES[role], address_prefixes: [plan16[role]] });
    });

    test.each(SUBNET_ROLES.map((role) => [role]))("carves the %s subnet from a /20", (role) => {
      expect(synth({ addressSpace: "10.20.0.0/20" })).toHaveResourceWithProperties(Subnet, { name: SUBNET_NAMES[role], address_prefixes: [plan20[role]] });
    });

    test("reports the plan through subnet() and subnets", () => {
      const { network } = build();
      expect(network.subnets.map((s) => [s.role, s.cidr, s.name])).toEqual([
        ["userNodes", "10.10.0.0/20", SUBNET_NAMES.userNodes],
        ["systemNodes", "10.10.16.0/22", SUBNET_NAMES.systemNodes],
        ["privateEndpoints", "10.10.20.0/24", SUBNET_NAMES.privateEndpoints],
        ["gateway", "10.10.21.0/24", SUBNET_NAMES.gateway],
        ["database", "10.10.22.0/24", SUBNET_NAMES.database],
      ]);
      expect(network.subnet("database").cidr).toBe("10.10.22.0/24");
    });

    test("overrides one subnet's CIDR and keeps the rest of the plan", () => {
      const out = synth({ subnetCidrs: { database: "10.10.200.0/24" } });
      expect(out).toHaveResourceWithProperties(Subnet, { name: SUBNET_NAMES.database, address_prefixes: ["10.10.200.0/24"] });
      expect(out).toHaveResourceWithProperties(Subnet, { name: SUBNET_NAMES.userNodes, address_prefixes: ["10.10.0.0/20"] });
      expect(out).toHaveResourceWithProperties(Subnet, { name: SUBNET_NAMES.gateway, address_prefixes: ["10.10.21.0/24"] });
    });

    test("puts every subnet in the network", () => {
      const { network, synth: run } = build();
      for (const subnet of resourceList(run(), "azurerm_subnet")) {
        expect(subnet.virtual_network_name).toBe(ref(network.network, "name"));
        expect(subnet.resource_group_name).toBe("${azurerm_resource_group.ResourceGroup.name}");
      }
    });

    test("turns default outbound access off on every subnet", () => {
      const subnets = resourceList(synth(), "azurerm_subnet");
      expect(subnets).toHaveLength(5);
      for (const subnet of subnets) expect(subnet.default_outbound_access_enabled).toBe(false);
    });

    test("enables private endpoint network policies on the private-endpoint subnet", () => {
      expect(synth()).toHaveResourceWithProperties(Subnet, { name: SUBNET_NAMES.privateEndpoints, private_endpoint_network_policies: "Enabled" });
    });

    test("leaves private endpoint network policies at the provider default on the other subnets", () => {
      const others = resourceList(synth(), "azurerm_subnet").filter((s) => s.name !== SUBNET_NAMES.privateEndpoints);
      expect(others).toHaveLength(4);
      for (const subnet of others) expect(subnet).not.toHaveProperty("private_endpoint_network_policies");
    });

    test("delegates the database subnet to PostgreSQL flexible servers", () => {
      expect(synth()).toHaveResourceWithProperties(Subnet, {
        name: SUBNET_NAMES.database,
        delegation: [
          {
            name: "postgresql-flexible-server",
            service_delegation: { name: "Microsoft.DBforPostgreSQL/flexibleServers", actions: ["Microsoft.Network/virtualNetworks/subnets/join/action"] },
          },
        ],
      });
    });

    test("does not delegate the gateway subnet by default", () => {
      expect(resourceNamed(synth(), "azurerm_subnet", SUBNET_NAMES.gateway)).not.toHaveProperty("delegation");
    });

    test("delegates the gateway subnet to Application Gateway for Containers when asked", () => {
      expect(synth({ gatewaySubnetDelegation: "applicationGatewayForContainers" })).toHaveResourceWithProperties(Subnet, {
        name: SUBNET_NAMES.gateway,
        delegation: [{ name: "application-gateway-for-containers", service_delegation: { name: "Microsoft.ServiceNetworking/trafficControllers" } }],
      });
    });

    test("delegates no node or private-endpoint subnet", () => {
      const out = synth({ gatewaySubnetDelegation: "applicationGatewayForContainers" });
      for (const role of ["systemNodes", "userNodes", "privateEndpoints"] as const) {
        expect(resourceNamed(out, "azurerm_subnet", SUBNET_NAMES[role])).not.toHaveProperty("delegation");
      }
    });
  });

  describe("network security groups", () => {
    test.each(SUBNET_ROLES.map((role) => [role]))("creates an NSG for the %s subnet in the resource group", (role) => {
      expect(synth()).toHaveResourceWithProperties(NetworkSecurityGroup, {
        name: NSG_NAMES[role],
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test.each(SUBNET_ROLES.map((role) => [role]))("associates the %s subnet with its own NSG", (role) => {
      const { network, synth: run } = build();
      const planned = network.subnet(role);
      expect(run()).toHaveResourceWithProperties(SubnetNetworkSecurityGroupAssociation, {
        subnet_id: ref(planned.subnet, "id"),
        network_security_group_id: ref(planned.networkSecurityGroup, "id"),
      });
    });

    test("creates exactly one NSG and one association per subnet", () => {
      const out = synth();
      expect(resourceList(out, "azurerm_network_security_group")).toHaveLength(5);
      expect(resourceList(out, "azurerm_subnet_network_security_group_association")).toHaveLength(5);
    });

    test("allows PostgreSQL and PgBouncer into the database subnet from the node subnets", () => {
      const { network, synth: run } = build();
      expect(run()).toHaveResourceWithProperties(NetworkSecurityRule, {
        name: "AllowPostgresFromNodes",
        network_security_group_name: ref(network.subnet("database").networkSecurityGroup, "name"),
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        source_port_range: "*",
        source_address_prefixes: ["10.10.16.0/22", "10.10.0.0/20"],
        destination_address_prefix: "10.10.22.0/24",
        destination_port_ranges: ["5432", "6432"],
      });
    });

    test("allows PostgreSQL and PgBouncer within the database subnet, for high-availability replication", () => {
      const { network, synth: run } = build();
      expect(run()).toHaveResourceWithProperties(NetworkSecurityRule, {
        name: "AllowPostgresWithinSubnet",
        network_security_group_name: ref(network.subnet("database").networkSecurityGroup, "name"),
        priority: 110,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        source_address_prefix: "10.10.22.0/24",
        destination_address_prefix: "10.10.22.0/24",
        destination_port_ranges: ["5432", "6432"],
      });
    });

    test("allows the node subnets to reach the private endpoints", () => {
      const { network, synth: run } = build();
      expect(run()).toHaveResourceWithProperties(NetworkSecurityRule, {
        name: "AllowFromNodes",
        network_security_group_name: ref(network.subnet("privateEndpoints").networkSecurityGroup, "name"),
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "*",
        source_address_prefixes: ["10.10.16.0/22", "10.10.0.0/20"],
        destination_address_prefix: "10.10.20.0/24",
        destination_port_range: "*",
      });
    });

    test.each([["database", "10.10.22.0/24"], ["privateEndpoints", "10.10.20.0/24"]] as const)(
      "denies the rest of the network into the %s subnet at priority 4000",
      (role, cidr) => {
        const { network, synth: run } = build();
        expect(run()).toHaveResourceWithProperties(NetworkSecurityRule, {
          name: "DenyOtherVnetInbound",
          network_security_group_name: ref(network.subnet(role).networkSecurityGroup, "name"),
          priority: 4000,
          direction: "Inbound",
          access: "Deny",
          protocol: "*",
          source_address_prefix: "VirtualNetwork",
          destination_address_prefix: cidr,
          destination_port_range: "*",
        });
      },
    );

    test("follows overridden subnet CIDRs in the built-in rules", () => {
      const out = synth({ subnetCidrs: { systemNodes: "10.10.128.0/22", database: "10.10.200.0/24" } });
      expect(out).toHaveResourceWithProperties(NetworkSecurityRule, {
        name: "AllowPostgresFromNodes",
        source_address_prefixes: ["10.10.128.0/22", "10.10.0.0/20"],
        destination_address_prefix: "10.10.200.0/24",
      });
    });

    test("adds no rules to the node and gateway NSGs", () => {
      const rules = resourceList(synth(), "azurerm_network_security_rule");
      expect(rules.map((r) => r.name).sort()).toEqual(["AllowFromNodes", "AllowPostgresFromNodes", "AllowPostgresWithinSubnet", "DenyOtherVnetInbound", "DenyOtherVnetInbound"]);
      expect(rules.every((r) => r.destination_address_prefix === "10.10.22.0/24" || r.destination_address_prefix === "10.10.20.0/24")).toBe(true);
    });
  });

  describe("addInboundRule", () => {
    test("adds a TCP allow rule for one source and one port to the subnet's NSG", () => {
      const { network, synth: run } = build();
      network.addInboundRule("userNodes", "AllowHttpsFromInternet", { priority: 200, sourceAddressPrefix: "Internet", destinationPortRanges: ["443"] });
      expect(run()).toHaveResourceWithProperties(NetworkSecurityRule, {
        name: "AllowHttpsFromInternet",
        network_security_group_name: ref(network.subnet("userNodes").networkSecurityGroup, "name"),
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        priority: 200,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        source_port_range: "*",
        source_address_prefix: "Internet",
        destination_address_prefix: "10.10.0.0/20",
        destination_port_range: "443",
      });
    });

    test("adds a rule with several sources, several ports, a protocol, an access and a description", () => {
      const { network, synth: run } = build();
      network.addInboundRule("gateway", "DenyDns", {
        priority: 300,
        sourceAddressPrefix: "10.50.0.0/24",
        additionalSourceAddressPrefixes: ["10.60.0.0/24"],
        destinationPortRanges: ["53", "5353"],
        protocol: "Udp",
        access: "Deny",
        description: "no DNS from the hubs",
      });
      expect(run()).toHaveResourceWithProperties(NetworkSecurityRule, {
        name: "DenyDns",
        network_security_group_name: ref(network.subnet("gateway").networkSecurityGroup, "name"),
        access: "Deny",
        protocol: "Udp",
        source_address_prefixes: ["10.50.0.0/24", "10.60.0.0/24"],
        destination_address_prefix: "10.10.21.0/24",
        destination_port_ranges: ["53", "5353"],
        description: "no DNS from the hubs",
      });
    });

    test("returns the rule", () => {
      const { network } = build();
      const rule = network.addInboundRule("userNodes", "AllowNodePorts", { priority: 210, sourceAddressPrefix: "AzureLoadBalancer", destinationPortRanges: ["30000-32767"] });
      expect(rule).toBeInstanceOf(NetworkSecurityRule);
      expect(rule.node.scope).toBe(network.subnet("userNodes").networkSecurityGroup);
    });
  });

  describe("validation", () => {
    test("fails when the address space is a /24, too small for the plan", () => {
      expectValidationError(() => build({ addressSpace: "10.10.0.0/24" }), 'network.addressSpace: has an unsupported size (got "10.10.0.0/24"); use a /8 to /20 block');
    });

    test("fails when the address space is larger than a /8", () => {
      expectValidationError(() => build({ addressSpace: "10.0.0.0/7" }), 'network.addressSpace: has an unsupported size (got "10.0.0.0/7"); use a /8 to /20 block');
    });

    test("fails when the address space is not a CIDR block", () => {
      expectValidationError(() => build({ addressSpace: "10.10.0.0" }), /^network\.addressSpace: is not a valid CIDR block \(got "10\.10\.0\.0"\)/);
    });

    test("fails when a subnet override lies outside the address space", () => {
      expectValidationError(
        () => build({ subnetCidrs: { database: "10.20.0.0/24" } }),
        'network.subnetCidrs.database: is not inside network.addressSpace (10.10.0.0/16) (got "10.20.0.0/24"); choose a block within 10.10.0.0/16',
      );
    });

    test("fails when a subnet override overlaps a planned subnet", () => {
      expectValidationError(
        () => build({ subnetCidrs: { database: "10.10.1.0/24" } }),
        'network.subnetCidrs.database: overlaps network.subnetCidrs.userNodes (10.10.0.0/20) (got "10.10.1.0/24"); choose address ranges that do not overlap',
      );
    });

    test("fails when two subnet overrides overlap each other", () => {
      expectValidationError(
        () => build({ subnetCidrs: { gateway: "10.10.100.0/24", database: "10.10.100.128/25" } }),
        'network.subnetCidrs.database: overlaps network.subnetCidrs.gateway (10.10.100.0/24) (got "10.10.100.128/25"); choose address ranges that do not overlap',
      );
    });

    test("fails when a subnet override names an unknown role", () => {
      expectValidationError(
        () => build({ subnetCidrs: { bastion: "10.10.100.0/24" } as unknown as VirtualNetworkProps["subnetCidrs"] }),
        /^network\.subnetCidrs: is not an allowed value \(got "bastion"\); use one of "systemNodes", "userNodes"/,
      );
    });

    test("fails when the gateway subnet is too small for Application Gateway for Containers", () => {
      expectValidationError(
        () => build({ addressSpace: "10.20.0.0/20", gatewaySubnetDelegation: "applicationGatewayForContainers" }),
        'network.subnetCidrs.gateway: is too small for Application Gateway for Containers (got "10.20.1.80/28"); use a /24 or larger block',
      );
    });

    test("fails when the gateway delegation is unknown", () => {
      expectValidationError(
        () => build({ gatewaySubnetDelegation: "appGateway" as never }),
        'network.gatewaySubnetDelegation: is not an allowed value (got "appGateway"); use one of "none", "applicationGatewayForContainers"',
      );
    });

    test("fails when a DNS server is not an IPv4 address", () => {
      expectValidationError(() => build({ dnsServers: ["10.0.0.4", "dns.example.com"] }), 'network.dnsServers[1]: has an invalid format (got "dns.example.com"); use an IPv4 address');
    });

    test("fails when a DNS server has an octet above 255", () => {
      expectValidationError(() => build({ dnsServers: ["10.0.0.300"] }), 'network.dnsServers[0]: has an invalid format (got "10.0.0.300"); use an IPv4 address');
    });

    test("fails when the network name breaks Azure's rule", () => {
      expectValidationError(() => build({ name: "vnet-" }), /^network\.name: is not a valid virtual_network name \(got "vnet-"\); Azure allows 2-64 characters/);
    });

    test("fails when an NSG rule priority is below 100", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("userNodes", "AllowHttps", { priority: 99, sourceAddressPrefix: "Internet", destinationPortRanges: ["443"] }),
        "network.subnets.userNodes.rules.AllowHttps.priority: is out of range (got 99); use 100 to 4096",
      );
    });

    test("fails when an NSG rule priority is above 4096", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("userNodes", "AllowHttps", { priority: 5000, sourceAddressPrefix: "Internet", destinationPortRanges: ["443"] }),
        "network.subnets.userNodes.rules.AllowHttps.priority: is out of range (got 5000); use 100 to 4096",
      );
    });

    test("fails when an NSG rule priority is already taken in the subnet's NSG", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("database", "AllowAdmin", { priority: 100, sourceAddressPrefix: "10.99.0.0/24", destinationPortRanges: ["5432"] }),
        'network.subnets.database.rules.AllowAdmin.priority: is already used by rule "AllowPostgresFromNodes" of this subnet\'s NSG (got 100); give every inbound rule its own priority',
      );
    });

    test("fails when an NSG rule name is already taken in the subnet's NSG", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("privateEndpoints", "DenyOtherVnetInbound", { priority: 3000, sourceAddressPrefix: "*", destinationPortRanges: ["*"] }),
        'network.subnets.privateEndpoints.rules.DenyOtherVnetInbound.name: is already used by another rule of this subnet\'s NSG (got "DenyOtherVnetInbound"); give every rule its own name',
      );
    });

    test("accepts the same priority on different subnets", () => {
      const { network, synth: run } = build();
      network.addInboundRule("userNodes", "AllowHttps", { priority: 100, sourceAddressPrefix: "Internet", destinationPortRanges: ["443"] });
      expect(run()).toHaveResourceWithProperties(NetworkSecurityRule, { name: "AllowHttps", priority: 100 });
    });

    test("fails when an NSG rule name has invalid characters", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("userNodes", "allow https", { priority: 200, sourceAddressPrefix: "Internet", destinationPortRanges: ["443"] }),
        `network.subnets.userNodes.rules.allow https.name: has an invalid format (got "allow https"); use 2-80 letters, digits, '.', '-' or '_'`,
      );
    });

    test("fails when an NSG rule has no ports", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("userNodes", "AllowNothing", { priority: 200, sourceAddressPrefix: "Internet", destinationPortRanges: [] }),
        "network.subnets.userNodes.rules.AllowNothing.destinationPortRanges: is empty (got []); name at least one port or range",
      );
    });

    test("fails when an NSG rule port is above 65535", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("userNodes", "AllowHigh", { priority: 200, sourceAddressPrefix: "Internet", destinationPortRanges: ["443", "70000"] }),
        "network.subnets.userNodes.rules.AllowHigh.destinationPortRanges[1]: is out of range (got 70000); use 0 to 65535",
      );
    });

    test("fails when an NSG rule port is not a port or range", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("userNodes", "AllowHttps", { priority: 200, sourceAddressPrefix: "Internet", destinationPortRanges: ["https"] }),
        'network.subnets.userNodes.rules.AllowHttps.destinationPortRanges[0]: has an invalid format (got "https"); use "*", a port such as "443" or a range such as "30000-32767"',
      );
    });

    test("fails when an NSG rule repeats a port", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("userNodes", "AllowHttps", { priority: 200, sourceAddressPrefix: "Internet", destinationPortRanges: ["443", "443"] }),
        'network.subnets.userNodes.rules.AllowHttps.destinationPortRanges[1]: repeats the entry at index 0 (got "443"); each entry must be unique',
      );
    });

    test("fails when an NSG rule targets an unknown subnet role", () => {
      const { network } = build();
      expectValidationError(
        () => network.addInboundRule("bastion" as SubnetRole, "AllowSsh", { priority: 200, sourceAddressPrefix: "Internet", destinationPortRanges: ["22"] }),
        /^network\.subnets: is not an allowed value \(got "bastion"\); use one of "systemNodes"/,
      );
    });

    test("creates nothing before failing", () => {
      const { stack, resourceGroup, namer } = testStack();
      expect(() => new VirtualNetwork(stack, "Network", { resourceGroup, namer, addressSpace: "10.10.0.0/24" })).toThrow(ValidationError);
      expect(resourcesOf(Testing.synth(stack), "azurerm_virtual_network")).toEqual({});
    });
  });
});
