import type { AksClusterProps } from "../../lib/aks/aks-cluster";
import type { NodePoolOptions } from "../../lib/aks/node-pool";
import type { StandardTags } from "../../lib/core/tags";
import { ValidationError } from "../../lib/core/errors";
import { MAX_READ_REPLICAS } from "../../lib/data/postgresql-flexible-server";
import { BackendConfig, EdgeConfig, EnvironmentConfig, FailoverMode, parseEnvironmentConfig, PresetName, RegionConfig, TeamConfig, teamNamespaces } from "./environment-config";
import type { DeploymentConfig, GatewayConfig } from "./apps-config";
import type { DataConfig } from "./data-config";
import { DataPreset, PRESETS } from "./presets";

/** AKS settings of an environment after the preset and the overrides are merged. */
export type ResolvedAksSettings = Pick<
  AksClusterProps,
  "skuTier" | "kubernetesVersion" | "automaticUpgradeChannel" | "apiServer" | "adminGroupObjectIds" | "networkPolicy" | "serviceCidr" | "podCidr" | "systemPool" | "requireZonalPools"
> & { readonly nodePools: Readonly<Record<string, NodePoolOptions>> };

/** An environment with every default filled in: what the blueprints build from. */
export interface ResolvedEnvironment {
  readonly name: string;
  readonly workload: string;
  readonly preset: PresetName;
  /** Regions, primary first. */
  readonly regions: readonly RegionConfig[];
  /** Failover mode; single-region environments have none. */
  readonly failoverMode?: FailoverMode;
  readonly uniqueSeed: string;
  readonly tags: StandardTags;
  readonly backend?: BackendConfig;
  readonly aks: ResolvedAksSettings;
  readonly monitoring: {
    readonly logRetentionDays: number;
    readonly prometheus: boolean;
    readonly grafanaZoneRedundant: boolean;
    readonly grafanaAdminObjectIds: readonly string[];
    /** Addresses the platform's alerts e-mail; empty when alerts notify nobody. */
    readonly alertEmails: readonly string[];
  };
  readonly teams: readonly ResolvedTeam[];
  readonly data: ResolvedData;
  /** The shared gateway; undefined when no team runs services. */
  readonly gateway?: GatewayConfig;
  /** The environment-wide big-bang release; undefined when each service deploys with its own strategy. */
  readonly deployment?: DeploymentConfig;
  /** The global entry point (the `<env>-global` stack); undefined when there is none. */
  readonly edge?: ResolvedEdge;
}

/** Front Door with every default filled in. */
export interface ResolvedFrontDoorEdge {
  readonly type: "front-door";
  /** Region of the global stack's resource group and logs. */
  readonly homeRegion: string;
  readonly sku: "Standard" | "Premium";
  readonly wafMode: "Prevention" | "Detection";
  readonly rateLimitPerMinute: number;
  readonly customDomains: boolean;
  readonly probePath: string;
  readonly caching: { readonly staticPaths: readonly string[]; readonly staticTtlDays: number; readonly apiPaths: readonly string[]; readonly apiTtlSeconds: number };
}

/** Traffic Manager with every default filled in. */
export interface ResolvedTrafficManagerEdge {
  readonly type: "traffic-manager";
  /** Region of the global stack's resource group and logs. */
  readonly homeRegion: string;
  readonly routing: "Priority" | "Weighted" | "Performance";
  readonly dnsTtlSeconds: number;
  readonly probePath: string;
}

/** The global entry point of an environment. */
export type ResolvedEdge = ResolvedFrontDoorEdge | ResolvedTrafficManagerEdge;

/** The path every global probe asks the regional gateways for. */
export const DEFAULT_PROBE_PATH = "/healthz";

