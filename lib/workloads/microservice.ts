import { Construct } from "constructs";
import type { IScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
import type { ITriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication";
import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { DeploymentV1, DeploymentV1SpecTemplateSpecContainerEnv, DeploymentV1SpecTemplateSpecVolume } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { HorizontalPodAutoscalerV2, HorizontalPodAutoscalerV2SpecMetric } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NetworkPolicyV1, NetworkPolicyV1SpecEgress, NetworkPolicyV1SpecIngress } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { parseCidr } from "../core/cidr";
import { ValidationError } from "../core/errors";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { isUnresolved, validateEnum, validateMinMax, validatePattern, validateRange, validateUnique } from "../core/validate";
import { KeyVault } from "../security/key-vault";
import type { RouteBackendSet, RouteVersionMatch } from "../traffic/route";
import { DeploymentStrategy, resolveDeploymentStrategy, ResolvedDeploymentStrategy, StrategyTrack, surgePods, TrackName, VersionMatch } from "./deployment-strategy";
import { DNS_1035_LABEL, DNS_1123_LABEL, DNS_1123_SUBDOMAIN, dnsEgressRule, LABEL_KEY, LABEL_VALUE, NAMESPACE_NAME_LABEL, parseQuantity, validateQuantityOrder } from "./private/kubernetes";
import { ISecretProviderClass, KeyVaultObject, renderObjects } from "./private/secrets-store";
import { TEAM_LABEL, TeamNamespace } from "./team-namespace";
import { federatedIdentity, WORKLOAD_IDENTITY_AUDIENCE, WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION, WORKLOAD_IDENTITY_USE_LABEL } from "../core/workload-identity";

/** CPU and memory (HPA `Resource` metrics) plus optional per-pod custom metrics. */
export interface MicroserviceAutoscaling {
  /**
   * Fewest replicas.
   * @default 3 (one per zone)
   */
  readonly minReplicas?: number;
  /**
   * Most replicas.
   * @default 10
   */
  readonly maxReplicas?: number;
  /**
   * Target average CPU utilisation, as a percentage of the CPU request.
   * @default 70
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilisation, as a percentage of the memory request.
   * @default - memory does not drive scaling (most runtimes do not give memory back, so it rarely scales in)
   */
  readonly memoryUtilization?: number;
  /**
   * Per-pod custom metrics (HPA `Pods` metrics, served by a custom metrics adapter), each with a target average value.
   * @default - none
   */
  readonly customMetrics?: PodsMetric[];
  /**
   * Seconds the autoscaler waits, taking the highest recommendation of the window, before it removes pods. Stops
   * flapping when load is spiky.
   * @default 300
   */
  readonly scaleDownStabilizationSeconds?: number;
}

/** A per-pod custom metric the HPA scales on. */
export interface PodsMetric {
  /** Metric name as the custom metrics API serves it, e.g. `http_requests_per_second`. */
  readonly name: string;
  /** Target average value per pod, a Kubernetes quantity such as `"100"` or `"500m"`. */
  readonly targetAverageValue: string;
}

/**
 * Event-driven scaling on the length of a Service Bus queue with KEDA (the AKS add-on). KEDA owns the replica count:
 * no HPA is created by the construct (KEDA creates its own).
 */
export interface QueueScaling {
  /** Fully qualified namespace, e.g. `sb-shop-prod-weu.servicebus.windows.net` (`ServiceBusNamespace.fullyQualifiedNamespace`). */
  readonly serviceBusNamespace: string;
  /** Queue whose active messages drive scaling. */
  readonly queueName: string;
  /**
   * Target active messages per replica.
   * @default 5
   */
  readonly messagesPerReplica?: number;
  /**
   * Fewest replicas; `0` scales to zero when the queue is empty.
   * @default 2 in production, 0 otherwise
   */
  readonly minReplicas?: number;
  /**
   * Most replicas.
   * @default 10
   */
  readonly maxReplicas?: number;
  /**
   * Messages needed to wake the service from zero replicas (KEDA `activationMessageCount`).
   * @default 0
   */
  readonly activationMessages?: number;
  /**
   * Seconds between KEDA's checks of the queue.
   * @default 30
   */
  readonly pollingIntervalSeconds?: number;
  /**
   * Seconds after the last active trigger before KEDA scales to zero.
   * @default 300
   */
  readonly cooldownSeconds?: number;
}

/**
 * Event-driven scaling on the unprocessed events of an Event Hubs consumer group with KEDA's `azure-eventhub` scaler
 * (the AKS add-on), e.g. a consumer of a CDC pipeline's change hub (`CdcPipeline.hub`). KEDA compares each partition's last enqueued
 * sequence number with the consumer's checkpoint, which the consumer keeps as blob metadata in a storage container (the
 * Azure SDKs' EventProcessorClient; `checkpointStrategy: blobMetadata`), and authenticates with the service's workload
 * identity. KEDA owns the replica count (no HPA is created by the construct) and never scales beyond the event hub's
 * partition count: a partition is read by one consumer of a group at a time, so more replicas would idle.
 *
 * Grant the service's identity `Azure Event Hubs Data Receiver` on the event hub (`hub.grantReceive(service.identity)`)
 * and `Storage Blob Data Contributor` on the checkpoint container: the service writes checkpoints, KEDA reads them with
 * the same identity (https://keda.sh/docs/latest/scalers/azure-event-hub/).
 */
export interface EventHubScaling {
  /** Fully qualified namespace, e.g. `ehn-shop-prod-weu-ab1cd.servicebus.windows.net` (`EventHubsNamespace.fullyQualifiedNamespace`). */
  readonly eventHubsNamespace: string;
  /** Event hub the service consumes, e.g. `cdc.hub("public.orders").name`. */
  readonly eventHubName: string;
  /** Consumer group the service reads with (one per consuming application). */
  readonly consumerGroup: string;
  /** Storage account (its name) holding the consumer's checkpoints. */
  readonly checkpointStorageAccountName: string;
  /** Blob container of the checkpoints. */
  readonly checkpointContainerName: string;
  /**
   * Partitions of the event hub. When given, `maxReplicas` may not exceed it (KEDA would not use the extra replicas)
   * and is its default.
   * @default - not checked
   */
  readonly partitionCount?: number;
  /**
   * Target unprocessed events per replica (KEDA `unprocessedEventThreshold`).
   * @default 64
   */
  readonly unprocessedEventsPerReplica?: number;
  /**
   * Unprocessed events needed to wake the service from zero replicas (KEDA `activationUnprocessedEventThreshold`).
   * @default 0
   */
  readonly activationUnprocessedEvents?: number;
  /**
   * Fewest replicas; `0` scales to zero when the consumer has caught up.
   * @default 2 in production, 0 otherwise
   */
  readonly minReplicas?: number;
  /**
   * Most replicas, at most the partition count.
   * @default the partition count when given, 10 otherwise
   */
  readonly maxReplicas?: number;
  /**
   * Seconds between KEDA's checks of the event hub.
   * @default 30
   */
  readonly pollingIntervalSeconds?: number;
  /**
   * Seconds after the last active trigger before KEDA scales to zero.
   * @default 300
   */
  readonly cooldownSeconds?: number;
}

/** CPU and memory of the container. */
export interface ContainerResources {
  /**
   * What the scheduler reserves for the container.
   * @default { cpu: "250m", memory: "256Mi" }
   */
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  /**
   * Hard caps. Memory is capped (a leak gets the container OOM-killed and restarted instead of starving its
   * neighbours); CPU is not, on purpose: a CPU limit throttles the container in 100 ms slices even when the node has
   * idle CPU, which shows up as tail latency, while the CPU request already guarantees the container its share under
   * contention. Set `cpu` only for batch-like work that must not burst.
   * @default { memory: "512Mi" } (no CPU limit)
   */
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** An HTTP GET probe. */
export interface HttpProbe {
  /**
   * Path the kubelet requests on the container port.
   * @default "/healthz" (liveness and startup), "/readyz" (readiness)
   */
  readonly path?: string;
  /**
   * Seconds between probes.
   * @default 10 (liveness), 5 (readiness, startup)
   */
  readonly periodSeconds?: number;
  /**
   * Consecutive failures before the probe counts as failed.
   * @default 3 (liveness, readiness), 30 (startup: 30 × 5 s = 150 s for a slow start)
   */
  readonly failureThreshold?: number;
  /**
   * Seconds before a probe request times out.
   * @default 2
   */
  readonly timeoutSeconds?: number;
}

/** The container's probes. */
export interface MicroserviceProbes {
  /**
   * Restarts the container when it stops answering.
   * @default - GET /healthz every 10 s, 3 failures
   */
  readonly liveness?: HttpProbe;
  /**
   * Takes the pod out of the Service while it cannot serve (dependency down, warming up).
   * @default - GET /readyz every 5 s, 3 failures
   */
  readonly readiness?: HttpProbe;
  /**
   * Holds the other probes back until the application has started, so a slow start is not killed by liveness.
   * @default - GET /healthz every 5 s, up to 30 failures (150 s)
   */
  readonly startup?: HttpProbe;
}

/** How many pods voluntary disruptions (node drains, upgrades) may take down at once; set exactly one. */
export interface DisruptionBudget {
  /**
   * Pods that must stay available: a count, or a percentage such as `"50%"`.
   * @default - not set (the budget uses maxUnavailable)
   */
  readonly minAvailable?: number | string;
  /**
   * Pods that may be unavailable: a count, or a percentage such as `"25%"`.
   * @default - not set (the budget uses minAvailable)
   */
  readonly maxUnavailable?: number | string;
}

/** A source allowed to reach the service, typically the shared gateway's namespace. */
export interface AllowedSource {
  /** Namespace of the source pods, e.g. `envoy-gateway-system`. */
  readonly namespace: string;
  /**
   * Labels the source pods carry.
   * @default - every pod of the namespace
   */
  readonly podSelector?: Readonly<Record<string, string>>;
}

/** Egress to an Azure service, by the CIDR of its private endpoint subnet (or its public range). */
export interface AzureEgressRule {
  /** IPv4 CIDR, e.g. `network.subnet("privateEndpoints").cidr`. */
  readonly cidr: string;
  /**
   * TCP ports.
   * @default [443]
   */
  readonly ports?: number[];
}

/** A Key Vault secret mounted into the container and optionally exposed as an environment variable. */
export interface KeyVaultSecretRef {
  /** Name of the secret in the vault (1-127 letters, digits and hyphens). */
  readonly name: string;
  /**
   * Environment variable that receives the secret's value (through a Kubernetes Secret the CSI driver keeps in sync).
   * @default - mounted as a file only
   */
  readonly envVar?: string;
  /**
   * File name under `/mnt/secrets-store`, and key of the synced Kubernetes Secret.
   * @default - the secret's name
   */
  readonly fileName?: string;
  /**
   * Secret version to pin.
   * @default - the latest version (rotated by the driver)
   */
  readonly version?: string;
}

/** A service account that KEDA's operator runs as. */
export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

/** Topology spread behaviour when the constraint cannot be met. */
export type SpreadPolicy = "DoNotSchedule" | "ScheduleAnyway";
/** Service type. */
export type MicroserviceServiceType = "ClusterIP" | "LoadBalancer";

/** Props for {@link Microservice}. */
export interface MicroserviceProps {
  /** The team namespace the service runs in. */
  readonly namespace: TeamNamespace;
  /**
   * Service name: names the Deployment, Service, service account and the other objects. An RFC 1035 label (≤ 63
   * lowercase letters, digits and hyphens, starting with a letter).
   */
  readonly name: string;
  /**
   * Container image, pinned by a tag or a `sha256` digest: `[registry/]repository:tag` or `…@sha256:<64 hex>`. With a
   * big-bang strategy, the repository without a tag (the release is the tag); with a blue-green, canary or shadow
   * strategy, unset (the strategy carries the versions).
   * @default - required unless the strategy carries the versions
   */
  readonly image?: string;
  /**
   * How new versions roll out: rolling, recreate, blue-green, canary, shadow or big bang (see {@link DeploymentStrategy}).
   * Blue-green, canary and shadow run two Deployments and need an HTTP route to split or copy traffic; they cannot be
   * combined with `queueScaling` or `eventHubScaling`.
   * @default { type: "rolling", maxSurge: "25%", maxUnavailable: 0 }
   */
  readonly strategy?: DeploymentStrategy;
  /** Resource group of the service's workload identity. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region; names the workload identity. */
  readonly namer: ResourceNamer;
  /** OIDC issuer URL of the cluster (`AksCluster.oidcIssuerUrl`), trusted by the federated credentials. */
  readonly oidcIssuerUrl: string;
  /**
   * Production rules: no `latest` tag, at least two replicas when a disruption budget protects the service, zone
   * spread enforced.
   * @default true
   */
  readonly production?: boolean;
  /**
   * Container port the application listens on. (The construct's `port` member is the Service's port, as route
   * backends expect.)
   * @default 8080
   */
  readonly port?: number;
  /**
   * Port of the Kubernetes Service.
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Fixed replica count; only when `autoscaling` is `false` (otherwise the autoscaler owns the count).
   * @default 3
   */
  readonly replicas?: number;
  /**
   * Horizontal pod autoscaling on CPU (and optionally memory and custom metrics); `false` runs a fixed `replicas`.
   * @default - 3 to 10 replicas at 70% CPU, unless `queueScaling` or `eventHubScaling` is set
   */
  readonly autoscaling?: MicroserviceAutoscaling | false;
  /**
   * Scale on a Service Bus queue with KEDA instead of the HPA. Cannot be combined with `autoscaling`.
   * @default - no queue scaling
   */
  readonly queueScaling?: QueueScaling;
  /**
   * Scale on the unprocessed events of an Event Hubs consumer group with KEDA instead of the HPA. Cannot be combined
   * with `autoscaling` or `queueScaling` (one KEDA source per service).
   * @default - no event hub scaling
   */
  readonly eventHubScaling?: EventHubScaling;
  /**
   * Service account KEDA's operator runs as; it exchanges its token for the service's identity to read the queue or
   * the event hub and its checkpoints.
   * @default { namespace: "kube-system", name: "keda-operator" } (the AKS KEDA add-on)
   */
  readonly kedaOperatorServiceAccount?: ServiceAccountRef;
  /**
   * CPU and memory of the container.
   * @default - see {@link ContainerResources}
   */
  readonly resources?: ContainerResources;
  /**
   * Liveness, readiness and startup probes.
   * @default - see {@link MicroserviceProbes}
   */
  readonly probes?: MicroserviceProbes;
  /**
   * What happens when pods cannot be spread evenly across zones (maxSkew 1).
   * @default "DoNotSchedule" in production, "ScheduleAnyway" otherwise
   */
  readonly zoneSpread?: SpreadPolicy;
  /**
   * What happens when pods cannot be spread evenly across nodes (maxSkew 1).
   * @default "ScheduleAnyway" (a hard spread across nodes would leave pods pending until the cluster autoscaler adds a node per pod)
   */
  readonly hostSpread?: SpreadPolicy;
  /**
   * User, group and fsGroup the container runs as (non-root).
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Size limit of the writable `/tmp` (an emptyDir; the root filesystem is read-only).
   * @default "256Mi"
   */
  readonly tmpSizeLimit?: string;
  /**
   * PodDisruptionBudget; `false` for none.
   * @default { maxUnavailable: 1 }
   */
  readonly disruptionBudget?: DisruptionBudget | false;
  /**
   * Service type. `LoadBalancer` exposes the service on an Azure load balancer (L4) and needs quota for it in the
   * namespace; HTTP services go through the shared gateway instead.
   * @default "ClusterIP"
   */
  readonly serviceType?: MicroserviceServiceType;
  /**
   * Use an internal Azure load balancer (a private IP in the cluster's network) for a `LoadBalancer` Service.
   * @default true
   */
  readonly internalLoadBalancer?: boolean;
  /**
   * Client CIDRs a `LoadBalancer` Service accepts: applied on the load balancer and in the service's network policy.
   * Required for `LoadBalancer` (the namespace denies all ingress by default).
   * @default - none
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * `ClientIP` pins each client IP to one pod (L4 IP affinity). With a `LoadBalancer` the client IP is preserved
   * (`externalTrafficPolicy: Local`), so affinity is by the real client.
   * @default "None"
   */
  readonly sessionAffinity?: "None" | "ClientIP";
  /**
   * How long a `ClientIP` affinity lasts, in seconds (1–86400).
   * @default 10800
   */
  readonly sessionAffinityTimeoutSeconds?: number;
  /**
   * Sources that may reach the container port, typically the shared gateway's namespace.
   * @default - none (only services wired with `allowTrafficFrom`/`dependsOnService`)
   */
  readonly allowFrom?: AllowedSource[];
  /**
   * Services this one calls: egress to them and ingress on their side, both ways (see {@link Microservice.dependsOnService}).
   * @default - none
   */
  readonly dependencies?: Microservice[];
  /**
   * Azure services the pods reach, by CIDR (private endpoint subnet) and TCP ports. Entra ID token requests from the
   * application's own SDK go to public endpoints (login.microsoftonline.com) and need a rule too.
   * @default - none
   */
  readonly azureEgress?: AzureEgressRule[];
  /**
   * Plain environment variables.
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Vault the `secrets` come from. The service's identity needs read access: `vault.grantSecretsRead(service.identity)`.
   * @default - none
   */
  readonly keyVault?: KeyVault;
  /**
   * Key Vault secrets mounted through the Secrets Store CSI driver (AKS add-on) under `/mnt/secrets-store`, optionally
   * as environment variables. Needs `keyVault`.
   * @default - none
   */
  readonly secrets?: KeyVaultSecretRef[];
  /**
   * PriorityClass of the pods, for critical services that must keep running (and may preempt others) when the cluster
   * is short of capacity.
   * @default - the cluster default priority
   */
  readonly priorityClassName?: string;
  /**
   * Qualifier of the workload identity's Azure name (`id-<workload>-<qualifier>-<env>-<region>`); needed only when two
   * services' defaults collide.
   * @default - the service name without hyphens, at most 16 characters
   */
  readonly identityQualifier?: string;
}

/** The pair of network policies that lets one service call another. */
export interface ServiceConnection {
  /** Policy on the callee's pods allowing ingress from the caller. */
  readonly ingress: NetworkPolicyV1;
  /** Policy on the caller's pods allowing egress to the callee. */
  readonly egress: NetworkPolicyV1;
}

/** One Deployment of a service and what scales and protects it. */
export interface MicroserviceTrack {
  /** The track: `primary` (rolling, recreate, big bang), `blue`/`green`, `stable`/`canary`, `stable`/`shadow`. */
  readonly name: TrackName;
  /** What the track does in the strategy. */
  readonly role: StrategyTrack["role"];
  /** The image it runs. */
  readonly image: string;
  /** The Deployment (L1). */
  readonly deployment: DeploymentV1;
  /** Its HPA (L1), when an HPA scales it. */
  readonly autoscaler?: HorizontalPodAutoscalerV2;
  /** Its PodDisruptionBudget (L1), when it has one. */
  readonly podDisruptionBudget?: PodDisruptionBudgetV1;
}

const AUDIENCE = WORKLOAD_IDENTITY_AUDIENCE;
const CLIENT_ID_ANNOTATION = WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION;
const USE_LABEL = WORKLOAD_IDENTITY_USE_LABEL;
const NAME_LABEL = "app.kubernetes.io/name";
const SECRETS_MOUNT = "/mnt/secrets-store";
const SECRETS_STORE_DRIVER = "secrets-store.csi.k8s.io";
/** Label carrying a big-bang release on every object of the service. */
const VERSION_LABEL = "app.kubernetes.io/version";
const REPLICAS_MAX = 1000;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME = /^[0-9a-zA-Z-]{1,127}$/;
const FILE_NAME = /^[A-Za-z0-9._-]{1,253}$/;
const PROBE_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*$/;
const METRIC_NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]{0,252}$/;
const PERCENT = /^(100|[1-9]?[0-9])%$/;
const BLOB_CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;
const SB_SUFFIXES: Record<string, string | undefined> = {
  "servicebus.windows.net": undefined,
  "servicebus.usgovcloudapi.net": "AzureUSGovernmentCloud",
  "servicebus.chinacloudapi.cn": "AzureChinaCloud",
};
/** Priority classes Kubernetes admits only in kube-system. */
const SYSTEM_PRIORITY_CLASSES = ["system-cluster-critical", "system-node-critical"];

/** Identity names handed out per resource group, to catch two services deriving the same one. */
const identityNames = new WeakMap<ResourceGroup, Map<string, string>>();

/**
 * A stateless HTTP microservice on AKS with production defaults:
 * - a Deployment (rolling updates with no unavailable pods) of non-root, read-only, capability-less containers under
 *   the `restricted` Pod Security Standard, with a writable `/tmp`, CPU and memory requests, a memory limit and no CPU
 *   limit, liveness/readiness/startup probes, and pods spread across zones and nodes;
 * - an HPA (3–10 replicas at 70% CPU, scale-down stabilised), or KEDA scaling on a Service Bus queue or an Event Hubs
 *   consumer group;
 * - a PodDisruptionBudget, a ClusterIP Service (or an internal LoadBalancer with optional client-IP affinity);
 * - a NetworkPolicy opening only the container port to the listed sources and dependencies, and egress only to DNS,
 *   dependencies and the listed Azure CIDRs (the namespace denies everything else);
 * - a workload identity: a user-assigned identity federated with the service account, so the pods (and KEDA, and the
 *   Key Vault CSI driver) get Entra ID tokens without secrets. Grant it roles with the data constructs:
 *   `vault.grantSecretsRead(service.identity)`, `queue.grantReceive(service.identity)`.
 *
 * The `strategy` decides how versions roll out (see {@link DeploymentStrategy} and docs/deployment-strategies.md):
 * rolling (the default above), recreate and big bang keep one Deployment; blue-green runs `<name>-blue` and
 * `<name>-green` (the Service `<name>` selects the active slot, `<name>-preview` the idle one), canary `<name>-stable`
 * and `<name>-canary`, shadow `<name>-stable` and `<name>-shadow`, each Deployment with its own HPA and budget.
 *
 * The service satisfies the gateway's route backend (`serviceName`, `namespace`, `port`), and hands the route its
 * versions in `routeBackends` (weights, preview or testers' match, mirror).
 *
 * @example
 * const orders = new Microservice(this, "Orders", {
 *   namespace: payments, name: "orders", image: "myacr.azurecr.io/orders:1.4.2",
 *   resourceGroup, namer, oidcIssuerUrl: cluster.oidcIssuerUrl,
 *   allowFrom: [{ namespace: "envoy-gateway-system" }],
 *   keyVault: vault, secrets: [{ name: "orders-db-password", envVar: "DB_PASSWORD" }],
 * });
 * vault.grantSecretsRead(orders.identity);
 * orders.dependsOnService(inventory);
 *
 * // A canary: 10% of the gateway's traffic on 1.5.0; raise canaryWeight to promote, set 0 to roll back.
 * new Microservice(this, "Checkout", {
 *   namespace: payments, name: "checkout", resourceGroup, namer, oidcIssuerUrl: cluster.oidcIssuerUrl,
 *   strategy: { type: "canary", stable: "myacr.azurecr.io/checkout:1.4.2", canary: "myacr.azurecr.io/checkout:1.5.0", canaryWeight: 10 },
 * });
 */
export class Microservice extends Construct {
  /** The Deployment users get (L1), an escape hatch: the only one, the active blue-green slot, or the stable track. */
  public readonly deployment: DeploymentV1;
  /** Every Deployment of the service, with its autoscaler and disruption budget, by track (`primary`, `blue`, `stable`, …). */
  public readonly tracks: ReadonlyMap<TrackName, MicroserviceTrack>;
  /** The deployment strategy, validated and with its defaults. */
  public readonly strategy: ResolvedDeploymentStrategy;
  /** The Service users and other services call (L1): selects the only Deployment, the active slot or the stable track. */
  public readonly service: ServiceV1;
  /** Blue-green: the Service of the idle slot, which the route's preview match reaches (L1). */
  public readonly previewService?: ServiceV1;
  /** Canary: the Service of the canary track, the route's weighted second backend (L1). */
  public readonly canaryService?: ServiceV1;
  /** Shadow: the Service of the shadow track, which the route mirrors requests to (L1). */
  public readonly shadowService?: ServiceV1;
  /**
   * The Services a route sends traffic to: the live one (or stable and canary with their weights), the preview or
   * testers' match, the mirror. {@link ServiceRoute} renders them when this service is its backend.
   */
  public readonly routeBackends: RouteBackendSet;
  /** The service account the pods run as (L1). */
  public readonly serviceAccount: ServiceAccountV1;
  /** The NetworkPolicy for the listed sources, DNS and Azure egress (L1). */
  public readonly networkPolicy: NetworkPolicyV1;
  /** The HPA of the live Deployment (L1), unless autoscaling is off or KEDA scales the service. */
  public readonly autoscaler?: HorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget of the live Deployment (L1), unless turned off. */
  public readonly podDisruptionBudget?: PodDisruptionBudgetV1;
  /** The workload identity: grant it Azure roles (it satisfies `IPrincipal`). */
  public readonly identity: UserAssignedIdentity;
  /** Federated credential trusting the service account's tokens. */
  public readonly federatedCredential: FederatedIdentityCredential;
  /** Federated credential trusting KEDA's operator, with queue or event hub scaling. */
  public readonly kedaFederatedCredential?: FederatedIdentityCredential;
  /** The SecretProviderClass (Manifest), when secrets are declared. */
  public readonly secretProviderClass?: Manifest;
  /** KEDA's ScaledObject (Manifest), with queue or event hub scaling. */
  public readonly scaledObject?: Manifest;
  /** KEDA's TriggerAuthentication (Manifest), with queue or event hub scaling. */
  public readonly triggerAuthentication?: Manifest;
  /** The service name. */
  public readonly serviceName: string;
  /** The namespace name. */
  public readonly namespaceName: string;
  /** The Service's port. */
  public readonly servicePort: number;
  /** The container port. */
  public readonly containerPort: number;
  /** The team namespace. */
  public readonly teamNamespace: TeamNamespace;
  private readonly path: string;

  constructor(scope: Construct, id: string, props: MicroserviceProps) {
    super(scope, id);

    // --- validation, before anything is created ---
    const name = validatePattern("microservice.name", props.name, DNS_1035_LABEL, "use 1-63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (RFC 1035 label)")!;
    const path = `microservice.${name}`;
    this.path = path;
    const ns = props.namespace;
    this.teamNamespace = ns;
    this.serviceName = name;
    this.namespaceName = ns.name;
    const production = props.production ?? true;
    const strategy = resolveDeploymentStrategy(`${path}.strategy`, props.strategy, props.image, `${path}.image`, production);
    this.strategy = strategy;
    this.containerPort = validateRange(`${path}.port`, props.port ?? 8080, 1, 65535)!;
    this.servicePort = validateRange(`${path}.servicePort`, props.servicePort ?? 80, 1, 65535)!;
    if (props.oidcIssuerUrl === undefined || props.oidcIssuerUrl === "") {
      throw new ValidationError(`${path}.oidcIssuerUrl`, "is required", props.oidcIssuerUrl, "pass the cluster's OIDC issuer URL (AksCluster.oidcIssuerUrl)");
    }
    validatePattern(`${path}.oidcIssuerUrl`, props.oidcIssuerUrl, /^https:\/\/[^\s]+$/, "use the cluster's https:// OIDC issuer URL (AksCluster.oidcIssuerUrl)");

    const scaling = resolveScaling(path, props, production);
    const resources = resolveResources(path, props.resources, ns);
    const probes = resolveProbes(path, props.probes);
    const zoneSpread = validateEnum(`${path}.zoneSpread`, props.zoneSpread ?? (production ? "DoNotSchedule" : "ScheduleAnyway"), ["DoNotSchedule", "ScheduleAnyway"])!;
    const hostSpread = validateEnum(`${path}.hostSpread`, props.hostSpread ?? "ScheduleAnyway", ["DoNotSchedule", "ScheduleAnyway"])!;
    const runAsUser = validateRange(`${path}.runAsUser`, props.runAsUser ?? 10001, 1, 2147483647)!;
    const tmpSizeLimit = props.tmpSizeLimit ?? "256Mi";
    parseQuantity(`${path}.tmpSizeLimit`, tmpSizeLimit, "memory");
    const pdb = resolveDisruptionBudget(path, props.disruptionBudget, production, scaling);
    if (strategy.tracks.length > 1 && scaling.eventHub) {
      throw new ValidationError(`${path}.strategy.type`, "splits or copies HTTP traffic between two versions at the gateway, but eventHubScaling makes the service an event hub consumer, whose versions would take partitions from each other in one consumer group", strategy.type, "use a rolling, recreate or big-bang strategy for an event-hub-scaled service");
    }
    if (strategy.tracks.length > 1 && scaling.queue) {
      throw new ValidationError(`${path}.strategy.type`, "splits or copies HTTP traffic between two versions at the gateway, but queueScaling makes the service a queue consumer, whose versions would all compete for the same messages", strategy.type, "use a rolling, recreate or big-bang strategy for a queue-scaled service");
    }
    for (const track of strategy.tracks.filter((t) => t.name !== "primary")) {
      validatePattern(`${path}.name`, `${name}-${track.name}`, DNS_1035_LABEL, `shorten the name: the ${strategy.type} strategy names objects "${name}-${track.name}" (at most 63 characters)`);
    }
    const plans = planTracks(name, strategy, scaling, production && pdb !== undefined);

    const serviceType = validateEnum(`${path}.serviceType`, props.serviceType ?? "ClusterIP", ["ClusterIP", "LoadBalancer"])!;
    const loadBalancer = serviceType === "LoadBalancer";
    const sourceRanges = props.loadBalancerSourceRanges ?? [];
    if (!loadBalancer && props.loadBalancerSourceRanges !== undefined) {
      throw new ValidationError(`${path}.loadBalancerSourceRanges`, 'applies only to serviceType "LoadBalancer"', props.loadBalancerSourceRanges, 'drop it, or set serviceType "LoadBalancer"');
    }
    if (!loadBalancer && props.internalLoadBalancer !== undefined) {
      throw new ValidationError(`${path}.internalLoadBalancer`, 'applies only to serviceType "LoadBalancer"', props.internalLoadBalancer, 'drop it, or set serviceType "LoadBalancer"');
    }
    if (loadBalancer && sourceRanges.length === 0) {
      throw new ValidationError(`${path}.loadBalancerSourceRanges`, "is empty for a LoadBalancer Service, so the namespace's default-deny policy would drop every client", sourceRanges, 'list the client CIDRs, e.g. ["10.20.0.0/16"]');
    }
    sourceRanges.forEach((r, i) => parseCidr(`${path}.loadBalancerSourceRanges[${i}]`, r));
    validateUnique(`${path}.loadBalancerSourceRanges`, sourceRanges);
    const sessionAffinity = validateEnum(`${path}.sessionAffinity`, props.sessionAffinity ?? "None", ["None", "ClientIP"])!;
    if (sessionAffinity !== "ClientIP" && props.sessionAffinityTimeoutSeconds !== undefined) {
      throw new ValidationError(`${path}.sessionAffinityTimeoutSeconds`, 'applies only to sessionAffinity "ClientIP"', props.sessionAffinityTimeoutSeconds, 'drop it, or set sessionAffinity "ClientIP"');
    }
    const affinityTimeout = validateRange(`${path}.sessionAffinityTimeoutSeconds`, props.sessionAffinityTimeoutSeconds ?? 10800, 1, 86400)!;

    const allowFrom = props.allowFrom ?? [];
    allowFrom.forEach((source, i) => {
      validatePattern(`${path}.allowFrom[${i}].namespace`, source.namespace, DNS_1123_LABEL, "use a namespace name (RFC 1123 label)");
      validateSelector(`${path}.allowFrom[${i}].podSelector`, source.podSelector ?? {});
    });
    const azureEgress = (props.azureEgress ?? []).map((rule, i) => {
      const at = `${path}.azureEgress[${i}]`;
      if (!isUnresolved(rule.cidr)) parseCidr(`${at}.cidr`, rule.cidr);
      const ports = rule.ports ?? [443];
      if (ports.length === 0) throw new ValidationError(`${at}.ports`, "is empty", ports, "list at least one TCP port, or leave it unset for 443");
      ports.forEach((p, j) => validateRange(`${at}.ports[${j}]`, p, 1, 65535));
      return { cidr: rule.cidr, ports };
    });

    const env = props.env ?? {};
    for (const key of Object.keys(env)) {
      validatePattern(`${path}.env.${key}`, key, ENV_NAME, "use letters, digits and underscores, not starting with a digit");
    }
    const secrets = resolveSecrets(path, props.secrets ?? [], props.keyVault, env);

    if (props.priorityClassName !== undefined) {
      validatePattern(`${path}.priorityClassName`, props.priorityClassName, DNS_1123_SUBDOMAIN, "use a PriorityClass name (RFC 1123 subdomain)");
      if (SYSTEM_PRIORITY_CLASSES.includes(props.priorityClassName)) {
        throw new ValidationError(`${path}.priorityClassName`, "is reserved for cluster components in kube-system", props.priorityClassName, "create a PriorityClass for critical services and use its name");
      }
    }
    const kedaSa = props.kedaOperatorServiceAccount ?? { namespace: "kube-system", name: "keda-operator" };
    if (props.kedaOperatorServiceAccount !== undefined) {
      validatePattern(`${path}.kedaOperatorServiceAccount.namespace`, kedaSa.namespace, DNS_1123_LABEL, "use a namespace name (RFC 1123 label)");
      validatePattern(`${path}.kedaOperatorServiceAccount.name`, kedaSa.name, DNS_1123_SUBDOMAIN, "use a service account name (RFC 1123 subdomain)");
      if (!scaling.queue && !scaling.eventHub) {
        throw new ValidationError(`${path}.kedaOperatorServiceAccount`, "applies only with queueScaling or eventHubScaling", kedaSa, "drop it, or set queueScaling or eventHubScaling");
      }
    }
    const qualifier = props.identityQualifier ?? name.replace(/-/g, "").slice(0, 16);
    if (props.identityQualifier !== undefined) {
      validatePattern(`${path}.identityQualifier`, qualifier, /^[a-z][a-z0-9]{0,15}$/, "use 1-16 lowercase letters and digits, starting with a letter");
    }
    const identityName = props.namer.name("user_assigned_identity", { qualifier });
    claimIdentityName(path, `${path} (namespace ${ns.name})`, props.resourceGroup, identityName);

    ns.registerWorkload({
      path,
      name,
      maxPods: plans.reduce((total, plan) => total + plan.maxReplicas + surgePods(strategy.update, plan.maxReplicas), 0),
      requestsCpu: resources.requestsCpuValue,
      requestsMemory: resources.requestsMemoryValue,
      limitsMemory: resources.limitsMemoryValue,
      loadBalancer,
      services: plans.length,
    });

    // --- Azure: workload identity ---
    const federated = federatedIdentity(this, {
      resourceGroup: props.resourceGroup,
      name: identityName,
      oidcIssuerUrl: props.oidcIssuerUrl,
      serviceAccount: { namespace: ns.name, name },
      credentialName: `${ns.name}-${name}`,
    });
    this.identity = federated.identity;
    this.federatedCredential = federated.credential;
    if (scaling.queue || scaling.eventHub) {
      this.kedaFederatedCredential = new FederatedIdentityCredential(this, "KedaFederatedCredential", {
        name: `${ns.name}-${name}-keda`,
        parentId: this.identity.id,
        resourceGroupName: props.resourceGroup.name,
        issuer: props.oidcIssuerUrl,
        subject: `system:serviceaccount:${kedaSa.namespace}:${kedaSa.name}`,
        audience: [AUDIENCE],
        // Azure rejects concurrent credential writes on one identity (ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity).
        dependsOn: [this.federatedCredential],
      });
    }

    // --- Kubernetes ---
    const namespace = ns.resource.metadata.name;
    const selector = this.selectorLabels;
    const labels = { ...selector, [TEAM_LABEL]: ns.team, "app.kubernetes.io/managed-by": "cdktf" };

    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name, namespace, labels, annotations: { [CLIENT_ID_ANNOTATION]: this.identity.clientId } },
      // The workload identity webhook projects its own token; the Kubernetes API token is not needed.
      automountServiceAccountToken: false,
    });

    if (secrets.objects.length > 0) {
      const spc: ISecretProviderClass = {
        apiVersion: "secrets-store.csi.x-k8s.io/v1",
        kind: "SecretProviderClass",
        metadata: { name: secrets.className(name), namespace: ns.name, labels },
        spec: {
          provider: "azure",
          ...(secrets.synced.length > 0
            ? { secretObjects: [{ secretName: secrets.className(name), type: "Opaque" as const, labels, data: secrets.synced.map((s) => ({ objectName: s.file, key: s.file })) }] }
            : {}),
          parameters: {
            usePodIdentity: "false",
            clientID: this.identity.clientId,
            keyvaultName: props.keyVault!.name,
            tenantId: props.keyVault!.vault.tenantId,
            objects: renderObjects(secrets.objects),
          },
        },
      };
      this.secretProviderClass = new Manifest(this, "SecretProviderClass", { manifest: { ...spc }, dependsOn: [ns.resource] });
    }

    const envVars: DeploymentV1SpecTemplateSpecContainerEnv[] = [
      ...Object.entries(env).map(([key, value]) => ({ name: key, value })),
      ...secrets.synced.map((s) => ({ name: s.envVar, valueFrom: { secretKeyRef: { name: secrets.className(name), key: s.file } } })),
    ];
    const volumes: DeploymentV1SpecTemplateSpecVolume[] = [
      { name: "tmp", emptyDir: { sizeLimit: tmpSizeLimit } },
      ...(this.secretProviderClass
        ? [{ name: "secrets-store", csi: { driver: SECRETS_STORE_DRIVER, readOnly: true, volumeAttributes: { secretProviderClass: secrets.className(name) } } }]
        : []),
    ];
    const spread = (trackSelector: Record<string, string>, topologyKey: string, whenUnsatisfiable: string) => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable,
      labelSelector: [{ matchLabels: trackSelector }],
      // Spread each rollout's pods on their own, so old and new ReplicaSets do not skew each other.
      matchLabelKeys: ["pod-template-hash"],
    });
    const updateStrategy =
      strategy.update.type === "Recreate" ? { type: "Recreate" } : { type: "RollingUpdate", rollingUpdate: { maxSurge: strategy.update.maxSurge, maxUnavailable: strategy.update.maxUnavailable } };
    const versionLabels: Record<string, string> = strategy.release !== undefined ? { [VERSION_LABEL]: strategy.release } : {};

    const tracks = new Map<TrackName, MicroserviceTrack>();
    for (const plan of plans) {
      const primary = plan.track.name === "primary";
      const suffix = primary ? "" : `-${plan.track.name}`;
      const trackLabel: Record<string, string> = plan.track.label ? { [plan.track.label.key]: plan.track.label.value } : {};
      const trackSelector = { ...selector, ...trackLabel };
      const trackLabels = { ...labels, ...trackLabel, ...versionLabels };
      const deployment = new DeploymentV1(this, primary ? "Resource" : `Deployment${suffix}`, {
        metadata: { name: plan.name, namespace, labels: trackLabels },
        spec: {
          replicas: String(plan.initialReplicas),
          selector: { matchLabels: trackSelector },
          strategy: updateStrategy,
          ...(strategy.minReadySeconds !== undefined ? { minReadySeconds: strategy.minReadySeconds } : {}),
          ...(strategy.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: strategy.progressDeadlineSeconds } : {}),
          template: {
            metadata: { labels: { ...trackLabels, [USE_LABEL]: "true" } },
            spec: {
              serviceAccountName: this.serviceAccount.metadata.name,
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              priorityClassName: props.priorityClassName,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: String(runAsUser),
                runAsGroup: String(runAsUser),
                fsGroup: String(runAsUser),
                seccompProfile: { type: "RuntimeDefault" },
              },
              topologySpreadConstraint: [spread(trackSelector, "topology.kubernetes.io/zone", zoneSpread), spread(trackSelector, "kubernetes.io/hostname", hostSpread)],
              container: [
                {
                  name,
                  image: plan.track.image,
                  port: [{ name: "http", containerPort: this.containerPort, protocol: "TCP" }],
                  env: envVars.length > 0 ? envVars : undefined,
                  resources: {
                    requests: { cpu: resources.requestsCpu, memory: resources.requestsMemory },
                    limits: { memory: resources.limitsMemory, ...(resources.limitsCpu !== undefined ? { cpu: resources.limitsCpu } : {}) },
                  },
                  startupProbe: httpProbe(probes.startup),
                  livenessProbe: httpProbe(probes.liveness),
                  readinessProbe: httpProbe(probes.readiness),
                  securityContext: {
                    runAsNonRoot: true,
                    runAsUser: String(runAsUser),
                    allowPrivilegeEscalation: false,
                    privileged: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                  },
                  volumeMount: [
                    { name: "tmp", mountPath: "/tmp" },
                    ...(this.secretProviderClass ? [{ name: "secrets-store", mountPath: SECRETS_MOUNT, readOnly: true }] : []),
                  ],
                },
              ],
              volume: volumes,
            },
          },
        },
        // Pods ask for tokens as soon as they start: let the federation exist first.
        dependsOn: [this.federatedCredential, ...(this.secretProviderClass ? [this.secretProviderClass] : [])],
        // The autoscaler (HPA or KEDA) owns the replica count once the Deployment exists.
        lifecycle: plan.autoscaled ? { ignoreChanges: ["spec[0].replicas"] } : undefined,
      });

      let autoscaler: HorizontalPodAutoscalerV2 | undefined;
      if (plan.hpa) {
        const h = plan.hpa;
        const metrics: HorizontalPodAutoscalerV2SpecMetric[] = [
          { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: h.cpuUtilization } } },
          ...(h.memoryUtilization !== undefined ? [{ type: "Resource", resource: { name: "memory", target: { type: "Utilization", averageUtilization: h.memoryUtilization } } }] : []),
          ...h.customMetrics.map((m) => ({ type: "Pods", pods: { metric: { name: m.name }, target: { type: "AverageValue", averageValue: m.targetAverageValue } } })),
        ];
        autoscaler = new HorizontalPodAutoscalerV2(this, primary ? "Autoscaler" : `Autoscaler${suffix}`, {
          metadata: { name: plan.name, namespace, labels: trackLabels },
          spec: {
            minReplicas: h.minReplicas,
            maxReplicas: h.maxReplicas,
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: deployment.metadata.name },
            metric: metrics,
            behavior: {
              scaleDown: [{ stabilizationWindowSeconds: h.scaleDownStabilizationSeconds, selectPolicy: "Max", policy: [{ type: "Percent", value: 50, periodSeconds: 60 }] }],
              scaleUp: [
                {
                  stabilizationWindowSeconds: 0,
                  selectPolicy: "Max",
                  policy: [
                    { type: "Percent", value: 100, periodSeconds: 15 },
                    { type: "Pods", value: 4, periodSeconds: 15 },
                  ],
                },
              ],
            },
          },
        });
      }

      let podDisruptionBudget: PodDisruptionBudgetV1 | undefined;
      if (pdb && plan.disruptionBudget) {
        podDisruptionBudget = new PodDisruptionBudgetV1(this, primary ? "DisruptionBudget" : `DisruptionBudget${suffix}`, {
          metadata: { name: plan.name, namespace, labels: trackLabels },
          spec: { selector: { matchLabels: trackSelector }, ...pdb },
        });
      }
      tracks.set(plan.track.name, { name: plan.track.name, role: plan.track.role, image: plan.track.image, deployment, autoscaler, podDisruptionBudget });
    }
    this.tracks = tracks;
    const live = tracks.get(strategy.tracks[0].name)!;
    this.deployment = live.deployment;
    this.autoscaler = live.autoscaler;
    this.podDisruptionBudget = live.podDisruptionBudget;

    const keda = scaling.queue ?? scaling.eventHub;
    if (keda) {
      const q = keda;
      const authName = `${name}-workload-identity`;
      const triggerAuth: ITriggerAuthentication = {
        apiVersion: "keda.sh/v1alpha1",
        kind: "TriggerAuthentication",
        metadata: { name: authName, namespace: ns.name, labels },
        spec: { podIdentity: { provider: "azure-workload", identityId: this.identity.clientId } },
      };
      this.triggerAuthentication = new Manifest(this, "TriggerAuthentication", { manifest: { ...triggerAuth }, dependsOn: [ns.resource] });
      const scaledObject: IScaledObject = {
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: { name, namespace: ns.name, labels },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
          minReplicaCount: q.minReplicas,
          maxReplicaCount: q.maxReplicas,
          pollingInterval: q.pollingIntervalSeconds,
          cooldownPeriod: q.cooldownSeconds,
          // When KEDA cannot read the queue or event hub (identity or network trouble), keep a replica working instead of freezing.
          fallback: { failureThreshold: 3, replicas: Math.max(q.minReplicas, 1) },
          advanced: {
            horizontalPodAutoscalerConfig: {
              behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] } },
            },
          },
          triggers: [
            scaling.queue
              ? {
                  type: "azure-servicebus",
                  metadata: {
                    queueName: scaling.queue.queueName,
                    namespace: scaling.queue.namespaceName,
                    messageCount: String(scaling.queue.messagesPerReplica),
                    activationMessageCount: String(scaling.queue.activationMessages),
                    ...(scaling.queue.cloud ? { cloud: scaling.queue.cloud } : {}),
                  },
                  authenticationRef: { name: authName },
                }
              : {
                  type: "azure-eventhub",
                  metadata: {
                    eventHubNamespace: scaling.eventHub!.namespaceName,
                    eventHubName: scaling.eventHub!.eventHubName,
                    consumerGroup: scaling.eventHub!.consumerGroup,
                    storageAccountName: scaling.eventHub!.storageAccountName,
                    blobContainer: scaling.eventHub!.blobContainer,
                    // Checkpoints kept as blob metadata: the Azure SDKs' EventProcessorClient (Java, .NET, Python, JavaScript).
                    checkpointStrategy: "blobMetadata",
                    unprocessedEventThreshold: String(scaling.eventHub!.unprocessedEventsPerReplica),
                    activationUnprocessedEventThreshold: String(scaling.eventHub!.activationUnprocessedEvents),
                    ...(scaling.eventHub!.cloud ? { cloud: scaling.eventHub!.cloud } : {}),
                  },
                  authenticationRef: { name: authName },
                },
          ],
        },
      };
      this.scaledObject = new Manifest(this, "ScaledObject", { manifest: { ...scaledObject }, dependsOn: [this.deployment, this.triggerAuthentication, this.kedaFederatedCredential!] });
    }

    // With two Deployments, a Service switches its selector only once the Deployments it may select have rolled out
    // (Terraform waits for each rollout): a new slot or track is never selected before its pods are ready.
    // In a fixed order (by track name), so flipping the active slot does not reorder them.
    const allDeployments = plans.length > 1 ? [...tracks.values()].sort((a, b) => a.name.localeCompare(b.name)).map((t) => t.deployment) : undefined;
    const liveLabel = strategy.tracks[0].label;
    this.service = new ServiceV1(this, "Service", {
      metadata: {
        name,
        namespace,
        labels,
        annotations: loadBalancer && (props.internalLoadBalancer ?? true) ? { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" } : undefined,
      },
      spec: {
        type: serviceType,
        selector: liveLabel ? { ...selector, [liveLabel.key]: liveLabel.value } : selector,
        port: [{ name: "http", port: this.servicePort, targetPort: "http", protocol: "TCP" }],
        sessionAffinity,
        sessionAffinityConfig: sessionAffinity === "ClientIP" ? { clientIp: { timeoutSeconds: affinityTimeout } } : undefined,
        // Local keeps the client's source IP (for ClientIP affinity and the network policy's ranges) and skips a hop.
        externalTrafficPolicy: loadBalancer ? "Local" : undefined,
        loadBalancerSourceRanges: loadBalancer ? sourceRanges : undefined,
      },
      // Not wait_for_load_balancer: an internal IP can take minutes and Terraform does not need it.
      waitForLoadBalancer: false,
      dependsOn: allDeployments,
    });
    const versionService = (track: StrategyTrack, suffix: "preview" | "canary" | "shadow") =>
      new ServiceV1(this, `Service-${suffix}`, {
        metadata: { name: `${name}-${suffix}`, namespace, labels },
        spec: {
          type: "ClusterIP",
          selector: { ...selector, [track.label!.key]: track.label!.value },
          port: [{ name: "http", port: this.servicePort, targetPort: "http", protocol: "TCP" }],
        },
        dependsOn: allDeployments,
      });
    const ref = (serviceName: string) => ({ serviceName, port: this.servicePort });
    if (strategy.blueGreen) {
      this.previewService = versionService(strategy.tracks[1], "preview");
      this.routeBackends = { live: [{ ...ref(name), weight: 100 }], matched: { backend: ref(`${name}-preview`), match: routeMatch(strategy.blueGreen.preview) } };
    } else if (strategy.canary) {
      this.canaryService = versionService(strategy.tracks[1], "canary");
      const { weight, testers } = strategy.canary;
      this.routeBackends = {
        live: [
          { ...ref(name), weight: 100 - weight },
          { ...ref(`${name}-canary`), weight },
        ],
        ...(testers ? { matched: { backend: ref(`${name}-canary`), match: routeMatch(testers) } } : {}),
      };
    } else if (strategy.shadow) {
      this.shadowService = versionService(strategy.tracks[1], "shadow");
      this.routeBackends = { live: [{ ...ref(name), weight: 100 }], mirror: { backend: ref(`${name}-shadow`), percent: strategy.shadow.mirrorPercent, methods: [...strategy.shadow.methods] } };
    } else {
      this.routeBackends = { live: [{ ...ref(name), weight: 100 }] };
    }

    const port = [{ protocol: "TCP", port: String(this.containerPort) }];
    const ingress: NetworkPolicyV1SpecIngress[] = [
      ...allowFrom.map((source) => ({
        from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: source.namespace } }, ...(source.podSelector ? { podSelector: { matchLabels: { ...source.podSelector } } } : {}) }],
        ports: port,
      })),
      ...(loadBalancer ? [{ from: sourceRanges.map((cidr) => ({ ipBlock: { cidr } })), ports: port }] : []),
    ];
    const egress: NetworkPolicyV1SpecEgress[] = [
      dnsEgressRule(),
      ...azureEgress.map((rule) => ({ to: [{ ipBlock: { cidr: rule.cidr } }], ports: rule.ports.map((p) => ({ protocol: "TCP", port: String(p) })) })),
    ];
    this.networkPolicy = new NetworkPolicyV1(this, "NetworkPolicy", {
      metadata: { name, namespace, labels },
      spec: {
        podSelector: { matchLabels: selector },
        policyTypes: ["Ingress", "Egress"],
        ingress: ingress.length > 0 ? ingress : undefined,
        egress,
      },
    });

    (props.dependencies ?? []).forEach((dependency, i) => {
      if (!(dependency instanceof Microservice)) {
        throw new ValidationError(`${path}.dependencies[${i}]`, "is not a Microservice", String(dependency), "pass the Microservice construct");
      }
      this.dependsOnService(dependency);
    });
  }

  /** The route backend's namespace: the namespace name ({@link namespaceName}). */
  public get namespace(): string {
    return this.namespaceName;
  }

  /** The route backend's port: the Kubernetes Service's port ({@link servicePort}), not the container port. */
  public get port(): number {
    return this.servicePort;
  }

  /** Labels that select the service's pods. */
  public get selectorLabels(): Record<string, string> {
    return { [NAME_LABEL]: this.serviceName };
  }

  /** Client ID of the workload identity. */
  public get clientId(): string {
    return this.identity.clientId;
  }

  /** Object ID of the workload identity, so the service itself can be passed where an `IPrincipal` is expected too. */
  public get principalId(): string {
    return this.identity.principalId;
  }

  /**
   * Lets this service call `other`: egress from this service's pods to `other`'s container port, and ingress on
   * `other`'s side from this service's pods. Calling it again for the same pair returns the existing policies.
   */
  public dependsOnService(other: Microservice): ServiceConnection {
    return connect(this, other);
  }

  /** Lets `other` call this service: the mirror image of {@link dependsOnService}. */
  public allowTrafficFrom(other: Microservice): ServiceConnection {
    return connect(other, this);
  }

  /** @internal Property path in error messages. */
  public get validationPath(): string {
    return this.path;
  }
}

