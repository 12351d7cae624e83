import { z } from "zod";
import { ValidationError } from "../../lib/core/errors";
import { validateResourceName } from "../../lib/core/naming";
import { GUID_PATTERN } from "../../lib/core/validate";
import { DNS_ZONE_NAME_PATTERN } from "../../lib/traffic/acme-cluster-issuer";
import { carriesVersions, HTTP_METHODS, HttpMethod, strategyImages } from "../../lib/workloads/deployment-strategy";

/**
 * The Kubernetes side of an environment: the shared gateway (hostnames, exposure, TLS, API authentication) and the
 * services each team runs behind it. Service names are plain strings (config is data); the apps stack turns them into
 * typed constructs, and {@link validateAppsConfig} checks the references between them.
 */

export const serviceName = z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, "use 2-32 lowercase letters, digits and hyphens, starting with a letter");

export const gatewaySchema = z.strictObject({
  /** Hostnames the gateway serves over HTTPS. */
  hostnames: z.array(z.string()).min(1, "name at least one hostname"),
  /** `public`: a static public IP; `internal`: an internal load balancer in the gateway subnet. */
  exposure: z.enum(["public", "internal"]).optional(),
  /** E-mail for the ACME account of the Let's Encrypt issuer. */
  acmeEmail: z.string().email("use an e-mail address for the ACME account"),
  /**
   * The Azure DNS zone the gateway's hostnames live in (each hostname is the zone's apex or a name inside it). When
   * set, certificates are issued with DNS-01 instead of HTTP-01: cert-manager writes the ACME challenge's TXT record
   * into the zone as a managed identity of its own (workload identity, `DNS Zone Contributor` on the zone), so every
   * region gets its certificate even when a global edge sends the CA's HTTP request to one region only. Needed by a
   * multi-region environment behind an edge. The zone must exist; it is looked up, not created.
   */
  dnsZone: z
    .strictObject({
      /** Zone name, e.g. `shop.example.com`. */
      name: z.string().regex(DNS_ZONE_NAME_PATTERN, 'use the zone\'s DNS name, e.g. "shop.example.com" (lowercase labels, no trailing dot)'),
      /** Resource group of the zone. */
      resourceGroupName: z.string().min(1),
      /** Subscription of the zone; the deployment's subscription (the azurerm provider's) when unset. */
      subscriptionId: z.string().regex(GUID_PATTERN, "use the subscription ID (a GUID)").optional(),
    })
    .optional(),
  /** JWT authentication for services that ask for it. */
  jwt: z
    .strictObject({
      issuer: z.string().url(),
      audiences: z.array(z.string().min(1)).min(1),
      jwksUri: z.string().url(),
    })
    .optional(),
});

/** How testers reach a version users do not get: a header, a cookie or (blue-green preview only) a hostname. */
const versionMatchSchema = z.union([
  z.strictObject({ header: z.string(), value: z.string().optional() }),
  z.strictObject({ cookie: z.string(), value: z.string().optional() }),
  z.strictObject({ hostname: z.string() }),
]);

/**
 * A service's deployment strategy (see lib/workloads/deployment-strategy.ts and docs/deployment-strategies.md). The
 * shape is checked here; ranges, images and the rollout plan by the Microservice construct.
 */
export const strategySchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("rolling"),
    maxSurge: z.union([z.number(), z.string()]).optional(),
    maxUnavailable: z.union([z.number(), z.string()]).optional(),
    minReadySeconds: z.number().optional(),
    progressDeadlineSeconds: z.number().optional(),
  }),
  z.strictObject({ type: z.literal("recreate"), progressDeadlineSeconds: z.number().optional() }),
  z.strictObject({
    type: z.literal("blue-green"),
    slots: z.strictObject({ blue: z.string(), green: z.string() }),
    activeSlot: z.enum(["blue", "green"]),
    preview: versionMatchSchema.optional(),
    scaleDownIdle: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal("canary"),
    stable: z.string(),
    canary: z.string(),
    canaryWeight: z.number(),
    steps: z.array(z.number()).optional(),
    testers: versionMatchSchema.optional(),
  }),
  z.strictObject({
    type: z.literal("shadow"),
    stable: z.string(),
    shadow: z.string(),
    mirrorPercent: z.number(),
    methods: z.array(z.enum(HTTP_METHODS as [HttpMethod, ...HttpMethod[]])).optional(),
  }),
]);

