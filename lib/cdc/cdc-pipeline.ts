import { Construct } from "constructs";
import { EventhubConsumerGroup } from "@cdktf/provider-azurerm/lib/eventhub-consumer-group";
import { MonitorAlertPrometheusRuleGroup } from "@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group";
import { MonitorMetricAlert } from "@cdktf/provider-azurerm/lib/monitor-metric-alert";
import { PostgresqlFlexibleServer } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server";
import { PostgresqlFlexibleServerConfiguration } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration";
import { PostgresqlFlexibleServerDatabase } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-database";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError } from "../core/errors";
import { IPrincipal } from "../core/grants";
import { validateResourceName } from "../core/naming";
import { isUnresolved, validatePattern, validateRange, validateUnique } from "../core/validate";
import { PostgresFlexibleServer } from "../data/postgresql-flexible-server";
import { EventHub, EventHubsNamespace } from "../messaging/event-hubs";
import { MessagingGrantOptions } from "../messaging/private/grants";
import { ManagedPrometheus } from "../observability/managed-prometheus";
import { parseTable, QualifiedTable, toIdentifierPart, validateIdentifier } from "./private/identifiers";
import { applyParameter, ParameterPlan, planParameter } from "./private/server-parameters";

/**
 * Event hubs a namespace holds, by tier ("Compare Azure Event Hubs tiers", https://learn.microsoft.com/azure/event-hubs/compare-tiers
 * and "Azure Event Hubs quotas and limits", https://learn.microsoft.com/azure/event-hubs/event-hubs-quotas): 10 on Basic
 * and Standard, 100 per processing unit on Premium, 1000 on a Dedicated cluster.
 */
export const EVENT_HUBS_PER_NAMESPACE = { Basic: 10, Standard: 10, PremiumPerProcessingUnit: 100, Dedicated: 1000 } as const;

/** Consumer groups an event hub holds by tier, `$Default` included (same sources). */
const CONSUMER_GROUPS_PER_HUB = { Basic: 1, Standard: 20, Premium: 100 } as const;

/** The PostgreSQL port of a flexible server. */
const POSTGRES_PORT = 5432;

/**
 * Azure's default `shared_preload_libraries` on flexible servers. Setting the parameter replaces the whole list, so the
 * pipeline keeps these when it adds `pg_failover_slots` (https://learn.microsoft.com/azure/postgresql/extensions/how-to-load-libraries).
 */
export const AZURE_DEFAULT_PRELOAD_LIBRARIES = ["pg_cron", "pg_stat_statements"] as const;

/** Prefix of Debezium's heartbeat topic; `__debezium-heartbeat` (Debezium's default) is not a valid event hub name. */
export const HEARTBEAT_TOPIC_PREFIX = "debezium-heartbeat";

/** Azure Monitor namespace of flexible server metrics. */
const POSTGRES_METRIC_NAMESPACE = "Microsoft.DBforPostgreSQL/flexibleServers";

/** Thresholds and receivers of the pipeline's alerts. */
export interface CdcAlertOptions {
  /**
   * Action groups (resource IDs) every alert notifies.
   * @default - none: the alerts fire in Azure Monitor without notifying anyone
   */
  readonly actionGroupIds?: string[];
  /**
   * Replication lag, in bytes of WAL, above which the replication-lag alert fires: the flexible server metric
   * `logical_replication_delay_in_bytes` ("Max Logical Replication Lag", the lag of the slowest logical slot), maximum
   * over 15 minutes.
   * @default 1073741824 (1 GiB)
   */
  readonly replicationLagBytes?: number;
  /**
   * Transaction-log storage, in bytes, above which the WAL-size alert fires: the metric `txlogs_storage_used`
   * ("Transaction Log Storage Used"), maximum over 15 minutes. A slot that stops advancing keeps every WAL segment from
   * its restart point, so this is where a stalled connector shows first. Azure exposes no per-slot retained-WAL metric,
   * and `max_slot_wal_keep_size` is read-only (-1) on flexible servers, so this alert is the bound on WAL growth.
   * @default a quarter of the server's storage
   */
  readonly walStorageBytes?: number;
  /**
   * The Azure Monitor workspace that stores the cluster's Prometheus metrics, including KEDA's. With it, a Prometheus
   * rule group alerts on consumer lag. The AKS metrics add-on does not scrape KEDA by default: add a scrape job for the
   * `keda-operator` metrics port (8080, `/metrics`) to the `ama-metrics-prometheus-config` ConfigMap.
   * @default - no consumer-lag alert
   */
  readonly prometheus?: ManagedPrometheus;
  /**
   * Cluster the consumer-lag rules evaluate (the rule group's `clusterName`).
   * @default - every cluster writing to the workspace
   */
  readonly clusterName?: string;
  /**
   * Unprocessed events above which (sustained for 15 minutes) a consumer's lag alert fires, read from KEDA's
   * `keda_scaler_metrics_value` for the consumer group's `azure-eventhub` scaler. KEDA reports at most partitions ×
   * `unprocessedEventThreshold` (it never scales beyond the partition count), so a threshold above that cap never
   * fires; at the cap the alert means "the consumers run at the partition ceiling and still fall behind".
   * @default partitionCount × 64 (KEDA's default unprocessedEventThreshold): the cap itself
   */
  readonly consumerLagEvents?: number;
  /**
   * The consumers whose lag KEDA reports, i.e. the ones that scale with an `azure-eventhub` scaler; a consumer outside
   * the clusters (an analytics job) has no scaler, so a rule for it would never fire.
   * @default every consumer
   */
  readonly lagWatchedConsumers?: string[];
}

