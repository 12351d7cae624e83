import { z } from "zod";
import { assertNoOverlap } from "../../lib/core/cidr";
import { ValidationError } from "../../lib/core/errors";
import { GUID_PATTERN } from "../../lib/core/validate";
import { deploymentSchema, gatewaySchema, serviceName, serviceSchema, validateAppsConfig } from "./apps-config";
import { dataSchema, validateDataConfig } from "./data-config";
import { validateResourceName } from "../../lib/core/naming";
import { isKnownRegion, region as lookupRegion } from "../../lib/core/regions";
import type { ContainerLimitRange, NamespaceQuota } from "../../lib/workloads/team-namespace";

/**
 * The typed, validated description of one environment. Everything a blueprint builds comes from here; a team's fork
 * changes a few fields. Parse untrusted input with {@link parseEnvironmentConfig}: it fails at synth time with the
 * field path, the value given and what is allowed.
 */

const NAME = /^[a-z][a-z0-9]{0,9}$/;
const WORKLOAD = /^[a-z][a-z0-9]{1,15}$/;

const nodePoolSchema = z.strictObject({
  kind: z.enum(["general", "gpu", "spot"]).optional(),
  vmSize: z.string().optional(),
  minCount: z.number().int().optional(),
  maxCount: z.number().int().optional(),
  zones: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  taints: z.array(z.string()).optional(),
  maxPods: z.number().int().optional(),
  osDiskSizeGb: z.number().int().optional(),
  osSku: z.enum(["AzureLinux", "Ubuntu"]).optional(),
  maxSurge: z.string().optional(),
  spotEvictionPolicy: z.enum(["Delete", "Deallocate"]).optional(),
  spotMaxPrice: z.number().optional(),
  gpuDriver: z.enum(["Install", "None"]).optional(),
});

const apiServerSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("private") }),
  z.strictObject({ mode: z.literal("public"), authorizedIpRanges: z.array(z.string()).min(1, "list at least one CIDR") }),
]);

const regionSchema = z.strictObject({
  /** Programmatic Azure region name. */
  name: z.string(),
  /** Address space of the region's network; regions of one environment must not overlap. */
  addressSpace: z.string(),
  /** Share of traffic under `active-active`, 1–1000 (Front Door origin weight); default 1000 (equal shares). */
  weight: z.number().int().optional(),
  /** Origin priority under `active-passive`, 1–5 (1 serves first); default the region's position (1, 2, …). */
  priority: z.number().int().optional(),
});

/** Caching of the global edge: long-lived static assets, and GET APIs whose answers may be shared. */
const edgeCachingSchema = z.strictObject({
  /** Path patterns of static assets, cached for `staticTtlDays` and compressed; default `/static/*`, `/assets/*`. */
  staticPaths: z.array(z.string()).optional(),
  /** How long the edge keeps static assets; default 7 days. */
  staticTtlDays: z.number().int().optional(),
  /** Path patterns of cacheable GET APIs, cached per full query string; default none. */
  apiPaths: z.array(z.string()).optional(),
  /** How long the edge keeps API answers; default 60 seconds. */
  apiTtlSeconds: z.number().int().optional(),
});

/** The global entry point in front of the regional gateways (the `<env>-global` stack). */
const edgeSchema = z.discriminatedUnion("type", [
  z.strictObject({
    /** Azure Front Door: anycast edge with CDN caching, WAF and origin failover. */
    type: z.literal("front-door"),
    /** `Premium` adds managed WAF rule sets, bot protection and Private Link origins; default per preset. */
    sku: z.enum(["Standard", "Premium"]).optional(),
    /** WAF mode; default `Prevention` on staging and prod, `Detection` on dev. */
    wafMode: z.enum(["Prevention", "Detection"]).optional(),
    /** Requests per minute one client address may send before the WAF blocks it; default 1000. */
    rateLimitPerMinute: z.number().int().optional(),
    /** Serve the gateway's hostnames as Front Door custom domains with managed certificates; default true. */
    customDomains: z.boolean().optional(),
    /** Path Front Door probes on each regional gateway (answered by the gateway itself); default `/healthz`. */
    probePath: z.string().optional(),
    caching: edgeCachingSchema.optional(),
    /**
     * Region of the global stack's resource group and logs, and part of the edge's resource names; default the last
     * region. Pin it before reordering `regions`: a new home region renames, and so replaces, the edge.
     */
    homeRegion: z.string().optional(),
  }),
  z.strictObject({
    /** Azure Traffic Manager: DNS-level failover, no caching or WAF; clients connect to the regional gateways. */
    type: z.literal("traffic-manager"),
    /** Routing method; default `Priority` for active-passive, `Weighted` for active-active. */
    routing: z.enum(["Priority", "Weighted", "Performance"]).optional(),
    /** DNS TTL of the answers, which bounds how fast clients move after a failover; default 30 seconds. */
    dnsTtlSeconds: z.number().int().optional(),
    /** Path Traffic Manager probes on each regional gateway; default `/healthz`. */
    probePath: z.string().optional(),
    /** Region of the global stack's resource group and logs; default the last region (see the Front Door variant). */
    homeRegion: z.string().optional(),
  }),
  z.strictObject({
    /** No global entry point: clients use the regional gateways directly. */
    type: z.literal("none"),
  }),
]);

