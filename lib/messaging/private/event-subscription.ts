import { Token } from "cdktf";
import { Construct } from "constructs";
import { EventgridEventSubscriptionConfig } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ValidationError } from "../../core/errors";
import { grantRole, IPrincipal } from "../../core/grants";
import { validateResourceName } from "../../core/naming";
import { isUnresolved, validateEnum, validatePattern, validateRange, validateUnique } from "../../core/validate";
import type {
  EventGridAdvancedFilter,
  EventGridDestination,
  EventGridSchema,
  EventGridSubscriptionOptions,
} from "../event-grid";
import { ResourceReference, StorageAccountReference } from "../references";

/**
 * Event subscription building shared by the custom topic (`EventGridTopic`) and the system topic
 * (`EventGridSystemTopic`): validation of the options, the role assignments the topic's managed identity needs on the
 * destination and the dead-letter container, and the subscription arguments common to `azurerm_eventgrid_event_subscription`
 * and `azurerm_eventgrid_system_topic_event_subscription`.
 */

/** Most advanced filters per subscription (https://learn.microsoft.com/azure/event-grid/event-filtering#limitations). */
export const MAX_ADVANCED_FILTERS = 25;
/** Most values across all advanced filters of a subscription (same source). */
export const MAX_ADVANCED_FILTER_VALUES = 25;
/** Longest string value of an advanced filter (same source). */
export const MAX_FILTER_STRING_LENGTH = 512;

const STRING_OPERATORS = [
  "stringIn",
  "stringNotIn",
  "stringBeginsWith",
  "stringNotBeginsWith",
  "stringEndsWith",
  "stringNotEndsWith",
  "stringContains",
  "stringNotContains",
] as const;
const NUMBER_LIST_OPERATORS = ["numberIn", "numberNotIn"] as const;
const NUMBER_OPERATORS = ["numberGreaterThan", "numberGreaterThanOrEquals", "numberLessThan", "numberLessThanOrEquals"] as const;
const RANGE_OPERATORS = ["numberInRange", "numberNotInRange"] as const;
const NULL_OPERATORS = ["isNotNull", "isNullOrUndefined"] as const;
const OPERATORS = [...STRING_OPERATORS, ...NUMBER_LIST_OPERATORS, ...NUMBER_OPERATORS, ...RANGE_OPERATORS, "boolEquals", ...NULL_OPERATORS] as const;

const DESTINATION_KINDS = ["serviceBusQueue", "serviceBusTopic", "eventHub", "storageQueue", "webhook"] as const;
type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** Storage queue and blob container names: 3-63 lowercase letters, digits and single hyphens. */
const STORAGE_CHILD_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
const STORAGE_CHILD_RULE = "use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit";

/** The subscription arguments both L1 subscription resources share. */
export type CommonSubscriptionConfig = Omit<EventgridEventSubscriptionConfig, "name" | "scope">;

/**
 * Role assignments of one topic identity on delivery targets, reused when several subscriptions deliver to the same
 * target (Azure rejects a second identical role assignment).
 */
export class DeliveryGrants {
  private readonly byObject = new Map<object, Map<string, RoleAssignment>>();
  private readonly byLiteral = new Map<string, RoleAssignment>();

  constructor(
    private readonly scope: Construct,
    private readonly principal: IPrincipal,
  ) {}

  /**
   * Assigns `role` on `scopeId` to the topic identity once per target: `target` is the reference object the user
   * passed (tokens of the same attribute differ between reads, so the object identifies the target), `detail` the
   * queue or container name inside it.
   */
  public grant(id: string, target: object, detail: string, scopeId: string, role: string): RoleAssignment {
    const literal = isUnresolved(scopeId) ? undefined : `${role}|${scopeId}`;
    const key = `${role}|${detail}`;
    const existing = (literal !== undefined ? this.byLiteral.get(literal) : undefined) ?? this.byObject.get(target)?.get(key);
    if (existing) return existing;
    const assignment = grantRole(this.scope, id, { scopeId, roleDefinitionName: role }, this.principal);
    if (literal !== undefined) this.byLiteral.set(literal, assignment);
    const forTarget = this.byObject.get(target) ?? new Map<string, RoleAssignment>();
    forTarget.set(key, assignment);
    this.byObject.set(target, forTarget);
    return assignment;
  }
}

/** What {@link buildEventSubscription} returns: the common arguments and the role assignments they depend on. */
export interface BuiltSubscription {
  readonly config: CommonSubscriptionConfig;
  readonly roleAssignments: RoleAssignment[];
}

