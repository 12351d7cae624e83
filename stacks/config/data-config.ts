import { z } from "zod";
import { ValidationError } from "../../lib/core/errors";

/**
 * The data and messaging part of an environment config: which stores and brokers exist, their entities, and how
 * events are routed between them. Names here are plain strings (config is data); the platform stack resolves them
 * into typed references, and {@link validateDataConfig} checks every reference names something that exists.
 */

const ENTITY = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;
const entityName = z.string().regex(ENTITY, "use 2-50 lowercase letters, digits and hyphens, starting with a letter");

const routeSchema = z.strictObject({
  /** Service Bus queue (of this environment's namespace) the events are delivered to. */
  queue: z.string().optional(),
  /** Event hub (of this environment's namespace) the events are delivered to. */
  eventHub: z.string().optional(),
  /** Only these event types. */
  eventTypes: z.array(z.string().min(1)).min(1, "list at least one event type, or drop the field to receive every type").optional(),
  /** Only subjects starting with this. */
  subjectBeginsWith: z.string().min(1).optional(),
  /** Only subjects ending with this (e.g. `.jpg`). */
  subjectEndsWith: z.string().min(1).optional(),
});

export const dataSchema = z.strictObject({
  /** Protect stateful resources (prevent_destroy + CanNotDelete lock). */
  protect: z.boolean().optional(),
  keyVault: z.strictObject({ softDeleteRetentionDays: z.number().int().optional(), purgeProtection: z.boolean().optional() }).optional(),
  redis: z
    .strictObject({
      enabled: z.boolean().optional(),
      sku: z.enum(["Basic", "Standard", "Premium"]).optional(),
      capacity: z.number().int().optional(),
      shardCount: z.number().int().optional(),
      /**
       * Passive geo-replication from the primary region's cache to the next region's (Premium, two or more serving
       * regions). Azure does not geo-replicate zone-redundant caches, so both caches give up zones (decision 0005).
       */
      geoReplication: z.boolean().optional(),
    })
    .optional(),
  postgres: z
    .strictObject({
      enabled: z.boolean().optional(),
      version: z.enum(["14", "15", "16"]).optional(),
      skuName: z.string().optional(),
      storageMb: z.number().int().optional(),
      highAvailability: z.boolean().optional(),
      backupRetentionDays: z.number().int().optional(),
      geoRedundantBackup: z.boolean().optional(),
      databases: z.array(z.string()).optional(),
      parameters: z.record(z.string(), z.string()).optional(),
      /**
       * A regional failover: promote the read replica in this (secondary) region to a read-write server. The next apply
       * of that region's platform stack promotes it in place (docs/high-availability.md, runbook).
       */
      promotedReplica: z.string().optional(),
    })
    .optional(),
  storage: z
    .strictObject({
      replication: z.enum(["LRS", "ZRS", "GZRS"]).optional(),
      containers: z.array(z.string()).optional(),
    })
    .optional(),
  serviceBus: z
    .strictObject({
      sku: z.enum(["Basic", "Standard", "Premium"]).optional(),
      queues: z
        .record(
          entityName,
          z.strictObject({
            sessions: z.boolean().optional(),
            duplicateDetectionMinutes: z.number().int().optional(),
            maxDeliveryCount: z.number().int().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  eventHubs: z
    .strictObject({
      sku: z.enum(["Basic", "Standard", "Premium"]).optional(),
      capacity: z.number().int().optional(),
      hubs: z
        .record(
          entityName,
          z.strictObject({
            partitionCount: z.number().int().optional(),
            retentionHours: z.number().int().optional(),
            consumerGroups: z.array(z.string()).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  /**
   * Change data capture from the primary region's PostgreSQL database into Event Hubs (lib/cdc): logical decoding,
   * Debezium in the primary region's apps stack, one event hub per table, a consumer group per consuming service.
   */
  cdc: z
    .strictObject({
      /** The database captured; one of `postgres.databases`. */
      database: z.string(),
      /** Tables captured, as `schema.table` (lowercase letters, digits and `_`, at most 63 characters each). */
      tables: z.array(z.string()).min(1, "list at least one table, as schema.table"),
      /** First part of every change hub's name (`<prefix>.<schema>.<table>`); default the workload. */
      topicPrefix: z.string().optional(),
      /** The logical replication slot (`[a-z0-9_]`, at most 63 characters); default `debezium_<topicPrefix>`. */
      slotName: z.string().optional(),
      /** The publication the slot decodes (same rule); default the slot's name. */
      publicationName: z.string().optional(),
      /**
       * What Debezium reads before streaming; default `when_needed`: a consistent snapshot when there are no offsets, and
       * again when the recorded position is gone from the WAL (a lost slot), then the WAL.
       */
      snapshotMode: z.enum(["initial", "no_data", "when_needed", "initial_only"]).optional(),
      /** Partitions of each change hub; default 4. Events of one primary key stay in one partition. */
      partitionCount: z.number().int().optional(),
      /** Consumer groups for consumers outside the clusters (an analytics job, say), on every change hub. */
      externalConsumers: z.array(z.string()).optional(),
    })
    .optional(),
  events: z
    .strictObject({
      /** Custom Event Grid topics and their subscriptions. */
      topics: z.record(entityName, z.strictObject({ subscriptions: z.record(entityName, routeSchema) })).optional(),
      /** Blob-created events of a container of the environment's storage account. */
      blobEvents: z.record(entityName, z.strictObject({ container: z.string(), subscriptions: z.record(entityName, routeSchema) })).optional(),
    })
    .optional(),
});

/** The data and messaging section of an environment config. */
export type DataConfig = z.input<typeof dataSchema>;
/** Where one event subscription delivers. */
export type EventRouteConfig = z.infer<typeof routeSchema>;

/** A captured table: `schema.table`, each part as PostgreSQL names it unquoted and Debezium's slot rules allow. */
const CDC_TABLE = /^[a-z0-9_]{1,63}\.[a-z0-9_]{1,63}$/;

/**
 * Fails unless every event route names exactly one existing queue or event hub, blob events an existing container,
 * and change data capture an existing database and well-formed, distinct tables.
 */
export function validateDataConfig(data: DataConfig, root: string): void {
  const queues = new Set(Object.keys(data.serviceBus?.queues ?? {}));
  const hubs = new Set(Object.keys(data.eventHubs?.hubs ?? {}));
  const containers = new Set(data.storage?.containers ?? []);
  const checkRoute = (path: string, route: EventRouteConfig) => {
    const targets = [route.queue, route.eventHub].filter((t) => t !== undefined);
    if (targets.length !== 1) {
      throw new ValidationError(path, targets.length === 0 ? "has no endpoint" : "names more than one endpoint", route, "name exactly one of queue or eventHub");
    }
    if (route.queue !== undefined && !queues.has(route.queue)) {
      throw new ValidationError(`${path}.queue`, "names a queue that does not exist", route.queue, `use one of the queues in data.serviceBus.queues (${[...queues].join(", ") || "none defined"})`);
    }
    if (route.eventHub !== undefined && !hubs.has(route.eventHub)) {
      throw new ValidationError(`${path}.eventHub`, "names an event hub that does not exist", route.eventHub, `use one of the hubs in data.eventHubs.hubs (${[...hubs].join(", ") || "none defined"})`);
    }
  };
  if (data.cdc) {
    const cdc = data.cdc;
    const at = `${root}.data.cdc`;
    if (data.postgres?.enabled === false) {
      throw new ValidationError(`${at}.database`, "is captured from PostgreSQL, which the environment turns off", cdc.database, "enable data.postgres, or drop data.cdc");
    }
    const databases = data.postgres?.databases ?? [];
    if (!databases.includes(cdc.database)) {
      throw new ValidationError(`${at}.database`, "names a database that does not exist", cdc.database, `use one of data.postgres.databases (${databases.join(", ") || "none defined"})`);
    }
    const seen = new Map<string, number>();
    cdc.tables.forEach((table, i) => {
      if (!CDC_TABLE.test(table)) {
        throw new ValidationError(`${at}.tables[${i}]`, "is not a schema-qualified table name", table, 'use "schema.table" with lowercase letters, digits and "_", at most 63 characters each (e.g. "public.orders")');
      }
      if (seen.has(table)) throw new ValidationError(`${at}.tables[${i}]`, `repeats tables[${seen.get(table)}]`, table, "list each table once");
      seen.set(table, i);
    });
    for (const field of ["slotName", "publicationName"] as const) {
      const value = cdc[field];
      if (value !== undefined && !/^[a-z0-9_]{1,63}$/.test(value)) {
        throw new ValidationError(`${at}.${field}`, `is not a valid ${field === "slotName" ? "replication slot" : "publication"} name`, value, 'use 1-63 lowercase letters, digits and "_" (e.g. "debezium_orders")');
      }
    }
    if (data.eventHubs?.sku === "Basic") {
      throw new ValidationError(`${at}`, "publishes through the Event Hubs Kafka endpoint, which Basic namespaces do not have", data.eventHubs.sku, 'use data.eventHubs.sku "Standard" or "Premium"');
    }
  }
  for (const [topic, { subscriptions }] of Object.entries(data.events?.topics ?? {})) {
    for (const [name, route] of Object.entries(subscriptions)) checkRoute(`${root}.data.events.topics.${topic}.subscriptions.${name}`, route);
  }
  for (const [source, { container, subscriptions }] of Object.entries(data.events?.blobEvents ?? {})) {
    if (!containers.has(container)) {
      throw new ValidationError(`${root}.data.events.blobEvents.${source}.container`, "names a container that does not exist", container, `add it to data.storage.containers (${[...containers].join(", ") || "none defined"})`);
    }
    for (const [name, route] of Object.entries(subscriptions)) checkRoute(`${root}.data.events.blobEvents.${source}.subscriptions.${name}`, route);
  }
}
