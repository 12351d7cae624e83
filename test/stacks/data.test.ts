import { resourcesOf, synthEnvironments } from "./synth-helpers";

const { stacks: allStacks } = synthEnvironments();
const stacks = allStacks.filter((s) => s.name.endsWith("-platform"));
const stack = (name: string) => allStacks.find((s) => s.name === name)!;
const ofType = (name: string, type: string) => resourcesOf(stack(name)).filter(([t]) => t === type);

/**
 * The resource types that hold data a deployment cannot recreate. Every one of them must be protected in production;
 * the list is checked against what the stacks contain, so a new stateful type cannot slip in unprotected.
 */
const STATEFUL_TYPES = [
  "azurerm_eventhub_namespace",
  "azurerm_key_vault",
  "azurerm_postgresql_flexible_server",
  "azurerm_redis_cache",
  "azurerm_servicebus_namespace",
  "azurerm_storage_account",
];

describe("data and messaging in the default environments", () => {
  it.each(["prod-westeurope-platform", "prod-northeurope-platform"])("protects every stateful resource of %s with prevent_destroy and a CanNotDelete lock", (name) => {
    const locks = ofType(name, "azurerm_management_lock").map(([, , body]) => body);
    const found = resourcesOf(stack(name)).filter(([type]) => STATEFUL_TYPES.includes(type));
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const [type, key, body] of found) {
      expect({ resource: `${type}.${key}`, lifecycle: body.lifecycle }).toEqual({ resource: `${type}.${key}`, lifecycle: expect.objectContaining({ prevent_destroy: true }) });
      const lock = locks.find((l) => l.scope === `\${${type}.${key}.id}`);
      expect({ resource: `${type}.${key}`, lock: lock?.lock_level }).toEqual({ resource: `${type}.${key}`, lock: "CanNotDelete" });
    }
  });

  it("covers every stateful type in the primary prod region", () => {
    const types = new Set(resourcesOf(stack("prod-westeurope-platform")).map(([type]) => type));
    for (const type of STATEFUL_TYPES) expect({ type, present: types.has(type) }).toEqual({ type, present: true });
  });

  it("leaves dev unlocked, as its preset says", () => {
    expect(ofType("dev-westeurope-platform", "azurerm_management_lock")).toHaveLength(0);
    for (const [type, , body] of resourcesOf(stack("dev-westeurope-platform")).filter(([t]) => STATEFUL_TYPES.includes(t))) {
      expect({ type, preventDestroy: (body.lifecycle as { prevent_destroy?: boolean } | undefined)?.prevent_destroy }).toEqual({ type, preventDestroy: undefined });
    }
  });

  it.each(stacks.map((s) => s.name))("builds the e-commerce example in %s", (name) => {
    const names = (type: string) => ofType(name, type).map(([, , body]) => body.name).sort();
    expect(names("azurerm_servicebus_queue")).toEqual(["email-notifications", "feed-updates", "image-resize", "inventory-updates", "orders"]);
    const primary = !name.includes("northeurope");
    // The primary region also holds the change hubs of the orders database and Debezium's heartbeat hub.
    expect(names("azurerm_eventhub")).toEqual(["analytics", "audit", ...(primary ? ["debezium-heartbeat.shop", "shop.public.order_items", "shop.public.orders"] : [])]);
    expect(names("azurerm_eventgrid_event_subscription")).toEqual(["analytics", "email", "inventory"]);
    expect(names("azurerm_eventgrid_system_topic_event_subscription")).toEqual(["image-upload-audit", "image-upload-feed", "image-upload-resize"]);
    expect(names("azurerm_storage_container")).toEqual([...(primary ? ["cdc-checkpoints"] : []), "eventgrid-deadletter", "images"]);
    expect(ofType(name, "azurerm_redis_cache")).toHaveLength(1);
    const orders = ofType(name, "azurerm_servicebus_queue").find(([, , b]) => b.name === "orders")![2];
    expect(orders).toMatchObject({ requires_session: true, requires_duplicate_detection: true });
    for (const [, , sub] of ofType(name, "azurerm_eventgrid_event_subscription")) {
      expect(sub).toMatchObject({ included_event_types: ["payment_success"], storage_blob_dead_letter_destination: { storage_blob_container_name: "eventgrid-deadletter" } });
    }
  });

  it("runs the orders database in the primary region only (the secondary gets a replica with failover)", () => {
    expect(ofType("prod-westeurope-platform", "azurerm_postgresql_flexible_server_database").map(([, , b]) => b.name)).toEqual(["orders"]);
    const replicas = ofType("prod-northeurope-platform", "azurerm_postgresql_flexible_server");
    expect(replicas.map(([, , b]) => [b.create_mode, b.name])).toEqual([["Replica", "psql-shop-replica-prod-neu-rvyal"]]);
    expect(ofType("prod-northeurope-platform", "azurerm_postgresql_flexible_server_database")).toHaveLength(0);
    expect(ofType("dev-westeurope-platform", "azurerm_postgresql_flexible_server")).toHaveLength(1);
  });

  it("sizes data by preset: zone-redundant Premium in prod, cheaper explicit choices in dev", () => {
    const one = (name: string, type: string) => ofType(name, type)[0][2];
    expect(one("prod-westeurope-platform", "azurerm_redis_cache")).toMatchObject({ sku_name: "Premium", zones: ["1", "2", "3"] });
    expect(one("dev-westeurope-platform", "azurerm_redis_cache")).toMatchObject({ sku_name: "Standard" });
    expect(one("prod-westeurope-platform", "azurerm_postgresql_flexible_server")).toMatchObject({ high_availability: { mode: "ZoneRedundant" }, geo_redundant_backup_enabled: true, backup_retention_days: 35 });
    expect(one("dev-westeurope-platform", "azurerm_postgresql_flexible_server")).toMatchObject({ sku_name: "B_Standard_B2s", geo_redundant_backup_enabled: false });
    expect(one("prod-westeurope-platform", "azurerm_storage_account")).toMatchObject({ account_replication_type: "GZRS" });
    expect(one("dev-westeurope-platform", "azurerm_storage_account")).toMatchObject({ account_replication_type: "LRS" });
    expect(one("prod-westeurope-platform", "azurerm_servicebus_namespace")).toMatchObject({ sku: "Premium", public_network_access_enabled: false });
    expect(one("dev-westeurope-platform", "azurerm_servicebus_namespace")).toMatchObject({ sku: "Standard", public_network_access_enabled: true, local_auth_enabled: false });
  });

  it.each(stacks.map((s) => s.name))("keeps every private service off the public network in %s, except dev's Standard Service Bus", (name) => {
    for (const [type, key, body] of resourcesOf(stack(name))) {
      if (!("public_network_access_enabled" in body)) continue;
      if (type === "azurerm_dashboard_grafana" || type === "azurerm_monitor_workspace") continue; // see docs: no private endpoints built for these yet
      if (name.startsWith("dev-") && type === "azurerm_servicebus_namespace") continue;
      expect({ resource: `${type}.${key}`, public: body.public_network_access_enabled }).toEqual({ resource: `${type}.${key}`, public: false });
    }
  });
});
