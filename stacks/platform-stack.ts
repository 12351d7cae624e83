import { AzurermBackend, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import type { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { AksCluster, AksRbacRole } from "../lib/aks/aks-cluster";
import { ValidationError } from "../lib/core/errors";
import { ResourceNamer } from "../lib/core/naming";
import { StandardTagsAspect } from "../lib/core/tags";
import { StaticPublicIp } from "../lib/network/public-ip";
import { VirtualNetwork } from "../lib/network/virtual-network";
import { AlertActionGroup } from "../lib/observability/action-group";
import { LogAnalytics } from "../lib/observability/log-analytics";
import { ManagedPrometheus } from "../lib/observability/managed-prometheus";
import type { RegionConfig } from "./config/environment-config";
import { CdcPipeline } from "../lib/cdc/cdc-pipeline";
import { PlatformData } from "./platform-data";
import { CDC_CHECKPOINT_CONTAINER } from "./cdc-names";
import { addAzurermProvider } from "./providers";
import type { ResolvedEnvironment, ResolvedTeam } from "./config/resolve";

/** Props for {@link RegionalPlatformStack}. */
export interface RegionalPlatformStackProps {
  /** The environment, resolved from its config. */
  readonly environment: ResolvedEnvironment;
  /** The region this stack builds. */
  readonly region: RegionConfig;
  /**
   * The region's part in the environment ({@link regionRoles}): the `primary` runs everything and holds the writable
   * database; a `secondary` runs everything with replicas of the primary's data; a `standby` (backup-restore) holds only
   * the network a restore needs.
   * @default "primary"
   */
  readonly role?: RegionRole;
  /** The primary region's platform stack, for a secondary region's replicas. */
  readonly primary?: RegionalPlatformStack;
}

/** What a region does in its environment. */
export type RegionRole = "primary" | "secondary" | "standby";

/**
 * Each region's role: the first region is the primary; under `backup-restore` the others are standbys that hold the
 * network and restore target only (backups are geo-redundant), otherwise secondaries that run the platform and serve.
 */
export function regionRoles(environment: Pick<ResolvedEnvironment, "regions" | "failoverMode">): RegionRole[] {
  return environment.regions.map((_, i) => (i === 0 ? "primary" : environment.failoverMode === "backup-restore" ? "standby" : "secondary"));
}

/** The service tag of Front Door's back end: the only source a gateway behind Front Door accepts web traffic from. */
export const FRONT_DOOR_SERVICE_TAG = "AzureFrontDoor.Backend";

/** The Terraform stack name of an environment's platform in one region: `<env>-<region>-platform`. */
export function platformStackName(environment: string, region: string): string {
  return `${environment}-${region}-platform`;
}

/** The Kubernetes role (through Azure RBAC) each of a team's Entra ID group lists receives on the team's namespaces. */
export const TEAM_GROUP_ROLES: ReadonlyArray<readonly [keyof ResolvedTeam["entraGroups"], AksRbacRole]> = [
  ["admins", "admin"],
  ["developers", "writer"],
  ["readers", "reader"],
];

/**
 * Grants a team's Entra ID groups their roles on each of the team's namespaces: one Azure role assignment per group,
 * role and namespace, scoped to `<cluster id>/namespaces/<namespace>`. The assignment's id is built from the team,
 * namespace, role and group, so reordering a list never replaces an assignment. The namespace need not exist yet:
 * Azure RBAC checks the scope when a request arrives.
 */
export function grantTeamAccess(cluster: AksCluster, team: ResolvedTeam): RoleAssignment[] {
  const grants: RoleAssignment[] = [];
  for (const namespace of team.namespaces) {
    for (const [list, role] of TEAM_GROUP_ROLES) {
      for (const group of team.entraGroups[list]) {
        grants.push(cluster.grantRbac(`Team-${team.name}-${namespace}-${role}-${group.toLowerCase()}`, group, role, { namespace, principalType: "Group" }));
      }
    }
  }
  return grants;
}

/**
 * Configures the backend of a stack: the environment's azurerm backend (Blob storage with state locking, Entra ID
 * authentication, one state file per stack) when it names one, otherwise a local state file in the project root.
 * The local path is relative to the stack's working directory (`cdktf.out/stacks/<stack>`), so the synthesized
 * Terraform carries no machine path and the state survives re-synthesis.
 */
export function configureBackend(stack: TerraformStack, environment: ResolvedEnvironment, stackName: string): void {
  if (!environment.backend) {
    new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
    return;
  }
  new AzurermBackend(stack, {
    resourceGroupName: environment.backend.resourceGroupName,
    storageAccountName: environment.backend.storageAccountName,
    containerName: environment.backend.containerName,
    key: `${stackName}.tfstate`,
    subscriptionId: environment.backend.subscriptionId,
    tenantId: environment.backend.tenantId,
    useAzureadAuth: true,
  });
}

/**
 * The Azure resources of one environment in one region: resource group, network, Log Analytics, managed Prometheus
 * and Grafana, the AKS cluster with its node pools and the teams' namespace-scoped role assignments
 * ({@link grantTeamAccess}), and the data and messaging services ({@link PlatformData}). One Terraform state per region,
 * so a region that fails to apply never blocks another.
 */
export class RegionalPlatformStack extends TerraformStack {
  public readonly resourceGroup: ResourceGroup;
  /** The resource group's name, known at synth (for stacks that look the cluster up by name). */
  public readonly resourceGroupName: string;
  public readonly network: VirtualNetwork;
  public readonly logAnalytics: LogAnalytics;
  public readonly prometheus?: ManagedPrometheus;
  /** What this region does in the environment. */
  public readonly role: RegionRole;
  /** The action group the region's alerts notify, when the environment names alert e-mail addresses. */
  public readonly alerts?: AlertActionGroup;
  /** The change data capture pipeline (Azure side), in the primary region when the environment captures changes. */
  public readonly cdc?: CdcPipeline;
  /** The gateway's static public address, when the environment exposes its gateway publicly. */
  public readonly gatewayIp?: StaticPublicIp;
  public readonly namer: ResourceNamer;
  private readonly built?: { readonly cluster: AksCluster; readonly data: PlatformData };

  /** The AKS cluster. Fails in a standby region, which runs none. */
  public get cluster(): AksCluster {
    return this.serving("cluster").cluster;
  }

  /** The data and messaging services. Fails in a standby region, which runs none. */
  public get data(): PlatformData {
    return this.serving("data").data;
  }

  private serving(what: string): { readonly cluster: AksCluster; readonly data: PlatformData } {
    if (!this.built) throw new Error(`${this.node.id} is a standby region: it has no ${what} until the environment fails over to it (docs/high-availability.md)`);
    return this.built;
  }

  constructor(scope: Construct, props: RegionalPlatformStackProps) {
    const env = props.environment;
    const stackName = platformStackName(env.name, props.region.name);
    super(scope, stackName);
    const index = env.regions.findIndex((r) => r.name === props.region.name);
    const prefix = `environments.${env.name}.regions[${index}](${props.region.name})`;

    this.namer = new ResourceNamer({ workload: env.workload, environment: env.name, region: props.region.name, uniqueSeed: env.uniqueSeed });
    this.resourceGroupName = this.namer.name("resource_group");

    addAzurermProvider(this);
    configureBackend(this, env, stackName);
    StandardTagsAspect.applyTo(this, env.tags);

    this.role = props.role ?? "primary";
    const role = this.role;
    if (role === "secondary" && !props.primary) {
      throw new ValidationError(prefix, "is a secondary region without its primary", props.region.name, "pass the primary region's platform stack");
    }
    const built = ValidationError.within(prefix, () => {
      const resourceGroup = new ResourceGroup(this, "ResourceGroup", { name: this.resourceGroupName, location: props.region.name });
      const network = new VirtualNetwork(this, "Network", { resourceGroup, namer: this.namer, addressSpace: props.region.addressSpace });
      const logAnalytics = new LogAnalytics(this, "LogAnalytics", { resourceGroup, namer: this.namer, retentionDays: env.monitoring.logRetentionDays });
      // A standby region (backup-restore) holds the network a restore lands in; the data comes from geo-redundant
      // backups and storage. Failing over means switching the environment to active-passive, which adds the rest here.
      if (role === "standby") return { resourceGroup, network, logAnalytics };
      const prometheus = env.monitoring.prometheus
        ? new ManagedPrometheus(this, "Prometheus", {
            resourceGroup,
            namer: this.namer,
            grafanaZoneRedundancyEnabled: env.monitoring.grafanaZoneRedundant,
            grafanaAdminObjectIds: [...env.monitoring.grafanaAdminObjectIds],
          })
        : undefined;
      const { nodePools, ...aks } = env.aks;
      const cluster = new AksCluster(this, "Aks", { resourceGroup, namer: this.namer, network, logAnalytics, prometheus, ...aks });
      for (const [name, options] of Object.entries(nodePools)) cluster.addNodePool(name, options);
      env.teams.forEach((team, t) => ValidationError.within(`teams[${t}]`, () => grantTeamAccess(cluster, team)));
      const data = new PlatformData(this, "Data", { resourceGroup, namer: this.namer, network, logAnalytics, data: env.data, role, primary: props.primary?.data });
      const alerts = env.monitoring.alertEmails.length > 0 ? new AlertActionGroup(this, "Alerts", { resourceGroup, namer: this.namer, emails: [...env.monitoring.alertEmails] }) : undefined;
      const cdc = role === "primary" && env.data.cdc && data.postgres ? addCdc(env, resourceGroup, data, cluster, prometheus, alerts) : undefined;
      let gatewayIp: StaticPublicIp | undefined;
      if (env.gateway && (env.gateway.exposure ?? "public") === "public") {
        gatewayIp = new StaticPublicIp(this, "GatewayIp", { resourceGroup, namer: this.namer, qualifier: "gateway" });
        gatewayIp.grantUse(cluster.controlPlaneIdentity);
        // The gateway's proxies run on the user nodes; load-balanced packets keep the public IP as destination. Behind
        // Front Door only its back end may connect, so clients cannot go around Front Door (the tag covers every Front
        // Door profile; the X-Azure-FDID check at the gateway is not built yet, docs/high-availability.md).
        const behindFrontDoor = env.edge?.type === "front-door";
        network.addInboundRule("userNodes", "AllowWebToGateway", {
          priority: 200,
          sourceAddressPrefix: behindFrontDoor ? FRONT_DOOR_SERVICE_TAG : "Internet",
          destinationAddressPrefix: gatewayIp.ipAddress,
          destinationPortRanges: ["80", "443"],
          description: behindFrontDoor
            ? "HTTP (ACME challenges, redirects) and HTTPS from Front Door's back end to the gateway's public IP"
            : "HTTP (redirected) and HTTPS from the internet to the gateway's public IP",
        });
      }
      return { resourceGroup, network, logAnalytics, prometheus, cluster, data, gatewayIp, cdc, alerts };
    });
    this.resourceGroup = built.resourceGroup;
    this.network = built.network;
    this.logAnalytics = built.logAnalytics;
    if (built.cluster && built.data) {
      this.prometheus = built.prometheus;
      this.built = { cluster: built.cluster, data: built.data };
      this.gatewayIp = built.gatewayIp;
      this.cdc = built.cdc;
      this.alerts = built.alerts;
    }

    new TerraformOutput(this, "resource_group_name", { value: this.resourceGroup.name, description: "Resource group of the regional platform" });
    new TerraformOutput(this, "virtual_network_id", { value: this.network.id, description: "Regional virtual network ID" });
    if (this.built) {
      new TerraformOutput(this, "cluster_name", { value: this.cluster.cluster.name, description: "AKS cluster name" });
      new TerraformOutput(this, "cluster_id", { value: this.cluster.id, description: "AKS cluster resource ID" });
      new TerraformOutput(this, "oidc_issuer_url", { value: this.cluster.oidcIssuerUrl, description: "OIDC issuer for workload identity federation" });
    }
    if (this.gatewayIp) {
      new TerraformOutput(this, "gateway_public_ip", { value: this.gatewayIp.ipAddress, description: "Public IP of the region's gateway (the origin Front Door and DNS point at)" });
    }
  }
}

/**
 * Change data capture from the primary database into the region's Event Hubs: logical decoding on the server, a hub per
 * captured table, a consumer group per consuming service (and per external consumer), and the replication-lag, WAL-size
 * and consumer-lag alerts. Debezium itself runs in the apps stack.
 */
function addCdc(env: ResolvedEnvironment, resourceGroup: ResourceGroup, data: PlatformData, cluster: AksCluster, prometheus: ManagedPrometheus | undefined, alerts: AlertActionGroup | undefined): CdcPipeline {
  const cdc = env.data.cdc!;
  // Consumers checkpoint their position per partition in the region's storage (KEDA reads the same blobs for the lag).
  data.storage.addContainer(CDC_CHECKPOINT_CONTAINER);
  // Each consuming service reads one table's hub; external consumers (an analytics job) read every hub and have no
  // scaler, so KEDA reports no lag for them.
  const services = env.teams.flatMap((team) => Object.entries(team.services ?? {}).flatMap(([name, service]) => (service.consumesChanges ? [[name, service.consumesChanges.table] as const] : [])));
  const consumers = services.map(([name]) => name);
  return ValidationError.within("data", () =>
    new CdcPipeline(data, "Cdc", {
      server: data.postgres!,
      database: cdc.database,
      tables: [...cdc.tables],
      eventHubs: data.eventHubs,
      topicPrefix: cdc.topicPrefix,
      slotName: cdc.slotName,
      publicationName: cdc.publicationName,
      resourceGroup,
      partitionCount: cdc.partitionCount,
      consumers: [...consumers, ...cdc.externalConsumers],
      consumerTables: Object.fromEntries(services.map(([name, table]) => [name, [table]])),
      alerts: {
        ...(prometheus && consumers.length > 0 ? { prometheus, clusterName: cluster.name, lagWatchedConsumers: consumers } : {}),
        actionGroupIds: alerts ? [alerts.id] : [],
      },
    }),
  );
}
