import { Construct } from "constructs";
import * as ipaddr from "ipaddr.js";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { cidrsOverlap, parseCidr } from "../core/cidr";
import { ValidationError } from "../core/errors";
import { IPrincipal } from "../core/grants";
import { PrivateEndpointPlacement } from "../network/private-endpoint";
import { GUID_PATTERN, isUnresolved, validatePattern, validateUnique } from "../core/validate";

/**
 * Helpers the data-service constructs share for their public-endpoint firewalls (IP and virtual-network rules) and for
 * naming the role assignments their `grant…` methods create.
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

const GRANT_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * A stable construct id for the role assignment of `principal`, so the Terraform address of a grant does not depend on
 * the order grants are made in. Taken from, in order: the `id` given, the principal's construct (a
 * `UserAssignedIdentity`), or a literal object ID. Fails when none applies (an object ID only known at apply time, on
 * an object that is not a construct): pass `id` then.
 */
export function grantKey(path: string, principal: IPrincipal, id?: string): string {
  if (id !== undefined) {
    return validatePattern(`${path}.id`, id, GRANT_ID, "use 1-64 letters, digits, hyphens and underscores, starting with a letter")!;
  }
  if (Construct.isConstruct(principal)) {
    return `${principal.node.id.replace(/[^A-Za-z0-9_-]/g, "")}-${principal.node.addr.slice(0, 8)}`;
  }
  const principalId = principal.principalId;
  if (typeof principalId === "string" && !isUnresolved(principalId) && GUID_PATTERN.test(principalId)) {
    return principalId.toLowerCase();
  }
  throw new ValidationError(
    `${path}.principal`,
    isUnresolved(principalId) ? "is only known at apply time and is not a construct, so the grant has no stable id" : "has no valid object ID",
    isUnresolved(principalId) ? "an unresolved token" : principalId,
    "pass the identity construct itself, a literal object ID (a GUID), or options.id",
  );
}

/**
 * Fails when a private-endpoint placement's DNS zone is not the zone the service registers in (`expected`, one of
 * `PRIVATE_DNS_ZONE_NAMES`): an endpoint registered in another service's zone resolves nowhere.
 */
export function validatePrivateDnsZone(path: string, placement: PrivateEndpointPlacement, expected: string): void {
  const zoneName = placement.dnsZone.zone.nameInput;
  if (zoneName !== undefined && !isUnresolved(zoneName) && zoneName !== expected) {
    throw new ValidationError(path, "is not the private DNS zone of this service", zoneName, `use a PrivateDnsZone named "${expected}"`);
  }
}