const entraGroupIds = z.array(z.string().regex(GUID_PATTERN, "use an Entra ID group object ID (a GUID)"));
const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "use 1-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (RFC 1123 label)");

/** The ResourceQuota of a team's namespaces; the fields and defaults of `NamespaceQuota` (lib/workloads/team-namespace.ts). */
const teamQuotaSchema: z.ZodType<NamespaceQuota, NamespaceQuota> = z.strictObject({
  requestsCpu: z.string().min(1).optional(),
  requestsMemory: z.string().min(1).optional(),
  limitsMemory: z.string().min(1).optional(),
  limitsCpu: z.string().min(1).optional(),
  pods: z.number().int().optional(),
  services: z.number().int().optional(),
  loadBalancers: z.number().int().optional(),
  persistentVolumeClaims: z.number().int().optional(),
});

/** The LimitRange of a team's namespaces; the fields and defaults of `ContainerLimitRange` (lib/workloads/team-namespace.ts). */
const teamLimitsSchema: z.ZodType<ContainerLimitRange, ContainerLimitRange> = z.strictObject({
  defaultRequestCpu: z.string().min(1).optional(),
  defaultRequestMemory: z.string().min(1).optional(),
  defaultLimitMemory: z.string().min(1).optional(),
  maxMemory: z.string().min(1).optional(),
  maxCpu: z.string().min(1).optional(),
});

const teamSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, "use 2-32 lowercase letters, digits and hyphens"),
  /** Cost center of the team's resources; defaults to the environment's. */
  costCenter: z.string().min(1).max(256).optional(),
  /** The team's services; each runs in the team's namespace. */
  services: z.record(serviceName, serviceSchema).optional(),
  /** Kubernetes namespaces the team owns, its services' namespace first; defaults to `[name]`. */
  namespaces: z.array(namespaceName).min(1, "name at least one namespace, or drop the field to use the team name").optional(),
  /** The namespaces already exist in the clusters (created outside these stacks): they are adopted, not created. */
  existingNamespace: z.boolean().optional(),
  /** Entra ID groups mapped to Kubernetes roles on the team's namespaces through Azure RBAC. */
  entraGroups: z
    .strictObject({
      /** `Azure Kubernetes Service RBAC Admin` on each namespace: everything in it, including Roles and RoleBindings. */
      admins: entraGroupIds.optional(),
      /** `Azure Kubernetes Service RBAC Writer`: read and write workloads, no roles or role bindings. */
      developers: entraGroupIds.optional(),
      /** `Azure Kubernetes Service RBAC Reader`: read most objects, no secrets. */
      readers: entraGroupIds.optional(),
    })
    .optional(),
  /** ResourceQuota of each of the team's namespaces. */
  quota: teamQuotaSchema.optional(),
  /** LimitRange (container defaults and maximums) of each of the team's namespaces. */
  containerLimits: teamLimitsSchema.optional(),
});