/** Props for {@link CdcPipeline}. */
export interface CdcPipelineProps {
  /**
   * The primary server the changes come from. A read replica (the `azurerm_postgresql_flexible_server` that
   * `addReadReplica` returns) is refused: logical decoding reads the primary's WAL.
   */
  readonly server: PostgresFlexibleServer | PostgresqlFlexibleServer;
  /** The database the tables live in; one the server created with `addDatabase` (or its `databases` prop). */
  readonly database: string;
  /**
   * Tables to capture as `schema.table`, each part 1–63 lowercase letters, digits and `_`. Each gets an event hub
   * `<topicPrefix>.<schema>.<table>` (Debezium's topic name).
   */
  readonly tables: string[];
  /**
   * Namespace of the change event hubs; Standard or above, with the Kafka endpoint Debezium writes to. Its tier limits
   * the event hubs (Standard 10, Premium 100 per processing unit), counting the hubs it already holds.
   */
  readonly eventHubs: EventHubsNamespace;
  /**
   * Debezium's `topic.prefix`: the first part of every change hub name (letters, digits, `.`, `-`, `_`, starting and
   * ending with a letter or digit).
   */
  readonly topicPrefix: string;
  /** Resource group of the alerts. */
  readonly resourceGroup: ResourceGroup;
  /**
   * Logical replication slot Debezium creates and reads (1–63 lowercase letters, digits, `_`).
   * @default `debezium_<topicPrefix>` (non-identifier characters as `_`)
   */
  readonly slotName?: string;
  /**
   * Publication of the captured tables (1–63 lowercase letters, digits, `_`). The table owner creates it (see
   * {@link CdcPipeline.setupSql}); Debezium only reads it (`publication.autocreate.mode=disabled`).
   * @default `debezium_<topicPrefix>` (non-identifier characters as `_`)
   */
  readonly publicationName?: string;
  /**
   * Partitions of each change hub. Events of one row keep their order within a partition (the key is the primary key);
   * consumers scale out to at most this many replicas.
   * @default 4
   */
  readonly partitionCount?: number;
  /**
   * Hours the change hubs keep events (Standard: up to 168, Premium: up to 2160).
   * @default 168 (24 on Basic, which the pipeline refuses anyway)
   */
  readonly retentionHours?: number;
  /**
   * Consuming applications (search indexing, analytics, inventory, notifications, cache invalidation, …): each gets a
   * consumer group of its own name on every change hub it reads (see `consumerTables`).
   * @default - none (only `$Default`)
   */
  readonly consumers?: string[];
  /**
   * The tables some consumers read (`schema.table`, captured ones): such a consumer gets its consumer group on those
   * tables' hubs only, so it does not take one of the 20 groups a Standard hub holds on hubs it never reads.
   * @default - every consumer reads every table
   */
  readonly consumerTables?: Readonly<Record<string, string[]>>;
  /**
   * Table Debezium's `heartbeat.action.query` writes to every heartbeat (`schema.table`), or `false` for none. On
   * Azure the server writes WAL for its own databases all the time; without changes in the captured database the slot
   * never advances and holds that WAL. The heartbeat write gives the slot something to confirm. The table is part of
   * the publication and its events go to the heartbeat hub, not a hub of their own.
   * @default "public.debezium_heartbeat"
   */
  readonly heartbeatTable?: string | false;
  /**
   * Seconds between Debezium heartbeats (`heartbeat.interval.ms`), 1 to 3600.
   * @default 10
   */
  readonly heartbeatIntervalSeconds?: number;
  /**
   * `max_replication_slots`, at least Azure's default (10) and what the server needs: 4 for high availability, one per
   * read replica, one per pipeline. Static: changing it restarts the server.
   * @default 20
   */
  readonly maxReplicationSlots?: number;
  /**
   * `max_wal_senders` (Azure allows 5–100), at least Azure's default (10) and 2 for high availability + one per read
   * replica + one per pipeline. Static.
   * @default 20
   */
  readonly maxWalSenders?: number;
  /**
   * `max_worker_processes`, at least 16 as Azure asks for logical replication
   * (https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-logical). Static.
   * @default 16
   */
  readonly maxWorkerProcesses?: number;
  /**
   * Keep the slot across a high-availability failover. PostgreSQL 14–16: the `pg_failover_slots` module
   * (`shared_preload_libraries`, `hot_standby_feedback=on`, `pg_failover_slots.synchronize_slot_names`); PostgreSQL 17+:
   * a failover slot (Debezium's `slot.failover`). Without it, a failover loses the slot and Debezium re-snapshots.
   * @default true when the server has high availability
   */
  readonly failoverSlots?: boolean;
  /**
   * Alerts on replication lag, WAL size and (with `prometheus`) consumer lag; `false` for none.
   * @default - the replication-lag and WAL-size alerts, notifying nobody
   */
  readonly alerts?: CdcAlertOptions | false;
}

