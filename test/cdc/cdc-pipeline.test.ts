import { Eventhub } from "@cdktf/provider-azurerm/lib/eventhub";
import { MonitorMetricAlert } from "@cdktf/provider-azurerm/lib/monitor-metric-alert";
import { PostgresqlFlexibleServer } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { TerraformOutput, Testing } from "cdktf";
import { CdcPipeline, CdcPipelineProps } from "../../lib/cdc/cdc-pipeline";
import { ResourceNamer } from "../../lib/core/naming";
import { PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { ManagedPrometheus } from "../../lib/observability/managed-prometheus";
import { ACTION_GROUP, cdcFixture, CdcFixture, expectValidationError, resourceList } from "./fixtures";

/** The synthesized server parameters, name → value. */
function parameters(out: string): Record<string, string> {
  return Object.fromEntries(resourceList(out, "azurerm_postgresql_flexible_server_configuration").map((p) => [p.name, p.value]));
}

function synth(props: Partial<CdcPipelineProps> = {}, fixture: CdcFixture = cdcFixture()): string {
  fixture.pipeline(props);
  return Testing.synth(fixture.stack);
}

/** Adds `count` read replicas in North Europe. */
function addReplicas(f: CdcFixture, count: number): void {
  const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: "northeurope" });
  const resourceGroup = new ResourceGroup(f.stack, "ResourceGroupNeu", { name: "rg-shop-prod-neu", location: "northeurope" });
  const network = new VirtualNetwork(f.stack, "NetworkNeu", { resourceGroup, namer, addressSpace: "10.20.0.0/16" });
  const dnsZone = f.stack.node.findChild("PostgresZone") as PrivateDnsZone;
  for (let i = 0; i < count; i++) f.server.addReadReplica(`r${i}`, { resourceGroup, namer, network, dnsZone, name: `psql-shop-replica-${i}` });
}

/** The construct id of the event hub a reference `${azurerm_eventhub.Streams_<id>_<hash>.<attribute>}` points to. */
function hubOf(reference: string): string {
  const match = /^\$\{azurerm_eventhub\.Streams_(.+)_[0-9A-F]{8}\.[a-z_]+\}$/.exec(reference);
  if (!match) throw new Error(`not an event hub reference: ${reference}`);
  return match[1];
}

const hubNames = (out: string) => resourceList(out, "azurerm_eventhub").map((h) => h.name).sort();

