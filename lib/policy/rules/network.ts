import * as ipaddr from "ipaddr.js";
import { attr, blocks, defineRule, expectBool, fail, isExpression, notApplicable, pass, PolicyResource, PolicyRule, RuleOutcome, strings } from "../rule";

/** Source prefixes that mean "anyone on the internet". */
const INTERNET = new Set(["*", "0.0.0.0", "0.0.0.0/0", "internet", "any", "::/0"]);
/** Subnets Azure manages itself, which take no NSG (or must not have one). */
const NSG_EXEMPT_SUBNETS = new Set(["gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet", "routeserversubnet"]);

interface NsgRule {
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** The security rules of an NSG (inline `security_rule` blocks) or a standalone rule. */
function securityRules(resource: PolicyResource): NsgRule[] {
  if (resource.type === "azurerm_network_security_rule") return [{ name: String(resource.config.name), config: resource.config as Record<string, unknown> }];
  return blocks(resource.config.security_rule).map((rule) => ({ name: String(rule.name), config: rule }));
}

function inboundAllowFromInternet(rule: Record<string, unknown>): boolean {
  const direction = String(rule.direction ?? "").toLowerCase();
  const access = String(rule.access ?? "").toLowerCase();
  if (direction !== "inbound" || access !== "allow") return false;
  const sources = [...strings(rule.source_address_prefix), ...strings(rule.source_address_prefixes)];
  return sources.some((s) => INTERNET.has(s.toLowerCase()));
}

/** Whether the rule's destination ports include `port` (`*` includes every port). */
function coversPort(rule: Record<string, unknown>, port: number | "*"): boolean {
  const ranges = [...strings(rule.destination_port_range), ...strings(rule.destination_port_ranges)];
  return ranges.some((range) => {
    if (range === "*") return true;
    if (port === "*") return range === "0-65535";
    const [low, high = low] = range.split("-").map(Number);
    return port >= low && port <= high;
  });
}

function checkRules(resource: PolicyResource, offends: (rule: Record<string, unknown>) => boolean, what: string): RuleOutcome {
  const rules = securityRules(resource);
  if (rules.length === 0) return notApplicable("no inline security rules");
  const offending = rules.filter((r) => offends(r.config)).map((r) => r.name);
  return offending.length === 0 ? pass() : fail(`rule ${offending.join(", ")} ${what}`);
}

const NSG_TYPES = ["azurerm_network_security_group", "azurerm_network_security_rule"];

/** Rules for network security groups, subnets, public IPs and private endpoints. */
export const NETWORK_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-NET-001",
    resourceTypes: NSG_TYPES,
    severity: "error",
    title: "SSH (22) and RDP (3389) are not open to the internet",
    description: "Management ports open to the internet are scanned within minutes and brute-forced around the clock.",
    fix: "restrict the rule's source to a management range, or reach nodes through Azure Bastion or `kubectl debug`",
    scannerEquivalent: ["CKV_AZURE_10", "CKV_AZURE_9", "AVD-AZU-0050", "AVD-AZU-0048"],
    check: (r) => checkRules(r, (rule) => inboundAllowFromInternet(rule) && (coversPort(rule, 22) || coversPort(rule, 3389)), "allows SSH or RDP from the internet"),
  }),
  defineRule({
    id: "AZ-NET-002",
    resourceTypes: NSG_TYPES,
    severity: "error",
    title: "No rule allows every port from the internet",
    description: "An any-port rule from the internet exposes every listening service behind the NSG.",
    fix: "name the ports the service needs (e.g. 443) in destination_port_ranges",
    scannerEquivalent: ["AVD-AZU-0047"],
    check: (r) => checkRules(r, (rule) => inboundAllowFromInternet(rule) && coversPort(rule, "*"), "allows every port from the internet"),
  }),
  defineRule({
    id: "AZ-NET-003",
    resourceTypes: ["azurerm_subnet"],
    severity: "warning",
    title: "Every subnet has a network security group",
    description: "A subnet without an NSG has no inbound filtering beyond Azure's defaults, which allow all traffic within the virtual network.",
    fix: "an azurerm_subnet_network_security_group_association for the subnet (VirtualNetwork creates one NSG per subnet)",
    scannerEquivalent: ["CKV2_AZURE_31"],
    check: (r, ctx) => {
      if (typeof r.config.name === "string" && NSG_EXEMPT_SUBNETS.has(r.config.name.toLowerCase())) return notApplicable(`${r.config.name} is managed by Azure`);
      return ctx.referrersOf(r, "azurerm_subnet_network_security_group_association").length > 0 ? pass() : fail("no NSG is associated with the subnet");
    },
  }),
  defineRule({
    id: "AZ-NET-004",
    resourceTypes: ["azurerm_subnet"],
    severity: "warning",
    title: "Default outbound access is disabled",
    description: "Default outbound access gives VMs an implicit, shared, unpredictable public IP; Azure retires it for new virtual networks.",
    fix: "default_outbound_access_enabled = false with explicit egress (load balancer outbound rules or a NAT gateway)",
    check: (r) => expectBool(r.config, "default_outbound_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-NET-005",
    resourceTypes: ["azurerm_public_ip"],
    severity: "warning",
    title: "Public IPs are Standard SKU and zone-redundant",
    description: "Basic public IPs are retired; a zonal or non-zonal address fails with its zone.",
    fix: 'sku = "Standard" with zones = ["1", "2", "3"] (StaticPublicIp sets both)',
    check: (r) => {
      if (r.config.sku !== undefined && r.config.sku !== "Standard") return fail(`sku is ${JSON.stringify(r.config.sku)}`);
      if (r.config.sku_tier === "Global") return pass();
      const zones = strings(r.config.zones);
      return zones.length >= 2 ? pass() : fail(`zones is ${JSON.stringify(zones)}`);
    },
  }),
  defineRule({
    id: "AZ-NET-006",
    resourceTypes: ["azurerm_private_endpoint"],
    severity: "warning",
    title: "Private endpoints register in a private DNS zone and connect without manual approval",
    description: "Without a DNS zone group clients resolve the service's public address and bypass the endpoint; manual connections stay pending.",
    fix: "private_dns_zone_group { private_dns_zone_ids } and private_service_connection { is_manual_connection = false } (PrivateEndpoint sets both)",
    check: (r) => {
      if (strings(attr(r.config, "private_dns_zone_group.private_dns_zone_ids")).length === 0) return fail("private_dns_zone_group is not set");
      const manual = attr(r.config, "private_service_connection.is_manual_connection");
      if (isExpression(manual)) return notApplicable("is_manual_connection is known only at apply time");
      return manual === true ? fail("private_service_connection.is_manual_connection is true") : pass();
    },
  }),
  defineRule({
    id: "AZ-NET-007",
    resourceTypes: ["azurerm_virtual_network"],
    severity: "error",
    title: "Address spaces are private (RFC 1918 or shared 100.64.0.0/10)",
    description: "A public range in a virtual network shadows that part of the internet: traffic to it stays inside and silently breaks.",
    fix: 'address_space inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10 (e.g. VirtualNetwork addressSpace "10.10.0.0/16")',
    check: (r) => {
      const spaces = strings(r.config.address_space);
      if (spaces.some(isExpression)) return notApplicable("the address space is known only at apply time");
      const outside = spaces.filter((cidr) => !isPrivateCidr(cidr));
      return outside.length === 0 ? pass() : fail(`address_space ${outside.join(", ")} is not private`);
    },
  }),
  defineRule({
    id: "AZ-NET-008",
    resourceTypes: ["azurerm_private_dns_zone_virtual_network_link"],
    severity: "warning",
    title: "Private Link DNS zones do not auto-register VM records",
    description: "Auto-registration writes every VM's name into the zone, where it can shadow or collide with the service records Private Link manages.",
    fix: "registration_enabled = false on links of privatelink.* zones (PrivateDnsZone links without registration)",
    check: (r) => {
      const zone = r.config.private_dns_zone_name;
      if (typeof zone === "string" && !isExpression(zone) && !zone.startsWith("privatelink.")) return notApplicable("not a Private Link zone");
      return expectBool(r.config, "registration_enabled", false, false);
    },
  }),
];

/** The private (RFC 1918) and shared (RFC 6598) IPv4 ranges a virtual network may use. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map((cidr) => ipaddr.IPv4.parseCIDR(cidr));

/** Whether an IPv4 CIDR lies inside one of {@link PRIVATE_RANGES}. */
function isPrivateCidr(cidr: string): boolean {
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(cidr)) return false;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(cidr);
  return PRIVATE_RANGES.some((range) => prefix >= range[1] && address.match(range));
}