/**
 * Environment-wide big bang: every service of the environment runs `<its image repository>:<release>` and switches in
 * one apply with Recreate semantics. Services then give `image` as a repository without a tag and no `strategy`.
 */
export const deploymentSchema = z.strictObject({
  strategy: z.literal("big-bang"),
  /** The release tag every service runs, e.g. `2026.03.1`; changing it releases (or rolls back) the whole application. */
  release: z.string(),
});

export const serviceSchema = z.strictObject({
  /**
   * Container image with a tag or digest; the repository only when the environment deploys big bang; unset when the
   * strategy carries the versions (blue-green, canary, shadow).
   */
  image: z.string().optional(),
  /** How new versions roll out; rolling (25% surge, none unavailable) when unset. */
  strategy: strategySchema.optional(),
  /** Container port. */
  port: z.number().int().optional(),
  /**
   * Path prefixes routed to the service, e.g. `/order`. Unset: a worker the gateway does not route to (a queue or
   * change-stream consumer); it gets no route, no gateway policies and no traffic-splitting strategy.
   */
  paths: z.array(z.string().regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/, "use an absolute path such as /order")).min(1, "list at least one path, or drop paths for a worker without a route").optional(),
  /** Replica range for the autoscaler. */
  replicas: z.strictObject({ min: z.number().int(), max: z.number().int() }).optional(),
  /** Load-balancing algorithm across the service's pods. */
  loadBalancing: z.enum(["round-robin", "least-connections", "ip-hash"]).optional(),
  /** Require a valid JWT from the gateway's issuer. */
  requireJwt: z.boolean().optional(),
  /** Requests per minute per client (by source IP) at the gateway. */
  rateLimitPerMinute: z.number().int().positive().optional(),
  /** Services this one calls (network policy allows the traffic). */
  calls: z.array(z.string()).optional(),
  /** Scale on the length of this Service Bus queue (KEDA) instead of CPU. */
  queueScaling: z.strictObject({ queue: z.string(), messagesPerReplica: z.number().int().positive().optional() }).optional(),
  /**
   * Consume the change stream of one captured table (`data.cdc.tables`): a consumer group named after the service on
   * the table's hub, receive rights, checkpoints in the region's storage, and KEDA scaling on the consumer lag
   * (unprocessed events per replica, default 64) instead of CPU. A consumer is a worker (no `paths`): change streams run
   * in the primary region only.
   */
  consumesChanges: z
    .strictObject({
      table: z.string(),
      eventsPerReplica: z.number().int().positive().optional(),
    })
    .optional(),
  /** Data the service reads or writes; grants its workload identity the matching roles. */
  uses: z
    .strictObject({
      keyVaultSecrets: z.boolean().optional(),
      redis: z.boolean().optional(),
      sendsTo: z.array(z.string()).optional(),
      receivesFrom: z.array(z.string()).optional(),
      blobContainers: z.array(z.string()).optional(),
    })
    .optional(),
  /** Critical services get a higher priority class (they keep running when the cluster is short of capacity). */
  critical: z.boolean().optional(),
});

/** One service of a team. */
export type ServiceConfig = z.infer<typeof serviceSchema>;
/** A service's deployment strategy. */
export type StrategyConfig = z.infer<typeof strategySchema>;
/** The environment-wide big-bang release. */
export type DeploymentConfig = z.infer<typeof deploymentSchema>;
/** The shared gateway of an environment. */
export type GatewayConfig = z.infer<typeof gatewaySchema>;

