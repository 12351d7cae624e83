import { Testing } from "cdktf";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { resolveEnvironment } from "../../stacks/config/resolve";
import { buildEnvironment } from "../../stacks/environment";
import { dev } from "../../stacks/environments/dev";
import { prod } from "../../stacks/environments/prod";
import { expectValidationError } from "../support/expect-validation-error";
import { resourcesOf, SynthesizedStack, synthAppToFiles, synthEnvironments } from "./synth-helpers";

const { stacks } = synthEnvironments();
const stack = (name: string) => stacks.find((s) => s.name === name)!;
const ofType = (s: SynthesizedStack, type: string): any[] => resourcesOf(s).filter(([t]) => t === type).map(([, , body]) => body);
const manifests = (s: SynthesizedStack) => ofType(s, "kubernetes_manifest").map((m) => m.manifest as Record<string, any>);

/** The Debezium Server properties of an apps stack, key by key. */
function debeziumProperties(s: SynthesizedStack): Record<string, string> {
  const config = ofType(s, "kubernetes_config_map_v1").find((c) => c.metadata.name === "debezium-config")!;
  const lines = (config.data["application.properties"] as string).split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

describe("change data capture in the default environments", () => {
  const primary = stack("prod-westeurope-platform");
  const primaryApps = stack("prod-westeurope-apps");

  it("switches the primary database to logical decoding with room for the slot", () => {
    const parameters = Object.fromEntries(ofType(primary, "azurerm_postgresql_flexible_server_configuration").map((p) => [p.name, p.value]));
    expect(parameters).toMatchObject({ wal_level: "logical", max_replication_slots: "20", max_wal_senders: "20", max_worker_processes: "16" });
    // prod's server is zone-redundant: its slot survives an HA failover through pg_failover_slots.
    expect(parameters["pg_failover_slots.synchronize_slot_names"]).toBe("name:debezium_shop");
    expect(parameters.shared_preload_libraries).toContain("pg_failover_slots");
  });

  it("creates one hub per captured table, a consumer group per consuming service on its table's hub, and the external consumer's on every hub", () => {
    const hubs = ofType(primary, "azurerm_eventhub").map((h) => h.name).sort();
    expect(hubs).toEqual(["analytics", "audit", "debezium-heartbeat.shop", "shop.public.order_items", "shop.public.orders"]);
    const hubOf = (group: any) => (String(group.eventhub_name).includes("order_items") || String(group.eventhub_name).includes("orderitems") ? "order_items" : "orders");
    const groups = ofType(primary, "azurerm_eventhub_consumer_group")
      .filter((g) => String(g.eventhub_name).includes("shoppublic"))
      .map((g) => `${hubOf(g)}:${g.name}`)
      .sort();
    expect(groups).toEqual(["order_items:analytics", "order_items:inventory-sync", "orders:analytics", "orders:cache-invalidator", "orders:search-indexer"]);
  });

  it("watches the lag of the consumers KEDA scales, not the external one", () => {
    const group = ofType(primary, "azurerm_monitor_alert_prometheus_rule_group").find((g) => g.name === "cdc-shop-consumer-lag")!;
    expect(group.rule.map((r: any) => r.labels.consumer_group).sort()).toEqual(["cache-invalidator", "inventory-sync", "search-indexer"]);
  });

  it("alerts on replication lag and WAL size of the server, and on consumer lag", () => {
    const metrics = ofType(primary, "azurerm_monitor_metric_alert").map((a) => a.criteria[0].metric_name).sort();
    expect(metrics).toEqual(["logical_replication_delay_in_bytes", "txlogs_storage_used"]);
    const rules = ofType(primary, "azurerm_monitor_alert_prometheus_rule_group").filter((g) => g.name === "cdc-shop-consumer-lag");
    expect(rules).toHaveLength(1);
    expect(JSON.stringify(rules[0].rule)).toContain("keda_scaler_metrics_value");
  });

  it("runs Debezium Server in the primary region's cdc namespace with the pgoutput slot and publication, durable offsets and tombstones", () => {
    const props = debeziumProperties(primaryApps);
    expect(props).toMatchObject({
      "debezium.source.connector.class": "io.debezium.connector.postgresql.PostgresConnector",
      "debezium.source.plugin.name": "pgoutput",
      "debezium.source.slot.name": "debezium_shop",
      "debezium.source.publication.name": "debezium_shop",
      "debezium.source.snapshot.mode": "when_needed",
      "debezium.source.decimal.handling.mode": "string",
      "debezium.source.skipped.operations": "none",
      "debezium.source.tombstones.on.delete": "true",
      "debezium.source.heartbeat.interval.ms": "10000",
      "debezium.source.table.include.list": "public.orders,public.order_items,public.debezium_heartbeat",
      "debezium.source.topic.prefix": "shop",
      "debezium.source.offset.storage": "org.apache.kafka.connect.storage.FileOffsetBackingStore",
      "debezium.sink.type": "kafka",
      "debezium.sink.kafka.producer.security.protocol": "SASL_SSL",
      "debezium.sink.kafka.producer.sasl.mechanism": "OAUTHBEARER",
    });
    expect(props["debezium.sink.kafka.producer.bootstrap.servers"]).toMatch(/\.servicebus\.windows\.net:9093$/);
    const statefulSet = ofType(primaryApps, "kubernetes_stateful_set_v1").find((s) => s.metadata.name === "debezium")!;
    expect(statefulSet.metadata.namespace).toMatch(/CdcNamespace/);
    expect(statefulSet.spec.replicas).toBe("1");
    expect(statefulSet.spec.template.spec.container.find((c: any) => c.name === "debezium").image).toMatch(/^quay\.io\/debezium\/server:\d+\.\d+\.\d+\.Final$/);
  });

  it("scales each change-stream worker on its consumer lag, in the primary region only", () => {
    const scaled = manifests(primaryApps).filter((m) => m.kind === "ScaledObject" && m.spec.triggers[0].type === "azure-eventhub");
    expect(scaled.map((m) => [m.metadata.name, m.spec.triggers[0].metadata.eventHubName, m.spec.triggers[0].metadata.consumerGroup]).sort()).toEqual([
      ["cache-invalidator", "shop.public.orders", "cache-invalidator"],
      ["inventory-sync", "shop.public.order_items", "inventory-sync"],
      ["search-indexer", "shop.public.orders", "search-indexer"],
    ]);
    expect(scaled.find((m) => m.metadata.name === "cache-invalidator")!.spec.triggers[0].metadata.unprocessedEventThreshold).toBe("200");
    const secondaryApps = stack("prod-northeurope-apps");
    expect(ofType(secondaryApps, "kubernetes_deployment_v1").map((d) => d.metadata.name)).not.toContain("search-indexer");
    expect(ofType(secondaryApps, "kubernetes_stateful_set_v1")).toEqual([]);
    expect(ofType(stack("prod-northeurope-platform"), "azurerm_eventhub").map((h) => h.name).sort()).toEqual(["analytics", "audit"]);
  });

  it("outputs the one-time setup SQL of the connector's least-privilege role", () => {
    expect(primaryApps.parsed.output).toHaveProperty("cdc_setup_sql");
  });

  it("writes no connection string, key or password into any synthesized stack of any default environment", () => {
    const files = synthAppToFiles();
    // Literal secrets, and references to the attributes that hold them (which Terraform would copy into a resource).
    const secrets: RegExp[] = [
      /Endpoint=sb:\/\//i,
      /SharedAccessKey/i,
      /AccountKey=/i,
      /DefaultEndpointsProtocol=/,
      /"[a-z_]*password"\s*:\s*"[^"$]/i,
      /password\s*=\s*[^\s$"{][^\s"]{3,}/i,
      /\.(primary|secondary)_(access_key|connection_string|key|blob_connection_string)\b/,
      /default_(primary|secondary)_(connection_string|key)\b/,
      /"(primary|secondary)_(access_key|connection_string|key)"\s*:/,
    ];
    const planted = [
      '{"value": "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=b"}',
      '{"administrator_password": "Hunter2Hunter2"}',
      '{"value": "${azurerm_redis_cache.r.primary_access_key}"}',
      '{"value": "${azurerm_eventhub_namespace.n.default_primary_connection_string}"}',
      '{"value": "${azurerm_storage_account.s.primary_blob_connection_string}"}',
      "debezium.source.database.password=Hunter2Hunter2",
    ];
    let scanned = 0;
    for (const [file, bytes] of files) {
      if (!file.endsWith("cdk.tf.json")) continue;
      const text = bytes.toString();
      for (const pattern of secrets) expect({ file, found: pattern.test(text) ? pattern.source : undefined }).toEqual({ file, found: undefined });
      scanned++;
    }
    expect(scanned).toBeGreaterThanOrEqual(18);
    // The scan catches each planted secret.
    for (const sample of planted) expect({ sample, caught: secrets.some((p) => p.test(sample)) }).toEqual({ sample, caught: true });
  });
});

