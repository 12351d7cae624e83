import { Testing, TerraformStack } from "cdktf";
import { AKS_SERVER_APP_ID, AksClusterConnection } from "../../lib/aks/cluster-connection";
import { expectValidationError } from "../support/expect-validation-error";

function synth(login?: "azurecli" | "workloadidentity") {
  const stack = new TerraformStack(Testing.app(), "apps");
  new AksClusterConnection(stack, "Cluster", { clusterName: "aks-shop-prod-weu", resourceGroupName: "rg-shop-prod-weu", login });
  return JSON.parse(Testing.synth(stack));
}

describe("AksClusterConnection", () => {
  it("reads the cluster by name and resource group", () => {
    expect(Object.values(synth().data.azurerm_kubernetes_cluster)[0]).toMatchObject({ name: "aks-shop-prod-weu", resource_group_name: "rg-shop-prod-weu" });
  });

  it("authenticates the kubernetes provider with a kubelogin exec plugin against the AKS server application", () => {
    const provider = synth().provider.kubernetes[0];
    expect(provider.host).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.kube_config\[0\]\.host\}$/);
    expect(provider.cluster_ca_certificate).toMatch(/^\$\{base64decode\(data\.azurerm_kubernetes_cluster\..*\.kube_config\[0\]\.cluster_ca_certificate\)\}$/);
    expect(provider.exec).toEqual([{ api_version: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token", "--login", "azurecli", "--server-id", AKS_SERVER_APP_ID] }]);
    expect(provider).not.toHaveProperty("client_certificate");
    expect(provider).not.toHaveProperty("token");
  });

  it("gives the helm provider the same connection", () => {
    const helm = synth("workloadidentity").provider.helm[0];
    expect(helm.kubernetes.exec).toEqual({ api_version: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token", "--login", "workloadidentity", "--server-id", AKS_SERVER_APP_ID] });
    expect(helm.kubernetes.host).toMatch(/kube_config\[0\]\.host/);
  });

  it("fails when the login mode is unknown", () => {
    const stack = new TerraformStack(Testing.app(), "apps");
    expectValidationError(
      () => new AksClusterConnection(stack, "Cluster", { clusterName: "aks-x", resourceGroupName: "rg", login: "devicecode" as never }),
      'clusterConnection.login: is not an allowed value (got "devicecode"); use one of "azurecli", "workloadidentity", "msi", "spn"',
    );
  });
});
