import { Construct } from "constructs";
import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { DataAzurermContainerRegistry } from "@cdktf/provider-azurerm/lib/data-azurerm-container-registry";
import { KubernetesCluster, KubernetesClusterConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { assertNoOverlap, containsAddress, parseCidr, addressAt } from "../core/cidr";
import { ValidationError } from "../core/errors";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { region as lookupRegion, validateZones } from "../core/regions";
import { Weekday, WEEKDAYS } from "../core/time";
import { validateEnum, validatePattern, validateRange, validateUnique } from "../core/validate";
import { VirtualNetwork } from "../network/virtual-network";
import { ContainerInsights } from "../observability/container-insights";
import { DiagnosticSettings } from "../observability/diagnostic-settings";
import { LogAnalytics } from "../observability/log-analytics";
import { ManagedPrometheus } from "../observability/managed-prometheus";
import { NodePool, NodePoolOptions, NODE_POOL_NAME, NodeOsSku, temporaryPoolName, validateNodeCounts, validateVmSize } from "./node-pool";
import { chooseOsDisk } from "./private/vm-sizes";

/** How the Kubernetes API server is reached. */
export type ApiServerAccess =
  | {
      /** The API server has a private IP in the cluster's network only. */
      readonly mode: "private";
    }
  | {
      /** The API server has a public endpoint that only the listed ranges may reach. */
      readonly mode: "public";
      /** Source ranges (CIDR) allowed to reach the API server; at least one, never `0.0.0.0/0`. */
      readonly authorizedIpRanges: string[];
    };

/** Network policy engine of the cluster. */
export type NetworkPolicyEngine = "cilium" | "azure" | "calico";
/**
 * How nodes reach the internet. AKS's managed NAT gateway (`managedNATGateway`) works only with an AKS-managed
 * network, never with the custom network this cluster always joins, so it is not offered
 * (https://learn.microsoft.com/azure/aks/nat-gateway).
 */
export type OutboundType = "loadBalancer";
/** AKS control plane tier. */
export type AksSkuTier = "Free" | "Standard" | "Premium";
/** Kubernetes version auto-upgrade channel. */
export type UpgradeChannel = "patch" | "stable" | "rapid" | "node-image" | "none";
/** Node OS image upgrade channel. */
export type NodeOsUpgradeChannel = "NodeImage" | "SecurityPatch" | "Unmanaged" | "None";
/** A weekday, as AKS maintenance windows spell it; defined in `core/time`, re-exported here for existing importers. */
export type { Weekday };

/** A weekly maintenance window. */
export interface MaintenanceWindow {
  /** Day the window opens. */
  readonly dayOfWeek: Weekday;
  /** Start time, `HH:MM`. */
  readonly startTime: string;
  /** Length in hours, 4–24 (AKS requires at least four). */
  readonly durationHours: number;
  /**
   * Offset of the start time from UTC, `+HH:MM` or `-HH:MM`.
   * @default "+00:00"
   */
  readonly utcOffset?: string;
}

/** Cluster autoscaler settings shared by every pool. */
export interface AutoscalerProfile {
  /**
   * Which node group to grow when several could fit pending pods.
   * @default "least-waste"
   */
  readonly expander?: "least-waste" | "most-pods" | "priority" | "random";
  /**
   * Minutes after a scale-up before scale-down is considered.
   * @default 10
   */
  readonly scaleDownDelayAfterAddMinutes?: number;
  /**
   * Minutes a node must be unneeded before it is removed.
   * @default 10
   */
  readonly scaleDownUnneededMinutes?: number;
  /**
   * Node utilisation (requests / allocatable) below which a node may be removed, 0.1–1.
   * @default 0.5
   */
  readonly scaleDownUtilizationThreshold?: number;
  /**
   * Seconds pods get to terminate when a node is scaled down.
   * @default 600
   */
  readonly maxGracefulTerminationSeconds?: number;
  /**
   * Keep similar pools (e.g. one per zone) the same size.
   * @default true
   */
  readonly balanceSimilarNodeGroups?: boolean;
}

/** The system node pool, which runs only critical add-ons. */
export interface SystemPoolOptions {
  /**
   * VM size.
   * @default "Standard_D4ds_v5" (4 vCPU, 16 GiB, 150 GiB local disk for an ephemeral OS disk)
   */
  readonly vmSize?: string;
  /**
   * Fewest nodes.
   * @default 3 (one per zone)
   */
  readonly minCount?: number;
  /**
   * Most nodes.
   * @default 6
   */
  readonly maxCount?: number;
  /**
   * Most pods per node.
   * @default 110
   */
  readonly maxPods?: number;
  /**
   * OS disk size in GiB; ephemeral where the VM size's local disk holds it, managed otherwise (a size given here is
   * never shrunk to fit the local disk).
   * @default 128 (or 64 on sizes whose local disk holds 64 but not 128)
   */
  readonly osDiskSizeGb?: number;
  /**
   * Node OS image.
   * @default "AzureLinux"
   */
  readonly osSku?: NodeOsSku;
  /**
   * Extra nodes during upgrades.
   * @default "33%"
   */
  readonly maxSurge?: string;
}

/** Props for {@link AksCluster}. */
export interface AksClusterProps {
  /** Resource group of the cluster. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region; the region comes from it. */
  readonly namer: ResourceNamer;
  /** Network with the node subnets. */
  readonly network: VirtualNetwork;
  /** Log Analytics workspace for Container Insights and control-plane logs. */
  readonly logAnalytics: LogAnalytics;
  /**
   * Managed Prometheus (Azure Monitor workspace) to collect metrics into.
   * @default - no Prometheus metrics collection
   */
  readonly prometheus?: ManagedPrometheus;
  /**
   * Control plane tier: `Standard` carries the uptime SLA; `Free` has none and suits only dev.
   * @default "Standard"
   */
  readonly skuTier?: AksSkuTier;
  /**
   * Kubernetes version (`1.33` or `1.33.2`).
   * @default - the AKS default version at creation; the upgrade channel keeps it current
   */
  readonly kubernetesVersion?: string;
  /**
   * Kubernetes version auto-upgrade channel.
   * @default "patch"
   */
  readonly automaticUpgradeChannel?: UpgradeChannel;
  /**
   * Node OS image upgrade channel.
   * @default "NodeImage"
   */
  readonly nodeOsUpgradeChannel?: NodeOsUpgradeChannel;
  /**
   * When Kubernetes upgrades may run.
   * @default Sunday 02:00 UTC for 4 hours
   */
  readonly upgradeMaintenanceWindow?: MaintenanceWindow;
  /**
   * When node OS image upgrades may run.
   * @default Saturday 02:00 UTC for 4 hours
   */
  readonly nodeOsMaintenanceWindow?: MaintenanceWindow;
  /**
   * How the API server is reached.
   * @default { mode: "private" }
   */
  readonly apiServer?: ApiServerAccess;
  /**
   * Entra ID groups that get cluster-admin through Azure RBAC.
   * @default - none; grant access with `grantRbac`
   */
  readonly adminGroupObjectIds?: string[];
  /**
   * Entra ID tenant for Kubernetes authentication.
   * @default - the tenant of the provider's credentials
   */
  readonly tenantId?: string;
  /**
   * Network policy engine. `cilium` runs the Azure CNI Powered by Cilium data plane.
   * @default "cilium"
   */
  readonly networkPolicy?: NetworkPolicyEngine;
  /**
   * How nodes reach the internet.
   * @default "loadBalancer"
   */
  readonly outboundType?: OutboundType;
  /**
   * CIDR of Kubernetes services; must not overlap the network or the pod CIDR.
   * @default "172.16.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * Cluster DNS service IP, inside the service CIDR.
   * @default the 10th address of the service CIDR
   */
  readonly dnsServiceIp?: string;
  /**
   * CIDR pods take addresses from (Azure CNI overlay; never routed in the VNet). Each node takes a /24 of it.
   * @default "192.168.0.0/16" (room for 256 nodes)
   */
  readonly podCidr?: string;
  /**
   * Availability zones of every pool.
   * @default every zone of the region
   */
  readonly zones?: string[];
  /**
   * Fail when a pool has no zones (production).
   * @default true
   */
  readonly requireZonalPools?: boolean;
  /**
   * The system pool.
   * @default - see {@link SystemPoolOptions}
   */
  readonly systemPool?: SystemPoolOptions;
  /**
   * Cluster autoscaler settings.
   * @default - see {@link AutoscalerProfile}
   */
  readonly autoscaler?: AutoscalerProfile;
  /**
   * Registry the kubelet pulls images from; grants the kubelet identity `AcrPull` on it.
   * @default - no registry access granted
   */
  readonly containerRegistry?: ContainerRegistry | DataAzurermContainerRegistry;
  /**
   * How often the Key Vault secrets provider re-reads secrets, e.g. `2m`.
   * @default "2m"
   */
  readonly secretRotationInterval?: string;
  /**
   * Install the KEDA add-on for event-driven pod autoscaling.
   * @default true
   */
  readonly kedaEnabled?: boolean;
  /**
   * DNS prefix of the API server's FQDN, 1–54 characters.
   * @default - the cluster name without its `aks-` prefix
   */
  readonly dnsPrefix?: string;
  /**
   * Cluster name.
   * @default - generated by the namer (`aks-<workload>-<env>-<region>`)
   */
  readonly name?: string;
}

/** Built-in Azure roles for Kubernetes access through Azure RBAC. */
export type AksRbacRole = "clusterAdmin" | "admin" | "writer" | "reader";
const RBAC_ROLE_NAMES: Record<AksRbacRole, string> = {
  clusterAdmin: "Azure Kubernetes Service RBAC Cluster Admin",
  admin: "Azure Kubernetes Service RBAC Admin",
  writer: "Azure Kubernetes Service RBAC Writer",
  reader: "Azure Kubernetes Service RBAC Reader",
};

/**
 * Control-plane log categories sent to Log Analytics. `kube-audit-admin` instead of `kube-audit` keeps every
 * write-audit record while dropping the high-volume get/list reads
 * (https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs).
 */
export const AKS_LOG_CATEGORIES = [
  "kube-apiserver",
  "kube-audit-admin",
  "kube-controller-manager",
  "kube-scheduler",
  "cluster-autoscaler",
  "cloud-controller-manager",
  "guard",
] as const;

const DNS_PREFIX = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$|^[a-zA-Z0-9]$/;
const K8S_VERSION = /^1\.\d{2}(\.\d{1,3})?$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const UTC_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;
const DURATION = /^\d+(s|m|h)$/;

/**
 * A production AKS cluster: Entra ID authentication with Azure RBAC and local accounts disabled, workload identity,
 * Azure CNI overlay with Cilium network policy, a zonal autoscaled system pool for critical add-ons only, user-assigned
 * control-plane and kubelet identities with the roles they need, Azure Policy, the Key Vault secrets provider with
 * rotation, Container Insights and (optionally) managed Prometheus, planned maintenance windows and automatic upgrades.
 *
 * @example
 * const cluster = new AksCluster(this, "Aks", { resourceGroup, namer, network, logAnalytics, prometheus });
 * cluster.addNodePool("apps", { minCount: 3, maxCount: 30 });
 * cluster.addNodePool("gpu", { kind: "gpu", vmSize: "Standard_NC4as_T4_v3" });
 */
export class AksCluster extends Construct {
  /** The L1 cluster, as an escape hatch. */
  public readonly cluster: KubernetesCluster;
  /** Identity of the control plane. */
  public readonly controlPlaneIdentity: UserAssignedIdentity;
  /** Identity of the kubelets (pulls images, reads node resources). */
  public readonly kubeletIdentity: UserAssignedIdentity;
  /** The cluster's name. */
  public readonly name: string;
  /** The region of the cluster. */
  public readonly region: string;
  private readonly pools = new Map<string, NodePool>();
  private readonly zones: string[];
  private readonly requireZones: boolean;
  private readonly podCidr: string;
  private readonly podCidrPrefix: number;
  private readonly network: VirtualNetwork;
  private readonly systemMaxCount: number;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const path = "aks";
    const namer = props.namer;
    this.region = namer.context.region;
    const regionInfo = lookupRegion(this.region, `${path}.region`);

    // --- validation, before anything is created ---
    const skuTier = validateEnum(`${path}.skuTier`, props.skuTier ?? "Standard", ["Free", "Standard", "Premium"])!;
    if (props.kubernetesVersion !== undefined) {
      validatePattern(`${path}.kubernetesVersion`, props.kubernetesVersion, K8S_VERSION, 'use "1.<minor>" or "1.<minor>.<patch>", e.g. "1.33"');
    }
    const upgradeChannel = validateEnum(`${path}.automaticUpgradeChannel`, props.automaticUpgradeChannel ?? "patch", ["patch", "stable", "rapid", "node-image", "none"])!;
    const nodeOsChannel = validateEnum(`${path}.nodeOsUpgradeChannel`, props.nodeOsUpgradeChannel ?? "NodeImage", ["NodeImage", "SecurityPatch", "Unmanaged", "None"])!;
    if (upgradeChannel === "node-image" && nodeOsChannel !== "NodeImage") {
      throw new ValidationError(`${path}.nodeOsUpgradeChannel`, 'must be "NodeImage" when the upgrade channel is "node-image"', nodeOsChannel, 'use "NodeImage" or another upgrade channel');
    }
    const upgradeWindow = validateWindow(`${path}.upgradeMaintenanceWindow`, props.upgradeMaintenanceWindow ?? { dayOfWeek: "Sunday", startTime: "02:00", durationHours: 4 });
    const nodeOsWindow = validateWindow(`${path}.nodeOsMaintenanceWindow`, props.nodeOsMaintenanceWindow ?? { dayOfWeek: "Saturday", startTime: "02:00", durationHours: 4 });

    const apiServer = props.apiServer ?? { mode: "private" as const };
    validateEnum(`${path}.apiServer.mode`, apiServer.mode, ["private", "public"]);
    if (apiServer.mode === "public") {
      const ranges = apiServer.authorizedIpRanges ?? [];
      if (ranges.length === 0) {
        throw new ValidationError(`${path}.apiServer.authorizedIpRanges`, "is empty for a public API server", ranges, 'list the CIDRs of your operators and CI (e.g. "203.0.113.0/24"), or use mode "private"');
      }
      validateRange(`${path}.apiServer.authorizedIpRanges.length`, ranges.length, 1, 200);
      ranges.forEach((r, i) => {
        const block = parseCidr(`${path}.apiServer.authorizedIpRanges[${i}]`, r);
        if (block.prefix === 0) {
          throw new ValidationError(`${path}.apiServer.authorizedIpRanges[${i}]`, "opens the API server to the whole internet", r, 'list specific ranges, or use mode "private"');
        }
      });
      validateUnique(`${path}.apiServer.authorizedIpRanges`, ranges);
    }
    (props.adminGroupObjectIds ?? []).forEach((g, i) => validatePattern(`${path}.adminGroupObjectIds[${i}]`, g, GUID, "use an Entra ID object ID (a GUID)"));
    if (props.tenantId !== undefined) validatePattern(`${path}.tenantId`, props.tenantId, GUID, "use an Entra ID tenant ID (a GUID)");

    const networkPolicy = validateEnum(`${path}.networkPolicy`, props.networkPolicy ?? "cilium", ["cilium", "azure", "calico"])!;
    if ((props.outboundType as string | undefined) === "managedNATGateway") {
      throw new ValidationError(`${path}.outboundType`, "needs an AKS-managed network, but the cluster joins a custom network", props.outboundType, 'use "loadBalancer"');
    }
    const outboundType = validateEnum(`${path}.outboundType`, props.outboundType ?? "loadBalancer", ["loadBalancer"])!;
    const serviceCidr = props.serviceCidr ?? "172.16.0.0/16";
    const podCidr = props.podCidr ?? "192.168.0.0/16";
    const service = parseCidr(`${path}.serviceCidr`, serviceCidr);
    const pods = parseCidr(`${path}.podCidr`, podCidr);
    if (service.prefix < 12 || service.prefix > 24) {
      throw new ValidationError(`${path}.serviceCidr`, "has an unsupported size", serviceCidr, "use a /12 to /24 block");
    }
    if (pods.prefix < 8 || pods.prefix > 23) {
      throw new ValidationError(`${path}.podCidr`, "has an unsupported size", podCidr, "use a /8 to /23 block (each node takes a /24)");
    }
    assertNoOverlap([
      { path: "network.addressSpace", cidr: props.network.addressSpace },
      { path: `${path}.serviceCidr`, cidr: serviceCidr },
      { path: `${path}.podCidr`, cidr: podCidr },
    ]);
    const dnsServiceIp = props.dnsServiceIp ?? addressAt(service, 10);
    if (!containsAddress(service, dnsServiceIp) || dnsServiceIp === addressAt(service, 0) || dnsServiceIp === addressAt(service, 1)) {
      throw new ValidationError(`${path}.dnsServiceIp`, `is not a usable address of the service CIDR ${service.text}`, dnsServiceIp, `use an address inside it other than the first two, e.g. "${addressAt(service, 10)}"`);
    }

    this.requireZones = props.requireZonalPools ?? true;
    this.zones = props.zones ?? [...regionInfo.zones];
    validateZones(`${path}.zones`, this.region, this.zones);
    validateUnique(`${path}.zones`, this.zones);
    if (this.requireZones && this.zones.length === 0) {
      throw new ValidationError(`${path}.zones`, `is empty but zonal pools are required, and ${regionInfo.displayName} has ${regionInfo.zones.length === 0 ? "no availability zones" : "zones"}`, this.zones, regionInfo.zones.length === 0 ? "choose a region with availability zones, or set requireZonalPools to false" : `use zones ${JSON.stringify(regionInfo.zones)}`);
    }

    const sys = props.systemPool ?? {};
    const sysPath = `${path}.systemPool`;
    const sysVmSize = validateVmSize(`${sysPath}.vmSize`, sys.vmSize ?? "Standard_D4ds_v5");
    const sysMin = sys.minCount ?? 3;
    const sysMax = sys.maxCount ?? 6;
    validateNodeCounts(sysPath, sysMin, sysMax, 1);
    const sysMaxPods = validateRange(`${sysPath}.maxPods`, sys.maxPods ?? 110, 30, 250)!;
    const sysOsSku = validateEnum(`${sysPath}.osSku`, sys.osSku ?? "AzureLinux", ["AzureLinux", "Ubuntu"])!;
    const sysOsDisk = chooseOsDisk(sysVmSize, validateRange(`${sysPath}.osDiskSizeGb`, sys.osDiskSizeGb, 30, 2048));
    const sysSurge = validatePattern(`${sysPath}.maxSurge`, sys.maxSurge ?? "33%", /^([1-9]\d*|[1-9]\d?%|100%)$/, 'use a node count such as "1" or a percentage such as "33%"')!;

    const as = props.autoscaler ?? {};
    const expander = validateEnum(`${path}.autoscaler.expander`, as.expander ?? "least-waste", ["least-waste", "most-pods", "priority", "random"])!;
    const delayAfterAdd = validateRange(`${path}.autoscaler.scaleDownDelayAfterAddMinutes`, as.scaleDownDelayAfterAddMinutes ?? 10, 1, 1440)!;
    const unneeded = validateRange(`${path}.autoscaler.scaleDownUnneededMinutes`, as.scaleDownUnneededMinutes ?? 10, 1, 1440)!;
    const threshold = validateRange(`${path}.autoscaler.scaleDownUtilizationThreshold`, as.scaleDownUtilizationThreshold ?? 0.5, 0.1, 1, { integer: false })!;
    const graceful = validateRange(`${path}.autoscaler.maxGracefulTerminationSeconds`, as.maxGracefulTerminationSeconds ?? 600, 30, 3600)!;
    const rotation = validatePattern(`${path}.secretRotationInterval`, props.secretRotationInterval ?? "2m", DURATION, 'use a duration such as "2m" or "1h"')!;

    this.name = props.name ? validateResourceName(`${path}.name`, "kubernetes_cluster", props.name) : namer.name("kubernetes_cluster");
    const dnsPrefix = validatePattern(`${path}.dnsPrefix`, props.dnsPrefix ?? this.name.replace(/^aks-/, ""), DNS_PREFIX, "use 1-54 letters, digits and hyphens, starting and ending with a letter or digit")!;
    this.podCidr = pods.text;
    this.podCidrPrefix = pods.prefix;
    this.network = props.network;
    this.systemMaxCount = sysMax;

    // --- identities ---
    this.controlPlaneIdentity = new UserAssignedIdentity(this, "ControlPlaneIdentity", {
      name: namer.name("user_assigned_identity", { qualifier: "aks" }),
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
    });
    this.kubeletIdentity = new UserAssignedIdentity(this, "KubeletIdentity", {
      name: namer.name("user_assigned_identity", { qualifier: "kubelet" }),
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
    });
    // The control plane assigns the kubelet identity to the node VMs.
    const kubeletOperator = new RoleAssignment(this, "ControlPlaneManagedIdentityOperator", {
      scope: this.kubeletIdentity.id,
      roleDefinitionName: "Managed Identity Operator",
      principalId: this.controlPlaneIdentity.principalId,
      principalType: "ServicePrincipal",
      skipServicePrincipalAadCheck: true,
    });
    // The control plane joins node NICs and internal load balancer frontends to the subnets.
    const subnetRoles = (["systemNodes", "userNodes", "gateway"] as const).map(
      (role) =>
        new RoleAssignment(this, `ControlPlaneNetworkContributor${role.charAt(0).toUpperCase()}${role.slice(1)}`, {
          scope: props.network.subnet(role).subnet.id,
          roleDefinitionName: "Network Contributor",
          principalId: this.controlPlaneIdentity.principalId,
          principalType: "ServicePrincipal",
          skipServicePrincipalAadCheck: true,
        }),
    );

    const window = (w: Required<MaintenanceWindow>) => ({
      frequency: "Weekly",
      interval: 1,
      dayOfWeek: w.dayOfWeek,
      startTime: w.startTime,
      duration: w.durationHours,
      utcOffset: w.utcOffset,
    });

    const config: KubernetesClusterConfig = {
      name: this.name,
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
      nodeResourceGroup: namer.name("resource_group", { qualifier: "aksnodes" }),
      dnsPrefix,
      kubernetesVersion: props.kubernetesVersion,
      skuTier,
      supportPlan: skuTier === "Premium" ? "AKSLongTermSupport" : "KubernetesOfficial",
      costAnalysisEnabled: skuTier !== "Free",
      automaticUpgradeChannel: upgradeChannel === "none" ? undefined : upgradeChannel,
      nodeOsUpgradeChannel: nodeOsChannel,
      maintenanceWindowAutoUpgrade: upgradeChannel === "none" ? undefined : window(upgradeWindow),
      maintenanceWindowNodeOs: nodeOsChannel === "None" || nodeOsChannel === "Unmanaged" ? undefined : window(nodeOsWindow),
      // Access: Entra ID only, authorised through Azure RBAC.
      localAccountDisabled: true,
      roleBasedAccessControlEnabled: true,
      azureActiveDirectoryRoleBasedAccessControl: {
        azureRbacEnabled: true,
        adminGroupObjectIds: props.adminGroupObjectIds,
        tenantId: props.tenantId,
      },
      ...(apiServer.mode === "private"
        ? { privateClusterEnabled: true, privateClusterPublicFqdnEnabled: false, privateDnsZoneId: "System" }
        : { privateClusterEnabled: false, apiServerAccessProfile: { authorizedIpRanges: apiServer.authorizedIpRanges } }),
      oidcIssuerEnabled: true,
      workloadIdentityEnabled: true,
      azurePolicyEnabled: true,
      imageCleanerEnabled: true,
      imageCleanerIntervalHours: 48,
      keyVaultSecretsProvider: { secretRotationEnabled: true, secretRotationInterval: rotation },
      workloadAutoscalerProfile: { kedaEnabled: props.kedaEnabled ?? true },
      omsAgent: { logAnalyticsWorkspaceId: props.logAnalytics.id, msiAuthForMonitoringEnabled: true },
      monitorMetrics: props.prometheus ? {} : undefined,
      identity: { type: "UserAssigned", identityIds: [this.controlPlaneIdentity.id] },
      kubeletIdentity: {
        clientId: this.kubeletIdentity.clientId,
        objectId: this.kubeletIdentity.principalId,
        userAssignedIdentityId: this.kubeletIdentity.id,
      },
      networkProfile: {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        networkDataPlane: networkPolicy === "cilium" ? "cilium" : "azure",
        networkPolicy,
        outboundType,
        loadBalancerSku: "standard",
        podCidr,
        serviceCidr,
        dnsServiceIp,
      },
      defaultNodePool: {
        name: "system",
        vmSize: sysVmSize,
        vnetSubnetId: props.network.subnet("systemNodes").subnet.id,
        zones: this.zones.length > 0 ? this.zones : undefined,
        onlyCriticalAddonsEnabled: true,
        autoScalingEnabled: true,
        minCount: sysMin,
        maxCount: sysMax,
        maxPods: sysMaxPods,
        osSku: sysOsSku,
        osDiskType: sysOsDisk.type,
        osDiskSizeGb: sysOsDisk.sizeGb,
        temporaryNameForRotation: temporaryPoolName("system"),
        upgradeSettings: { maxSurge: sysSurge, drainTimeoutInMinutes: 30 },
        nodeLabels: { "workload-class": "system" },
      },
      autoScalerProfile: {
        expander,
        balanceSimilarNodeGroups: as.balanceSimilarNodeGroups ?? true,
        scaleDownDelayAfterAdd: `${delayAfterAdd}m`,
        scaleDownUnneeded: `${unneeded}m`,
        scaleDownUtilizationThreshold: String(threshold),
        maxGracefulTerminationSec: String(graceful),
        skipNodesWithSystemPods: true,
      },
      dependsOn: [kubeletOperator, ...subnetRoles],
      lifecycle: { ignoreChanges: ["default_node_pool[0].node_count"] },
    };
    this.cluster = new KubernetesCluster(this, "Resource", config);

    if (props.containerRegistry) {
      new RoleAssignment(this, "KubeletAcrPull", {
        scope: props.containerRegistry.id,
        roleDefinitionName: "AcrPull",
        principalId: this.kubeletIdentity.principalId,
        principalType: "ServicePrincipal",
        skipServicePrincipalAadCheck: true,
      });
    }

    // --- monitoring ---
    new ContainerInsights(this, "ContainerInsights", {
      cluster: this.cluster,
      workspace: props.logAnalytics,
      resourceGroup: props.resourceGroup,
      namer,
    });
    props.prometheus?.collectFrom(this.cluster);
    new DiagnosticSettings(this, "Diagnostics", {
      targetResourceId: this.cluster.id,
      workspace: props.logAnalytics,
      logCategories: [...AKS_LOG_CATEGORIES],
    });

    this.node.addValidation({ validate: () => this.validatePodCapacity() });
  }

  /** The cluster's resource ID. */
  public get id(): string {
    return this.cluster.id;
  }

  /** The OIDC issuer URL, for workload identity federated credentials. */
  public get oidcIssuerUrl(): string {
    return this.cluster.oidcIssuerUrl;
  }

  /** The user node pools added so far, by name. */
  public get nodePools(): ReadonlyMap<string, NodePool> {
    return this.pools;
  }

  /**
   * Adds an autoscaled user node pool. `name` is the pool's name in AKS (1–12 lowercase letters and digits) and its
   * construct id, so renaming it replaces the pool.
   */
  public addNodePool(name: string, options: NodePoolOptions = {}): NodePool {
    validatePattern(`aks.nodePools.${name}.name`, name, NODE_POOL_NAME, "use 1-12 lowercase letters and digits, starting with a letter");
    if (name === "system" || this.pools.has(name)) {
      throw new ValidationError(`aks.nodePools.${name}.name`, "is already used by another pool of this cluster", name, "give every pool its own name");
    }
    // Pools are rotated through a temporary copy; its name must not meet another pool's name or temporary name.
    for (const other of ["system", ...this.pools.keys()]) {
      const clash = [temporaryPoolName(name) === other, name === temporaryPoolName(other), temporaryPoolName(name) === temporaryPoolName(other)].some(Boolean);
      if (clash) {
        throw new ValidationError(`aks.nodePools.${name}.name`, `collides with pool "${other}" when either is rotated (temporary names ${temporaryPoolName(name)} / ${temporaryPoolName(other)})`, name, "make the first nine characters differ from every other pool's, and avoid names ending in tmp that match another pool");
      }
    }
    const pool = new NodePool(this, `NodePool${name}`, {
      ...options,
      name,
      kubernetesClusterId: this.cluster.id,
      region: this.region,
      vnetSubnetId: this.network.subnet("userNodes").subnet.id,
      defaultZones: this.zones,
      requireZones: this.requireZones,
    });
    this.pools.set(name, pool);
    return pool;
  }

  /**
   * Grants an Entra ID principal a Kubernetes role through Azure RBAC, on the whole cluster or one namespace.
   */
  public grantRbac(id: string, principalObjectId: string, role: AksRbacRole, options: { namespace?: string; principalType?: "User" | "Group" | "ServicePrincipal" } = {}): RoleAssignment {
    const path = `aks.rbac.${id}`;
    validatePattern(`${path}.principalObjectId`, principalObjectId, GUID, "use an Entra ID object ID (a GUID)");
    validateEnum(`${path}.role`, role, Object.keys(RBAC_ROLE_NAMES) as AksRbacRole[]);
    if (options.namespace !== undefined) {
      validatePattern(`${path}.namespace`, options.namespace, /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "use a Kubernetes namespace name (DNS label)");
      if (role === "clusterAdmin") {
        throw new ValidationError(`${path}.role`, "cannot be scoped to a namespace", role, 'use "admin", "writer" or "reader" for a namespace');
      }
    }
    return new RoleAssignment(this, `Rbac${id}`, {
      scope: options.namespace ? `${this.cluster.id}/namespaces/${options.namespace}` : this.cluster.id,
      roleDefinitionName: RBAC_ROLE_NAMES[role],
      principalId: principalObjectId,
      principalType: options.principalType ?? "Group",
    });
  }

  /** With overlay networking each node takes a /24 of the pod CIDR; the pools' maxima must fit. */
  private validatePodCapacity(): string[] {
    const capacity = 2 ** (24 - this.podCidrPrefix);
    const total = this.systemMaxCount + [...this.pools.values()].reduce((n, p) => n + p.maxCount, 0);
    if (total > capacity) {
      return [new ValidationError("aks.podCidr", `has room for ${capacity} nodes but the pools may grow to ${total}`, this.podCidr, "use a larger pod CIDR or lower the pools' maxCount").message];
    }
    return [];
  }
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function validateWindow(path: string, window: MaintenanceWindow): Required<MaintenanceWindow> {
  validateEnum(`${path}.dayOfWeek`, window.dayOfWeek, WEEKDAYS);
  validatePattern(`${path}.startTime`, window.startTime, TIME, 'use "HH:MM" in 24-hour time');
  validateRange(`${path}.durationHours`, window.durationHours, 4, 24);
  const utcOffset = validatePattern(`${path}.utcOffset`, window.utcOffset ?? "+00:00", UTC_OFFSET, 'use "+HH:MM" or "-HH:MM"')!;
  return { ...window, utcOffset };
}
