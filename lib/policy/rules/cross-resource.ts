import { attr, defineRule, fail, isExpression, notApplicable, pass, PolicyContext, PolicyResource, PolicyRule, RuleOutcome, strings } from "../rule";

/**
 * Services that should be reached through a private endpoint, with the condition under which the SKU can have one.
 * PostgreSQL flexible server is private through VNet integration (a delegated subnet) instead.
 */
const PRIVATE_SERVICES: Readonly<Record<string, (r: PolicyResource) => string | undefined>> = {
  azurerm_key_vault: () => undefined,
  azurerm_storage_account: () => undefined,
  azurerm_redis_cache: () => undefined,
  azurerm_eventgrid_topic: () => undefined,
  azurerm_postgresql_flexible_server: () => undefined,
  azurerm_servicebus_namespace: (r) => (r.config.sku === "Premium" ? undefined : `a ${String(r.config.sku)} namespace cannot have private endpoints (Premium only)`),
  azurerm_eventhub_namespace: (r) => (r.config.sku === "Basic" ? "a Basic namespace cannot have private endpoints" : undefined),
  azurerm_container_registry: (r) => (r.config.sku === "Premium" ? undefined : `a ${String(r.config.sku)} registry cannot have private endpoints (Premium only)`),
};

/** Resources that emit resource logs, and the sub-resource whose logs matter where that is not the resource itself. */
const DIAGNOSTIC_TARGETS: Readonly<Record<string, string | undefined>> = {
  azurerm_kubernetes_cluster: undefined,
  azurerm_key_vault: undefined,
  azurerm_storage_account: "/blobServices/default",
  azurerm_redis_cache: undefined,
  azurerm_postgresql_flexible_server: undefined,
  azurerm_servicebus_namespace: undefined,
  azurerm_eventhub_namespace: undefined,
  azurerm_eventgrid_topic: undefined,
  azurerm_eventgrid_system_topic: undefined,
  azurerm_container_registry: undefined,
  azurerm_cdn_frontdoor_profile: undefined,
  azurerm_dashboard_grafana: undefined,
  azurerm_network_security_group: undefined,
  azurerm_public_ip: undefined,
};

/** Resources that hold data or identity and must not disappear with a `terraform destroy` or a portal click. */
const STATEFUL = ["azurerm_key_vault", "azurerm_storage_account", "azurerm_redis_cache", "azurerm_postgresql_flexible_server", "azurerm_servicebus_namespace", "azurerm_eventhub_namespace", "azurerm_container_registry"];

/** Built-in roles that can change anything, or grant access to anything, in their scope. */
const PRIVILEGED_ROLE_NAMES = new Set(["owner", "contributor", "user access administrator", "role based access control administrator"]);
const PRIVILEGED_ROLE_IDS = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"];

function diagnosticsFor(resource: PolicyResource, context: PolicyContext): RuleOutcome {
  const subResource = DIAGNOSTIC_TARGETS[resource.type];
  const settings = context.referrersOf(resource, "azurerm_monitor_diagnostic_setting").filter((s) => {
    const target = s.config.target_resource_id;
    return typeof target === "string" && target.includes(`${resource.address}.id`) && (subResource === undefined || target.endsWith(subResource));
  });
  if (settings.length > 0) return pass();
  return fail(subResource ? `no diagnostic setting targets its ${subResource.slice(1)} logs` : "no diagnostic setting targets it");
}

