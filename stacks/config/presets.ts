import type { ApiServerAccess, AksSkuTier, SystemPoolOptions, UpgradeChannel } from "../../lib/aks/aks-cluster";
import type { NodePoolOptions } from "../../lib/aks/node-pool";
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
};

/**
 * `dev`: the cheap settings, each an explicit opt-out: the Free control plane (no uptime SLA), zonal pools not
 * required (regions without zones are allowed), one small system node, a small general pool, 30 days of logs, Grafana
 * without zone redundancy. Zones themselves cost nothing, so pools still spread over them where the region has them.
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
};

/** The presets by name. */
export const PRESETS: Readonly<Record<PresetName, Preset>> = { dev, staging, prod };