/** What `DebeziumServer` (or any other connector) needs to know to read the pipeline's changes. */
export interface DebeziumSourceSettings {
  /** Host name of the server (resolves privately inside linked networks). */
  readonly hostname: string;
  /** PostgreSQL port. */
  readonly port: number;
  /** Database the tables live in. */
  readonly database: string;
  /** Logical replication slot (`slot.name`). */
  readonly slotName: string;
  /** Publication (`publication.name`). */
  readonly publicationName: string;
  /** `table.include.list` entries (`schema.table`), the heartbeat table included. */
  readonly tableIncludeList: readonly string[];
  /** `topic.prefix`. */
  readonly topicPrefix: string;
  /** `topic.heartbeat.prefix`. */
  readonly heartbeatTopicPrefix: string;
  /** The heartbeat topic (`<heartbeat prefix>.<topic prefix>`), an event hub of the pipeline. */
  readonly heartbeatTopic: string;
  /** `heartbeat.interval.ms`. */
  readonly heartbeatIntervalMs: number;
  /** The heartbeat table (`schema.table`), when there is one. */
  readonly heartbeatTable?: string;
  /** `heartbeat.action.query`, when there is a heartbeat table. */
  readonly heartbeatActionQuery?: string;
  /** The topic Debezium would write the heartbeat table's events to (routed to the heartbeat topic instead). */
  readonly heartbeatTableTopic?: string;
  /** Whether the slot must be created as a failover slot (`slot.failover`, PostgreSQL 17+). */
  readonly slotFailover: boolean;
  /** Kafka bootstrap address of the namespace (`<namespace>.servicebus.windows.net:9093`). */
  readonly bootstrapServers: string;
  /** Host name of the namespace (`<namespace>.servicebus.windows.net`). */
  readonly eventHubsHost: string;
  /** Entra ID scope of a Kafka client's token: `https://<namespace>.servicebus.windows.net/.default`. */
  readonly eventHubsTokenScope: string;
}

/** Which mechanism keeps the slot across a failover. */
export type FailoverSlotMechanism = "pg_failover_slots" | "native" | "none";

/** Pipelines per server, to count slots and keep slot and publication names unique. */
const pipelinesByServer = new WeakMap<PostgresFlexibleServer, CdcPipeline[]>();

/**
 * Log-based change data capture from an Azure Database for PostgreSQL flexible server to Event Hubs, the Azure side
 * (it belongs in the primary region's platform stack):
 * - server parameters for logical decoding through `server.addParameter`: `wal_level=logical`, `max_replication_slots`,
 *   `max_wal_senders`, `max_worker_processes` and, on a high-availability server, failover slots (PostgreSQL 14–16:
 *   `pg_failover_slots` in `shared_preload_libraries`, `hot_standby_feedback=on`,
 *   `pg_failover_slots.synchronize_slot_names`). Values already set on the server are checked, never lowered. The
 *   parameters are static: applying them restarts the server.
 *   `max_slot_wal_keep_size` would bound the WAL a stalled slot holds, but it is read-only (-1) on flexible servers
 *   (https://learn.microsoft.com/azure/postgresql/flexible-server/param-replication-sending-servers); instead the WAL-size
 *   alert fires, storage auto-grows, and Azure drops an inactive slot when storage runs short;
 * - an event hub per table (`<topicPrefix>.<schema>.<table>`), a heartbeat hub (`debezium-heartbeat.<topicPrefix>`) and a
 *   consumer group per consumer on every change hub, checked against the namespace tier's limits first;
 * - alerts: replication lag (`logical_replication_delay_in_bytes`), transaction-log size (`txlogs_storage_used`) and,
 *   with Managed Prometheus, consumer lag from KEDA's Event Hubs scalers (Event Hubs has no consumer-lag metric in Azure
 *   Monitor: its IncomingMessages/OutgoingMessages cannot be split by consumer group);
 * - {@link CdcPipeline.debezium}, the settings a connector needs, and {@link CdcPipeline.setupSql}, the
 *   least-privilege role, heartbeat table and publication an Entra ID administrator creates once.
 *
 * The connector itself runs in the apps stack: `DebeziumServer`.
 *
 * @example
 * const db = new PostgresFlexibleServer(this, "Db", { resourceGroup, namer, network, dnsZone, databases: ["shop"] });
 * const streams = new EventHubsNamespace(this, "Streams", { resourceGroup, namer, privateEndpoint: { network, dnsZone: sbZone } });
 * const cdc = new CdcPipeline(this, "Cdc", {
 *   server: db, database: "shop", tables: ["public.orders", "public.order_lines"], eventHubs: streams, topicPrefix: "shop",
 *   resourceGroup, consumers: ["search", "analytics", "inventory", "notifications", "cache"],
 *   alerts: { actionGroupIds: [oncall.id], prometheus },
 * });
 * cdc.hub("public.orders").name; // "shop.public.orders"
 */
export class CdcPipeline extends Construct {
  /** The primary server the changes come from. */
  public readonly server: PostgresFlexibleServer;
  /** The namespace of the change hubs. */
  public readonly eventHubs: EventHubsNamespace;
  /** The captured database. */
  public readonly database: string;
  /** The captured tables (`schema.table`), in the order given. */
  public readonly tables: readonly string[];
  /** Debezium's `topic.prefix`. */
  public readonly topicPrefix: string;
  /** The logical replication slot. */
  public readonly slotName: string;
  /** The publication. */
  public readonly publicationName: string;
  /** The heartbeat table (`schema.table`), unless turned off. */
  public readonly heartbeatTable?: string;
  /** Partitions of each change hub: the most consumer replicas that can share a hub's events. */
  public readonly partitionCount: number;
  /** The consumers, each a consumer group on the change hubs it reads (every hub unless `consumerTables` says otherwise). */
  public readonly consumers: readonly string[];
  /** How the slot survives a failover. */
  public readonly failoverSlotMechanism: FailoverSlotMechanism;
  /** The heartbeat event hub. */
  public readonly heartbeatHub: EventHub;
  /** The server parameters the pipeline set or relies on, by name (L1). */
  public readonly parameters: ReadonlyMap<string, PostgresqlFlexibleServerConfiguration>;
  /** The replication-lag alert (L1), unless alerts are off. */
  public readonly replicationLagAlert?: MonitorMetricAlert;
  /** The transaction-log (WAL) size alert (L1), unless alerts are off. */
  public readonly walStorageAlert?: MonitorMetricAlert;
  /** The consumer-lag rule group (L1), with alerts on and a Prometheus workspace. */
  public readonly consumerLagAlerts?: MonitorAlertPrometheusRuleGroup;
  private readonly hubMap = new Map<string, EventHub>();
  private readonly groupMap = new Map<string, Map<string, EventhubConsumerGroup>>();
  private readonly path: string;
  private readonly parsedTables: readonly QualifiedTable[];
  private readonly heartbeatIntervalMs: number;
  private readonly maxReplicationSlots: number;
  private readonly maxWalSenders: number;