/** Rules that look across resources: private endpoints, diagnostic settings, deletion locks, role assignments. */
export const CROSS_RESOURCE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-X-001",
    resourceTypes: Object.keys(PRIVATE_SERVICES),
    severity: "error",
    title: "Each private service has a private endpoint (PostgreSQL: VNet integration)",
    description: "A data service without a private endpoint is either public or unreachable; with one, traffic stays on the virtual network and the public endpoint can be closed.",
    fix: "the construct's privateEndpoint placement (network and privatelink DNS zone), which creates an azurerm_private_endpoint for the resource; for PostgreSQL, delegated_subnet_id",
    scannerEquivalent: ["CKV2_AZURE_32", "CKV2_AZURE_33", "CKV2_AZURE_57"],
    scannerNote: "CKV2_AZURE_32 (Key Vault), CKV2_AZURE_33 (storage) and CKV2_AZURE_57 (PostgreSQL flexible) cover one type each; CKV2_AZURE_57 fails VNet-integrated servers, which cannot have private endpoints.",
    check: (r, ctx) => {
      const unsupported = PRIVATE_SERVICES[r.type]?.(r);
      if (unsupported) return notApplicable(unsupported);
      if (r.type === "azurerm_postgresql_flexible_server" && r.config.delegated_subnet_id !== undefined) return pass("VNet-integrated through a delegated subnet");
      if (r.type === "azurerm_redis_cache" && r.config.subnet_id !== undefined) return pass("VNet-injected");
      return ctx.referrersOf(r, "azurerm_private_endpoint").length > 0 ? pass() : fail("no azurerm_private_endpoint connects to it in this stack");
    },
  }),
  defineRule({
    id: "AZ-X-002",
    resourceTypes: Object.keys(DIAGNOSTIC_TARGETS),
    severity: "warning",
    title: "Each resource that emits resource logs sends them to Log Analytics (diagnostic settings)",
    description: "Resource logs (audit, data-plane access, control-plane operations) exist only if a diagnostic setting collects them; without them an incident has no evidence.",
    fix: "a DiagnosticSettings construct targeting the resource (the service constructs add one when given logAnalytics); for storage, target the blob service",
    check: (r, ctx) => diagnosticsFor(r, ctx),
  }),
  defineRule({
    id: "AZ-X-003",
    resourceTypes: STATEFUL,
    severity: "warning",
    title: "Stateful resources are protected against deletion (CanNotDelete lock or prevent_destroy)",
    description: "A mistaken `terraform destroy`, a renamed construct or a portal click deletes the data with the resource.",
    fix: "protect: true on the construct (lifecycle.prevent_destroy and an azurerm_management_lock with lock_level CanNotDelete)",
    check: (r, ctx) => {
      if (attr(r.config, "lifecycle.prevent_destroy") === true) return pass();
      const locks = ctx.referrersOf(r, "azurerm_management_lock").filter((l) => ["CanNotDelete", "ReadOnly"].includes(String(l.config.lock_level)));
      return locks.length > 0 ? pass() : fail("neither lifecycle.prevent_destroy nor a delete lock");
    },
  }),
  defineRule({
    id: "AZ-X-004",
    resourceTypes: ["azurerm_role_assignment"],
    severity: "error",
    title: "The platform grants no Owner, Contributor or access-administration roles",
    description: "Broad built-in roles give a workload or a pipeline rights far beyond its job, including granting itself more.",
    fix: "a least-privilege built-in role for the task (AcrPull, Key Vault Secrets User, Storage Blob Data Reader, …) through the constructs' grant helpers",
    check: (r) => {
      const name = r.config.role_definition_name;
      if (typeof name === "string" && !isExpression(name)) return PRIVILEGED_ROLE_NAMES.has(name.toLowerCase()) ? fail(`role ${name}`) : pass();
      const id = r.config.role_definition_id;
      if (typeof id === "string" && !isExpression(id)) return PRIVILEGED_ROLE_IDS.some((g) => id.toLowerCase().endsWith(g)) ? fail(`role definition ${id}`) : pass();
      return notApplicable("the role is known only at apply time");
    },
  }),
  defineRule({
    id: "AZ-X-005",
    resourceTypes: ["azurerm_federated_identity_credential"],
    severity: "warning",
    title: "Federated credentials trust one exact subject for Entra ID token exchange",
    description: "A wildcard subject or another audience lets more workloads, or other token consumers, act as the identity.",
    fix: 'audience = ["api://AzureADTokenExchange"], subject = "system:serviceaccount:<namespace>:<name>" (Microservice sets both)',
    check: (r) => {
      const audience = strings(r.config.audience);
      if (audience.length !== 1 || audience[0] !== "api://AzureADTokenExchange") return fail(`audience is ${JSON.stringify(audience)}`);
      const subject = r.config.subject;
      if (isExpression(subject)) return notApplicable("the subject is known only at apply time");
      return typeof subject === "string" && subject.length > 0 && !subject.includes("*") ? pass() : fail(`subject is ${JSON.stringify(subject)}`);
    },
  }),
];
