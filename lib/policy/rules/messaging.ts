import { attr, defineRule, expectBool, expectOneOf, fail, isExpression, notApplicable, pass, PolicyRule } from "../rule";

const SERVICE_BUS = ["azurerm_servicebus_namespace"];
const EVENT_HUBS = ["azurerm_eventhub_namespace"];
const TOPIC = ["azurerm_eventgrid_topic"];
const SUBSCRIPTIONS = ["azurerm_eventgrid_event_subscription", "azurerm_eventgrid_system_topic_event_subscription"];

/** Rules for Service Bus, Event Hubs and Event Grid. */
export const MESSAGING_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-SB-001",
    resourceTypes: SERVICE_BUS,
    severity: "error",
    title: "Shared access keys (SAS) are disabled; clients use Entra ID",
    description: "SAS keys are long-lived shared secrets that grant namespace-wide rights and leave no per-identity audit trail.",
    fix: "local_auth_enabled = false (ServiceBusNamespace sets it)",
    scannerEquivalent: ["CKV_AZURE_203"],
    check: (r) => expectBool(r.config, "local_auth_enabled", false, true),
  }),
  defineRule({
    id: "AZ-SB-002",
    resourceTypes: SERVICE_BUS,
    severity: "error",
    title: "Clients must use TLS 1.2 or later",
    description: "TLS 1.0 and 1.1 have known weaknesses and are retired across Azure.",
    fix: 'minimum_tls_version = "1.2" (the azurerm 4.x default)',
    scannerEquivalent: ["CKV_AZURE_205"],
    check: (r) => expectOneOf(r.config, "minimum_tls_version", ["1.2"], "1.2"),
  }),
  defineRule({
    id: "AZ-SB-003",
    resourceTypes: SERVICE_BUS,
    severity: "error",
    title: "Public network access is disabled",
    description: "A namespace on the public endpoint accepts connections from any network; only Premium namespaces can be private.",
    fix: 'sku "Premium" with public_network_access_enabled = false and a private endpoint (ServiceBusNamespace privateEndpoint)',
    scannerEquivalent: ["CKV_AZURE_204"],
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-SB-004",
    resourceTypes: ["azurerm_servicebus_queue", "azurerm_servicebus_subscription"],
    severity: "warning",
    title: "Expired messages dead-letter and deliveries are bounded",
    description: "Without dead-lettering, expired messages vanish silently; an unbounded delivery count retries a poison message forever.",
    fix: "dead_lettering_on_message_expiration = true and max_delivery_count of 1-100 (ServiceBusNamespace.addQueue defaults: true, 10)",
    check: (r) => {
      if (r.config.dead_lettering_on_message_expiration !== true) return fail("dead_lettering_on_message_expiration is not true");
      const count = r.config.max_delivery_count;
      if (count === undefined) return pass();
      if (isExpression(count)) return notApplicable("max_delivery_count is known only at apply time");
      return typeof count === "number" && count >= 1 && count <= 100 ? pass() : fail(`max_delivery_count is ${JSON.stringify(count)}`);
    },
  }),
  defineRule({
    id: "AZ-EH-001",
    resourceTypes: EVENT_HUBS,
    severity: "error",
    title: "Shared access keys (SAS) are disabled; clients use Entra ID",
    description: "SAS keys are long-lived shared secrets that grant namespace-wide rights and leave no per-identity audit trail.",
    fix: "local_authentication_enabled = false (EventHubsNamespace sets it)",
    check: (r) => expectBool(r.config, "local_authentication_enabled", false, true),
  }),
  defineRule({
    id: "AZ-EH-002",
    resourceTypes: EVENT_HUBS,
    severity: "error",
    title: "Clients must use TLS 1.2 or later",
    description: "TLS 1.0 and 1.1 have known weaknesses and are retired across Azure.",
    fix: 'minimum_tls_version = "1.2" (the azurerm 4.x default)',
    scannerEquivalent: ["CKV_AZURE_223"],
    check: (r) => expectOneOf(r.config, "minimum_tls_version", ["1.2"], "1.2"),
  }),
  defineRule({
    id: "AZ-EH-003",
    resourceTypes: EVENT_HUBS,
    severity: "error",
    title: "Public network access is disabled",
    description: "A namespace on the public endpoint accepts producers and consumers from any network.",
    fix: "public_network_access_enabled = false with a private endpoint (EventHubsNamespace privateEndpoint)",
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-EH-004",
    resourceTypes: EVENT_HUBS,
    severity: "warning",
    title: "The namespace is Standard or above (not Basic)",
    description: "Basic has one consumer group, one-day retention, no Kafka endpoint and no private endpoints.",
    fix: 'sku "Standard" or "Premium" (EventHubsNamespace defaults to Standard)',
    check: (r) => expectOneOf(r.config, "sku", ["Standard", "Premium"]),
  }),
  defineRule({
    id: "AZ-EH-005",
    resourceTypes: ["azurerm_eventhub"],
    severity: "warning",
    title: "Event hubs have at least two partitions",
    description: "One partition caps throughput at one consumer per group and cannot be raised later on Standard.",
    fix: "partition_count >= 2 (EventHubsNamespace.addEventHub defaults to 4)",
    check: (r) => {
      const count = r.config.partition_count;
      if (isExpression(count)) return notApplicable("partition_count is known only at apply time");
      return typeof count === "number" && count >= 2 ? pass() : fail(`partition_count is ${JSON.stringify(count)}`);
    },
  }),
  defineRule({
    id: "AZ-EG-001",
    resourceTypes: TOPIC,
    severity: "error",
    title: "Access keys are disabled; publishers use Entra ID",
    description: "Topic keys are shared secrets that let anyone holding them publish events.",
    fix: "local_auth_enabled = false (EventGridTopic sets it)",
    scannerEquivalent: ["CKV_AZURE_192"],
    check: (r) => expectBool(r.config, "local_auth_enabled", false, true),
  }),
  defineRule({
    id: "AZ-EG-002",
    resourceTypes: TOPIC,
    severity: "error",
    title: "Public network access is disabled",
    description: "A topic on the public endpoint accepts published events from any network.",
    fix: "public_network_access_enabled = false with a private endpoint (EventGridTopic privateEndpoint)",
    scannerEquivalent: ["CKV_AZURE_193"],
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-EG-003",
    resourceTypes: ["azurerm_eventgrid_topic", "azurerm_eventgrid_system_topic"],
    severity: "warning",
    title: "The topic has a managed identity",
    description: "Without an identity the topic can deliver and dead-letter only with keys or connection strings.",
    fix: 'identity { type = "SystemAssigned" } (EventGridTopic and EventGridSystemTopic set it)',
    scannerEquivalent: ["CKV_AZURE_194"],
    scannerNote: "CKV_AZURE_194 covers custom topics only, not system topics.",
    check: (r) => (attr(r.config, "identity.type") === undefined ? fail("identity is not set") : pass()),
  }),
  defineRule({
    id: "AZ-EG-004",
    resourceTypes: SUBSCRIPTIONS,
    severity: "warning",
    title: "Undeliverable events dead-letter to storage, with bounded retries",
    description: "Without a dead-letter destination Event Grid drops events after the last retry and nobody learns of it.",
    fix: "storage_blob_dead_letter_destination and retry_policy (EventGridTopic.addSubscription deadLetter)",
    check: (r) => {
      if (attr(r.config, "storage_blob_dead_letter_destination") === undefined) return fail("storage_blob_dead_letter_destination is not set");
      return attr(r.config, "retry_policy") === undefined ? fail("retry_policy is not set") : pass();
    },
  }),
  defineRule({
    id: "AZ-EG-005",
    resourceTypes: SUBSCRIPTIONS,
    severity: "warning",
    title: "Deliveries to Azure endpoints and dead-lettering use the topic's managed identity",
    description: "Without delivery_identity, Event Grid writes to Service Bus, Event Hubs and storage with keys that must stay enabled on the target.",
    fix: 'delivery_identity { type = "SystemAssigned" } and dead_letter_identity (EventGridTopic.addSubscription sets both)',
    check: (r) => {
      const azureEndpoint = ["service_bus_queue_endpoint_id", "service_bus_topic_endpoint_id", "eventhub_endpoint_id", "storage_queue_endpoint"].some((k) => r.config[k] !== undefined);
      if (!azureEndpoint) return notApplicable("the endpoint is not an Azure messaging or storage resource");
      if (attr(r.config, "delivery_identity.type") === undefined) return fail("delivery_identity is not set");
      if (attr(r.config, "storage_blob_dead_letter_destination") !== undefined && attr(r.config, "dead_letter_identity.type") === undefined) return fail("dead_letter_identity is not set");
      return pass();
    },
  }),
  defineRule({
    id: "AZ-EG-006",
    resourceTypes: SUBSCRIPTIONS,
    severity: "error",
    title: "Webhook endpoints use HTTPS",
    description: "Events delivered over HTTP cross the internet in clear text.",
    fix: 'webhook_endpoint { url = "https://…" }',
    check: (r) => {
      const url = attr(r.config, "webhook_endpoint.url");
      if (url === undefined) return notApplicable("not a webhook subscription");
      if (isExpression(url)) return notApplicable("the URL is known only at apply time");
      return typeof url === "string" && url.startsWith("https://") ? pass() : fail(`webhook_endpoint.url is ${JSON.stringify(url)}`);
    },
  }),
];
