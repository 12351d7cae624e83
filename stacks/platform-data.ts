import { Construct } from "constructs";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import type { PostgresqlFlexibleServer } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { ResourceNamer } from "../lib/core/naming";
import { PostgresFlexibleServer } from "../lib/data/postgresql-flexible-server";
import { RedisCache } from "../lib/data/redis-cache";
import { StorageAccount } from "../lib/data/storage-account";
import { EventGridDestination } from "../lib/messaging/event-grid";
import { EventGridSystemTopic } from "../lib/messaging/event-grid-system-topic";
import { EventGridTopic } from "../lib/messaging/event-grid";
import { EventHubsNamespace } from "../lib/messaging/event-hubs";
import { ServiceBusNamespace } from "../lib/messaging/service-bus";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../lib/network/private-dns-zone";
import { VirtualNetwork } from "../lib/network/virtual-network";
import { LogAnalytics } from "../lib/observability/log-analytics";
import { KeyVault } from "../lib/security/key-vault";
import type { EventRouteConfig } from "./config/data-config";
import type { ResolvedData } from "./config/resolve";

/** What the data layer of a regional platform needs from the rest of the stack. */
export interface PlatformDataProps {
  readonly resourceGroup: ResourceGroup;
  readonly namer: ResourceNamer;
  readonly network: VirtualNetwork;
  readonly logAnalytics: LogAnalytics;
  readonly data: ResolvedData;
  /**
   * The region's part: the `primary` (first) region holds the writable PostgreSQL server; a `secondary` holds its read
   * replica and, with Redis geo-replication, the replica cache.
   */
  readonly role: "primary" | "secondary";
  /** The primary region's data layer, for a secondary region's replicas. */
  readonly primary?: PlatformData;
}

/** The container every event subscription of the region dead-letters into. */
export const DEAD_LETTER_CONTAINER = "eventgrid-deadletter";

/**
 * The data and messaging services of one region: Key Vault, storage, Redis, PostgreSQL (primary region), Service Bus,
 * Event Hubs and Event Grid, each private (private endpoint or delegated subnet, registered in the region's private
 * DNS zones), Entra ID-only, with diagnostics to the region's Log Analytics workspace and, when the environment
 * protects data, prevent_destroy and CanNotDelete locks on every stateful resource. Event routes from the config
 * become Event Grid subscriptions that deliver with the topic's managed identity and dead-letter into storage.
 */
export class PlatformData extends Construct {
  public readonly keyVault: KeyVault;
  public readonly storage: StorageAccount;
  public readonly redis?: RedisCache;
  public readonly postgres?: PostgresFlexibleServer;
  /** The read replica of the primary region's server, in a secondary region. */
  public readonly postgresReplica?: PostgresqlFlexibleServer;
  /** Entra ID administrator of the PostgreSQL server: a managed identity that migration jobs federate to. */
  public readonly postgresAdmin?: UserAssignedIdentity;
  public readonly serviceBus: ServiceBusNamespace;
  public readonly eventHubs: EventHubsNamespace;
  public readonly topics: ReadonlyMap<string, EventGridTopic>;
  public readonly blobEventTopic?: EventGridSystemTopic;

