import { DashboardGrafana } from "@cdktf/provider-azurerm/lib/dashboard-grafana";
import { MonitorAlertPrometheusRuleGroup } from "@cdktf/provider-azurerm/lib/monitor-alert-prometheus-rule-group";
import { MonitorDataCollectionEndpoint } from "@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint";
import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { MonitorWorkspace } from "@cdktf/provider-azurerm/lib/monitor-workspace";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { ManagedPrometheus, ManagedPrometheusProps } from "../../lib/observability/managed-prometheus";
import { expectValidationError, ref, resourcesOf, testCluster, testStack } from "./fixtures";

const ADMIN_A = "11111111-2222-3333-4444-555555555555";
const ADMIN_B = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

function synth(props: Partial<ManagedPrometheusProps> = {}, regionName = "westeurope"): string {
  const { stack, resourceGroup, namer } = testStack(regionName);
  new ManagedPrometheus(stack, "Prometheus", { resourceGroup, namer, ...props });
  return Testing.synth(stack);
}

function synthCollecting(): string {
  const { stack, resourceGroup, namer } = testStack();
  const prometheus = new ManagedPrometheus(stack, "Prometheus", { resourceGroup, namer });
  prometheus.collectFrom(testCluster(stack, "Aks", resourceGroup));
  return Testing.synth(stack);
}