  constructor(scope: Construct, id: string, props: CdcPipelineProps) {
    super(scope, id);

    // --- validation, before anything is created ---
    if (isUnresolved(props.topicPrefix)) {
      throw new ValidationError("cdc.topicPrefix", "must be known at synth time: it names the event hubs", "an unresolved token", "pass a literal string");
    }
    const topicPrefix = validatePattern("cdc.topicPrefix", props.topicPrefix, /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, 'use letters, digits, ".", "-" and "_", starting and ending with a letter or digit (a Kafka topic prefix that is also part of an event hub name)')!;
    const path = `cdc.${topicPrefix}`;
    this.path = path;
    const server = primaryServer(`${path}.server`, props.server);
    this.server = server;
    this.topicPrefix = topicPrefix;

    const database = validateIdentifier(`${path}.database`, props.database, "database name");
    if (!(server.node.tryFindChild(`Database${database}`) instanceof PostgresqlFlexibleServerDatabase)) {
      throw new ValidationError(`${path}.database`, `is not a database of server "${server.name}"`, database, `create it first with server.addDatabase("${database}") (or the server's databases prop)`);
    }
    this.database = database;

    if (!Array.isArray(props.tables) || props.tables.length === 0) {
      throw new ValidationError(`${path}.tables`, "lists no table, so there is nothing to capture", props.tables, 'list tables as "schema.table", e.g. ["public.orders"]');
    }
    const tables = props.tables.map((t, i) => parseTable(`${path}.tables[${i}]`, t));
    validateUnique(`${path}.tables`, tables, (t) => t.qualified);
    this.parsedTables = tables;
    this.tables = tables.map((t) => t.qualified);

    const base = toIdentifierPart(`debezium_${topicPrefix}`).slice(0, 63);
    this.slotName = validateIdentifier(`${path}.slotName`, props.slotName ?? base, "replication slot name");
    this.publicationName = validateIdentifier(`${path}.publicationName`, props.publicationName ?? base, "publication name");

    const heartbeat = props.heartbeatTable === false ? undefined : parseTable(`${path}.heartbeatTable`, props.heartbeatTable ?? "public.debezium_heartbeat");
    if (heartbeat && this.tables.includes(heartbeat.qualified)) {
      throw new ValidationError(`${path}.heartbeatTable`, "is also a captured table; the heartbeat writes would show up as changes", heartbeat.qualified, "use a table of its own, e.g. \"public.debezium_heartbeat\"");
    }
    this.heartbeatTable = heartbeat?.qualified;
    this.heartbeatIntervalMs = validateRange(`${path}.heartbeatIntervalSeconds`, props.heartbeatIntervalSeconds ?? 10, 1, 3600)! * 1000;

    const namespace = props.eventHubs;
    this.eventHubs = namespace;
    if (!namespace.kafkaEnabled || namespace.sku === "Basic") {
      throw new ValidationError(`${path}.eventHubs`, "has no Kafka endpoint, which Debezium writes to", namespace.sku, 'use a namespace of sku "Standard" or "Premium" with kafkaEnabled');
    }
    const hubNames = tables.map((t) => validateResourceName(`${path}.tables.${t.qualified}`, "eventhub", `${topicPrefix}.${t.schema}.${t.table}`));
    const heartbeatTopic = validateResourceName(`${path}.topicPrefix`, "eventhub", `${HEARTBEAT_TOPIC_PREFIX}.${topicPrefix}`);
    const clash = [...hubNames, heartbeatTopic].find((name) => namespace.eventHubs.has(name));
    if (clash !== undefined) {
      throw new ValidationError(`${path}.topicPrefix`, `derives event hub "${clash}", which namespace "${namespace.name}" already has`, topicPrefix, "use a topic prefix of its own");
    }
    const limit = hubLimit(namespace);
    const existing = namespace.eventHubs.size;
    const total = existing + hubNames.length + 1;
    if (total > limit.count) {
      throw new ValidationError(
        `${path}.tables`,
        `would bring namespace "${namespace.name}" to ${total} event hubs (${existing} already there, ${hubNames.length} change hubs and 1 heartbeat hub), but ${limit.describe} holds at most ${limit.count}`,
        this.tables,
        limit.allowed(limit.count - existing - 1),
      );
    }
    const maxPartitions = namespace.sku === "Premium" ? 100 : 32;
    const partitionCount = validateRange(`${path}.partitionCount`, props.partitionCount ?? 4, 1, maxPartitions)!;
    this.partitionCount = partitionCount;
    const retentionHours = validateRange(`${path}.retentionHours`, props.retentionHours, 1, namespace.sku === "Premium" ? 2160 : 168);

    const consumers = props.consumers ?? [];
    consumers.forEach((c, i) => validateResourceName(`${path}.consumers[${i}]`, "eventhub_consumer_group", c));
    validateUnique(`${path}.consumers`, consumers);
    const defaultGroup = consumers.findIndex((c) => c.toLowerCase() === "$default");
    if (defaultGroup >= 0) {
      throw new ValidationError(`${path}.consumers[${defaultGroup}]`, "is the built-in consumer group every event hub has", consumers[defaultGroup], "name the consuming application instead");
    }
    const maxGroups = CONSUMER_GROUPS_PER_HUB[namespace.sku];
    if (consumers.length + 1 > maxGroups) {
      throw new ValidationError(`${path}.consumers`, `would be ${consumers.length + 1} consumer groups per event hub with $Default, but a ${namespace.sku} event hub holds at most ${maxGroups}`, consumers, `list at most ${maxGroups - 1} consumers, or use sku "Premium" (100)`);
    }
    this.consumers = [...consumers];
    const consumerTables = new Map<string, ReadonlySet<string>>();
    for (const [consumer, read] of Object.entries(props.consumerTables ?? {})) {
      const at = `${path}.consumerTables.${consumer}`;
      if (!consumers.includes(consumer)) throw new ValidationError(at, "is not one of the pipeline's consumers", consumer, `list it in consumers, or use one of ${consumers.map((c) => `"${c}"`).join(", ") || "(none)"}`);
      if (read.length === 0) throw new ValidationError(at, "lists no table", read, "list the tables it reads, or drop the entry to give it every table");
      read.forEach((table, i) => {
        if (!tables.some((t) => t.qualified === table)) throw new ValidationError(`${at}[${i}]`, "is not a captured table", table, `use one of ${tables.map((t) => t.qualified).join(", ")}`);
      });
      consumerTables.set(consumer, new Set(read));
    }
    const reads = (consumer: string, table: string) => consumerTables.get(consumer)?.has(table) ?? true;

    const version = Number(server.version);
    const failoverSlots = props.failoverSlots ?? server.highAvailability;
    if (failoverSlots && !server.highAvailability) {
      throw new ValidationError(`${path}.failoverSlots`, "keeps the slot across a high-availability failover, but the server has no standby", failoverSlots, "enable highAvailability on the server, or leave failoverSlots unset");
    }
    this.failoverSlotMechanism = !failoverSlots ? "none" : version >= 17 ? "native" : "pg_failover_slots";

    const siblings = pipelinesByServer.get(server) ?? [];
    for (const other of siblings) {
      if (other.slotName === this.slotName) {
        throw new ValidationError(`${path}.slotName`, `is already the slot of pipeline "${other.topicPrefix}" on this server; one slot has one reader`, this.slotName, "give every pipeline its own slotName");
      }
      if (other.database === database && other.publicationName === this.publicationName) {
        throw new ValidationError(`${path}.publicationName`, `is already the publication of pipeline "${other.topicPrefix}" in database "${database}"`, this.publicationName, "give every pipeline its own publicationName");
      }
    }
    const pipelines = siblings.length + 1;
    const slots = validateRange(`${path}.maxReplicationSlots`, props.maxReplicationSlots ?? 20, 10, 262143)!;
    const senders = validateRange(`${path}.maxWalSenders`, props.maxWalSenders ?? 20, 10, 100)!;
    const workers = validateRange(`${path}.maxWorkerProcesses`, props.maxWorkerProcesses ?? 16, 16, 262143)!;
    const explicit = (prop: keyof CdcPipelineProps) => (props[prop] !== undefined ? { path: `${path}.${prop}` } : undefined);

    // Every server parameter is planned (and checked against what the server already sets) before anything is created.
    const at = `${path}.serverParameters`;
    const plans: ParameterPlan[] = [
      planParameter(at, server, "wal_level", { kind: "exact", value: "logical" }),
      planParameter(at, server, "max_replication_slots", { kind: "atLeast", value: slots, minimum: this.requiredSlots(pipelines), explicit: explicit("maxReplicationSlots") }),
      planParameter(at, server, "max_wal_senders", { kind: "atLeast", value: senders, minimum: this.requiredSenders(pipelines), explicit: explicit("maxWalSenders") }),
      planParameter(at, server, "max_worker_processes", { kind: "atLeast", value: workers, minimum: 16, explicit: explicit("maxWorkerProcesses") }),
    ];
    if (this.failoverSlotMechanism !== "none") {
      // The standby sends feedback so the primary keeps the catalog rows the synchronized slot still needs.
      plans.push(planParameter(at, server, "hot_standby_feedback", { kind: "exact", value: "on" }));
    }
    if (this.failoverSlotMechanism === "pg_failover_slots") {
      // A module, not an extension: it needs loading at start only, no azure.extensions allow-listing
      // (https://learn.microsoft.com/azure/postgresql/extensions/concepts-extensions-considerations#pg_failover_slots).
      plans.push(planParameter(at, server, "shared_preload_libraries", { kind: "list", items: ["pg_failover_slots"], base: AZURE_DEFAULT_PRELOAD_LIBRARIES }));
      plans.push(planParameter(at, server, "pg_failover_slots.synchronize_slot_names", { kind: "list", items: [`name:${this.slotName}`], base: [] }));
    }
    this.maxReplicationSlots = Number(plans[1].value);
    this.maxWalSenders = Number(plans[2].value);
    const [capacity] = this.checkReplicationCapacity(pipelines);
    if (capacity) throw new ValidationError(capacity.path, capacity.problem, capacity.value, capacity.allowed);

    const alerts = props.alerts === false ? undefined : (props.alerts ?? {});
    const actionGroupIds = alerts?.actionGroupIds ?? [];
    actionGroupIds.forEach((actionGroupId, i) => {
      if (!isUnresolved(actionGroupId)) validatePattern(`${path}.alerts.actionGroupIds[${i}]`, actionGroupId, /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/microsoft\.insights\/actionGroups\/[^/]+$/i, "use the resource ID of an action group");
    });
    const replicationLagBytes = alerts ? validateRange(`${path}.alerts.replicationLagBytes`, alerts.replicationLagBytes ?? 1024 ** 3, 1, Number.MAX_SAFE_INTEGER)! : 0;
    const walStorageBytes = alerts ? validateRange(`${path}.alerts.walStorageBytes`, alerts.walStorageBytes ?? Math.floor((server.storageMb * 1024 * 1024) / 4), 1, Number.MAX_SAFE_INTEGER)! : 0;
    const consumerLagEvents = alerts ? validateRange(`${path}.alerts.consumerLagEvents`, alerts.consumerLagEvents ?? partitionCount * 64, 1, Number.MAX_SAFE_INTEGER)! : 0;
    if (alerts?.consumerLagEvents !== undefined && !alerts.prometheus) {
      throw new ValidationError(`${path}.alerts.consumerLagEvents`, "is the threshold of the consumer-lag alert, which reads KEDA's metrics from Managed Prometheus", alerts.consumerLagEvents, "pass alerts.prometheus, or drop consumerLagEvents");
    }
    if (alerts?.clusterName !== undefined && !alerts.prometheus) {
      throw new ValidationError(`${path}.alerts.clusterName`, "scopes the consumer-lag rules, which need Managed Prometheus", alerts.clusterName, "pass alerts.prometheus, or drop clusterName");
    }
    const watched = alerts ? (alerts.lagWatchedConsumers ?? consumers) : [];
    watched.forEach((consumer, i) => {
      if (!consumers.includes(consumer)) throw new ValidationError(`${path}.alerts.lagWatchedConsumers[${i}]`, "is not one of the pipeline's consumers", consumer, `use one of ${consumers.map((c) => `"${c}"`).join(", ") || "(none)"}`);
    });
    if (alerts?.prometheus && watched.length === 0) {
      throw new ValidationError(`${path}.alerts.prometheus`, "enables consumer-lag alerts, but the pipeline has no consumers to watch", consumers, "list the consumers, or drop alerts.prometheus");
    }

    // --- resources ---
    siblings.push(this);
    pipelinesByServer.set(server, siblings);

    this.parameters = new Map(plans.map((plan) => [plan.name, applyParameter(server, plan)]));

    for (const [i, table] of tables.entries()) {
      const hub = namespace.addEventHub(hubNames[i], { partitionCount, retentionHours });
      this.hubMap.set(table.qualified, hub);
      const groups = new Map<string, EventhubConsumerGroup>();
      for (const consumer of consumers) {
        if (reads(consumer, table.qualified)) groups.set(consumer, hub.addConsumerGroup(consumer, { userMetadata: `CDC consumer ${consumer}` }));
      }
      this.groupMap.set(table.qualified, groups);
    }
    // Heartbeats are tiny and only prove liveness: kept a day. Two partitions, the least the policy pack accepts
    // (AZ-EH-005); partitions cost nothing on Standard and heartbeats need no order.
    this.heartbeatHub = namespace.addEventHub(heartbeatTopic, { partitionCount: 2, retentionHours: 24 });

    if (alerts) {
      const action = actionGroupIds.map((actionGroupId) => ({ actionGroupId }));
      const alert = (alertId: string, suffix: string, description: string, metricName: string, threshold: number, severity: number) =>
        new MonitorMetricAlert(this, alertId, {
          name: `${server.name}-cdc-${this.slotName}-${suffix}`,
          resourceGroupName: props.resourceGroup.name,
          scopes: [server.id],
          description,
          severity,
          frequency: "PT5M",
          windowSize: "PT15M",
          autoMitigate: true,
          criteria: [{ metricNamespace: POSTGRES_METRIC_NAMESPACE, metricName, aggregation: "Maximum", operator: "GreaterThan", threshold }],
          action: action.length > 0 ? action : undefined,
        });
      this.replicationLagAlert = alert(
        "ReplicationLagAlert",
        "replication-lag",
        `CDC ${topicPrefix}: the slowest logical replication slot is more than ${replicationLagBytes} bytes of WAL behind. Debezium is stopped, failing or too slow; WAL accumulates until it catches up.`,
        "logical_replication_delay_in_bytes",
        replicationLagBytes,
        2,
      );
      this.walStorageAlert = alert(
        "WalStorageAlert",
        "wal-size",
        `CDC ${topicPrefix}: transaction logs use more than ${walStorageBytes} bytes. A replication slot that does not advance keeps WAL; Azure drops an inactive slot when storage runs short, which forces a re-snapshot.`,
        "txlogs_storage_used",
        walStorageBytes,
        1,
      );
      if (alerts.prometheus) {
        const workspace = alerts.prometheus.workspace;
        this.consumerLagAlerts = new MonitorAlertPrometheusRuleGroup(this, "ConsumerLagAlerts", {
          name: `cdc-${toIdentifierPart(topicPrefix).replace(/_/g, "-")}-consumer-lag`,
          location: workspace.location,
          resourceGroupName: props.resourceGroup.name,
          clusterName: alerts.clusterName,
          description: `Consumer lag of the CDC pipeline ${topicPrefix}, from KEDA's azure-eventhub scalers`,
          ruleGroupEnabled: true,
          interval: "PT1M",
          scopes: [workspace.id],
          rule: watched.map((consumer) => ({
            alert: "CdcConsumerLag",
            enabled: true,
            expression: consumerLagExpression(consumer, consumerLagEvents),
            for: "PT15M",
            severity: 2,
            labels: { pipeline: topicPrefix, consumer_group: consumer },
            annotations: {
              description: `Consumer group ${consumer} has had at least ${consumerLagEvents} unprocessed change events for 15 minutes (KEDA caps the value at partitions x unprocessedEventThreshold).`,
            },
            action: action.length > 0 ? action : undefined,
            alertResolution: { autoResolved: true, timeToResolve: "PT10M" },
          })),
        });
      }
    }

    this.node.addValidation({ validate: () => this.checkReplicationCapacity(pipelinesByServer.get(server)?.length ?? 1).map((m) => new ValidationError(m.path, m.problem, m.value, m.allowed).message) });
  }

