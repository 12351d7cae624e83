import { Construct } from "constructs";
import { EventgridEventSubscription } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { EventgridTopic } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError } from "../core/errors";
import { IPrincipal } from "../core/grants";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { validateEnum, validatePattern } from "../core/validate";
import { PRIVATE_DNS_ZONE_NAMES } from "../network/private-dns-zone";
import { PrivateEndpoint, PrivateEndpointPlacement, validatePrivateEndpointZone } from "../network/private-endpoint";
import { addServiceAttachments } from "../network/service-attachments";
import { DiagnosticSettings } from "../observability/diagnostic-settings";
import { LogAnalytics } from "../observability/log-analytics";
import { buildEventSubscription, DeliveryGrants } from "./private/event-subscription";
import { grantOnce, MessagingGrantOptions } from "./private/grants";
import { ResourceReference, StorageAccountReference } from "./references";

/** Event schemas Event Grid accepts and delivers. */
export type EventGridSchema = "CloudEventSchemaV1_0" | "EventGridSchema";

/** Delivery to a Service Bus queue, with the topic's managed identity (`Azure Service Bus Data Sender`). */
export interface EventGridServiceBusQueueDestination {
  /** The queue: a `ServiceBusQueue` of this library, an L1 queue, or anything with its resource ID. */
  readonly serviceBusQueue: ResourceReference;
}

/** Delivery to a Service Bus topic, with the topic's managed identity (`Azure Service Bus Data Sender`). */
export interface EventGridServiceBusTopicDestination {
  /** The Service Bus topic: a `ServiceBusTopic` of this library, an L1 topic, or anything with its resource ID. */
  readonly serviceBusTopic: ResourceReference;
}

/** Delivery to an event hub, with the topic's managed identity (`Azure Event Hubs Data Sender`). */
export interface EventGridEventHubDestination {
  /** The event hub: an `EventHub` of this library, an L1 event hub, or anything with its resource ID. */
  readonly eventHub: ResourceReference;
}

/** Delivery to a storage queue, with the topic's managed identity (`Storage Queue Data Message Sender` on the queue). */
export interface EventGridStorageQueueDestination {
  /** The storage queue. */
  readonly storageQueue: {
    /** Storage account of the queue. */
    readonly storageAccount: StorageAccountReference;
    /** Queue name (3-63 lowercase letters, digits and hyphens). */
    readonly queueName: string;
    /**
     * Time-to-live of the queue messages, in seconds (-1: never expire).
     * @default - the queue's default (7 days)
     */
    readonly messageTimeToLiveSeconds?: number;
  };
}

/** Delivery to an HTTPS webhook (which must answer Event Grid's validation handshake). */
export interface EventGridWebhookDestination {
  /** The webhook. */
  readonly webhook: {
    /** The endpoint URL; `https://` only. */
    readonly url: string;
    /**
     * Most events per batch, 1 to 5000.
     * @default 1
     */
    readonly maxEventsPerBatch?: number;
    /**
     * Preferred batch size in kilobytes, 1 to 1024.
     * @default 64
     */
    readonly preferredBatchSizeKb?: number;
    /**
     * Entra ID tenant of the app that protects the webhook; Event Grid then calls it with a token.
     * @default - no Entra ID authentication
     */
    readonly entraTenantId?: string;
    /**
     * App ID or URI of the Entra ID app that protects the webhook.
     * @default - no Entra ID authentication
     */
    readonly entraAppIdOrUri?: string;
  };
}

/** Where a subscription delivers events: exactly one endpoint. */
export type EventGridDestination =
  | EventGridServiceBusQueueDestination
  | EventGridServiceBusTopicDestination
  | EventGridEventHubDestination
  | EventGridStorageQueueDestination
  | EventGridWebhookDestination;

/**
 * An advanced filter on an event field (`data.amount`, `subject`, a CloudEvents extension attribute). Filters are
 * ANDed; the values of one filter are ORed. Event Grid allows 25 filters and 25 values across all filters of a
 * subscription, and 512 characters per string value (https://learn.microsoft.com/azure/event-grid/event-filtering).
 */
export type EventGridAdvancedFilter =
  | {
      readonly operator:
        | "stringIn"
        | "stringNotIn"
        | "stringBeginsWith"
        | "stringNotBeginsWith"
        | "stringEndsWith"
        | "stringNotEndsWith"
        | "stringContains"
        | "stringNotContains";
      /** Event field. */
      readonly key: string;
      /** Values (case-insensitive), each counting towards the 25 values of the subscription. */
      readonly values: string[];
    }
  | {
      readonly operator: "numberIn" | "numberNotIn";
      /** Event field. */
      readonly key: string;
      /** Values, each counting towards the 25 values of the subscription. */
      readonly values: number[];
    }
  | {
      readonly operator: "numberInRange" | "numberNotInRange";
      /** Event field. */
      readonly key: string;
      /** `[low, high]` ranges, each counting as one value towards the 25 of the subscription. */
      readonly values: [number, number][];
    }
  | {
      readonly operator: "numberGreaterThan" | "numberGreaterThanOrEquals" | "numberLessThan" | "numberLessThanOrEquals";
      /** Event field. */
      readonly key: string;
      /** The bound (one value). */
      readonly value: number;
    }
  | {
      readonly operator: "boolEquals";
      /** Event field. */
      readonly key: string;
      /** The value (one value). */
      readonly value: boolean;
    }
  | {
      readonly operator: "isNotNull" | "isNullOrUndefined";
      /** Event field. */
      readonly key: string;
    };