/**
 * Validates `options` (failing before anything is created), grants the topic identity what delivery and
 * dead-lettering need, and returns the subscription arguments. `path` names the subscription in error messages
 * (`eventGrid.subscriptions.email`); `idPrefix` prefixes the construct ids of the role assignments.
 */
export function buildEventSubscription(args: {
  readonly path: string;
  readonly name: string;
  readonly options: EventGridSubscriptionOptions;
  readonly inputSchema: EventGridSchema;
  readonly grants: DeliveryGrants;
  readonly idPrefix: string;
}): BuiltSubscription {
  const { path, options, grants, idPrefix } = args;
  validateResourceName(`${path}.name`, "eventgrid_event_subscription", args.name);
  if (options === undefined || options === null || typeof options !== "object") {
    throw new ValidationError(path, "has no options: a subscription without an endpoint delivers nothing", options, `set destination to one of ${DESTINATION_KINDS.join(", ")}`);
  }

  // --- validation ---
  const kind = destinationKind(`${path}.destination`, options.destination);
  const destination = options.destination as Record<DestinationKind, any>;
  if (kind === "storageQueue") {
    const queue = destination.storageQueue;
    requireReference(`${path}.destination.storageQueue.storageAccount`, queue?.storageAccount, "storage account");
    validatePattern(`${path}.destination.storageQueue.queueName`, queue.queueName, STORAGE_CHILD_NAME, STORAGE_CHILD_RULE);
  } else if (kind === "webhook") {
    validateWebhook(`${path}.destination.webhook`, destination.webhook);
  } else {
    requireReference(`${path}.destination.${kind}`, destination[kind], kind === "eventHub" ? "event hub" : kind === "serviceBusQueue" ? "Service Bus queue" : "Service Bus topic");
  }

  const includedEventTypes = options.includedEventTypes;
  if (includedEventTypes !== undefined && !isUnresolved(includedEventTypes)) {
    includedEventTypes.forEach((type, i) => {
      if (!isUnresolved(type) && (typeof type !== "string" || type.trim() === "")) {
        throw new ValidationError(`${path}.includedEventTypes[${i}]`, "is not an event type", type, 'use a type such as "Microsoft.Storage.BlobCreated"');
      }
    });
    validateUnique(`${path}.includedEventTypes`, includedEventTypes);
  }
  const advancedFilter = advancedFilters(`${path}.advancedFilters`, options.advancedFilters ?? []);

  const retry = options.retryPolicy ?? {};
  const maxDeliveryAttempts = validateRange(`${path}.retryPolicy.maxDeliveryAttempts`, retry.maxDeliveryAttempts ?? 30, 1, 30)!;
  const eventTimeToLive = validateRange(`${path}.retryPolicy.eventTimeToLiveMinutes`, retry.eventTimeToLiveMinutes ?? 1440, 1, 1440)!;

  const deadLetter = options.deadLetter;
  if (deadLetter !== undefined) {
    if (deadLetter === null || typeof deadLetter !== "object" || !deadLetter.storageAccount || deadLetter.storageAccount.id === undefined || deadLetter.containerName === undefined) {
      throw new ValidationError(
        `${path}.deadLetter`,
        "asks for dead-lettering without storage: undeliverable events need a storage account and blob container",
        deadLetter,
        "set deadLetter to { storageAccount, containerName }, or drop it",
      );
    }
    validatePattern(`${path}.deadLetter.containerName`, deadLetter.containerName, STORAGE_CHILD_NAME, STORAGE_CHILD_RULE);
  }

  const schemas: EventGridSchema[] = args.inputSchema === "CloudEventSchemaV1_0" ? ["CloudEventSchemaV1_0"] : ["EventGridSchema", "CloudEventSchemaV1_0"];
  const deliverySchema = options.deliverySchema ?? args.inputSchema;
  if (!schemas.includes(deliverySchema)) {
    throw new ValidationError(
      `${path}.deliverySchema`,
      `cannot be used with a topic whose input schema is ${args.inputSchema} (Event Grid delivers CloudEvents input only as CloudEvents)`,
      deliverySchema,
      `use ${schemas.map((s) => `"${s}"`).join(" or ")}`,
    );
  }
  validateEnum(`${path}.deliverySchema`, deliverySchema, ["CloudEventSchemaV1_0", "EventGridSchema"]);

  // --- role assignments of the topic identity ---
  const roleAssignments: RoleAssignment[] = [];
  let endpoint: Partial<CommonSubscriptionConfig> = {};
  switch (kind) {
    case "serviceBusQueue":
    case "serviceBusTopic": {
      const target: ResourceReference = destination[kind];
      roleAssignments.push(grants.grant(`${idPrefix}-DeliverySender`, target, "", target.id, "Azure Service Bus Data Sender"));
      endpoint = kind === "serviceBusQueue" ? { serviceBusQueueEndpointId: target.id } : { serviceBusTopicEndpointId: target.id };
      break;
    }
    case "eventHub": {
      const target: ResourceReference = destination.eventHub;
      roleAssignments.push(grants.grant(`${idPrefix}-DeliverySender`, target, "", target.id, "Azure Event Hubs Data Sender"));
      endpoint = { eventhubEndpointId: target.id };
      break;
    }
    case "storageQueue": {
      const { storageAccount, queueName, messageTimeToLiveSeconds } = destination.storageQueue as { storageAccount: StorageAccountReference; queueName: string; messageTimeToLiveSeconds?: number };
      roleAssignments.push(
        grants.grant(`${idPrefix}-DeliverySender`, storageAccount, `queue:${queueName}`, `${storageAccount.id}/queueServices/default/queues/${queueName}`, "Storage Queue Data Message Sender"),
      );
      endpoint = { storageQueueEndpoint: { storageAccountId: storageAccount.id, queueName, queueMessageTimeToLiveInSeconds: messageTimeToLiveSeconds } };
      break;
    }
    case "webhook": {
      const hook = destination.webhook;
      endpoint = {
        webhookEndpoint: {
          url: hook.url,
          maxEventsPerBatch: hook.maxEventsPerBatch,
          preferredBatchSizeInKilobytes: hook.preferredBatchSizeKb,
          activeDirectoryTenantId: hook.entraTenantId,
          activeDirectoryAppIdOrUri: hook.entraAppIdOrUri,
        },
      };
      break;
    }
  }
  if (deadLetter) {
    roleAssignments.push(
      grants.grant(
        `${idPrefix}-DeadLetterWriter`,
        deadLetter.storageAccount,
        `container:${deadLetter.containerName}`,
        `${deadLetter.storageAccount.id}/blobServices/default/containers/${deadLetter.containerName}`,
        "Storage Blob Data Contributor",
      ),
    );
  }

  const subjectFilter =
    options.subjectBeginsWith !== undefined || options.subjectEndsWith !== undefined || options.subjectCaseSensitive !== undefined
      ? { subjectBeginsWith: options.subjectBeginsWith, subjectEndsWith: options.subjectEndsWith, caseSensitive: options.subjectCaseSensitive }
      : undefined;

  const config: CommonSubscriptionConfig = {
    eventDeliverySchema: deliverySchema,
    ...endpoint,
    // A webhook is called with Entra ID (app ID / tenant) or not at all; every other destination takes events from
    // the topic's managed identity, so no keys or connection strings are involved.
    deliveryIdentity: kind === "webhook" ? undefined : { type: "SystemAssigned" },
    includedEventTypes,
    subjectFilter,
    advancedFilter,
    advancedFilteringOnArraysEnabled: options.advancedFilteringOnArrays,
    retryPolicy: { maxDeliveryAttempts, eventTimeToLive },
    storageBlobDeadLetterDestination: deadLetter ? { storageAccountId: deadLetter.storageAccount.id, storageBlobContainerName: deadLetter.containerName } : undefined,
    deadLetterIdentity: deadLetter ? { type: "SystemAssigned" } : undefined,
    dependsOn: roleAssignments.length > 0 ? roleAssignments : undefined,
  };
  return { config, roleAssignments };
}

