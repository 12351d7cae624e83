import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { dependenciesWithin } from "../core/dependencies";
import { chartRelease } from "./private/helm";
import { Release } from "@cdktf/provider-helm/lib/release";
import { ValidationError } from "../core/errors";
import { validateGuid, validatePattern, validateRange } from "../core/validate";
import { serviceAccountSubject, WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION, WORKLOAD_IDENTITY_USE_LABEL } from "../core/workload-identity";
import { validateK8sName } from "./private/k8s";
import type { AcmeAzureDnsSolver } from "./acme-cluster-issuer";
import { ITrafficController } from "./traffic-controller";

/**
 * Version of the jetstack `cert-manager` chart: v1.21.2, the latest 1.21 patch (1.21.1 fixed a controller panic and a
 * Secret-informer regression of 1.21.0). From 1.21 the Gateway API switch is `config.gatewayAPI.enabled`; the older
 * `config.enableGatewayAPI` still works but is deprecated (cert-manager 1.21.0 release notes, #8732).
 */
export const CERT_MANAGER_CHART_VERSION = "v1.21.2";

/** Props for {@link CertManager}. */
export interface CertManagerProps {
  /**
   * The traffic controller that installs the Gateway API CRDs; cert-manager checks for them only at start-up, so the
   * release waits for the controller.
   * @default - no dependency (the Gateway API CRDs must already exist)
   */
  readonly gatewayApiCrdsFrom?: ITrafficController;
  /**
   * Chart version.
   * @default {@link CERT_MANAGER_CHART_VERSION}
   */
  readonly chartVersion?: string;
  /**
   * Namespace (created by Helm).
   * @default "cert-manager"
   */
  readonly namespace?: string;
  /**
   * Replicas of the controller, webhook and cainjector, each with a PodDisruptionBudget when more than one. 1 is a dev
   * opt-out.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Helm install/upgrade timeout in seconds.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * Run the controller with Azure workload identity: its pods carry the `azure.workload.identity/use: "true"` label,
   * so the AKS workload identity webhook projects a service account token into them, which cert-manager exchanges for
   * an Entra ID token of a managed identity (DNS-01 with Azure DNS, {@link AcmeAzureDnsSolver}). The identity needs a
   * federated credential for {@link CertManager.workloadIdentitySubject}. The cluster needs the OIDC issuer and
   * workload identity enabled (https://cert-manager.io/docs/configuration/acme/dns01/azuredns/).
   * @default - true when `workloadIdentityClientId` is set, false otherwise
   */
  readonly workloadIdentity?: boolean;
  /**
   * Client ID of the managed identity, written as the controller service account's `azure.workload.identity/client-id`
   * annotation; the webhook then injects it as `AZURE_CLIENT_ID`. Optional: cert-manager's documentation needs only
   * the pod label, because an issuer's `managedIdentity.clientID` overrides `AZURE_CLIENT_ID` (and
   * {@link AcmeAzureDnsSolver} always sets it). Set it when issuers should be able to omit the client ID. Implies
   * `workloadIdentity`.
   * @default - no annotation
   */
  readonly workloadIdentityClientId?: string;
}

/** Typed subset of the cert-manager chart values set here (chart `values.yaml`). */
interface CertManagerChartValues {
  readonly crds: { readonly enabled: boolean; readonly keep: boolean };
  readonly replicaCount: number;
  readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: number };
  readonly webhook: { readonly replicaCount: number; readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: number } };
  readonly cainjector: { readonly replicaCount: number; readonly podDisruptionBudget: { readonly enabled: boolean; readonly minAvailable?: number } };
  readonly config: {
    readonly apiVersion: "controller.config.cert-manager.io/v1alpha1";
    readonly kind: "ControllerConfiguration";
    readonly gatewayAPI: { readonly enabled: boolean };
  };
  /** Extra labels of the controller pods (not the webhook's or cainjector's). */
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly serviceAccount?: { readonly annotations: Readonly<Record<string, string>> };
}

