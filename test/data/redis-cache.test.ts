import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RedisCache as AzRedisCache } from "@cdktf/provider-azurerm/lib/redis-cache";
import { RedisCacheAccessPolicyAssignment } from "@cdktf/provider-azurerm/lib/redis-cache-access-policy-assignment";
import { RedisLinkedServer } from "@cdktf/provider-azurerm/lib/redis-linked-server";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ResourceNamer } from "../../lib/core/naming";
import { RedisCache, RedisCacheProps } from "../../lib/data/redis-cache";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { expectValidationError, resourceList, resourcesOf, testStack } from "../network/fixtures";

const OBJECT_ID = "11111111-2222-3333-4444-555555555555";
const STORAGE = {
  id: "/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg-shop-prod/providers/Microsoft.Storage/storageAccounts/stshopredis",
  primaryBlobEndpoint: "https://stshopredis.blob.core.windows.net/",
};

/** A stack with a network, the Redis private DNS zone and a workspace; `cache()` adds a RedisCache over the defaults. */
function fixture(region = "westeurope") {
  const f = testStack(region);
  const network = new VirtualNetwork(f.stack, "Network", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.10.0.0/16" });
  const dnsZone = new PrivateDnsZone(f.stack, "RedisZone", { resourceGroup: f.resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.redis });
  const logAnalytics = new LogAnalytics(f.stack, "Logs", { resourceGroup: f.resourceGroup, namer: f.namer });
  const base = { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network, dnsZone } };
  const cache = (props: Partial<RedisCacheProps> = {}, id = "Cache") => new RedisCache(f.stack, id, { ...base, ...props });
  return { ...f, network, dnsZone, logAnalytics, base, cache };
}

function synth(props: Partial<RedisCacheProps> = {}, region?: string): string {
  const f = fixture(region);
  f.cache(props);
  return Testing.synth(f.stack);
}

function cacheResource(props: Partial<RedisCacheProps> = {}, region?: string) {
  const caches = resourceList(synth(props, region), "azurerm_redis_cache");
  expect(caches).toHaveLength(1);
  return caches[0];
}

