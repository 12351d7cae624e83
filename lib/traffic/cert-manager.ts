import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { dependenciesWithin } from "../core/dependencies";
import { chartRelease } from "./private/helm";
import { Release } from "@cdktf/provider-helm/lib/release";
import { validatePattern, validateRange } from "../core/validate";
import { validateK8sName } from "./private/k8s";
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
}

/**
 * cert-manager from the jetstack chart, with its CRDs (kept on uninstall), Gateway API support on (it issues the
 * certificates that Gateways ask for with `cert-manager.io/cluster-issuer`, and solves HTTP-01 challenges with
 * HTTPRoutes), and a highly available controller, webhook and cainjector.
 */
export class CertManager extends Construct {
  /** The Helm release, as an escape hatch. */
  public readonly release: Release;
  /** Namespace cert-manager runs in. */
  public readonly namespace: string;
  /** The chart version installed. */
  public readonly chartVersion: string;

  constructor(scope: Construct, id: string, props: CertManagerProps = {}) {
    super(scope, id);
    const path = "certManager";
    this.chartVersion = validatePattern(`${path}.chartVersion`, props.chartVersion ?? CERT_MANAGER_CHART_VERSION, /^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'use a chart version such as "v1.21.2"')!;
    this.namespace = validateK8sName(`${path}.namespace`, props.namespace ?? "cert-manager");
    const replicas = validateRange(`${path}.replicas`, props.replicas ?? 2, 1, 5)!;
    const timeout = validateRange(`${path}.timeoutSeconds`, props.timeoutSeconds ?? 600, 60, 3600)!;

    const pdb = replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false };
    const values: CertManagerChartValues = {
      crds: { enabled: true, keep: true },
      replicaCount: replicas,
      podDisruptionBudget: pdb,
      webhook: { replicaCount: replicas, podDisruptionBudget: pdb },
      cainjector: { replicaCount: replicas, podDisruptionBudget: pdb },
      config: { apiVersion: "controller.config.cert-manager.io/v1alpha1", kind: "ControllerConfiguration", gatewayAPI: { enabled: true } },
    };
    this.release = chartRelease(this, "Resource", {
      name: "cert-manager",
      repository: "https://charts.jetstack.io",
      chart: "cert-manager",
      version: this.chartVersion,
      namespace: this.namespace,
      timeout,
      values,
      dependsOn: props.gatewayApiCrdsFrom ? dependenciesWithin(this, props.gatewayApiCrdsFrom.crdInstallation ?? []) : undefined,
    });
  }

  /** What an Issuer or ClusterIssuer manifest must depend on. */
  public get crdDependencies(): ITerraformDependable[] {
    return [this.release];
  }
}