  constructor(scope: Construct, id: string, props: PlatformDataProps) {
    super(scope, id);
    const { resourceGroup, namer, network, logAnalytics, data } = props;
    const protect = data.protect;
    const zones = new Map<string, PrivateDnsZone>();
    const placement = (zoneName: string) => {
      let zone = zones.get(zoneName);
      if (!zone) {
        zone = new PrivateDnsZone(this, `Zone-${zoneName}`, { resourceGroup, zoneName, virtualNetworks: [network] });
        zones.set(zoneName, zone);
      }
      return { network, dnsZone: zone };
    };
    const clientConfig = new DataAzurermClientConfig(this, "ClientConfig");
    const common = { resourceGroup, namer, logAnalytics, protect };

    this.keyVault = new KeyVault(this, "KeyVault", {
      ...common,
      tenantId: clientConfig.tenantId,
      softDeleteRetentionDays: data.keyVault.softDeleteRetentionDays,
      purgeProtectionEnabled: data.keyVault.purgeProtection,
      privateEndpoint: placement(PRIVATE_DNS_ZONE_NAMES.keyVault),
    });

    this.storage = new StorageAccount(this, "Storage", {
      ...common,
      replication: data.storage.replication,
      privateEndpoints: { blob: placement(PRIVATE_DNS_ZONE_NAMES.blob) },
    });
    for (const container of data.storage.containers) this.storage.addContainer(container);
    const hasEvents = Object.keys(data.events.topics ?? {}).length + Object.keys(data.events.blobEvents ?? {}).length > 0;
    if (hasEvents) this.storage.addContainer(DEAD_LETTER_CONTAINER);

    if (data.redis) {
      const geo = data.redis.geoReplication;
      this.redis = new RedisCache(this, "Redis", {
        ...common,
        sku: data.redis.sku,
        capacity: data.redis.capacity,
        shardCount: data.redis.shardCount,
        // Azure does not geo-replicate zone-redundant caches or caches with more than one replica (decision 0005).
        ...(geo ? { zones: [], replicasPerPrimary: 1 } : {}),
        privateEndpoint: placement(PRIVATE_DNS_ZONE_NAMES.redis),
      });
      const primaryCache = props.primary?.redis;
      // One link, from the primary region's cache to the first secondary's, created in the secondary's stack.
      if (geo && props.role === "secondary" && primaryCache && !primaryCache.geoReplicationPartner) {
        primaryCache.linkGeoReplica(this.redis, { scope: this.redis });
      }
    }

    const postgresZone = () =>
      new PrivateDnsZone(this, "PostgresZone", {
        resourceGroup,
        zoneName: `${namer.context.workload}-${namer.context.environment}-${namer.regionShortCode}.private.postgres.database.azure.com`,
      });
    const primaryServer = props.primary?.postgres;
    if (data.postgres && props.role === "secondary" && primaryServer) {
      // The read replica: asynchronous physical replication from the primary region, promoted on a regional failover
      // (docs/high-availability.md has the runbook). It inherits the primary's Entra ID roles.
      this.postgresReplica = primaryServer.addReadReplica(namer.regionShortCode, {
        scope: this,
        resourceGroup,
        namer,
        network,
        dnsZone: postgresZone(),
        logAnalytics,
        protect,
        promoted: data.postgres.promotedReplica === namer.context.region,
      });
    }

    if (data.postgres && props.role === "primary") {
      const pg = data.postgres;
      const adminName = namer.name("user_assigned_identity", { qualifier: "pgadmin" });
      this.postgresAdmin = new UserAssignedIdentity(this, "PostgresAdmin", {
        name: adminName,
        location: resourceGroup.location,
        resourceGroupName: resourceGroup.name,
      });
      const dnsZone = postgresZone();
      this.postgres = new PostgresFlexibleServer(this, "Postgres", {
        ...common,
        network,
        dnsZone,
        version: pg.version,
        skuName: pg.skuName,
        storageMb: pg.storageMb,
        highAvailability: pg.highAvailability,
        backupRetentionDays: pg.backupRetentionDays,
        geoRedundantBackupEnabled: pg.geoRedundantBackup,
        tenantId: clientConfig.tenantId,
        entraAdministrators: [{ principal: this.postgresAdmin, principalName: adminName, principalType: "ServicePrincipal" }],
        databases: [...pg.databases],
        parameters: { ...pg.parameters },
      });
    }

    const busSku = data.serviceBus.sku;
    this.serviceBus = new ServiceBusNamespace(this, "ServiceBus", {
      ...common,
      sku: busSku,
      // Only Premium namespaces take private endpoints; Standard and Basic stay public with Entra ID auth only.
      ...(busSku === "Premium" ? { privateEndpoint: placement(PRIVATE_DNS_ZONE_NAMES.serviceBus) } : { publicNetworkAccessEnabled: true }),
    });
    for (const [name, queue] of Object.entries(data.serviceBus.queues)) {
      this.serviceBus.addQueue(name, {
        sessions: queue.sessions,
        duplicateDetectionWindowMinutes: queue.duplicateDetectionMinutes,
        maxDeliveryCount: queue.maxDeliveryCount,
      });
    }

    this.eventHubs = new EventHubsNamespace(this, "EventHubs", {
      ...common,
      sku: data.eventHubs.sku,
      // Basic has no Kafka endpoint; asking for one there would fail on a field the config never sets.
      kafkaEnabled: data.eventHubs.sku !== "Basic",
      throughputUnits: data.eventHubs.throughputUnits,
      privateEndpoint: placement(PRIVATE_DNS_ZONE_NAMES.eventHubs),
    });
    for (const [name, hub] of Object.entries(data.eventHubs.hubs)) {
      const created = this.eventHubs.addEventHub(name, { partitionCount: hub.partitionCount, retentionHours: hub.retentionHours });
      for (const group of hub.consumerGroups ?? []) created.addConsumerGroup(group);
    }

    const subscriptionOptions = (route: EventRouteConfig) => ({
      destination: this.destinationOf(route),
      includedEventTypes: route.eventTypes,
      subjectBeginsWith: route.subjectBeginsWith,
      subjectEndsWith: route.subjectEndsWith,
      deadLetter: { storageAccount: this.storage, containerName: DEAD_LETTER_CONTAINER },
    });
    const topics = new Map<string, EventGridTopic>();
    for (const [name, topic] of Object.entries(data.events.topics ?? {})) {
      const created = new EventGridTopic(this, `Topic-${name}`, { resourceGroup, namer, logAnalytics, qualifier: name.replace(/-/g, ""), privateEndpoint: placement(PRIVATE_DNS_ZONE_NAMES.eventGrid) });
      for (const [subscription, route] of Object.entries(topic.subscriptions)) created.addSubscription(subscription, subscriptionOptions(route));
      topics.set(name, created);
    }
    this.topics = topics;
    const blobEvents = Object.entries(data.events.blobEvents ?? {});
    if (blobEvents.length > 0) {
      // One system topic per storage account: Azure allows a single system topic per source.
      this.blobEventTopic = new EventGridSystemTopic(this, "BlobEvents", { resourceGroup, namer, logAnalytics, source: this.storage, qualifier: "blob" });
      for (const [source, { container, subscriptions }] of blobEvents) {
        for (const [subscription, route] of Object.entries(subscriptions)) {
          this.blobEventTopic.addSubscription(`${source}-${subscription}`, {
            ...subscriptionOptions(route),
            includedEventTypes: route.eventTypes ?? ["Microsoft.Storage.BlobCreated"],
            subjectBeginsWith: route.subjectBeginsWith ?? `/blobServices/default/containers/${container}/`,
          });
        }
      }
    }
  }

  private destinationOf(route: EventRouteConfig): EventGridDestination {
    if (route.queue !== undefined) return { serviceBusQueue: this.serviceBus.queues.get(route.queue)! };
    return { eventHub: this.eventHubs.eventHubs.get(route.eventHub!)! };
  }
}