function destinationKind(path: string, destination: EventGridDestination | undefined): DestinationKind {
  if (destination === undefined || destination === null || typeof destination !== "object") {
    throw new ValidationError(path, "is missing: a subscription without an endpoint delivers nothing", destination, `set one of ${DESTINATION_KINDS.join(", ")}`);
  }
  const given = DESTINATION_KINDS.filter((k) => (destination as unknown as Record<string, unknown>)[k] !== undefined);
  if (given.length === 0) {
    throw new ValidationError(path, "names no endpoint: a subscription without an endpoint delivers nothing", destination, `set one of ${DESTINATION_KINDS.join(", ")}`);
  }
  if (given.length > 1) {
    throw new ValidationError(path, `names ${given.length} endpoints (${given.join(", ")}); a subscription delivers to exactly one`, given, "add one subscription per endpoint");
  }
  return given[0];
}

function requireReference(path: string, ref: { readonly id?: string } | undefined, what: string): void {
  if (ref === undefined || ref === null || typeof ref !== "object" || ref.id === undefined) {
    throw new ValidationError(path, `is not a ${what}`, ref, `pass the ${what} (anything with its resource ID)`);
  }
}

function validateWebhook(path: string, hook: { url?: string; maxEventsPerBatch?: number; preferredBatchSizeKb?: number } | undefined): void {
  if (hook === undefined || hook === null || typeof hook !== "object") {
    throw new ValidationError(path, "is not a webhook", hook, "pass { url: \"https://…\" }");
  }
  const url = hook.url;
  if (!isUnresolved(url)) {
    let protocol: string | undefined;
    try {
      protocol = typeof url === "string" ? new URL(url).protocol : undefined;
    } catch {
      protocol = undefined;
    }
    if (protocol !== "https:") {
      throw new ValidationError(`${path}.url`, "must be an https URL (Event Grid delivers to webhooks over HTTPS only)", url, 'use "https://…"');
    }
  }
  validateRange(`${path}.maxEventsPerBatch`, hook.maxEventsPerBatch, 1, 5000);
  validateRange(`${path}.preferredBatchSizeKb`, hook.preferredBatchSizeKb, 1, 1024);
}