/** Creates (once) the ingress policy on `server` and the egress policy on `client`. */
function connect(client: Microservice, server: Microservice): ServiceConnection {
  if (client === server) {
    throw new ValidationError(`${client.validationPath}.dependencies`, "names the service itself", client.serviceName, "a service reaches its own pods without a policy; list other services");
  }
  const clientKey = `${client.namespaceName}-${client.serviceName}`;
  const serverKey = `${server.namespaceName}-${server.serviceName}`;
  const port = [{ protocol: "TCP", port: String(server.containerPort) }];
  const peer = (s: Microservice) => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: s.namespaceName } }, podSelector: { matchLabels: s.selectorLabels } });

  const ingressId = `AllowFrom-${clientKey}`;
  const ingress =
    (server.node.tryFindChild(ingressId) as NetworkPolicyV1 | undefined) ??
    new NetworkPolicyV1(server, ingressId, {
      metadata: { name: `${server.serviceName}-from-${clientKey}`, namespace: server.teamNamespace.resource.metadata.name, labels: { ...server.selectorLabels, [TEAM_LABEL]: server.teamNamespace.team } },
      spec: { podSelector: { matchLabels: server.selectorLabels }, policyTypes: ["Ingress"], ingress: [{ from: [peer(client)], ports: port }] },
    });
  const egressId = `AllowTo-${serverKey}`;
  const egress =
    (client.node.tryFindChild(egressId) as NetworkPolicyV1 | undefined) ??
    new NetworkPolicyV1(client, egressId, {
      metadata: { name: `${client.serviceName}-to-${serverKey}`, namespace: client.teamNamespace.resource.metadata.name, labels: { ...client.selectorLabels, [TEAM_LABEL]: client.teamNamespace.team } },
      spec: { podSelector: { matchLabels: client.selectorLabels }, policyTypes: ["Egress"], egress: [{ to: [peer(server)], ports: port }] },
    });
  return { ingress, egress };
}

