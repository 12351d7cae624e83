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
});

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
    })
    .optional(),
  teams: z.array(teamSchema).optional(),
  /** Data stores, brokers and event routes (see data-config.ts). */
  data: dataSchema.optional(),
  /** The shared gateway in front of the teams' services (see apps-config.ts). */
  gateway: gatewaySchema.optional(),
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
  if ((mode === "active-active" || mode === "active-passive") && config.regions.length < 2) {
    throw new ValidationError(at("failoverMode"), `needs at least two regions`, mode, `add a second region (e.g. the pair of ${config.regions[0].name}) or drop failoverMode`);
  }
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
  validateAppsConfig(root, teams, config.gateway, new Set(Object.keys(config.data?.serviceBus?.queues ?? {})), new Set(config.data?.storage?.containers ?? []), config.deployment);
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

/** Namespaces the cluster add-ons of the apps stack install into; no team may claim them. */
export const PLATFORM_NAMESPACES: readonly string[] = ["cert-manager", "envoy-gateway-system"];

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