  /** The change event hubs by table (`schema.table`). */
  public get hubs(): ReadonlyMap<string, EventHub> {
    return this.hubMap;
  }

  /** The change event hub of `table` (`schema.table`); fails for a table the pipeline does not capture. */
  public hub(table: string): EventHub {
    const hub = this.hubMap.get(table);
    if (!hub) {
      throw new ValidationError(`${this.path}.hub`, "is not a captured table", table, `use one of ${this.tables.map((t) => `"${t}"`).join(", ")}`);
    }
    return hub;
  }

  /** Consumer groups by table (`schema.table`), then by consumer. */
  public get consumerGroups(): ReadonlyMap<string, ReadonlyMap<string, EventhubConsumerGroup>> {
    return this.groupMap;
  }

  /** The consumer groups of `consumer` on the change hubs it reads, by table. */
  public consumerGroupsOf(consumer: string): ReadonlyMap<string, EventhubConsumerGroup> {
    if (!this.consumers.includes(consumer)) {
      throw new ValidationError(`${this.path}.consumerGroupsOf`, "is not a consumer of the pipeline", consumer, this.consumers.length > 0 ? `use one of ${this.consumers.map((c) => `"${c}"`).join(", ")}` : "list it in the pipeline's consumers");
    }
    return new Map([...this.groupMap].flatMap(([table, groups]) => {
      const group = groups.get(consumer);
      return group ? [[table, group] as const] : [];
    }));
  }