interface ResolvedHpa {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization: number;
  readonly memoryUtilization?: number;
  readonly customMetrics: readonly PodsMetric[];
  readonly scaleDownStabilizationSeconds: number;
}

interface ResolvedQueue {
  readonly namespaceName: string;
  readonly cloud?: string;
  readonly queueName: string;
  readonly messagesPerReplica: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly activationMessages: number;
  readonly pollingIntervalSeconds: number;
  readonly cooldownSeconds: number;
}

interface ResolvedEventHub {
  readonly namespaceName: string;
  readonly cloud?: string;
  readonly eventHubName: string;
  readonly consumerGroup: string;
  readonly storageAccountName: string;
  readonly blobContainer: string;
  readonly unprocessedEventsPerReplica: number;
  readonly activationUnprocessedEvents: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly pollingIntervalSeconds: number;
  readonly cooldownSeconds: number;
}

interface ResolvedScaling {
  readonly hpa?: ResolvedHpa;
  readonly queue?: ResolvedQueue;
  readonly eventHub?: ResolvedEventHub;
  readonly autoscaled: boolean;
  /** Replicas the Deployment starts with. */
  readonly initialReplicas: number;
  /** Fewest replicas the service runs with, and the path of the prop that sets it. */
  readonly minReplicas: number;
  readonly minReplicasPath: string;
  readonly maxReplicas: number;
}

