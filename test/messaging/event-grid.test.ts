import { EventgridEventSubscription } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { EventgridTopic } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicebusQueue } from "@cdktf/provider-azurerm/lib/servicebus-queue";
import { Testing } from "cdktf";
import { EventGridAdvancedFilter, EventGridDeadLetter, EventGridDestination, EventGridSubscriptionOptions, EventGridTopic, EventGridTopicProps } from "../../lib/messaging/event-grid";
import { EventHubsNamespace } from "../../lib/messaging/event-hubs";
import { ServiceBusNamespace, ServiceBusQueue } from "../../lib/messaging/service-bus";
import { expectValidationError, identity, MessagingFixture, messagingFixture, ref, resourceList, resourcesOf, storageAccount } from "./fixtures";

const TOPIC = "azurerm_eventgrid_topic";
const TOPIC_PRINCIPAL = expect.stringMatching(/^\$\{azurerm_eventgrid_topic\.Payments_[0-9A-F]{8}\.identity\[0\]\.principal_id\}$/);
const DEAD_LETTER_ACCOUNT = storageAccount("stdeadletter");
const QUEUE_ACCOUNT = storageAccount("stqueues");

interface TopicFixture {
  readonly f: MessagingFixture;
  readonly topic: EventGridTopic;
  readonly bus: ServiceBusNamespace;
  readonly queue: ServiceBusQueue;
}

function create(props: Partial<EventGridTopicProps> = {}): TopicFixture {
  const f = messagingFixture();
  const topic = new EventGridTopic(f.stack, "Payments", { resourceGroup: f.resourceGroup, namer: f.namer, ...props });
  const bus = new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer });
  const queue = bus.addQueue("inventory");
  return { f, topic, bus, queue };
}

/** Synthesizes a topic with one subscription to a Service Bus queue, `options` merged in. */
function synthSubscription(options: Partial<EventGridSubscriptionOptions> = {}): string {
  const t = create();
  t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, ...options });
  return Testing.synth(t.f.stack);
}

/** Adds a subscription with `options` to a fresh topic; for failure tests. */
function subscribe(options: EventGridSubscriptionOptions, props: Partial<EventGridTopicProps> = {}) {
  return create(props).topic.addSubscription("inventory", options);
}