  /** The settings a Debezium connector needs to read this pipeline's changes. */
  public get debezium(): DebeziumSourceSettings {
    const heartbeat = this.heartbeatTable;
    return {
      hostname: this.server.fqdn,
      port: POSTGRES_PORT,
      database: this.database,
      slotName: this.slotName,
      publicationName: this.publicationName,
      tableIncludeList: [...this.tables, ...(heartbeat ? [heartbeat] : [])],
      topicPrefix: this.topicPrefix,
      heartbeatTopicPrefix: HEARTBEAT_TOPIC_PREFIX,
      heartbeatTopic: this.heartbeatHub.name,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      heartbeatTable: heartbeat,
      heartbeatActionQuery: heartbeat ? `INSERT INTO ${heartbeat} (id, beat_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at` : undefined,
      heartbeatTableTopic: heartbeat ? `${this.topicPrefix}.${heartbeat}` : undefined,
      slotFailover: this.failoverSlotMechanism === "native",
      bootstrapServers: this.eventHubs.kafkaBootstrapServers,
      eventHubsHost: this.eventHubs.fullyQualifiedNamespace,
      eventHubsTokenScope: `https://${this.eventHubs.fullyQualifiedNamespace}/.default`,
    };
  }

  /**
   * Grants `Azure Event Hubs Data Sender` to `principal` on the change hubs and the heartbeat hub only (not the
   * namespace). `DebeziumServer` calls it for its identity.
   */
  public grantSend(principal: IPrincipal, options: MessagingGrantOptions = {}): RoleAssignment[] {
    return [...this.hubMap.values(), this.heartbeatHub].map((hub) => hub.grantSend(principal, options));
  }