/** How long and how often Event Grid retries a delivery before dropping or dead-lettering the event. */
export interface EventGridRetryPolicy {
  /**
   * Delivery attempts, 1 to 30.
   * @default 30
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * Minutes an event is retried before it expires, 1 to 1440.
   * @default 1440 (24 hours)
   */
  readonly eventTimeToLiveMinutes?: number;
}

/** Where undeliverable events go: a blob container written with the topic's managed identity. */
export interface EventGridDeadLetter {
  /** Storage account of the container (the identity gets `Storage Blob Data Contributor` on the container). */
  readonly storageAccount: StorageAccountReference;
  /** Blob container name (3-63 lowercase letters, digits and hyphens). */
  readonly containerName: string;
}

/** Options of an Event Grid subscription (custom topic or system topic). */
export interface EventGridSubscriptionOptions {
  /** Where events go: exactly one endpoint. */
  readonly destination: EventGridDestination;
  /**
   * Event types to deliver (`Microsoft.Storage.BlobCreated`, `payment_success`).
   * @default - every event type
   */
  readonly includedEventTypes?: string[];
  /**
   * Deliver only events whose subject starts with this.
   * @default - no subject prefix filter
   */
  readonly subjectBeginsWith?: string;
  /**
   * Deliver only events whose subject ends with this (`.jpg`).
   * @default - no subject suffix filter
   */
  readonly subjectEndsWith?: string;
  /**
   * Compare subjects case-sensitively.
   * @default false
   */
  readonly subjectCaseSensitive?: boolean;
  /**
   * Advanced filters on event fields; at most 25 filters and 25 values across them.
   * @default - none
   */
  readonly advancedFilters?: EventGridAdvancedFilter[];
  /**
   * Let advanced filters match array fields element by element.
   * @default false
   */
  readonly advancedFilteringOnArrays?: boolean;
  /**
   * Retries.
   * @default - 30 attempts within 24 hours
   */
  readonly retryPolicy?: EventGridRetryPolicy;
  /**
   * Dead-letter undeliverable events into a blob container.
   * @default - undeliverable events are dropped
   */
  readonly deadLetter?: EventGridDeadLetter;
  /**
   * Schema the events are delivered in. A topic with CloudEvents input delivers CloudEvents only.
   * @default - the topic's input schema
   */
  readonly deliverySchema?: EventGridSchema;
}

/** A subscription created by `addSubscription`. */
export interface EventGridSubscription<R> {
  /** The subscription name. */
  readonly name: string;
  /** The subscription (L1), an escape hatch. */
  readonly resource: R;
  /** Role assignments the topic identity needs for this subscription (shared with other subscriptions to the same target). */
  readonly roleAssignments: readonly RoleAssignment[];
}

/** Props for {@link EventGridTopic}. */
export interface EventGridTopicProps {
  /** Resource group of the topic; the topic takes its location. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region. */
  readonly namer: ResourceNamer;
  /**
   * Topic name (3-50 letters, digits and hyphens). It is part of the publishing host name
   * (`<name>.<region>-1.eventgrid.azure.net`), so it must be unique in the region across Azure.
   * @default - generated by the namer with its unique suffix (`egt-<workload>[-<qualifier>]-<env>-<region>-<suffix>`)
   */
  readonly name?: string;
  /**
   * Word that tells this topic apart from others in the same environment (`payments`); goes into the generated names of
   * the topic and its private endpoint.
   * @default - none
   */
  readonly qualifier?: string;
  /**
   * Schema publishers send. CloudEvents 1.0 is the open standard (and what Event Grid namespaces use); the Event Grid
   * schema is the legacy Azure format. Set at creation; changing it replaces the topic.
   * @default "CloudEventSchemaV1_0"
   */
  readonly inputSchema?: EventGridSchema;
  /**
   * Allow publishing with access keys and SAS tokens. Off means Microsoft Entra ID only: grant `grantPublish`.
   * @default false
   */
  readonly localAuthEnabled?: boolean;
  /**
   * Allow publishing over the public network. Off means only private endpoints reach the topic.
   * @default false
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * Give the topic a private endpoint (sub-resource `topic`) in this network, registered in the
   * `privatelink.eventgrid.azure.net` zone.
   * @default - no private endpoint
   */
  readonly privateEndpoint?: PrivateEndpointPlacement;
  /**
   * Send the topic's logs (publish and delivery failures) and metrics to this workspace.
   * @default - no diagnostic settings
   */
  readonly logAnalytics?: LogAnalytics;
}

const SCHEMAS: readonly EventGridSchema[] = ["CloudEventSchemaV1_0", "EventGridSchema"];