describe("EventGridTopic", () => {
  test("synthesizes the default topic", () => {
    expect(resourcesOf(Testing.synth(create().f.stack), TOPIC)).toMatchSnapshot();
  });

  describe("topic defaults", () => {
    test("takes CloudEvents 1.0 as input", () => {
      expect(Testing.synth(create().f.stack)).toHaveResourceWithProperties(EventgridTopic, { input_schema: "CloudEventSchemaV1_0" });
    });

    test("takes the Event Grid schema when told", () => {
      expect(Testing.synth(create({ inputSchema: "EventGridSchema" }).f.stack)).toHaveResourceWithProperties(EventgridTopic, { input_schema: "EventGridSchema" });
    });

    test("turns key authentication and public network access off", () => {
      expect(Testing.synth(create().f.stack)).toHaveResourceWithProperties(EventgridTopic, { local_auth_enabled: false, public_network_access_enabled: false });
    });

    test("has a system-assigned identity", () => {
      expect(Testing.synth(create().f.stack)).toHaveResourceWithProperties(EventgridTopic, { identity: { type: "SystemAssigned" } });
    });

    test("gets a name unique in the region, with the qualifier", () => {
      expect(Testing.synth(create({ qualifier: "payments" }).f.stack)).toHaveResourceWithProperties(EventgridTopic, { name: expect.stringMatching(/^egt-shop-payments-prod-weu-[a-z0-9]{5}$/) });
    });

    test("creates a private endpoint for the topic sub-resource when asked", () => {
      const f = messagingFixture();
      new EventGridTopic(f.stack, "Payments", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.eventGridZone } });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzPrivateEndpoint, {
        name: "pep-shop-egt-prod-weu",
        private_service_connection: { name: "psc-egt", is_manual_connection: false, private_connection_resource_id: ref(TOPIC, "Payments", "id"), subresource_names: ["topic"] },
      });
    });

    test("sends logs and metrics to the workspace when given", () => {
      const f = messagingFixture();
      new EventGridTopic(f.stack, "Payments", { resourceGroup: f.resourceGroup, namer: f.namer, logAnalytics: f.logAnalytics });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, { target_resource_id: ref(TOPIC, "Payments", "id") });
    });

    test("grants publishing with Entra ID", () => {
      const t = create();
      t.topic.grantPublish(identity(t.f.stack, "PaymentService", t.f));
      expect(Testing.synth(t.f.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref(TOPIC, "Payments", "id"),
        role_definition_name: "EventGrid Data Sender",
        principal_id: "${azurerm_user_assigned_identity.PaymentService.principal_id}",
      });
    });
  });

  describe("delivery", () => {
    test("delivers to a Service Bus queue with the topic's identity, in CloudEvents, retrying 30 times within 24 hours", () => {
      expect(synthSubscription()).toHaveResourceWithProperties(EventgridEventSubscription, {
        name: "inventory",
        scope: ref(TOPIC, "Payments", "id"),
        service_bus_queue_endpoint_id: ref("azurerm_servicebus_queue", "Bus_Queue-inventory", "id"),
        delivery_identity: { type: "SystemAssigned" },
        event_delivery_schema: "CloudEventSchemaV1_0",
        retry_policy: { max_delivery_attempts: 30, event_time_to_live: 1440 },
        depends_on: [expect.stringMatching(/^azurerm_role_assignment\.Payments_Subscription-inventory-DeliverySender_[0-9A-F]{8}$/)],
      });
    });

    test("lets the topic's identity send to the queue", () => {
      expect(synthSubscription()).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref("azurerm_servicebus_queue", "Bus_Queue-inventory", "id"),
        role_definition_name: "Azure Service Bus Data Sender",
        principal_id: TOPIC_PRINCIPAL,
        principal_type: "ServicePrincipal",
      });
    });

    test("delivers to an L1 queue given as a typed reference", () => {
      const t = create();
      const raw = new ServicebusQueue(t.f.stack, "RawQueue", { name: "raw", namespaceId: t.bus.id });
      t.topic.addSubscription("raw", { destination: { serviceBusQueue: raw } });
      expect(Testing.synth(t.f.stack)).toHaveResourceWithProperties(EventgridEventSubscription, { service_bus_queue_endpoint_id: "${azurerm_servicebus_queue.RawQueue.id}" });
    });

    test("delivers to a Service Bus topic", () => {
      const t = create();
      const serviceBusTopic = t.bus.addTopic("fanout");
      t.topic.addSubscription("fanout", { destination: { serviceBusTopic } });
      const out = Testing.synth(t.f.stack);
      expect(out).toHaveResourceWithProperties(EventgridEventSubscription, { service_bus_topic_endpoint_id: ref("azurerm_servicebus_topic", "Bus_Topic-fanout", "id") });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: ref("azurerm_servicebus_topic", "Bus_Topic-fanout", "id"), role_definition_name: "Azure Service Bus Data Sender" });
    });

    test("delivers to an event hub with the Event Hubs sender role", () => {
      const t = create();
      const streams = new EventHubsNamespace(t.f.stack, "Streams", { resourceGroup: t.f.resourceGroup, namer: t.f.namer });
      t.topic.addSubscription("analytics", { destination: { eventHub: streams.addEventHub("analytics") } });
      const out = Testing.synth(t.f.stack);
      expect(out).toHaveResourceWithProperties(EventgridEventSubscription, { eventhub_endpoint_id: ref("azurerm_eventhub", "Streams_Hub-analytics", "id"), delivery_identity: { type: "SystemAssigned" } });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: ref("azurerm_eventhub", "Streams_Hub-analytics", "id"), role_definition_name: "Azure Event Hubs Data Sender", principal_id: TOPIC_PRINCIPAL });
    });

    test("delivers to a storage queue with the queue message sender role on that queue", () => {
      const t = create();
      t.topic.addSubscription("audit", { destination: { storageQueue: { storageAccount: QUEUE_ACCOUNT, queueName: "audit", messageTimeToLiveSeconds: 3600 } } });
      const out = Testing.synth(t.f.stack);
      expect(out).toHaveResourceWithProperties(EventgridEventSubscription, {
        storage_queue_endpoint: { storage_account_id: QUEUE_ACCOUNT.id, queue_name: "audit", queue_message_time_to_live_in_seconds: 3600 },
      });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: `${QUEUE_ACCOUNT.id}/queueServices/default/queues/audit`, role_definition_name: "Storage Queue Data Message Sender" });
    });

    test("calls an HTTPS webhook without a delivery identity or role", () => {
      const t = create();
      t.topic.addSubscription("email", { destination: { webhook: { url: "https://mail.example.com/events", maxEventsPerBatch: 10, preferredBatchSizeKb: 128 } } });
      const out = Testing.synth(t.f.stack);
      expect(out).toHaveResourceWithProperties(EventgridEventSubscription, {
        webhook_endpoint: { url: "https://mail.example.com/events", max_events_per_batch: 10, preferred_batch_size_in_kilobytes: 128 },
      });
      expect(resourceList(out, "azurerm_eventgrid_event_subscription")[0]).not.toHaveProperty("delivery_identity");
      expect(resourceList(out, "azurerm_role_assignment")).toHaveLength(0);
    });

    test("assigns the sender role once when several subscriptions deliver to the same queue", () => {
      const t = create();
      const first = t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue } });
      const second = t.topic.addSubscription("inventory-eu", { destination: { serviceBusQueue: t.queue }, includedEventTypes: ["payment_success"] });
      expect(second.roleAssignments[0]).toBe(first.roleAssignments[0]);
      expect(resourceList(Testing.synth(t.f.stack), "azurerm_role_assignment")).toHaveLength(1);
    });

    test("retries as told", () => {
      expect(synthSubscription({ retryPolicy: { maxDeliveryAttempts: 5, eventTimeToLiveMinutes: 60 } })).toHaveResourceWithProperties(EventgridEventSubscription, {
        retry_policy: { max_delivery_attempts: 5, event_time_to_live: 60 },
      });
    });

    test("dead-letters into a blob container with the topic's identity", () => {
      const out = synthSubscription({ deadLetter: { storageAccount: DEAD_LETTER_ACCOUNT, containerName: "deadletter" } });
      expect(out).toHaveResourceWithProperties(EventgridEventSubscription, {
        storage_blob_dead_letter_destination: { storage_account_id: DEAD_LETTER_ACCOUNT.id, storage_blob_container_name: "deadletter" },
        dead_letter_identity: { type: "SystemAssigned" },
      });
      expect(out).toHaveResourceWithProperties(RoleAssignment, {
        scope: `${DEAD_LETTER_ACCOUNT.id}/blobServices/default/containers/deadletter`,
        role_definition_name: "Storage Blob Data Contributor",
        principal_id: TOPIC_PRINCIPAL,
      });
    });

    test("does not dead-letter unless asked", () => {
      const [subscription] = resourceList(synthSubscription(), "azurerm_eventgrid_event_subscription");
      expect(subscription).not.toHaveProperty("storage_blob_dead_letter_destination");
      expect(subscription).not.toHaveProperty("dead_letter_identity");
    });
  });

  describe("filters", () => {
    test("filters by event type and subject", () => {
      expect(synthSubscription({ includedEventTypes: ["payment_success"], subjectBeginsWith: "/payments/", subjectEndsWith: ".eu", subjectCaseSensitive: true })).toHaveResourceWithProperties(
        EventgridEventSubscription,
        {
          included_event_types: ["payment_success"],
          subject_filter: { subject_begins_with: "/payments/", subject_ends_with: ".eu", case_sensitive: true },
        },
      );
    });

    test("groups advanced filters by operator", () => {
      const advancedFilters: EventGridAdvancedFilter[] = [
        { operator: "numberGreaterThan", key: "data.amount", value: 100 },
        { operator: "stringIn", key: "data.currency", values: ["EUR", "USD"] },
        { operator: "boolEquals", key: "data.test", value: false },
        { operator: "numberInRange", key: "data.items", values: [[1, 10]] },
        { operator: "isNotNull", key: "data.customer" },
      ];
      expect(synthSubscription({ advancedFilters, advancedFilteringOnArrays: true })).toHaveResourceWithProperties(EventgridEventSubscription, {
        advanced_filtering_on_arrays_enabled: true,
        advanced_filter: {
          number_greater_than: [{ key: "data.amount", value: 100 }],
          string_in: [{ key: "data.currency", values: ["EUR", "USD"] }],
          bool_equals: [{ key: "data.test", value: false }],
          number_in_range: [{ key: "data.items", values: [[1, 10]] }],
          is_not_null: [{ key: "data.customer" }],
        },
      });
    });

    test("accepts exactly 25 filter values", () => {
      const values = Array.from({ length: 25 }, (_, i) => `v${i}`);
      expect(synthSubscription({ advancedFilters: [{ operator: "stringIn", key: "data.kind", values }] })).toHaveResourceWithProperties(EventgridEventSubscription, {
        advanced_filter: { string_in: [{ key: "data.kind", values }] },
      });
    });
  });

  describe("validation", () => {
    test("fails when a subscription has no endpoint", () => {
      expectValidationError(
        () => subscribe({ destination: {} as EventGridDestination }),
        "eventGrid.subscriptions.inventory.destination: names no endpoint: a subscription without an endpoint delivers nothing (got {}); set one of serviceBusQueue, serviceBusTopic, eventHub, storageQueue, webhook",
      );
    });

    test("fails when a subscription's destination is missing", () => {
      expectValidationError(() => subscribe({} as EventGridSubscriptionOptions), /^eventGrid\.subscriptions\.inventory\.destination: is missing: a subscription without an endpoint delivers nothing/);
    });

    test("fails when a subscription names two endpoints", () => {
      const t = create();
      expectValidationError(
        () => t.topic.addSubscription("both", { destination: { serviceBusQueue: t.queue, webhook: { url: "https://x.example.com" } } as unknown as EventGridDestination }),
        /^eventGrid\.subscriptions\.both\.destination: names 2 endpoints \(serviceBusQueue, webhook\); a subscription delivers to exactly one/,
      );
    });

    test("fails when the advanced filters carry more than 25 values", () => {
      const t = create();
      const advancedFilters: EventGridAdvancedFilter[] = [
        { operator: "stringIn", key: "data.kind", values: Array.from({ length: 20 }, (_, i) => `k${i}`) },
        { operator: "numberIn", key: "data.code", values: [1, 2, 3, 4, 5] },
        { operator: "numberLessThan", key: "data.amount", value: 10 },
      ];
      expectValidationError(
        () => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, advancedFilters }),
        "eventGrid.subscriptions.inventory.advancedFilters: has 26 filter values across its filters (got 26); Event Grid allows at most 25 values across all advanced filters of a subscription; split the subscription or use broader filters (e.g. stringBeginsWith)",
      );
    });

    test("fails when there are more than 25 advanced filters", () => {
      const t = create();
      const advancedFilters: EventGridAdvancedFilter[] = Array.from({ length: 26 }, (_, i) => ({ operator: "isNotNull", key: `data.f${i}` }));
      expectValidationError(() => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, advancedFilters }), /^eventGrid\.subscriptions\.inventory\.advancedFilters: has 26 filters/);
    });

    test("fails when a filter string is longer than 512 characters", () => {
      const t = create();
      expectValidationError(
        () => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, advancedFilters: [{ operator: "stringContains", key: "data.note", values: ["x".repeat(513)] }] }),
        /^eventGrid\.subscriptions\.inventory\.advancedFilters\[0\]\.values\[0\]: is 513 characters long/,
      );
    });

    test("fails when a range runs backwards", () => {
      const t = create();
      expectValidationError(
        () => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, advancedFilters: [{ operator: "numberInRange", key: "data.n", values: [[5, 1]] }] }),
        /^eventGrid\.subscriptions\.inventory\.advancedFilters\[0\]\.values\[0\]: must be a \[low, high\] pair/,
      );
    });

    test("fails when dead-lettering is asked for without storage", () => {
      const t = create();
      expectValidationError(
        () => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, deadLetter: { containerName: "deadletter" } as EventGridDeadLetter }),
        /^eventGrid\.subscriptions\.inventory\.deadLetter: asks for dead-lettering without storage: undeliverable events need a storage account and blob container/,
      );
    });

    test("fails when the dead-letter container name is invalid", () => {
      const t = create();
      expectValidationError(
        () => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, deadLetter: { storageAccount: DEAD_LETTER_ACCOUNT, containerName: "Dead_Letter" } }),
        /^eventGrid\.subscriptions\.inventory\.deadLetter\.containerName: has an invalid format/,
      );
    });

    test("fails when a webhook is called over http", () => {
      expectValidationError(
        () => subscribe({ destination: { webhook: { url: "http://mail.example.com/events" } } }),
        'eventGrid.subscriptions.inventory.destination.webhook.url: must be an https URL (Event Grid delivers to webhooks over HTTPS only) (got "http://mail.example.com/events"); use "https://…"',
      );
    });

    test("fails when a webhook batch is larger than 5000 events", () => {
      expectValidationError(() => subscribe({ destination: { webhook: { url: "https://x.example.com", maxEventsPerBatch: 5001 } } }), /^eventGrid\.subscriptions\.inventory\.destination\.webhook\.maxEventsPerBatch: is out of range/);
    });

    test.each([
      [{ maxDeliveryAttempts: 31 }, "eventGrid.subscriptions.inventory.retryPolicy.maxDeliveryAttempts: is out of range (got 31); use 1 to 30"],
      [{ eventTimeToLiveMinutes: 1441 }, "eventGrid.subscriptions.inventory.retryPolicy.eventTimeToLiveMinutes: is out of range (got 1441); use 1 to 1440"],
    ])("fails when the retry policy is out of range (%j)", (retryPolicy, message) => {
      const t = create();
      expectValidationError(() => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, retryPolicy }), message);
    });

    test("fails when a CloudEvents topic is asked to deliver in the Event Grid schema", () => {
      const t = create();
      expectValidationError(
        () => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue }, deliverySchema: "EventGridSchema" }),
        /^eventGrid\.subscriptions\.inventory\.deliverySchema: cannot be used with a topic whose input schema is CloudEventSchemaV1_0/,
      );
    });

    test("fails when a subscription name is used twice", () => {
      const t = create();
      t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue } });
      expectValidationError(() => t.topic.addSubscription("inventory", { destination: { serviceBusQueue: t.queue } }), /^eventGrid\.subscriptions\.inventory\.name: is already used/);
    });

    test("fails when a subscription name breaks Azure's rule", () => {
      const t = create();
      expectValidationError(() => t.topic.addSubscription("in_ventory", { destination: { serviceBusQueue: t.queue } }), /^eventGrid\.subscriptions\.in_ventory\.name: is not a valid eventgrid_event_subscription name/);
    });

    test("fails when the private endpoint's DNS zone belongs to another service", () => {
      const f = messagingFixture();
      expectValidationError(
        () => new EventGridTopic(f.stack, "Payments", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.serviceBusZone } }),
        /^eventGrid\.privateEndpoint\.dnsZone: is not the private DNS zone of this service \(got "privatelink\.servicebus\.windows\.net"\)/,
      );
    });
  });
});