describe("RedisCache", () => {
  test("synthesizes the default cache", () => {
    expect(resourcesOf(synth(), "azurerm_redis_cache")).toMatchSnapshot();
  });

  describe("defaults", () => {
    test("names the cache with the namer's globally unique name, in the resource group's location", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, {
        name: expect.stringMatching(/^redis-shop-prod-weu-[a-z0-9]{5}$/),
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("is a Premium P1 cache", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { sku_name: "Premium", family: "P", capacity: 1 });
    });

    test("spreads over every zone of the region with two replicas", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { zones: ["1", "2", "3"], replicas_per_primary: 2 });
    });

    test("uses one replica and no zones in a region without zones", () => {
      const cache = cacheResource({}, "ukwest");
      expect(cache.replicas_per_primary).toBe(1);
      expect(cache).not.toHaveProperty("zones");
    });

    test("closes the non-TLS port", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { non_ssl_port_enabled: false });
    });

    test("requires TLS 1.2", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { minimum_tls_version: "1.2" });
    });

    test("turns public network access off", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { public_network_access_enabled: false });
    });

    test("authenticates with Entra ID", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { redis_configuration: expect.objectContaining({ active_directory_authentication_enabled: true }) });
    });

    test("turns access keys off", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { access_keys_authentication_enabled: false });
    });

    test("evicts volatile keys, least recently used first", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { redis_configuration: expect.objectContaining({ maxmemory_policy: "volatile-lru" }) });
    });

    test("runs Redis 6", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { redis_version: "6" });
    });

    test("patches on Sundays from 02:00 UTC for five hours", () => {
      expect(synth()).toHaveResourceWithProperties(AzRedisCache, { patch_schedule: [{ day_of_week: "Sunday", start_hour_utc: 2, maintenance_window: "PT5H" }] });
    });

    test("is not clustered, persistent or identity-bearing", () => {
      const cache = cacheResource();
      expect(cache).not.toHaveProperty("shard_count");
      expect(cache).not.toHaveProperty("identity");
      expect(cache.redis_configuration).not.toHaveProperty("rdb_backup_enabled");
    });

    test("gets a private endpoint for the redisCache sub-resource in the Redis zone", () => {
      expect(synth()).toHaveResourceWithProperties(AzPrivateEndpoint, {
        name: "pep-shop-redis-prod-weu",
        private_service_connection: expect.objectContaining({ private_connection_resource_id: expect.stringMatching(/^\$\{azurerm_redis_cache\.Cache_[0-9A-F]{8}\.id\}$/), subresource_names: ["redisCache"] }),
        private_dns_zone_group: { name: "default", private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.RedisZone_[0-9A-F]{8}\.id\}$/)] },
      });
    });

    test("is protected by a delete lock and prevent_destroy", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: "CanNotDelete", scope: expect.stringMatching(/^\$\{azurerm_redis_cache\.Cache_[0-9A-F]{8}\.id\}$/) });
      expect(cacheResource().lifecycle).toEqual({ prevent_destroy: true });
    });

    test("sends no diagnostics without a workspace", () => {
      expect(resourceList(synth(), "azurerm_monitor_diagnostic_setting")).toHaveLength(0);
    });
  });

  describe("options", () => {
    test("uses Standard C1 without zones or replica settings for dev", () => {
      const cache = cacheResource({ sku: "Standard" });
      expect(cache).toMatchObject({ sku_name: "Standard", family: "C", capacity: 1 });
      expect(cache).not.toHaveProperty("zones");
      expect(cache).not.toHaveProperty("replicas_per_primary");
    });

    test("allows Basic with a note", () => {
      expect(synth({ sku: "Basic", basicSkuNote: "throwaway preview environment", capacity: 0 })).toHaveResourceWithProperties(AzRedisCache, { sku_name: "Basic", family: "C", capacity: 0 });
    });

    test("clusters a Premium cache", () => {
      expect(synth({ shardCount: 3 })).toHaveResourceWithProperties(AzRedisCache, { shard_count: 3 });
    });

    test("uses explicit zones and replicas", () => {
      expect(synth({ zones: ["1", "2"], replicasPerPrimary: 1 })).toHaveResourceWithProperties(AzRedisCache, { zones: ["1", "2"], replicas_per_primary: 1 });
    });

    test("sets the eviction policy", () => {
      expect(synth({ maxmemoryPolicy: "allkeys-lfu" })).toHaveResourceWithProperties(AzRedisCache, { redis_configuration: expect.objectContaining({ maxmemory_policy: "allkeys-lfu" }) });
    });

    test("moves the patch window", () => {
      expect(synth({ patchSchedule: { dayOfWeek: "Saturday", startHourUtc: 22 } })).toHaveResourceWithProperties(AzRedisCache, { patch_schedule: [{ day_of_week: "Saturday", start_hour_utc: 22, maintenance_window: "PT5H" }] });
    });

    test("turns access keys back on when asked", () => {
      expect(synth({ accessKeysAuthenticationEnabled: true })).toHaveResourceWithProperties(AzRedisCache, { access_keys_authentication_enabled: true, redis_configuration: expect.objectContaining({ active_directory_authentication_enabled: true }) });
    });

    test("allows public access without a private endpoint", () => {
      const f = fixture();
      new RedisCache(f.stack, "Cache", { resourceGroup: f.resourceGroup, namer: f.namer, publicNetworkAccessEnabled: true });
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(AzRedisCache, { public_network_access_enabled: true });
      expect(resourceList(out, "azurerm_private_endpoint")).toHaveLength(0);
    });

    test("uses a name override", () => {
      expect(synth({ name: "redis-checkout" })).toHaveResourceWithProperties(AzRedisCache, { name: "redis-checkout" });
    });

    test("sends every log category and metric to the workspace, into dedicated tables", () => {
      const f = fixture();
      f.cache({ logAnalytics: f.logAnalytics });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: expect.stringMatching(/^\$\{azurerm_redis_cache\.Cache_[0-9A-F]{8}\.id\}$/),
        enabled_log: [{ category_group: "allLogs" }],
        enabled_metric: [{ category: "AllMetrics" }],
        log_analytics_destination_type: "Dedicated",
      });
    });

    test("leaves protection off when asked", () => {
      const out = synth({ protect: false });
      expect(resourceList(out, "azurerm_management_lock")).toHaveLength(0);
      expect(resourceList(out, "azurerm_redis_cache")[0]).not.toHaveProperty("lifecycle");
    });
  });

  describe("persistence", () => {
    test("writes RDB snapshots every hour with the cache's managed identity", () => {
      expect(synth({ persistence: { mode: "rdb", storageAccount: STORAGE } })).toHaveResourceWithProperties(AzRedisCache, {
        identity: { type: "SystemAssigned" },
        redis_configuration: expect.objectContaining({
          rdb_backup_enabled: true,
          rdb_backup_frequency: 60,
          rdb_storage_connection_string: STORAGE.primaryBlobEndpoint,
          data_persistence_authentication_method: "ManagedIdentity",
          storage_account_subscription_id: `\${element(split("/", "${STORAGE.id}"), 2)}`,
        }),
      });
    });

    test("sets the RDB backup frequency", () => {
      expect(synth({ persistence: { mode: "rdb", storageAccount: STORAGE, backupFrequencyMinutes: 15 } })).toHaveResourceWithProperties(AzRedisCache, { redis_configuration: expect.objectContaining({ rdb_backup_frequency: 15 }) });
    });

    test("grants the cache's identity blob access on the storage account", () => {
      expect(synth({ persistence: { mode: "rdb", storageAccount: STORAGE } })).toHaveResourceWithProperties(RoleAssignment, {
        scope: STORAGE.id,
        role_definition_name: "Storage Blob Data Contributor",
        principal_id: expect.stringMatching(/^\$\{azurerm_redis_cache\.Cache_[0-9A-F]{8}\.identity\[0\]\.principal_id\}$/),
        principal_type: "ServicePrincipal",
      });
    });

    test("appends to AOF logs in two accounts", () => {
      const second = { id: `${STORAGE.id}2`, primaryBlobEndpoint: "https://stshopredis2.blob.core.windows.net/" };
      const out = synth({ zones: ["1", "2"], replicasPerPrimary: 1, persistence: { mode: "aof", storageAccount: STORAGE, secondaryStorageAccount: second } });
      expect(out).toHaveResourceWithProperties(AzRedisCache, {
        redis_configuration: expect.objectContaining({ aof_backup_enabled: true, aof_storage_connection_string_0: STORAGE.primaryBlobEndpoint, aof_storage_connection_string_1: second.primaryBlobEndpoint, data_persistence_authentication_method: "ManagedIdentity" }),
      });
      expect(resourceList(out, "azurerm_role_assignment").map((r) => r.scope).sort()).toEqual([STORAGE.id, second.id]);
    });

    test("takes an L1 storage account", () => {
      const f = fixture();
      const account = new StorageAccount(f.stack, "Storage", { name: "stshopredis", resourceGroupName: f.resourceGroup.name, location: "westeurope", accountTier: "Premium", accountReplicationType: "ZRS", accountKind: "BlockBlobStorage" });
      f.cache({ persistence: { mode: "rdb", storageAccount: account } });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzRedisCache, {
        redis_configuration: expect.objectContaining({ rdb_storage_connection_string: "${azurerm_storage_account.Storage.primary_blob_endpoint}" }),
      });
    });
  });

  describe("data access", () => {
    test("assigns the Data Contributor access policy to the principal's object ID", () => {
      const f = fixture();
      f.cache().grantDataAccess("orders", { principalId: OBJECT_ID });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RedisCacheAccessPolicyAssignment, {
        name: "orders",
        redis_cache_id: expect.stringMatching(/^\$\{azurerm_redis_cache\.Cache_[0-9A-F]{8}\.id\}$/),
        access_policy_name: "Data Contributor",
        object_id: OBJECT_ID,
        object_id_alias: "orders",
      });
    });

    test("assigns another policy with an alias", () => {
      const f = fixture();
      f.cache().grantDataAccess("reports", { principalId: OBJECT_ID }, { policy: "Data Reader", alias: "reporting-service" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RedisCacheAccessPolicyAssignment, { access_policy_name: "Data Reader", object_id_alias: "reporting-service" });
    });

    test("fails when the assignment id repeats", () => {
      const f = fixture();
      const cache = f.cache();
      cache.grantDataAccess("orders", { principalId: OBJECT_ID });
      expectValidationError(() => cache.grantDataAccess("orders", { principalId: OBJECT_ID }), /^redis\.dataAccess\.orders\.id: is already used/);
    });

    test("fails when the policy is not a built-in one", () => {
      const f = fixture();
      expectValidationError(() => f.cache().grantDataAccess("x", { principalId: OBJECT_ID }, { policy: "Owner" as never }), /^redis\.dataAccess\.x\.policy: is not an allowed value \(got "Owner"\)/);
    });
  });

  describe("geo-replication", () => {
    /** Two geo-replication-ready caches in one stack (westeurope and northeurope namers). */
    function pair(primaryProps: Partial<RedisCacheProps> = {}, secondaryProps: Partial<RedisCacheProps> = {}) {
      const f = fixture();
      const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: "northeurope" });
      const rg = new ResourceGroup(f.stack, "ResourceGroupNeu", { name: "rg-shop-prod-neu", location: "northeurope" });
      const network = new VirtualNetwork(f.stack, "NetworkNeu", { resourceGroup: rg, namer, addressSpace: "10.20.0.0/16" });
      const primary = f.cache({ zones: [], replicasPerPrimary: 1, ...primaryProps }, "Primary");
      const secondary = new RedisCache(f.stack, "Secondary", { resourceGroup: rg, namer, privateEndpoint: { network, dnsZone: f.dnsZone }, zones: [], replicasPerPrimary: 1, ...secondaryProps });
      return { ...f, primary, secondary };
    }

    test("links the secondary to the primary after both private endpoints exist", () => {
      const p = pair();
      p.primary.linkGeoReplica(p.secondary);
      expect(Testing.synth(p.stack)).toHaveResourceWithProperties(RedisLinkedServer, {
        target_redis_cache_name: expect.stringMatching(/^\$\{azurerm_redis_cache\.Primary_[0-9A-F]{8}\.name\}$/),
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        linked_redis_cache_id: expect.stringMatching(/^\$\{azurerm_redis_cache\.Secondary_[0-9A-F]{8}\.id\}$/),
        linked_redis_cache_location: expect.stringMatching(/^\$\{azurerm_redis_cache\.Secondary_[0-9A-F]{8}\.location\}$/),
        server_role: "Secondary",
        depends_on: [expect.stringMatching(/^azurerm_private_endpoint\.Primary_PrivateEndpoint_/), expect.stringMatching(/^azurerm_private_endpoint\.Secondary_PrivateEndpoint_/)],
      });
      expect(p.secondary.geoReplicationPartner).toBe(p.primary);
    });

    test("creates the link in the scope it is given, waiting only for endpoints of that stack", () => {
      const p = pair();
      const other = new TerraformStack(p.stack.node.scope as Construct, "secondary-region");
      const holder = new Construct(other, "Link");
      p.primary.linkGeoReplica(p.secondary, { scope: holder });
      expect(resourceList(Testing.synth(p.stack), "azurerm_redis_linked_server")).toHaveLength(0);
      const links = resourceList(Testing.synth(other), "azurerm_redis_linked_server");
      expect(links).toHaveLength(1);
      expect(links[0].depends_on ?? []).toEqual([]);
    });

    test("fails when geo-replication is requested without Premium", () => {
      const p = pair({}, { sku: "Standard", zones: undefined, replicasPerPrimary: undefined });
      expectValidationError(
        () => p.primary.linkGeoReplica(p.secondary),
        'redis.geoReplication: passive geo-replication requires Premium on both caches (got {"primary":"Premium","secondary":"Standard"}); use sku "Premium" for both',
      );
    });

    test("fails when a cache is zone-redundant", () => {
      const p = pair({ zones: ["1", "2"] });
      expectValidationError(() => p.primary.linkGeoReplica(p.secondary), /^redis\.geoReplication: zone redundancy isn't supported with geo-replication, and the primary cache has zones/);
    });

    test("fails when a cache has more than one replica", () => {
      const p = pair({}, { replicasPerPrimary: 2 });
      expectValidationError(() => p.primary.linkGeoReplica(p.secondary), /^redis\.geoReplication: caches with more than one replica can't be geo-replicated, and the secondary cache has 2/);
    });

    test("fails when a cache persists", () => {
      const p = pair({ persistence: { mode: "rdb", storageAccount: STORAGE } });
      expectValidationError(() => p.primary.linkGeoReplica(p.secondary), /^redis\.geoReplication: persistence isn't supported with geo-replication/);
    });

    test("fails when the shard counts differ", () => {
      const p = pair({ shardCount: 2 }, { shardCount: 3 });
      expectValidationError(() => p.primary.linkGeoReplica(p.secondary), /^redis\.geoReplication: clustered caches need the same shard count on both sides/);
    });

    test("fails when the secondary is smaller than the primary", () => {
      const p = pair({ capacity: 2 }, { capacity: 1 });
      expectValidationError(() => p.primary.linkGeoReplica(p.secondary), /^redis\.geoReplication: the secondary cache must be at least as large as the primary/);
    });

    test("fails when a cache is linked twice", () => {
      const p = pair();
      p.primary.linkGeoReplica(p.secondary);
      const third = p.cache({ zones: [], replicasPerPrimary: 1 }, "Third");
      expectValidationError(() => third.linkGeoReplica(p.secondary), /^redis\.geoReplication: the secondary cache is already geo-replicated/);
    });
  });

  describe("validation", () => {
    test("fails when zones are set on a Standard cache", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ sku: "Standard", zones: ["1", "2"] }), 'redis.zones: Basic and Standard caches cannot use zones (got ["1","2"]); use sku "Premium" or drop zones');
    });

    test("fails when shards are set on a Standard cache", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ sku: "Standard", shardCount: 2 }), 'redis.shardCount: Basic and Standard caches cannot be clustered (got 2); use sku "Premium" or drop shardCount');
    });

    test("fails when replicas are set on a Standard cache", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ sku: "Standard", replicasPerPrimary: 2 }), /^redis\.replicasPerPrimary: Basic and Standard caches have a fixed topology/);
    });

    test("fails when a Premium capacity is out of range", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ capacity: 6 }), "redis.capacity: is out of range for the P family (Premium) (got 6); use 1 to 5");
    });

    test("fails when a Premium capacity is zero", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ capacity: 0 }), "redis.capacity: is out of range for the P family (Premium) (got 0); use 1 to 5");
    });

    test("fails when a Standard capacity is out of range", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ sku: "Standard", capacity: 7 }), "redis.capacity: is out of range for the C family (Standard) (got 7); use 0 to 6");
    });

    test("fails when persistence is set on a Standard cache", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ sku: "Standard", persistence: { mode: "rdb", storageAccount: STORAGE } }), 'redis.persistence: data persistence requires a Premium cache (got "Standard"); use sku "Premium" or drop persistence');
    });

    test("fails when the backup frequency is not allowed", () => {
      const f = fixture();
      expectValidationError(
        () => f.cache({ persistence: { mode: "rdb", storageAccount: STORAGE, backupFrequencyMinutes: 45 } }),
        "redis.persistence.backupFrequencyMinutes: is not an allowed backup frequency (got 45); use one of 15, 30, 60, 360, 720, 1440 (minutes)",
      );
    });

    test("fails when AOF persistence meets more than one replica", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ persistence: { mode: "aof", storageAccount: STORAGE } }), /^redis\.persistence\.mode: AOF persistence can't be used with more than one replica \(the cache has 2\)/);
    });

    test("fails when Basic has no note", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ sku: "Basic", capacity: 0 }), /^redis\.sku: Basic caches are a single node without replica or SLA.*set basicSkuNote/);
    });

    test("fails when three zones have one replica", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ replicasPerPrimary: 1 }), /^redis\.replicasPerPrimary: is too low to spread the cache over 3 zones/);
    });

    test("fails when replicas are out of range", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ replicasPerPrimary: 4 }), "redis.replicasPerPrimary: is out of range (got 4); use 1 to 3");
    });

    test("fails when shards are out of range", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ shardCount: 11 }), "redis.shardCount: is out of range (got 11); use 1 to 10");
    });

    test("fails when a zone does not exist in the region", () => {
      const f = fixture("ukwest");
      expectValidationError(() => f.cache({ zones: ["1"] }), /^redis\.zones\[0\]: is not an availability zone of ukwest/);
    });

    test("fails when public access is off and there is no private endpoint", () => {
      const f = fixture();
      expectValidationError(() => new RedisCache(f.stack, "Cache", { resourceGroup: f.resourceGroup, namer: f.namer }), /^redis\.privateEndpoint: is missing while public network access is off/);
    });

    test("fails when the private endpoint's zone is not the Redis zone", () => {
      const f = fixture();
      const zone = new PrivateDnsZone(f.stack, "VaultZone", { resourceGroup: f.resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.keyVault });
      expectValidationError(() => f.cache({ privateEndpoint: { network: f.network, dnsZone: zone } }), /^redis\.privateEndpoint\.dnsZone: is not the private DNS zone of Azure Cache for Redis \(got "privatelink\.vaultcore\.azure\.net"\)/);
    });

    test("fails when the eviction policy is unknown", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ maxmemoryPolicy: "lru" as never }), /^redis\.maxmemoryPolicy: is not an allowed value \(got "lru"\)/);
    });

    test("fails when the name breaks Azure's rule", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ name: "redis--shop" }), /^redis\.name: is not a valid redis_cache name \(got "redis--shop"\)/);
    });

    test("fails when the patch hour is out of range", () => {
      const f = fixture();
      expectValidationError(() => f.cache({ patchSchedule: { dayOfWeek: "Sunday", startHourUtc: 24 } }), "redis.patchSchedule.startHourUtc: is out of range (got 24); use 0 to 23");
    });
  });
});