/** The Helm release's name; the chart names the controller's service account after it. */
const RELEASE_NAME = "cert-manager";

/**
 * cert-manager from the jetstack chart, with its CRDs (kept on uninstall), Gateway API support on (it issues the
 * certificates that Gateways ask for with `cert-manager.io/cluster-issuer`, and solves HTTP-01 challenges with
 * HTTPRoutes), a highly available controller, webhook and cainjector, and optionally Azure workload identity for the
 * controller (DNS-01 with Azure DNS).
 */
export class CertManager extends Construct {
  /** The Helm release, as an escape hatch. */
  public readonly release: Release;
  /** Namespace cert-manager runs in. */
  public readonly namespace: string;
  /** The chart version installed. */
  public readonly chartVersion: string;
  /**
   * Name of the controller's service account (in {@link namespace}): the chart's full name, which is the release name
   * `cert-manager`.
   */
  public readonly serviceAccountName: string = RELEASE_NAME;
  /** Whether the controller runs with Azure workload identity. */
  public readonly workloadIdentity: boolean;

  constructor(scope: Construct, id: string, props: CertManagerProps = {}) {
    super(scope, id);
    const path = "certManager";
    this.chartVersion = validatePattern(`${path}.chartVersion`, props.chartVersion ?? CERT_MANAGER_CHART_VERSION, /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'use a chart version such as "v1.21.2"')!;
    this.namespace = validateK8sName(`${path}.namespace`, props.namespace ?? "cert-manager");
    const replicas = validateRange(`${path}.replicas`, props.replicas ?? 2, 1, 5)!;
    const timeout = validateRange(`${path}.timeoutSeconds`, props.timeoutSeconds ?? 600, 60, 3600)!;
    const clientId = validateGuid(`${path}.workloadIdentityClientId`, props.workloadIdentityClientId, "the managed identity's client ID");
    if (clientId !== undefined && props.workloadIdentity === false) {
      throw new ValidationError(`${path}.workloadIdentity`, "is false while workloadIdentityClientId is set", false, "drop workloadIdentity (the client ID turns it on), or drop workloadIdentityClientId");
    }
    this.workloadIdentity = props.workloadIdentity ?? clientId !== undefined;

    const pdb = replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false };
    const values: CertManagerChartValues = {
      crds: { enabled: true, keep: true },
      replicaCount: replicas,
      podDisruptionBudget: pdb,
      webhook: { replicaCount: replicas, podDisruptionBudget: pdb },
      cainjector: { replicaCount: replicas, podDisruptionBudget: pdb },
      config: { apiVersion: "controller.config.cert-manager.io/v1alpha1", kind: "ControllerConfiguration", gatewayAPI: { enabled: true } },
      ...(this.workloadIdentity ? { podLabels: { [WORKLOAD_IDENTITY_USE_LABEL]: "true" } } : {}),
      ...(clientId !== undefined ? { serviceAccount: { annotations: { [WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION]: clientId } } } : {}),
    };
    this.release = chartRelease(this, "Resource", {
      name: RELEASE_NAME,
      repository: "https://charts.jetstack.io",
      chart: "cert-manager",
      version: this.chartVersion,
      namespace: this.namespace,
      timeout,
      values,
      dependsOn: props.gatewayApiCrdsFrom ? dependenciesWithin(this, props.gatewayApiCrdsFrom.crdInstallation ?? []) : undefined,
    });
  }

  /**
   * The subject of the controller's service account tokens, `system:serviceaccount:cert-manager:cert-manager` by
   * default: what a managed identity's federated credential trusts.
   */
  public get workloadIdentitySubject(): string {
    return serviceAccountSubject(this.namespace, this.serviceAccountName);
  }

  /** What an Issuer or ClusterIssuer manifest must depend on. */
  public get crdDependencies(): ITerraformDependable[] {
    return [this.release];
  }
}