/**
 * An Event Grid custom topic for pub/sub fan-out (`payment_success` to email, inventory and analytics): CloudEvents
 * input, Entra ID publishing only, no public network access, a system-assigned identity that delivers to every
 * destination (role assignments included), 30 retries within 24 hours and optional dead-lettering, private endpoint and
 * diagnostic settings. The topic keeps no data beyond events in retry, so it takes no deletion protection.
 *
 * @example
 * const payments = new EventGridTopic(this, "Payments", { resourceGroup, namer, qualifier: "payments", privateEndpoint: { network, dnsZone } });
 * payments.addSubscription("inventory", {
 *   destination: { serviceBusQueue: bus.addQueue("inventory") },
 *   includedEventTypes: ["payment_success"],
 *   deadLetter: { storageAccount, containerName: "deadletter" },
 * });
 * payments.grantPublish(paymentServiceIdentity);
 */
export class EventGridTopic extends Construct {
  /** The topic (L1), an escape hatch. */
  public readonly resource: EventgridTopic;
  /** The topic name. */
  public readonly name: string;
  /** The schema publishers send. */
  public readonly inputSchema: EventGridSchema;
  /** The private endpoint, when one was asked for. */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** The diagnostic settings, when a workspace was given. */
  public readonly diagnostics?: DiagnosticSettings;
  private readonly grants: DeliveryGrants;
  private readonly subscriptionMap = new Map<string, EventGridSubscription<EventgridEventSubscription>>();

  constructor(scope: Construct, id: string, props: EventGridTopicProps) {
    super(scope, id);
    const path = "eventGrid";
    this.inputSchema = validateEnum(`${path}.inputSchema`, props.inputSchema ?? "CloudEventSchemaV1_0", SCHEMAS)!;
    if (props.privateEndpoint) validatePrivateEndpointZone(`${path}.privateEndpoint`, props.privateEndpoint, PRIVATE_DNS_ZONE_NAMES.eventGrid);
    if (props.qualifier !== undefined) validatePattern(`${path}.qualifier`, props.qualifier, /^[a-z][a-z0-9]{0,11}$/, "use 1-12 lowercase letters and digits, starting with a letter");
    this.name = props.name !== undefined
      ? validateResourceName(`${path}.name`, "eventgrid_topic", props.name)
      : props.namer.name("eventgrid_topic", { qualifier: props.qualifier, unique: true });

    this.resource = new EventgridTopic(this, "Resource", {
      name: this.name,
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
      inputSchema: this.inputSchema,
      localAuthEnabled: props.localAuthEnabled ?? false,
      publicNetworkAccessEnabled: props.publicNetworkAccessEnabled ?? false,
      identity: { type: "SystemAssigned" },
    });
    this.grants = new DeliveryGrants(this, { principalId: this.resource.identity.principalId });

    // The topic keeps no data beyond events in retry, so it takes no deletion protection.
    const attached = addServiceAttachments(this, this.resource, { ...props, protect: false }, { privateEndpoint: { subresource: "topic", qualifier: `egt${props.qualifier ?? ""}` } });
    this.privateEndpoint = attached.privateEndpoint;
    this.diagnostics = attached.diagnostics;
  }

  /** Resource ID of the topic. */
  public get id(): string {
    return this.resource.id;
  }

  /** The endpoint publishers post events to. */
  public get endpoint(): string {
    return this.resource.endpoint;
  }

  /** Object ID of the topic's system-assigned identity, which delivers events. */
  public get principalId(): string {
    return this.resource.identity.principalId;
  }

  /** The subscriptions added so far, by name. */
  public get subscriptions(): ReadonlyMap<string, EventGridSubscription<EventgridEventSubscription>> {
    return this.subscriptionMap;
  }

  /**
   * Subscribes an endpoint to the topic. Delivery (and dead-lettering) use the topic's managed identity, which gets the
   * role the destination needs. `name` (3-64 letters, digits and hyphens) is part of the construct id.
   */
  public addSubscription(name: string, options: EventGridSubscriptionOptions): EventGridSubscription<EventgridEventSubscription> {
    const path = `eventGrid.subscriptions.${name}`;
    if (this.subscriptionMap.has(name)) {
      throw new ValidationError(`${path}.name`, "is already used by another subscription of this topic", name, "give every subscription its own name");
    }
    const { config, roleAssignments } = buildEventSubscription({ path, name, options, inputSchema: this.inputSchema, grants: this.grants, idPrefix: `Subscription-${name}` });
    const resource = new EventgridEventSubscription(this, `Subscription-${name}`, { name, scope: this.resource.id, ...config });
    const subscription = { name, resource, roleAssignments };
    this.subscriptionMap.set(name, subscription);
    return subscription;
  }

  /** Grants `EventGrid Data Sender` on this topic: the principal may publish events with Entra ID. */
  public grantPublish(principal: IPrincipal, options: MessagingGrantOptions = {}): RoleAssignment {
    return grantOnce(this, "Publisher-", { scopeId: this.resource.id, roleDefinitionName: "EventGrid Data Sender" }, principal, { ...options, path: "eventGrid.grantPublish" });
  }
}