function resolveEdge(config: EnvironmentConfig, preset: (typeof PRESETS)[PresetName], mode: FailoverMode | undefined): ResolvedEdge | undefined {
  const publicGateway = config.gateway !== undefined && (config.gateway.exposure ?? "public") === "public";
  const edge: EdgeConfig | undefined = config.edge ?? (publicGateway ? { type: "front-door" } : undefined);
  if (!edge || edge.type === "none") return undefined;
  const lastRegion = config.regions[config.regions.length - 1].name;
  if (edge.type === "traffic-manager") {
    return {
      type: "traffic-manager",
      homeRegion: edge.homeRegion ?? lastRegion,
      routing: edge.routing ?? (mode === "active-active" ? "Weighted" : "Priority"),
      dnsTtlSeconds: edge.dnsTtlSeconds ?? 30,
      probePath: edge.probePath ?? DEFAULT_PROBE_PATH,
    };
  }
  return {
    type: "front-door",
    homeRegion: edge.homeRegion ?? lastRegion,
    sku: edge.sku ?? preset.edge.sku,
    wafMode: edge.wafMode ?? preset.edge.wafMode,
    rateLimitPerMinute: edge.rateLimitPerMinute ?? 1000,
    customDomains: edge.customDomains ?? true,
    probePath: edge.probePath ?? DEFAULT_PROBE_PATH,
    caching: {
      staticPaths: edge.caching?.staticPaths ?? ["/static/*", "/assets/*"],
      staticTtlDays: edge.caching?.staticTtlDays ?? 7,
      apiPaths: edge.caching?.apiPaths ?? [],
      apiTtlSeconds: edge.caching?.apiTtlSeconds ?? 60,
    },
  };
}

/**
 * Cross-region data rules that need the preset's values: backup-restore rebuilds the environment in another region
 * from backups, so the database's backups and the storage account must be geo-redundant; Redis geo-replication needs
 * Premium caches and a second serving region.
 */
function validateCrossRegionData(root: string, data: ResolvedData, mode: FailoverMode | undefined, regionNames: readonly string[]): void {
  if (mode === "backup-restore") {
    if (data.postgres && !data.postgres.geoRedundantBackup) {
      throw new ValidationError(`${root}.data.postgres.geoRedundantBackup`, 'is off, and failoverMode "backup-restore" restores the database from backups in the paired region', false, "set geoRedundantBackup: true, or choose another failover mode");
    }
    if (data.storage.replication !== "GZRS") {
      throw new ValidationError(`${root}.data.storage.replication`, 'keeps no copy in another region, and failoverMode "backup-restore" recovers from the paired region', data.storage.replication, 'use "GZRS"');
    }
  }
  if ((mode === "active-passive" || mode === "active-active") && data.postgres?.skuName.startsWith("B_")) {
    throw new ValidationError(`${root}.data.postgres.skuName`, `is Burstable, which cannot have the read replica a second serving region (failoverMode "${mode}") holds`, data.postgres.skuName, 'use a General Purpose ("GP_Standard_D2ds_v5") or Memory Optimized SKU, or drop PostgreSQL with enabled: false');
  }
  const secondaries = mode === "active-passive" || mode === "active-active" ? regionNames.length - 1 : 0;
  const promoted = data.postgres?.promotedReplica;
  if (promoted !== undefined && (secondaries === 0 || !regionNames.slice(1).includes(promoted))) {
    throw new ValidationError(`${root}.data.postgres.promotedReplica`, "is not a secondary region holding a read replica", promoted, secondaries > 0 ? `use one of ${regionNames.slice(1).join(", ")}` : 'promotion needs a secondary region (failoverMode "active-passive")');
  }
  if (data.postgres && secondaries > MAX_READ_REPLICAS) {
    throw new ValidationError(`${root}.regions`, `gives the database ${secondaries} secondary regions, each with a read replica, and a flexible server has at most ${MAX_READ_REPLICAS}`, regionNames.length, `use at most ${MAX_READ_REPLICAS + 1} regions, or drop PostgreSQL with data.postgres.enabled: false`);
  }
  if (data.redis?.geoReplication) {
    if (data.redis.sku !== "Premium") {
      throw new ValidationError(`${root}.data.redis.geoReplication`, `needs Premium caches, and the cache is ${data.redis.sku}`, true, 'set data.redis.sku "Premium", or drop geoReplication');
    }
    if (mode !== "active-passive" && mode !== "active-active") {
      throw new ValidationError(`${root}.data.redis.geoReplication`, `needs a second serving region, and failoverMode is ${mode === undefined ? "unset (one region)" : `"${mode}"`}`, true, 'use failoverMode "active-passive" or "active-active" with two regions, or drop geoReplication');
    }
  }
}

