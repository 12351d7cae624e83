import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { DataAzurermContainerRegistry } from "@cdktf/provider-azurerm/lib/data-azurerm-container-registry";
import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { TerraformOutput, Testing } from "cdktf";
import { AKS_LOG_CATEGORIES, AksCluster, AksClusterProps } from "../../lib/aks/aks-cluster";
import { ValidationError } from "../../lib/core/errors";
import {
  clusterDependencies,
  clusterFixture,
  expectValidationError,
  resourceList,
  resourcesOf,
  synthCluster,
  synthValidated,
} from "./fixtures";

const CLUSTER = "${azurerm_kubernetes_cluster.Aks_943C0E94.id}";
const CONTROL_PLANE_IDENTITY = "azurerm_user_assigned_identity.Aks_ControlPlaneIdentity_B97206E3";
const KUBELET_IDENTITY = "azurerm_user_assigned_identity.Aks_KubeletIdentity_77FCD2D2";
const SUBNET_IDS = {
  systemNodes: "${azurerm_subnet.Network_SystemNodesSubnet_A58D38C6.id}",
  userNodes: "${azurerm_subnet.Network_UserNodesSubnet_4F9CC4F2.id}",
  gateway: "${azurerm_subnet.Network_GatewaySubnet_B81B9939.id}",
  privateEndpoints: "${azurerm_subnet.Network_PrivateEndpointsSubnet_B284C84F.id}",
  database: "${azurerm_subnet.Network_DatabaseSubnet_6FD5537E.id}",
};
const GROUP_ID = "11111111-2222-3333-4444-555555555555";

function synth(props: Partial<AksClusterProps> = {}): string {
  return synthCluster(props).out;
}

/** The one synthesized azurerm_kubernetes_cluster. */
function clusterResource(props: Partial<AksClusterProps> = {}) {
  const clusters = resourceList(synth(props), "azurerm_kubernetes_cluster");
  expect(clusters).toHaveLength(1);
  return clusters[0];
}

/** Creates the cluster with `props`; for failure tests. */
function create(props: Partial<AksClusterProps> = {}, region?: string): AksCluster {
  return clusterFixture(props, { region }).cluster;
}

