import * as ipaddr from "ipaddr.js";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { cidrsOverlap, parseCidr } from "../core/cidr";
import { ValidationError } from "../core/errors";
import { isUnresolved, validateUnique } from "../core/validate";

/**
 * Helpers the data-service constructs share for their public-endpoint firewalls (IP and virtual-network rules).
 */

/** The RFC 1918 private ranges: Azure service firewalls match public client addresses only. */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((block) => parseCidr("rfc1918", block));

/** Options for {@link validateFirewallIpRules}. */
export interface FirewallIpRuleOptions {
  /**
   * Reject `/31` and `/32` blocks, for services that want a single address written bare (Azure Storage).
   * @default false
   */
  readonly rejectHostPrefixes?: boolean;
  /**
   * Return single addresses as `/32` blocks, for services whose API echoes them that way (Key Vault), so plans stay
   * clean (hashicorp/terraform-provider-azurerm#2164).
   * @default false
   */
  readonly hostsAsCidr?: boolean;
}

/**
 * Checks the IP rules of a service firewall: each entry a public IPv4 address (`203.0.113.5`) or block
 * (`203.0.113.0/24`), never a private (RFC 1918) range, which the public endpoint never sees, nor `0.0.0.0/0`, and no
 * entry twice. Returns the rules (single addresses as `/32` with `hostsAsCidr`). Unresolved tokens are skipped.
 */
export function validateFirewallIpRules(path: string, rules: readonly string[], options: FirewallIpRuleOptions = {}): string[] {
  if (isUnresolved(rules)) return [...rules];
  const blocks = rules.map((rule, i) => {
    const at = `${path}[${i}]`;
    if (isUnresolved(rule)) return rule;
    const bare = typeof rule === "string" && !rule.includes("/");
    if (typeof rule !== "string" || (bare && !ipaddr.IPv4.isValidFourPartDecimal(rule))) {
      throw new ValidationError(at, "is not an IPv4 address or CIDR block", rule, 'use an address such as "203.0.113.5" or a block such as "203.0.113.0/24"');
    }
    const block = parseCidr(at, bare ? `${rule}/32` : rule);
    if (block.prefix === 0) {
      throw new ValidationError(at, "opens the firewall to the whole internet", rule, "list specific public ranges, or reach the service through its private endpoint");
    }
    if (PRIVATE_RANGES.some((range) => cidrsOverlap(range, block))) {
      throw new ValidationError(at, "is or overlaps a private (RFC 1918) range, which a service firewall never sees", rule, "list public client addresses; reach the service from private networks through its private endpoint");
    }
    if (!bare && options.rejectHostPrefixes && block.prefix >= 31) {
      throw new ValidationError(at, "uses a /31 or /32 prefix, which Azure Storage rejects", rule, `write single addresses bare, e.g. "${rule.split("/")[0]}"`);
    }
    return block.text;
  });
  // "203.0.113.5" and "203.0.113.5/32" are one rule to Azure.
  validateUnique(path, blocks);
  return rules.map((rule, i) => (options.hostsAsCidr ? blocks[i] : rule));
}

/**
 * Checks that every subnet given to a service firewall has the service endpoint the firewall rule needs (Azure rejects
 * a virtual-network rule for a subnet without it). `serviceEndpoints` lists the endpoint names that qualify, e.g.
 * `["Microsoft.KeyVault"]`. Subnets whose endpoints are unresolved tokens are skipped. Returns the subnet IDs.
 */
export function validateFirewallSubnets(path: string, subnets: readonly Subnet[], serviceEndpoints: readonly string[]): string[] {
  subnets.forEach((subnet, i) => {
    const endpoints = subnet.serviceEndpointsInput;
    if (endpoints !== undefined && isUnresolved(endpoints)) return;
    if (!(endpoints ?? []).some((endpoint) => serviceEndpoints.includes(endpoint))) {
      throw new ValidationError(
        `${path}[${i}]`,
        `has no ${serviceEndpoints.join(" or ")} service endpoint, so Azure rejects the network rule`,
        subnet.nameInput ?? subnet.node.path,
        `add "${serviceEndpoints[0]}" to the subnet's serviceEndpoints, or reach the service through its private endpoint`,
      );
    }
  });
  validateUnique(path, subnets, (subnet) => subnet.node.path);
  return subnets.map((subnet) => subnet.id);
}

/**
 * Fails when firewall rules are given while the service's public network access is off: the public endpoint is then
 * closed to every client, so the rules would silently do nothing.
 */
export function validateFirewallNeedsPublicAccess(path: string, publicNetworkAccessEnabled: boolean, ipRules: readonly string[], subnets: readonly Subnet[]): void {
  if (publicNetworkAccessEnabled) return;
  if (ipRules.length > 0) {
    throw new ValidationError(`${path}.allowedIpRanges`, "has no effect while public network access is disabled", ipRules, "set publicNetworkAccessEnabled to true, or reach the service through its private endpoint");
  }
  if (subnets.length > 0) {
    throw new ValidationError(`${path}.allowedSubnets`, "has no effect while public network access is disabled", subnets.map((s) => s.nameInput ?? s.node.path), "set publicNetworkAccessEnabled to true, or reach the service through its private endpoint");
  }
}
