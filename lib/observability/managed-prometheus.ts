import { DashboardGrafana } from "@cdktf/provider-azurerm/lib/dashboard-grafana";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { MonitorAlertPrometheusRuleGroup } from "@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group";
import { MonitorDataCollectionEndpoint } from "@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint";
import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { MonitorWorkspace } from "@cdktf/provider-azurerm/lib/monitor-workspace";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { region } from "../core/regions";
import { isUnresolved, validateGuid, validateUnique } from "../core/validate";
import { clusterKey } from "./private/cluster-key";
import { KUBERNETES_RECORDING_RULES, NODE_RECORDING_RULES, RecordingRule } from "./private/recording-rules";

/**
 * Grafana major version of the Managed Grafana instance. azurerm 4.55 accepts `"10"` and `"11"`; 10 is retired, so
 * 11 is the newest this provider version can create. Azure has since moved on (12, then 13), and provider releases
 * after 4.55 accept `"12"`; after upgrading the provider, set `managedPrometheus.grafana.grafanaMajorVersion` through
 * the escape hatch (the change replaces the instance).
 */
export const GRAFANA_MAJOR_VERSION = "11";

/** Built-in role that lets Grafana's identity query the Azure Monitor workspace. */
export const MONITORING_DATA_READER_ROLE = "Monitoring Data Reader";

/** Built-in role that grants full administration inside a Managed Grafana instance. */
export const GRAFANA_ADMIN_ROLE = "Grafana Admin";

/** Stream that carries Prometheus metrics from the AKS metrics add-on (ama-metrics) to the workspace. */
export const PROMETHEUS_METRICS_STREAM = "Microsoft-PrometheusMetrics";


/** Properties of {@link ManagedPrometheus}. */
export interface ManagedPrometheusProps {
  /** Resource group of the Azure Monitor workspace and the Grafana instance; both take its location. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region; also decides whether the region has availability zones. */
  readonly namer: ResourceNamer;
  /**
   * Azure Monitor workspace name, instead of the generated one (4-44 letters, digits and hyphens).
   * @default namer.name("monitor_workspace")
   */
  readonly name?: string;
  /**
   * Allow the Azure Monitor workspace's query endpoint to be reached over the public internet (Entra ID
   * authentication still applies). Disabling it cuts off Managed Grafana unless you add a Grafana managed private
   * endpoint, and ingestion from the cluster unless its data collection endpoint is reached through an Azure Monitor
   * Private Link Scope; this construct builds neither, so keep it on unless you add them.
   * @default true
   */
  readonly publicNetworkAccessEnabled?: boolean;
  /**
   * Create an Azure Managed Grafana instance (Standard SKU) wired to the workspace.
   * @default true
   */
  readonly grafanaEnabled?: boolean;
  /**
   * Grafana instance name, instead of the generated one (2-23 letters, digits and hyphens; part of a global DNS name).
   * @default namer.name("dashboard_grafana")
   */
  readonly grafanaName?: string;
  /**
   * Spread the Grafana instance across availability zones. Only regions with zones support it; the setting cannot be
   * changed after creation.
   * @default true in regions with availability zones, false elsewhere
   */
  readonly grafanaZoneRedundancyEnabled?: boolean;
  /**
   * Allow the Grafana UI and API to be reached over the public internet (sign-in with Entra ID still required).
   * Turning it off needs a private endpoint to the instance and private DNS, which this construct does not build.
   * @default true
   */
  readonly grafanaPublicNetworkAccessEnabled?: boolean;
  /**
   * Microsoft Entra object IDs (users or groups) that get the `Grafana Admin` role on the instance.
   * @default - none
   */
  readonly grafanaAdminObjectIds?: string[];
}

/** The resources {@link ManagedPrometheus.collectFrom} creates for one cluster. */
export interface PrometheusCollection {
  /** Data collection endpoint (kind Linux) the metrics add-on fetches its configuration from. */
  readonly dataCollectionEndpoint: MonitorDataCollectionEndpoint;
  /** Data collection rule that forwards `Microsoft-PrometheusMetrics` to the Azure Monitor workspace. */
  readonly dataCollectionRule: MonitorDataCollectionRule;
  /** Association of the data collection rule with the cluster. */
  readonly ruleAssociation: MonitorDataCollectionRuleAssociation;
  /** Association of the data collection endpoint with the cluster (`configurationAccessEndpoint`). */
  readonly endpointAssociation: MonitorDataCollectionRuleAssociation;
  /** Node recording rules (`NodeRecordingRulesRuleGroup-<cluster>`). */
  readonly nodeRecordingRules: MonitorAlertPrometheusRuleGroup;
  /** Kubernetes recording rules (`KubernetesRecordingRulesRuleGroup-<cluster>`). */
  readonly kubernetesRecordingRules: MonitorAlertPrometheusRuleGroup;
}