function resolveScaling(path: string, props: MicroserviceProps, production: boolean): ResolvedScaling {
  const auto = props.autoscaling;
  if (props.eventHubScaling !== undefined && props.queueScaling !== undefined) {
    throw new ValidationError(
      `${path}.eventHubScaling`,
      "is set together with queueScaling, but the service's KEDA ScaledObject scales on one source",
      { eventHubScaling: props.eventHubScaling.eventHubName, queueScaling: props.queueScaling.queueName },
      "keep one: queueScaling (Service Bus) or eventHubScaling (Event Hubs)",
    );
  }
  if (props.eventHubScaling !== undefined && auto !== undefined && auto !== false) {
    throw new ValidationError(`${path}.autoscaling`, "is set together with eventHubScaling, but KEDA owns the replica count when it scales on the event hub", auto, "keep one: eventHubScaling (KEDA) or autoscaling (HPA)");
  }
  if (props.queueScaling !== undefined && auto !== undefined && auto !== false) {
    throw new ValidationError(`${path}.autoscaling`, "is set together with queueScaling, but KEDA owns the replica count when it scales on the queue", auto, "keep one: queueScaling (KEDA) or autoscaling (HPA)");
  }
  if (props.replicas !== undefined && (auto !== false || props.queueScaling !== undefined || props.eventHubScaling !== undefined)) {
    throw new ValidationError(
      `${path}.replicas`,
      "is set but an autoscaler owns the replica count",
      props.replicas,
      props.queueScaling ? "set queueScaling.minReplicas/maxReplicas instead" : props.eventHubScaling ? "set eventHubScaling.minReplicas/maxReplicas instead" : "set autoscaling.minReplicas/maxReplicas, or autoscaling: false for a fixed count",
    );
  }

  if (props.eventHubScaling !== undefined) {
    const e = props.eventHubScaling;
    const at = `${path}.eventHubScaling`;
    const { namespaceName, cloud } = parseEventHubsNamespace(`${at}.eventHubsNamespace`, e.eventHubsNamespace);
    validateResourceName(`${at}.eventHubName`, "eventhub", e.eventHubName);
    validateResourceName(`${at}.consumerGroup`, "eventhub_consumer_group", e.consumerGroup);
    validateResourceName(`${at}.checkpointStorageAccountName`, "storage_account", e.checkpointStorageAccountName);
    validatePattern(`${at}.checkpointContainerName`, e.checkpointContainerName, BLOB_CONTAINER, "use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit");
    const partitionCount = validateRange(`${at}.partitionCount`, e.partitionCount, 1, 1024);
    const minReplicas = validateRange(`${at}.minReplicas`, e.minReplicas ?? (production ? 2 : 0), 0, REPLICAS_MAX)!;
    const maxReplicas = validateRange(`${at}.maxReplicas`, e.maxReplicas ?? partitionCount ?? 10, 1, REPLICAS_MAX)!;
    validateMinMax(at, minReplicas, maxReplicas, "minReplicas", "maxReplicas");
    if (partitionCount !== undefined && !isUnresolved(partitionCount) && !isUnresolved(maxReplicas) && maxReplicas > partitionCount) {
      throw new ValidationError(
        `${at}.maxReplicas`,
        `exceeds the event hub's ${partitionCount} partitions: KEDA never scales beyond the partition count, since a partition is read by one consumer of a group at a time`,
        maxReplicas,
        `use at most ${partitionCount}, or give the event hub more partitions`,
      );
    }
    const eventHub: ResolvedEventHub = {
      namespaceName,
      cloud,
      eventHubName: e.eventHubName,
      consumerGroup: e.consumerGroup,
      storageAccountName: e.checkpointStorageAccountName,
      blobContainer: e.checkpointContainerName,
      unprocessedEventsPerReplica: validateRange(`${at}.unprocessedEventsPerReplica`, e.unprocessedEventsPerReplica ?? 64, 1, 1_000_000_000)!,
      activationUnprocessedEvents: validateRange(`${at}.activationUnprocessedEvents`, e.activationUnprocessedEvents ?? 0, 0, 1_000_000_000)!,
      minReplicas,
      maxReplicas,
      pollingIntervalSeconds: validateRange(`${at}.pollingIntervalSeconds`, e.pollingIntervalSeconds ?? 30, 1, 3600)!,
      cooldownSeconds: validateRange(`${at}.cooldownSeconds`, e.cooldownSeconds ?? 300, 0, 86400)!,
    };
    return { eventHub, autoscaled: true, initialReplicas: minReplicas, minReplicas, minReplicasPath: `${at}.minReplicas`, maxReplicas };
  }

  if (props.queueScaling !== undefined) {
    const q = props.queueScaling;
    const at = `${path}.queueScaling`;
    const { namespaceName, cloud } = parseServiceBusNamespace(`${at}.serviceBusNamespace`, q.serviceBusNamespace);
    validateResourceName(`${at}.queueName`, "servicebus_queue", q.queueName);
    const minReplicas = validateRange(`${at}.minReplicas`, q.minReplicas ?? (production ? 2 : 0), 0, REPLICAS_MAX)!;
    const maxReplicas = validateRange(`${at}.maxReplicas`, q.maxReplicas ?? 10, 1, REPLICAS_MAX)!;
    validateMinMax(at, minReplicas, maxReplicas, "minReplicas", "maxReplicas");
    const queue: ResolvedQueue = {
      namespaceName,
      cloud,
      queueName: q.queueName,
      messagesPerReplica: validateRange(`${at}.messagesPerReplica`, q.messagesPerReplica ?? 5, 1, 1_000_000)!,
      minReplicas,
      maxReplicas,
      activationMessages: validateRange(`${at}.activationMessages`, q.activationMessages ?? 0, 0, 1_000_000)!,
      pollingIntervalSeconds: validateRange(`${at}.pollingIntervalSeconds`, q.pollingIntervalSeconds ?? 30, 1, 3600)!,
      cooldownSeconds: validateRange(`${at}.cooldownSeconds`, q.cooldownSeconds ?? 300, 0, 86400)!,
    };
    return { queue, autoscaled: true, initialReplicas: minReplicas, minReplicas, minReplicasPath: `${at}.minReplicas`, maxReplicas };
  }

  if (auto === false) {
    const replicas = validateRange(`${path}.replicas`, props.replicas ?? 3, 0, REPLICAS_MAX)!;
    return { autoscaled: false, initialReplicas: replicas, minReplicas: replicas, minReplicasPath: `${path}.replicas`, maxReplicas: replicas };
  }

  const a = auto ?? {};
  const at = `${path}.autoscaling`;
  const minReplicas = validateRange(`${at}.minReplicas`, a.minReplicas ?? 3, 1, REPLICAS_MAX)!;
  const maxReplicas = validateRange(`${at}.maxReplicas`, a.maxReplicas ?? 10, 1, REPLICAS_MAX)!;
  validateMinMax(at, minReplicas, maxReplicas, "minReplicas", "maxReplicas");
  const customMetrics = a.customMetrics ?? [];
  customMetrics.forEach((m, i) => {
    validatePattern(`${at}.customMetrics[${i}].name`, m.name, METRIC_NAME, "use a metric name such as http_requests_per_second");
    validatePattern(`${at}.customMetrics[${i}].targetAverageValue`, m.targetAverageValue, /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/, 'use a quantity such as "100" or "500m"');
  });
  validateUnique(`${at}.customMetrics`, customMetrics, (m) => m.name);
  const hpa: ResolvedHpa = {
    minReplicas,
    maxReplicas,
    cpuUtilization: validateRange(`${at}.cpuUtilization`, a.cpuUtilization ?? 70, 1, 100)!,
    memoryUtilization: validateRange(`${at}.memoryUtilization`, a.memoryUtilization, 1, 100),
    customMetrics,
    scaleDownStabilizationSeconds: validateRange(`${at}.scaleDownStabilizationSeconds`, a.scaleDownStabilizationSeconds ?? 300, 0, 3600)!,
  };
  return { hpa, autoscaled: true, initialReplicas: minReplicas, minReplicas, minReplicasPath: `${at}.minReplicas`, maxReplicas };
}