const environmentSchema = z.strictObject({
  name: z.string().regex(NAME, "use 1-10 lowercase letters and digits, starting with a letter"),
  workload: z.string().regex(WORKLOAD, "use 2-16 lowercase letters and digits, starting with a letter"),
  preset: z.enum(["dev", "staging", "prod"]),
  regions: z.array(regionSchema).min(1, "name at least one region").max(8, "at most 8 regions"),
  failoverMode: z.enum(["active-active", "active-passive", "backup-restore"]).optional(),
  ownerTeam: z.string().min(1).max(256),
  costCenter: z.string().min(1).max(256),
  naming: z.strictObject({ uniqueSeed: z.string().min(1).max(64).optional() }).optional(),
  backend: z
    .strictObject({
      resourceGroupName: z.string(),
      storageAccountName: z.string(),
      containerName: z.string().regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, "use 3-63 lowercase letters, digits and single hyphens"),
      subscriptionId: z.string().regex(GUID_PATTERN, "use a subscription ID (a GUID)").optional(),
      tenantId: z.string().regex(GUID_PATTERN, "use a tenant ID (a GUID)").optional(),
    })
    .optional(),
  aks: z
    .strictObject({
      skuTier: z.enum(["Free", "Standard", "Premium"]).optional(),
      kubernetesVersion: z.string().optional(),
      apiServer: apiServerSchema.optional(),
      adminGroupObjectIds: z.array(z.string().regex(GUID_PATTERN, "use an Entra ID object ID (a GUID)")).optional(),
      networkPolicy: z.enum(["cilium", "azure", "calico"]).optional(),
      serviceCidr: z.string().optional(),
      podCidr: z.string().optional(),
      systemPool: z
        .strictObject({ vmSize: z.string().optional(), minCount: z.number().int().optional(), maxCount: z.number().int().optional() })
        .optional(),
      nodePools: z.record(z.string(), nodePoolSchema).optional(),
    })
    .optional(),
  monitoring: z
    .strictObject({
      logRetentionDays: z.number().int().optional(),
      prometheus: z.boolean().optional(),
      grafanaAdminObjectIds: z.array(z.string().regex(GUID_PATTERN, "use an Entra ID object ID (a GUID)")).optional(),
      /** Addresses the platform's alerts (change data capture lag and WAL size, …) e-mail; none means silent alerts. */
      alertEmails: z.array(z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "use an e-mail address such as oncall@example.com")).min(1, "list at least one address, or drop the field").optional(),
    })
    .optional(),
  teams: z.array(teamSchema).optional(),
  /** Data stores, brokers and event routes (see data-config.ts). */
  data: dataSchema.optional(),
  /** The shared gateway in front of the teams' services (see apps-config.ts). */
  gateway: gatewaySchema.optional(),
  /**
   * The global entry point over the regional gateways; default Front Door when the gateway is public, none otherwise.
   */
  edge: edgeSchema.optional(),
  /**
   * Environment-wide big bang: all services switch to one release at once (see apps-config.ts). Unset: each service
   * deploys with its own strategy.
   */
  deployment: deploymentSchema.optional(),
});