/**
 * Azure Monitor managed service for Prometheus: an Azure Monitor workspace that stores the metrics, an Azure Managed
 * Grafana instance that reads them with its managed identity, and {@link collectFrom} to connect AKS clusters (data
 * collection endpoint, rule, associations and Azure's standard recording rules).
 *
 * The cluster itself must enable the metrics add-on (`monitor_metrics {}` on `azurerm_kubernetes_cluster`).
 *
 * @example
 * const prometheus = new ManagedPrometheus(this, "Prometheus", {
 *   resourceGroup,
 *   namer,
 *   grafanaAdminObjectIds: ["00000000-0000-0000-0000-000000000000"],
 * });
 * prometheus.collectFrom(aks.cluster);
 */
export class ManagedPrometheus extends Construct {
  /** The Azure Monitor workspace (L1), an escape hatch. */
  public readonly workspace: MonitorWorkspace;
  /** The Managed Grafana instance (L1); undefined when `grafanaEnabled` is false. */
  public readonly grafana?: DashboardGrafana;
  /** `Monitoring Data Reader` on the workspace for Grafana's identity; undefined without Grafana. */
  public readonly grafanaDataReader?: RoleAssignment;
  /** `Grafana Admin` assignments, in the order of `grafanaAdminObjectIds`. */
  public readonly grafanaAdmins: RoleAssignment[];

  private readonly namer: ResourceNamer;
  private readonly collected = new Set<string>();

  constructor(scope: Construct, id: string, props: ManagedPrometheusProps) {
    super(scope, id);

    const name = props.name !== undefined
      ? validateResourceName("managedPrometheus.name", "monitor_workspace", props.name)
      : props.namer.name("monitor_workspace");
    const grafanaEnabled = props.grafanaEnabled ?? true;
    const adminIds = props.grafanaAdminObjectIds ?? [];
    if (!grafanaEnabled) {
      const grafanaOnly = (["grafanaName", "grafanaZoneRedundancyEnabled", "grafanaPublicNetworkAccessEnabled", "grafanaAdminObjectIds"] as const)
        .filter((key) => props[key] !== undefined);
      if (grafanaOnly.length > 0) {
        throw new ValidationError(`managedPrometheus.${grafanaOnly[0]}`, "is set but grafanaEnabled is false", props[grafanaOnly[0]], "remove the Grafana settings or enable Grafana");
      }
    }
    const grafanaName = grafanaEnabled
      ? props.grafanaName !== undefined
        ? validateResourceName("managedPrometheus.grafanaName", "dashboard_grafana", props.grafanaName)
        : props.namer.name("dashboard_grafana")
      : undefined;
    const regionInfo = region(props.namer.context.region, "namer.region");
    const regionHasZones = regionInfo.zones.length > 0;
    if (props.grafanaZoneRedundancyEnabled === true && !regionHasZones) {
      throw new ValidationError(
        "managedPrometheus.grafanaZoneRedundancyEnabled",
        `needs availability zones, which ${regionInfo.displayName} does not have`,
        true,
        "leave it unset or false in this region",
      );
    }
    if (!isUnresolved(adminIds)) {
      adminIds.forEach((objectId, i) =>
        validateGuid(`managedPrometheus.grafanaAdminObjectIds[${i}]`, objectId, "a Microsoft Entra object ID"),
      );
      validateUnique("managedPrometheus.grafanaAdminObjectIds", adminIds, (objectId) => objectId.toLowerCase());
    }

    this.namer = props.namer;
    this.workspace = new MonitorWorkspace(this, "Resource", {
      name,
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
      publicNetworkAccessEnabled: props.publicNetworkAccessEnabled ?? true,
    });

    this.grafanaAdmins = [];
    if (grafanaName !== undefined) {
      const grafana = new DashboardGrafana(this, "Grafana", {
        name: grafanaName,
        location: props.resourceGroup.location,
        resourceGroupName: props.resourceGroup.name,
        sku: "Standard",
        grafanaMajorVersion: GRAFANA_MAJOR_VERSION,
        apiKeyEnabled: false,
        publicNetworkAccessEnabled: props.grafanaPublicNetworkAccessEnabled ?? true,
        zoneRedundancyEnabled: props.grafanaZoneRedundancyEnabled ?? regionHasZones,
        identity: { type: "SystemAssigned" },
        azureMonitorWorkspaceIntegrations: [{ resourceId: this.workspace.id }],
      });
      this.grafana = grafana;
      this.grafanaDataReader = new RoleAssignment(this, "GrafanaMonitoringDataReader", {
        scope: this.workspace.id,
        roleDefinitionName: MONITORING_DATA_READER_ROLE,
        principalId: grafana.identity.principalId,
        principalType: "ServicePrincipal",
      });
      adminIds.forEach((objectId, i) => {
        // The object ID is the construct id so that removing one admin does not re-create the others.
        const suffix = isUnresolved(objectId) ? String(i) : objectId.toLowerCase();
        this.grafanaAdmins.push(
          new RoleAssignment(this, `GrafanaAdmin-${suffix}`, {
            scope: grafana.id,
            roleDefinitionName: GRAFANA_ADMIN_ROLE,
            principalId: objectId,
          }),
        );
      });
    }
  }