/** What one Deployment of the service runs and how it scales. */
interface TrackPlan {
  readonly track: StrategyTrack;
  /** Name of the Deployment, its HPA and its disruption budget. */
  readonly name: string;
  readonly hpa?: ResolvedHpa;
  readonly autoscaled: boolean;
  readonly initialReplicas: number;
  readonly maxReplicas: number;
  /** Whether the track gets the service's disruption budget (not the shadow: it serves no user). */
  readonly disruptionBudget: boolean;
}

/**
 * Scales each track of the strategy:
 * - the live track (the only Deployment, the active slot, stable) scales as the service does;
 * - the idle blue-green slot scales the same, or is pinned to one pod (and has no disruption budget) with `scaleDownIdle`;
 * - the canary's floor follows its weight (its share of the minimum, at least 2 with a production disruption budget),
 *   so at 100 it already runs the service's minimum; its ceiling is the service's;
 * - the shadow runs at least one pod and at most its mirrored share of the maximum, without a disruption budget.
 * Fixed replica counts (no autoscaler) follow the same rules.
 */
function planTracks(name: string, strategy: ResolvedDeploymentStrategy, scaling: ResolvedScaling, protectedFloor: boolean): TrackPlan[] {
  const scaled = (min: number, max: number): Pick<TrackPlan, "hpa" | "autoscaled" | "initialReplicas" | "maxReplicas"> =>
    scaling.hpa
      ? { hpa: { ...scaling.hpa, minReplicas: min, maxReplicas: max }, autoscaled: true, initialReplicas: min, maxReplicas: max }
      : { autoscaled: false, initialReplicas: min, maxReplicas: min };
  return strategy.tracks.map((track) => {
    // Tracks that serve no user need no budget: the shadow, and an idle slot pinned to one pod (a budget there could
    // only block node drains).
    const disruptionBudget = track.role !== "shadow" && !(track.role === "idle" && strategy.blueGreen!.scaleDownIdle);
    const base = { track, name: track.name === "primary" ? name : `${name}-${track.name}`, disruptionBudget };
    switch (track.role) {
      case "live":
        return { ...base, hpa: scaling.hpa, autoscaled: scaling.autoscaled, initialReplicas: scaling.initialReplicas, maxReplicas: scaling.maxReplicas };
      case "idle":
        return strategy.blueGreen!.scaleDownIdle ? { ...base, ...scaled(1, 1) } : { ...base, hpa: scaling.hpa, autoscaled: scaling.autoscaled, initialReplicas: scaling.initialReplicas, maxReplicas: scaling.maxReplicas };
      case "canary": {
        const floor = Math.min(scaling.minReplicas, protectedFloor ? 2 : 1);
        const min = Math.min(Math.max(Math.ceil((scaling.minReplicas * strategy.canary!.weight) / 100), floor), scaling.minReplicas);
        // An HPA owns the count once the Deployment exists (replicas are ignored then): start at the floor, so a weight
        // change touches the HPA and the route only.
        return { ...base, ...scaled(min, scaling.hpa ? scaling.maxReplicas : min), ...(scaling.hpa ? { initialReplicas: floor } : {}) };
      }
      case "shadow": {
        const share = (n: number) => Math.max(1, Math.ceil((n * strategy.shadow!.mirrorPercent) / 100));
        return { ...base, ...(scaling.hpa ? scaled(1, share(scaling.maxReplicas)) : scaled(share(scaling.initialReplicas), share(scaling.initialReplicas))) };
      }
    }
  });
}

