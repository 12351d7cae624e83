import { Fn } from "cdktf";
import { Construct } from "constructs";
import { DataAzurermKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { validateEnum, validatePattern } from "../core/validate";

/** How kubelogin obtains the Entra ID token for the Kubernetes API. */
export type KubeloginMode = "azurecli" | "workloadidentity" | "msi" | "spn";

/**
 * The Entra ID application of the AKS API server, the audience of every AKS token
 * (https://learn.microsoft.com/azure/aks/kubelogin-authentication).
 */
export const AKS_SERVER_APP_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/** Props for {@link AksClusterConnection}. */
export interface AksClusterConnectionProps {
  /** Name of the cluster (known at synth: the platform stack's `AksCluster.name`). */
  readonly clusterName: string;
  /** Name of the cluster's resource group. */
  readonly resourceGroupName: string;
  /**
   * How kubelogin signs in: `azurecli` reuses `az login` (operators), `workloadidentity` a federated CI identity,
   * `msi` a managed identity of the runner, `spn` a service principal from the environment.
   * @default "azurecli"
   */
  readonly login?: KubeloginMode;
}

/**
 * Configures the kubernetes and helm providers of a stack for an AKS cluster with local accounts disabled: the API
 * server address and CA come from a data source read at plan time, and every request carries an Entra ID token from
 * `kubelogin` (an exec credential plugin). No client certificate, key or token is written into the synthesized
 * Terraform or its outputs. `kubelogin` and, for `azurecli`, the Azure CLI must be installed where Terraform runs.
 */
export class AksClusterConnection extends Construct {
  /** The data source the providers read the API server address and CA from. */
  public readonly cluster: DataAzurermKubernetesCluster;
  public readonly kubernetes: KubernetesProvider;
  public readonly helm: HelmProvider;

  constructor(scope: Construct, id: string, props: AksClusterConnectionProps) {
    super(scope, id);
    validatePattern("clusterConnection.clusterName", props.clusterName, /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,61}[a-zA-Z0-9]$/, "use the cluster's name");
    const login = validateEnum("clusterConnection.login", props.login ?? "azurecli", ["azurecli", "workloadidentity", "msi", "spn"])!;
    this.cluster = new DataAzurermKubernetesCluster(this, "Cluster", { name: props.clusterName, resourceGroupName: props.resourceGroupName });
    const kubeConfig = this.cluster.kubeConfig.get(0);
    const host = kubeConfig.host;
    const clusterCaCertificate = Fn.base64decode(kubeConfig.clusterCaCertificate);
    const exec = {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "kubelogin",
      args: ["get-token", "--login", login, "--server-id", AKS_SERVER_APP_ID],
    };
    this.kubernetes = new KubernetesProvider(this, "Kubernetes", { host, clusterCaCertificate, exec: [exec] });
    this.helm = new HelmProvider(this, "Helm", { kubernetes: { host, clusterCaCertificate, exec } });
  }

  /** The cluster's OIDC issuer, for federated credentials of workload identities. */
  public get oidcIssuerUrl(): string {
    return this.cluster.oidcIssuerUrl;
  }
}