  /** Resource ID of the Azure Monitor workspace. */
  public get id(): string {
    return this.workspace.id;
  }

  /** Azure region of the Azure Monitor workspace. */
  public get location(): string {
    return this.workspace.location;
  }

  /**
   * Sends the cluster's Prometheus metrics to this workspace and records Azure's standard node and Kubernetes
   * recording rules for it. The endpoint, rule and rule groups live in the cluster's resource group and in the
   * workspace's region (Azure's onboarding templates place them there; with one workspace per region this is also
   * the cluster's region). Construct ids start with the cluster's id (its parent's id when the L1 is an L2's
   * `Resource`), so each cluster can be collected once.
   */
  public collectFrom(cluster: KubernetesCluster): PrometheusCollection {
    const key = clusterKey(cluster);
    if (this.collected.has(key.id)) {
      throw new ValidationError(
        `managedPrometheus.collectFrom(${key.id})`,
        "already collects from a cluster with this construct id",
        key.id,
        "collect from each cluster once; give clusters distinct construct ids",
      );
    }
    this.collected.add(key.id);

    const location = this.workspace.location;
    const resourceGroupName = cluster.resourceGroupName;
    const qualifier = `${key.segment}prom`;

    const dataCollectionEndpoint = new MonitorDataCollectionEndpoint(this, `${key.id}-DataCollectionEndpoint`, {
      name: this.namer.name("monitor_data_collection_endpoint", { qualifier }),
      location,
      resourceGroupName,
      kind: "Linux",
      description: "Data collection endpoint for Azure Monitor managed service for Prometheus",
    });

    const destination = "MonitoringAccount1";
    const dataCollectionRule = new MonitorDataCollectionRule(this, `${key.id}-DataCollectionRule`, {
      name: this.namer.name("monitor_data_collection_rule", { qualifier }),
      location,
      resourceGroupName,
      kind: "Linux",
      dataCollectionEndpointId: dataCollectionEndpoint.id,
      description: "DCR for Azure Monitor Metrics Profile (Managed Prometheus)",
      destinations: { monitorAccount: [{ name: destination, monitorAccountId: this.workspace.id }] },
      dataFlow: [{ streams: [PROMETHEUS_METRICS_STREAM], destinations: [destination] }],
      dataSources: { prometheusForwarder: [{ name: "PrometheusDataSource", streams: [PROMETHEUS_METRICS_STREAM] }] },
    });

    const ruleAssociation = new MonitorDataCollectionRuleAssociation(this, `${key.id}-DataCollectionRuleAssociation`, {
      name: this.namer.name("monitor_data_collection_rule_association", { qualifier: "prom" }),
      targetResourceId: cluster.id,
      dataCollectionRuleId: dataCollectionRule.id,
      description: "Association of data collection rule. Deleting this association will break the data collection for this AKS Cluster.",
    });

    // Azure requires this exact name for the association that points a resource at its configuration endpoint.
    const endpointAssociation = new MonitorDataCollectionRuleAssociation(this, `${key.id}-DataCollectionEndpointAssociation`, {
      name: "configurationAccessEndpoint",
      targetResourceId: cluster.id,
      dataCollectionEndpointId: dataCollectionEndpoint.id,
      description: "Association of data collection endpoint. Deleting this association will break the data collection for this AKS Cluster.",
    });

    const ruleGroup = (suffix: string, groupName: string, description: string, rules: readonly RecordingRule[]) =>
      new MonitorAlertPrometheusRuleGroup(this, `${key.id}-${suffix}`, {
        name: `${groupName}-${cluster.name}`,
        location,
        resourceGroupName,
        clusterName: cluster.name,
        description,
        ruleGroupEnabled: true,
        interval: "PT1M",
        scopes: [this.workspace.id, cluster.id],
        rule: rules.map((rule) => ({ enabled: true, record: rule.record, expression: rule.expression, labels: rule.labels })),
      });

    return {
      dataCollectionEndpoint,
      dataCollectionRule,
      ruleAssociation,
      endpointAssociation,
      nodeRecordingRules: ruleGroup("NodeRecordingRules", "NodeRecordingRulesRuleGroup", "Node Recording Rules Rule Group", NODE_RECORDING_RULES),
      kubernetesRecordingRules: ruleGroup(
        "KubernetesRecordingRules",
        "KubernetesRecordingRulesRuleGroup",
        "Kubernetes Recording Rules Rule Group",
        KUBERNETES_RECORDING_RULES,
      ),
    };
  }
}
