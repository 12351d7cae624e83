import { Construct } from "constructs";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { ValidationError } from "../core/errors";
import { validateZones } from "../core/regions";
import { validateEnum, validateMinMax, validatePattern, validateRange, validateUnique } from "../core/validate";
import { chooseOsDisk, parseVmSize, VM_SIZE_PATTERN } from "./private/vm-sizes";

/** What a user node pool is for. */
export type NodePoolKind = "general" | "gpu" | "spot";
/** Node OS image. */
export type NodeOsSku = "AzureLinux" | "Ubuntu";

/** Options for a user node pool (see {@link AksCluster.addNodePool}). */
export interface NodePoolOptions {
  /**
   * What the pool is for: `general` workloads, `gpu` (N-series, scales from zero, `nvidia.com/gpu` taint) or `spot`
   * (evictable capacity at a discount, tainted so only tolerant pods land there).
   * @default "general"
   */
  readonly kind?: NodePoolKind;
  /**
   * VM size.
   * @default "Standard_D4ds_v5" for general and spot pools, "Standard_NC4as_T4_v3" for GPU pools
   */
  readonly vmSize?: string;
  /**
   * Fewest nodes the cluster autoscaler keeps.
   * @default 3 for general pools (one per zone), 0 for GPU and spot pools
   */
  readonly minCount?: number;
  /**
   * Most nodes the cluster autoscaler may add (at most 1000).
   * @default 10 for general and spot pools, 3 for GPU pools
   */
  readonly maxCount?: number;
  /**
   * Availability zones of the pool.
   * @default the cluster's zones
   */
  readonly zones?: string[];
  /**
   * Kubernetes labels on every node.
   * @default - the pool's kind as `workload-class`, plus what AKS sets itself
   */
  readonly labels?: Record<string, string>;
  /**
   * Extra taints, `key=value:Effect`.
   * @default - none beyond the kind's own taint (GPU and spot pools)
   */
  readonly taints?: string[];
  /**
   * Most pods per node (Azure CNI overlay allows up to 250).
   * @default 110
   */
  readonly maxPods?: number;
  /**
   * OS disk size in GiB; the disk is ephemeral where the VM size's local disk holds it, managed otherwise (a size given
   * here is never shrunk to fit the local disk).
   * @default 128 (or 64 on sizes whose local disk holds 64 but not 128)
   */
  readonly osDiskSizeGb?: number;
  /**
   * Node OS image.
   * @default "AzureLinux"
   */
  readonly osSku?: NodeOsSku;
  /**
   * Extra nodes added during an upgrade, a count or a percentage. Not used by spot pools, which AKS upgrades without surge.
   * @default "33%"
   */
  readonly maxSurge?: string;
  /**
   * Spot pools: what happens to an evicted node.
   * @default "Delete"
   */
  readonly spotEvictionPolicy?: "Delete" | "Deallocate";
  /**
   * Spot pools: highest price per hour in US dollars, or -1 to pay up to the on-demand price and never be evicted for
   * price.
   * @default -1
   */
  readonly spotMaxPrice?: number;
  /**
   * GPU pools: whether AKS installs the NVIDIA driver (`None` when the GPU operator manages it).
   * @default "Install"
   */
  readonly gpuDriver?: "Install" | "None";
}

/** Everything {@link NodePool} needs from its cluster. */
export interface NodePoolProps extends NodePoolOptions {
  /** Pool name: lowercase letters and digits, starting with a letter, at most 12 characters. */
  readonly name: string;
  /** Resource ID of the cluster. */
  readonly kubernetesClusterId: string;
  /** Region of the cluster (for zone checks). */
  readonly region: string;
  /** Subnet the nodes take their addresses from. */
  readonly vnetSubnetId: string;
  /** Zones to use when the options name none. */
  readonly defaultZones: string[];
  /** When true, a pool without zones is an error (production). */
  readonly requireZones: boolean;
}

