import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { ValidationError } from "../../lib/core/errors";
import { ResourceNamer } from "../../lib/core/naming";

/** A stack with the azurerm provider, a resource group and a namer, for one region. */
export function testStack(regionName = "westeurope"): { stack: TerraformStack; resourceGroup: ResourceGroup; namer: ResourceNamer } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const resourceGroup = new ResourceGroup(stack, "ResourceGroup", { name: "rg-shop-prod", location: regionName });
  const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: regionName });
  return { stack, resourceGroup, namer };
}

/** A minimal AKS cluster (raw L1) with the metrics add-on and Container Insights (managed identity auth) enabled. */
export function testCluster(scope: Construct, id: string, resourceGroup: ResourceGroup, name = "aks-shop-prod-weu"): KubernetesCluster {
  return new KubernetesCluster(scope, id, {
    name,
    location: resourceGroup.location,
    resourceGroupName: resourceGroup.name,
    dnsPrefix: name,
    defaultNodePool: { name: "system", vmSize: "Standard_D4ds_v5", nodeCount: 3 },
    identity: { type: "SystemAssigned" },
    monitorMetrics: {},
  });
}

/** The synthesized resources of one Terraform type, keyed by logical id. */
export function resourcesOf(synthesized: string, type: string): Record<string, Record<string, unknown>> {
  const parsed = JSON.parse(synthesized) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  return parsed.resource?.[type] ?? {};
}

/** Asserts that `fn` throws a ValidationError for `path` whose message contains `fragment`. */
export function expectValidationError(fn: () => unknown, path: string, fragment: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  const error = caught as ValidationError;
  expect(error.path).toBe(path);
  expect(error.message).toContain(fragment);
}

/**
 * Matches a Terraform reference to an attribute of a resource created under the construct path `path`
 * (e.g. `ref("azurerm_monitor_workspace", "Prometheus", "id")` matches `${azurerm_monitor_workspace.Prometheus_AE8C5CD2.id}`).
 */
export function ref(type: string, path: string, attribute: string): unknown {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return expect.stringMatching(new RegExp(`^\\$\\{${escaped(type)}\\.${escaped(path)}_[0-9A-F]{8}\\.${escaped(attribute)}\\}$`));
}
