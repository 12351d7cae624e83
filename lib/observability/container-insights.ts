import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { isUnresolved, validateEnum, validatePattern, validateRange, validateUnique } from "../core/validate";
import { LogAnalytics } from "./log-analytics";
import { clusterKey } from "./private/cluster-key";

/**
 * The Container Insights streams collected by default: the tables of Azure's managed-identity onboarding template
 * without the legacy `Microsoft-ContainerLog` (its table is retired on 30 September 2026; container logs go to
 * `ContainerLogV2`).
 *
 * @see https://github.com/microsoft/Docker-Provider/blob/HEAD/scripts/onboarding/aks/onboarding-msi-terraform/variables.tf
 */
export const DEFAULT_CONTAINER_INSIGHTS_STREAMS: readonly string[] = [
  "Microsoft-ContainerLogV2",
  "Microsoft-KubeEvents",
  "Microsoft-KubePodInventory",
  "Microsoft-KubeNodeInventory",
  "Microsoft-KubePVInventory",
  "Microsoft-KubeServices",
  "Microsoft-KubeMonAgentEvents",
  "Microsoft-InsightsMetrics",
  "Microsoft-ContainerInventory",
  "Microsoft-ContainerNodeInventory",
  "Microsoft-Perf",
];

/**
 * Streams the `streams` prop accepts: the defaults plus `Microsoft-ContainerInsights-Group-Default`, the stream group
 * Azure's "All (Default)" cost preset uses.
 */
export const CONTAINER_INSIGHTS_STREAMS: readonly string[] = [...DEFAULT_CONTAINER_INSIGHTS_STREAMS, "Microsoft-ContainerInsights-Group-Default"];

/** Whether a namespace filter keeps only the listed namespaces or everything but them. */
export type NamespaceFilterMode = "Include" | "Exclude";

/** Which Kubernetes namespaces Container Insights collects from. */
export interface NamespaceFilter {
  /** `Include` collects only from `namespaces`; `Exclude` collects from every namespace except them. */
  readonly mode: NamespaceFilterMode;
  /** Namespace names (DNS labels), at least one. */
  readonly namespaces: string[];
}

/** Properties of {@link ContainerInsights}. */
export interface ContainerInsightsProps {
  /** The AKS cluster to collect from. It must enable `oms_agent { msi_auth_for_monitoring_enabled = true }`. */
  readonly cluster: KubernetesCluster;
  /** Workspace that receives the data; the data collection rule is created in its region. */
  readonly workspace: LogAnalytics;
  /** Resource group of the data collection rule. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region. */
  readonly namer: ResourceNamer;
  /**
   * Data collection rule name, instead of the generated one.
   * @default namer.name("monitor_data_collection_rule", { qualifier: "<cluster id>ci" })
   */
  readonly name?: string;
  /**
   * Streams (Log Analytics tables) to collect.
   * @default DEFAULT_CONTAINER_INSIGHTS_STREAMS (ContainerLogV2, events, inventories, InsightsMetrics and Perf)
   */
  readonly streams?: string[];
  /**
   * Minutes between collections of performance and inventory data, 1 to 30. Longer intervals cut ingestion cost
   * and coarsen the charts.
   * @default 1
   */
  readonly collectionIntervalMinutes?: number;
  /**
   * Collect only from some namespaces, or from all but some.
   * @default - off: every namespace
   */
  readonly namespaceFilter?: NamespaceFilter;
}

/** Namespace names are DNS labels (RFC 1123). */
const NAMESPACE = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Container Insights for an AKS cluster with managed identity authentication: a data collection rule with the
 * `ContainerInsights` extension (ContainerLogV2 schema) sending to a {@link LogAnalytics} workspace, and its
 * association with the cluster.
 *
 * @example
 * new ContainerInsights(this, "ContainerInsights", {
 *   cluster: aks.cluster,
 *   workspace: logs,
 *   resourceGroup,
 *   namer,
 *   namespaceFilter: { mode: "Exclude", namespaces: ["kube-system"] },
 * });
 * @see https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-data-collection-dcr
 */