/** Linux node pool names. */
export const NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
/** The taint every GPU pool carries so only pods that ask for GPUs land there. */
export const GPU_TAINT = "nvidia.com/gpu=present:NoSchedule";
/** The taint AKS puts on spot nodes; declared so Terraform does not see drift. */
export const SPOT_TAINT = "kubernetes.azure.com/scalesetpriority=spot:NoSchedule";
const TAINT = /^[a-zA-Z0-9./-]{1,253}(=[a-zA-Z0-9._-]{0,63})?:(NoSchedule|PreferNoSchedule|NoExecute)$/;
const MAX_SURGE = /^([1-9]\d*|[1-9]\d?%|100%)$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$/;
const LABEL_VALUE = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)?$/;

/**
 * The name AKS gives a pool's temporary copy while it rotates the pool (changing its VM size, say): the first nine
 * characters of the name plus `tmp`. The cluster checks that no two pools' names and temporary names collide.
 */
export function temporaryPoolName(name: string): string {
  return `${name.slice(0, 9)}tmp`;
}

/** Validates a VM size name and returns it; `path` names the property in errors. */
export function validateVmSize(path: string, size: string): string {
  validatePattern(path, size, VM_SIZE_PATTERN, 'use an Azure VM size such as "Standard_D4ds_v5"');
  return size;
}

/** Validates a node-count range shared by system and user pools. */
export function validateNodeCounts(path: string, min: number, max: number, lowest: number): void {
  validateRange(`${path}.minCount`, min, lowest, 1000);
  validateRange(`${path}.maxCount`, max, Math.max(1, lowest), 1000);
  validateMinMax(path, min, max, "minCount", "maxCount");
}

/** Validates node labels against Kubernetes' syntax. */
export function validateLabels(path: string, labels: Record<string, string>): void {
  for (const [key, value] of Object.entries(labels)) {
    validatePattern(`${path}.labels`, key, LABEL_KEY, "label keys are an optional DNS prefix and a name of up to 63 characters");
    validatePattern(`${path}.labels.${key}`, value, LABEL_VALUE, "label values are up to 63 letters, digits, '-', '_' or '.'");
  }
}

/**
 * A user node pool of an {@link AksCluster}, always autoscaled. Create it with `cluster.addNodePool(name, options)`.
 */
