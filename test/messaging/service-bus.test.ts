import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicebusNamespace } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
import { ServicebusNamespaceDisasterRecoveryConfig } from "@cdktf/provider-azurerm/lib/servicebus-namespace-disaster-recovery-config";
import { ServicebusQueue } from "@cdktf/provider-azurerm/lib/servicebus-queue";
import { ServicebusSubscription } from "@cdktf/provider-azurerm/lib/servicebus-subscription";
import { ServicebusSubscriptionRule } from "@cdktf/provider-azurerm/lib/servicebus-subscription-rule";
import { ServicebusTopic } from "@cdktf/provider-azurerm/lib/servicebus-topic";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ServiceBusNamespace, ServiceBusNamespaceProps } from "../../lib/messaging/service-bus";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { expectValidationError, identity, MessagingFixture, messagingFixture, ref, resourceList, resourcesOf } from "./fixtures";

const NAMESPACE = "azurerm_servicebus_namespace";

function create(props: Partial<ServiceBusNamespaceProps> = {}, region?: string): { f: MessagingFixture; bus: ServiceBusNamespace } {
  const f = messagingFixture(region);
  const bus = new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, ...props });
  return { f, bus };
}

function synth(props: Partial<ServiceBusNamespaceProps> = {}): string {
  return Testing.synth(create(props).f.stack);
}

/** A Standard namespace, reachable over the public network, for development. */
const STANDARD: Partial<ServiceBusNamespaceProps> = { sku: "Standard", publicNetworkAccessEnabled: true };
const BASIC: Partial<ServiceBusNamespaceProps> = { sku: "Basic", publicNetworkAccessEnabled: true };

/** A namespace `id` in North Europe (its own resource group), in `scope` (the fixture's stack unless told). */
function partner(f: MessagingFixture, props: Partial<ServiceBusNamespaceProps> = {}, id = "Standby", scope: Construct = f.stack): ServiceBusNamespace {
  const namer = f.namer.forRegion("northeurope");
  const resourceGroup = new ResourceGroup(scope, `${id}Group`, { name: `rg-shop-prod-neu-${id.toLowerCase()}`, location: "northeurope" });
  return new ServiceBusNamespace(scope, id, { resourceGroup, namer, ...props });
}