/** A team with its defaults filled in: its namespaces, its Entra ID groups by role, and the tags of its resources. */
export type ResolvedTeam = Omit<TeamConfig, "namespaces" | "existingNamespace" | "entraGroups"> & {
  /** The namespaces the team owns, its services' namespace first (default: one named after the team). */
  readonly namespaces: readonly string[];
  /** Whether the namespaces exist already and are adopted rather than created. */
  readonly existingNamespace: boolean;
  /** Entra ID group object IDs by role; empty lists when none. */
  readonly entraGroups: { readonly admins: readonly string[]; readonly developers: readonly string[]; readonly readers: readonly string[] };
  /** The environment's tags with the team as owner and its cost center (the environment's when it names none). */
  readonly tags: StandardTags;
};

/** Fills in a team's defaults. */
export function resolveTeam(team: TeamConfig, environmentTags: StandardTags): ResolvedTeam {
  const { namespaces: _namespaces, existingNamespace, entraGroups, ...rest } = team;
  return {
    ...rest,
    namespaces: teamNamespaces(team),
    existingNamespace: existingNamespace ?? false,
    entraGroups: { admins: entraGroups?.admins ?? [], developers: entraGroups?.developers ?? [], readers: entraGroups?.readers ?? [] },
    tags: { ...environmentTags, ownerTeam: team.name, costCenter: team.costCenter ?? environmentTags.costCenter },
  };
}

type Defined<T> = Exclude<T, undefined>;
type ServiceBusQueues = Defined<Defined<DataConfig["serviceBus"]>["queues"]>;
type EventHubs = Defined<Defined<DataConfig["eventHubs"]>["hubs"]>;

/** Data and messaging settings after the preset and the overrides are merged. */
export interface ResolvedData {
  readonly protect: boolean;
  readonly keyVault: DataPreset["keyVault"];
  /** Undefined when the environment has no Redis. */
  readonly redis?: DataPreset["redis"] & { readonly shardCount?: number; readonly geoReplication: boolean };
  /** Undefined when the environment has no PostgreSQL. */
  readonly postgres?: DataPreset["postgres"] & {
    readonly version?: "14" | "15" | "16";
    readonly storageMb?: number;
    readonly databases: readonly string[];
    readonly parameters: Readonly<Record<string, string>>;
    /** The secondary region whose replica is promoted to a read-write server (a regional failover). */
    readonly promotedReplica?: string;
  };
  readonly storage: DataPreset["storage"] & { readonly containers: readonly string[] };
  readonly serviceBus: DataPreset["serviceBus"] & { readonly queues: ServiceBusQueues };
  readonly eventHubs: DataPreset["eventHubs"] & { readonly hubs: EventHubs };
  readonly events: Defined<Defined<DataConfig["events"]>>;
  /** Change data capture; undefined when the environment captures none. */
  readonly cdc?: {
    readonly database: string;
    readonly tables: readonly string[];
    readonly topicPrefix: string;
    readonly slotName?: string;
    readonly publicationName?: string;
    readonly snapshotMode: "initial" | "no_data" | "when_needed" | "initial_only";
    readonly partitionCount?: number;
    readonly externalConsumers: readonly string[];
  };
}

