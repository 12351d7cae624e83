import { Eventhub } from "@cdktf/provider-azurerm/lib/eventhub";
import { EventhubConsumerGroup } from "@cdktf/provider-azurerm/lib/eventhub-consumer-group";
import { EventhubNamespace } from "@cdktf/provider-azurerm/lib/eventhub-namespace";
import { EventhubNamespaceDisasterRecoveryConfig } from "@cdktf/provider-azurerm/lib/eventhub-namespace-disaster-recovery-config";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { EventHubOptions, EventHubsNamespace, EventHubsNamespaceProps } from "../../lib/messaging/event-hubs";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { expectValidationError, identity, MessagingFixture, messagingFixture, ref, resourceList, resourcesOf, storageAccount } from "./fixtures";

const NAMESPACE = "azurerm_eventhub_namespace";
const CAPTURE_ACCOUNT = storageAccount("stcapture");

function create(props: Partial<EventHubsNamespaceProps> = {}, region?: string): { f: MessagingFixture; streams: EventHubsNamespace } {
  const f = messagingFixture(region);
  const streams = new EventHubsNamespace(f.stack, "Streams", { resourceGroup: f.resourceGroup, namer: f.namer, ...props });
  return { f, streams };
}

function synth(props: Partial<EventHubsNamespaceProps> = {}): string {
  return Testing.synth(create(props).f.stack);
}

/** Synthesizes a default namespace with one event hub. */
function synthHub(options: EventHubOptions = {}, props: Partial<EventHubsNamespaceProps> = {}): string {
  const { f, streams } = create(props);
  streams.addEventHub("orders", options);
  return Testing.synth(f.stack);
}

const BASIC: Partial<EventHubsNamespaceProps> = { sku: "Basic", kafkaEnabled: false, publicNetworkAccessEnabled: true };
const PREMIUM: Partial<EventHubsNamespaceProps> = { sku: "Premium" };
const DR_CONFIG = "azurerm_eventhub_namespace_disaster_recovery_config";

/** A namespace `id` in North Europe (its own resource group), in `scope` (the fixture's stack unless told). */
function partner(f: MessagingFixture, props: Partial<EventHubsNamespaceProps> = {}, id = "Standby", scope: Construct = f.stack): EventHubsNamespace {
  const namer = f.namer.forRegion("northeurope");
  const resourceGroup = new ResourceGroup(scope, `${id}Group`, { name: `rg-shop-prod-neu-${id.toLowerCase()}`, location: "northeurope" });
  return new EventHubsNamespace(scope, id, { resourceGroup, namer, ...props });
}