export class NodePool extends Construct {
  /** The L1 node pool, as an escape hatch. */
  public readonly pool: KubernetesClusterNodePool;
  /** The pool's name. */
  public readonly name: string;
  /** What the pool is for. */
  public readonly kind: NodePoolKind;
  /** Largest node count the pool may reach. */
  public readonly maxCount: number;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    const path = `aks.nodePools.${props.name}`;
    validatePattern(`${path}.name`, props.name, NODE_POOL_NAME, "use 1-12 lowercase letters and digits, starting with a letter");
    const kind = validateEnum(`${path}.kind`, props.kind ?? "general", ["general", "gpu", "spot"])!;
    const vmSize = validateVmSize(`${path}.vmSize`, props.vmSize ?? (kind === "gpu" ? "Standard_NC4as_T4_v3" : "Standard_D4ds_v5"));
    const sizeInfo = parseVmSize(vmSize)!;
    if (kind === "gpu" && !sizeInfo.gpu) {
      throw new ValidationError(`${path}.vmSize`, "is not a GPU VM size", vmSize, 'GPU pools need an N-series size such as "Standard_NC4as_T4_v3"');
    }
    if (kind !== "gpu" && sizeInfo.gpu) {
      throw new ValidationError(`${path}.vmSize`, `is a GPU size on a ${kind} pool`, vmSize, 'use kind "gpu" for N-series sizes');
    }
    const minCount = props.minCount ?? (kind === "general" ? 3 : 0);
    const maxCount = props.maxCount ?? (kind === "gpu" ? 3 : 10);
    validateNodeCounts(path, minCount, maxCount, 0);
    const zones = props.zones ?? props.defaultZones;
    validateZones(`${path}.zones`, props.region, zones);
    validateUnique(`${path}.zones`, zones);
    if (props.requireZones && zones.length === 0) {
      throw new ValidationError(`${path}.zones`, "is empty but this environment requires zonal node pools", zones, 'name zones such as ["1", "2", "3"]');
    }
    const maxPods = validateRange(`${path}.maxPods`, props.maxPods ?? 110, 10, 250)!;
    const osSku = validateEnum(`${path}.osSku`, props.osSku ?? "AzureLinux", ["AzureLinux", "Ubuntu"])!;
    const taints = props.taints ?? [];
    taints.forEach((t, i) => validatePattern(`${path}.taints[${i}]`, t, TAINT, 'use "key=value:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute'));
    const labels = { "workload-class": kind, ...(props.labels ?? {}) };
    validateLabels(path, labels);
    const maxSurge = validatePattern(`${path}.maxSurge`, props.maxSurge ?? "33%", MAX_SURGE, 'use a node count such as "1" or a percentage such as "33%"')!;
    const spotMaxPrice = props.spotMaxPrice ?? -1;
    if (kind === "spot" && spotMaxPrice !== -1) validateRange(`${path}.spotMaxPrice`, spotMaxPrice, 0.00001, 1000, { integer: false });
    if (kind !== "spot" && (props.spotEvictionPolicy !== undefined || props.spotMaxPrice !== undefined)) {
      const setting = props.spotEvictionPolicy !== undefined ? "spotEvictionPolicy" : "spotMaxPrice";
      throw new ValidationError(`${path}.${setting}`, `is set on a ${kind} pool`, props[setting], 'spot settings need kind "spot"');
    }
    if (kind !== "gpu" && props.gpuDriver !== undefined) {
      throw new ValidationError(`${path}.gpuDriver`, `is set on a ${kind} pool`, props.gpuDriver, 'the GPU driver setting needs kind "gpu"');
    }
    const evictionPolicy = validateEnum(`${path}.spotEvictionPolicy`, props.spotEvictionPolicy ?? "Delete", ["Delete", "Deallocate"])!;
    const gpuDriver = validateEnum(`${path}.gpuDriver`, props.gpuDriver ?? "Install", ["Install", "None"])!;
    const osDisk = chooseOsDisk(vmSize, validateRange(`${path}.osDiskSizeGb`, props.osDiskSizeGb, 30, 2048));

    const kindTaints = kind === "gpu" ? [GPU_TAINT] : kind === "spot" ? [SPOT_TAINT] : [];
    const kindLabels: Record<string, string> = kind === "spot" ? { "kubernetes.azure.com/scalesetpriority": "spot" } : {};

    this.name = props.name;
    this.kind = kind;
    this.maxCount = maxCount;
    this.pool = new KubernetesClusterNodePool(this, "Resource", {
      name: props.name,
      kubernetesClusterId: props.kubernetesClusterId,
      mode: "User",
      vmSize,
      zones: zones.length > 0 ? zones : undefined,
      vnetSubnetId: props.vnetSubnetId,
      autoScalingEnabled: true,
      minCount,
      maxCount,
      maxPods,
      osType: "Linux",
      osSku,
      osDiskType: osDisk.type,
      osDiskSizeGb: osDisk.sizeGb,
      nodeLabels: { ...labels, ...kindLabels },
      nodeTaints: [...kindTaints, ...taints],
      temporaryNameForRotation: temporaryPoolName(props.name),
      ...(kind === "spot"
        ? { priority: "Spot", evictionPolicy, spotMaxPrice }
        : { priority: "Regular", upgradeSettings: { maxSurge, drainTimeoutInMinutes: 30 } }),
      ...(kind === "gpu" ? { gpuDriver } : {}),
      lifecycle: { ignoreChanges: ["node_count"] },
    });
  }

  /** The pool's resource ID. */
  public get id(): string {
    return this.pool.id;
  }
}