describe("change data capture config", () => {
  const withCdc = (cdc: Record<string, unknown>): EnvironmentConfig => ({ ...dev, data: { ...dev.data, cdc: { ...dev.data!.cdc!, ...cdc } as never } });

  it("fails when a table is not schema-qualified", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ tables: ["orders"] })), /^environments\.dev\.data\.cdc\.tables\[0\]: is not a schema-qualified table name \(got "orders"\)/);
  });

  it("fails when a table name has characters outside [a-z0-9_]", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ tables: ["public.Order-Lines"] })), /^environments\.dev\.data\.cdc\.tables\[0\]: is not a schema-qualified table name \(got "public\.Order-Lines"\)/);
  });

  it("fails when a table name is longer than 63 characters", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ tables: [`public.${"a".repeat(64)}`] })), /^environments\.dev\.data\.cdc\.tables\[0\]: is not a schema-qualified table name/);
  });

  it("fails when a table is listed twice", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ tables: ["public.orders", "public.orders"] })), 'environments.dev.data.cdc.tables[1]: repeats tables[0] (got "public.orders"); list each table once');
  });

  it("fails when the database does not exist", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ database: "billing" })), 'environments.dev.data.cdc.database: names a database that does not exist (got "billing"); use one of data.postgres.databases (orders)');
  });

  it("fails when the slot name has characters outside [a-z0-9_]", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ slotName: "Debezium-Orders" })), 'environments.dev.data.cdc.slotName: is not a valid replication slot name (got "Debezium-Orders"); use 1-63 lowercase letters, digits and "_" (e.g. "debezium_orders")');
  });

  it("fails when the slot name is longer than 63 characters", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ slotName: "s".repeat(64) })), /^environments\.dev\.data\.cdc\.slotName: is not a valid replication slot name/);
  });

  it("fails when the publication name is invalid", () => {
    expectValidationError(() => resolveEnvironment(withCdc({ publicationName: "orders.pub" })), /^environments\.dev\.data\.cdc\.publicationName: is not a valid publication name \(got "orders\.pub"\)/);
  });

  it("fails when the topic prefix cannot name an event hub", () => {
    expectValidationError(() => buildEnvironment(Testing.app(), withCdc({ topicPrefix: "-shop" })), /^environments\.dev\.regions\[0\]\(westeurope\)\.data\.cdc\.topicPrefix: has an invalid format \(got "-shop"\)/);
  });

  it("fails when the change hubs would exceed the Standard tier's 10 event hubs per namespace", () => {
    // analytics and audit, the heartbeat hub, orders, order_items and six more: 11 hubs.
    const tables = ["public.orders", "public.order_items", ...Array.from({ length: 6 }, (_, i) => `public.t${i}`)];
    const build = () => buildEnvironment(Testing.app(), withCdc({ tables }));
    expectValidationError(build, /^environments\.dev\.regions\[0\]\(westeurope\)\.data\.cdc\..*10/);
  });

  it("fails when a consumer names a table that is not captured", () => {
    const teams = dev.teams!.map((t) => (t.name === "commerce" ? { ...t, services: { ...t.services, "search-indexer": { ...t.services!["search-indexer"], consumesChanges: { table: "public.payments" } } } } : t));
    expectValidationError(() => resolveEnvironment({ ...dev, teams }), /^environments\.dev\.teams\[1\]\.services\.search-indexer\.consumesChanges\.table: is not a captured table \(got "public\.payments"\)/);
  });

  it("fails when a consumer also has routes", () => {
    const teams = dev.teams!.map((t) => (t.name === "commerce" ? { ...t, services: { ...t.services, "search-indexer": { ...t.services!["search-indexer"], paths: ["/search"] } } } : t));
    expectValidationError(() => resolveEnvironment({ ...dev, teams }), /^environments\.dev\.teams\[1\]\.services\.search-indexer\.paths: are set on a change-stream consumer, which runs only where the stream runs/);
  });

  it("fails when a consumer also scales on a queue", () => {
    const teams = dev.teams!.map((t) => (t.name === "commerce" ? { ...t, services: { ...t.services, "search-indexer": { ...t.services!["search-indexer"], queueScaling: { queue: "orders" } } } } : t));
    expectValidationError(() => resolveEnvironment({ ...dev, teams }), /^environments\.dev\.teams\[1\]\.services\.search-indexer\.consumesChanges: is set together with queueScaling/);
  });

  it("fails when a worker without paths asks for gateway features", () => {
    const teams = dev.teams!.map((t) => (t.name === "commerce" ? { ...t, services: { ...t.services, "search-indexer": { ...t.services!["search-indexer"], requireJwt: true } } } : t));
    expectValidationError(() => resolveEnvironment({ ...dev, teams }), /^environments\.dev\.teams\[1\]\.services\.search-indexer\.requireJwt: applies at the gateway, and the service has no paths/);
  });

  it("fails when PostgreSQL is off", () => {
    expectValidationError(() => resolveEnvironment({ ...dev, data: { ...dev.data, postgres: { enabled: false } } }), /^environments\.dev\.data\.cdc\.database: is captured from PostgreSQL, which the environment turns off/);
  });

  it("fails on a Basic Event Hubs namespace, which has no Kafka endpoint", () => {
    expectValidationError(() => resolveEnvironment({ ...dev, data: { ...dev.data, eventHubs: { ...dev.data!.eventHubs, sku: "Basic" } } }), /^environments\.dev\.data\.cdc: publishes through the Event Hubs Kafka endpoint, which Basic namespaces do not have/);
  });

  it("is part of prod and dev", () => {
    expect(resolveEnvironment(prod).data.cdc).toMatchObject({ database: "orders", tables: ["public.orders", "public.order_items"], topicPrefix: "shop", snapshotMode: "when_needed" });
    expect(resolveEnvironment(dev).data.cdc).toBeDefined();
  });
});
