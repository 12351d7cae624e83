import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Release } from "@cdktf/provider-helm/lib/release";
import { chartRelease } from "./private/helm";
import type { IGatewayClass } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GatewayClass";
import type { IEnvoyProxy } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/EnvoyProxy";
import type { IEnvoyProxyKubernetesProvider } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/EnvoyProxyKubernetesProvider";
import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";
import { parseCidr } from "../core/cidr";
import { ValidationError } from "../core/errors";
import { isUnresolved, validateEnum, validatePattern, validateRange } from "../core/validate";
import { crdManifest, validateK8sName } from "./private/k8s";

/**
 * A Gateway API implementation the {@link TrafficGateway} and {@link ServiceRoute} constructs run on. Implement it to
 * plug in another controller (for example Azure Application Gateway for Containers, whose controller creates the
 * `azure-alb-external` GatewayClass itself): the gateway only needs the class name, what its manifests must wait for,
 * and which Envoy Gateway extensions the controller understands.
 */
export interface ITrafficController {
  /** Name of the GatewayClass that Gateways of this controller use. */
  readonly gatewayClassName: string;
  /** The `spec.controllerName` the GatewayClass names, e.g. `gateway.envoyproxy.io/gatewayclass-controller`. */
  readonly controllerName: string;
  /** Namespace the controller runs in. */
  readonly namespace: string;
  /**
   * What every Gateway API or policy manifest must depend on: the release that installs the CRDs, and the GatewayClass.
   */
  readonly crdDependencies: ITerraformDependable[];
  /**
   * What installs the Gateway API CRDs (the controller's Helm release), for other charts that need those CRDs at
   * install time, such as cert-manager with Gateway API support.
   * @default - the controller installs no CRDs (a managed controller)
   */
  readonly crdInstallation?: ITerraformDependable[];
  /**
   * Whether the controller implements Envoy Gateway's policies (`BackendTrafficPolicy`, `SecurityPolicy`): load
   * balancing algorithms, retries, rate limits, JWT and CORS on routes need them.
   */
  readonly supportsEnvoyGatewayPolicies: boolean;
  /**
   * Whether requests reach the proxies with the client's own source IP (no SNAT on the way in); IP hashing and
   * per-CIDR rate limits need it.
   */
  readonly preservesClientIp: boolean;
  /**
   * Annotations every Gateway of this controller must carry (e.g. AGC's `alb.networking.azure.io/alb-name`).
   * @default - none
   */
  readonly gatewayAnnotations?: Record<string, string>;
}

/**
 * A static public IP for the gateway's Azure load balancer frontend. `StaticPublicIp` (lib/network) and azurerm's
 * `PublicIp` satisfy it; the cluster's control-plane identity needs Network Contributor on its resource group.
 */
export interface IStaticPublicIp {
  /** The address's name (`service.beta.kubernetes.io/azure-pip-name`). */
  readonly name: string;
  /** Resource group holding the address (`service.beta.kubernetes.io/azure-load-balancer-resource-group`). */
  readonly resourceGroupName: string;
  /** The IPv4 address, for DNS and Front Door origins. */
  readonly ipAddress: string;
}

/** How the proxies' Kubernetes Service of type LoadBalancer is exposed by the Azure Standard Load Balancer. */
export type LoadBalancerExposure =
  | {
      /** A public frontend on a static public IP that outlives the Service. */
      readonly type: "public";
      /** The static public IP (Standard SKU) created by the platform stack. */
      readonly publicIp: IStaticPublicIp;
    }
  | {
      /** A private frontend on the cluster's internal load balancer, for private environments. */
      readonly type: "internal";
      /** Name of the subnet (in the cluster's virtual network) the frontend IP is taken from. */
      readonly subnetName: string;
      /**
       * A fixed private IP in that subnet.
       * @default - allocated by Azure from the subnet
       */
      readonly privateIpAddress?: string;
    };

/** The Azure load balancer's health probe of the proxies, configured through Service annotations. */
export interface LoadBalancerHealthProbe {
  /**
   * Probe protocol of the listener ports 80 and 443 (`service.beta.kubernetes.io/port_{port}_health-probe_protocol`).
   * Only with `externalTrafficPolicy: Cluster`: with `Local`, Azure always probes kube-proxy's health node port over HTTP.
   * @default "Tcp"
   */
  readonly protocol?: "Tcp" | "Http" | "Https";
  /**
   * Request path of Http/Https probes (`service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path`); the
   * path must answer 200 on ports 80 and 443.
   * @default "/" (Azure's default for Http/Https probes)
   */
  readonly requestPath?: string;
  /**
   * Seconds between probes, 5 or more (`service.beta.kubernetes.io/azure-load-balancer-health-probe-interval`).
   * @default 5
   */
  readonly intervalSeconds?: number;
  /**
   * Failed probes before a node is taken out (`service.beta.kubernetes.io/azure-load-balancer-health-probe-num-of-probe`);
   * interval × probes must stay under 120 seconds.
   * @default 2
   */
  readonly numberOfProbes?: number;
}