  /**
   * The SQL an Entra ID administrator runs once (the first statements in database `postgres`, where Azure's
   * `pgaadauth` functions live, the rest in the captured database) to give the connector's managed identity (`roleName`,
   * the identity's name in Entra ID) a least-privilege replication role:
   *
   * 1. `pgaadauth_create_principal(<name>, false, false)` maps the identity to a PostgreSQL role (not an admin, no MFA);
   *    it logs in with an Entra ID access token instead of a password;
   * 2. `REPLICATION` lets the role open a replication connection and create its slot; nothing else (no superuser, no
   *    `azure_pg_admin`, no CREATE on the database);
   * 3. `CONNECT`, `USAGE` on the schemas and `SELECT` on the captured tables, for the initial snapshot;
   * 4. the heartbeat table, writable by the role only through `INSERT`/`UPDATE`;
   * 5. the publication, created by the tables' owner (only an owner may publish a table) and left owned by it: Debezium
   *    runs with `publication.autocreate.mode=disabled` and only reads it, so the role does not need to own it;
   * 6. optionally `REPLICA IDENTITY FULL`, for complete `before` images of updates and deletes on tables whose consumers
   *    need more than the primary key.
   */
  public setupSql(roleName: string): string {
    if (isUnresolved(roleName) || typeof roleName !== "string" || roleName.trim() === "" || roleName.includes('"')) {
      throw new ValidationError(`${this.path}.setupSql.roleName`, "is not a role name known at synth time", roleName, "pass the identity's name in Entra ID, e.g. DebeziumServer.databaseUser");
    }
    const role = `"${roleName}"`;
    const schemas = [...new Set([...this.parsedTables.map((t) => t.schema), ...(this.heartbeatTable ? [this.heartbeatTable.split(".")[0]] : [])])];
    const published = [...this.tables, ...(this.heartbeatTable ? [this.heartbeatTable] : [])];
    const lines = [
      `-- Change data capture "${this.topicPrefix}". Run once as an Entra ID administrator of the server.`,
      `-- 1. Connected to database postgres: a role for the connector's managed identity, allowed to replicate.`,
      `SELECT * FROM pgaadauth_create_principal('${roleName}', false, false);`,
      `ALTER ROLE ${role} WITH REPLICATION;`,
      `-- 2. Connected to database ${this.database}: read access for the snapshot, the heartbeat table.`,
      `GRANT CONNECT ON DATABASE ${this.database} TO ${role};`,
      ...schemas.map((schema) => `GRANT USAGE ON SCHEMA ${schema} TO ${role};`),
      `GRANT SELECT ON ${this.tables.join(", ")} TO ${role};`,
      ...(this.heartbeatTable
        ? [
            `CREATE TABLE IF NOT EXISTS ${this.heartbeatTable} (id integer PRIMARY KEY, beat_at timestamptz NOT NULL);`,
            `GRANT SELECT, INSERT, UPDATE ON ${this.heartbeatTable} TO ${role};`,
          ]
        : []),
      `-- 3. Connected to database ${this.database} as the owner of the tables (only an owner may publish a table):`,
      `CREATE PUBLICATION ${this.publicationName} FOR TABLE ${published.join(", ")};`,
      `-- Optional, for full "before" images of updates and deletes: ALTER TABLE <table> REPLICA IDENTITY FULL;`,
    ];
    return `${lines.join("\n")}\n`;
  }

