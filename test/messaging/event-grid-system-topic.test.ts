import { EventgridSystemTopic } from "@cdktf/provider-azurerm/lib/eventgrid-system-topic";
import { EventgridSystemTopicEventSubscription } from "@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { Testing } from "cdktf";
import { EventGridDestination } from "../../lib/messaging/event-grid";
import { EventGridSystemTopic, EventGridSystemTopicProps } from "../../lib/messaging/event-grid-system-topic";
import { ServiceBusNamespace } from "../../lib/messaging/service-bus";
import { expectValidationError, MessagingFixture, messagingFixture, ref, resourceList, resourcesOf, storageAccount } from "./fixtures";

const SYSTEM_TOPIC = "azurerm_eventgrid_system_topic";
const IMAGES = storageAccount("stimages");
const TOPIC_PRINCIPAL = expect.stringMatching(/^\$\{azurerm_eventgrid_system_topic\.Uploads_[0-9A-F]{8}\.identity\[0\]\.principal_id\}$/);

function create(props: Partial<EventGridSystemTopicProps> = {}): { f: MessagingFixture; uploads: EventGridSystemTopic } {
  const f = messagingFixture();
  const uploads = new EventGridSystemTopic(f.stack, "Uploads", { resourceGroup: f.resourceGroup, namer: f.namer, source: IMAGES, ...props });
  return { f, uploads };
}