/** A version match as a route takes it (header and cookie values defaulted). */
function routeMatch(match: VersionMatch): RouteVersionMatch {
  if ("hostname" in match) return { hostname: match.hostname };
  if ("header" in match) return { header: match.header, value: match.value ?? "true" };
  return { cookie: match.cookie, value: match.value ?? "true" };
}

function parseEventHubsNamespace(path: string, fqdn: string): { namespaceName: string; cloud?: string } {
  const match = typeof fqdn === "string" ? /^([^.]+)\.(.+)$/.exec(fqdn) : null;
  if (!match || !(match[2] in SB_SUFFIXES)) {
    throw new ValidationError(path, "is not an Event Hubs namespace host name", fqdn, 'use "<namespace>.servicebus.windows.net" (EventHubsNamespace.fullyQualifiedNamespace)');
  }
  validateResourceName(path, "eventhub_namespace", match[1]);
  return { namespaceName: match[1], cloud: SB_SUFFIXES[match[2]] };
}

function parseServiceBusNamespace(path: string, fqdn: string): { namespaceName: string; cloud?: string } {
  const match = typeof fqdn === "string" ? /^([^.]+)\.(.+)$/.exec(fqdn) : null;
  if (!match || !(match[2] in SB_SUFFIXES)) {
    throw new ValidationError(path, "is not a Service Bus namespace host name", fqdn, 'use "<namespace>.servicebus.windows.net" (ServiceBusNamespace.fullyQualifiedNamespace)');
  }
  validateResourceName(path, "servicebus_namespace", match[1]);
  return { namespaceName: match[1], cloud: SB_SUFFIXES[match[2]] };
}

