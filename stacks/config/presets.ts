import type { ApiServerAccess, AksSkuTier, SystemPoolOptions, UpgradeChannel } from "../../lib/aks/aks-cluster";
import type { NodePoolOptions } from "../../lib/aks/node-pool";
import type { RedisSku } from "../../lib/data/redis-cache";
import type { StorageReplication } from "../../lib/data/storage-account";
import type { EventHubsSku } from "../../lib/messaging/event-hubs";
import type { ServiceBusSku } from "../../lib/messaging/service-bus";
import type { PresetName } from "./environment-config";

/** The defaults an environment starts from; the environment config overrides single fields. */
export interface Preset {
  readonly aks: {
    readonly skuTier: AksSkuTier;
    readonly automaticUpgradeChannel: UpgradeChannel;
    readonly requireZonalPools: boolean;
    readonly apiServer: ApiServerAccess;
    readonly systemPool: SystemPoolOptions;
    readonly nodePools: Readonly<Record<string, NodePoolOptions>>;
  };
  readonly monitoring: {
    readonly logRetentionDays: number;
    readonly prometheus: boolean;
    readonly grafanaZoneRedundant: boolean;
  };
  readonly data: DataPreset;
  /** The global edge when the environment has a public gateway (Front Door). */
  readonly edge: EdgePreset;
}

/** Front Door tier and WAF mode of a preset. */
export interface EdgePreset {
  /** `Premium` carries the managed WAF rule sets and bot protection; `Standard` only custom WAF rules. */
  readonly sku: "Standard" | "Premium";
  /** `Prevention` blocks what the WAF matches; `Detection` only logs it. */
  readonly wafMode: "Prevention" | "Detection";
}

/** Sizing and protection of the data and messaging services. */
export interface DataPreset {
  /** prevent_destroy and CanNotDelete locks on stateful resources. */
  readonly protect: boolean;
  readonly keyVault: { readonly softDeleteRetentionDays: number; readonly purgeProtection: boolean };
  readonly redis: { readonly sku: RedisSku; readonly capacity: number };
  readonly postgres: {
    readonly skuName: string;
    readonly highAvailability: boolean;
    readonly backupRetentionDays: number;
    readonly geoRedundantBackup: boolean;
  };
  readonly storage: { readonly replication: StorageReplication };
  /** Standard has no private endpoints, so a Standard namespace is reachable publicly (Entra ID auth only). */
  readonly serviceBus: { readonly sku: ServiceBusSku };
  readonly eventHubs: { readonly sku: EventHubsSku; readonly throughputUnits: number };
}

/**
 * `prod`: the Standard (SLA-backed) control plane, zonal pools everywhere, a private API server, three system nodes
 * (one per zone), a general pool that starts at three nodes, a spot pool for interruptible work, 90 days of logs.
 */
const prod: Preset = {
  aks: {
    skuTier: "Standard",
    automaticUpgradeChannel: "patch",
    requireZonalPools: true,
    apiServer: { mode: "private" },
    systemPool: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 6 },
    nodePools: {
      apps: { kind: "general", vmSize: "Standard_D8ds_v5", minCount: 3, maxCount: 30 },
      spot: { kind: "spot", vmSize: "Standard_D8ds_v5", minCount: 0, maxCount: 20 },
    },
  },
  monitoring: { logRetentionDays: 90, prometheus: true, grafanaZoneRedundant: true },
  data: {
    protect: true,
    keyVault: { softDeleteRetentionDays: 90, purgeProtection: true },
    redis: { sku: "Premium", capacity: 1 },
    postgres: { skuName: "GP_Standard_D4ds_v5", highAvailability: true, backupRetentionDays: 35, geoRedundantBackup: true },
    storage: { replication: "GZRS" },
    serviceBus: { sku: "Premium" },
    eventHubs: { sku: "Standard", throughputUnits: 2 },
  },
  edge: { sku: "Premium", wafMode: "Prevention" },
};

/** `staging`: production's shape at a smaller size, so what is tested there is what runs in production. */
const staging: Preset = {
  aks: {
    skuTier: "Standard",
    automaticUpgradeChannel: "patch",
    requireZonalPools: true,
    apiServer: { mode: "private" },
    systemPool: { vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 4 },
    nodePools: {
      apps: { kind: "general", vmSize: "Standard_D4ds_v5", minCount: 3, maxCount: 10 },
    },
  },
  monitoring: { logRetentionDays: 30, prometheus: true, grafanaZoneRedundant: false },
  data: {
    protect: true,
    keyVault: { softDeleteRetentionDays: 90, purgeProtection: true },
    redis: { sku: "Premium", capacity: 1 },
    postgres: { skuName: "GP_Standard_D2ds_v5", highAvailability: true, backupRetentionDays: 14, geoRedundantBackup: true },
    storage: { replication: "ZRS" },
    serviceBus: { sku: "Premium" },
    eventHubs: { sku: "Standard", throughputUnits: 1 },
  },
  edge: { sku: "Premium", wafMode: "Prevention" },
};

/**
 * `dev`: the cheap settings, each an explicit opt-out: the Free control plane (no uptime SLA), zonal pools not
 * required (regions without zones are allowed), one small system node, a small general pool, 30 days of logs, Grafana
 * without zone redundancy. Zones themselves cost nothing, so pools still spread over them where the region has them.
 * Data: no deletion locks, Key Vault without purge protection (a torn-down dev vault frees its name), Standard Redis
 * (no zones, no SLA for replication), Burstable PostgreSQL without HA or geo-backups, LRS storage, and a Standard Service
 * Bus namespace, which has no private endpoints and is therefore reachable publicly with Entra ID auth only.
 * Edge: Front Door Standard (no managed WAF rule sets or bot protection, a tenth of Premium's base fee) with the WAF's
 * custom rules in Detection mode, so a developer sees what production would block without being blocked.
 */
const dev: Preset = {
  aks: {
    skuTier: "Free",
    automaticUpgradeChannel: "patch",
    requireZonalPools: false,
    apiServer: { mode: "private" },
    systemPool: { vmSize: "Standard_D2ds_v5", minCount: 1, maxCount: 3 },
    nodePools: {
      apps: { kind: "general", vmSize: "Standard_D4ds_v5", minCount: 1, maxCount: 5 },
    },
  },
  monitoring: { logRetentionDays: 30, prometheus: true, grafanaZoneRedundant: false },
  data: {
    protect: false,
    keyVault: { softDeleteRetentionDays: 7, purgeProtection: false },
    redis: { sku: "Standard", capacity: 1 },
    postgres: { skuName: "B_Standard_B2s", highAvailability: false, backupRetentionDays: 7, geoRedundantBackup: false },
    storage: { replication: "LRS" },
    serviceBus: { sku: "Standard" },
    eventHubs: { sku: "Standard", throughputUnits: 1 },
  },
  edge: { sku: "Standard", wafMode: "Detection" },
};

/** The presets by name. */
export const PRESETS: Readonly<Record<PresetName, Preset>> = { dev, staging, prod };