describe("EventGridSystemTopic", () => {
  test("synthesizes the default system topic", () => {
    expect(resourcesOf(Testing.synth(create().f.stack), SYSTEM_TOPIC)).toMatchSnapshot();
  });

  test("publishes the storage account's events, with a system-assigned identity", () => {
    expect(Testing.synth(create().f.stack)).toHaveResourceWithProperties(EventgridSystemTopic, {
      name: "egst-shop-prod-weu",
      location: "${azurerm_resource_group.ResourceGroup.location}",
      source_resource_id: IMAGES.id,
      topic_type: "Microsoft.Storage.StorageAccounts",
      identity: { type: "SystemAssigned" },
    });
  });

  test("takes an L1 storage account as its source", () => {
    const f = messagingFixture();
    const account = new StorageAccount(f.stack, "Images", {
      name: "stshopimages",
      resourceGroupName: f.resourceGroup.name,
      location: f.resourceGroup.location,
      accountTier: "Standard",
      accountReplicationType: "ZRS",
    });
    new EventGridSystemTopic(f.stack, "Uploads", { resourceGroup: f.resourceGroup, namer: f.namer, source: account });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(EventgridSystemTopic, { source_resource_id: "${azurerm_storage_account.Images.id}" });
  });

  test("sits in the given region when the storage account is elsewhere", () => {
    expect(Testing.synth(create({ location: "northeurope" }).f.stack)).toHaveResourceWithProperties(EventgridSystemTopic, { location: "northeurope" });
  });

  test("sends delivery-failure logs and metrics to the workspace when given", () => {
    const f = messagingFixture();
    new EventGridSystemTopic(f.stack, "Uploads", { resourceGroup: f.resourceGroup, namer: f.namer, source: IMAGES, logAnalytics: f.logAnalytics });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, { target_resource_id: ref(SYSTEM_TOPIC, "Uploads", "id") });
  });

  describe("subscriptions", () => {
    test("delivers blob-created events to a Service Bus queue with the system topic's identity, in the Event Grid schema", () => {
      const { f, uploads } = create();
      const bus = new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer });
      uploads.addSubscription("resize", {
        destination: { serviceBusQueue: bus.addQueue("resize") },
        includedEventTypes: ["Microsoft.Storage.BlobCreated"],
        subjectBeginsWith: "/blobServices/default/containers/uploads/",
      });
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(EventgridSystemTopicEventSubscription, {
        name: "resize",
        system_topic: ref(SYSTEM_TOPIC, "Uploads", "name"),
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        service_bus_queue_endpoint_id: ref("azurerm_servicebus_queue", "Bus_Queue-resize", "id"),
        delivery_identity: { type: "SystemAssigned" },
        event_delivery_schema: "EventGridSchema",
        included_event_types: ["Microsoft.Storage.BlobCreated"],
        subject_filter: { subject_begins_with: "/blobServices/default/containers/uploads/" },
      });
      expect(out).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref("azurerm_servicebus_queue", "Bus_Queue-resize", "id"),
        role_definition_name: "Azure Service Bus Data Sender",
        principal_id: TOPIC_PRINCIPAL,
      });
    });

    test("delivers as CloudEvents when asked", () => {
      const { f, uploads } = create();
      uploads.addSubscription("feed", { destination: { storageQueue: { storageAccount: IMAGES, queueName: "feed" } }, deliverySchema: "CloudEventSchemaV1_0" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(EventgridSystemTopicEventSubscription, { event_delivery_schema: "CloudEventSchemaV1_0" });
    });

    test("dead-letters into a blob container with the system topic's identity", () => {
      const { f, uploads } = create();
      uploads.addSubscription("audit", {
        destination: { storageQueue: { storageAccount: IMAGES, queueName: "audit" } },
        deadLetter: { storageAccount: IMAGES, containerName: "deadletter" },
      });
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(EventgridSystemTopicEventSubscription, {
        storage_blob_dead_letter_destination: { storage_account_id: IMAGES.id, storage_blob_container_name: "deadletter" },
        dead_letter_identity: { type: "SystemAssigned" },
      });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: `${IMAGES.id}/queueServices/default/queues/audit`, role_definition_name: "Storage Queue Data Message Sender", principal_id: TOPIC_PRINCIPAL });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { scope: `${IMAGES.id}/blobServices/default/containers/deadletter`, role_definition_name: "Storage Blob Data Contributor" });
    });

    test("lists the subscriptions it added", () => {
      const { uploads } = create();
      const subscription = uploads.addSubscription("feed", { destination: { webhook: { url: "https://feed.example.com/events" } } });
      expect(uploads.subscriptions.get("feed")).toBe(subscription);
      expect(subscription.roleAssignments).toHaveLength(0);
    });
  });

  describe("validation", () => {
    test("fails when the source is not a storage account", () => {
      const f = messagingFixture();
      expectValidationError(
        () => new EventGridSystemTopic(f.stack, "Uploads", { resourceGroup: f.resourceGroup, namer: f.namer, source: { id: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" } }),
        /^eventGridSystemTopic\.source: is not a storage account ID/,
      );
    });

    test("fails when a subscription has no endpoint", () => {
      const { uploads } = create();
      expectValidationError(() => uploads.addSubscription("resize", { destination: {} as EventGridDestination }), /^eventGridSystemTopic\.subscriptions\.resize\.destination: names no endpoint/);
    });

    test("fails when a webhook is called over http", () => {
      const { uploads } = create();
      expectValidationError(() => uploads.addSubscription("feed", { destination: { webhook: { url: "http://feed.example.com" } } }), /^eventGridSystemTopic\.subscriptions\.feed\.destination\.webhook\.url: must be an https URL/);
    });

    test("fails when a storage queue name is invalid", () => {
      const { uploads } = create();
      expectValidationError(
        () => uploads.addSubscription("feed", { destination: { storageQueue: { storageAccount: IMAGES, queueName: "Feed" } } }),
        /^eventGridSystemTopic\.subscriptions\.feed\.destination\.storageQueue\.queueName: has an invalid format \(got "Feed"\)/,
      );
    });

    test("fails when a subscription name is used twice", () => {
      const { uploads } = create();
      uploads.addSubscription("feed", { destination: { webhook: { url: "https://feed.example.com" } } });
      expectValidationError(() => uploads.addSubscription("feed", { destination: { webhook: { url: "https://feed.example.com" } } }), /^eventGridSystemTopic\.subscriptions\.feed\.name: is already used/);
    });

    test("creates nothing for a subscription that fails validation", () => {
      const { f, uploads } = create();
      expect(() => uploads.addSubscription("audit", { destination: { storageQueue: { storageAccount: IMAGES, queueName: "audit" } }, retryPolicy: { maxDeliveryAttempts: 0 } })).toThrow();
      const out = Testing.synth(f.stack);
      expect(resourceList(out, "azurerm_role_assignment")).toHaveLength(0);
      expect(resourceList(out, "azurerm_eventgrid_system_topic_event_subscription")).toHaveLength(0);
    });
  });
});