export class ContainerInsights extends Construct {
  /** The data collection rule (L1), an escape hatch. */
  public readonly dataCollectionRule: MonitorDataCollectionRule;
  /** The association of the rule with the cluster (L1). */
  public readonly association: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: ContainerInsightsProps) {
    super(scope, id);

    const key = clusterKey(props.cluster);
    const name = props.name !== undefined
      ? validateResourceName("containerInsights.name", "monitor_data_collection_rule", props.name)
      : props.namer.name("monitor_data_collection_rule", { qualifier: `${key.segment}ci` });
    const streams = props.streams ?? [...DEFAULT_CONTAINER_INSIGHTS_STREAMS];
    if (!isUnresolved(streams)) {
      if (streams.length === 0) {
        throw new ValidationError("containerInsights.streams", "is empty", streams, `name at least one of ${CONTAINER_INSIGHTS_STREAMS.join(", ")}`);
      }
      streams.forEach((stream, i) => {
        if (stream === "Microsoft-ContainerLog") {
          throw new ValidationError(
            `containerInsights.streams[${i}]`,
            "is the legacy container log stream, whose table Azure retires on 30 September 2026",
            stream,
            'use "Microsoft-ContainerLogV2"',
          );
        }
        validateEnum(`containerInsights.streams[${i}]`, stream, CONTAINER_INSIGHTS_STREAMS);
      });
      validateUnique("containerInsights.streams", streams);
    }
    const interval = validateRange("containerInsights.collectionIntervalMinutes", props.collectionIntervalMinutes ?? 1, 1, 30);
    const filter = props.namespaceFilter;
    if (filter !== undefined) {
      validateEnum("containerInsights.namespaceFilter.mode", filter.mode, ["Include", "Exclude"] as const);
      if (!isUnresolved(filter.namespaces)) {
        if (!Array.isArray(filter.namespaces) || filter.namespaces.length === 0) {
          throw new ValidationError("containerInsights.namespaceFilter.namespaces", "is empty", filter.namespaces, "name at least one namespace, or drop namespaceFilter to collect from all");
        }
        filter.namespaces.forEach((ns, i) =>
          validatePattern(`containerInsights.namespaceFilter.namespaces[${i}]`, ns, NAMESPACE, "use a Kubernetes namespace name: 1-63 lowercase letters, digits and hyphens"),
        );
        validateUnique("containerInsights.namespaceFilter.namespaces", filter.namespaces);
      }
    }

    const destination = "ciworkspace";
    const settings = {
      dataCollectionSettings: {
        interval: `${interval}m`,
        namespaceFilteringMode: filter?.mode ?? "Off",
        ...(filter ? { namespaces: filter.namespaces } : {}),
        enableContainerLogV2: true,
      },
    };

    this.dataCollectionRule = new MonitorDataCollectionRule(this, "Resource", {
      name,
      location: props.workspace.location,
      resourceGroupName: props.resourceGroup.name,
      description: "DCR for Azure Monitor Container Insights",
      destinations: { logAnalytics: [{ name: destination, workspaceResourceId: props.workspace.id }] },
      dataFlow: [{ streams, destinations: [destination] }],
      dataSources: {
        extension: [
          {
            name: "ContainerInsightsExtension",
            extensionName: "ContainerInsights",
            streams,
            extensionJson: JSON.stringify(settings),
          },
        ],
      },
    });

    this.association = new MonitorDataCollectionRuleAssociation(this, "Association", {
      name: "ContainerInsightsExtension",
      targetResourceId: props.cluster.id,
      dataCollectionRuleId: this.dataCollectionRule.id,
      description: "Association of container insights data collection rule. Deleting this association will break the data collection for this AKS Cluster.",
    });
  }
}