type AdvancedFilterConfig = NonNullable<CommonSubscriptionConfig["advancedFilter"]>;

/** Validates the advanced filters against Azure's limits and groups them by operator, as azurerm expects. */
function advancedFilters(path: string, filters: readonly EventGridAdvancedFilter[]): AdvancedFilterConfig | undefined {
  if (isUnresolved(filters as unknown as string[])) return undefined;
  if (filters.length === 0) return undefined;
  if (filters.length > MAX_ADVANCED_FILTERS) {
    throw new ValidationError(path, `has ${filters.length} filters`, filters.length, `Event Grid allows at most ${MAX_ADVANCED_FILTERS} advanced filters per subscription`);
  }
  const grouped: Record<string, unknown[]> = {};
  let valueCount = 0;
  filters.forEach((filter, i) => {
    const at = `${path}[${i}]`;
    const operator = validateEnum(`${at}.operator`, filter.operator, OPERATORS)!;
    if (!isUnresolved(filter.key) && (typeof filter.key !== "string" || filter.key.trim() === "")) {
      throw new ValidationError(`${at}.key`, "is empty", filter.key, 'name an event field such as "data.amount" or "subject"');
    }
    let entry: Record<string, unknown>;
    if ((STRING_OPERATORS as readonly string[]).includes(operator) || (NUMBER_LIST_OPERATORS as readonly string[]).includes(operator) || (RANGE_OPERATORS as readonly string[]).includes(operator)) {
      const values = (filter as { values?: unknown[] }).values;
      if (!Array.isArray(values) || values.length === 0) {
        throw new ValidationError(`${at}.values`, `is empty for operator ${operator}`, values, "give at least one value");
      }
      values.forEach((value, j) => checkValue(`${at}.values[${j}]`, operator, value));
      valueCount += values.length;
      entry = { key: filter.key, values };
    } else if ((NULL_OPERATORS as readonly string[]).includes(operator)) {
      entry = { key: filter.key };
    } else {
      const value = (filter as { value?: unknown }).value;
      checkValue(`${at}.value`, operator, value);
      valueCount += 1;
      entry = { key: filter.key, value };
    }
    (grouped[operator] ??= []).push(entry);
  });
  if (valueCount > MAX_ADVANCED_FILTER_VALUES) {
    throw new ValidationError(
      path,
      `has ${valueCount} filter values across its filters`,
      valueCount,
      `Event Grid allows at most ${MAX_ADVANCED_FILTER_VALUES} values across all advanced filters of a subscription; split the subscription or use broader filters (e.g. stringBeginsWith)`,
    );
  }
  return grouped as AdvancedFilterConfig;
}

function checkValue(path: string, operator: string, value: unknown): void {
  if (Token.isUnresolved(value)) return;
  if ((STRING_OPERATORS as readonly string[]).includes(operator)) {
    if (typeof value !== "string") throw new ValidationError(path, `must be a string for operator ${operator}`, value);
    if (value.length > MAX_FILTER_STRING_LENGTH) {
      throw new ValidationError(path, `is ${value.length} characters long`, `${value.slice(0, 40)}…`, `Event Grid allows at most ${MAX_FILTER_STRING_LENGTH} characters per string value`);
    }
  } else if ((RANGE_OPERATORS as readonly string[]).includes(operator)) {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === "number" && Number.isFinite(n)) || value[0] > value[1]) {
      throw new ValidationError(path, `must be a [low, high] pair of numbers for operator ${operator}`, value, "give ranges such as [0, 100]");
    }
  } else if (operator === "boolEquals") {
    if (typeof value !== "boolean") throw new ValidationError(path, "must be true or false for operator boolEquals", value);
  } else if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ValidationError(path, `must be a number for operator ${operator}`, value);
  }
}