/** CPU and memory of a container, as Kubernetes quantities. */
export interface ProxyResources {
  /** CPU request, e.g. `250m`. */
  readonly cpuRequest: string;
  /** Memory request, e.g. `512Mi`. */
  readonly memoryRequest: string;
  /** Memory limit, e.g. `1Gi` (no CPU limit: throttling a proxy adds latency to every request). */
  readonly memoryLimit: string;
}

/** Autoscaling of the proxies by CPU. */
export interface ProxyAutoscaling {
  /** Fewest proxies. */
  readonly minReplicas: number;
  /** Most proxies. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilisation in percent of the request.
   * @default 70
   */
  readonly cpuUtilizationPercent?: number;
}

/** The Envoy proxies (data plane) that serve the Gateways of the class. */
export interface EnvoyProxyOptions {
  /**
   * Number of proxies when not autoscaled; spread across zones and nodes.
   * @default 3
   */
  readonly replicas?: number;
  /**
   * Scale the proxies on CPU instead of a fixed count.
   * @default - a fixed count of `replicas`
   */
  readonly autoscaling?: ProxyAutoscaling;
  /**
   * Proxies that may be unavailable at once during voluntary disruptions (node drains, upgrades).
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * Container resources of each proxy.
   * @default { cpuRequest: "250m", memoryRequest: "512Mi", memoryLimit: "1Gi" }
   */
  readonly resources?: ProxyResources;
  /**
   * Spread proxies evenly across availability zones (hard constraint) and nodes (soft).
   * @default true
   */
  readonly zoneSpread?: boolean;
}

/** Props for {@link EnvoyGatewayController}. */
export interface EnvoyGatewayControllerProps {
  /** How the proxies' Service is exposed: static public IP or internal load balancer. */
  readonly exposure: LoadBalancerExposure;
  /**
   * Version of the `gateway-helm` chart.
   * @default {@link ENVOY_GATEWAY_CHART_VERSION}
   */
  readonly chartVersion?: string;
  /**
   * Helm release name.
   * @default "eg"
   */
  readonly releaseName?: string;
  /**
   * Namespace of the controller (created by Helm).
   * @default "envoy-gateway-system"
   */
  readonly namespace?: string;
  /**
   * Name of the GatewayClass (cluster-scoped).
   * @default "envoy-gateway"
   */
  readonly gatewayClassName?: string;
  /**
   * Replicas of the controller Deployment (leader-elected; the others take over within seconds). 1 is a dev opt-out.
   * @default 2
   */
  readonly controllerReplicas?: number;
  /**
   * Container resources of the controller.
   * @default { cpuRequest: "100m", memoryRequest: "256Mi", memoryLimit: "1024Mi" }
   */
  readonly controllerResources?: ProxyResources;
  /**
   * The Envoy proxies.
   * @default - see {@link EnvoyProxyOptions}
   */
  readonly proxy?: EnvoyProxyOptions;
  /**
   * `Local` keeps the client's source IP (needed for IP hashing and per-CIDR rate limits) and sends traffic only to
   * nodes running a proxy; `Cluster` SNATs to the node IP and may add a hop.
   * @default "Local"
   */
  readonly externalTrafficPolicy?: "Local" | "Cluster";
  /**
   * L4 session affinity of the Service: `ClientIP` pins a client to one proxy (kube-proxy) and makes the Azure load
   * balancer distribute by source IP (the seed's IP hash at layer 4).
   * @default "None" (Azure's default 5-tuple hash distribution)
   */
  readonly sessionAffinity?: "None" | "ClientIP";
  /**
   * The Azure load balancer's health probe.
   * @default - Azure's defaults: every 5 s, 2 failures (Tcp with `Cluster`, kube-proxy's HTTP health port with `Local`)
   */
  readonly healthProbe?: LoadBalancerHealthProbe;
  /**
   * Source ranges allowed to reach the frontend (NSG rules written by AKS).
   * @default - any source
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * Helm install/upgrade timeout in seconds.
   * @default 600
   */
  readonly timeoutSeconds?: number;
  /**
   * Where the Helm release (the controller and its CRDs) is created: another stack, such as a region's addons stack,
   * so the CRDs exist before the stack with the GatewayClass and the routes is planned. The manifests then wait for
   * that stack instead of the release.
   * @default - this construct (release and manifests in one stack)
   */
  readonly installScope?: Construct;
}