/** One environment: name, regions (primary first), failover mode, preset and overrides. */
export type EnvironmentConfig = z.input<typeof environmentSchema>;
/** One region of an environment. */
export type RegionConfig = z.infer<typeof regionSchema>;
/** A team that owns services in the environment. */
export type TeamConfig = z.infer<typeof teamSchema>;
/** The sizing preset an environment starts from. */
export type PresetName = EnvironmentConfig["preset"];
/** How an environment survives the loss of a region. */
export type FailoverMode = NonNullable<EnvironmentConfig["failoverMode"]>;
/** Where the environment keeps its Terraform state. */
export type BackendConfig = NonNullable<EnvironmentConfig["backend"]>;
/** The global entry point of an environment. */
export type EdgeConfig = z.infer<typeof edgeSchema>;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`), root);
}

/**
 * Validates an environment config: its shape (unknown keys are errors, so a misspelt field never goes unnoticed),
 * then the rules across fields (known regions, no duplicate regions, non-overlapping address spaces, failover mode
 * against region count, a remote backend for production). Returns the config unchanged when valid.
 */
export function parseEnvironmentConfig(input: unknown, root = "environment"): EnvironmentConfig {
  const result = environmentSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    if (issue.code === "unrecognized_keys") {
      throw new ValidationError(formatPath(root, [...issue.path, issue.keys[0]]), "is not a known field", issue.keys[0], issue.message);
    }
    if (issue.code === "invalid_key") {
      // A record key (a queue or hub name) broke its rule: report the key and the rule, not the record's value.
      const key = issue.path[issue.path.length - 1];
      throw new ValidationError(formatPath(root, issue.path), "is not a valid name", key, issue.issues[0]?.message ?? issue.message);
    }
    throw new ValidationError(formatPath(root, issue.path), "is invalid", valueAt(input, issue.path), issue.message);
  }
  const config = result.data;
  const at = (suffix: string) => `${root}.${suffix}`;

  config.regions.forEach((r, i) => {
    if (!isKnownRegion(r.name)) lookupRegion(r.name, at(`regions[${i}].name`));
  });
  const seen = new Map<string, number>();
  config.regions.forEach((r, i) => {
    if (seen.has(r.name)) {
      throw new ValidationError(at(`regions[${i}].name`), `repeats regions[${seen.get(r.name)}]`, r.name, "list each region once");
    }
    seen.set(r.name, i);
  });
  assertNoOverlap(config.regions.map((r, i) => ({ path: at(`regions[${i}].addressSpace`), cidr: r.addressSpace })));

  const mode = config.failoverMode ?? (config.regions.length > 1 ? "active-passive" : undefined);
  if (mode !== undefined && config.regions.length < 2) {
    throw new ValidationError(at("failoverMode"), `needs at least two regions`, mode, `add a second region (e.g. the pair of ${config.regions[0].name}) or drop failoverMode`);
  }
  validateFailover(root, config, mode);
  if (config.preset === "prod" && !config.backend) {
    throw new ValidationError(at("backend"), "is missing for a production environment", undefined, "name the azurerm backend (resource group, storage account, container) that holds the state");
  }
  if (config.backend) {
    validateResourceName(at("backend.resourceGroupName"), "resource_group", config.backend.resourceGroupName);
    validateResourceName(at("backend.storageAccountName"), "storage_account", config.backend.storageAccountName);
  }
  if (config.data) validateDataConfig(config.data, root);
  const teams = config.teams ?? [];
  if (teams.some((t) => Object.keys(t.services ?? {}).length > 0) && !config.gateway) {
    throw new ValidationError(at("gateway"), "is missing while teams run services", undefined, "configure the gateway (hostnames, acmeEmail)");
  }
  validateAppsConfig(root, teams, config.gateway, new Set(Object.keys(config.data?.serviceBus?.queues ?? {})), new Set(config.data?.storage?.containers ?? []), config.deployment, new Set(config.data?.cdc?.tables ?? []));
  const teamNames = new Map<string, number>();
  (config.teams ?? []).forEach((t, i) => {
    if (teamNames.has(t.name)) {
      throw new ValidationError(at(`teams[${i}].name`), `repeats teams[${teamNames.get(t.name)}]`, t.name, "give every team its own name");
    }
    teamNames.set(t.name, i);
  });
  validateTeamNamespaces(root, config.teams ?? []);
  return config;
}

/**
 * The rules of failover and the edge across fields: weights only under active-active (1–1000), priorities only under
 * active-passive (1–5, the primary first), zones in every region of a staging or production environment (its pools and
 * data stores are zonal), and an edge whose origins exist (a public gateway).
 */
function validateFailover(root: string, config: z.infer<typeof environmentSchema>, mode: FailoverMode | undefined): void {
  const at = (suffix: string) => `${root}.${suffix}`;
  config.regions.forEach((r, i) => {
    if (r.weight !== undefined) {
      if (mode !== "active-active") {
        throw new ValidationError(at(`regions[${i}].weight`), `only applies under failoverMode "active-active" (the mode is ${mode === undefined ? "unset" : `"${mode}"`})`, r.weight, 'drop the weight, or set failoverMode "active-active"');
      }
      if (r.weight < 1 || r.weight > 1000) {
        throw new ValidationError(at(`regions[${i}].weight`), "is outside the weights Front Door and Traffic Manager accept", r.weight, "use 1 to 1000");
      }
    }
    if (r.priority !== undefined) {
      if (mode !== "active-passive") {
        throw new ValidationError(at(`regions[${i}].priority`), `only applies under failoverMode "active-passive" (the mode is ${mode === undefined ? "unset" : `"${mode}"`})`, r.priority, 'drop the priority, or set failoverMode "active-passive"');
      }
      if (r.priority < 1 || r.priority > 5) {
        throw new ValidationError(at(`regions[${i}].priority`), "is outside the origin priorities Front Door accepts", r.priority, "use 1 to 5 (1 serves first)");
      }
    }
  });
  if (mode === "active-passive") {
    const priorities = config.regions.map((r, i) => ({ i, priority: r.priority ?? i + 1 }));
    const first = priorities[0].priority;
    const before = priorities.find((p) => p.i > 0 && p.priority <= first);
    if (before) {
      throw new ValidationError(at(`regions[${before.i}].priority`), `serves before or with the primary region (priority ${first}), which holds the writable database`, before.priority, `use a priority above ${first}, or list this region first`);
    }
    const beyond = priorities.find((p) => p.priority > 5);
    if (beyond) {
      throw new ValidationError(at(`regions[${beyond.i}].priority`), "defaults to the region's position, beyond the 5 origin priorities Front Door has", beyond.priority, `set priorities of 1 to 5 explicitly${config.edge?.type === "traffic-manager" ? "" : " (regions may share one)"}`);
    }
  }
  if (mode === "active-active" && config.data?.postgres?.enabled !== false) {
    throw new ValidationError(
      at("failoverMode"),
      "serves writes in every region, and PostgreSQL is writable in the primary region only: the other regions hold read replicas, with no private path from them to the primary",
      mode,
      'use "active-passive", or run active-active without PostgreSQL (data.postgres.enabled: false)',
    );
  }
  if (config.preset !== "dev") {
    config.regions.forEach((r, i) => {
      if (isKnownRegion(r.name) && lookupRegion(r.name).zones.length === 0) {
        throw new ValidationError(at(`regions[${i}].name`), `has no availability zones, which the ${config.preset} preset requires for its node pools and data stores`, r.name, `choose a region with zones (e.g. ${lookupRegion(r.name).pairedRegion ?? "westeurope"}'s pair with zones), or use the dev preset`);
      }
    });
  }
  const edge = config.edge;
  const publicGateway = config.gateway !== undefined && (config.gateway.exposure ?? "public") === "public";
  if ((edge && edge.type !== "none") || (!edge && publicGateway)) {
    const hostnames = config.gateway?.hostnames ?? [];
    if (config.gateway && (hostnames.length !== 1 || hostnames[0].startsWith("*."))) {
      throw new ValidationError(at("gateway.hostnames"), `must be exactly one hostname without a wildcard behind the global edge${edge ? "" : " (Front Door, the default for a public gateway)"}: the edge forwards every request to the gateways under one host name`, hostnames, 'use one hostname (e.g. ["shop.example.com"]), or set edge { type: "none" }');
    }
  }
  const servingRegions = mode === "backup-restore" ? 1 : config.regions.length;
  if (publicGateway && servingRegions > 1 && config.gateway && !config.gateway.dnsZone) {
    const via = !edge ? "Front Door (the default for a public gateway)" : edge.type === "none" ? "the hostname's DNS record" : `the ${edge.type} edge`;
    throw new ValidationError(
      at("gateway.dnsZone"),
      `is missing: through ${via} an HTTP-01 challenge reaches one region only, so the other regions' gateways would never get their certificates`,
      undefined,
      "name the Azure DNS zone of the gateway's hostname ({ name, resourceGroupName }): every region then gets its certificate over DNS-01",
    );
  }
  if (edge && edge.type !== "none") {
    if (!config.gateway) {
      throw new ValidationError(at("edge"), "has no origins: the environment runs no gateway", edge.type, 'configure the gateway, or set edge { type: "none" }');
    }
    if ((config.gateway.exposure ?? "public") !== "public") {
      throw new ValidationError(at("edge"), `needs public regional gateways as origins, and gateway.exposure is "${config.gateway.exposure}"`, edge.type, 'set gateway.exposure "public" (Front Door origins can also be reached through Private Link with the FrontDoor construct), or set edge { type: "none" }');
    }
    if (edge.probePath !== undefined && !/^\/[A-Za-z0-9._~\/-]{0,255}$/.test(edge.probePath)) {
      throw new ValidationError(at("edge.probePath"), "is not an absolute path", edge.probePath, 'use a path such as "/healthz"');
    }
  }
  if (edge?.type === "front-door") {
    if (edge.rateLimitPerMinute !== undefined && (edge.rateLimitPerMinute < 1 || edge.rateLimitPerMinute > 1000000)) {
      throw new ValidationError(at("edge.rateLimitPerMinute"), "is outside what a rate-limit rule accepts", edge.rateLimitPerMinute, "use 1 to 1000000 requests per minute");
    }
  }
  if (edge && edge.type !== "none" && edge.homeRegion !== undefined && !config.regions.some((r) => r.name === edge.homeRegion)) {
    throw new ValidationError(at("edge.homeRegion"), "is not one of the environment's regions", edge.homeRegion, `use one of ${config.regions.map((r) => r.name).join(", ")}`);
  }
  if (edge?.type === "traffic-manager" && (edge.routing ?? "Priority") === "Priority" && mode === "active-passive") {
    const seen = new Map<number, number>();
    config.regions.forEach((r, i) => {
      const priority = r.priority ?? i + 1;
      if (seen.has(priority)) {
        throw new ValidationError(at(`regions[${i}].priority`), `repeats regions[${seen.get(priority)}]'s priority, and Traffic Manager needs one priority per endpoint`, priority, "give every region its own priority");
      }
      seen.set(priority, i);
    });
  }
  if (edge?.type === "traffic-manager") {
    if ((edge.routing === "Weighted" || edge.routing === "Performance") && mode !== "active-active") {
      throw new ValidationError(at("edge.routing"), `spreads traffic over every region, which failoverMode ${mode === undefined ? "(unset)" : `"${mode}"`} does not run`, edge.routing, 'use "Priority", or set failoverMode "active-active"');
    }
    if (edge.routing === "Priority" && mode === "active-active") {
      throw new ValidationError(at("edge.routing"), 'sends all traffic to one region, which contradicts failoverMode "active-active"', edge.routing, 'use "Weighted" or "Performance"');
    }
    if (edge.dnsTtlSeconds !== undefined && (edge.dnsTtlSeconds < 0 || edge.dnsTtlSeconds > 2147483647)) {
      throw new ValidationError(at("edge.dnsTtlSeconds"), "is outside the TTLs Traffic Manager accepts", edge.dnsTtlSeconds, "use 0 to 2147483647 seconds (30 to 60 keeps failover fast)");
    }
  }
}

