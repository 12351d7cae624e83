/**
 * Azure Cache for Redis as a production cache: Premium, zone-redundant, private, Entra ID only.
 *
 * Successor and retirement: Microsoft has announced the retirement of Azure Cache for Redis. The Basic, Standard and
 * Premium tiers this construct builds retire on 30 September 2028 (Azure Updates, "Retirement: Azure Cache for Redis is
 * retiring on September 30, 2028", https://azure.microsoft.com/updates?id=499577, published 8 October 2025); the
 * Enterprise and Enterprise Flash tiers retire on 31 March 2027. The successor is Azure Managed Redis, which the
 * azurerm provider 4.55 used here already offers as `azurerm_managed_redis` (with `azurerm_managed_redis_geo_replication`
 * for active geo-replication). Secondary sources also report that creating new caches is blocked for new customers from
 * 1 April 2026; plan new environments on Azure Managed Redis and treat this construct as the bridge for existing ones.
 *
 * @module
 */
import { Fn, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { RedisCache as AzRedisCache, RedisCacheRedisConfiguration } from "@cdktf/provider-azurerm/lib/redis-cache";
import { RedisCacheAccessPolicyAssignment } from "@cdktf/provider-azurerm/lib/redis-cache-access-policy-assignment";
import { RedisLinkedServer } from "@cdktf/provider-azurerm/lib/redis-linked-server";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { ValidationError } from "../core/errors";
import { grantOwner, grantRole, IPrincipal } from "../core/grants";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { ProtectionProps } from "../core/protection";
import { region as lookupRegion, validateZones } from "../core/regions";
import { Weekday, WEEKDAYS } from "../core/time";
import { isUnresolved, validateEnum, validateGuid, validatePattern, validateRange, validateUnique } from "../core/validate";
import { PrivateEndpoint, PrivateEndpointPlacement, validatePrivateEndpointZone } from "../network/private-endpoint";
import { PRIVATE_DNS_ZONE_NAMES } from "../network/private-dns-zone";
import { addServiceAttachments } from "../network/service-attachments";
import { LogAnalytics } from "../observability/log-analytics";

/** Pricing tier of an Azure Cache for Redis. */
export type RedisSku = "Basic" | "Standard" | "Premium";

/** How Redis evicts keys when `maxmemory` is reached. */
export type RedisEvictionPolicy =
  | "volatile-lru"
  | "allkeys-lru"
  | "volatile-lfu"
  | "allkeys-lfu"
  | "volatile-random"
  | "allkeys-random"
  | "volatile-ttl"
  | "noeviction";

/** The eviction policies azurerm 4.55 accepts for `maxmemory_policy`. */
export const REDIS_EVICTION_POLICIES: readonly RedisEvictionPolicy[] = [
  "volatile-lru",
  "allkeys-lru",
  "volatile-lfu",
  "allkeys-lfu",
  "volatile-random",
  "allkeys-random",
  "volatile-ttl",
  "noeviction",
];

/** RDB snapshot intervals Azure accepts, in minutes (15 minutes to 24 hours). */
export const REDIS_RDB_BACKUP_FREQUENCIES_MINUTES = [15, 30, 60, 360, 720, 1440] as const;
/** One RDB snapshot interval, in minutes. */
export type RedisRdbBackupFrequencyMinutes = (typeof REDIS_RDB_BACKUP_FREQUENCIES_MINUTES)[number];

/** Built-in data access policies of Azure Cache for Redis (data plane, not Azure RBAC roles). */
export type RedisDataAccessPolicy = "Data Owner" | "Data Contributor" | "Data Reader";

/**
 * The storage account a cache persists to. The L1 `StorageAccount` and this library's `StorageAccount` construct both
 * satisfy this structurally. The cache reaches it with its system-assigned managed identity, so the account needs no
 * shared key: the construct grants the cache `Storage Blob Data Contributor` on it. If the account's firewall is closed,
 * allow trusted Azure services. Use an account in the cache's region and subscription, without blob soft delete (soft
 * delete multiplies the storage cost of persistence;
 * https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-premium-persistence).
 */
export interface RedisPersistenceStorageAccount {
  /** Resource ID of the storage account; its subscription is derived from it. */
  readonly id: string;
  /** The account's primary blob endpoint, e.g. `https://stshop.blob.core.windows.net/`. */
  readonly primaryBlobEndpoint: string;
}

/** RDB persistence: periodic snapshots of the whole data set. */
export interface RedisRdbPersistence {
  readonly mode: "rdb";
  /** Where the snapshots are written. */
  readonly storageAccount: RedisPersistenceStorageAccount;
  /**
   * Minutes between snapshots: 15, 30, 60, 360, 720 or 1440. Data written since the last snapshot is lost if every node
   * fails at once.
   * @default 60
   */
  readonly backupFrequencyMinutes?: number;
}

/** AOF persistence: every write is appended to a log (at least once per second); lower throughput than RDB. */
export interface RedisAofPersistence {
  readonly mode: "aof";
  /** Where the primary's log is written. */
  readonly storageAccount: RedisPersistenceStorageAccount;
  /**
   * A second account for the replica's log.
   * @default - the replica writes no separate log
   */
  readonly secondaryStorageAccount?: RedisPersistenceStorageAccount;
}

/** Data persistence of a Premium cache. Persistence recovers a cache after all its nodes fail; it is not a backup. */
export type RedisPersistence = RedisRdbPersistence | RedisAofPersistence;

/** When Azure may patch the cache. The window lasts five hours. */
export interface RedisPatchSchedule {
  /** Day the window opens. */
  readonly dayOfWeek: Weekday;
  /** Hour (UTC, 0–23) the window opens. */
  readonly startHourUtc: number;
}

/** Options for {@link RedisCache.linkGeoReplica}. */
export interface RedisGeoReplicaOptions {
  /**
   * Construct the link (`azurerm_redis_linked_server`) is created in, e.g. the secondary cache in the second region's
   * stack.
   * @default this cache
   */
  readonly scope?: Construct;
}

/** Props for {@link RedisCache}. */
export interface RedisCacheProps extends ProtectionProps {
  /** Resource group of the cache; the cache takes its location. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region; the region (for zones) comes from it. */
  readonly namer: ResourceNamer;
  /**
   * Cache name (globally unique: it is the `<name>.redis.cache.windows.net` host).
   * @default - generated by the namer (`redis-<workload>-<env>-<region>-<suffix>`)
   */
  readonly name?: string;
  /**
   * Pricing tier. Premium has zones, clustering, persistence, up to three replicas and geo-replication. `Standard`
   * (primary and replica, no zones) suits dev and test; `Basic` is a single node without SLA or replica and needs a
   * `basicSkuNote` saying why that is acceptable.
   * @default "Premium"
   */
  readonly sku?: RedisSku;
  /**
   * Written reason for using the Basic tier (single node, no SLA, no replica: a restart or patch loses all data).
   * Required when `sku` is `Basic`; ignored otherwise.
   * @default - none
   */
  readonly basicSkuNote?: string;
  /**
   * Size within the tier's family: C0–C6 for Basic and Standard, P1–P5 for Premium.
   * @default 1 (C1, 1 GB, or P1, 6 GB)
   */
  readonly capacity?: number;
  /**
   * Availability zones of the primary and its replicas (Premium only). Three zones need at least two replicas.
   * Passive geo-replication does not support zones, so caches that will be linked with `linkGeoReplica` need `[]`.
   * @default every zone of the region for Premium (none where the region has none); none for Basic and Standard
   */
  readonly zones?: string[];
  /**
   * Replicas per primary, 1–3 (Premium only). More replicas cost one node each; AOF persistence and geo-replication
   * need exactly one.
   * @default as many as the zones need: 2 with three zones, otherwise 1
   */
  readonly replicasPerPrimary?: number;
  /**
   * Shards of a clustered cache, 1–10 (Premium only). Clients must support the Redis cluster protocol.
   * @default - not clustered
   */
  readonly shardCount?: number;
  /**
   * Data persistence to a storage account, authenticated with the cache's managed identity (Premium only; not with
   * geo-replication).
   * @default - no persistence
   */
  readonly persistence?: RedisPersistence;
  /**
   * Eviction policy when `maxmemory` is reached. `volatile-lru` evicts only keys with a TTL, least recently used first.
   * @default "volatile-lru"
   */
  readonly maxmemoryPolicy?: RedisEvictionPolicy;
  /**
   * When Azure may patch the cache (five-hour window).
   * @default Sunday 02:00 UTC
   */
  readonly patchSchedule?: RedisPatchSchedule;
  /**
   * Allow access-key (shared secret) authentication next to Microsoft Entra ID. Turn on only for clients that cannot
   * use Entra tokens: keys do not expire and are not tied to an identity.
   * @default false
   */
  readonly accessKeysAuthenticationEnabled?: boolean;
  /**
   * Allow access over the public endpoint. Off means private endpoints only.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * Private endpoint (sub-resource `redisCache`) in the network's private-endpoint subnet, registered in the
   * `privatelink.redis.cache.windows.net` zone. Required while public network access is off.
   * @default - none
   */
  readonly privateEndpoint?: PrivateEndpointPlacement;
  /**
   * Workspace that receives the cache's logs (every category) and metrics.
   * @default - no diagnostic settings
   */
  readonly logAnalytics?: LogAnalytics;
  /**
   * Redis major version. Version 4 is retired and cannot use Entra ID authentication.
   * @default "6"
   */
  readonly redisVersion?: "6";
}

/** Options for {@link RedisCache.grantDataAccess}. */
export interface RedisDataAccessOptions {
  /**
   * Built-in data access policy: `Data Owner` (every command, including configuration), `Data Contributor` (read and
   * write data, no dangerous commands) or `Data Reader` (read-only commands).
   * @default "Data Contributor"
   */
  readonly policy?: RedisDataAccessPolicy;
  /**
   * Friendly name shown for the principal in the cache's data access configuration (`object_id_alias`). Clients sign in
   * with the principal's object ID as the user name, not with this alias.
   * @default the id given to `grantDataAccess`
   */
  readonly alias?: string;
}

const SKUS: readonly RedisSku[] = ["Basic", "Standard", "Premium"];
const DATA_ACCESS_POLICIES: readonly RedisDataAccessPolicy[] = ["Data Owner", "Data Contributor", "Data Reader"];
const GRANT_ID = /^[a-zA-Z][a-zA-Z0-9-]{0,62}$/;

/**
 * An Azure Cache for Redis with production defaults: Premium P1 across every zone of the region (two replicas in a
 * three-zone region), TLS 1.2 only with the non-TLS port closed, Microsoft Entra ID authentication with access keys off,
 * no public network access (a private endpoint instead), a Sunday-night patch window, `volatile-lru` eviction, Redis 6,
 * deletion protection and, when a workspace is given, diagnostic settings.
 *
 * Azure Cache for Redis retires on 30 September 2028 (Basic, Standard, Premium); its successor is Azure Managed Redis
 * (`azurerm_managed_redis`). See the module documentation for the dates and sources.
 *
 * Data access is granted per principal with Redis data access policies ({@link grantDataAccess}); clients sign in with
 * an Entra token and their object ID as user name. With `protect` on, the `CanNotDelete` lock also covers the cache's
 * child resources: removing a data access assignment or a geo-replication link needs the lock lifted first.
 *
 * @example
 * const cache = new RedisCache(this, "Cache", {
 *   resourceGroup, namer, logAnalytics,
 *   privateEndpoint: { network, dnsZone: redisZone },
 * });
 * cache.grantDataAccess("orders", ordersIdentity);
 */
export class RedisCache extends Construct {
  /** The L1 cache, as an escape hatch. */
  public readonly cache: AzRedisCache;
  /** The cache's name. */
  public readonly name: string;
  /** The region of the cache. */
  public readonly region: string;
  /** Pricing tier. */
  public readonly sku: RedisSku;
  /** Size within the tier's family. */
  public readonly capacity: number;
  /** Availability zones of the cache (empty when not zonal). */
  public readonly zones: readonly string[];
  /** Replicas per primary (Premium), or undefined for Basic and Standard. */
  public readonly replicasPerPrimary?: number;
  /** Shards, when clustered. */
  public readonly shardCount?: number;
  /** Persistence mode, if any. */
  public readonly persistenceMode?: "rdb" | "aof";
  /** Redis major version. */
  public readonly redisVersion: string;
  /** The private endpoint, when one was requested. */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** The cache this one replicates to, once {@link linkGeoReplica} was called on either side. */
  public get geoReplicationPartner(): RedisCache | undefined {
    return this.partner;
  }
  private partner?: RedisCache;
  private readonly resourceGroup: ResourceGroup;

  constructor(scope: Construct, id: string, props: RedisCacheProps) {
    super(scope, id);
    const path = "redis";
    this.region = props.namer.context.region;
    const regionInfo = lookupRegion(this.region, `${path}.region`);

    // --- validation, before anything is created ---
    const sku = validateEnum(`${path}.sku`, props.sku ?? "Premium", SKUS)!;
    const premium = sku === "Premium";
    if (sku === "Basic" && (props.basicSkuNote === undefined || props.basicSkuNote.trim() === "")) {
      throw new ValidationError(
        `${path}.sku`,
        "Basic caches are a single node without replica or SLA; a restart or patch loses every key",
        sku,
        'set basicSkuNote to say why that is acceptable here, or use "Standard" (dev) or "Premium"',
      );
    }
    const capacity = props.capacity ?? 1;
    if (premium) {
      validateRangeIn(`${path}.capacity`, capacity, 1, 5, "the P family (Premium)");
    } else {
      validateRangeIn(`${path}.capacity`, capacity, 0, 6, `the C family (${sku})`);
    }

    const zones = props.zones ?? (premium ? [...regionInfo.zones] : []);
    if (!premium) {
      if (zones.length > 0) {
        throw new ValidationError(`${path}.zones`, "Basic and Standard caches cannot use zones", zones, 'use sku "Premium" or drop zones');
      }
      if (props.shardCount !== undefined) {
        throw new ValidationError(`${path}.shardCount`, "Basic and Standard caches cannot be clustered", props.shardCount, 'use sku "Premium" or drop shardCount');
      }
      if (props.replicasPerPrimary !== undefined) {
        throw new ValidationError(`${path}.replicasPerPrimary`, "Basic and Standard caches have a fixed topology", props.replicasPerPrimary, 'use sku "Premium" or drop replicasPerPrimary');
      }
      if (props.persistence !== undefined) {
        throw new ValidationError(`${path}.persistence`, "data persistence requires a Premium cache", sku, 'use sku "Premium" or drop persistence');
      }
    }
    validateZones(`${path}.zones`, this.region, zones);
    validateUnique(`${path}.zones`, zones);
    const replicas = premium ? (props.replicasPerPrimary ?? (zones.length >= 3 ? 2 : 1)) : undefined;
    if (replicas !== undefined) {
      validateRange(`${path}.replicasPerPrimary`, replicas, 1, 3);
      // A Premium cache places its primary and replicas one per zone, so N zones need N-1 replicas
      // (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-zone-redundancy).
      if (!isUnresolved(replicas) && zones.length > replicas + 1) {
        throw new ValidationError(
          `${path}.replicasPerPrimary`,
          `is too low to spread the cache over ${zones.length} zones (one node per zone)`,
          replicas,
          `use at least ${zones.length - 1} replicas, or fewer zones`,
        );
      }
    }
    if (props.shardCount !== undefined) validateRange(`${path}.shardCount`, props.shardCount, 1, 10);
    if (props.persistence) validatePersistence(`${path}.persistence`, props.persistence, replicas);
    const maxmemoryPolicy = validateEnum(`${path}.maxmemoryPolicy`, props.maxmemoryPolicy ?? "volatile-lru", REDIS_EVICTION_POLICIES)!;
    const redisVersion = validateEnum(`${path}.redisVersion`, props.redisVersion ?? "6", ["6"])!;
    const patch = props.patchSchedule ?? { dayOfWeek: "Sunday", startHourUtc: 2 };
    validateEnum(`${path}.patchSchedule.dayOfWeek`, patch.dayOfWeek, WEEKDAYS);
    validateRange(`${path}.patchSchedule.startHourUtc`, patch.startHourUtc, 0, 23);
    const publicNetworkAccess = props.publicNetworkAccessEnabled ?? false;
    if (!publicNetworkAccess && !props.privateEndpoint) {
      throw new ValidationError(
        `${path}.privateEndpoint`,
        "is missing while public network access is off, so nothing could reach the cache",
        props.privateEndpoint,
        "give a privateEndpoint placement (network and privatelink.redis.cache.windows.net zone), or set publicNetworkAccessEnabled",
      );
    }
    if (props.privateEndpoint) validatePrivateEndpointZone(`${path}.privateEndpoint`, props.privateEndpoint, PRIVATE_DNS_ZONE_NAMES.redis, "Azure Cache for Redis");
    this.name = props.name ? validateResourceName(`${path}.name`, "redis_cache", props.name) : props.namer.name("redis_cache");

    this.sku = sku;
    this.capacity = capacity;
    this.zones = zones;
    this.replicasPerPrimary = replicas;
    this.shardCount = props.shardCount;
    this.persistenceMode = props.persistence?.mode;
    this.redisVersion = redisVersion;
    this.resourceGroup = props.resourceGroup;

    // --- resources ---
    this.cache = new AzRedisCache(this, "Resource", {
      name: this.name,
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
      skuName: sku,
      family: premium ? "P" : "C",
      capacity,
      zones: zones.length > 0 ? [...zones] : undefined,
      replicasPerPrimary: replicas,
      shardCount: props.shardCount,
      redisVersion,
      nonSslPortEnabled: false,
      minimumTlsVersion: "1.2",
      publicNetworkAccessEnabled: publicNetworkAccess,
      accessKeysAuthenticationEnabled: props.accessKeysAuthenticationEnabled ?? false,
      identity: props.persistence ? { type: "SystemAssigned" } : undefined,
      redisConfiguration: {
        activeDirectoryAuthenticationEnabled: true,
        maxmemoryPolicy,
        ...(props.persistence ? persistenceConfiguration(props.persistence) : {}),
      },
      patchSchedule: [{ dayOfWeek: patch.dayOfWeek, startHourUtc: patch.startHourUtc, maintenanceWindow: "PT5H" }],
    });

    if (props.persistence) {
      // The cache writes with its own identity: no storage key ever appears in Terraform state.
      const accounts = [props.persistence.storageAccount, ...(props.persistence.mode === "aof" && props.persistence.secondaryStorageAccount ? [props.persistence.secondaryStorageAccount] : [])];
      accounts.forEach((account, i) => {
        grantRole(this, i === 0 ? "PersistenceStorageAccess" : "PersistenceSecondaryStorageAccess", { scopeId: account.id, roleDefinitionName: "Storage Blob Data Contributor" }, { principalId: this.cache.identity.principalId });
      });
    }

    this.privateEndpoint = addServiceAttachments(this, this.cache, props, { privateEndpoint: { subresource: "redisCache", qualifier: "redis" } }).privateEndpoint;
  }

  /** The cache's resource ID. */
  public get id(): string {
    return this.cache.id;
  }

  /** Host name clients connect to (TLS port {@link sslPort}). */
  public get hostname(): string {
    return this.cache.hostname;
  }

  /** The TLS port (6380). */
  public get sslPort(): number {
    return this.cache.sslPort;
  }

  /**
   * Lets a principal use the cache's data through a Redis data access policy assignment
   * (`azurerm_redis_cache_access_policy_assignment`). This is the data plane: Azure RBAC roles such as
   * `Redis Cache Contributor` manage the resource but grant no data access. The principal signs in with an Entra token
   * and its object ID as the Redis user name.
   *
   * `id` names the assignment (1–63 letters, digits and hyphens, starting with a letter); it is the construct id and the
   * assignment's name, so renaming it replaces the assignment.
   */
  public grantDataAccess(id: string, principal: IPrincipal, options: RedisDataAccessOptions = {}): RedisCacheAccessPolicyAssignment {
    const path = `redis.dataAccess.${id}`;
    validatePattern(`${path}.id`, id, GRANT_ID, "use 1-63 letters, digits and hyphens, starting with a letter");
    const policy = validateEnum(`${path}.policy`, options.policy ?? "Data Contributor", DATA_ACCESS_POLICIES)!;
    validateGuid(`${path}.principalId`, principal.principalId);
    const alias = options.alias ?? id;
    if (!isUnresolved(alias) && alias.trim() === "") {
      throw new ValidationError(`${path}.alias`, "is empty", alias, "give a friendly name, or leave alias unset to use the id");
    }
    const owner = grantOwner(this, principal);
    if (owner.node.tryFindChild(`DataAccess${id}`)) {
      throw new ValidationError(`${path}.id`, "is already used by another data access assignment of this cache", id, "give every assignment its own id");
    }
    return new RedisCacheAccessPolicyAssignment(owner, `DataAccess${id}`, {
      name: id,
      redisCacheId: this.cache.id,
      accessPolicyName: policy,
      objectId: principal.principalId,
      objectIdAlias: alias,
    });
  }

  /**
   * Links `secondary` to this cache with passive geo-replication (`azurerm_redis_linked_server`): this cache stays the
   * read-write geo-primary, the secondary becomes read-only until it is unlinked or failed over. Failover is never
   * automatic. Azure's prerequisites are checked here: both caches Premium, neither zone-redundant, neither persistent,
   * one replica per primary on both, equal shard counts, the secondary at least as large as the primary, the same Redis
   * version, and each cache in at most one link
   * (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-geo-replication). Both caches must also be in
   * the same subscription, which cannot be checked at synth time.
   *
   * The secondary may live in another stack (the second region's); cdktf passes its ID across. Pass `scope` to create
   * the link there (e.g. the secondary cache, so the link lives in the secondary region's stack and the primary's
   * stack never depends on the secondary's).
   */
  public linkGeoReplica(secondary: RedisCache, options: RedisGeoReplicaOptions = {}): RedisLinkedServer {
    const path = "redis.geoReplication";
    if (secondary === this) {
      throw new ValidationError(path, "cannot link a cache to itself", this.node.path, "link two different caches");
    }
    if (this.sku !== "Premium" || secondary.sku !== "Premium") {
      throw new ValidationError(path, "passive geo-replication requires Premium on both caches", { primary: this.sku, secondary: secondary.sku }, 'use sku "Premium" for both');
    }
    for (const [role, cache] of [["primary", this], ["secondary", secondary]] as const) {
      if (cache.partner) {
        throw new ValidationError(path, `the ${role} cache is already geo-replicated with ${cache.partner.node.path}`, cache.node.path, "a cache can be linked to one other cache only");
      }
      if (cache.zones.length > 0) {
        throw new ValidationError(path, `zone redundancy isn't supported with geo-replication, and the ${role} cache has zones`, { [role]: cache.zones }, `set zones: [] on the ${role} cache`);
      }
      if (cache.persistenceMode) {
        throw new ValidationError(path, `persistence isn't supported with geo-replication, and the ${role} cache persists (${cache.persistenceMode})`, { [role]: cache.persistenceMode }, `drop persistence on the ${role} cache`);
      }
      if (cache.replicasPerPrimary !== undefined && !isUnresolved(cache.replicasPerPrimary) && cache.replicasPerPrimary !== 1) {
        throw new ValidationError(path, `caches with more than one replica can't be geo-replicated, and the ${role} cache has ${cache.replicasPerPrimary}`, { [role]: cache.replicasPerPrimary }, `set replicasPerPrimary: 1 on the ${role} cache`);
      }
    }
    if ((this.shardCount ?? 0) !== (secondary.shardCount ?? 0)) {
      throw new ValidationError(path, "clustered caches need the same shard count on both sides", { primary: this.shardCount ?? 0, secondary: secondary.shardCount ?? 0 }, "give both caches the same shardCount");
    }
    if (!isUnresolved(this.capacity) && !isUnresolved(secondary.capacity) && secondary.capacity < this.capacity) {
      throw new ValidationError(path, "the secondary cache must be at least as large as the primary", { primary: `P${this.capacity}`, secondary: `P${secondary.capacity}` }, `give the secondary capacity ${this.capacity} or more (equal sizes allow geo-failover)`);
    }
    if (this.redisVersion !== secondary.redisVersion) {
      throw new ValidationError(path, "both caches must run the same Redis version", { primary: this.redisVersion, secondary: secondary.redisVersion }, "use the same redisVersion");
    }
    this.partner = secondary;
    secondary.partner = this;
    // Private endpoints cannot be added to caches that are already linked, so link only after they exist. Terraform
    // depends_on cannot cross stacks; an endpoint is waited for only when it is in the link's stack.
    const scope = options.scope ?? this;
    const linkStack = TerraformStack.of(scope);
    const endpoints = [this.privateEndpoint, secondary.privateEndpoint].filter((e): e is PrivateEndpoint => e !== undefined && TerraformStack.of(e) === linkStack);
    return new RedisLinkedServer(scope, "GeoReplica", {
      targetRedisCacheName: this.cache.name,
      resourceGroupName: this.resourceGroup.name,
      linkedRedisCacheId: secondary.cache.id,
      linkedRedisCacheLocation: secondary.cache.location,
      serverRole: "Secondary",
      dependsOn: endpoints.map((e) => e.endpoint),
    });
  }
}

/** Persistence settings of `redis_configuration`, authenticated with the cache's managed identity. */
function persistenceConfiguration(persistence: RedisPersistence): Partial<RedisCacheRedisConfiguration> {
  const common = {
    dataPersistenceAuthenticationMethod: "ManagedIdentity",
    // The subscription of the storage account: segment 2 of /subscriptions/<id>/resourceGroups/...
    storageAccountSubscriptionId: Fn.element(Fn.split("/", persistence.storageAccount.id), 2),
  };
  if (persistence.mode === "rdb") {
    return {
      ...common,
      rdbBackupEnabled: true,
      rdbBackupFrequency: persistence.backupFrequencyMinutes ?? 60,
      // With managed identity the "connection string" is the blob endpoint alone: there is no key to put in it.
      rdbStorageConnectionString: persistence.storageAccount.primaryBlobEndpoint,
    };
  }
  return {
    ...common,
    aofBackupEnabled: true,
    aofStorageConnectionString0: persistence.storageAccount.primaryBlobEndpoint,
    aofStorageConnectionString1: persistence.secondaryStorageAccount?.primaryBlobEndpoint,
  };
}

function validatePersistence(path: string, persistence: RedisPersistence, replicas: number | undefined): void {
  validateEnum(`${path}.mode`, persistence.mode, ["rdb", "aof"]);
  if (persistence.mode === "rdb") {
    const frequency = persistence.backupFrequencyMinutes;
    if (frequency !== undefined && !isUnresolved(frequency) && !(REDIS_RDB_BACKUP_FREQUENCIES_MINUTES as readonly number[]).includes(frequency)) {
      throw new ValidationError(`${path}.backupFrequencyMinutes`, "is not an allowed backup frequency", frequency, `use one of ${REDIS_RDB_BACKUP_FREQUENCIES_MINUTES.join(", ")} (minutes)`);
    }
  } else if (replicas !== undefined && !isUnresolved(replicas) && replicas > 1) {
    // https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-multi-replicas
    throw new ValidationError(`${path}.mode`, `AOF persistence can't be used with more than one replica (the cache has ${replicas})`, persistence.mode, 'use mode "rdb", or replicasPerPrimary: 1 (and at most two zones)');
  }
}

function validateRangeIn(path: string, value: number, min: number, max: number, family: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new ValidationError(path, "must be a whole number", value, `use ${min} to ${max}`);
  }
  if (value < min || value > max) {
    throw new ValidationError(path, `is out of range for ${family}`, value, `use ${min} to ${max}`);
  }
}