describe("EventHubsNamespace", () => {
  test("synthesizes the default namespace", () => {
    expect(resourcesOf(synth(), NAMESPACE)).toMatchSnapshot();
  });

  describe("namespace defaults", () => {
    test("is Standard with one throughput unit, auto-inflating up to 10", () => {
      expect(synth()).toHaveResourceWithProperties(EventhubNamespace, { sku: "Standard", capacity: 1, auto_inflate_enabled: true, maximum_throughput_units: 10 });
    });

    test("turns SAS key authentication off", () => {
      expect(synth()).toHaveResourceWithProperties(EventhubNamespace, { local_authentication_enabled: false });
    });

    test("requires TLS 1.2", () => {
      expect(synth()).toHaveResourceWithProperties(EventhubNamespace, { minimum_tls_version: "1.2" });
    });

    test("turns public network access off, denying by default and letting trusted services through", () => {
      expect(synth()).toHaveResourceWithProperties(EventhubNamespace, {
        public_network_access_enabled: false,
        network_rulesets: [{ default_action: "Deny", public_network_access_enabled: false, trusted_service_access_enabled: true, ip_rule: [], virtual_network_rule: [] }],
      });
    });

    test("has a system-assigned identity", () => {
      expect(synth()).toHaveResourceWithProperties(EventhubNamespace, { identity: { type: "SystemAssigned" } });
    });

    test("is named by the namer", () => {
      expect(synth()).toHaveResourceWithProperties(EventhubNamespace, { name: "ehn-shop-prod-weu-hgjxm", location: "${azurerm_resource_group.ResourceGroup.location}" });
    });

    test("exposes the Kafka bootstrap address", () => {
      expect(create().streams.kafkaBootstrapServers).toBe("ehn-shop-prod-weu-hgjxm.servicebus.windows.net:9093");
    });

    test("is zone redundant in a region with zones", () => {
      expect(create().streams.zoneRedundant).toBe(true);
    });
  });

  describe("protection, network and monitoring", () => {
    test("prevents destroy and locks the namespace by default", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(EventhubNamespace, { lifecycle: { prevent_destroy: true } });
      expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: "CanNotDelete", scope: ref(NAMESPACE, "Streams", "id") });
    });

    test("leaves a development namespace unprotected with protect: false", () => {
      expect(resourceList(synth({ protect: false }), "azurerm_management_lock")).toHaveLength(0);
    });

    test("creates a private endpoint for the namespace sub-resource on Standard", () => {
      const f = messagingFixture();
      new EventHubsNamespace(f.stack, "Streams", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzPrivateEndpoint, {
        name: "pep-shop-ehn-prod-weu",
        private_service_connection: { name: "psc-ehn", is_manual_connection: false, private_connection_resource_id: ref(NAMESPACE, "Streams", "id"), subresource_names: ["namespace"] },
      });
    });

    test("sends logs and metrics to the workspace when given", () => {
      const f = messagingFixture();
      new EventHubsNamespace(f.stack, "Streams", { resourceGroup: f.resourceGroup, namer: f.namer, logAnalytics: f.logAnalytics });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, { target_resource_id: ref(NAMESPACE, "Streams", "id") });
    });
  });

  describe("tiers", () => {
    test("scales Premium in processing units, without auto-inflate", () => {
      const [namespace] = resourceList(synth({ ...PREMIUM, processingUnits: 4 }), NAMESPACE);
      expect(namespace).toMatchObject({ sku: "Premium", capacity: 4, auto_inflate_enabled: false });
      expect(namespace).not.toHaveProperty("maximum_throughput_units");
    });

    test("raises the auto-inflate ceiling to the throughput units when they exceed 10", () => {
      expect(synth({ throughputUnits: 12 })).toHaveResourceWithProperties(EventhubNamespace, { capacity: 12, maximum_throughput_units: 12 });
    });

    test("turns auto-inflate off when told", () => {
      const [namespace] = resourceList(synth({ autoInflateEnabled: false }), NAMESPACE);
      expect(namespace.auto_inflate_enabled).toBe(false);
      expect(namespace).not.toHaveProperty("maximum_throughput_units");
    });

    test("allows Basic for development, without Kafka, private network or network rules", () => {
      const { f, streams } = create(BASIC);
      const [namespace] = resourceList(Testing.synth(f.stack), NAMESPACE);
      expect(namespace).toMatchObject({ sku: "Basic", public_network_access_enabled: true, auto_inflate_enabled: false });
      expect(namespace).not.toHaveProperty("network_rulesets");
      expect(streams.kafkaEnabled).toBe(false);
    });
  });

  describe("event hubs", () => {
    test("has four partitions and keeps events for seven days by default", () => {
      expect(synthHub()).toHaveResourceWithProperties(Eventhub, {
        name: "orders",
        namespace_id: ref(NAMESPACE, "Streams", "id"),
        partition_count: 4,
        retention_description: { cleanup_policy: "Delete", retention_time_in_hours: 168 },
      });
    });

    test("keeps events for one day on Basic by default", () => {
      expect(synthHub({}, BASIC)).toHaveResourceWithProperties(Eventhub, { retention_description: { cleanup_policy: "Delete", retention_time_in_hours: 24 } });
    });

    test("keeps events up to 90 days on Premium", () => {
      expect(synthHub({ partitionCount: 100, retentionHours: 2160 }, PREMIUM)).toHaveResourceWithProperties(Eventhub, {
        partition_count: 100,
        retention_description: { cleanup_policy: "Delete", retention_time_in_hours: 2160 },
      });
    });

    test("compacts by key, keeping tombstones for a day", () => {
      expect(synthHub({ cleanupPolicy: "Compact" })).toHaveResourceWithProperties(Eventhub, { retention_description: { cleanup_policy: "Compact", tombstone_retention_time_in_hours: 24 } });
    });

    test("captures to blob storage every five minutes in Avro, skipping empty windows", () => {
      expect(synthHub({ capture: { storageAccount: CAPTURE_ACCOUNT, containerName: "capture" } })).toHaveResourceWithProperties(Eventhub, {
        capture_description: {
          enabled: true,
          encoding: "Avro",
          interval_in_seconds: 300,
          size_limit_in_bytes: 314_572_800,
          skip_empty_archives: true,
          destination: {
            name: "EventHubArchive.AzureBlockBlob",
            archive_name_format: "{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}",
            blob_container_name: "capture",
            storage_account_id: CAPTURE_ACCOUNT.id,
          },
        },
      });
    });

    test("adds consumer groups to the event hub", () => {
      const { f, streams } = create();
      streams.addEventHub("orders").addConsumerGroup("search", { userMetadata: "team=search" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(EventhubConsumerGroup, {
        name: "search",
        eventhub_name: ref("azurerm_eventhub", "Streams_Hub-orders", "name"),
        namespace_name: ref(NAMESPACE, "Streams", "name"),
        resource_group_name: ref(NAMESPACE, "Streams", "resource_group_name"),
        user_metadata: "team=search",
      });
    });

    test("allows ten event hubs on a Standard namespace", () => {
      const { f, streams } = create();
      for (let i = 1; i <= 10; i++) streams.addEventHub(`hub${i}`);
      expect(resourceList(Testing.synth(f.stack), "azurerm_eventhub")).toHaveLength(10);
    });

    test("lists the event hubs it added", () => {
      const { streams } = create();
      const hub = streams.addEventHub("orders");
      expect(streams.eventHubs.get("orders")).toBe(hub);
    });
  });

  describe("geo-disaster recovery", () => {
    test("pairs the namespace (primary) with the partner under the alias", () => {
      const { f, streams } = create();
      streams.addGeoDisasterRecovery(partner(f), { alias: "ehn-shop-streams" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(EventhubNamespaceDisasterRecoveryConfig, {
        name: "ehn-shop-streams",
        namespace_name: ref(NAMESPACE, "Streams", "name"),
        resource_group_name: ref(NAMESPACE, "Streams", "resource_group_name"),
        partner_namespace_id: ref(NAMESPACE, "Standby", "id"),
      });
    });

    test("creates the pairing in the primary namespace, with construct id GeoDisasterRecovery", () => {
      const { f, streams } = create();
      streams.addGeoDisasterRecovery(partner(f));
      expect(Object.keys(resourcesOf(Testing.synth(f.stack), DR_CONFIG))).toEqual([expect.stringMatching(/^Streams_GeoDisasterRecovery_[0-9A-F]{8}$/)]);
    });

    test("names the alias after the namer without a region code by default", () => {
      const { f, streams } = create();
      expect(streams.addGeoDisasterRecovery(partner(f)).alias).toMatch(/^ehn-shop-prod-[a-z0-9]{5}$/);
    });

    test("puts the qualifier into the default alias", () => {
      const { f, streams } = create({ qualifier: "cdc" });
      expect(streams.addGeoDisasterRecovery(partner(f)).alias).toMatch(/^ehn-shop-cdc-prod-[a-z0-9]{5}$/);
    });

    test("exposes the alias host clients connect to", () => {
      const { f, streams } = create();
      expect(streams.addGeoDisasterRecovery(partner(f), { alias: "ehn-shop-streams" }).fullyQualifiedNamespace).toBe("ehn-shop-streams.servicebus.windows.net");
    });

    test("exposes the L1 and the roles, on both namespaces", () => {
      const { f, streams } = create();
      const standby = partner(f);
      const dr = streams.addGeoDisasterRecovery(standby);
      expect(dr.resource).toBeInstanceOf(EventhubNamespaceDisasterRecoveryConfig);
      expect([dr.primary, dr.secondary, streams.geoDisasterRecovery, standby.geoDisasterRecovery]).toEqual([streams, standby, dr, dr]);
    });

    test("leaves unpaired namespaces without a pairing", () => {
      expect(create().streams.geoDisasterRecovery).toBeUndefined();
    });

    test("pairs Premium namespaces", () => {
      const { f, streams } = create(PREMIUM);
      streams.addGeoDisasterRecovery(partner(f, PREMIUM), { alias: "ehn-shop-streams" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(EventhubNamespaceDisasterRecoveryConfig, { name: "ehn-shop-streams" });
    });

    test("creates the pairing in another stack when given a scope", () => {
      const { f, streams } = create();
      const neuStack = new TerraformStack(f.app, "neu");
      streams.addGeoDisasterRecovery(partner(f, {}, "Standby", neuStack), { scope: neuStack });
      const neu = Testing.synth(neuStack);
      expect(Object.keys(resourcesOf(neu, DR_CONFIG))).toEqual([expect.stringMatching(/^Streams-GeoDisasterRecovery/)]);
      expect(neu).toHaveResourceWithProperties(EventhubNamespaceDisasterRecoveryConfig, { partner_namespace_id: ref(NAMESPACE, "Standby", "id") });
      expect(resourceList(Testing.synth(f.stack), DR_CONFIG)).toHaveLength(0);
    });

    test("keeps adding event hubs to the primary after pairing", () => {
      const { f, streams } = create();
      streams.addGeoDisasterRecovery(partner(f));
      streams.addEventHub("orders").addConsumerGroup("search");
      expect([...streams.eventHubs.keys()]).toEqual(["orders"]);
    });

    test("pairs namespaces with private endpoints on both sides", () => {
      const f = messagingFixture();
      const streams = new EventHubsNamespace(f.stack, "Streams", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } });
      const namer = f.namer.forRegion("northeurope");
      const resourceGroup = new ResourceGroup(f.stack, "GroupNeu", { name: "rg-shop-prod-neu", location: "northeurope" });
      const network = new VirtualNetwork(f.stack, "NetworkNeu", { resourceGroup, namer, addressSpace: "10.20.0.0/16" });
      const standby = new EventHubsNamespace(f.stack, "Standby", { resourceGroup, namer, privateEndpoint: { network, dnsZone: f.serviceBusZone } });
      streams.addGeoDisasterRecovery(standby, { alias: "ehn-shop-streams" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(EventhubNamespaceDisasterRecoveryConfig, { name: "ehn-shop-streams" });
    });

    test("fails when the primary is Basic", () => {
      const { f, streams } = create(BASIC);
      expectValidationError(() => streams.addGeoDisasterRecovery(partner(f, BASIC)), 'eventHubs.geoDisasterRecovery: is not available on the Basic sku (got "Basic"); use sku "Standard" or "Premium"');
    });

    test("fails when the partner is Basic", () => {
      const { f, streams } = create();
      expectValidationError(
        () => streams.addGeoDisasterRecovery(partner(f, BASIC)),
        'eventHubs.geoDisasterRecovery.partner.sku: must be the primary\'s sku "Standard": Azure pairs Standard with Standard and Premium with Premium (got "Basic"); create the partner with sku "Standard"',
      );
    });

    test("fails when a Standard primary is paired with a Premium partner", () => {
      const { f, streams } = create();
      expectValidationError(() => streams.addGeoDisasterRecovery(partner(f, PREMIUM)), /^eventHubs\.geoDisasterRecovery\.partner\.sku: must be the primary's sku "Standard".* \(got "Premium"\)/);
    });

    test("fails when a Premium primary is paired with a Standard partner", () => {
      const { f, streams } = create(PREMIUM);
      expectValidationError(() => streams.addGeoDisasterRecovery(partner(f)), /^eventHubs\.geoDisasterRecovery\.partner\.sku: must be the primary's sku "Premium".* \(got "Standard"\); create the partner with sku "Premium"$/);
    });

    test("fails when the partner is in the primary's region", () => {
      const { f, streams } = create();
      const sameRegion = new EventHubsNamespace(f.stack, "Standby", { resourceGroup: f.resourceGroup, namer: f.namer, qualifier: "standby" });
      expectValidationError(
        () => streams.addGeoDisasterRecovery(sameRegion),
        'eventHubs.geoDisasterRecovery.partner.region: is the primary\'s region; the pairing would not survive a regional outage (got "westeurope"); use a namespace in another region, e.g. "northeurope"',
      );
    });

    test("fails when the partner holds event hubs", () => {
      const { f, streams } = create();
      const standby = partner(f);
      standby.addEventHub("orders");
      expectValidationError(
        () => streams.addGeoDisasterRecovery(standby),
        'eventHubs.geoDisasterRecovery.partner: holds event hubs, but the secondary namespace must be empty: the pairing fills it with the primary\'s event hubs (got ["orders"]); add the event hubs to the primary only',
      );
    });

    test("fails when an event hub is added to the secondary", () => {
      const { f, streams } = create();
      const standby = partner(f);
      streams.addGeoDisasterRecovery(standby);
      expectValidationError(() => standby.addEventHub("orders"), /^eventHubs\.hubs\.orders: cannot be created in namespace "ehn-shop-prod-neu-[a-z0-9]{5}", the passive geo-disaster recovery secondary of "ehn-shop-prod-weu-[a-z0-9]{5}": it receives the primary's event hubs .*; add it to the primary namespace$/);
    });

    test("fails when the primary has a private endpoint and the partner has none", () => {
      const f = messagingFixture();
      const streams = new EventHubsNamespace(f.stack, "Streams", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } });
      expectValidationError(
        () => streams.addGeoDisasterRecovery(partner(f)),
        "eventHubs.geoDisasterRecovery.partner.privateEndpoint: is missing: Azure refuses to pair a primary that has a private endpoint with a secondary that has none (got undefined); give the partner a private endpoint in its region's network",
      );
    });

    test.each([
      ["shorter than 6 characters", "eh-dr"],
      ["longer than 50 characters", `a${"b".repeat(50)}`],
      ["starting with a digit", "1shop-streams"],
      ["ending with a hyphen", "shop-streams-"],
      ["holding a dot", "shop.streams"],
    ])("fails when the alias is invalid: %s", (_, alias) => {
      const { f, streams } = create();
      expectValidationError(
        () => streams.addGeoDisasterRecovery(partner(f), { alias }),
        `eventHubs.geoDisasterRecovery.alias: has an invalid format (got "${alias}"); use 6-50 letters, digits and hyphens, starting with a letter and ending with a letter or digit`,
      );
    });

    test("fails when the alias is the primary's name", () => {
      const { f, streams } = create();
      expectValidationError(() => streams.addGeoDisasterRecovery(partner(f), { alias: streams.name }), /^eventHubs\.geoDisasterRecovery\.alias: is the name of the primary namespace; the alias is a DNS name of its own/);
    });

    test("fails when the alias is the partner's name", () => {
      const { f, streams } = create();
      const standby = partner(f);
      expectValidationError(() => streams.addGeoDisasterRecovery(standby, { alias: standby.name }), /^eventHubs\.geoDisasterRecovery\.alias: is the name of the partner namespace/);
    });

    test("fails when the primary is paired twice", () => {
      const { f, streams } = create();
      streams.addGeoDisasterRecovery(partner(f), { alias: "ehn-shop-streams" });
      expectValidationError(
        () => streams.addGeoDisasterRecovery(partner(f, {}, "Standby2")),
        /^eventHubs\.geoDisasterRecovery: cannot be paired: this namespace is already the primary of alias "ehn-shop-streams" \(secondary "ehn-shop-prod-neu-[a-z0-9]{5}"\), and a namespace takes part in one pairing only/,
      );
    });

    test("fails when the partner is already the secondary of another primary", () => {
      const { f, streams } = create();
      const standby = partner(f);
      const other = new EventHubsNamespace(f.stack, "Other", { resourceGroup: f.resourceGroup, namer: f.namer, qualifier: "other" });
      other.addGeoDisasterRecovery(standby, { alias: "ehn-shop-other" });
      expectValidationError(() => streams.addGeoDisasterRecovery(standby), /^eventHubs\.geoDisasterRecovery\.partner: cannot be paired: the partner is already the secondary of alias "ehn-shop-other"/);
    });

    test("fails when a secondary is made the primary of another pairing", () => {
      const { f, streams } = create();
      const standby = partner(f);
      streams.addGeoDisasterRecovery(standby);
      const third = new EventHubsNamespace(f.stack, "Third", { resourceGroup: f.resourceGroup, namer: f.namer.forRegion("uksouth") });
      expectValidationError(() => standby.addGeoDisasterRecovery(third), /^eventHubs\.geoDisasterRecovery: cannot be paired: this namespace is already the secondary of alias/);
    });

    test("fails when the namespace is paired with itself", () => {
      const { streams } = create();
      expectValidationError(() => streams.addGeoDisasterRecovery(streams), /^eventHubs\.geoDisasterRecovery\.partner: is the primary namespace itself/);
    });
  });

  describe("grants", () => {
    test("grants sending on the whole namespace", () => {
      const { f, streams } = create();
      streams.grantSend(identity(f.stack, "Debezium", f));
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref(NAMESPACE, "Streams", "id"),
        role_definition_name: "Azure Event Hubs Data Sender",
        principal_id: "${azurerm_user_assigned_identity.Debezium.principal_id}",
      });
    });

    test("grants receiving on one event hub", () => {
      const { f, streams } = create();
      streams.addEventHub("orders").grantReceive(identity(f.stack, "Search", f));
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref("azurerm_eventhub", "Streams_Hub-orders", "id"),
        role_definition_name: "Azure Event Hubs Data Receiver",
      });
    });

    test("grants receiving on the namespace and sending on one event hub", () => {
      const { f, streams } = create();
      const analytics = identity(f.stack, "Analytics", f);
      streams.grantReceive(analytics);
      streams.addEventHub("orders").grantSend(analytics);
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: ref(NAMESPACE, "Streams", "id"), role_definition_name: "Azure Event Hubs Data Receiver" });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: ref("azurerm_eventhub", "Streams_Hub-orders", "id"), role_definition_name: "Azure Event Hubs Data Sender" });
    });
  });

  describe("validation", () => {
    test("fails when Kafka is required on Basic", () => {
      expectValidationError(
        () => create({ sku: "Basic", publicNetworkAccessEnabled: true }),
        'eventHubs.kafkaEnabled: cannot be met: the Basic sku has no Kafka endpoint (got true); use sku "Standard" or "Premium", or set kafkaEnabled to false',
      );
    });

    test("fails when the Kafka address is read from a namespace without Kafka", () => {
      const { streams } = create(BASIC);
      expectValidationError(() => streams.kafkaBootstrapServers, /^eventHubs\.kafkaBootstrapServers: is not available: the namespace has no Kafka endpoint/);
    });

    test.each([0, 33])("fails when a Standard event hub has %i partitions", (count) => {
      const { streams } = create();
      expectValidationError(() => streams.addEventHub("orders", { partitionCount: count }), `eventHubs.hubs.orders.partitionCount: is out of range (got ${count}); use 1 to 32`);
    });

    test("fails when a Premium event hub has more than 100 partitions", () => {
      const { streams } = create(PREMIUM);
      expectValidationError(() => streams.addEventHub("orders", { partitionCount: 101 }), "eventHubs.hubs.orders.partitionCount: is out of range (got 101); use 1 to 100");
    });

    test("fails when a Premium namespace runs out of partitions for its processing units", () => {
      const { streams } = create(PREMIUM);
      streams.addEventHub("a", { partitionCount: 100 });
      streams.addEventHub("b", { partitionCount: 100 });
      expectValidationError(() => streams.addEventHub("c", { partitionCount: 1 }), /^eventHubs\.hubs\.c\.partitionCount: would bring the namespace to 201 partitions, but 1 processing unit\(s\) hold 200/);
    });

    test("fails when Standard retention exceeds seven days", () => {
      const { streams } = create();
      expectValidationError(() => streams.addEventHub("orders", { retentionHours: 169 }), "eventHubs.hubs.orders.retentionHours: is out of range (got 169); use 1 to 168");
    });

    test("fails when Basic retention exceeds one day", () => {
      const { streams } = create(BASIC);
      expectValidationError(() => streams.addEventHub("orders", { retentionHours: 48 }), "eventHubs.hubs.orders.retentionHours: is out of range (got 48); use 1 to 24");
    });

    test("fails when Premium retention exceeds 90 days", () => {
      const { streams } = create(PREMIUM);
      expectValidationError(() => streams.addEventHub("orders", { retentionHours: 2161 }), "eventHubs.hubs.orders.retentionHours: is out of range (got 2161); use 1 to 2160");
    });

    test("fails when a compacted event hub is given a time-based retention", () => {
      const { streams } = create();
      expectValidationError(() => streams.addEventHub("orders", { cleanupPolicy: "Compact", retentionHours: 24 }), /^eventHubs\.hubs\.orders\.retentionHours: does not apply to a compacted event hub/);
    });

    test("fails when compaction is asked for on Basic", () => {
      const { streams } = create(BASIC);
      expectValidationError(() => streams.addEventHub("orders", { cleanupPolicy: "Compact" }), /^eventHubs\.hubs\.orders\.cleanupPolicy: log compaction is not available on the Basic sku/);
    });

    test("fails when an 11th event hub is added to a Standard namespace", () => {
      const { streams } = create();
      for (let i = 1; i <= 10; i++) streams.addEventHub(`hub${i}`);
      expectValidationError(() => streams.addEventHub("hub11"), /^eventHubs\.hubs\.hub11: would be event hub number 11, but a Standard namespace holds at most 10/);
    });

    test("fails when a private endpoint is given on Basic", () => {
      const f = messagingFixture();
      expectValidationError(
        () => new EventHubsNamespace(f.stack, "Streams", { resourceGroup: f.resourceGroup, namer: f.namer, ...BASIC, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } }),
        /^eventHubs\.privateEndpoint: is not available on the Basic sku/,
      );
    });

    test("fails when a Basic namespace would be unreachable with public network access off", () => {
      expectValidationError(() => create({ sku: "Basic", kafkaEnabled: false }), /^eventHubs\.publicNetworkAccessEnabled: must be true on the Basic sku/);
    });

    test("fails when throughput units exceed 40", () => {
      expectValidationError(() => create({ throughputUnits: 41 }), "eventHubs.throughputUnits: is out of range (got 41); use 1 to 40");
    });

    test("fails when the processing units are not a Premium size", () => {
      expectValidationError(() => create({ ...PREMIUM, processingUnits: 3 }), "eventHubs.processingUnits: is not an allowed value (got 3); use one of 1, 2, 4, 8, 16");
    });

    test("fails when throughput units are given on Premium", () => {
      expectValidationError(() => create({ ...PREMIUM, throughputUnits: 2 }), /^eventHubs\.throughputUnits: applies to Basic and Standard/);
    });

    test("fails when auto-inflate is asked for on Premium", () => {
      expectValidationError(() => create({ ...PREMIUM, autoInflateEnabled: true }), /^eventHubs\.autoInflateEnabled: is available on the Standard sku only \(got sku "Premium"\)/);
    });

    test("fails when the auto-inflate ceiling is below the throughput units", () => {
      expectValidationError(() => create({ throughputUnits: 8, maximumThroughputUnits: 4 }), "eventHubs.maximumThroughputUnits: must not be below throughputUnits (8) (got 4); use 8 to 40");
    });

    test("fails when capture is asked for on Basic", () => {
      const { streams } = create(BASIC);
      expectValidationError(() => streams.addEventHub("orders", { capture: { storageAccount: CAPTURE_ACCOUNT, containerName: "capture" } }), /^eventHubs\.hubs\.orders\.capture: is not available on the Basic sku/);
    });

    test.each([59, 901])("fails when the capture interval is %i seconds", (seconds) => {
      const { streams } = create();
      expectValidationError(
        () => streams.addEventHub("orders", { capture: { storageAccount: CAPTURE_ACCOUNT, containerName: "capture", intervalSeconds: seconds } }),
        `eventHubs.hubs.orders.capture.intervalSeconds: is out of range (got ${seconds}); use 60 to 900`,
      );
    });

    test("fails when the capture archive name lacks a required part", () => {
      const { streams } = create();
      expectValidationError(
        () => streams.addEventHub("orders", { capture: { storageAccount: CAPTURE_ACCOUNT, containerName: "capture", archiveNameFormat: "{Namespace}/{EventHub}/{Year}" } }),
        /^eventHubs\.hubs\.orders\.capture\.archiveNameFormat: lacks \{PartitionId\}, \{Month\}, \{Day\}, \{Hour\}, \{Minute\}, \{Second\}/,
      );
    });

    test("fails when a consumer group is added on Basic", () => {
      const { streams } = create(BASIC);
      expectValidationError(() => streams.addEventHub("orders").addConsumerGroup("search"), /^eventHubs\.hubs\.orders\.consumerGroups\.search: would be consumer group number 2 \(with \$Default\), but a Basic event hub holds at most 1/);
    });

    test("fails when a Standard event hub gets more than 20 consumer groups", () => {
      const { streams } = create();
      const hub = streams.addEventHub("orders");
      for (let i = 1; i <= 19; i++) hub.addConsumerGroup(`group${i}`);
      expectValidationError(() => hub.addConsumerGroup("group20"), /^eventHubs\.hubs\.orders\.consumerGroups\.group20: would be consumer group number 21 \(with \$Default\), but a Standard event hub holds at most 20/);
    });

    test("fails when zone redundancy is required in a region without zones", () => {
      expectValidationError(() => create({}, "ukwest"), /^eventHubs\.requireZoneRedundancy: cannot be met: UK West has no availability zones/);
    });

    test("fails when the namespace name is shorter than six characters", () => {
      expectValidationError(() => create({ name: "ehn-a" }), /^eventHubs\.name: is not a valid eventhub_namespace name \(got "ehn-a"\); Azure allows 6-50 characters/);
    });
  });
});