/** Namespaces the cluster add-ons, the gateway and Debezium run in; no team may claim them. */
export const PLATFORM_NAMESPACES: readonly string[] = ["cert-manager", "envoy-gateway-system", "ingress", "cdc"];

/** The namespaces a team owns: the ones it lists, or one named after the team. */
export function teamNamespaces(team: Pick<TeamConfig, "name" | "namespaces">): readonly string[] {
  return team.namespaces ?? [team.name];
}

/**
 * Every namespace has one owning team: a namespace claimed twice (by two teams, or twice by one) would receive two
 * teams' quotas and role assignments. Reserved namespaces (`default`, `kube-*`, the add-ons') belong to no team.
 */
function validateTeamNamespaces(root: string, teams: readonly TeamConfig[]): void {
  const owners = new Map<string, { team: string; index: number }>();
  teams.forEach((team, t) => {
    teamNamespaces(team).forEach((namespace, n) => {
      const at = team.namespaces ? `${root}.teams[${t}].namespaces[${n}]` : `${root}.teams[${t}].name`;
      const defaulted = team.namespaces ? "" : " (the team's default namespace)";
      if (namespace === "default" || namespace.startsWith("kube-") || PLATFORM_NAMESPACES.includes(namespace)) {
        throw new ValidationError(at, `is a namespace reserved for Kubernetes or the platform${defaulted}`, namespace, `choose a namespace that is not "default", does not start with "kube-" and is none of ${PLATFORM_NAMESPACES.join(", ")}`);
      }
      const owner = owners.get(namespace);
      if (owner) {
        const by = owner.index === t ? "this team already" : `team ${owner.team} (teams[${owner.index}])`;
        throw new ValidationError(at, `is a namespace already claimed by ${by}${defaulted}`, namespace, "give every namespace one owning team: rename one, or list it under one team's namespaces");
      }
      owners.set(namespace, { team: team.name, index: t });
    });
    for (const role of ["admins", "developers", "readers"] as const) {
      const seen = new Map<string, number>();
      (team.entraGroups?.[role] ?? []).forEach((group, g) => {
        const key = group.toLowerCase();
        if (seen.has(key)) {
          throw new ValidationError(`${root}.teams[${t}].entraGroups.${role}[${g}]`, `repeats entraGroups.${role}[${seen.get(key)}]`, group, "list each group once per role");
        }
        seen.set(key, g);
      });
    }
  });
}
