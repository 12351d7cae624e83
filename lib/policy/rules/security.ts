import { attr, defineRule, expectBool, expectOneOf, fail, isExpression, notApplicable, pass, PolicyRule } from "../rule";

const VAULT = ["azurerm_key_vault"];
const REGISTRY = ["azurerm_container_registry"];

/** Rules for Key Vault and Azure Container Registry. */
export const SECURITY_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-KV-001",
    resourceTypes: VAULT,
    severity: "error",
    title: "Access is authorised with Azure RBAC, not access policies",
    description: "Access policies grant vault-wide permissions outside Azure RBAC, so they escape role reviews, PIM and deny assignments.",
    fix: "rbac_authorization_enabled = true (KeyVault sets it; the 3.x name enable_rbac_authorization is deprecated)",
    scannerNote: "No scanner checks this; azurerm 4.x renamed enable_rbac_authorization to rbac_authorization_enabled.",
    check: (r) => {
      const value = attr(r.config, "rbac_authorization_enabled") ?? attr(r.config, "enable_rbac_authorization");
      if (isExpression(value)) return notApplicable("rbac_authorization_enabled is known only at apply time");
      return value === true ? pass() : fail(`rbac_authorization_enabled is ${value === undefined ? "unset (access policies)" : JSON.stringify(value)}`);
    },
  }),
  defineRule({
    id: "AZ-KV-002",
    resourceTypes: VAULT,
    severity: "warning",
    title: "Purge protection is enabled",
    description: "Without purge protection a deleted vault and its keys can be purged at once, by mistake or by an attacker, and are gone for good.",
    fix: "purge_protection_enabled = true (KeyVault purgeProtectionEnabled; cannot be turned off again)",
    scannerEquivalent: ["CKV_AZURE_110", "CKV_AZURE_42", "AVD-AZU-0016"],
    check: (r) => expectBool(r.config, "purge_protection_enabled", true, false),
  }),
  defineRule({
    id: "AZ-KV-003",
    resourceTypes: VAULT,
    severity: "error",
    title: "Public network access is disabled",
    description: "A vault on the public endpoint exposes every secret to any network a token leaks to.",
    fix: "public_network_access_enabled = false with a private endpoint (KeyVault privateEndpoint)",
    scannerEquivalent: ["CKV_AZURE_189"],
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-KV-004",
    resourceTypes: VAULT,
    severity: "error",
    title: "The network ACL denies by default",
    description: "A default-allow ACL accepts requests from any network once public access is on.",
    fix: 'network_acls { default_action = "Deny", bypass = "AzureServices" } (KeyVault sets it)',
    scannerEquivalent: ["CKV_AZURE_109", "AVD-AZU-0013"],
    check: (r) => expectOneOf(r.config, "network_acls.default_action", ["Deny"]),
  }),
  defineRule({
    id: "AZ-ACR-001",
    resourceTypes: REGISTRY,
    severity: "error",
    title: "The admin user is disabled",
    description: "The admin user is a shared username and password with push rights to every repository.",
    fix: "admin_enabled = false (the azurerm default); grant AcrPull/AcrPush with Entra ID instead",
    scannerEquivalent: ["CKV_AZURE_137"],
    check: (r) => expectBool(r.config, "admin_enabled", false, false),
  }),
  defineRule({
    id: "AZ-ACR-002",
    resourceTypes: REGISTRY,
    severity: "error",
    title: "Anonymous pull is disabled",
    description: "Anonymous pull lets anyone on the internet download every image, and the secrets baked into them.",
    fix: "anonymous_pull_enabled = false (the azurerm default)",
    scannerEquivalent: ["CKV_AZURE_138"],
    check: (r) => expectBool(r.config, "anonymous_pull_enabled", false, false),
  }),
  defineRule({
    id: "AZ-ACR-003",
    resourceTypes: REGISTRY,
    severity: "warning",
    title: "Premium registries disable public network access",
    description: "A registry on the public endpoint serves images to any network a token leaks to; Premium registries can be private.",
    fix: "public_network_access_enabled = false with a private endpoint (Premium only)",
    scannerEquivalent: ["CKV_AZURE_139"],
    check: (r) => (r.config.sku !== "Premium" ? notApplicable("only Premium registries take private endpoints") : expectBool(r.config, "public_network_access_enabled", false, true)),
  }),
  defineRule({
    id: "AZ-ACR-004",
    resourceTypes: REGISTRY,
    severity: "warning",
    title: "Premium registries are zone-redundant",
    description: "A registry in one zone stops image pulls, and with them every new pod, when that zone fails.",
    fix: "zone_redundancy_enabled = true (Premium only; set at creation)",
    scannerEquivalent: ["CKV_AZURE_233"],
    check: (r) => (r.config.sku !== "Premium" ? notApplicable("only Premium registries are zone-redundant") : expectBool(r.config, "zone_redundancy_enabled", true, false)),
  }),
  defineRule({
    id: "AZ-ACR-005",
    resourceTypes: REGISTRY,
    severity: "warning",
    title: "Premium registries delete untagged manifests after a retention period",
    description: "Untagged manifests pile up, cost storage and keep vulnerable images pullable by digest.",
    fix: "retention_policy_in_days = 7 (Premium only; azurerm 4.x replaced the retention_policy block)",
    scannerEquivalent: ["CKV_AZURE_167"],
    scannerNote: "Some CKV_AZURE_167 versions read only the 3.x retention_policy block and fail every 4.x registry.",
    check: (r) => {
      if (r.config.sku !== "Premium") return notApplicable("only Premium registries have a retention policy");
      const days = attr(r.config, "retention_policy_in_days");
      return typeof days === "number" && days > 0 ? pass() : fail(`retention_policy_in_days is ${days === undefined ? "unset" : JSON.stringify(days)}`);
    },
  }),
];
