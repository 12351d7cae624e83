import { attr, blocks, defineRule, expectBool, expectOneOf, fail, isExpression, notApplicable, pass, PolicyRule, strings } from "../rule";

const REDIS = ["azurerm_redis_cache"];
const POSTGRES = ["azurerm_postgresql_flexible_server"];
const STORAGE = ["azurerm_storage_account"];

/** Rules for Azure Cache for Redis, PostgreSQL flexible server and storage accounts. */
export const DATA_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-REDIS-001",
    resourceTypes: REDIS,
    severity: "error",
    title: "The non-TLS port (6379) is closed",
    description: "Traffic on the non-TLS port, access tokens included, crosses the network in clear text.",
    fix: "non_ssl_port_enabled = false (RedisCache sets it)",
    scannerEquivalent: ["CKV_AZURE_91"],
    scannerNote: "CKV_AZURE_91 reads the 3.x attribute enable_non_ssl_port; on azurerm 4.x it passes even when non_ssl_port_enabled is true.",
    check: (r) => expectBool(r.config, "non_ssl_port_enabled", false, false),
  }),
  defineRule({
    id: "AZ-REDIS-002",
    resourceTypes: REDIS,
    severity: "error",
    title: "Clients must use TLS 1.2 or later",
    description: "TLS 1.0 and 1.1 have known weaknesses and are retired across Azure.",
    fix: 'minimum_tls_version = "1.2" (RedisCache sets it)',
    scannerEquivalent: ["CKV_AZURE_148"],
    check: (r) => expectOneOf(r.config, "minimum_tls_version", ["1.2"], "1.2"),
  }),
  defineRule({
    id: "AZ-REDIS-003",
    resourceTypes: REDIS,
    severity: "error",
    title: "Public network access is disabled",
    description: "A cache on the public endpoint is reachable from anywhere; azurerm 4.x enables public access unless told otherwise.",
    fix: "public_network_access_enabled = false with a private endpoint (RedisCache privateEndpoint)",
    scannerEquivalent: ["CKV_AZURE_89"],
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-REDIS-004",
    resourceTypes: REDIS,
    severity: "warning",
    title: "Clients authenticate with Entra ID, not access keys",
    description: "Access keys never expire and are not tied to an identity; anyone holding one has full data access.",
    fix: "access_keys_authentication_enabled = false and redis_configuration { active_directory_authentication_enabled = true } (RedisCache defaults)",
    check: (r) => {
      if (attr(r.config, "redis_configuration.active_directory_authentication_enabled") !== true) return fail("redis_configuration.active_directory_authentication_enabled is not true");
      return expectBool(r.config, "access_keys_authentication_enabled", false, true);
    },
  }),
  defineRule({
    id: "AZ-REDIS-005",
    resourceTypes: REDIS,
    severity: "warning",
    title: "The cache has a replica and an SLA (not the Basic tier)",
    description: "A Basic cache is a single node without SLA: every patch or restart loses all keys.",
    fix: 'sku_name "Standard" or "Premium" (RedisCache defaults to Premium)',
    check: (r) => expectOneOf(r.config, "sku_name", ["Standard", "Premium"]),
  }),
  defineRule({
    id: "AZ-REDIS-006",
    resourceTypes: REDIS,
    severity: "warning",
    title: "Premium caches spread over availability zones",
    description: "A Premium cache without zones loses primary and replica together in a zone outage.",
    fix: 'zones = ["1", "2", "3"] with replicas_per_primary = 2 (RedisCache defaults); geo-replicated caches cannot use zones',
    check: (r, ctx) => {
      if (attr(r.config, "sku_name") !== "Premium") return notApplicable("only Premium caches take zones");
      if (ctx.referrersOf(r, "azurerm_redis_linked_server").length > 0) return notApplicable("geo-replicated caches cannot use zones");
      const zones = strings(attr(r.config, "zones"));
      return zones.length >= 2 ? pass() : fail(`zones is ${JSON.stringify(zones)}`);
    },
  }),
  defineRule({
    id: "AZ-REDIS-007",
    resourceTypes: REDIS,
    severity: "warning",
    title: "Azure patches the cache inside a planned window",
    description: "Without a patch schedule Azure patches at any hour, and failovers during peak traffic drop connections.",
    fix: "patch_schedule { day_of_week, start_hour_utc } (RedisCache defaults to Sunday 02:00 UTC)",
    check: (r) => (blocks(r.config.patch_schedule).length > 0 ? pass() : fail("patch_schedule is not set")),
  }),
  defineRule({
    id: "AZ-PG-001",
    resourceTypes: POSTGRES,
    severity: "error",
    title: "Public network access is disabled",
    description: "A database on a public endpoint is one firewall rule away from the internet.",
    fix: "public_network_access_enabled = false with delegated_subnet_id and private_dns_zone_id (PostgresFlexibleServer joins the database subnet)",
    scannerEquivalent: [],
    scannerNote: "CKV_AZURE_133 and AVD-AZU-0022 cover the retired single server (azurerm_postgresql_server) only.",
    check: (r) => {
      if (attr(r.config, "delegated_subnet_id") !== undefined && attr(r.config, "public_network_access_enabled") === undefined) return pass("VNet-integrated servers have no public endpoint");
      return expectBool(r.config, "public_network_access_enabled", false, true);
    },
  }),
  defineRule({
    id: "AZ-PG-002",
    resourceTypes: POSTGRES,
    severity: "warning",
    title: "Backups are geo-redundant",
    description: "Locally redundant backups are lost with the region; a regional disaster then loses the database.",
    fix: "geo_redundant_backup_enabled = true (PostgresFlexibleServer geoRedundantBackupEnabled; cannot be changed after creation)",
    scannerEquivalent: ["CKV_AZURE_136"],
    check: (r) => (attr(r.config, "create_mode") === "Replica" ? notApplicable("read replicas have no backups of their own") : expectBool(r.config, "geo_redundant_backup_enabled", true, false)),
  }),
  defineRule({
    id: "AZ-PG-003",
    resourceTypes: POSTGRES,
    severity: "warning",
    title: "High availability is zone-redundant",
    description: "Without a standby in another zone, a zone outage or a host failure takes the database down until Azure restores it.",
    fix: 'high_availability { mode = "ZoneRedundant" } on a GP_ or MO_ SKU (PostgresFlexibleServer highAvailability)',
    check: (r) => (attr(r.config, "create_mode") === "Replica" ? notApplicable("read replicas do not take high availability") : expectOneOf(r.config, "high_availability.mode", ["ZoneRedundant"])),
  }),
  defineRule({
    id: "AZ-PG-004",
    resourceTypes: POSTGRES,
    severity: "error",
    title: "Only Entra ID authentication is enabled (no passwords)",
    description: "A password login is a long-lived secret that ends up in pipelines and state files; Entra ID tokens are short-lived and tied to an identity.",
    fix: "authentication { active_directory_auth_enabled = true, password_auth_enabled = false } (PostgresFlexibleServer sets it)",
    check: (r) => {
      if (attr(r.config, "authentication.active_directory_auth_enabled") !== true) return fail("authentication.active_directory_auth_enabled is not true");
      return expectBool(r.config, "authentication.password_auth_enabled", false, true);
    },
  }),
  defineRule({
    id: "AZ-PG-005",
    resourceTypes: POSTGRES,
    severity: "warning",
    title: "Maintenance runs in a planned window",
    description: "Without a custom window Azure restarts the server for maintenance at a time of its choosing.",
    fix: "maintenance_window { day_of_week, start_hour } (PostgresFlexibleServer defaults to Sunday 03:00)",
    check: (r) => (attr(r.config, "maintenance_window") !== undefined ? pass() : fail("maintenance_window is not set")),
  }),
  defineRule({
    id: "AZ-PG-006",
    resourceTypes: ["azurerm_postgresql_flexible_server_configuration"],
    severity: "error",
    title: "Server parameters keep TLS required, at version 1.2 or later",
    description: "require_secure_transport = off accepts clear-text connections; ssl_min_protocol_version below TLSv1.2 accepts weak TLS.",
    fix: "leave require_secure_transport on and ssl_min_protocol_version at TLSv1.2 or TLSv1.3",
    check: (r) => {
      const name = r.config.name;
      const value = r.config.value;
      if (isExpression(name) || isExpression(value)) return notApplicable("the parameter is known only at apply time");
      if (name === "require_secure_transport") return String(value).toLowerCase() === "off" ? fail("require_secure_transport is off") : pass();
      if (name === "ssl_min_protocol_version") return ["TLSv1", "TLSv1.1"].includes(String(value)) ? fail(`ssl_min_protocol_version is ${String(value)}`) : pass();
      return notApplicable("not a TLS parameter");
    },
  }),
  defineRule({
    id: "AZ-ST-001",
    resourceTypes: STORAGE,
    severity: "error",
    title: "Only HTTPS is accepted",
    description: "HTTP requests carry data and SAS tokens in clear text.",
    fix: "https_traffic_only_enabled = true (the azurerm 4.x default; StorageAccount sets it)",
    scannerEquivalent: ["CKV_AZURE_3", "AVD-AZU-0008"],
    scannerNote: "CKV_AZURE_3 reads the 3.x attribute enable_https_traffic_only; on azurerm 4.x it passes even when https_traffic_only_enabled is false.",
    check: (r) => expectBool(r.config, "https_traffic_only_enabled", true, true),
  }),
  defineRule({
    id: "AZ-ST-002",
    resourceTypes: STORAGE,
    severity: "error",
    title: "Clients must use TLS 1.2 or later",
    description: "TLS 1.0 and 1.1 have known weaknesses and are retired across Azure.",
    fix: 'min_tls_version = "TLS1_2" (the azurerm 4.x default)',
    scannerEquivalent: ["CKV_AZURE_44", "AVD-AZU-0011"],
    check: (r) => expectOneOf(r.config, "min_tls_version", ["TLS1_2", "TLS1_3"], "TLS1_2"),
  }),
  defineRule({
    id: "AZ-ST-003",
    resourceTypes: STORAGE,
    severity: "error",
    title: "Public network access is disabled",
    description: "An account on the public endpoint is reachable from anywhere its keys or tokens leak to.",
    fix: "public_network_access_enabled = false with private endpoints (StorageAccount privateEndpoints)",
    scannerEquivalent: ["CKV_AZURE_59"],
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-ST-004",
    resourceTypes: STORAGE,
    severity: "error",
    title: "Containers cannot be made public (anonymous blob access off)",
    description: "With nested public access allowed, one container setting exposes every blob in it to anonymous reads; azurerm 4.x allows it by default.",
    fix: "allow_nested_items_to_be_public = false (StorageAccount sets it)",
    scannerEquivalent: ["CKV_AZURE_190"],
    check: (r) => expectBool(r.config, "allow_nested_items_to_be_public", false, true),
  }),
  defineRule({
    id: "AZ-ST-005",
    resourceTypes: STORAGE,
    severity: "warning",
    title: "Shared key (account key and SAS) authorization is disabled",
    description: "Account keys grant full access, never expire and are not tied to an identity.",
    fix: "shared_access_key_enabled = false and default_to_oauth_authentication = true (StorageAccount sets both)",
    scannerEquivalent: ["CKV2_AZURE_40"],
    check: (r) => expectBool(r.config, "shared_access_key_enabled", false, true),
  }),
  defineRule({
    id: "AZ-ST-006",
    resourceTypes: STORAGE,
    severity: "warning",
    title: "The firewall denies by default and lets trusted Azure services through",
    description: "A default-allow firewall accepts requests from any network the moment public access is turned on.",
    fix: 'network_rules { default_action = "Deny", bypass = ["AzureServices"] } (StorageAccount sets it)',
    scannerEquivalent: ["CKV_AZURE_35", "AVD-AZU-0012", "AVD-AZU-0010"],
    check: (r) => {
      const action = attr(r.config, "network_rules.default_action");
      if (action !== "Deny") return fail(`network_rules.default_action is ${action === undefined ? "unset (Allow)" : JSON.stringify(action)}`);
      return strings(attr(r.config, "network_rules.bypass")).includes("AzureServices") ? pass() : fail("network_rules.bypass does not include AzureServices");
    },
  }),
  defineRule({
    id: "AZ-ST-007",
    resourceTypes: STORAGE,
    severity: "warning",
    title: "Deleted blobs and containers are kept (soft delete)",
    description: "Without soft delete a mistaken delete or a compromised client destroys data for good.",
    fix: "blob_properties { delete_retention_policy { days }, container_delete_retention_policy { days } } (StorageAccount keeps 30 days)",
    scannerEquivalent: ["CKV2_AZURE_38"],
    check: (r) => {
      if (attr(r.config, "account_kind") === "FileStorage") return notApplicable("FileStorage accounts hold no blobs");
      if (attr(r.config, "blob_properties.delete_retention_policy") === undefined) return fail("blob_properties.delete_retention_policy is not set");
      return attr(r.config, "blob_properties.container_delete_retention_policy") === undefined ? fail("blob_properties.container_delete_retention_policy is not set") : pass();
    },
  }),
  defineRule({
    id: "AZ-ST-008",
    resourceTypes: STORAGE,
    severity: "warning",
    title: "Data is zone-redundant (ZRS, GZRS or RA-GZRS)",
    description: "LRS and GRS keep the primary copy in one datacenter: a zone outage makes the data unavailable.",
    fix: 'account_replication_type "ZRS" or "GZRS" (StorageAccount replication)',
    check: (r) => expectOneOf(r.config, "account_replication_type", ["ZRS", "GZRS", "RAGZRS"]),
  }),
  defineRule({
    id: "AZ-ST-009",
    resourceTypes: STORAGE,
    severity: "warning",
    title: "Cross-tenant object replication is disabled",
    description: "Object replication to another tenant copies data out of the organisation's control.",
    fix: "cross_tenant_replication_enabled = false (the azurerm 4.x default)",
    check: (r) => expectBool(r.config, "cross_tenant_replication_enabled", false, false),
  }),
  defineRule({
    id: "AZ-ST-010",
    resourceTypes: ["azurerm_storage_container"],
    severity: "error",
    title: "Containers are private",
    description: "A blob or container access level lets anyone on the internet read the data without credentials.",
    fix: 'container_access_type = "private" (StorageAccount.addContainer sets it)',
    scannerEquivalent: ["AVD-AZU-0007"],
    check: (r) => expectOneOf(r.config, "container_access_type", ["private"], "private"),
  }),
];