/** The service records the cross-checks need. */
export interface TeamServices {
  readonly name: string;
  readonly services?: Readonly<Record<string, ServiceConfig>>;
}

/**
 * Cross-checks of the apps config: gateway hostnames inside the gateway's DNS zone, service names unique across teams,
 * `calls` naming existing services, queue references naming existing queues, JWT only with an issuer configured, no
 * two services claiming the same path, and one strategy per service (its versions given once: `image` or the
 * strategy's; no own strategy under an environment-wide big bang).
 */
export function validateAppsConfig(
  root: string,
  teams: readonly TeamServices[],
  gateway: GatewayConfig | undefined,
  queues: ReadonlySet<string>,
  containers: ReadonlySet<string>,
  deployment?: DeploymentConfig,
  cdcTables: ReadonlySet<string> = new Set(),
): void {
  if (gateway) validateGatewayZone(root, gateway);
  const owners = new Map<string, string>();
  const paths = new Map<string, string>();
  for (const [t, team] of teams.entries()) {
    for (const [name, service] of Object.entries(team.services ?? {})) {
      const at = `${root}.teams[${t}].services.${name}`;
      if (owners.has(name)) {
        throw new ValidationError(at, `is already a service of team ${owners.get(name)}`, name, "give every service of the environment its own name");
      }
      owners.set(name, team.name);
      validateWorker(at, service);
      if (service.consumesChanges) {
        const changes = service.consumesChanges;
        if (service.queueScaling) {
          throw new ValidationError(`${at}.consumesChanges`, "is set together with queueScaling: a service scales on one signal", changes.table, "scale on the change stream's lag or on the queue's length, not both");
        }
        if (service.paths) {
          throw new ValidationError(`${at}.paths`, "are set on a change-stream consumer, which runs only where the stream runs (the primary region), while routed services run in every region", service.paths, "make the consumer a worker without paths, or split it into a routed service and a worker");
        }
        if (!cdcTables.has(changes.table)) {
          throw new ValidationError(`${at}.consumesChanges.table`, "is not a captured table", changes.table, cdcTables.size > 0 ? `use one of data.cdc.tables (${[...cdcTables].join(", ")})` : "capture it first: add data.cdc with this table");
        }
      }
      for (const [i, path] of (service.paths ?? []).entries()) {
        const normalised = path.replace(/\/+$/, "") || "/";
        if (paths.has(normalised)) {
          throw new ValidationError(`${at}.paths[${i}]`, `is already routed to ${paths.get(normalised)}`, path, "route each path prefix to one service");
        }
        paths.set(normalised, name);
      }
      validateServiceStrategy(root, at, service, deployment);
      if (service.requireJwt && !gateway?.jwt) {
        throw new ValidationError(`${at}.requireJwt`, "needs a JWT issuer", true, "configure apps.gateway.jwt (issuer, audiences, jwksUri)");
      }
      const queueRefs = [...(service.uses?.sendsTo ?? []).map((q, i) => [`uses.sendsTo[${i}]`, q]), ...(service.uses?.receivesFrom ?? []).map((q, i) => [`uses.receivesFrom[${i}]`, q])];
      if (service.queueScaling) queueRefs.push(["queueScaling.queue", service.queueScaling.queue]);
      for (const [field, queue] of queueRefs) {
        if (!queues.has(queue)) {
          throw new ValidationError(`${at}.${field}`, "names a queue that does not exist", queue, `use one of data.serviceBus.queues (${[...queues].join(", ") || "none defined"})`);
        }
      }
      for (const [i, container] of (service.uses?.blobContainers ?? []).entries()) {
        if (!containers.has(container)) {
          throw new ValidationError(`${at}.uses.blobContainers[${i}]`, "names a container that does not exist", container, `use one of data.storage.containers (${[...containers].join(", ") || "none defined"})`);
        }
      }
    }
  }
  for (const [t, team] of teams.entries()) {
    for (const [name, service] of Object.entries(team.services ?? {})) {
      for (const [i, callee] of (service.calls ?? []).entries()) {
        if (!owners.has(callee)) {
          throw new ValidationError(`${root}.teams[${t}].services.${name}.calls[${i}]`, "names a service that does not exist", callee, `use one of ${[...owners.keys()].join(", ")}`);
        }
      }
    }
  }
}

