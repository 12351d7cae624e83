import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { Testing } from "cdktf";
import { ContainerInsights, ContainerInsightsProps, DEFAULT_CONTAINER_INSIGHTS_STREAMS } from "../../lib/observability/container-insights";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { expectValidationError, ref, resourcesOf, testCluster, testStack } from "./fixtures";

function synth(props: Partial<ContainerInsightsProps> = {}): string {
  const { stack, resourceGroup, namer } = testStack();
  const workspace = new LogAnalytics(stack, "Logs", { resourceGroup, namer });
  const cluster = testCluster(stack, "Aks", resourceGroup);
  new ContainerInsights(stack, "ContainerInsights", { cluster, workspace, resourceGroup, namer, ...props });
  return Testing.synth(stack);
}

/** The parsed extension settings of the (only) data collection rule. */
function extensionSettings(out: string): Record<string, unknown> {
  const [rule] = Object.values(resourcesOf(out, "azurerm_monitor_data_collection_rule"));
  const sources = rule.data_sources as { extension: { extension_json: string }[] };
  return JSON.parse(sources.extension[0].extension_json).dataCollectionSettings;
}

const EXPECTED_DEFAULT_STREAMS = [
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

describe("ContainerInsights", () => {
  test("synthesizes the default rule and association", () => {
    expect(synth()).toMatchSnapshot();
  });

  test("names the rule with the namer and the cluster id, in the workspace region", () => {
    expect(synth()).toHaveResourceWithProperties(MonitorDataCollectionRule, {
      name: "dcr-shop-aksci-prod-weu",
      location: ref("azurerm_log_analytics_workspace", "Logs", "location"),
      resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
    });
  });

  test("sends the streams to the Log Analytics workspace", () => {
    expect(synth()).toHaveResourceWithProperties(MonitorDataCollectionRule, {
      destinations: { log_analytics: [{ name: "ciworkspace", workspace_resource_id: ref("azurerm_log_analytics_workspace", "Logs", "id") }] },
      data_flow: [{ streams: EXPECTED_DEFAULT_STREAMS, destinations: ["ciworkspace"] }],
    });
  });

  test("collects the ContainerLogV2, inventory, event and performance streams by default", () => {
    expect(DEFAULT_CONTAINER_INSIGHTS_STREAMS).toEqual(EXPECTED_DEFAULT_STREAMS);
    expect(synth()).toHaveResourceWithProperties(MonitorDataCollectionRule, {
      data_sources: { extension: [expect.objectContaining({ name: "ContainerInsightsExtension", extension_name: "ContainerInsights", streams: EXPECTED_DEFAULT_STREAMS })] },
    });
  });

  test("enables the ContainerLogV2 schema", () => {
    expect(extensionSettings(synth())).toMatchObject({ enableContainerLogV2: true });
  });

  test("collects every minute by default", () => {
    expect(extensionSettings(synth())).toMatchObject({ interval: "1m" });
  });

  test("filters no namespaces by default", () => {
    const settings = extensionSettings(synth());
    expect(settings).toMatchObject({ namespaceFilteringMode: "Off" });
    expect(settings).not.toHaveProperty("namespaces");
  });

  test("applies a collection interval", () => {
    expect(extensionSettings(synth({ collectionIntervalMinutes: 5 }))).toMatchObject({ interval: "5m" });
  });

  test("applies a namespace filter", () => {
    expect(extensionSettings(synth({ namespaceFilter: { mode: "Exclude", namespaces: ["kube-system", "gatekeeper-system"] } }))).toEqual({
      interval: "1m",
      namespaceFilteringMode: "Exclude",
      namespaces: ["kube-system", "gatekeeper-system"],
      enableContainerLogV2: true,
    });
  });

  test("collects the given streams", () => {
    const streams = ["Microsoft-ContainerLogV2", "Microsoft-KubeEvents"];
    expect(synth({ streams })).toHaveResourceWithProperties(MonitorDataCollectionRule, { data_flow: [{ streams, destinations: ["ciworkspace"] }] });
  });

  test("associates the rule with the cluster", () => {
    expect(synth()).toHaveResourceWithProperties(MonitorDataCollectionRuleAssociation, {
      name: "ContainerInsightsExtension",
      target_resource_id: "${azurerm_kubernetes_cluster.Aks.id}",
      data_collection_rule_id: ref("azurerm_monitor_data_collection_rule", "ContainerInsights", "id"),
    });
  });

  test("uses a name override", () => {
    expect(synth({ name: "MSCI-westeurope-aks" })).toHaveResourceWithProperties(MonitorDataCollectionRule, { name: "MSCI-westeurope-aks" });
  });

  test("fails when the interval is below 1 minute", () => {
    expectValidationError(() => synth({ collectionIntervalMinutes: 0 }), "containerInsights.collectionIntervalMinutes", "is out of range (got 0); use 1 to 30");
  });

  test("fails when the interval is above 30 minutes", () => {
    expectValidationError(() => synth({ collectionIntervalMinutes: 45 }), "containerInsights.collectionIntervalMinutes", "is out of range (got 45); use 1 to 30");
  });

  test("fails when the interval is not a whole number of minutes", () => {
    expectValidationError(() => synth({ collectionIntervalMinutes: 1.5 }), "containerInsights.collectionIntervalMinutes", "must be a whole number (got 1.5)");
  });

  test("fails when the namespace filter mode is unknown", () => {
    expectValidationError(
      () => synth({ namespaceFilter: { mode: "Off" as never, namespaces: ["kube-system"] } }),
      "containerInsights.namespaceFilter.mode",
      'is not an allowed value (got "Off"); use one of "Include", "Exclude"',
    );
  });

  test("fails when the namespace filter names no namespace", () => {
    expectValidationError(() => synth({ namespaceFilter: { mode: "Include", namespaces: [] } }), "containerInsights.namespaceFilter.namespaces", "is empty");
  });

  test("fails when a filtered namespace is not a valid name", () => {
    expectValidationError(
      () => synth({ namespaceFilter: { mode: "Include", namespaces: ["apps", "Kube_System"] } }),
      "containerInsights.namespaceFilter.namespaces[1]",
      'has an invalid format (got "Kube_System")',
    );
  });

  test("fails when a stream is unknown", () => {
    expectValidationError(
      () => synth({ streams: ["Microsoft-ContainerLogV2", "Microsoft-Syslog"] }),
      "containerInsights.streams[1]",
      'is not an allowed value (got "Microsoft-Syslog")',
    );
  });

  test("fails when the legacy container log stream is asked for", () => {
    expectValidationError(() => synth({ streams: ["Microsoft-ContainerLog"] }), "containerInsights.streams[0]", "retires on 30 September 2026");
  });

  test("fails when no stream is given", () => {
    expectValidationError(() => synth({ streams: [] }), "containerInsights.streams", "is empty");
  });
});