/**
 * Version of the Envoy Gateway Helm chart (`oci://docker.io/envoyproxy/gateway-helm`): v1.9.1, the current stable
 * release (2026-08-28; 1.7 reached end of life on 2026-08-05). The schema packages the manifests are typed and tested
 * with are older: `@kubernetes-models/envoy-gateway` 2.0.0 is generated from the EG v1.7.3 API and
 * `@kubernetes-models/gateway-api` 2.0.0 from Gateway API v1.5.1. Every field this library writes exists unchanged in
 * the v1.9 CRDs (the v1alpha1 API only grows), and v1.9's breaking changes (ClientTrafficPolicy `clientIPDetection`,
 * the safe-upgrade ValidatingAdmissionPolicy moving into the chart) touch nothing written here.
 * See https://gateway.envoyproxy.io/news/releases/v1.9/ and https://gateway.envoyproxy.io/news/releases/matrix/.
 */
export const ENVOY_GATEWAY_CHART_VERSION = "v1.9.1";

/** The controller name Envoy Gateway registers (chart value `config.envoyGateway.gateway.controllerName`). */
export const ENVOY_GATEWAY_CONTROLLER_NAME = "gateway.envoyproxy.io/gatewayclass-controller";

const CPU = /^([1-9]\d*m|\d+(\.\d{1,3})?)$/;
const MEMORY = /^[1-9]\d*(Ki|Mi|Gi)$/;
const CHART_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const REQUEST_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/;
const GATEWAY_PORTS = [80, 443] as const;

/** Typed subset of the `gateway-helm` chart values this construct sets (chart README, v1.9 "Gateway Helm Chart"). */
interface EnvoyGatewayChartValues {
  readonly config: { readonly envoyGateway: { readonly gateway: { readonly controllerName: string }; readonly provider: { readonly type: "Kubernetes" } } };
  readonly deployment: {
    readonly replicas: number;
    readonly envoyGateway: { readonly resources: { readonly requests: { cpu: string; memory: string }; readonly limits: { memory: string } } };
    readonly pod: { readonly topologySpreadConstraints: ITopologySpreadConstraint[] };
  };
  readonly podDisruptionBudget: { readonly minAvailable: number };
}

/**
 * Envoy Gateway, the default traffic controller: the `gateway-helm` chart (controller and the Gateway API and Envoy
 * Gateway CRDs) in `envoy-gateway-system`, a GatewayClass, and an `EnvoyProxy` that shapes the data plane: replicas
 * spread across zones and nodes with a disruption budget, resources, and the Service of type LoadBalancer that the
 * Azure Standard Load Balancer fronts, on the platform's static public IP or on an internal frontend.
 *
 * Azure Application Gateway for Containers (AGC) is the Azure-managed alternative: its ALB controller
 * (`oci://mcr.microsoft.com/application-lb/charts/alb-controller`, installed with a workload identity) creates the
 * `azure-alb-external` GatewayClass and an `ApplicationLoadBalancer` resource provisions the managed data plane in a
 * delegated subnet. It implements Gateway API routing and TLS but not Envoy Gateway's policies, so a controller for it
 * reports `supportsEnvoyGatewayPolicies: false` and routes on it cannot use load-balancing algorithms, rate limits or JWT.
 *
 * Apply note: `kubernetes_manifest` needs the CRDs at plan time, so a new cluster's first apply targets the Helm
 * release (`cdktf deploy` of the apps stack after `terraform apply -target` of the release, or a separate stack).
 *
 * @example
 * const controller = new EnvoyGatewayController(this, "Traffic", {
 *   exposure: { type: "public", publicIp: platform.gatewayIp },
 * });
 */