/**
 * DNS-01 proves control of a hostname with a TXT record in the gateway's zone, so every hostname (a wildcard's base
 * included) must be the zone's apex or inside it.
 */
function validateGatewayZone(root: string, gateway: GatewayConfig): void {
  const zone = gateway.dnsZone;
  if (!zone) return;
  validateResourceName(`${root}.gateway.dnsZone.resourceGroupName`, "resource_group", zone.resourceGroupName);
  gateway.hostnames.forEach((hostname, i) => {
    const base = hostname.replace(/^\*\./, "");
    // A malformed hostname is the gateway's to report, with the rule for hostnames.
    if (!DNS_ZONE_NAME_PATTERN.test(base)) return;
    if (base !== zone.name && !base.endsWith(`.${zone.name}`)) {
      throw new ValidationError(
        `${root}.gateway.hostnames[${i}]`,
        `is outside the gateway's DNS zone ${JSON.stringify(zone.name)} (gateway.dnsZone.name), where cert-manager writes the DNS-01 challenge records`,
        hostname,
        `use ${zone.name} or a name under it, or set gateway.dnsZone to the zone that holds this hostname`,
      );
    }
  });
}

/** What only a routed service can have: a worker (no `paths`) has no route to split, authenticate or rate-limit. */
function validateWorker(at: string, service: ServiceConfig): void {
  if (service.paths !== undefined) return;
  const routed: Array<[string, unknown]> = [
    ["loadBalancing", service.loadBalancing],
    ["requireJwt", service.requireJwt],
    ["rateLimitPerMinute", service.rateLimitPerMinute],
  ];
  for (const [field, value] of routed) {
    if (value !== undefined) throw new ValidationError(`${at}.${field}`, "applies at the gateway, and the service has no paths (a worker without a route)", value, "give the service paths, or drop the field");
  }
  const type = service.strategy?.type;
  if (type === "blue-green" || type === "canary" || type === "shadow") {
    throw new ValidationError(`${at}.strategy`, `splits or mirrors traffic at the gateway, and the service has no paths (a worker without a route)`, type, "give the service paths, or use a rolling or recreate strategy");
  }
}

/** A service runs one strategy: its versions come from `image` or from the strategy, and big bang leaves no choice. */
function validateServiceStrategy(root: string, at: string, service: ServiceConfig, deployment: DeploymentConfig | undefined): void {
  const strategy = service.strategy;
  if (deployment && strategy) {
    throw new ValidationError(
      `${at}.strategy`,
      `is set while the environment deploys big bang (${root}.deployment: every service switches to release ${JSON.stringify(deployment.release)} at once): a service runs one strategy`,
      strategy.type,
      "drop the service's strategy, or the environment's big-bang deployment",
    );
  }
  if (strategy && carriesVersions(strategy) && service.image !== undefined) {
    throw new ValidationError(
      `${at}.image`,
      `is set together with the ${strategy.type} strategy, which carries the service's versions (${Object.keys(strategyImages(strategy)).join(", ")}): a service runs one strategy`,
      service.image,
      "drop image and keep the versions in the strategy, or use a rolling or recreate strategy with image",
    );
  }
  if (service.image === undefined && !carriesVersions(strategy)) {
    throw new ValidationError(`${at}.image`, "is missing", undefined, deployment ? "give the image repository; the environment's release is its tag" : "give the container image, or a blue-green, canary or shadow strategy that carries the versions");
  }
}