describe("ManagedPrometheus", () => {
  test("synthesizes the workspace, Grafana and the collection from one cluster", () => {
    expect(synthCollecting()).toMatchSnapshot();
  });

  describe("Azure Monitor workspace", () => {
    test("is named with the namer and placed in the resource group", () => {
      expect(synth()).toHaveResourceWithProperties(MonitorWorkspace, {
        name: "amw-shop-prod-weu",
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("allows public network access by default", () => {
      expect(synth()).toHaveResourceWithProperties(MonitorWorkspace, { public_network_access_enabled: true });
    });

    test("disables public network access when asked", () => {
      expect(synth({ publicNetworkAccessEnabled: false })).toHaveResourceWithProperties(MonitorWorkspace, { public_network_access_enabled: false });
    });

    test("uses a name override", () => {
      expect(synth({ name: "amw-platform" })).toHaveResourceWithProperties(MonitorWorkspace, { name: "amw-platform" });
    });
  });

  describe("Managed Grafana", () => {
    test("is created by default with the Standard SKU and Grafana 11", () => {
      expect(synth()).toHaveResourceWithProperties(DashboardGrafana, { sku: "Standard", grafana_major_version: "11" });
    });

    test("is named with the namer (a global name of at most 23 characters)", () => {
      const [grafana] = Object.values(resourcesOf(synth(), "azurerm_dashboard_grafana"));
      expect(grafana.name).toMatch(/^amg-shop-prod-weu-[a-z0-9]{5}$/);
      expect((grafana.name as string).length).toBeLessThanOrEqual(23);
    });

    test("has a system-assigned identity", () => {
      expect(synth()).toHaveResourceWithProperties(DashboardGrafana, { identity: { type: "SystemAssigned" } });
    });

    test("is integrated with the Azure Monitor workspace", () => {
      expect(synth()).toHaveResourceWithProperties(DashboardGrafana, {
        azure_monitor_workspace_integrations: [{ resource_id: ref("azurerm_monitor_workspace", "Prometheus", "id") }],
      });
    });

    test("disables API keys", () => {
      expect(synth()).toHaveResourceWithProperties(DashboardGrafana, { api_key_enabled: false });
    });

    test("is zone redundant by default in a region with zones", () => {
      expect(synth()).toHaveResourceWithProperties(DashboardGrafana, { zone_redundancy_enabled: true });
    });

    test("is not zone redundant by default in a region without zones", () => {
      expect(synth({}, "westus")).toHaveResourceWithProperties(DashboardGrafana, { zone_redundancy_enabled: false });
    });

    test("turns zone redundancy off when asked", () => {
      expect(synth({ grafanaZoneRedundancyEnabled: false })).toHaveResourceWithProperties(DashboardGrafana, { zone_redundancy_enabled: false });
    });

    test("allows public network access by default", () => {
      expect(synth()).toHaveResourceWithProperties(DashboardGrafana, { public_network_access_enabled: true });
    });

    test("disables public network access when asked", () => {
      expect(synth({ grafanaPublicNetworkAccessEnabled: false })).toHaveResourceWithProperties(DashboardGrafana, { public_network_access_enabled: false });
    });

    test("uses a name override", () => {
      expect(synth({ grafanaName: "amg-platform" })).toHaveResourceWithProperties(DashboardGrafana, { name: "amg-platform" });
    });

    test("gives Grafana's identity Monitoring Data Reader on the workspace", () => {
      expect(synth()).toHaveResourceWithProperties(RoleAssignment, {
        scope: ref("azurerm_monitor_workspace", "Prometheus", "id"),
        role_definition_name: "Monitoring Data Reader",
        principal_id: ref("azurerm_dashboard_grafana", "Prometheus_Grafana", "identity[0].principal_id"),
        principal_type: "ServicePrincipal",
      });
    });

    test("assigns no Grafana Admin by default", () => {
      const assignments = Object.values(resourcesOf(synth(), "azurerm_role_assignment"));
      expect(assignments.map((a) => a.role_definition_name)).toEqual(["Monitoring Data Reader"]);
    });

    test("gives each admin object ID the Grafana Admin role on the instance", () => {
      const out = synth({ grafanaAdminObjectIds: [ADMIN_A, ADMIN_B] });
      for (const principal of [ADMIN_A, ADMIN_B]) {
        expect(out).toHaveResourceWithProperties(RoleAssignment, {
          scope: ref("azurerm_dashboard_grafana", "Prometheus_Grafana", "id"),
          role_definition_name: "Grafana Admin",
          principal_id: principal,
        });
      }
    });

    test("keys admin assignments by object ID", () => {
      const { stack, resourceGroup, namer } = testStack();
      const prometheus = new ManagedPrometheus(stack, "Prometheus", { resourceGroup, namer, grafanaAdminObjectIds: [ADMIN_A.toUpperCase()] });
      expect(prometheus.grafanaAdmins.map((a) => a.node.id)).toEqual([`GrafanaAdmin-${ADMIN_A}`]);
    });

    test("is left out when grafanaEnabled is false", () => {
      const out = synth({ grafanaEnabled: false });
      expect(resourcesOf(out, "azurerm_dashboard_grafana")).toEqual({});
      expect(resourcesOf(out, "azurerm_role_assignment")).toEqual({});
    });
  });

  describe("collectFrom", () => {
    test("creates a Linux data collection endpoint in the workspace region and the cluster's resource group", () => {
      expect(synthCollecting()).toHaveResourceWithProperties(MonitorDataCollectionEndpoint, {
        name: "dce-shop-aksprom-prod-weu",
        kind: "Linux",
        location: ref("azurerm_monitor_workspace", "Prometheus", "location"),
        resource_group_name: "${azurerm_kubernetes_cluster.Aks.resource_group_name}",
      });
    });

    test("creates a data collection rule that forwards Prometheus metrics to the workspace", () => {
      expect(synthCollecting()).toHaveResourceWithProperties(MonitorDataCollectionRule, {
        name: "dcr-shop-aksprom-prod-weu",
        kind: "Linux",
        location: ref("azurerm_monitor_workspace", "Prometheus", "location"),
        resource_group_name: "${azurerm_kubernetes_cluster.Aks.resource_group_name}",
        data_collection_endpoint_id: ref("azurerm_monitor_data_collection_endpoint", "Prometheus_Aks-DataCollectionEndpoint", "id"),
        destinations: { monitor_account: [{ name: "MonitoringAccount1", monitor_account_id: ref("azurerm_monitor_workspace", "Prometheus", "id") }] },
        data_flow: [{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }],
        data_sources: { prometheus_forwarder: [{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"] }] },
      });
    });

    test("associates the data collection rule with the cluster", () => {
      expect(synthCollecting()).toHaveResourceWithProperties(MonitorDataCollectionRuleAssociation, {
        name: "dcra-shop-prom-prod-weu",
        target_resource_id: "${azurerm_kubernetes_cluster.Aks.id}",
        data_collection_rule_id: ref("azurerm_monitor_data_collection_rule", "Prometheus_Aks-DataCollectionRule", "id"),
      });
    });

    test("associates the data collection endpoint with the cluster as configurationAccessEndpoint", () => {
      expect(synthCollecting()).toHaveResourceWithProperties(MonitorDataCollectionRuleAssociation, {
        name: "configurationAccessEndpoint",
        target_resource_id: "${azurerm_kubernetes_cluster.Aks.id}",
        data_collection_endpoint_id: ref("azurerm_monitor_data_collection_endpoint", "Prometheus_Aks-DataCollectionEndpoint", "id"),
      });
    });

    test("creates the node recording rules for the cluster", () => {
      const out = synthCollecting();
      expect(out).toHaveResourceWithProperties(MonitorAlertPrometheusRuleGroup, {
        name: "NodeRecordingRulesRuleGroup-${azurerm_kubernetes_cluster.Aks.name}",
        cluster_name: "${azurerm_kubernetes_cluster.Aks.name}",
        interval: "PT1M",
        rule_group_enabled: true,
        scopes: [ref("azurerm_monitor_workspace", "Prometheus", "id"), "${azurerm_kubernetes_cluster.Aks.id}"],
        location: ref("azurerm_monitor_workspace", "Prometheus", "location"),
        resource_group_name: "${azurerm_kubernetes_cluster.Aks.resource_group_name}",
      });
      expect(out).toHaveResourceWithProperties(MonitorAlertPrometheusRuleGroup, {
        rule: expect.arrayContaining([
          {
            enabled: true,
            record: "instance:node_cpu_utilisation:rate5m",
            expression: '1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job="node", mode=~"idle|iowait|steal"}[5m])))',
          },
        ]),
      });
    });

    test("creates the Kubernetes recording rules for the cluster", () => {
      const out = synthCollecting();
      expect(out).toHaveResourceWithProperties(MonitorAlertPrometheusRuleGroup, {
        name: "KubernetesRecordingRulesRuleGroup-${azurerm_kubernetes_cluster.Aks.name}",
        cluster_name: "${azurerm_kubernetes_cluster.Aks.name}",
        interval: "PT1M",
      });
      expect(out).toHaveResourceWithProperties(MonitorAlertPrometheusRuleGroup, {
        rule: expect.arrayContaining([
          {
            enabled: true,
            record: "namespace_workload_pod:kube_pod_owner:relabel",
            expression:
              'max by (cluster, namespace, workload, pod) (label_replace(kube_pod_owner{job="kube-state-metrics", owner_kind="StatefulSet"}, "workload", "$1", "owner_name", "(.*)"))',
            labels: { workload_type: "statefulset" },
          },
        ]),
      });
    });

    test("records Azure's 11 node and 19 Kubernetes rules", () => {
      const groups = Object.values(resourcesOf(synthCollecting(), "azurerm_monitor_alert_prometheus_rule_group"));
      const counts = Object.fromEntries(groups.map((g) => [(g.name as string).split("-")[0], (g.rule as unknown[]).length]));
      expect(counts).toEqual({ NodeRecordingRulesRuleGroup: 11, KubernetesRecordingRulesRuleGroup: 19 });
    });

    test("derives construct ids from the cluster's id and uses the L2's id for an L2's Resource", () => {
      const { stack, resourceGroup, namer } = testStack();
      const prometheus = new ManagedPrometheus(stack, "Prometheus", { resourceGroup, namer });
      const l2 = new Construct(stack, "Primary");
      const collection = prometheus.collectFrom(testCluster(l2, "Resource", resourceGroup));
      expect(collection.dataCollectionEndpoint.node.id).toBe("Primary-DataCollectionEndpoint");
      expect(collection.dataCollectionRule.node.scope).toBe(prometheus);
      expect(Testing.synth(stack)).toHaveResourceWithProperties(MonitorDataCollectionRule, { name: "dcr-shop-primaryprom-prod-weu" });
    });

    test("collects from two clusters side by side", () => {
      const { stack, resourceGroup, namer } = testStack();
      const prometheus = new ManagedPrometheus(stack, "Prometheus", { resourceGroup, namer });
      prometheus.collectFrom(testCluster(stack, "Blue", resourceGroup, "aks-blue"));
      prometheus.collectFrom(testCluster(stack, "Green", resourceGroup, "aks-green"));
      const names = Object.values(resourcesOf(Testing.synth(stack), "azurerm_monitor_data_collection_rule")).map((r) => r.name);
      expect(names.sort()).toEqual(["dcr-shop-blueprom-prod-weu", "dcr-shop-greenprom-prod-weu"]);
    });
  });

  test("fails when Grafana admins are not Entra object IDs", () => {
    expectValidationError(
      () => synth({ grafanaAdminObjectIds: ["alice@example.com"] }),
      "managedPrometheus.grafanaAdminObjectIds[0]",
      'has an invalid format (got "alice@example.com"); use a Microsoft Entra object ID (a GUID)',
    );
  });

  test("fails when a Grafana admin repeats", () => {
    expectValidationError(
      () => synth({ grafanaAdminObjectIds: [ADMIN_A, ADMIN_A.toUpperCase()] }),
      "managedPrometheus.grafanaAdminObjectIds[1]",
      "repeats the entry at index 0",
    );
  });

  test("fails when zone redundancy is asked for in a region without zones", () => {
    expectValidationError(
      () => synth({ grafanaZoneRedundancyEnabled: true }, "westus"),
      "managedPrometheus.grafanaZoneRedundancyEnabled",
      "needs availability zones, which West US does not have",
    );
  });

  test("fails when Grafana settings are given with Grafana disabled", () => {
    expectValidationError(
      () => synth({ grafanaEnabled: false, grafanaAdminObjectIds: [ADMIN_A] }),
      "managedPrometheus.grafanaAdminObjectIds",
      "is set but grafanaEnabled is false",
    );
  });

  test("fails when the Grafana name is longer than 23 characters", () => {
    expectValidationError(
      () => synth({ grafanaName: "amg-shop-platform-prod-weu" }),
      "managedPrometheus.grafanaName",
      'is not a valid dashboard_grafana name (got "amg-shop-platform-prod-weu"); Azure allows 2-23 characters',
    );
  });

  test("fails when the workspace name breaks Azure's rule", () => {
    expectValidationError(() => synth({ name: "amw_shop" }), "managedPrometheus.name", 'is not a valid monitor_workspace name (got "amw_shop")');
  });

  test("fails when the same cluster is collected twice", () => {
    const { stack, resourceGroup, namer } = testStack();
    const prometheus = new ManagedPrometheus(stack, "Prometheus", { resourceGroup, namer });
    const cluster = testCluster(stack, "Aks", resourceGroup);
    prometheus.collectFrom(cluster);
    expectValidationError(() => prometheus.collectFrom(cluster), "managedPrometheus.collectFrom(Aks)", "already collects from a cluster with this construct id");
  });
});