export class EnvoyGatewayController extends Construct implements ITrafficController {
  /** The Helm release (controller and CRDs), as an escape hatch. */
  public readonly release: Release;
  /** The GatewayClass manifest. */
  public readonly gatewayClass: Manifest;
  /** The EnvoyProxy manifest that configures the data plane. */
  public readonly envoyProxy: Manifest;
  /** Name of the GatewayClass. */
  public readonly gatewayClassName: string;
  /** Envoy Gateway's controller name. */
  public readonly controllerName = ENVOY_GATEWAY_CONTROLLER_NAME;
  /** Namespace of the controller and the EnvoyProxy. */
  public readonly namespace: string;
  /** Envoy Gateway implements its own policies (BackendTrafficPolicy, SecurityPolicy). */
  public readonly supportsEnvoyGatewayPolicies = true;
  /** True with `externalTrafficPolicy: Local`, which keeps the client's source IP. */
  public readonly preservesClientIp: boolean;
  /** The chart version installed. */
  public readonly chartVersion: string;
  /** Name of the EnvoyProxy resource, in the controller's namespace. */
  public readonly envoyProxyName: string;

  constructor(scope: Construct, id: string, props: EnvoyGatewayControllerProps) {
    super(scope, id);
    const path = "trafficController";

    // --- validation, before anything is created ---
    this.chartVersion = validatePattern(`${path}.chartVersion`, props.chartVersion ?? ENVOY_GATEWAY_CHART_VERSION, CHART_VERSION, 'use a chart version such as "v1.9.1"')!;
    const releaseName = validateK8sName(`${path}.releaseName`, props.releaseName ?? "eg");
    this.namespace = validateK8sName(`${path}.namespace`, props.namespace ?? "envoy-gateway-system");
    this.gatewayClassName = validateK8sName(`${path}.gatewayClassName`, props.gatewayClassName ?? "envoy-gateway");
    this.envoyProxyName = `${this.gatewayClassName}-proxy`;
    const controllerReplicas = validateRange(`${path}.controllerReplicas`, props.controllerReplicas ?? 2, 1, 10)!;
    const controllerResources = validateResources(`${path}.controllerResources`, props.controllerResources ?? { cpuRequest: "100m", memoryRequest: "256Mi", memoryLimit: "1024Mi" });
    const timeout = validateRange(`${path}.timeoutSeconds`, props.timeoutSeconds ?? 600, 60, 3600)!;
    const trafficPolicy = validateEnum(`${path}.externalTrafficPolicy`, props.externalTrafficPolicy ?? "Local", ["Local", "Cluster"])!;
    const affinity = validateEnum(`${path}.sessionAffinity`, props.sessionAffinity ?? "None", ["None", "ClientIP"])!;
    this.preservesClientIp = trafficPolicy === "Local";

    const proxy = props.proxy ?? {};
    const proxyPath = `${path}.proxy`;
    const replicas = validateRange(`${proxyPath}.replicas`, proxy.replicas ?? 3, 1, 100)!;
    const maxUnavailable = validateRange(`${proxyPath}.maxUnavailable`, proxy.maxUnavailable ?? 1, 1, 100)!;
    const proxyResources = validateResources(`${proxyPath}.resources`, proxy.resources ?? { cpuRequest: "250m", memoryRequest: "512Mi", memoryLimit: "1Gi" });
    if (proxy.autoscaling) {
      const a = proxy.autoscaling;
      validateRange(`${proxyPath}.autoscaling.minReplicas`, a.minReplicas, 1, 100);
      validateRange(`${proxyPath}.autoscaling.maxReplicas`, a.maxReplicas, 1, 100);
      validateRange(`${proxyPath}.autoscaling.cpuUtilizationPercent`, a.cpuUtilizationPercent ?? 70, 10, 100);
      if (a.minReplicas > a.maxReplicas) {
        throw new ValidationError(`${proxyPath}.autoscaling.minReplicas`, `must not exceed maxReplicas (${a.maxReplicas})`, a.minReplicas, "set minReplicas <= maxReplicas");
      }
      if (proxy.replicas !== undefined) {
        throw new ValidationError(`${proxyPath}.replicas`, "conflicts with autoscaling (the autoscaler owns the replica count)", proxy.replicas, "drop replicas, or drop autoscaling for a fixed count");
      }
    }
    const minProxies = proxy.autoscaling ? proxy.autoscaling.minReplicas : replicas;
    if (!isUnresolved(minProxies) && maxUnavailable >= minProxies && minProxies > 1) {
      throw new ValidationError(`${proxyPath}.maxUnavailable`, `lets every proxy go at once (${minProxies} proxies)`, maxUnavailable, `use less than ${minProxies}`);
    }
    const annotations = exposureAnnotations(`${path}.exposure`, props.exposure);
    Object.assign(annotations, probeAnnotations(`${path}.healthProbe`, props.healthProbe, trafficPolicy));
    const sourceRanges = (props.loadBalancerSourceRanges ?? []).map((r, i) => parseCidr(`${path}.loadBalancerSourceRanges[${i}]`, r).text);

    // --- the controller and the CRDs ---
    const values: EnvoyGatewayChartValues = {
      config: { envoyGateway: { gateway: { controllerName: this.controllerName }, provider: { type: "Kubernetes" } } },
      deployment: {
        replicas: controllerReplicas,
        envoyGateway: {
          resources: { requests: { cpu: controllerResources.cpuRequest, memory: controllerResources.memoryRequest }, limits: { memory: controllerResources.memoryLimit } },
        },
        pod: {
          topologySpreadConstraints: controllerReplicas > 1 ? spreadConstraints({ "control-plane": "envoy-gateway", "app.kubernetes.io/instance": releaseName }, false) : [],
        },
      },
      // The chart renders a PodDisruptionBudget only for minAvailable >= 1.
      podDisruptionBudget: { minAvailable: controllerReplicas > 1 ? 1 : 0 },
    };
    this.release = chartRelease(props.installScope ?? this, props.installScope ? `${id}Release` : "Resource", {
      name: releaseName,
      repository: "oci://docker.io/envoyproxy",
      chart: "gateway-helm",
      version: this.chartVersion,
      namespace: this.namespace,
      timeout,
      values,
    });

    // --- the data plane ---
    const proxyLabels = { "app.kubernetes.io/name": "envoy", "app.kubernetes.io/component": "proxy", "app.kubernetes.io/managed-by": "envoy-gateway" };
    const kubernetes: IEnvoyProxyKubernetesProvider = {
      envoyDeployment: {
        ...(proxy.autoscaling ? {} : { replicas }),
        pod: {
          ...((proxy.zoneSpread ?? true) ? { topologySpreadConstraints: spreadConstraints(proxyLabels, true) } : {}),
        },
        container: {
          resources: { requests: { cpu: proxyResources.cpuRequest, memory: proxyResources.memoryRequest }, limits: { memory: proxyResources.memoryLimit } },
        },
      },
      envoyPDB: { maxUnavailable },
      ...(proxy.autoscaling
        ? {
            envoyHpa: {
              minReplicas: proxy.autoscaling.minReplicas,
              maxReplicas: proxy.autoscaling.maxReplicas,
              metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: proxy.autoscaling.cpuUtilizationPercent ?? 70 } } }],
            },
          }
        : {}),
      envoyService: {
        type: "LoadBalancer",
        externalTrafficPolicy: trafficPolicy,
        annotations,
        ...(sourceRanges.length > 0 ? { loadBalancerSourceRanges: sourceRanges } : {}),
        ...(affinity === "ClientIP" ? { patch: { type: "StrategicMerge", value: { spec: { sessionAffinity: "ClientIP" } } } } : {}),
      },
    };
    const envoyProxy: IEnvoyProxy = {
      apiVersion: "gateway.envoyproxy.io/v1alpha1",
      kind: "EnvoyProxy",
      metadata: { name: this.envoyProxyName, namespace: this.namespace },
      spec: { provider: { type: "Kubernetes", kubernetes } },
    };
    this.envoyProxy = crdManifest(this, "EnvoyProxy", envoyProxy, [this.release]);

    const gatewayClass: IGatewayClass = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GatewayClass",
      metadata: { name: this.gatewayClassName },
      spec: {
        controllerName: this.controllerName,
        description: "Envoy Gateway behind the Azure Standard Load Balancer",
        parametersRef: { group: "gateway.envoyproxy.io", kind: "EnvoyProxy", name: this.envoyProxyName, namespace: this.namespace },
      },
    };
    this.gatewayClass = crdManifest(this, "GatewayClass", gatewayClass, [this.release, this.envoyProxy]);
  }

  /** The Helm release that installs the Gateway API and Envoy Gateway CRDs. */
  public get crdInstallation(): ITerraformDependable[] {
    return [this.release];
  }

  /** The Helm release (CRDs) and the GatewayClass, which every Gateway API or policy manifest waits for. */
  public get crdDependencies(): ITerraformDependable[] {
    return [this.release, this.gatewayClass];
  }
}