interface ResolvedResources {
  readonly requestsCpu: string;
  readonly requestsMemory: string;
  readonly limitsMemory: string;
  readonly limitsCpu?: string;
  readonly requestsCpuValue?: number;
  readonly requestsMemoryValue?: number;
  readonly limitsMemoryValue?: number;
}

function resolveResources(path: string, given: ContainerResources | undefined, ns: TeamNamespace): ResolvedResources {
  const at = `${path}.resources`;
  const requestsCpu = given?.requests?.cpu ?? "250m";
  const requestsMemory = given?.requests?.memory ?? "256Mi";
  const limitsMemory = given?.limits?.memory ?? "512Mi";
  const limitsCpu = given?.limits?.cpu;
  const requestsCpuValue = parseQuantity(`${at}.requests.cpu`, requestsCpu, "cpu");
  const requestsMemoryValue = parseQuantity(`${at}.requests.memory`, requestsMemory, "memory");
  const limitsMemoryValue = parseQuantity(`${at}.limits.memory`, limitsMemory, "memory");
  validateQuantityOrder(`${at}.requests.memory`, requestsMemory, requestsMemoryValue, `${at}.limits.memory`, limitsMemory, limitsMemoryValue);
  if (limitsCpu !== undefined) {
    const limitsCpuValue = parseQuantity(`${at}.limits.cpu`, limitsCpu, "cpu");
    validateQuantityOrder(`${at}.requests.cpu`, requestsCpu, requestsCpuValue, `${at}.limits.cpu`, limitsCpu, limitsCpuValue);
    if (ns.containerLimits.maxCpu !== undefined) {
      const max = parseQuantity(`teamNamespace.${ns.name}.containerLimits.maxCpu`, ns.containerLimits.maxCpu, "cpu");
      if (limitsCpuValue !== undefined && max !== undefined && limitsCpuValue > max) {
        throw new ValidationError(`${at}.limits.cpu`, `exceeds the most namespace "${ns.name}" allows per container (containerLimits.maxCpu ${JSON.stringify(ns.containerLimits.maxCpu)})`, limitsCpu, "lower the limit or raise the namespace's maximum");
      }
    }
  }
  const maxMemory = parseQuantity(`teamNamespace.${ns.name}.containerLimits.maxMemory`, ns.containerLimits.maxMemory, "memory");
  if (limitsMemoryValue !== undefined && maxMemory !== undefined && limitsMemoryValue > maxMemory) {
    throw new ValidationError(`${at}.limits.memory`, `exceeds the most namespace "${ns.name}" allows per container (containerLimits.maxMemory ${JSON.stringify(ns.containerLimits.maxMemory)})`, limitsMemory, "lower the limit or raise the namespace's maximum");
  }
  return { requestsCpu, requestsMemory, limitsMemory, limitsCpu, requestsCpuValue, requestsMemoryValue, limitsMemoryValue };
}

