import { ValidationError } from "../../core/errors";
import type { PolicyRule } from "../rule";
import { AKS_RULES } from "./aks";
import { CROSS_RESOURCE_RULES } from "./cross-resource";
import { DATA_RULES } from "./data";
import { EDGE_RULES } from "./edge";
import { KUBERNETES_RULES } from "./kubernetes";
import { MESSAGING_RULES } from "./messaging";
import { NETWORK_RULES } from "./network";
import { OBSERVABILITY_RULES } from "./observability";
import { SECURITY_RULES } from "./security";

export { AKS_RULES, CROSS_RESOURCE_RULES, DATA_RULES, EDGE_RULES, KUBERNETES_RULES, MESSAGING_RULES, NETWORK_RULES, OBSERVABILITY_RULES, SECURITY_RULES };

/** Fails on two rules with one ID: suppressions and reports name rules by ID. */
export function assertUniqueRuleIds(rules: readonly PolicyRule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) throw new ValidationError("policy.rules", "has two rules with one ID", rule.id, "give every rule its own ID");
    seen.add(rule.id);
  }
}

/** Every rule of the library's pack, sorted by ID. */
export const DEFAULT_RULES: readonly PolicyRule[] = (() => {
  const rules = [...AKS_RULES, ...DATA_RULES, ...SECURITY_RULES, ...MESSAGING_RULES, ...EDGE_RULES, ...NETWORK_RULES, ...OBSERVABILITY_RULES, ...KUBERNETES_RULES, ...CROSS_RESOURCE_RULES].sort((a, b) => compareRuleIds(a.id, b.id));
  assertUniqueRuleIds(rules);
  return Object.freeze(rules);
})();

/** Orders rule IDs by area, then number. */
export function compareRuleIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Resource types the library emits that no rule checks, each with the reason none is needed. Together with the rules'
 * resource types this covers every type the default environments synthesize (a test keeps it so).
 */
export const TYPES_WITHOUT_RULES: Readonly<Record<string, string>> = {
  azurerm_resource_group: "a container; its contents are checked",
  azurerm_user_assigned_identity: "no security settings of its own; its role assignments (AZ-X-004) and federated credentials (AZ-X-005) are checked",
  azurerm_management_lock: "it is the protection AZ-X-003 looks for",
  azurerm_private_dns_zone: "no settings beyond its name; its virtual network links are checked (AZ-NET-008)",
  azurerm_subnet_network_security_group_association: "it is the association AZ-NET-003 looks for",
  azurerm_monitor_data_collection_endpoint: "the metrics ingestion endpoint, reached with the cluster's managed identity; its exposure follows the Azure Monitor workspace (AZ-MON-005)",
  azurerm_monitor_data_collection_rule: "routes metrics and logs between Azure resources; no exposure of its own",
  azurerm_monitor_data_collection_rule_association: "links a rule to the cluster; no settings of its own",
  azurerm_monitor_alert_prometheus_rule_group: "recording and alert rules; no security or resilience settings",
  azurerm_postgresql_flexible_server_active_directory_administrator: "grants an Entra ID principal admin on the server; the server's authentication is checked (AZ-PG-004)",
  azurerm_postgresql_flexible_server_database: "a database name and collation; no settings of its own",
  azurerm_eventhub_consumer_group: "a consumer group name; no settings of its own",
  azurerm_redis_cache_access_policy_assignment: "a data access grant to one principal, limited by the built-in policy it names",
  azurerm_monitor_action_group: "who alerts notify; no exposure or resilience of its own",
  azurerm_monitor_metric_alert: "an alert on metrics other resources emit; no exposure or resilience of its own",
  kubernetes_storage_class_v1: "provisioning parameters (disk SKU, reclaim policy) with no security setting; the volumes' pods are checked",
  azurerm_cdn_frontdoor_custom_domain_association: "links custom domains to routes; the routes (AZ-FD-001, AZ-FD-003) and the domains (AZ-FD-005) are checked",
  azurerm_cdn_frontdoor_endpoint: "a host name under azurefd.net; the routes that serve it are checked (AZ-FD-001, AZ-FD-003)",
  azurerm_cdn_frontdoor_origin_group: "health probe and load-balancing settings with no insecure value; its origins are checked (AZ-FD-006)",
  azurerm_cdn_frontdoor_rule: "cache and header actions on routes already checked for HTTPS and WAF",
  azurerm_cdn_frontdoor_rule_set: "a container of rules; no settings of its own",
  azurerm_cdn_frontdoor_security_policy: "it is the WAF attachment AZ-FD-001 looks for",
};