describe("ServiceBusNamespace", () => {
  test("synthesizes the default namespace", () => {
    expect(resourcesOf(synth(), NAMESPACE)).toMatchSnapshot();
  });

  describe("namespace defaults", () => {
    test("is Premium with one messaging unit and one partition", () => {
      expect(synth()).toHaveResourceWithProperties(ServicebusNamespace, { sku: "Premium", capacity: 1, premium_messaging_partitions: 1 });
    });

    test("turns SAS key authentication off", () => {
      expect(synth()).toHaveResourceWithProperties(ServicebusNamespace, { local_auth_enabled: false });
    });

    test("requires TLS 1.2", () => {
      expect(synth()).toHaveResourceWithProperties(ServicebusNamespace, { minimum_tls_version: "1.2" });
    });

    test("turns public network access off, denying by default and letting trusted services through", () => {
      expect(synth()).toHaveResourceWithProperties(ServicebusNamespace, {
        public_network_access_enabled: false,
        network_rule_set: { default_action: "Deny", public_network_access_enabled: false, trusted_services_allowed: true },
      });
    });

    test("has a system-assigned identity", () => {
      const { bus, f } = create();
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusNamespace, { identity: { type: "SystemAssigned" } });
      new TerraformOutput(f.stack, "PrincipalId", { value: bus.principalId });
      expect(JSON.parse(Testing.synth(f.stack)).output.PrincipalId.value).toMatch(/^\$\{azurerm_servicebus_namespace\.Bus_[0-9A-F]{8}\.identity\[0\]\.principal_id\}$/);
    });

    test("is named by the namer, in the resource group and its location", () => {
      expect(synth()).toHaveResourceWithProperties(ServicebusNamespace, {
        name: "sb-shop-prod-weu-a1lyx",
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("puts the qualifier into the generated name", () => {
      expect(synth({ qualifier: "orders" })).toHaveResourceWithProperties(ServicebusNamespace, { name: expect.stringMatching(/^sb-shop-orders-prod-weu-[a-z0-9]{5}$/) });
    });

    test("is zone redundant in a region with zones", () => {
      expect(create().bus.zoneRedundant).toBe(true);
    });

    test("exposes the host clients connect to", () => {
      expect(create().bus.fullyQualifiedNamespace).toBe("sb-shop-prod-weu-a1lyx.servicebus.windows.net");
    });
  });

  describe("protection", () => {
    test("prevents destroy and locks the namespace by default", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(ServicebusNamespace, { lifecycle: { prevent_destroy: true } });
      expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: "CanNotDelete", scope: ref(NAMESPACE, "Bus", "id") });
    });

    test("leaves a development namespace unprotected with protect: false", () => {
      const out = synth({ protect: false });
      expect(resourceList(out, "azurerm_management_lock")).toHaveLength(0);
      expect(resourceList(out, NAMESPACE)[0]).not.toHaveProperty("lifecycle");
    });
  });

  describe("network and monitoring", () => {
    test("creates a private endpoint for the namespace sub-resource when asked", () => {
      const f = messagingFixture();
      new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzPrivateEndpoint, {
        name: "pep-shop-sb-prod-weu",
        private_service_connection: { name: "psc-sb", is_manual_connection: false, private_connection_resource_id: ref(NAMESPACE, "Bus", "id"), subresource_names: ["namespace"] },
        private_dns_zone_group: { name: "default", private_dns_zone_ids: [ref("azurerm_private_dns_zone", "ServiceBusZone", "id")] },
      });
    });

    test("creates no private endpoint unless asked", () => {
      expect(resourceList(synth(), "azurerm_private_endpoint")).toHaveLength(0);
    });

    test("sends logs and metrics to the workspace when given", () => {
      const f = messagingFixture();
      new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, logAnalytics: f.logAnalytics });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: ref(NAMESPACE, "Bus", "id"),
        log_analytics_workspace_id: ref("azurerm_log_analytics_workspace", "Logs", "id"),
      });
    });
  });

  describe("tiers", () => {
    test("scales a partitioned Premium namespace in multiples of its partitions", () => {
      expect(synth({ premiumMessagingPartitions: 2, messagingUnits: 4 })).toHaveResourceWithProperties(ServicebusNamespace, { capacity: 4, premium_messaging_partitions: 2 });
    });

    test("defaults the messaging units to the number of partitions", () => {
      expect(synth({ premiumMessagingPartitions: 4 })).toHaveResourceWithProperties(ServicebusNamespace, { capacity: 4 });
    });

    test("offers Standard as the development opt-out, without Premium capacity or a network rule set", () => {
      const [namespace] = resourceList(synth(STANDARD), NAMESPACE);
      expect(namespace).toMatchObject({ sku: "Standard", public_network_access_enabled: true, local_auth_enabled: false });
      expect(namespace).not.toHaveProperty("capacity");
      expect(namespace).not.toHaveProperty("premium_messaging_partitions");
      expect(namespace).not.toHaveProperty("network_rule_set");
    });

    test("allows Basic with public network access", () => {
      expect(synth(BASIC)).toHaveResourceWithProperties(ServicebusNamespace, { sku: "Basic" });
    });

    test("accepts a region without zones when zone redundancy is not required", () => {
      const { bus } = create({ requireZoneRedundancy: false }, "ukwest");
      expect(bus.zoneRedundant).toBe(false);
    });
  });

  describe("queues", () => {
    test("dead-letters after 10 deliveries and on expiry, with a one-minute lock, by default", () => {
      const { f, bus } = create();
      bus.addQueue("orders");
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusQueue, {
        name: "orders",
        namespace_id: ref(NAMESPACE, "Bus", "id"),
        max_delivery_count: 10,
        dead_lettering_on_message_expiration: true,
        lock_duration: "PT1M",
        requires_session: false,
        requires_duplicate_detection: false,
        partitioning_enabled: false,
      });
    });

    test("leaves the message time-to-live to Azure unless given", () => {
      const { f, bus } = create();
      bus.addQueue("orders");
      expect(resourceList(Testing.synth(f.stack), "azurerm_servicebus_queue")[0]).not.toHaveProperty("default_message_ttl");
    });

    test("turns on sessions, duplicate detection and the given timings in Azure's duration format", () => {
      const { f, bus } = create();
      bus.addQueue("orders", { sessions: true, duplicateDetectionWindowMinutes: 90, lockDurationSeconds: 30, defaultMessageTtlSeconds: 14 * 86_400 + 3_600, maxDeliveryCount: 5 });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusQueue, {
        requires_session: true,
        requires_duplicate_detection: true,
        duplicate_detection_history_time_window: "PT1H30M",
        lock_duration: "PT30S",
        default_message_ttl: "P14DT1H",
        max_delivery_count: 5,
      });
    });

    test("keeps expired messages out of the dead-letter queue when told", () => {
      const { f, bus } = create();
      bus.addQueue("telemetry", { deadLetteringOnMessageExpiration: false });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusQueue, { dead_lettering_on_message_expiration: false });
    });

    test("partitions entities of a partitioned Premium namespace", () => {
      const { f, bus } = create({ premiumMessagingPartitions: 2 });
      bus.addQueue("orders");
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusQueue, { partitioning_enabled: true });
    });

    test("partitions a Standard queue when asked", () => {
      const { f, bus } = create(STANDARD);
      bus.addQueue("orders", { partitioning: true });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusQueue, { partitioning_enabled: true });
    });

    test("lists the queues it added", () => {
      const { bus } = create();
      const queue = bus.addQueue("orders");
      expect(bus.queues.get("orders")).toBe(queue);
    });
  });

  describe("topics and subscriptions", () => {
    test("adds a topic with duplicate detection", () => {
      const { f, bus } = create();
      bus.addTopic("payments", { duplicateDetectionWindowMinutes: 10 });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusTopic, {
        name: "payments",
        namespace_id: ref(NAMESPACE, "Bus", "id"),
        requires_duplicate_detection: true,
        duplicate_detection_history_time_window: "PT10M",
      });
    });

    test("adds a subscription that dead-letters on expiry and on filter errors", () => {
      const { f, bus } = create();
      bus.addTopic("payments").addSubscription("email", { sessions: true, maxDeliveryCount: 3 });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusSubscription, {
        name: "email",
        topic_id: ref("azurerm_servicebus_topic", "Bus_Topic-payments", "id"),
        requires_session: true,
        max_delivery_count: 3,
        dead_lettering_on_message_expiration: true,
        dead_lettering_on_filter_evaluation_error: true,
      });
    });

    test("filters a subscription with SQL", () => {
      const { f, bus } = create();
      bus.addTopic("payments").addSubscription("email", { sqlFilter: "eventType = 'payment_success'" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusSubscriptionRule, {
        name: "filter",
        subscription_id: ref("azurerm_servicebus_subscription", "Bus_Topic-payments-Subscription-email", "id"),
        filter_type: "SqlFilter",
        sql_filter: "eventType = 'payment_success'",
      });
    });

    test("filters a subscription by correlation, the subject becoming azurerm's label", () => {
      const { f, bus } = create();
      bus.addTopic("payments").addSubscription("inventory", { correlationFilter: { subject: "payment_success", properties: { region: "eu" } } });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusSubscriptionRule, {
        filter_type: "CorrelationFilter",
        correlation_filter: { label: "payment_success", properties: { region: "eu" } },
      });
    });

    test("adds no rule to an unfiltered subscription", () => {
      const { f, bus } = create();
      bus.addTopic("payments").addSubscription("audit");
      expect(resourceList(Testing.synth(f.stack), "azurerm_servicebus_subscription_rule")).toHaveLength(0);
    });
  });

  describe("geo-disaster recovery", () => {
    test("pairs the namespace (primary) with the partner under the alias", () => {
      const { f, bus } = create();
      bus.addGeoDisasterRecovery(partner(f), { alias: "sb-shop-orders" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusNamespaceDisasterRecoveryConfig, {
        name: "sb-shop-orders",
        primary_namespace_id: ref(NAMESPACE, "Bus", "id"),
        partner_namespace_id: ref(NAMESPACE, "Standby", "id"),
      });
    });

    test("creates the pairing in the primary namespace, with construct id GeoDisasterRecovery", () => {
      const { f, bus } = create();
      bus.addGeoDisasterRecovery(partner(f));
      expect(Object.keys(resourcesOf(Testing.synth(f.stack), "azurerm_servicebus_namespace_disaster_recovery_config"))).toEqual([expect.stringMatching(/^Bus_GeoDisasterRecovery_[0-9A-F]{8}$/)]);
    });

    test("names the alias after the namer without a region code by default", () => {
      const { f, bus } = create();
      const dr = bus.addGeoDisasterRecovery(partner(f));
      expect(dr.alias).toMatch(/^sb-shop-prod-[a-z0-9]{5}$/);
    });

    test("puts the qualifier into the default alias", () => {
      const { f, bus } = create({ qualifier: "orders" });
      expect(bus.addGeoDisasterRecovery(partner(f)).alias).toMatch(/^sb-shop-orders-prod-[a-z0-9]{5}$/);
    });

    test("exposes the alias host clients connect to", () => {
      const { f, bus } = create();
      expect(bus.addGeoDisasterRecovery(partner(f), { alias: "sb-shop-orders" }).fullyQualifiedNamespace).toBe("sb-shop-orders.servicebus.windows.net");
    });

    test("exposes the L1 and the roles, on both namespaces", () => {
      const { f, bus } = create();
      const standby = partner(f);
      const dr = bus.addGeoDisasterRecovery(standby);
      expect(dr.resource).toBeInstanceOf(ServicebusNamespaceDisasterRecoveryConfig);
      expect([dr.primary, dr.secondary, bus.geoDisasterRecovery, standby.geoDisasterRecovery]).toEqual([bus, standby, dr, dr]);
    });

    test("leaves unpaired namespaces without a pairing", () => {
      expect(create().bus.geoDisasterRecovery).toBeUndefined();
    });

    test("creates the pairing in another stack when given a scope", () => {
      const { f, bus } = create();
      const neuStack = new TerraformStack(f.app, "neu");
      bus.addGeoDisasterRecovery(partner(f, {}, "Standby", neuStack), { scope: neuStack });
      const neu = Testing.synth(neuStack);
      expect(Object.keys(resourcesOf(neu, "azurerm_servicebus_namespace_disaster_recovery_config"))).toEqual([expect.stringMatching(/^Bus-GeoDisasterRecovery/)]);
      expect(neu).toHaveResourceWithProperties(ServicebusNamespaceDisasterRecoveryConfig, { partner_namespace_id: ref(NAMESPACE, "Standby", "id") });
      expect(resourceList(Testing.synth(f.stack), "azurerm_servicebus_namespace_disaster_recovery_config")).toHaveLength(0);
    });

    test("keeps adding queues and topics to the primary after pairing", () => {
      const { f, bus } = create();
      bus.addGeoDisasterRecovery(partner(f));
      bus.addQueue("orders");
      bus.addTopic("payments");
      expect([...bus.queues.keys(), ...bus.topics.keys()]).toEqual(["orders", "payments"]);
    });

    test("pairs partitioned namespaces with private endpoints on both sides", () => {
      const f = messagingFixture();
      const bus = new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, premiumMessagingPartitions: 2, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } });
      const namer = f.namer.forRegion("northeurope");
      const resourceGroup = new ResourceGroup(f.stack, "GroupNeu", { name: "rg-shop-prod-neu", location: "northeurope" });
      const network = new VirtualNetwork(f.stack, "NetworkNeu", { resourceGroup, namer, addressSpace: "10.20.0.0/16" });
      const standby = new ServiceBusNamespace(f.stack, "Standby", { resourceGroup, namer, premiumMessagingPartitions: 2, privateEndpoint: { network, dnsZone: f.serviceBusZone } });
      bus.addGeoDisasterRecovery(standby, { alias: "sb-shop-orders" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServicebusNamespaceDisasterRecoveryConfig, { name: "sb-shop-orders" });
    });

    test("fails when the primary is Standard", () => {
      const { f, bus } = create(STANDARD);
      expectValidationError(
        () => bus.addGeoDisasterRecovery(partner(f)),
        'serviceBus.geoDisasterRecovery: needs a Premium primary namespace; geo-disaster recovery is a Premium feature and this namespace is Standard (got "Standard"); use sku "Premium"',
      );
    });

    test("fails when the partner is Standard", () => {
      const { f, bus } = create();
      expectValidationError(
        () => bus.addGeoDisasterRecovery(partner(f, STANDARD)),
        'serviceBus.geoDisasterRecovery.partner.sku: must be Premium, like the primary: geo-disaster recovery pairs Premium namespaces only (got "Standard"); create the partner with sku "Premium"',
      );
    });

    test("fails when a partitioned primary is paired with a non-partitioned partner", () => {
      const { f, bus } = create({ premiumMessagingPartitions: 2 });
      expectValidationError(
        () => bus.addGeoDisasterRecovery(partner(f)),
        "serviceBus.geoDisasterRecovery.partner.premiumMessagingPartitions: must match the primary, which is partitioned (2 partitions): Azure cannot pair a partitioned with a non-partitioned namespace (got 1); use premiumMessagingPartitions 2 on the partner",
      );
    });

    test("fails when the partner is in the primary's region", () => {
      const { f, bus } = create();
      const sameRegion = new ServiceBusNamespace(f.stack, "Standby", { resourceGroup: f.resourceGroup, namer: f.namer, qualifier: "standby" });
      expectValidationError(
        () => bus.addGeoDisasterRecovery(sameRegion),
        'serviceBus.geoDisasterRecovery.partner.region: is the primary\'s region; the pairing would not survive a regional outage (got "westeurope"); use a namespace in another region, e.g. "northeurope"',
      );
    });

    test("fails when the partner holds queues or topics", () => {
      const { f, bus } = create();
      const standby = partner(f);
      standby.addQueue("orders");
      standby.addTopic("payments");
      expectValidationError(
        () => bus.addGeoDisasterRecovery(standby),
        'serviceBus.geoDisasterRecovery.partner: holds queues or topics, but the secondary namespace must be empty: the pairing fills it with the primary\'s queues or topics (got ["orders","payments"]); add the queues or topics to the primary only',
      );
    });

    test("fails when a queue is added to the secondary", () => {
      const { f, bus } = create();
      const standby = partner(f);
      bus.addGeoDisasterRecovery(standby);
      expectValidationError(() => standby.addQueue("orders"), /^serviceBus\.queues\.orders: cannot be created in namespace "sb-shop-prod-neu-[a-z0-9]{5}", the passive geo-disaster recovery secondary of "sb-shop-prod-weu-a1lyx": it receives the primary's entities .*; add it to the primary namespace$/);
    });

    test("fails when a topic is added to the secondary", () => {
      const { f, bus } = create();
      const standby = partner(f);
      bus.addGeoDisasterRecovery(standby);
      expectValidationError(() => standby.addTopic("payments"), /^serviceBus\.topics\.payments: cannot be created in namespace .*the passive geo-disaster recovery secondary/);
    });

    test("fails when the primary has a private endpoint and the partner has none", () => {
      const f = messagingFixture();
      const bus = new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } });
      expectValidationError(
        () => bus.addGeoDisasterRecovery(partner(f)),
        "serviceBus.geoDisasterRecovery.partner.privateEndpoint: is missing: Azure refuses to pair a primary that has a private endpoint with a secondary that has none (got undefined); give the partner a private endpoint in its region's network",
      );
    });

    test.each([
      ["shorter than 6 characters", "sb-dr"],
      ["longer than 50 characters", `a${"b".repeat(50)}`],
      ["starting with a digit", "1shop-orders"],
      ["ending with a hyphen", "shop-orders-"],
      ["holding an underscore", "shop_orders"],
    ])("fails when the alias is invalid: %s", (_, alias) => {
      const { f, bus } = create();
      expectValidationError(
        () => bus.addGeoDisasterRecovery(partner(f), { alias }),
        `serviceBus.geoDisasterRecovery.alias: has an invalid format (got "${alias}"); use 6-50 letters, digits and hyphens, starting with a letter and ending with a letter or digit`,
      );
    });

    test("fails when the alias is the primary's name", () => {
      const { f, bus } = create();
      expectValidationError(
        () => bus.addGeoDisasterRecovery(partner(f), { alias: bus.name }),
        'serviceBus.geoDisasterRecovery.alias: is the name of the primary namespace; the alias is a DNS name of its own (got "sb-shop-prod-weu-a1lyx"); choose another alias',
      );
    });

    test("fails when the alias is the partner's name", () => {
      const { f, bus } = create();
      const standby = partner(f);
      expectValidationError(() => bus.addGeoDisasterRecovery(standby, { alias: standby.name }), /^serviceBus\.geoDisasterRecovery\.alias: is the name of the partner namespace/);
    });

    test("fails when the primary is paired twice", () => {
      const { f, bus } = create();
      bus.addGeoDisasterRecovery(partner(f), { alias: "sb-shop-orders" });
      expectValidationError(
        () => bus.addGeoDisasterRecovery(partner(f, {}, "Standby2")),
        /^serviceBus\.geoDisasterRecovery: cannot be paired: this namespace is already the primary of alias "sb-shop-orders" \(secondary "sb-shop-prod-neu-[a-z0-9]{5}"\), and a namespace takes part in one pairing only \(got "sb-shop-prod-weu-a1lyx"\); pair each namespace once; a new pairing needs a new, empty partner$/,
      );
    });

    test("fails when the partner is already the secondary of another primary", () => {
      const { f, bus } = create();
      const standby = partner(f);
      const other = new ServiceBusNamespace(f.stack, "Other", { resourceGroup: f.resourceGroup, namer: f.namer, qualifier: "other" });
      other.addGeoDisasterRecovery(standby, { alias: "sb-shop-other" });
      expectValidationError(() => bus.addGeoDisasterRecovery(standby), /^serviceBus\.geoDisasterRecovery\.partner: cannot be paired: the partner is already the secondary of alias "sb-shop-other" \(primary "sb-shop-other-prod-weu-[a-z0-9]{5}"\)/);
    });

    test("fails when a secondary is made the primary of another pairing", () => {
      const { f, bus } = create();
      const standby = partner(f);
      bus.addGeoDisasterRecovery(standby);
      const third = new ServiceBusNamespace(f.stack, "Third", { resourceGroup: f.resourceGroup, namer: f.namer.forRegion("uksouth") });
      expectValidationError(() => standby.addGeoDisasterRecovery(third), /^serviceBus\.geoDisasterRecovery: cannot be paired: this namespace is already the secondary of alias/);
    });

    test("fails when the namespace is paired with itself", () => {
      const { bus } = create();
      expectValidationError(() => bus.addGeoDisasterRecovery(bus), 'serviceBus.geoDisasterRecovery.partner: is the primary namespace itself (got "sb-shop-prod-weu-a1lyx"); pair with a namespace in another region');
    });
  });

  describe("grants", () => {
    test("grants sending on the whole namespace", () => {
      const { f, bus } = create();
      bus.grantSend(identity(f.stack, "Orders", f));
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref(NAMESPACE, "Bus", "id"),
        role_definition_name: "Azure Service Bus Data Sender",
        principal_id: "${azurerm_user_assigned_identity.Orders.principal_id}",
        principal_type: "ServicePrincipal",
      });
    });

    test("grants receiving on one queue", () => {
      const { f, bus } = create();
      bus.addQueue("orders").grantReceive(identity(f.stack, "Worker", f));
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref("azurerm_servicebus_queue", "Bus_Queue-orders", "id"),
        role_definition_name: "Azure Service Bus Data Receiver",
      });
    });

    test("grants sending on a topic and receiving on one subscription", () => {
      const { f, bus } = create();
      const topic = bus.addTopic("payments");
      topic.grantSend(identity(f.stack, "Payments", f));
      topic.addSubscription("email").grantReceive(identity(f.stack, "Email", f));
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: ref("azurerm_servicebus_topic", "Bus_Topic-payments", "id"), role_definition_name: "Azure Service Bus Data Sender" });
      expect(out).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref("azurerm_servicebus_subscription", "Bus_Topic-payments-Subscription-email", "id"),
        role_definition_name: "Azure Service Bus Data Receiver",
      });
    });

    test("grants the same role to the same principal once", () => {
      const { f, bus } = create();
      const queue = bus.addQueue("orders");
      const worker = identity(f.stack, "Worker", f);
      expect(queue.grantSend(worker)).toBe(queue.grantSend(worker));
      expect(resourceList(Testing.synth(f.stack), "azurerm_role_assignment")).toHaveLength(1);
    });

    test("grants to a literal object ID", () => {
      const { f, bus } = create();
      bus.grantReceive({ principalId: "11111111-2222-3333-4444-555555555555" }, { principalType: "Group" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, { principal_id: "11111111-2222-3333-4444-555555555555", principal_type: "Group" });
    });
  });

  describe("validation", () => {
    test("fails when sessions are asked for on Basic", () => {
      const { bus } = create(BASIC);
      expectValidationError(() => bus.addQueue("orders", { sessions: true }), /^serviceBus\.queues\.orders\.sessions: are not available on the Basic sku \(got true\)/);
    });

    test("fails when duplicate detection is asked for on Basic", () => {
      const { bus } = create(BASIC);
      expectValidationError(
        () => bus.addQueue("orders", { duplicateDetectionWindowMinutes: 10 }),
        /^serviceBus\.queues\.orders\.duplicateDetectionWindowMinutes: duplicate detection is not available on the Basic sku \(got 10\)/,
      );
    });

    test("fails when a topic is added on Basic", () => {
      const { bus } = create(BASIC);
      expectValidationError(() => bus.addTopic("payments"), /^serviceBus\.topics\.payments: cannot be created: the Basic sku has no topics/);
    });

    test("fails when a private endpoint is given on Standard, naming the sku", () => {
      const f = messagingFixture();
      expectValidationError(
        () => new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, ...STANDARD, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } }),
        /^serviceBus\.privateEndpoint: is not available on the Standard sku \(private endpoints need Premium\) \(got "Standard"\)/,
      );
    });

    test("fails when a Standard namespace would be unreachable with public network access off", () => {
      expectValidationError(() => create({ sku: "Standard" }), /^serviceBus\.publicNetworkAccessEnabled: must be true on the Standard sku, which has no private endpoints/);
    });

    test("fails when the private endpoint's DNS zone belongs to another service", () => {
      const f = messagingFixture();
      expectValidationError(
        () => new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.eventGridZone } }),
        /^serviceBus\.privateEndpoint\.dnsZone: is not the private DNS zone of this service \(got "privatelink\.eventgrid\.azure\.net"\); use a PrivateDnsZone named "privatelink\.servicebus\.windows\.net"$/,
      );
    });

    test.each([0, 2001])("fails when the max delivery count is %i", (count) => {
      const { bus } = create();
      expectValidationError(() => bus.addQueue("orders", { maxDeliveryCount: count }), `serviceBus.queues.orders.maxDeliveryCount: is out of range (got ${count}); use 1 to 2000`);
    });

    test("fails when a subscription's max delivery count is out of range", () => {
      const { bus } = create();
      expectValidationError(() => bus.addTopic("payments").addSubscription("email", { maxDeliveryCount: 0 }), /^serviceBus\.topics\.payments\.subscriptions\.email\.maxDeliveryCount: is out of range/);
    });

    test("fails when the lock duration exceeds five minutes", () => {
      const { bus } = create();
      expectValidationError(() => bus.addQueue("orders", { lockDurationSeconds: 301 }), "serviceBus.queues.orders.lockDurationSeconds: is out of range (got 301); use 5 to 300");
    });

    test("fails when the duplicate detection window exceeds seven days", () => {
      const { bus } = create();
      expectValidationError(() => bus.addQueue("orders", { duplicateDetectionWindowMinutes: 10_081 }), /^serviceBus\.queues\.orders\.duplicateDetectionWindowMinutes: is out of range \(got 10081\); use 1 to 10080$/);
    });

    test("fails when a Basic queue keeps messages longer than 14 days", () => {
      const { bus } = create(BASIC);
      expectValidationError(() => bus.addQueue("orders", { defaultMessageTtlSeconds: 15 * 86_400 }), /^serviceBus\.queues\.orders\.defaultMessageTtlSeconds: is out of range \(got 1296000\); use 1 to 1209600$/);
    });

    test("fails when the messaging units are not a multiple of the partitions", () => {
      expectValidationError(() => create({ premiumMessagingPartitions: 4, messagingUnits: 2 }), "serviceBus.messagingUnits: must be a multiple of premiumMessagingPartitions (4) (got 2); use one of 4, 8, 16");
    });

    test("fails when the messaging units are not a Premium size", () => {
      expectValidationError(() => create({ messagingUnits: 3 }), "serviceBus.messagingUnits: is not an allowed value (got 3); use one of 1, 2, 4, 8, 16");
    });

    test("fails when Premium settings are given on Standard", () => {
      expectValidationError(() => create({ ...STANDARD, messagingUnits: 2 }), /^serviceBus\.messagingUnits: is a Premium setting and the sku is "Standard"/);
    });

    test("fails when a queue's partitioning contradicts the Premium namespace", () => {
      const { bus } = create();
      expectValidationError(() => bus.addQueue("orders", { partitioning: true }), /^serviceBus\.queues\.orders\.partitioning: must follow the Premium namespace, which has 1 partition \(got true\)/);
    });

    test("fails when zone redundancy is required in a region without zones", () => {
      expectValidationError(() => create({}, "ukwest"), /^serviceBus\.requireZoneRedundancy: cannot be met: UK West has no availability zones/);
    });

    test("fails when a queue name is used twice", () => {
      const { bus } = create();
      bus.addQueue("orders");
      expectValidationError(() => bus.addTopic("orders"), /^serviceBus\.topics\.orders\.name: is already used by another queue or topic/);
    });

    test("fails when a queue name breaks Azure's rule", () => {
      const { bus } = create();
      expectValidationError(() => bus.addQueue("orders/eu"), /^serviceBus\.queues\.orders\/eu\.name: is not a valid servicebus_queue name/);
    });

    test("fails when a subscription has both a SQL and a correlation filter", () => {
      const { bus } = create();
      expectValidationError(
        () => bus.addTopic("payments").addSubscription("email", { sqlFilter: "a = 1", correlationFilter: { subject: "x" } }),
        /^serviceBus\.topics\.payments\.subscriptions\.email: has both a SQL filter and a correlation filter/,
      );
    });

    test("fails when a correlation filter sets nothing", () => {
      const { bus } = create();
      expectValidationError(() => bus.addTopic("payments").addSubscription("email", { correlationFilter: {} }), /^serviceBus\.topics\.payments\.subscriptions\.email\.correlationFilter: matches nothing/);
    });

    test("fails when a grant's principal has no stable identity and no id is given", () => {
      const { f, bus } = create();
      const worker = identity(f.stack, "Worker", f);
      expectValidationError(() => bus.grantSend({ principalId: worker.principalId }), /^serviceBus\.grantSend\.principal: has no stable identity to name the role assignment after/);
    });

    test("grants to a token principal when an id is given", () => {
      const { f, bus } = create();
      const worker = identity(f.stack, "Worker", f);
      bus.grantSend({ principalId: worker.principalId }, { id: "worker" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, { principal_id: "${azurerm_user_assigned_identity.Worker.principal_id}" });
    });
  });
});