function validateResources(path: string, r: ProxyResources): ProxyResources {
  validatePattern(`${path}.cpuRequest`, r.cpuRequest, CPU, 'use a CPU quantity such as "250m" or "1"');
  validatePattern(`${path}.memoryRequest`, r.memoryRequest, MEMORY, 'use a memory quantity such as "512Mi" or "1Gi"');
  validatePattern(`${path}.memoryLimit`, r.memoryLimit, MEMORY, 'use a memory quantity such as "1Gi"');
  return r;
}

/** Zone spread (hard when `zoneHard`, else soft) and node spread (soft), scoped to one Deployment revision. */
function spreadConstraints(matchLabels: Record<string, string>, zoneHard: boolean): ITopologySpreadConstraint[] {
  const base = { maxSkew: 1, labelSelector: { matchLabels }, matchLabelKeys: ["pod-template-hash"] };
  return [
    { ...base, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: zoneHard ? "DoNotSchedule" : "ScheduleAnyway" },
    { ...base, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" },
  ];
}

/** Azure cloud-provider annotations for the exposure (https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/). */
function exposureAnnotations(path: string, exposure: LoadBalancerExposure): Record<string, string> {
  validateEnum(`${path}.type`, exposure.type, ["public", "internal"]);
  if (exposure.type === "public") {
    const ip = exposure.publicIp;
    if (!ip || ip.name === undefined || ip.resourceGroupName === undefined) {
      throw new ValidationError(`${path}.publicIp`, "is missing its name or resource group", ip, "pass the platform's StaticPublicIp (name, resourceGroupName, ipAddress)");
    }
    return {
      "service.beta.kubernetes.io/azure-pip-name": ip.name,
      "service.beta.kubernetes.io/azure-load-balancer-resource-group": ip.resourceGroupName,
    };
  }
  validatePattern(`${path}.subnetName`, exposure.subnetName, /^[A-Za-z0-9][A-Za-z0-9._-]{0,78}[A-Za-z0-9_]$|^[A-Za-z0-9]$/, "use the Azure subnet name (1-80 letters, digits, '.', '-', '_')");
  const annotations: Record<string, string> = {
    "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
    "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": exposure.subnetName,
  };
  if (exposure.privateIpAddress !== undefined) {
    validatePattern(`${path}.privateIpAddress`, exposure.privateIpAddress, /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/, 'use an IPv4 address of the subnet such as "10.10.8.10"');
    annotations["service.beta.kubernetes.io/azure-load-balancer-ipv4"] = exposure.privateIpAddress;
  }
  return annotations;
}

function probeAnnotations(path: string, probe: LoadBalancerHealthProbe | undefined, trafficPolicy: "Local" | "Cluster"): Record<string, string> {
  const interval = validateRange(`${path}.intervalSeconds`, probe?.intervalSeconds ?? 5, 5, 60)!;
  const count = validateRange(`${path}.numberOfProbes`, probe?.numberOfProbes ?? 2, 1, 20)!;
  if (interval * count >= 120) {
    throw new ValidationError(`${path}.numberOfProbes`, `makes the probe window ${interval * count} s (interval × probes)`, count, "keep intervalSeconds × numberOfProbes under 120 seconds");
  }
  const annotations: Record<string, string> = {
    "service.beta.kubernetes.io/azure-load-balancer-health-probe-interval": String(interval),
    "service.beta.kubernetes.io/azure-load-balancer-health-probe-num-of-probe": String(count),
  };
  if (probe?.protocol !== undefined || probe?.requestPath !== undefined) {
    if (trafficPolicy === "Local") {
      throw new ValidationError(`${path}.${probe.protocol !== undefined ? "protocol" : "requestPath"}`, "is ignored with externalTrafficPolicy Local (Azure probes kube-proxy's health node port over HTTP)", probe.protocol ?? probe.requestPath, 'drop it, or use externalTrafficPolicy "Cluster"');
    }
    const protocol = validateEnum(`${path}.protocol`, probe.protocol ?? "Tcp", ["Tcp", "Http", "Https"])!;
    for (const port of GATEWAY_PORTS) annotations[`service.beta.kubernetes.io/port_${port}_health-probe_protocol`] = protocol;
    if (probe.requestPath !== undefined) {
      if (protocol === "Tcp") {
        throw new ValidationError(`${path}.requestPath`, "has no effect on a Tcp probe", probe.requestPath, 'use protocol "Http" or "Https", or drop requestPath');
      }
      validatePattern(`${path}.requestPath`, probe.requestPath, REQUEST_PATH, 'use an absolute path such as "/healthz"');
      annotations["service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path"] = probe.requestPath;
    }
  }
  return annotations;
}
