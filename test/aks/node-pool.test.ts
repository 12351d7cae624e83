import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { AksCluster } from "../../lib/aks/aks-cluster";
import { ValidationError } from "../../lib/core/errors";
import { GPU_TAINT, NodePool, NodePoolOptions, SPOT_TAINT } from "../../lib/aks/node-pool";
import { clusterFixture, expectValidationError, resourceList, resourceNamed, synthCluster } from "./fixtures";

const CLUSTER_ID = "${azurerm_kubernetes_cluster.Aks_943C0E94.id}";
const USER_SUBNET_ID = "${azurerm_subnet.Network_UserNodesSubnet_4F9CC4F2.id}";

/** Synthesizes a cluster with one pool `name` and returns the output. */
function synthPool(name: string, options: NodePoolOptions = {}): string {
  return synthCluster({}, (cluster) => cluster.addNodePool(name, options)).out;
}

/** The synthesized pool `name` after adding it with `options`. */
function pool(name: string, options: NodePoolOptions = {}) {
  return resourceNamed(synthPool(name, options), "azurerm_kubernetes_cluster_node_pool", name);
}

/** A fresh cluster to add pools to (westeurope unless told). */
function cluster(region?: string, requireZonalPools?: boolean): AksCluster {
  return clusterFixture({ requireZonalPools }, { region }).cluster;
}