interface ResolvedProbe {
  readonly path: string;
  readonly periodSeconds: number;
  readonly failureThreshold: number;
  readonly timeoutSeconds: number;
}

function resolveProbes(path: string, given: MicroserviceProbes | undefined): { liveness: ResolvedProbe; readiness: ResolvedProbe; startup: ResolvedProbe } {
  const one = (kind: keyof MicroserviceProbes, defaults: ResolvedProbe): ResolvedProbe => {
    const p = given?.[kind] ?? {};
    const at = `${path}.probes.${kind}`;
    return {
      path: validatePattern(`${at}.path`, p.path ?? defaults.path, PROBE_PATH, 'use an absolute URL path such as "/healthz"')!,
      periodSeconds: validateRange(`${at}.periodSeconds`, p.periodSeconds ?? defaults.periodSeconds, 1, 300)!,
      failureThreshold: validateRange(`${at}.failureThreshold`, p.failureThreshold ?? defaults.failureThreshold, 1, 1000)!,
      timeoutSeconds: validateRange(`${at}.timeoutSeconds`, p.timeoutSeconds ?? defaults.timeoutSeconds, 1, 60)!,
    };
  };
  return {
    liveness: one("liveness", { path: "/healthz", periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 2 }),
    readiness: one("readiness", { path: "/readyz", periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 2 }),
    startup: one("startup", { path: "/healthz", periodSeconds: 5, failureThreshold: 30, timeoutSeconds: 2 }),
  };
}

function httpProbe(probe: ResolvedProbe) {
  return {
    httpGet: { path: probe.path, port: "http" },
    periodSeconds: probe.periodSeconds,
    failureThreshold: probe.failureThreshold,
    timeoutSeconds: probe.timeoutSeconds,
  };
}

function resolveDisruptionBudget(path: string, given: DisruptionBudget | false | undefined, production: boolean, scaling: ResolvedScaling): { minAvailable?: string; maxUnavailable?: string } | undefined {
  if (given === false) return undefined;
  const at = `${path}.disruptionBudget`;
  const budget = given ?? { maxUnavailable: 1 };
  const set = (["minAvailable", "maxUnavailable"] as const).filter((k) => budget[k] !== undefined);
  if (set.length !== 1) {
    throw new ValidationError(at, "must set exactly one of minAvailable and maxUnavailable", budget, "e.g. { maxUnavailable: 1 }, or false for no budget");
  }
  const key = set[0];
  const value = budget[key]!;
  if (typeof value === "number") validateRange(`${at}.${key}`, value, key === "maxUnavailable" ? 1 : 0, REPLICAS_MAX);
  else validatePattern(`${at}.${key}`, value, PERCENT, 'use a count or a percentage such as "25%"');
  const floor = Math.max(scaling.minReplicas, 1);
  if (key === "minAvailable" && typeof value === "number" && value >= floor) {
    throw new ValidationError(`${at}.minAvailable`, `keeps all ${floor} replicas up at the service's minimum scale, so no node could be drained then`, value, floor > 1 ? `use at most ${floor - 1}, or maxUnavailable` : "use maxUnavailable, or more replicas");
  }
  if (key === "maxUnavailable" && value === "0%") {
    throw new ValidationError(`${at}.maxUnavailable`, "lets no pod be evicted, so no node could ever be drained", value, 'use at least 1 or "1%"');
  }
  if (production && scaling.minReplicas < 2) {
    throw new ValidationError(
      scaling.minReplicasPath,
      `must be at least 2 in production when a PodDisruptionBudget protects the service: with one replica the budget either blocks node drains or protects nothing`,
      scaling.minReplicas,
      "use 2 or more, or set disruptionBudget: false (or production: false) to accept the downtime",
    );
  }
  return { [key]: String(value) };
}

interface ResolvedSecrets {
  readonly objects: KeyVaultObject[];
  readonly synced: { readonly envVar: string; readonly file: string }[];
  readonly className: (service: string) => string;
}

function resolveSecrets(path: string, secrets: readonly KeyVaultSecretRef[], keyVault: KeyVault | undefined, env: Readonly<Record<string, string>>): ResolvedSecrets {
  const className = (service: string) => `${service}-keyvault`;
  if (secrets.length === 0) return { objects: [], synced: [], className };
  if (!keyVault) {
    throw new ValidationError(`${path}.keyVault`, "is missing while secrets are declared", undefined, "pass the KeyVault the secrets live in");
  }
  const objects: KeyVaultObject[] = [];
  const synced: { envVar: string; file: string }[] = [];
  secrets.forEach((s, i) => {
    const at = `${path}.secrets[${i}]`;
    validatePattern(`${at}.name`, s.name, SECRET_NAME, "use 1-127 letters, digits and hyphens (a Key Vault secret name)");
    const file = validatePattern(`${at}.fileName`, s.fileName ?? s.name, FILE_NAME, "use letters, digits, '.', '_' and '-'")!;
    if (s.version !== undefined) validatePattern(`${at}.version`, s.version, /^[0-9a-f]{32}$/, "use a Key Vault secret version (32 hex digits)");
    objects.push({ objectName: s.name, objectType: "secret", ...(file !== s.name ? { objectAlias: file } : {}), ...(s.version !== undefined ? { objectVersion: s.version } : {}) });
    if (s.envVar !== undefined) {
      validatePattern(`${at}.envVar`, s.envVar, ENV_NAME, "use letters, digits and underscores, not starting with a digit");
      if (s.envVar in env) {
        throw new ValidationError(`${at}.envVar`, "is also set in env", s.envVar, "give the secret its own variable, or drop it from env");
      }
      synced.push({ envVar: s.envVar, file });
    }
  });
  validateUnique(`${path}.secrets`, secrets.map((s, i) => s.fileName ?? secrets[i].name));
  validateUnique(`${path}.secrets`, synced.map((s) => s.envVar));
  return { objects, synced, className };
}

function validateSelector(path: string, selector: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(selector)) {
    validatePattern(`${path}.${key}`, key, LABEL_KEY, "use a label key");
    validatePattern(`${path}.${key}`, value, LABEL_VALUE, "use a label value");
  }
}

function claimIdentityName(path: string, owner: string, resourceGroup: ResourceGroup, name: string): void {
  let names = identityNames.get(resourceGroup);
  if (!names) {
    names = new Map();
    identityNames.set(resourceGroup, names);
  }
  const existing = names.get(name);
  if (existing !== undefined) {
    throw new ValidationError(`${path}.identityQualifier`, `derives the workload identity name "${name}" that ${existing} already uses`, name, "give one of the services its own identityQualifier");
  }
  names.set(name, owner);
}