  private requiredSlots(pipelines: number): number {
    return (this.server.highAvailability ? 4 : 0) + this.server.readReplicas.size + pipelines;
  }

  private requiredSenders(pipelines: number): number {
    return (this.server.highAvailability ? 2 : 0) + this.server.readReplicas.size + pipelines;
  }

  /**
   * Azure's sizing rule for slots and senders (https://learn.microsoft.com/azure/postgresql/flexible-server/param-replication-sending-servers):
   * 4 slots and 2 senders for high availability, one each per read replica and per logical slot. Checked again at synth,
   * when read replicas added after the pipeline are known.
   */
  private checkReplicationCapacity(pipelines: number): { path: string; problem: string; value: number; allowed: string }[] {
    const replicas = this.server.readReplicas.size;
    const breakdown = `${this.server.highAvailability ? "high availability, " : ""}${replicas} read replica(s) and ${pipelines} CDC slot(s)`;
    const problems: { path: string; problem: string; value: number; allowed: string }[] = [];
    const slots = this.requiredSlots(pipelines);
    if (this.maxReplicationSlots < slots) {
      problems.push({ path: `${this.path}.maxReplicationSlots`, problem: `is below the ${slots} slots the server needs for ${breakdown}`, value: this.maxReplicationSlots, allowed: `use ${slots} or more` });
    }
    const senders = this.requiredSenders(pipelines);
    if (this.maxWalSenders < senders) {
      problems.push({ path: `${this.path}.maxWalSenders`, problem: `is below the ${senders} WAL senders the server needs for ${breakdown}`, value: this.maxWalSenders, allowed: `use ${senders} to 100` });
    }
    return problems;
  }
}

/** The PostgresFlexibleServer to read from; fails for read replicas and bare L1 servers. */
function primaryServer(path: string, server: PostgresFlexibleServer | PostgresqlFlexibleServer): PostgresFlexibleServer {
  const replicaError = (name: unknown) =>
    new ValidationError(
      path,
      "CDC from a read replica is not possible: logical decoding reads the primary's WAL through a replication slot, and a read replica is a read-only physical copy that Azure keeps in step from that WAL (its slots would not survive a promotion either)",
      name,
      "pass the primary PostgresFlexibleServer, the construct whose addReadReplica created the replica",
    );
  if (server instanceof PostgresFlexibleServer) {
    // The construct's own server is never a replica, unless changed through the escape hatch.
    if (server.server.createModeInput === "Replica") throw replicaError(server.name);
    return server;
  }
  if (server instanceof PostgresqlFlexibleServer) {
    if (server.createModeInput === "Replica") throw replicaError(server.nameInput);
    throw new ValidationError(path, "is a bare azurerm_postgresql_flexible_server; the pipeline sets server parameters through the PostgresFlexibleServer construct", server.nameInput, "pass the PostgresFlexibleServer construct");
  }
  throw new ValidationError(path, "is not a PostgreSQL flexible server", String(server), "pass the primary PostgresFlexibleServer");
}

/** The event hubs `namespace` may hold, and how to say so. */
function hubLimit(namespace: EventHubsNamespace): { count: number; describe: string; allowed: (left: number) => string } {
  const capture = (left: number) => `capture at most ${Math.max(left, 0)} table(s) in this namespace`;
  if (namespace.resource.dedicatedClusterIdInput !== undefined) {
    return { count: EVENT_HUBS_PER_NAMESPACE.Dedicated, describe: "a namespace on a Dedicated cluster", allowed: (left) => `${capture(left)}, or use another namespace` };
  }
  if (namespace.sku === "Premium") {
    const units = namespace.resource.capacityInput;
    const processingUnits = typeof units === "number" && !isUnresolved(units) ? units : 1;
    return {
      count: EVENT_HUBS_PER_NAMESPACE.PremiumPerProcessingUnit * processingUnits,
      describe: `a Premium namespace with ${processingUnits} processing unit(s)`,
      allowed: (left) => `${capture(left)}, add processing units (100 event hubs each), or use another namespace`,
    };
  }
  return { count: EVENT_HUBS_PER_NAMESPACE[namespace.sku], describe: `a ${namespace.sku} namespace`, allowed: (left) => `${capture(left)}, use another namespace, or sku "Premium" (100 event hubs per processing unit)` };
}

/**
 * PromQL over KEDA's `keda_scaler_metrics_value` for the consumer group's `azure-eventhub` triggers: KEDA names the
 * metric `s<trigger index>-azure-eventhub-<consumer group>`, with `/ . : % ( )` turned into `-`.
 */
function consumerLagExpression(consumer: string, threshold: number): string {
  const normalized = consumer.replace(/[/.:%()]/g, "-");
  return `max by (namespace, scaledObject) (keda_scaler_metrics_value{type="scaledobject", metric=~"s[0-9]+-azure-eventhub-${normalized}"}) >= ${threshold}`;
}