describe("NodePool", () => {
  test("synthesizes a general, a GPU and a spot pool", () => {
    const { out } = synthCluster({}, (c) => {
      c.addNodePool("apps");
      c.addNodePool("gpu", { kind: "gpu" });
      c.addNodePool("spot", { kind: "spot" });
    });
    expect(resourceList(out, "azurerm_kubernetes_cluster_node_pool")).toMatchSnapshot();
  });

  describe("general pool", () => {
    test("is a User pool of the cluster", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "apps", mode: "User", kubernetes_cluster_id: CLUSTER_ID });
    });

    test("takes node addresses from the user-node subnet", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "apps", vnet_subnet_id: USER_SUBNET_ID });
    });

    test("spreads across the region's three zones", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "apps", zones: ["1", "2", "3"] });
    });

    test("autoscales from 3 to 10 nodes", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "apps", auto_scaling_enabled: true, min_count: 3, max_count: 10 });
    });

    test("uses Standard_D4ds_v5 with a 128 GiB ephemeral OS disk", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "apps",
        vm_size: "Standard_D4ds_v5",
        os_disk_type: "Ephemeral",
        os_disk_size_gb: 128,
      });
    });

    test("runs Azure Linux with 110 pods per node", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "apps", os_type: "Linux", os_sku: "AzureLinux", max_pods: 110 });
    });

    test("surges by a third during upgrades and drains for 30 minutes", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "apps",
        priority: "Regular",
        upgrade_settings: { max_surge: "33%", drain_timeout_in_minutes: 30 },
      });
    });

    test("labels nodes with the workload class and adds no taint", () => {
      const synthesized = pool("apps");
      expect(synthesized.node_labels).toEqual({ "workload-class": "general" });
      expect(synthesized.node_taints).toEqual([]);
    });

    test("names the rotation pool after the pool", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "apps", temporary_name_for_rotation: "appstmp" });
    });

    test("truncates the rotation pool name of a 12-character pool to 12 characters", () => {
      expect(synthPool("appsgeneral1")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "appsgeneral1", temporary_name_for_rotation: "appsgenertmp" });
    });

    test("leaves the node count to the autoscaler", () => {
      expect(synthPool("apps")).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "apps", lifecycle: { ignore_changes: ["node_count"] } });
    });

    test("has no GPU driver or spot settings", () => {
      const synthesized = pool("apps");
      for (const key of ["gpu_driver", "eviction_policy", "spot_max_price"]) expect(synthesized).not.toHaveProperty(key);
    });

    test("applies the options", () => {
      expect(
        synthPool("apps", {
          vmSize: "Standard_E8ds_v5",
          minCount: 2,
          maxCount: 40,
          zones: ["1", "2"],
          labels: { team: "checkout" },
          taints: ["dedicated=checkout:NoSchedule"],
          maxPods: 50,
          osSku: "Ubuntu",
          maxSurge: "1",
        }),
      ).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "apps",
        vm_size: "Standard_E8ds_v5",
        min_count: 2,
        max_count: 40,
        zones: ["1", "2"],
        node_labels: { "workload-class": "general", team: "checkout" },
        node_taints: ["dedicated=checkout:NoSchedule"],
        max_pods: 50,
        os_sku: "Ubuntu",
        upgrade_settings: { max_surge: "1", drain_timeout_in_minutes: 30 },
      });
    });

    test("uses a 64 GiB ephemeral OS disk on Standard_D2ds_v5", () => {
      expect(synthPool("apps", { vmSize: "Standard_D2ds_v5" })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "apps",
        os_disk_type: "Ephemeral",
        os_disk_size_gb: 64,
      });
    });

    test("uses a managed OS disk on a size without local disk", () => {
      expect(synthPool("apps", { vmSize: "Standard_D4s_v5" })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "apps",
        os_disk_type: "Managed",
        os_disk_size_gb: 128,
      });
    });

    test("keeps an explicit OS disk size that the local disk cannot hold, on a managed disk", () => {
      expect(synthPool("apps", { osDiskSizeGb: 256 })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "apps",
        os_disk_type: "Managed",
        os_disk_size_gb: 256,
      });
    });

    test("uses an explicit OS disk size that the local disk holds as an ephemeral disk", () => {
      expect(synthPool("apps", { osDiskSizeGb: 100 })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "apps",
        os_disk_type: "Ephemeral",
        os_disk_size_gb: 100,
      });
    });

    test("has no zones in a region without zones when zonal pools are not required", () => {
      const c = cluster("westus", false);
      c.addNodePool("apps");
      expect(resourceNamed(Testing.synth(TerraformStack.of(c)), "azurerm_kubernetes_cluster_node_pool", "apps")).not.toHaveProperty("zones");
    });
  });

  describe("GPU pool", () => {
    test("uses an NC-series T4 size by default", () => {
      expect(synthPool("gpu", { kind: "gpu" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "gpu", vm_size: "Standard_NC4as_T4_v3" });
    });

    test("scales from zero to three nodes", () => {
      expect(synthPool("gpu", { kind: "gpu" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "gpu", min_count: 0, max_count: 3 });
    });

    test("taints nodes so only pods that ask for GPUs land there", () => {
      expect(GPU_TAINT).toBe("nvidia.com/gpu=present:NoSchedule");
      expect(synthPool("gpu", { kind: "gpu" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "gpu", node_taints: ["nvidia.com/gpu=present:NoSchedule"] });
    });

    test("lets AKS install the NVIDIA driver", () => {
      expect(synthPool("gpu", { kind: "gpu" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "gpu", gpu_driver: "Install" });
    });

    test("leaves the driver to the GPU operator when asked", () => {
      expect(synthPool("gpu", { kind: "gpu", gpuDriver: "None" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "gpu", gpu_driver: "None" });
    });

    test("labels nodes with the gpu workload class", () => {
      expect(synthPool("gpu", { kind: "gpu" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "gpu", node_labels: { "workload-class": "gpu" } });
    });

    test("keeps the GPU taint first and appends extra taints", () => {
      expect(synthPool("gpu", { kind: "gpu", taints: ["team=ml:NoSchedule"] })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "gpu",
        node_taints: [GPU_TAINT, "team=ml:NoSchedule"],
      });
    });

    test("is a regular-priority pool with upgrade settings", () => {
      expect(synthPool("gpu", { kind: "gpu" })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "gpu",
        priority: "Regular",
        upgrade_settings: { max_surge: "33%", drain_timeout_in_minutes: 30 },
      });
    });

    test("uses the 180 GiB temporary disk of the T4 size for an ephemeral OS disk", () => {
      expect(synthPool("gpu", { kind: "gpu" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "gpu", os_disk_type: "Ephemeral", os_disk_size_gb: 128 });
    });
  });

  describe("spot pool", () => {
    test("is a Spot pool whose evicted nodes are deleted", () => {
      expect(synthPool("spot", { kind: "spot" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "spot", priority: "Spot", eviction_policy: "Delete" });
    });

    test("pays up to the on-demand price", () => {
      expect(synthPool("spot", { kind: "spot" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "spot", spot_max_price: -1 });
    });

    test("carries the taint and label AKS puts on spot nodes", () => {
      expect(SPOT_TAINT).toBe("kubernetes.azure.com/scalesetpriority=spot:NoSchedule");
      expect(synthPool("spot", { kind: "spot" })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "spot",
        node_taints: ["kubernetes.azure.com/scalesetpriority=spot:NoSchedule"],
        node_labels: { "workload-class": "spot", "kubernetes.azure.com/scalesetpriority": "spot" },
      });
    });

    test("has no upgrade settings, which AKS does not allow on spot pools", () => {
      expect(pool("spot", { kind: "spot" })).not.toHaveProperty("upgrade_settings");
    });

    test("scales from zero to ten nodes", () => {
      expect(synthPool("spot", { kind: "spot" })).toHaveResourceWithProperties(KubernetesClusterNodePool, { name: "spot", min_count: 0, max_count: 10 });
    });

    test("applies an eviction policy and a price cap", () => {
      expect(synthPool("spot", { kind: "spot", spotEvictionPolicy: "Deallocate", spotMaxPrice: 0.05 })).toHaveResourceWithProperties(KubernetesClusterNodePool, {
        name: "spot",
        eviction_policy: "Deallocate",
        spot_max_price: 0.05,
      });
    });

    test("has no GPU driver setting", () => {
      expect(pool("spot", { kind: "spot" })).not.toHaveProperty("gpu_driver");
    });
  });

  describe("the construct", () => {
    test("reports name, kind and maxCount", () => {
      const c = cluster();
      const gpu = c.addNodePool("gpu", { kind: "gpu", maxCount: 2 });
      expect(gpu).toBeInstanceOf(NodePool);
      expect([gpu.name, gpu.kind, gpu.maxCount]).toEqual(["gpu", "gpu", 2]);
    });

    test("is listed in the cluster's nodePools by name", () => {
      const c = cluster();
      const apps = c.addNodePool("apps");
      const spot = c.addNodePool("spot", { kind: "spot" });
      expect([...c.nodePools.keys()]).toEqual(["apps", "spot"]);
      expect(c.nodePools.get("apps")).toBe(apps);
      expect(c.nodePools.get("spot")).toBe(spot);
    });

    test("uses the pool name in its construct id", () => {
      const c = cluster();
      expect(c.addNodePool("apps").node.id).toBe("NodePoolapps");
    });

    test("exposes the pool's resource id", () => {
      const { stack, cluster: c } = clusterFixture();
      new TerraformOutput(stack, "pool_id", { value: c.addNodePool("apps").id });
      expect(JSON.parse(Testing.synth(stack)).output.pool_id.value).toBe("${azurerm_kubernetes_cluster_node_pool.Aks_NodePoolapps_933902B0.id}");
    });
  });

  describe("validation", () => {
    test("fails when the pool name has uppercase letters", () => {
      expectValidationError(
        () => cluster().addNodePool("Apps"),
        'aks.nodePools.Apps.name: has an invalid format (got "Apps"); use 1-12 lowercase letters and digits, starting with a letter',
      );
    });

    test("fails when the pool name is longer than 12 characters", () => {
      expectValidationError(
        () => cluster().addNodePool("applications1"),
        'aks.nodePools.applications1.name: has an invalid format (got "applications1"); use 1-12 lowercase letters and digits, starting with a letter',
      );
    });

    test("fails when the pool name starts with a digit", () => {
      expectValidationError(() => cluster().addNodePool("1apps"), /^aks\.nodePools\.1apps\.name: has an invalid format \(got "1apps"\)/);
    });

    test('fails when the pool is named "system"', () => {
      expectValidationError(
        () => cluster().addNodePool("system"),
        'aks.nodePools.system.name: is already used by another pool of this cluster (got "system"); give every pool its own name',
      );
    });

    test("fails when two pools share a name", () => {
      const c = cluster();
      c.addNodePool("apps");
      expectValidationError(() => c.addNodePool("apps", { kind: "spot" }), 'aks.nodePools.apps.name: is already used by another pool of this cluster (got "apps"); give every pool its own name');
    });

    test("fails when two pools share their first nine characters, so their temporary rotation names collide", () => {
      const c = cluster();
      c.addNodePool("batchjobsa");
      expectValidationError(
        () => c.addNodePool("batchjobsb"),
        /^aks\.nodePools\.batchjobsb\.name: collides with pool "batchjobsa" when either is rotated \(temporary names batchjobstmp \/ batchjobstmp\) \(got "batchjobsb"\)/,
      );
    });

    test("fails when a pool is named like another pool's temporary copy", () => {
      const c = cluster();
      c.addNodePool("gpu", { kind: "gpu" });
      expectValidationError(() => c.addNodePool("gputmp"), /^aks\.nodePools\.gputmp\.name: collides with pool "gpu" when either is rotated/);
      expectValidationError(() => c.addNodePool("systemtmp"), /^aks\.nodePools\.systemtmp\.name: collides with pool "system"/);
    });

    test("fails when minCount exceeds maxCount", () => {
      expectValidationError(() => cluster().addNodePool("apps", { minCount: 5, maxCount: 4 }), "aks.nodePools.apps.minCount: must not exceed maxCount (4) (got 5); set minCount <= maxCount");
    });

    test("fails when the default minCount exceeds a lower maxCount", () => {
      expectValidationError(() => cluster().addNodePool("apps", { maxCount: 2 }), "aks.nodePools.apps.minCount: must not exceed maxCount (2) (got 3); set minCount <= maxCount");
    });

    test("fails when maxCount exceeds 1000", () => {
      expectValidationError(() => cluster().addNodePool("apps", { maxCount: 1001 }), "aks.nodePools.apps.maxCount: is out of range (got 1001); use 1 to 1000");
    });

    test("fails when maxCount is zero", () => {
      expectValidationError(() => cluster().addNodePool("gpu", { kind: "gpu", maxCount: 0 }), "aks.nodePools.gpu.maxCount: is out of range (got 0); use 1 to 1000");
    });

    test("fails when minCount is negative", () => {
      expectValidationError(() => cluster().addNodePool("apps", { minCount: -1 }), "aks.nodePools.apps.minCount: is out of range (got -1); use 0 to 1000");
    });

    test("fails when a GPU pool uses a non-GPU size", () => {
      expectValidationError(
        () => cluster().addNodePool("gpu", { kind: "gpu", vmSize: "Standard_D4ds_v5" }),
        'aks.nodePools.gpu.vmSize: is not a GPU VM size (got "Standard_D4ds_v5"); GPU pools need an N-series size such as "Standard_NC4as_T4_v3"',
      );
    });

    test("fails when a general pool uses a GPU size", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { vmSize: "Standard_NC4as_T4_v3" }),
        'aks.nodePools.apps.vmSize: is a GPU size on a general pool (got "Standard_NC4as_T4_v3"); use kind "gpu" for N-series sizes',
      );
    });

    test("fails when a spot pool uses a GPU size", () => {
      expectValidationError(
        () => cluster().addNodePool("spot", { kind: "spot", vmSize: "Standard_NC8as_T4_v3" }),
        'aks.nodePools.spot.vmSize: is a GPU size on a spot pool (got "Standard_NC8as_T4_v3"); use kind "gpu" for N-series sizes',
      );
    });

    test("fails when the VM size is not an Azure size name", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { vmSize: "D4ds_v5" }),
        'aks.nodePools.apps.vmSize: has an invalid format (got "D4ds_v5"); use an Azure VM size such as "Standard_D4ds_v5"',
      );
    });

    test("fails when the kind is unknown", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { kind: "batch" as never }),
        'aks.nodePools.apps.kind: is not an allowed value (got "batch"); use one of "general", "gpu", "spot"',
      );
    });

    test("fails when a zone is not in the region", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { zones: ["1", "4"] }),
        'aks.nodePools.apps.zones[1]: is not an availability zone of westeurope (got "4"); use zones "1", "2", "3"',
      );
    });

    test("fails when zones are given in a region without zones", () => {
      expectValidationError(
        () => cluster("westus", false).addNodePool("apps", { zones: ["1"] }),
        'aks.nodePools.apps.zones[0]: is not an availability zone of westus (got "1"); West US has no availability zones; leave zones empty',
      );
    });

    test("fails when a pool has no zones but zonal pools are required", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { zones: [] }),
        'aks.nodePools.apps.zones: is empty but this environment requires zonal node pools (got []); name zones such as ["1", "2", "3"]',
      );
    });

    test("fails when a zone is repeated", () => {
      expectValidationError(() => cluster().addNodePool("apps", { zones: ["1", "1"] }), 'aks.nodePools.apps.zones[1]: repeats the entry at index 0 (got "1"); each entry must be unique');
    });

    test("fails when a general pool sets a spot eviction policy", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { spotEvictionPolicy: "Deallocate" }),
        'aks.nodePools.apps.spotEvictionPolicy: is set on a general pool (got "Deallocate"); spot settings need kind "spot"',
      );
    });

    test("fails when a GPU pool sets a spot price, naming spotMaxPrice", () => {
      expectValidationError(
        () => cluster().addNodePool("gpu", { kind: "gpu", spotMaxPrice: 0.5 }),
        'aks.nodePools.gpu.spotMaxPrice: is set on a gpu pool (got 0.5); spot settings need kind "spot"',
      );
    });

    test("fails when a spot price is neither -1 nor positive", () => {
      expectValidationError(() => cluster().addNodePool("spot", { kind: "spot", spotMaxPrice: 0 }), "aks.nodePools.spot.spotMaxPrice: is out of range (got 0); use 0.00001 to 1000");
    });

    test("fails when a general pool sets the GPU driver", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { gpuDriver: "Install" }),
        'aks.nodePools.apps.gpuDriver: is set on a general pool (got "Install"); the GPU driver setting needs kind "gpu"',
      );
    });

    test("fails when a taint has no effect", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { taints: ["dedicated=checkout"] }),
        'aks.nodePools.apps.taints[0]: has an invalid format (got "dedicated=checkout"); use "key=value:Effect" with Effect NoSchedule, PreferNoSchedule or NoExecute',
      );
    });

    test("fails when a label key is invalid", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { labels: { "-team": "checkout" } }),
        'aks.nodePools.apps.labels: has an invalid format (got "-team"); label keys are an optional DNS prefix and a name of up to 63 characters',
      );
    });

    test("fails when a label value is invalid", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { labels: { team: "check out" } }),
        `aks.nodePools.apps.labels.team: has an invalid format (got "check out"); label values are up to 63 letters, digits, '-', '_' or '.'`,
      );
    });

    test("fails when maxPods is above 250", () => {
      expectValidationError(() => cluster().addNodePool("apps", { maxPods: 251 }), "aks.nodePools.apps.maxPods: is out of range (got 251); use 10 to 250");
    });

    test("fails when the OS disk is smaller than 30 GiB", () => {
      expectValidationError(() => cluster().addNodePool("apps", { osDiskSizeGb: 20 }), "aks.nodePools.apps.osDiskSizeGb: is out of range (got 20); use 30 to 2048");
    });

    test("fails when maxSurge is zero", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { maxSurge: "0" }),
        'aks.nodePools.apps.maxSurge: has an invalid format (got "0"); use a node count such as "1" or a percentage such as "33%"',
      );
    });

    test("fails when maxSurge is above 100%", () => {
      expectValidationError(() => cluster().addNodePool("apps", { maxSurge: "150%" }), /^aks\.nodePools\.apps\.maxSurge: has an invalid format \(got "150%"\)/);
    });

    test("fails when the OS image is unknown", () => {
      expectValidationError(
        () => cluster().addNodePool("apps", { osSku: "Windows2022" as never }),
        'aks.nodePools.apps.osSku: is not an allowed value (got "Windows2022"); use one of "AzureLinux", "Ubuntu"',
      );
    });

    test("adds nothing to the cluster when it fails", () => {
      const c = cluster();
      expect(() => c.addNodePool("gpu", { kind: "gpu", vmSize: "Standard_D4ds_v5" })).toThrow(ValidationError);
      expect(c.nodePools.size).toBe(0);
      expect(resourceList(Testing.synth(TerraformStack.of(c)), "azurerm_kubernetes_cluster_node_pool")).toHaveLength(0);
    });
  });
});