describe("AksCluster", () => {
  test("synthesizes the default cluster", () => {
    expect(resourcesOf(synth(), "azurerm_kubernetes_cluster")).toMatchSnapshot();
  });

  describe("control plane", () => {
    test("names the cluster with the namer, in the resource group and its location", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        name: "aks-shop-prod-weu",
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("derives the DNS prefix from the name", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { dns_prefix: "shop-prod-weu" });
    });

    test("uses a name and a DNS prefix override", () => {
      expect(synth({ name: "aks-checkout", dnsPrefix: "checkout-prod" })).toHaveResourceWithProperties(KubernetesCluster, { name: "aks-checkout", dns_prefix: "checkout-prod" });
    });

    test("names the node resource group with the namer", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { node_resource_group: "rg-shop-aksnodes-prod-weu" });
    });

    test("uses the Standard tier by default", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { sku_tier: "Standard" });
    });

    test("uses the Kubernetes community support plan on Standard", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { support_plan: "KubernetesOfficial" });
    });

    test("uses long-term support on Premium", () => {
      expect(synth({ skuTier: "Premium" })).toHaveResourceWithProperties(KubernetesCluster, { sku_tier: "Premium", support_plan: "AKSLongTermSupport" });
    });

    test("turns cost analysis on for the Standard tier", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { cost_analysis_enabled: true });
    });

    test("turns cost analysis off for the Free tier", () => {
      expect(synth({ skuTier: "Free" })).toHaveResourceWithProperties(KubernetesCluster, { sku_tier: "Free", cost_analysis_enabled: false });
    });

    test("leaves the Kubernetes version to AKS by default", () => {
      expect(clusterResource()).not.toHaveProperty("kubernetes_version");
    });

    test("pins a Kubernetes version", () => {
      expect(synth({ kubernetesVersion: "1.33" })).toHaveResourceWithProperties(KubernetesCluster, { kubernetes_version: "1.33" });
    });

    test("upgrades Kubernetes patches automatically", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { automatic_upgrade_channel: "patch" });
    });

    test("upgrades node images automatically", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { node_os_upgrade_channel: "NodeImage" });
    });

    test("runs Kubernetes upgrades on Sundays at 02:00 UTC for 4 hours", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        maintenance_window_auto_upgrade: { frequency: "Weekly", interval: 1, day_of_week: "Sunday", start_time: "02:00", duration: 4, utc_offset: "+00:00" },
      });
    });

    test("runs node OS upgrades on Saturdays at 02:00 UTC for 4 hours", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        maintenance_window_node_os: { frequency: "Weekly", interval: 1, day_of_week: "Saturday", start_time: "02:00", duration: 4, utc_offset: "+00:00" },
      });
    });

    test("applies custom maintenance windows", () => {
      expect(
        synth({
          upgradeMaintenanceWindow: { dayOfWeek: "Tuesday", startTime: "22:30", durationHours: 6, utcOffset: "+01:00" },
          nodeOsMaintenanceWindow: { dayOfWeek: "Wednesday", startTime: "03:00", durationHours: 8 },
        }),
      ).toHaveResourceWithProperties(KubernetesCluster, {
        maintenance_window_auto_upgrade: expect.objectContaining({ day_of_week: "Tuesday", start_time: "22:30", duration: 6, utc_offset: "+01:00" }),
        maintenance_window_node_os: expect.objectContaining({ day_of_week: "Wednesday", start_time: "03:00", duration: 8, utc_offset: "+00:00" }),
      });
    });

    test("drops the upgrade channel and its window when automatic upgrades are off", () => {
      const cluster = clusterResource({ automaticUpgradeChannel: "none" });
      expect(cluster).not.toHaveProperty("automatic_upgrade_channel");
      expect(cluster).not.toHaveProperty("maintenance_window_auto_upgrade");
    });

    test("drops the node OS window when node OS upgrades are unmanaged", () => {
      const cluster = clusterResource({ nodeOsUpgradeChannel: "Unmanaged" });
      expect(cluster.node_os_upgrade_channel).toBe("Unmanaged");
      expect(cluster).not.toHaveProperty("maintenance_window_node_os");
    });

    test("makes the API server private by default, without a public FQDN, in an AKS-managed private DNS zone", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        private_cluster_enabled: true,
        private_cluster_public_fqdn_enabled: false,
        private_dns_zone_id: "System",
      });
    });

    test("sets no authorized IP ranges on a private API server", () => {
      expect(clusterResource()).not.toHaveProperty("api_server_access_profile");
    });

    test("exposes a public API server only to the authorized ranges", () => {
      const out = synth({ apiServer: { mode: "public", authorizedIpRanges: ["203.0.113.0/24", "198.51.100.7/32"] } });
      expect(out).toHaveResourceWithProperties(KubernetesCluster, {
        private_cluster_enabled: false,
        api_server_access_profile: { authorized_ip_ranges: ["203.0.113.0/24", "198.51.100.7/32"] },
      });
      const [cluster] = resourceList(out, "azurerm_kubernetes_cluster");
      expect(cluster).not.toHaveProperty("private_dns_zone_id");
      expect(cluster).not.toHaveProperty("private_cluster_public_fqdn_enabled");
    });

    test("authenticates with Entra ID and authorizes with Azure RBAC", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        role_based_access_control_enabled: true,
        azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
      });
    });

    test("disables local accounts", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { local_account_disabled: true });
    });

    test("passes admin groups and the tenant to Entra ID integration", () => {
      const tenantId = "99999999-8888-7777-6666-555555555555";
      expect(synth({ adminGroupObjectIds: [GROUP_ID], tenantId })).toHaveResourceWithProperties(KubernetesCluster, {
        azure_active_directory_role_based_access_control: { azure_rbac_enabled: true, admin_group_object_ids: [GROUP_ID], tenant_id: tenantId },
      });
    });

    test("enables the OIDC issuer and workload identity", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { oidc_issuer_enabled: true, workload_identity_enabled: true });
    });

    test("enables Azure Policy", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { azure_policy_enabled: true });
    });

    test("enables the Key Vault secrets provider with rotation every 2 minutes", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        key_vault_secrets_provider: { secret_rotation_enabled: true, secret_rotation_interval: "2m" },
      });
    });

    test("applies a secret rotation interval", () => {
      expect(synth({ secretRotationInterval: "1h" })).toHaveResourceWithProperties(KubernetesCluster, {
        key_vault_secrets_provider: { secret_rotation_enabled: true, secret_rotation_interval: "1h" },
      });
    });

    test("sends Container Insights to the workspace with managed identity authentication", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        oms_agent: { log_analytics_workspace_id: "${azurerm_log_analytics_workspace.Logs_6819BB44.id}", msi_auth_for_monitoring_enabled: true },
      });
    });

    test("does not enable the metrics add-on without Prometheus", () => {
      expect(clusterResource()).not.toHaveProperty("monitor_metrics");
    });

    test("enables the metrics add-on with Prometheus", () => {
      expect(synthCluster({}, undefined, { prometheus: true }).out).toHaveResourceWithProperties(KubernetesCluster, { monitor_metrics: {} });
    });

    test("sets the autoscaler profile", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        auto_scaler_profile: {
          expander: "least-waste",
          balance_similar_node_groups: true,
          scale_down_delay_after_add: "10m",
          scale_down_unneeded: "10m",
          scale_down_utilization_threshold: "0.5",
          max_graceful_termination_sec: "600",
          skip_nodes_with_system_pods: true,
        },
      });
    });

    test("applies autoscaler settings", () => {
      expect(
        synth({
          autoscaler: {
            expander: "priority",
            scaleDownDelayAfterAddMinutes: 20,
            scaleDownUnneededMinutes: 5,
            scaleDownUtilizationThreshold: 0.65,
            maxGracefulTerminationSeconds: 900,
            balanceSimilarNodeGroups: false,
          },
        }),
      ).toHaveResourceWithProperties(KubernetesCluster, {
        auto_scaler_profile: expect.objectContaining({
          expander: "priority",
          balance_similar_node_groups: false,
          scale_down_delay_after_add: "20m",
          scale_down_unneeded: "5m",
          scale_down_utilization_threshold: "0.65",
          max_graceful_termination_sec: "900",
        }),
      });
    });

    test("enables KEDA by default", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { workload_autoscaler_profile: { keda_enabled: true } });
    });

    test("disables KEDA when asked", () => {
      expect(synth({ kedaEnabled: false })).toHaveResourceWithProperties(KubernetesCluster, { workload_autoscaler_profile: { keda_enabled: false } });
    });

    test("cleans unused images every 48 hours", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { image_cleaner_enabled: true, image_cleaner_interval_hours: 48 });
    });

    test("runs the control plane as its user-assigned identity", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { identity: { type: "UserAssigned", identity_ids: [`\${${CONTROL_PLANE_IDENTITY}.id}`] } });
    });

    test("runs the kubelets as their own user-assigned identity", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        kubelet_identity: {
          client_id: `\${${KUBELET_IDENTITY}.client_id}`,
          object_id: `\${${KUBELET_IDENTITY}.principal_id}`,
          user_assigned_identity_id: `\${${KUBELET_IDENTITY}.id}`,
        },
      });
    });

    test("waits for the control plane's role assignments", () => {
      expect(clusterResource().depends_on).toEqual([
        "azurerm_role_assignment.Aks_ControlPlaneManagedIdentityOperator_E545DE8C",
        "azurerm_role_assignment.Aks_ControlPlaneNetworkContributorSystemNodes_A56FF2DF",
        "azurerm_role_assignment.Aks_ControlPlaneNetworkContributorUserNodes_4094361D",
        "azurerm_role_assignment.Aks_ControlPlaneNetworkContributorGateway_2F833818",
      ]);
    });

    test("leaves the system pool's node count to the autoscaler", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { lifecycle: { ignore_changes: ["default_node_pool[0].node_count"] } });
    });

    test("exposes name, region, id and OIDC issuer URL", () => {
      const { stack, cluster } = clusterFixture();
      new TerraformOutput(stack, "id", { value: cluster.id });
      new TerraformOutput(stack, "issuer", { value: cluster.oidcIssuerUrl });
      const outputs = JSON.parse(Testing.synth(stack)).output;
      expect([cluster.name, cluster.region]).toEqual(["aks-shop-prod-weu", "westeurope"]);
      expect(outputs.id.value).toBe(CLUSTER);
      expect(outputs.issuer.value).toBe("${azurerm_kubernetes_cluster.Aks_943C0E94.oidc_issuer_url}");
    });
  });

  describe("network profile", () => {
    test("uses Azure CNI in overlay mode", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        network_profile: expect.objectContaining({ network_plugin: "azure", network_plugin_mode: "overlay" }),
      });
    });

    test("runs the Cilium data plane and network policy by default", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        network_profile: expect.objectContaining({ network_data_plane: "cilium", network_policy: "cilium" }),
      });
    });

    test.each([["azure"], ["calico"]] as const)("runs the azure data plane with the %s policy engine", (engine) => {
      expect(synth({ networkPolicy: engine })).toHaveResourceWithProperties(KubernetesCluster, {
        network_profile: expect.objectContaining({ network_data_plane: "azure", network_policy: engine }),
      });
    });

    test("sends egress through the standard load balancer", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        network_profile: expect.objectContaining({ outbound_type: "loadBalancer", load_balancer_sku: "standard" }),
      });
    });

    test("uses 172.16.0.0/16 for services, 172.16.0.10 for DNS and 192.168.0.0/16 for pods", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        network_profile: expect.objectContaining({ service_cidr: "172.16.0.0/16", dns_service_ip: "172.16.0.10", pod_cidr: "192.168.0.0/16" }),
      });
    });

    test("puts the DNS service at the 10th address of a custom service CIDR", () => {
      expect(synth({ serviceCidr: "10.100.0.0/16" })).toHaveResourceWithProperties(KubernetesCluster, {
        network_profile: expect.objectContaining({ service_cidr: "10.100.0.0/16", dns_service_ip: "10.100.0.10" }),
      });
    });

    test("applies a DNS service IP and a pod CIDR", () => {
      expect(synth({ dnsServiceIp: "172.16.0.53", podCidr: "100.64.0.0/14" })).toHaveResourceWithProperties(KubernetesCluster, {
        network_profile: expect.objectContaining({ dns_service_ip: "172.16.0.53", pod_cidr: "100.64.0.0/14" }),
      });
    });
  });

  describe("system pool", () => {
    const pool = (props: Partial<AksClusterProps> = {}, options: { region?: string } = {}) =>
      resourceList(synthCluster(props, undefined, options).out, "azurerm_kubernetes_cluster")[0].default_node_pool;

    test("is named system and runs only critical add-ons", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        default_node_pool: expect.objectContaining({ name: "system", only_critical_addons_enabled: true }),
      });
    });

    test("takes node addresses from the system-node subnet", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { default_node_pool: expect.objectContaining({ vnet_subnet_id: SUBNET_IDS.systemNodes }) });
    });

    test("spreads across the region's zones", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { default_node_pool: expect.objectContaining({ zones: ["1", "2", "3"] }) });
    });

    test("autoscales from 3 to 6 nodes", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        default_node_pool: expect.objectContaining({ auto_scaling_enabled: true, min_count: 3, max_count: 6 }),
      });
    });

    test("uses a 128 GiB ephemeral OS disk on Standard_D4ds_v5", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        default_node_pool: expect.objectContaining({ vm_size: "Standard_D4ds_v5", os_disk_type: "Ephemeral", os_disk_size_gb: 128 }),
      });
    });

    test("uses a managed OS disk on a size without local disk", () => {
      expect(pool({ systemPool: { vmSize: "Standard_D4s_v5" } })).toMatchObject({ vm_size: "Standard_D4s_v5", os_disk_type: "Managed", os_disk_size_gb: 128 });
    });

    test("uses a 64 GiB ephemeral OS disk on Standard_D2ds_v5", () => {
      expect(pool({ systemPool: { vmSize: "Standard_D2ds_v5" } })).toMatchObject({ vm_size: "Standard_D2ds_v5", os_disk_type: "Ephemeral", os_disk_size_gb: 64 });
    });

    test("keeps an explicit OS disk size the local disk cannot hold, on a managed disk", () => {
      expect(pool({ systemPool: { osDiskSizeGb: 256 } })).toMatchObject({ os_disk_type: "Managed", os_disk_size_gb: 256 });
    });

    test("surges by a third during upgrades and drains for 30 minutes", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        default_node_pool: expect.objectContaining({ upgrade_settings: { max_surge: "33%", drain_timeout_in_minutes: 30 } }),
      });
    });

    test("names a temporary pool for rotation", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, { default_node_pool: expect.objectContaining({ temporary_name_for_rotation: "systemtmp" }) });
    });

    test("runs Azure Linux with 110 pods per node and the system workload class", () => {
      expect(synth()).toHaveResourceWithProperties(KubernetesCluster, {
        default_node_pool: expect.objectContaining({ os_sku: "AzureLinux", max_pods: 110, node_labels: { "workload-class": "system" } }),
      });
    });

    test("applies the system pool options", () => {
      expect(pool({ systemPool: { vmSize: "Standard_E4ds_v5", minCount: 2, maxCount: 9, maxPods: 60, osSku: "Ubuntu", maxSurge: "1" } })).toMatchObject({
        vm_size: "Standard_E4ds_v5",
        min_count: 2,
        max_count: 9,
        max_pods: 60,
        os_sku: "Ubuntu",
        upgrade_settings: { max_surge: "1" },
      });
    });

    test("uses the cluster's zones for the system pool and as the user pools' default", () => {
      const { out } = synthCluster({ zones: ["1", "2"] }, (c) => c.addNodePool("apps"));
      expect(out).toHaveResourceWithProperties(KubernetesCluster, { default_node_pool: expect.objectContaining({ zones: ["1", "2"] }) });
      expect(resourceList(out, "azurerm_kubernetes_cluster_node_pool")[0].zones).toEqual(["1", "2"]);
    });

    test("has no zones in a region without zones when zonal pools are not required", () => {
      expect(pool({ requireZonalPools: false }, { region: "westus" })).not.toHaveProperty("zones");
    });
  });

  describe("identities and roles", () => {
    test("creates two user-assigned identities", () => {
      const out = synth();
      expect(resourceList(out, "azurerm_user_assigned_identity")).toHaveLength(2);
      for (const name of ["uai-shop-aks-prod-weu", "uai-shop-kubelet-prod-weu"]) {
        expect(out).toHaveResourceWithProperties(UserAssignedIdentity, {
          name,
          location: "${azurerm_resource_group.ResourceGroup.location}",
          resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        });
      }
    });

    test("lets the control plane operate the kubelet identity", () => {
      expect(synth()).toHaveResourceWithProperties(RoleAssignment, {
        scope: `\${${KUBELET_IDENTITY}.id}`,
        role_definition_name: "Managed Identity Operator",
        principal_id: `\${${CONTROL_PLANE_IDENTITY}.principal_id}`,
        principal_type: "ServicePrincipal",
        skip_service_principal_aad_check: true,
      });
    });

    test.each([["systemNodes"], ["userNodes"], ["gateway"]] as const)("makes the control plane Network Contributor on the %s subnet", (role) => {
      expect(synth()).toHaveResourceWithProperties(RoleAssignment, {
        scope: SUBNET_IDS[role],
        role_definition_name: "Network Contributor",
        principal_id: `\${${CONTROL_PLANE_IDENTITY}.principal_id}`,
        principal_type: "ServicePrincipal",
      });
    });

    test("grants nothing on the private-endpoint and database subnets", () => {
      const scopes = resourceList(synth(), "azurerm_role_assignment").map((r) => r.scope);
      expect(scopes).not.toContain(SUBNET_IDS.privateEndpoints);
      expect(scopes).not.toContain(SUBNET_IDS.database);
      expect(resourceList(synth(), "azurerm_role_assignment").filter((r) => r.role_definition_name === "Network Contributor")).toHaveLength(3);
    });

    test("grants no AcrPull without a container registry", () => {
      expect(resourceList(synth(), "azurerm_role_assignment").map((r) => r.role_definition_name)).not.toContain("AcrPull");
    });

    test("lets the kubelets pull from a container registry", () => {
      const deps = clusterDependencies();
      const registry = new ContainerRegistry(deps.stack, "Registry", {
        name: "crshopprodweu",
        resourceGroupName: deps.resourceGroup.name,
        location: deps.resourceGroup.location,
        sku: "Premium",
      });
      new AksCluster(deps.stack, "Aks", { ...deps, containerRegistry: registry });
      expect(Testing.synth(deps.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: "${azurerm_container_registry.Registry.id}",
        role_definition_name: "AcrPull",
        principal_id: `\${${KUBELET_IDENTITY}.principal_id}`,
        principal_type: "ServicePrincipal",
      });
    });

    test("lets the kubelets pull from an existing registry looked up as data", () => {
      const deps = clusterDependencies();
      const registry = new DataAzurermContainerRegistry(deps.stack, "Registry", { name: "crshared", resourceGroupName: "rg-shared" });
      new AksCluster(deps.stack, "Aks", { ...deps, containerRegistry: registry });
      expect(Testing.synth(deps.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: "${data.azurerm_container_registry.Registry.id}",
        role_definition_name: "AcrPull",
      });
    });

    test("grants a Kubernetes role on the whole cluster", () => {
      const { out } = synthCluster({}, (c) => c.grantRbac("PlatformAdmins", GROUP_ID, "clusterAdmin"));
      expect(out).toHaveResourceWithProperties(RoleAssignment, {
        scope: CLUSTER,
        role_definition_name: "Azure Kubernetes Service RBAC Cluster Admin",
        principal_id: GROUP_ID,
        principal_type: "Group",
      });
    });

    test("grants a Kubernetes role in one namespace", () => {
      const { out } = synthCluster({}, (c) => c.grantRbac("ShopDevs", GROUP_ID, "writer", { namespace: "shop", principalType: "User" }));
      const [grant] = resourceList(out, "azurerm_role_assignment").filter((r) => r.principal_id === GROUP_ID);
      expect(grant.scope).toBe(`${CLUSTER}/namespaces/shop`);
      expect(grant.scope.endsWith("/namespaces/shop")).toBe(true);
      expect(grant).toMatchObject({ role_definition_name: "Azure Kubernetes Service RBAC Writer", principal_type: "User" });
    });

    test.each([
      ["clusterAdmin", "Azure Kubernetes Service RBAC Cluster Admin"],
      ["admin", "Azure Kubernetes Service RBAC Admin"],
      ["writer", "Azure Kubernetes Service RBAC Writer"],
      ["reader", "Azure Kubernetes Service RBAC Reader"],
    ] as const)("maps the %s role to %s", (role, roleName) => {
      const { out } = synthCluster({}, (c) => c.grantRbac("Grant", GROUP_ID, role));
      expect(out).toHaveResourceWithProperties(RoleAssignment, { principal_id: GROUP_ID, role_definition_name: roleName });
    });
  });

  describe("monitoring", () => {
    test("creates a Container Insights data collection rule", () => {
      expect(synth()).toHaveResourceWithProperties(MonitorDataCollectionRule, {
        name: "dcr-shop-aksci-prod-weu",
        destinations: { log_analytics: [{ name: "ciworkspace", workspace_resource_id: "${azurerm_log_analytics_workspace.Logs_6819BB44.id}" }] },
      });
    });

    test("associates the Container Insights rule with the cluster", () => {
      expect(synth()).toHaveResourceWithProperties(MonitorDataCollectionRuleAssociation, {
        name: "ContainerInsightsExtension",
        target_resource_id: CLUSTER,
        data_collection_rule_id: "${azurerm_monitor_data_collection_rule.Aks_ContainerInsights_0FC6B43B.id}",
      });
    });

    test("sends the control-plane log categories to the workspace", () => {
      expect(synth()).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: CLUSTER,
        log_analytics_workspace_id: "${azurerm_log_analytics_workspace.Logs_6819BB44.id}",
        enabled_log: AKS_LOG_CATEGORIES.map((category) => ({ category })),
      });
    });

    test("logs audit writes (kube-audit-admin), not every read (kube-audit)", () => {
      expect(AKS_LOG_CATEGORIES).toContain("kube-audit-admin");
      expect(AKS_LOG_CATEGORIES).not.toContain("kube-audit");
    });

    test("collects Prometheus metrics from the cluster when given Prometheus", () => {
      const { out } = synthCluster({}, undefined, { prometheus: true });
      expect(out).toHaveResourceWithProperties(MonitorDataCollectionRuleAssociation, { name: "configurationAccessEndpoint", target_resource_id: CLUSTER });
    });

    test("creates no Prometheus collection without Prometheus", () => {
      expect(resourceList(synth(), "azurerm_monitor_data_collection_endpoint")).toHaveLength(0);
    });
  });

  describe("pod CIDR capacity (checked at synth)", () => {
    test("fails at synth when the pools' maxCount exceeds the nodes the pod CIDR holds", () => {
      const { stack, cluster } = clusterFixture({ podCidr: "192.168.0.0/20" });
      cluster.addNodePool("apps", { maxCount: 20 });
      expect(() => synthValidated(stack)).toThrow(
          'aks.podCidr: has room for 16 nodes but the pools may grow to 26 (got "192.168.0.0/20"); use a larger pod CIDR or lower the pools\' maxCount',
      );
      expect(cluster.node.validate()).toEqual([
        'aks.podCidr: has room for 16 nodes but the pools may grow to 26 (got "192.168.0.0/20"); use a larger pod CIDR or lower the pools\' maxCount',
      ]);
    });

    test("passes when the pools exactly fill the pod CIDR", () => {
      const { stack, cluster } = clusterFixture({ podCidr: "192.168.0.0/20" });
      cluster.addNodePool("apps", { maxCount: 10 });
      expect(cluster.node.validate()).toEqual([]);
      expect(() => synthValidated(stack)).not.toThrow();
    });

    test("counts the system pool alone", () => {
      const { cluster } = clusterFixture({ podCidr: "192.168.0.0/22", systemPool: { maxCount: 5 } });
      expect(cluster.node.validate()).toEqual([
        'aks.podCidr: has room for 4 nodes but the pools may grow to 5 (got "192.168.0.0/22"); use a larger pod CIDR or lower the pools\' maxCount',
      ]);
    });
  });

  describe("validation", () => {
    test("fails when the DNS prefix is 55 characters long", () => {
      const dnsPrefix = `shop${"x".repeat(51)}`;
      expect(dnsPrefix).toHaveLength(55);
      expectValidationError(
        () => create({ dnsPrefix }),
        `aks.dnsPrefix: has an invalid format (got "${dnsPrefix}"); use 1-54 letters, digits and hyphens, starting and ending with a letter or digit`,
      );
    });

    test("fails when the DNS prefix ends with a hyphen", () => {
      expectValidationError(() => create({ dnsPrefix: "shop-" }), /^aks\.dnsPrefix: has an invalid format \(got "shop-"\)/);
    });

    test("fails when the Kubernetes version is malformed", () => {
      expectValidationError(
        () => create({ kubernetesVersion: "v1.33" }),
        'aks.kubernetesVersion: has an invalid format (got "v1.33"); use "1.<minor>" or "1.<minor>.<patch>", e.g. "1.33"',
      );
    });

    test("fails when the cluster name breaks Azure's rule", () => {
      expectValidationError(() => create({ name: "aks_shop!" }), /^aks\.name: is not a valid kubernetes_cluster name \(got "aks_shop!"\)/);
    });

    test("fails when the SKU tier is unknown", () => {
      expectValidationError(() => create({ skuTier: "Basic" as never }), 'aks.skuTier: is not an allowed value (got "Basic"); use one of "Free", "Standard", "Premium"');
    });

    test("fails when the node-image upgrade channel is combined with another node OS channel", () => {
      expectValidationError(
        () => create({ automaticUpgradeChannel: "node-image", nodeOsUpgradeChannel: "SecurityPatch" }),
        'aks.nodeOsUpgradeChannel: must be "NodeImage" when the upgrade channel is "node-image" (got "SecurityPatch"); use "NodeImage" or another upgrade channel',
      );
    });

    test("fails when the service CIDR overlaps the network", () => {
      expectValidationError(
        () => create({ serviceCidr: "10.10.128.0/20" }),
        'aks.serviceCidr: overlaps network.addressSpace (10.10.0.0/16) (got "10.10.128.0/20"); choose address ranges that do not overlap',
      );
    });

    test("fails when the pod CIDR overlaps the service CIDR", () => {
      expectValidationError(
        () => create({ podCidr: "172.16.0.0/16" }),
        'aks.podCidr: overlaps aks.serviceCidr (172.16.0.0/16) (got "172.16.0.0/16"); choose address ranges that do not overlap',
      );
    });

    test("fails when the pod CIDR overlaps the network", () => {
      expectValidationError(
        () => create({ podCidr: "10.0.0.0/8" }),
        'aks.podCidr: overlaps network.addressSpace (10.10.0.0/16) (got "10.0.0.0/8"); choose address ranges that do not overlap',
      );
    });

    test("fails when the service CIDR is larger than a /12", () => {
      expectValidationError(() => create({ serviceCidr: "172.0.0.0/8" }), 'aks.serviceCidr: has an unsupported size (got "172.0.0.0/8"); use a /12 to /24 block');
    });

    test("fails when the pod CIDR is smaller than a /23", () => {
      expectValidationError(
        () => create({ podCidr: "192.168.0.0/24" }),
        'aks.podCidr: has an unsupported size (got "192.168.0.0/24"); use a /8 to /23 block (each node takes a /24)',
      );
    });

    test("fails when the service CIDR is not a CIDR block", () => {
      expectValidationError(() => create({ serviceCidr: "172.16.0.0/33" }), /^aks\.serviceCidr: is not a valid CIDR block \(got "172\.16\.0\.0\/33"\)/);
    });

    test("fails when the DNS service IP is outside the service CIDR", () => {
      expectValidationError(
        () => create({ dnsServiceIp: "10.0.0.10" }),
        'aks.dnsServiceIp: is not a usable address of the service CIDR 172.16.0.0/16 (got "10.0.0.10"); use an address inside it other than the first two, e.g. "172.16.0.10"',
      );
    });

    test("fails when the DNS service IP is the service CIDR's kubernetes address", () => {
      expectValidationError(() => create({ dnsServiceIp: "172.16.0.1" }), /^aks\.dnsServiceIp: is not a usable address of the service CIDR 172\.16\.0\.0\/16 \(got "172\.16\.0\.1"\)/);
    });

    test("fails when a public API server has no authorized ranges", () => {
      expectValidationError(
        () => create({ apiServer: { mode: "public", authorizedIpRanges: [] } }),
        'aks.apiServer.authorizedIpRanges: is empty for a public API server (got []); list the CIDRs of your operators and CI (e.g. "203.0.113.0/24"), or use mode "private"',
      );
    });

    test("fails when a public API server is open to 0.0.0.0/0", () => {
      expectValidationError(
        () => create({ apiServer: { mode: "public", authorizedIpRanges: ["203.0.113.0/24", "0.0.0.0/0"] } }),
        'aks.apiServer.authorizedIpRanges[1]: opens the API server to the whole internet (got "0.0.0.0/0"); list specific ranges, or use mode "private"',
      );
    });

    test("fails when an authorized range is not a CIDR block", () => {
      expectValidationError(
        () => create({ apiServer: { mode: "public", authorizedIpRanges: ["203.0.113.7"] } }),
        /^aks\.apiServer\.authorizedIpRanges\[0\]: is not a valid CIDR block \(got "203\.0\.113\.7"\)/,
      );
    });

    test("fails when an authorized range is repeated", () => {
      expectValidationError(
        () => create({ apiServer: { mode: "public", authorizedIpRanges: ["203.0.113.0/24", "203.0.113.0/24"] } }),
        'aks.apiServer.authorizedIpRanges[1]: repeats the entry at index 0 (got "203.0.113.0/24"); each entry must be unique',
      );
    });

    test("fails when the API server mode is unknown", () => {
      expectValidationError(() => create({ apiServer: { mode: "internal" } as never }), 'aks.apiServer.mode: is not an allowed value (got "internal"); use one of "private", "public"');
    });

    test("fails when a maintenance window is shorter than 4 hours", () => {
      expectValidationError(
        () => create({ upgradeMaintenanceWindow: { dayOfWeek: "Sunday", startTime: "02:00", durationHours: 3 } }),
        "aks.upgradeMaintenanceWindow.durationHours: is out of range (got 3); use 4 to 24",
      );
    });

    test("fails when a maintenance window's start time is not HH:MM", () => {
      expectValidationError(
        () => create({ nodeOsMaintenanceWindow: { dayOfWeek: "Saturday", startTime: "2:00", durationHours: 4 } }),
        'aks.nodeOsMaintenanceWindow.startTime: has an invalid format (got "2:00"); use "HH:MM" in 24-hour time',
      );
    });

    test("fails when a maintenance window starts at 24:00", () => {
      expectValidationError(
        () => create({ nodeOsMaintenanceWindow: { dayOfWeek: "Saturday", startTime: "24:00", durationHours: 4 } }),
        /^aks\.nodeOsMaintenanceWindow\.startTime: has an invalid format \(got "24:00"\)/,
      );
    });

    test("fails when a maintenance window's day is unknown", () => {
      expectValidationError(
        () => create({ upgradeMaintenanceWindow: { dayOfWeek: "Sun" as never, startTime: "02:00", durationHours: 4 } }),
        /^aks\.upgradeMaintenanceWindow\.dayOfWeek: is not an allowed value \(got "Sun"\); use one of "Monday"/,
      );
    });

    test("fails when a maintenance window's UTC offset is malformed", () => {
      expectValidationError(
        () => create({ upgradeMaintenanceWindow: { dayOfWeek: "Sunday", startTime: "02:00", durationHours: 4, utcOffset: "+1" } }),
        'aks.upgradeMaintenanceWindow.utcOffset: has an invalid format (got "+1"); use "+HH:MM" or "-HH:MM"',
      );
    });

    test("fails when the system pool's VM size is not an Azure size name", () => {
      expectValidationError(
        () => create({ systemPool: { vmSize: "Standard_D4ds-v5" } }),
        'aks.systemPool.vmSize: has an invalid format (got "Standard_D4ds-v5"); use an Azure VM size such as "Standard_D4ds_v5"',
      );
    });

    test("fails when the system pool's minCount exceeds its maxCount", () => {
      expectValidationError(() => create({ systemPool: { minCount: 4, maxCount: 3 } }), "aks.systemPool.minCount: must not exceed maxCount (3) (got 4); set minCount <= maxCount");
    });

    test("fails when the system pool may scale to zero", () => {
      expectValidationError(() => create({ systemPool: { minCount: 0 } }), "aks.systemPool.minCount: is out of range (got 0); use 1 to 1000");
    });

    test("fails when the system pool's maxCount exceeds 1000", () => {
      expectValidationError(() => create({ systemPool: { maxCount: 1001 } }), "aks.systemPool.maxCount: is out of range (got 1001); use 1 to 1000");
    });

    test("fails when the system pool allows fewer than 30 pods per node", () => {
      expectValidationError(() => create({ systemPool: { maxPods: 20 } }), "aks.systemPool.maxPods: is out of range (got 20); use 30 to 250");
    });

    test("fails when the system pool's maxSurge is malformed", () => {
      expectValidationError(
        () => create({ systemPool: { maxSurge: "33%%" } }),
        'aks.systemPool.maxSurge: has an invalid format (got "33%%"); use a node count such as "1" or a percentage such as "33%"',
      );
    });

    test("fails when zones are given in a region without zones (westus)", () => {
      expectValidationError(
        () => create({ zones: ["1"], requireZonalPools: false }, "westus"),
        'aks.zones[0]: is not an availability zone of westus (got "1"); West US has no availability zones; leave zones empty',
      );
    });

    test("fails when a zone is not one of the region's", () => {
      expectValidationError(() => create({ zones: ["1", "5"] }), 'aks.zones[1]: is not an availability zone of westeurope (got "5"); use zones "1", "2", "3"');
    });

    test("fails when zonal pools are required in a region without zones", () => {
      expectValidationError(
        () => create({}, "westus"),
        "aks.zones: is empty but zonal pools are required, and West US has no availability zones (got []); choose a region with availability zones, or set requireZonalPools to false",
      );
    });

    test("fails when zonal pools are required but no zones are given", () => {
      expectValidationError(() => create({ zones: [] }), /^aks\.zones: is empty but zonal pools are required, and West Europe has zones \(got \[\]\); use zones \["1","2","3"\]$/);
    });

    test("fails when the network policy engine is unknown", () => {
      expectValidationError(() => create({ networkPolicy: "antrea" as never }), 'aks.networkPolicy: is not an allowed value (got "antrea"); use one of "cilium", "azure", "calico"');
    });

    test("fails when the outbound type is AKS's managed NAT gateway, which needs an AKS-managed network", () => {
      expectValidationError(
        () => create({ outboundType: "managedNATGateway" as never }),
        'aks.outboundType: needs an AKS-managed network, but the cluster joins a custom network (got "managedNATGateway"); use "loadBalancer"',
      );
    });

    test("fails when the outbound type is unknown", () => {
      expectValidationError(() => create({ outboundType: "userDefinedRouting" as never }), 'aks.outboundType: is not an allowed value (got "userDefinedRouting"); use one of "loadBalancer"');
    });

    test("fails when an admin group is not a GUID", () => {
      expectValidationError(
        () => create({ adminGroupObjectIds: ["platform-admins"] }),
        'aks.adminGroupObjectIds[0]: has an invalid format (got "platform-admins"); use an Entra ID object ID (a GUID)',
      );
    });

    test("fails when the tenant is not a GUID", () => {
      expectValidationError(() => create({ tenantId: "contoso.onmicrosoft.com" }), 'aks.tenantId: has an invalid format (got "contoso.onmicrosoft.com"); use an Entra ID tenant ID (a GUID)');
    });

    test("fails when the autoscaler utilisation threshold is above 1", () => {
      expectValidationError(() => create({ autoscaler: { scaleDownUtilizationThreshold: 1.5 } }), "aks.autoscaler.scaleDownUtilizationThreshold: is out of range (got 1.5); use 0.1 to 1");
    });

    test("fails when the autoscaler expander is unknown", () => {
      expectValidationError(
        () => create({ autoscaler: { expander: "cheapest" as never } }),
        'aks.autoscaler.expander: is not an allowed value (got "cheapest"); use one of "least-waste", "most-pods", "priority", "random"',
      );
    });

    test("fails when the secret rotation interval is not a duration", () => {
      expectValidationError(() => create({ secretRotationInterval: "2 minutes" }), 'aks.secretRotationInterval: has an invalid format (got "2 minutes"); use a duration such as "2m" or "1h"');
    });

    test("fails when an RBAC principal is not a GUID", () => {
      expectValidationError(
        () => create().grantRbac("Devs", "devs@contoso.com", "reader"),
        'aks.rbac.Devs.principalObjectId: has an invalid format (got "devs@contoso.com"); use an Entra ID object ID (a GUID)',
      );
    });

    test("fails when cluster admin is scoped to a namespace", () => {
      expectValidationError(
        () => create().grantRbac("Devs", GROUP_ID, "clusterAdmin", { namespace: "shop" }),
        'aks.rbac.Devs.role: cannot be scoped to a namespace (got "clusterAdmin"); use "admin", "writer" or "reader" for a namespace',
      );
    });

    test("fails when an RBAC namespace is not a namespace name", () => {
      expectValidationError(
        () => create().grantRbac("Devs", GROUP_ID, "reader", { namespace: "Shop_Prod" }),
        'aks.rbac.Devs.namespace: has an invalid format (got "Shop_Prod"); use a Kubernetes namespace name (DNS label)',
      );
    });

    test("fails when an RBAC role is unknown", () => {
      expectValidationError(
        () => create().grantRbac("Devs", GROUP_ID, "owner" as never),
        'aks.rbac.Devs.role: is not an allowed value (got "owner"); use one of "clusterAdmin", "admin", "writer", "reader"',
      );
    });

    test("creates nothing before failing", () => {
      const deps = clusterDependencies();
      expect(() => new AksCluster(deps.stack, "Aks", { ...deps, dnsPrefix: "-" })).toThrow(ValidationError);
      const out = Testing.synth(deps.stack);
      expect(resourceList(out, "azurerm_user_assigned_identity")).toHaveLength(0);
      expect(resourceList(out, "azurerm_kubernetes_cluster")).toHaveLength(0);
    });
  });
});