describe("CdcPipeline", () => {
  describe("server parameters", () => {
    test("switch on logical decoding with room for slots, senders and workers", () => {
      expect(parameters(synth())).toEqual(
        expect.objectContaining({ wal_level: "logical", max_replication_slots: "20", max_wal_senders: "20", max_worker_processes: "16" }),
      );
    });

    test("keep the slot across a high-availability failover with pg_failover_slots on PostgreSQL 16", () => {
      expect(parameters(synth())).toEqual(
        expect.objectContaining({
          hot_standby_feedback: "on",
          shared_preload_libraries: "pg_cron,pg_stat_statements,pg_failover_slots",
          "pg_failover_slots.synchronize_slot_names": "name:debezium_shop",
        }),
      );
    });

    test("leave failover slots out on a server without high availability", () => {
      const out = synth({}, cdcFixture({ server: { highAvailability: false } }));
      expect(Object.keys(parameters(out)).sort()).toEqual(["max_replication_slots", "max_wal_senders", "max_worker_processes", "wal_level"]);
    });

    test("do not set max_slot_wal_keep_size, which is read-only on flexible servers", () => {
      expect(parameters(synth())).not.toHaveProperty("max_slot_wal_keep_size");
    });

    test("take other slot, sender and worker counts", () => {
      expect(parameters(synth({ maxReplicationSlots: 32, maxWalSenders: 40, maxWorkerProcesses: 24 }))).toEqual(
        expect.objectContaining({ max_replication_slots: "32", max_wal_senders: "40", max_worker_processes: "24" }),
      );
    });

    test("reuse a parameter the server already sets to a sufficient value", () => {
      const f = cdcFixture({ server: { parameters: { wal_level: "logical", max_replication_slots: "50" } } });
      const out = synth({}, f);
      expect([parameters(out).wal_level, parameters(out).max_replication_slots, resourceList(out, "azurerm_postgresql_flexible_server_configuration").filter((p) => p.name === "wal_level")]).toEqual([
        "logical",
        "50",
        [expect.objectContaining({ value: "logical" })],
      ]);
    });

    test("add pg_failover_slots to libraries the server already preloads", () => {
      const f = cdcFixture({ server: { parameters: { shared_preload_libraries: "pg_cron,pgaudit" } } });
      expect(parameters(synth({}, f)).shared_preload_libraries).toBe("pg_cron,pgaudit,pg_failover_slots");
    });

    test("let a second pipeline on the server add its slot to the synchronized slots", () => {
      const f = cdcFixture();
      f.pipeline();
      f.server.addDatabase("billing");
      new CdcPipeline(f.stack, "Billing", {
        server: f.server,
        database: "billing",
        tables: ["public.invoices"],
        eventHubs: f.eventHubs,
        topicPrefix: "billing",
        resourceGroup: f.resourceGroup,
      });
      expect(parameters(Testing.synth(f.stack))["pg_failover_slots.synchronize_slot_names"]).toBe("name:debezium_shop,name:debezium_billing");
    });
  });

  describe("event hubs", () => {
    test("are named <prefix>.<schema>.<table>, plus the heartbeat hub", () => {
      expect(hubNames(synth())).toEqual(["debezium-heartbeat.shop", "shop.public.order_lines", "shop.public.orders"]);
    });

    test("have 4 partitions and keep events 7 days by default", () => {
      expect(synth()).toHaveResourceWithProperties(Eventhub, { name: "shop.public.orders", partition_count: 4, retention_description: { cleanup_policy: "Delete", retention_time_in_hours: 168 } });
    });

    test("take a partition count and a retention", () => {
      expect(synth({ partitionCount: 8, retentionHours: 72 })).toHaveResourceWithProperties(Eventhub, { name: "shop.public.orders", partition_count: 8, retention_description: { cleanup_policy: "Delete", retention_time_in_hours: 72 } });
    });

    test("give the heartbeat hub two partitions and a day of retention", () => {
      expect(synth()).toHaveResourceWithProperties(Eventhub, { name: "debezium-heartbeat.shop", partition_count: 2, retention_description: { cleanup_policy: "Delete", retention_time_in_hours: 24 } });
    });

    test("are exposed by table", () => {
      const pipeline = cdcFixture().pipeline();
      expect([...pipeline.hubs.keys()].map((t) => [t, pipeline.hub(t).name])).toEqual([
        ["public.orders", "shop.public.orders"],
        ["public.order_lines", "shop.public.order_lines"],
      ]);
    });

    test("count the hubs already on the namespace: 7 others plus 2 tables and the heartbeat fill a Standard namespace", () => {
      const f = cdcFixture();
      for (let i = 0; i < 7; i++) f.eventHubs.addEventHub(`other-${i}`);
      f.pipeline();
      expect(resourceList(Testing.synth(f.stack), "azurerm_eventhub")).toHaveLength(10);
    });

    test("allow more than 10 on Premium (100 per processing unit)", () => {
      const tables = Array.from({ length: 12 }, (_, i) => `public.t${i}`);
      const out = synth({ tables }, cdcFixture({ eventHubs: { sku: "Premium" } }));
      expect(resourceList(out, "azurerm_eventhub")).toHaveLength(13);
    });
  });

  describe("consumer groups", () => {
    const consumers = ["search", "analytics", "inventory"];

    test("give every consumer a group on every change hub, none on the heartbeat hub", () => {
      const groups = resourceList(synth({ consumers }), "azurerm_eventhub_consumer_group").map((g) => `${hubOf(g.eventhub_name)} ${g.name}`);
      expect(groups.sort()).toEqual(
        [
          "Hub-shoppublicorder_lines analytics",
          "Hub-shoppublicorder_lines inventory",
          "Hub-shoppublicorder_lines search",
          "Hub-shoppublicorders analytics",
          "Hub-shoppublicorders inventory",
          "Hub-shoppublicorders search",
        ].sort(),
      );
    });

    test("are exposed by table and by consumer", () => {
      const pipeline = cdcFixture().pipeline({ consumers });
      expect([[...pipeline.consumerGroups.get("public.orders")!.keys()], [...pipeline.consumerGroupsOf("search").keys()]]).toEqual([consumers, ["public.orders", "public.order_lines"]]);
    });

    test("are none by default", () => {
      expect(resourceList(synth(), "azurerm_eventhub_consumer_group")).toEqual([]);
    });
  });

  describe("slot and publication", () => {
    test("are derived from the topic prefix", () => {
      const pipeline = cdcFixture().pipeline({ topicPrefix: "shop.cdc-v2" });
      expect([pipeline.slotName, pipeline.publicationName]).toEqual(["debezium_shop_cdc_v2", "debezium_shop_cdc_v2"]);
    });

    test("take names", () => {
      const pipeline = cdcFixture().pipeline({ slotName: "orders_slot", publicationName: "orders_pub" });
      expect([pipeline.slotName, pipeline.publicationName]).toEqual(["orders_slot", "orders_pub"]);
    });
  });

  describe("Debezium settings", () => {
    test("carry the source, slot, publication, tables, heartbeat and Kafka endpoint", () => {
      const f = cdcFixture();
      const settings = f.pipeline().debezium;
      new TerraformOutput(f.stack, "Hostname", { value: settings.hostname });
      expect(JSON.parse(Testing.synth(f.stack)).output.Hostname.value).toMatch(/^\$\{azurerm_postgresql_flexible_server\.Db_[0-9A-F]{8}\.fqdn\}$/);
      expect(settings).toEqual({
        hostname: expect.any(String),
        port: 5432,
        database: "shop",
        slotName: "debezium_shop",
        publicationName: "debezium_shop",
        tableIncludeList: ["public.orders", "public.order_lines", "public.debezium_heartbeat"],
        topicPrefix: "shop",
        heartbeatTopicPrefix: "debezium-heartbeat",
        heartbeatTopic: "debezium-heartbeat.shop",
        heartbeatIntervalMs: 10000,
        heartbeatTable: "public.debezium_heartbeat",
        heartbeatActionQuery: "INSERT INTO public.debezium_heartbeat (id, beat_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at",
        heartbeatTableTopic: "shop.public.debezium_heartbeat",
        slotFailover: false,
        bootstrapServers: `${f.eventHubs.name}.servicebus.windows.net:9093`,
        eventHubsHost: `${f.eventHubs.name}.servicebus.windows.net`,
        eventHubsTokenScope: `https://${f.eventHubs.name}.servicebus.windows.net/.default`,
      });
    });

    test("have no heartbeat table or action query with heartbeatTable false", () => {
      const settings = cdcFixture().pipeline({ heartbeatTable: false }).debezium;
      expect([settings.tableIncludeList, settings.heartbeatActionQuery, settings.heartbeatTableTopic]).toEqual([["public.orders", "public.order_lines"], undefined, undefined]);
    });

    test("ask for a failover slot on PostgreSQL 17 instead of pg_failover_slots", () => {
      const f = cdcFixture();
      // The server construct creates 14-16 today; pretend a newer provider let it create 17.
      Object.defineProperty(f.server, "version", { value: "17" });
      const pipeline = f.pipeline();
      const names = Object.keys(parameters(Testing.synth(f.stack)));
      expect([pipeline.failoverSlotMechanism, pipeline.debezium.slotFailover, names.includes("shared_preload_libraries"), names.includes("hot_standby_feedback")]).toEqual(["native", true, false, true]);
    });
  });

  describe("alerts", () => {
    test("alert on logical replication lag above 1 GiB", () => {
      const f = cdcFixture();
      f.pipeline();
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorMetricAlert, {
        scopes: [expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.Db_[0-9A-F]{8}\.id\}$/)],
        severity: 2,
        frequency: "PT5M",
        window_size: "PT15M",
        criteria: [{ metric_namespace: "Microsoft.DBforPostgreSQL/flexibleServers", metric_name: "logical_replication_delay_in_bytes", aggregation: "Maximum", operator: "GreaterThan", threshold: 1073741824 }],
      });
    });

    test("alert on transaction-log storage above a quarter of the server's storage", () => {
      expect(synth()).toHaveResourceWithProperties(MonitorMetricAlert, {
        severity: 1,
        criteria: [{ metric_namespace: "Microsoft.DBforPostgreSQL/flexibleServers", metric_name: "txlogs_storage_used", aggregation: "Maximum", operator: "GreaterThan", threshold: 131072 * 1024 * 1024 / 4 }],
      });
    });

    test("notify the action groups and take thresholds", () => {
      const out = synth({ alerts: { actionGroupIds: [ACTION_GROUP], replicationLagBytes: 5000, walStorageBytes: 7000 } });
      expect(resourceList(out, "azurerm_monitor_metric_alert").map((a) => [a.criteria[0].threshold, a.action])).toEqual([
        [5000, [{ action_group_id: ACTION_GROUP }]],
        [7000, [{ action_group_id: ACTION_GROUP }]],
      ]);
    });

    test("alert on each consumer's lag from KEDA's Event Hubs scaler metrics in Managed Prometheus", () => {
      const f = cdcFixture();
      const prometheus = new ManagedPrometheus(f.stack, "Prometheus", { resourceGroup: f.resourceGroup, namer: f.namer, grafanaEnabled: false });
      f.pipeline({ consumers: ["search", "cache.redis"], alerts: { prometheus, clusterName: "aks-shop-prod-weu", actionGroupIds: [ACTION_GROUP] } });
      const group = resourceList(Testing.synth(f.stack), "azurerm_monitor_alert_prometheus_rule_group").find((g) => g.name === "cdc-shop-consumer-lag")!;
      expect([group.scopes, group.cluster_name, group.rule.map((r: Record<string, unknown>) => [r.alert, r.expression, r.for, r.labels])]).toEqual([
        [expect.stringMatching(/^\$\{azurerm_monitor_workspace\.Prometheus_[0-9A-F]{8}\.id\}$/)],
        "aks-shop-prod-weu",
        [
          ["CdcConsumerLag", 'max by (namespace, scaledObject) (keda_scaler_metrics_value{type="scaledobject", metric=~"s[0-9]+-azure-eventhub-search"}) >= 256', "PT15M", { pipeline: "shop", consumer_group: "search" }],
          ["CdcConsumerLag", 'max by (namespace, scaledObject) (keda_scaler_metrics_value{type="scaledobject", metric=~"s[0-9]+-azure-eventhub-cache-redis"}) >= 256', "PT15M", { pipeline: "shop", consumer_group: "cache.redis" }],
        ],
      ]);
    });

    test("watch only the consumers KEDA scales, when told which", () => {
      const f = cdcFixture();
      const prometheus = new ManagedPrometheus(f.stack, "Prometheus", { resourceGroup: f.resourceGroup, namer: f.namer, grafanaEnabled: false });
      f.pipeline({ consumers: ["search", "analytics"], alerts: { prometheus, lagWatchedConsumers: ["search"] } });
      const group = resourceList(Testing.synth(f.stack), "azurerm_monitor_alert_prometheus_rule_group").find((g) => g.name === "cdc-shop-consumer-lag")!;
      expect(group.rule.map((r: Record<string, any>) => r.labels.consumer_group)).toEqual(["search"]);
    });

    test("are none with alerts false", () => {
      const out = synth({ alerts: false });
      expect([resourceList(out, "azurerm_monitor_metric_alert"), resourceList(out, "azurerm_monitor_alert_prometheus_rule_group")]).toEqual([[], []]);
    });
  });

  describe("consumer tables", () => {
    test("give a consumer its group on the hubs of the tables it reads only", () => {
      const f = cdcFixture();
      const pipeline = f.pipeline({ consumers: ["search", "analytics"], consumerTables: { search: ["public.orders"] } });
      expect([...pipeline.consumerGroupsOf("search").keys()]).toEqual(["public.orders"]);
      expect([...pipeline.consumerGroupsOf("analytics").keys()]).toEqual(["public.orders", "public.order_lines"]);
      expect(resourceList(Testing.synth(f.stack), "azurerm_eventhub_consumer_group").map((g) => g.name).sort()).toEqual(["analytics", "analytics", "search"]);
    });

    test("fail when a consumer is not one of the pipeline's", () => {
      expectValidationError(() => cdcFixture().pipeline({ consumers: ["search"], consumerTables: { billing: ["public.orders"] } }), /^cdc\.shop\.consumerTables\.billing: is not one of the pipeline's consumers \(got "billing"\)/);
    });

    test("fail when a table is not captured", () => {
      expectValidationError(() => cdcFixture().pipeline({ consumers: ["search"], consumerTables: { search: ["public.payments"] } }), /^cdc\.shop\.consumerTables\.search\[0\]: is not a captured table \(got "public\.payments"\); use one of public\.orders, public\.order_lines/);
    });

    test("fail when a consumer reads no table", () => {
      expectValidationError(() => cdcFixture().pipeline({ consumers: ["search"], consumerTables: { search: [] } }), /^cdc\.shop\.consumerTables\.search: lists no table/);
    });

    test("fail when a watched consumer is not one of the pipeline's", () => {
      const f = cdcFixture();
      const prometheus = new ManagedPrometheus(f.stack, "Prometheus", { resourceGroup: f.resourceGroup, namer: f.namer, grafanaEnabled: false });
      expectValidationError(() => f.pipeline({ consumers: ["search"], alerts: { prometheus, lagWatchedConsumers: ["billing"] } }), /^cdc\.shop\.alerts\.lagWatchedConsumers\[0\]: is not one of the pipeline's consumers \(got "billing"\)/);
    });
  });

  describe("access", () => {
    test("grants Azure Event Hubs Data Sender on the change hubs and the heartbeat hub only", () => {
      const f = cdcFixture();
      const pipeline = f.pipeline();
      pipeline.grantSend(new UserAssignedIdentity(f.stack, "Connector", { name: "id-connector", location: "westeurope", resourceGroupName: "rg" }));
      const assignments = resourceList(Testing.synth(f.stack), "azurerm_role_assignment");
      expect(assignments.map((a) => `${a.role_definition_name} on ${hubOf(a.scope)}`).sort()).toEqual([
        "Azure Event Hubs Data Sender on Hub-debezium-heartbeatshop",
        "Azure Event Hubs Data Sender on Hub-shoppublicorder_lines",
        "Azure Event Hubs Data Sender on Hub-shoppublicorders",
      ]);
    });

    test("describes the least-privilege replication role, heartbeat table and publication in SQL", () => {
      expect(cdcFixture().pipeline().setupSql("uai-shop-debezium-prod-weu")).toMatchSnapshot();
    });
  });

  describe("fails when", () => {
    test("a table name has characters PostgreSQL would need quoted", () => {
      expectValidationError(
        () => cdcFixture().pipeline({ tables: ["public.Orders"] }),
        'cdc.shop.tables[0].table: is not a valid table name: only lowercase letters, digits and "_" are allowed (got "Orders"); use 1-63 lowercase letters, digits and "_"',
      );
    });

    test("a table name is longer than 63 characters", () => {
      expectValidationError(
        () => cdcFixture().pipeline({ tables: [`public.${"t".repeat(64)}`] }),
        `cdc.shop.tables[0].table: is not a valid table name: PostgreSQL identifiers are 1-63 characters (got "${"t".repeat(64)}"); use 1-63 lowercase letters, digits and "_"`,
      );
    });

    test("a schema name has a hyphen", () => {
      expectValidationError(() => cdcFixture().pipeline({ tables: ["sales-eu.orders"] }), /^cdc\.shop\.tables\[0\]\.schema: is not a valid schema name: only lowercase letters, digits and "_" are allowed \(got "sales-eu"\)/);
    });

    test("a table has no schema", () => {
      expectValidationError(() => cdcFixture().pipeline({ tables: ["orders"] }), 'cdc.shop.tables[0]: is not a table as "schema.table" (got "orders"); name the schema and the table, e.g. "public.orders"');
    });

    test("no table is listed", () => {
      expectValidationError(() => cdcFixture().pipeline({ tables: [] }), /^cdc\.shop\.tables: lists no table, so there is nothing to capture/);
    });

    test("a table is listed twice", () => {
      expectValidationError(() => cdcFixture().pipeline({ tables: ["public.orders", "public.orders"] }), 'cdc.shop.tables[1]: repeats the entry at index 0 (got "public.orders"); each entry must be unique');
    });

    test("the slot name has invalid characters", () => {
      expectValidationError(() => cdcFixture().pipeline({ slotName: "debezium-slot" }), 'cdc.shop.slotName: is not a valid replication slot name: only lowercase letters, digits and "_" are allowed (got "debezium-slot"); use 1-63 lowercase letters, digits and "_"');
    });

    test("the slot name is longer than 63 characters", () => {
      expectValidationError(() => cdcFixture().pipeline({ slotName: "s".repeat(64) }), /^cdc\.shop\.slotName: is not a valid replication slot name: PostgreSQL identifiers are 1-63 characters/);
    });

    test("the publication name has upper-case letters", () => {
      expectValidationError(() => cdcFixture().pipeline({ publicationName: "ShopPub" }), 'cdc.shop.publicationName: is not a valid publication name: only lowercase letters, digits and "_" are allowed (got "ShopPub"); use 1-63 lowercase letters, digits and "_"');
    });

    test("the server is a read replica", () => {
      const f = cdcFixture();
      const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: "northeurope" });
      const resourceGroup = new ResourceGroup(f.stack, "ResourceGroupNeu", { name: "rg-shop-prod-neu", location: "northeurope" });
      const network = new VirtualNetwork(f.stack, "NetworkNeu", { resourceGroup, namer, addressSpace: "10.20.0.0/16" });
      const dnsZone = f.stack.node.findChild("PostgresZone") as PrivateDnsZone;
      const replica = f.server.addReadReplica("neu", { resourceGroup, namer, network, dnsZone });
      expectValidationError(
        () => f.pipeline({ server: replica }),
        /^cdc\.shop\.server: CDC from a read replica is not possible: logical decoding reads the primary's WAL through a replication slot, .* \(got "psql-shop-replica-prod-neu-[a-z0-9]{5}"\); pass the primary PostgresFlexibleServer/,
      );
    });

    test("the server is a bare flexible server resource", () => {
      const f = cdcFixture();
      const bare = new PostgresqlFlexibleServer(f.stack, "Bare", { name: "psql-bare", location: "westeurope", resourceGroupName: "rg" });
      expectValidationError(() => f.pipeline({ server: bare }), /^cdc\.shop\.server: is a bare azurerm_postgresql_flexible_server; .* \(got "psql-bare"\); pass the PostgresFlexibleServer construct/);
    });

    test("the database is not one of the server's", () => {
      expectValidationError(() => cdcFixture().pipeline({ database: "orders" }), /^cdc\.shop\.database: is not a database of server "psql-shop-prod-weu-[a-z0-9]{5}" \(got "orders"\); create it first with server\.addDatabase\("orders"\)/);
    });

    test("the tables would take a Standard namespace beyond 10 event hubs", () => {
      const f = cdcFixture();
      for (let i = 0; i < 8; i++) f.eventHubs.addEventHub(`other-${i}`);
      expectValidationError(
        () => f.pipeline(),
        /^cdc\.shop\.tables: would bring namespace "ehn-shop-prod-weu-[a-z0-9]{5}" to 11 event hubs \(8 already there, 2 change hubs and 1 heartbeat hub\), but a Standard namespace holds at most 10 \(got \["public\.orders","public\.order_lines"\]\); capture at most 1 table\(s\) in this namespace, use another namespace, or sku "Premium" \(100 event hubs per processing unit\)$/,
      );
    });

    test("ten tables alone exceed a Standard namespace with the heartbeat hub", () => {
      const tables = Array.from({ length: 10 }, (_, i) => `public.t${i}`);
      expectValidationError(() => cdcFixture().pipeline({ tables }), /^cdc\.shop\.tables: would bring namespace "[^"]+" to 11 event hubs \(0 already there, 10 change hubs and 1 heartbeat hub\), but a Standard namespace holds at most 10/);
    });

    test("the namespace has no Kafka endpoint", () => {
      const f = cdcFixture({ eventHubs: { sku: "Basic", kafkaEnabled: false, publicNetworkAccessEnabled: true, privateEndpoint: undefined } });
      expectValidationError(() => f.pipeline(), 'cdc.shop.eventHubs: has no Kafka endpoint, which Debezium writes to (got "Basic"); use a namespace of sku "Standard" or "Premium" with kafkaEnabled');
    });

    test("a consumer group name is invalid", () => {
      expectValidationError(() => cdcFixture().pipeline({ consumers: ["search index"] }), /^cdc\.shop\.consumers\[0\]: is not a valid eventhub_consumer_group name \(got "search index"\)/);
    });

    test("a consumer is $Default", () => {
      expectValidationError(() => cdcFixture().pipeline({ consumers: ["$Default"] }), /^cdc\.shop\.consumers\[0\]: /);
    });

    test("there are more consumers than a Standard event hub has consumer groups", () => {
      const consumers = Array.from({ length: 20 }, (_, i) => `consumer${i}`);
      expectValidationError(() => cdcFixture().pipeline({ consumers }), /^cdc\.shop\.consumers: would be 21 consumer groups per event hub with \$Default, but a Standard event hub holds at most 20/);
    });

    test("the topic prefix would make invalid event hub names", () => {
      expectValidationError(() => cdcFixture().pipeline({ topicPrefix: "-shop" }), /^cdc\.topicPrefix: has an invalid format \(got "-shop"\)/);
    });

    test("the heartbeat table is also captured", () => {
      expectValidationError(() => cdcFixture().pipeline({ tables: ["public.orders", "public.debezium_heartbeat"] }), /^cdc\.shop\.heartbeatTable: is also a captured table/);
    });

    test("the replication slots do not cover high availability, the read replicas and a second pipeline", () => {
      // A flexible server has at most five replicas: with HA (4 slots) and five replicas, a second pipeline needs 11.
      const f = cdcFixture();
      addReplicas(f, 5);
      f.pipeline({ maxReplicationSlots: 10, maxWalSenders: 20 });
      f.server.addDatabase("billing");
      expectValidationError(
        () => new CdcPipeline(f.stack, "Billing", { server: f.server, database: "billing", tables: ["public.invoices"], eventHubs: f.eventHubs, topicPrefix: "billing", resourceGroup: f.resourceGroup }),
        'cdc.billing.serverParameters.max_replication_slots: is already set on the server below what change data capture needs (11) (got "10"); set it to 11 or more, or drop it from the server\'s parameters',
      );
    });

    test("the replication slots are below Azure's default of 10", () => {
      expectValidationError(() => cdcFixture().pipeline({ maxReplicationSlots: 8 }), "cdc.shop.maxReplicationSlots: is out of range (got 8); use 10 to 262143");
    });

    test("pipelines added later need more WAL senders than the first one set", () => {
      // HA (2 senders), five replicas and four pipelines need 11.
      const f = cdcFixture();
      f.pipeline({ maxWalSenders: 10, maxReplicationSlots: 40 });
      addReplicas(f, 5);
      const add = (name: string) => {
        f.server.addDatabase(name);
        return new CdcPipeline(f.stack, `Cdc-${name}`, { server: f.server, database: name, tables: [`public.${name}`], eventHubs: f.eventHubs, topicPrefix: name, resourceGroup: f.resourceGroup });
      };
      add("billing");
      add("ledger");
      expectValidationError(() => add("audit"), 'cdc.audit.serverParameters.max_wal_senders: is already set on the server below what change data capture needs (11) (got "10"); set it to 11 or more, or drop it from the server\'s parameters');
    });

    test("the server already sets wal_level to something other than logical", () => {
      const f = cdcFixture({ server: { parameters: { wal_level: "replica" } } });
      expectValidationError(() => f.pipeline(), 'cdc.shop.serverParameters.wal_level: is already set on the server, but change data capture needs "logical" (got "replica"); set it to "logical" or drop it from the server\'s parameters');
    });

    test("the server already sets max_wal_senders below what the pipeline needs", () => {
      const f = cdcFixture({ server: { parameters: { max_wal_senders: "2" } } });
      expectValidationError(() => f.pipeline(), /^cdc\.shop\.serverParameters\.max_wal_senders: is already set on the server below what change data capture needs \(3\) \(got "2"\)/);
    });

    test("a slot count is asked for that differs from the one the server already sets", () => {
      const f = cdcFixture({ server: { parameters: { max_replication_slots: "30" } } });
      expectValidationError(() => f.pipeline({ maxReplicationSlots: 40 }), 'cdc.shop.maxReplicationSlots: asks for max_replication_slots = 40, but the server already sets it to 30 (got 40); drop the prop to keep 30, or change the server\'s parameter');
    });

    test("two pipelines on a server share a slot name", () => {
      const f = cdcFixture();
      f.pipeline();
      f.server.addDatabase("billing");
      expectValidationError(
        () => new CdcPipeline(f.stack, "Billing", { server: f.server, database: "billing", tables: ["public.invoices"], eventHubs: f.eventHubs, topicPrefix: "billing", slotName: "debezium_shop", resourceGroup: f.resourceGroup }),
        'cdc.billing.slotName: is already the slot of pipeline "shop" on this server; one slot has one reader (got "debezium_shop"); give every pipeline its own slotName',
      );
    });

    test("failover slots are asked for on a server without high availability", () => {
      const f = cdcFixture({ server: { highAvailability: false } });
      expectValidationError(() => f.pipeline({ failoverSlots: true }), /^cdc\.shop\.failoverSlots: keeps the slot across a high-availability failover, but the server has no standby/);
    });

    test("a consumer-lag threshold is given without Managed Prometheus", () => {
      expectValidationError(() => cdcFixture().pipeline({ alerts: { consumerLagEvents: 100 } }), /^cdc\.shop\.alerts\.consumerLagEvents: is the threshold of the consumer-lag alert/);
    });

    test("an action group is not a resource ID", () => {
      expectValidationError(() => cdcFixture().pipeline({ alerts: { actionGroupIds: ["oncall"] } }), 'cdc.shop.alerts.actionGroupIds[0]: has an invalid format (got "oncall"); use the resource ID of an action group');
    });

    test("a table is looked up that the pipeline does not capture", () => {
      expectValidationError(() => cdcFixture().pipeline().hub("public.customers"), 'cdc.shop.hub: is not a captured table (got "public.customers"); use one of "public.orders", "public.order_lines"');
    });
  });
});