function resolveData(preset: DataPreset, data: DataConfig = {}, workload = ""): ResolvedData {
  const redis = data.redis ?? {};
  const postgres = data.postgres ?? {};
  return {
    protect: data.protect ?? preset.protect,
    keyVault: {
      softDeleteRetentionDays: data.keyVault?.softDeleteRetentionDays ?? preset.keyVault.softDeleteRetentionDays,
      purgeProtection: data.keyVault?.purgeProtection ?? preset.keyVault.purgeProtection,
    },
    redis: redis.enabled === false ? undefined : { sku: redis.sku ?? preset.redis.sku, capacity: redis.capacity ?? preset.redis.capacity, shardCount: redis.shardCount, geoReplication: redis.geoReplication ?? false },
    postgres:
      postgres.enabled === false
        ? undefined
        : {
            version: postgres.version,
            skuName: postgres.skuName ?? preset.postgres.skuName,
            storageMb: postgres.storageMb,
            highAvailability: postgres.highAvailability ?? preset.postgres.highAvailability,
            backupRetentionDays: postgres.backupRetentionDays ?? preset.postgres.backupRetentionDays,
            geoRedundantBackup: postgres.geoRedundantBackup ?? preset.postgres.geoRedundantBackup,
            databases: postgres.databases ?? [],
            parameters: postgres.parameters ?? {},
            promotedReplica: postgres.promotedReplica,
          },
    storage: { replication: data.storage?.replication ?? preset.storage.replication, containers: data.storage?.containers ?? [] },
    serviceBus: { sku: data.serviceBus?.sku ?? preset.serviceBus.sku, queues: data.serviceBus?.queues ?? {} },
    eventHubs: {
      sku: data.eventHubs?.sku ?? preset.eventHubs.sku,
      throughputUnits: data.eventHubs?.capacity ?? preset.eventHubs.throughputUnits,
      hubs: data.eventHubs?.hubs ?? {},
    },
    events: data.events ?? {},
    cdc: data.cdc
      ? {
          database: data.cdc.database,
          tables: data.cdc.tables,
          topicPrefix: data.cdc.topicPrefix ?? workload,
          slotName: data.cdc.slotName,
          publicationName: data.cdc.publicationName,
          snapshotMode: data.cdc.snapshotMode ?? "when_needed",
          partitionCount: data.cdc.partitionCount,
          externalConsumers: data.cdc.externalConsumers ?? [],
        }
      : undefined,
  };
}

/**
 * Validates an environment config and merges it over its preset. Node pools merge by name: an override of `apps`
 * changes only the fields it names; a new name adds a pool.
 */
export function resolveEnvironment(input: EnvironmentConfig): ResolvedEnvironment {
  const config = parseEnvironmentConfig(input, `environments.${typeof input?.name === "string" ? input.name : "?"}`);
  const preset = PRESETS[config.preset];
  const aks = config.aks ?? {};
  const tags: StandardTags = { environment: config.name, ownerTeam: config.ownerTeam, costCenter: config.costCenter };
  const failoverMode = config.failoverMode ?? (config.regions.length > 1 ? "active-passive" : undefined);
  const data = resolveData(preset.data, config.data, config.workload);
  validateCrossRegionData(`environments.${config.name}`, data, failoverMode, config.regions.map((r) => r.name));
  const poolNames = [...new Set([...Object.keys(preset.aks.nodePools), ...Object.keys(aks.nodePools ?? {})])].sort();
  const nodePools = Object.fromEntries(poolNames.map((name) => [name, { ...preset.aks.nodePools[name], ...aks.nodePools?.[name] }]));
  return {
    name: config.name,
    workload: config.workload,
    preset: config.preset,
    regions: config.regions,
    failoverMode,
    uniqueSeed: config.naming?.uniqueSeed ?? config.workload,
    tags,
    backend: config.backend,
    aks: {
      skuTier: aks.skuTier ?? preset.aks.skuTier,
      kubernetesVersion: aks.kubernetesVersion,
      automaticUpgradeChannel: preset.aks.automaticUpgradeChannel,
      apiServer: aks.apiServer ?? preset.aks.apiServer,
      adminGroupObjectIds: aks.adminGroupObjectIds,
      networkPolicy: aks.networkPolicy,
      serviceCidr: aks.serviceCidr,
      podCidr: aks.podCidr,
      systemPool: { ...preset.aks.systemPool, ...aks.systemPool },
      requireZonalPools: preset.aks.requireZonalPools,
      nodePools,
    },
    monitoring: {
      logRetentionDays: config.monitoring?.logRetentionDays ?? preset.monitoring.logRetentionDays,
      prometheus: config.monitoring?.prometheus ?? preset.monitoring.prometheus,
      grafanaZoneRedundant: preset.monitoring.grafanaZoneRedundant,
      grafanaAdminObjectIds: config.monitoring?.grafanaAdminObjectIds ?? [],
      alertEmails: config.monitoring?.alertEmails ?? [],
    },
    teams: (config.teams ?? []).map((team) => resolveTeam(team, tags)),
    data,
    gateway: config.gateway,
    deployment: config.deployment,
    edge: resolveEdge(config, preset, failoverMode),
  };
}
