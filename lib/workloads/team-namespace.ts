import { Construct } from "constructs";
import { GATEWAY_ACCESS_LABEL } from "../traffic/gateway";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { ValidationError } from "../core/errors";
import { validateEnum, validatePattern, validateRange } from "../core/validate";
import { DNS_1123_LABEL, dnsEgressRule, formatQuantity, NAMESPACE_NAME_LABEL, parseQuantity, validateLabels, validateNamespaceName, validateQuantityOrder } from "./private/kubernetes";

/** Pod Security Standard a namespace enforces (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = "restricted" | "baseline";

/**
 * The namespace's ResourceQuota: the most the team's pods may request in total, and how many objects of each kind
 * the namespace may hold.
 */
export interface NamespaceQuota {
  /**
   * Total CPU all pods may request.
   * @default "16"
   */
  readonly requestsCpu?: string;
  /**
   * Total memory all pods may request.
   * @default "32Gi"
   */
  readonly requestsMemory?: string;
  /**
   * Total memory limit of all pods.
   * @default "64Gi"
   */
  readonly limitsMemory?: string;
  /**
   * Total CPU limit of all pods. Unset on purpose: a `limits.cpu` quota makes Kubernetes reject every pod without a CPU
   * limit, and the library's services deliberately run without one (CPU limits throttle latency-sensitive services
   * even when the node has idle CPU; requests already guarantee each pod its share).
   * @default - no CPU limit quota
   */
  readonly limitsCpu?: string;
  /**
   * Most pods in the namespace.
   * @default 100
   */
  readonly pods?: number;
  /**
   * Most Services in the namespace.
   * @default 20
   */
  readonly services?: number;
  /**
   * Most LoadBalancer Services: each one is an Azure load balancer rule and frontend IP. Teams are reached through the
   * shared gateway, so none by default.
   * @default 0
   */
  readonly loadBalancers?: number;
  /**
   * Most PersistentVolumeClaims.
   * @default 10
   */
  readonly persistentVolumeClaims?: number;
}

/**
 * The namespace's LimitRange for containers: the requests and limits a container gets when it states none, and the
 * most one container may ask for.
 */
export interface ContainerLimitRange {
  /**
   * CPU request of a container that states none.
   * @default "250m"
   */
  readonly defaultRequestCpu?: string;
  /**
   * Memory request of a container that states none.
   * @default "256Mi"
   */
  readonly defaultRequestMemory?: string;
  /**
   * Memory limit of a container that states none.
   * @default "512Mi"
   */
  readonly defaultLimitMemory?: string;
  /**
   * Most memory one container may be limited to.
   * @default "8Gi"
   */
  readonly maxMemory?: string;
  /**
   * Most CPU one container may be limited to. Unset on purpose: with a CPU maximum, Kubernetes gives every container
   * without a CPU limit that maximum as its limit (see {@link NamespaceQuota.limitsCpu} for why services run without).
   * @default - no CPU maximum
   */
  readonly maxCpu?: string;
}

/** Props for {@link TeamNamespace}. */
export interface TeamNamespaceProps {
  /** The team that owns the namespace; the `team` label of the namespace. An RFC 1123 label (≤ 63 characters). */
  readonly team: string;
  /**
   * Namespace name: an RFC 1123 label (≤ 63 lowercase letters, digits and hyphens), not `default` nor `kube-*`.
   * @default - the team name
   */
  readonly name?: string;
  /**
   * Adopt a namespace that already exists in the cluster (created outside these stacks, e.g. by a cluster bootstrap or
   * another team's tooling) instead of creating it. The construct then creates no Namespace object but still creates
   * everything inside it (ResourceQuota, LimitRange, default-deny NetworkPolicy) and puts the labels it would have put
   * on a namespace it created (`team`, the Pod Security Admission labels, `gateway-access`, `cost-center` and `labels`)
   * on the existing one with a `kubernetes_labels` resource: a server-side apply under its own field manager
   * (`cdktf-team-namespace`) with `force`, so it takes those keys over from whoever set them before (an existing
   * `pod-security.kubernetes.io/enforce: privileged` becomes the configured level). Other labels of the namespace are
   * left alone; destroying the construct removes the labels only it applies and leaves the namespace.
   *
   * The namespace must exist when the stack is applied (the apply fails with `The resource "<name>" does not exist`
   * otherwise), and must not already hold objects named `team-quota`, `container-defaults` or `default-deny`.
   * `kubernetes.io/metadata.name`, which network policies select namespaces by, is set by Kubernetes on every
   * namespace, existing or not.
   * @default false
   */
  readonly existing?: boolean;
  /**
   * The team's services are routed from the shared gateway: labels the namespace `gateway-access: "true"`, the label
   * the gateway's policies select namespaces by.
   * @default false
   */
  readonly gatewayAccess?: boolean;
  /**
   * Pod Security Standard enforced by Pod Security Admission. Audit and warn are always `restricted`, so a namespace
   * relaxed to `baseline` still reports what would break under `restricted`.
   * @default "restricted"
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * The namespace's ResourceQuota.
   * @default - see {@link NamespaceQuota}
   */
  readonly quota?: NamespaceQuota;
  /**
   * The namespace's LimitRange for containers.
   * @default - see {@link ContainerLimitRange}
   */
  readonly containerLimits?: ContainerLimitRange;
  /**
   * Cost center the namespace's spending is charged to: the `cost-center` label of the namespace, which cost reports
   * can group namespaces by. A Kubernetes label value (1-63 letters, digits, `-`, `_` or `.`, starting and ending with
   * a letter or digit).
   * @default - no cost-center label
   */
  readonly costCenter?: string;
  /**
   * Extra labels on the namespace. The labels the construct sets itself (`team`, the Pod Security Admission labels,
   * `gateway-access`, and `cost-center` when `costCenter` is set) cannot be overridden.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The quota after defaults, as applied. */
export interface ResolvedNamespaceQuota {
  readonly requestsCpu: string;
  readonly requestsMemory: string;
  readonly limitsMemory: string;
  readonly limitsCpu?: string;
  readonly pods: number;
  readonly services: number;
  readonly loadBalancers: number;
  readonly persistentVolumeClaims: number;
}

/** The container limit range after defaults, as applied. */
export interface ResolvedContainerLimitRange {
  readonly defaultRequestCpu: string;
  readonly defaultRequestMemory: string;
  readonly defaultLimitMemory: string;
  readonly maxMemory: string;
  readonly maxCpu?: string;
}

/**
 * What a workload of the namespace takes at its largest, for the quota checks at synth. Registered by the workload
 * constructs ({@link Microservice}); not meant for direct use.
 */
export interface NamespaceWorkload {
  /** Property path of the workload in error messages, e.g. `microservice.orders`. */
  readonly path: string;
  /** Name of the workload's objects; unique in the namespace. */
  readonly name: string;
  /** Most pods the workload runs at once (its maximum scale plus rollout surge). */
  readonly maxPods: number;
  /** CPU request of one pod in cores; undefined when not known at synth. */
  readonly requestsCpu?: number;
  /** Memory request of one pod in bytes; undefined when not known at synth. */
  readonly requestsMemory?: number;
  /** Memory limit of one pod in bytes; undefined when not known at synth. */
  readonly limitsMemory?: number;
  /** Whether the workload's Service is a LoadBalancer. */
  readonly loadBalancer: boolean;
  /** Services the workload creates. */
  readonly services: number;
}

/** Labels Pod Security Admission reads (https://kubernetes.io/docs/concepts/security/pod-security-admission/). */
const POD_SECURITY_LABELS = ["pod-security.kubernetes.io/enforce", "pod-security.kubernetes.io/audit", "pod-security.kubernetes.io/warn"] as const;
/** Label naming the owning team, on the namespace and every workload object. */
export const TEAM_LABEL = "team";
/** Label of the namespace naming the cost center it is charged to ({@link TeamNamespaceProps.costCenter}). */
export const COST_CENTER_LABEL = "cost-center";
/**
 * Field manager of the server-side apply that labels an adopted namespace. Its own name, not the provider's default
 * `Terraform`: server-side apply removes the labels a manager stops applying, so two `kubernetes_labels` resources
 * sharing a manager on one namespace would keep removing each other's labels.
 */
const LABELS_FIELD_MANAGER = "cdktf-team-namespace";
/** A cost center: a non-empty Kubernetes label value. */
const COST_CENTER = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

const COUNT_MAX = 100_000;

/**
 * A team's namespace with guard rails: Pod Security Admission enforcing the `restricted` standard (audit and warn too),
 * a ResourceQuota with production-sized defaults (no LoadBalancer Services), a LimitRange that gives containers
 * default requests and a memory limit, and a default-deny NetworkPolicy for ingress and egress that only lets pods
 * resolve DNS. Workloads open exactly the traffic they need with their own policies ({@link Microservice}).
 *
 * At synth the namespace checks that the workloads registered in it fit its quota at their maximum scale.
 *
 * With `existing: true` the construct adopts a namespace created outside these stacks: it creates the same guard rails
 * inside it and labels it with `kubernetes_labels` instead of creating it (see {@link TeamNamespaceProps.existing}).
 *
 * @example
 * const payments = new TeamNamespace(this, "Payments", { team: "payments", gatewayAccess: true, costCenter: "cc-4711" });
 * new Microservice(this, "Orders", { namespace: payments, name: "orders", image: "myacr.azurecr.io/orders:1.4.2", ... });
 * // A namespace the cluster bootstrap created:
 * const legacy = new TeamNamespace(this, "Legacy", { team: "legacy", name: "legacy-apps", existing: true });
 */
export class TeamNamespace extends Construct {
  /**
   * The L1 that carries the namespace's name and labels, an escape hatch: the `kubernetes_namespace_v1` the construct
   * creates or, with `existing`, the `kubernetes_labels` that labels the existing namespace. Objects placed in the
   * namespace take its name from `resource.metadata.name`, so Terraform creates them after the namespace (or its
   * labels, Pod Security ones included) exists.
   */
  public readonly resource: NamespaceV1 | Labels;
  /** The ResourceQuota (L1). */
  public readonly resourceQuota: ResourceQuotaV1;
  /** The LimitRange (L1). */
  public readonly limitRange: LimitRangeV1;
  /** The default-deny NetworkPolicy (L1). */
  public readonly defaultDenyPolicy: NetworkPolicyV1;
  /** The namespace name. */
  public readonly name: string;
  /** The owning team. */
  public readonly team: string;
  /** Whether the namespace existed before and is adopted (not created) by this construct. */
  public readonly existing: boolean;
  /** The cost center (`cost-center` label), when one was given. */
  public readonly costCenter?: string;
  /** Every label the construct puts on the namespace (its own and the extra ones). */
  public readonly labels: Readonly<Record<string, string>>;
  /** Whether the shared gateway routes to this namespace. */
  public readonly gatewayAccess: boolean;
  /** The quota as applied. */
  public readonly quota: ResolvedNamespaceQuota;
  /** The container limit range as applied. */
  public readonly containerLimits: ResolvedContainerLimitRange;
  private readonly workloads: NamespaceWorkload[] = [];
  private readonly path: string;

  constructor(scope: Construct, id: string, props: TeamNamespaceProps) {
    super(scope, id);

    // --- validation, before anything is created ---
    validatePattern("teamNamespace.team", props.team, DNS_1123_LABEL, "use 1-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit");
    this.team = props.team;
    this.name = validateNamespaceName(props.name !== undefined ? "teamNamespace.name" : "teamNamespace.team", props.name ?? props.team);
    const path = `teamNamespace.${this.name}`;
    this.path = path;
    this.gatewayAccess = props.gatewayAccess ?? false;
    this.existing = props.existing ?? false;
    this.costCenter = validatePattern(`${path}.costCenter`, props.costCenter, COST_CENTER, "use a Kubernetes label value: 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
    const podSecurity = validateEnum(`${path}.podSecurity`, props.podSecurity ?? "restricted", ["restricted", "baseline"])!;

    const q = props.quota ?? {};
    this.quota = {
      requestsCpu: q.requestsCpu ?? "16",
      requestsMemory: q.requestsMemory ?? "32Gi",
      limitsMemory: q.limitsMemory ?? "64Gi",
      limitsCpu: q.limitsCpu,
      pods: validateRange(`${path}.quota.pods`, q.pods ?? 100, 1, COUNT_MAX)!,
      services: validateRange(`${path}.quota.services`, q.services ?? 20, 0, COUNT_MAX)!,
      loadBalancers: validateRange(`${path}.quota.loadBalancers`, q.loadBalancers ?? 0, 0, COUNT_MAX)!,
      persistentVolumeClaims: validateRange(`${path}.quota.persistentVolumeClaims`, q.persistentVolumeClaims ?? 10, 0, COUNT_MAX)!,
    };
    const requestsCpu = parseQuantity(`${path}.quota.requestsCpu`, this.quota.requestsCpu, "cpu");
    const requestsMemory = parseQuantity(`${path}.quota.requestsMemory`, this.quota.requestsMemory, "memory");
    const limitsMemory = parseQuantity(`${path}.quota.limitsMemory`, this.quota.limitsMemory, "memory");
    const limitsCpu = this.quota.limitsCpu !== undefined ? parseQuantity(`${path}.quota.limitsCpu`, this.quota.limitsCpu, "cpu") : undefined;
    validateQuantityOrder(`${path}.quota.requestsMemory`, this.quota.requestsMemory, requestsMemory, `${path}.quota.limitsMemory`, this.quota.limitsMemory, limitsMemory);
    if (this.quota.limitsCpu !== undefined) {
      validateQuantityOrder(`${path}.quota.requestsCpu`, this.quota.requestsCpu, requestsCpu, `${path}.quota.limitsCpu`, this.quota.limitsCpu, limitsCpu);
    }
    if (this.quota.loadBalancers > this.quota.services) {
      throw new ValidationError(`${path}.quota.loadBalancers`, `exceeds quota.services (${this.quota.services}); every LoadBalancer is a Service`, this.quota.loadBalancers, "set loadBalancers <= services");
    }

    const l = props.containerLimits ?? {};
    this.containerLimits = {
      defaultRequestCpu: l.defaultRequestCpu ?? "250m",
      defaultRequestMemory: l.defaultRequestMemory ?? "256Mi",
      defaultLimitMemory: l.defaultLimitMemory ?? "512Mi",
      maxMemory: l.maxMemory ?? "8Gi",
      maxCpu: l.maxCpu,
    };
    const lp = `${path}.containerLimits`;
    const defaultRequestCpu = parseQuantity(`${lp}.defaultRequestCpu`, this.containerLimits.defaultRequestCpu, "cpu");
    const defaultRequestMemory = parseQuantity(`${lp}.defaultRequestMemory`, this.containerLimits.defaultRequestMemory, "memory");
    const defaultLimitMemory = parseQuantity(`${lp}.defaultLimitMemory`, this.containerLimits.defaultLimitMemory, "memory");
    const maxMemory = parseQuantity(`${lp}.maxMemory`, this.containerLimits.maxMemory, "memory");
    validateQuantityOrder(`${lp}.defaultRequestMemory`, this.containerLimits.defaultRequestMemory, defaultRequestMemory, `${lp}.defaultLimitMemory`, this.containerLimits.defaultLimitMemory, defaultLimitMemory);
    validateQuantityOrder(`${lp}.defaultLimitMemory`, this.containerLimits.defaultLimitMemory, defaultLimitMemory, `${lp}.maxMemory`, this.containerLimits.maxMemory, maxMemory);
    if (this.containerLimits.maxCpu !== undefined) {
      const maxCpu = parseQuantity(`${lp}.maxCpu`, this.containerLimits.maxCpu, "cpu");
      validateQuantityOrder(`${lp}.defaultRequestCpu`, this.containerLimits.defaultRequestCpu, defaultRequestCpu, `${lp}.maxCpu`, this.containerLimits.maxCpu, maxCpu);
    }

    const ownLabels: Record<string, string> = {
      [TEAM_LABEL]: this.team,
      [POD_SECURITY_LABELS[0]]: podSecurity,
      [POD_SECURITY_LABELS[1]]: "restricted",
      [POD_SECURITY_LABELS[2]]: "restricted",
      ...(this.gatewayAccess ? { [GATEWAY_ACCESS_LABEL]: "true" } : {}),
      ...(this.costCenter !== undefined ? { [COST_CENTER_LABEL]: this.costCenter } : {}),
    };
    const extraLabels = props.labels ?? {};
    validateLabels(`${path}.labels`, extraLabels);
    for (const key of Object.keys(extraLabels)) {
      if (key in ownLabels || key === GATEWAY_ACCESS_LABEL || key === NAMESPACE_NAME_LABEL) {
        throw new ValidationError(`${path}.labels.${key}`, "is a label the construct manages", key, "use the matching prop (team, gatewayAccess, podSecurity, costCenter) instead");
      }
    }
    this.labels = { ...extraLabels, ...ownLabels };

    // --- resources ---
    this.resource = this.existing
      ? new Labels(this, "NamespaceLabels", {
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: this.name },
          labels: { ...this.labels },
          fieldManager: LABELS_FIELD_MANAGER,
          force: true,
        })
      : new NamespaceV1(this, "Resource", {
          metadata: { name: this.name, labels: { ...this.labels } },
        });
    const namespace = this.resource.metadata.name;
    const labels = { [TEAM_LABEL]: this.team };

    this.resourceQuota = new ResourceQuotaV1(this, "Quota", {
      metadata: { name: "team-quota", namespace, labels },
      spec: {
        hard: {
          "requests.cpu": this.quota.requestsCpu,
          "requests.memory": this.quota.requestsMemory,
          "limits.memory": this.quota.limitsMemory,
          ...(this.quota.limitsCpu !== undefined ? { "limits.cpu": this.quota.limitsCpu } : {}),
          pods: String(this.quota.pods),
          services: String(this.quota.services),
          "services.loadbalancers": String(this.quota.loadBalancers),
          persistentvolumeclaims: String(this.quota.persistentVolumeClaims),
        },
      },
    });

    this.limitRange = new LimitRangeV1(this, "LimitRange", {
      metadata: { name: "container-defaults", namespace, labels },
      spec: {
        limit: [
          {
            type: "Container",
            defaultRequest: { cpu: this.containerLimits.defaultRequestCpu, memory: this.containerLimits.defaultRequestMemory },
            default: { memory: this.containerLimits.defaultLimitMemory },
            max: { memory: this.containerLimits.maxMemory, ...(this.containerLimits.maxCpu !== undefined ? { cpu: this.containerLimits.maxCpu } : {}) },
          },
        ],
      },
    });

    this.defaultDenyPolicy = new NetworkPolicyV1(this, "DefaultDeny", {
      metadata: { name: "default-deny", namespace, labels },
      spec: {
        // An empty selector selects every pod of the namespace; listing both types with no ingress rules denies all
        // ingress, and the one egress rule allows only DNS.
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        egress: [dnsEgressRule()],
      },
    });

    this.node.addValidation({ validate: () => this.validateCapacity() });
  }

  /** The namespace's labels selector for NetworkPolicy peers: `kubernetes.io/metadata.name: <name>`. */
  public get selectorLabels(): Record<string, string> {
    return { [NAMESPACE_NAME_LABEL]: this.name };
  }

  /** The workloads registered so far. */
  public get registeredWorkloads(): readonly NamespaceWorkload[] {
    return this.workloads;
  }

  /**
   * Registers a workload for the quota checks. Workload constructs call this; a LoadBalancer Service beyond the quota
   * fails at once.
   */
  public registerWorkload(workload: NamespaceWorkload): void {
    if (this.workloads.some((w) => w.name === workload.name)) {
      throw new ValidationError(`${workload.path}.name`, `is already used by another workload of namespace "${this.name}"`, workload.name, "give every service of a namespace its own name");
    }
    if (workload.loadBalancer) {
      const used = this.workloads.filter((w) => w.loadBalancer).length + 1;
      if (used > this.quota.loadBalancers) {
        throw new ValidationError(
          `${workload.path}.serviceType`,
          `needs a LoadBalancer Service but namespace "${this.name}" allows ${this.quota.loadBalancers} (quota.loadBalancers) and this would be number ${used}`,
          "LoadBalancer",
          `raise ${this.path}.quota.loadBalancers, or route the service through the shared gateway with a ClusterIP Service`,
        );
      }
    }
    this.workloads.push(workload);
  }

  /** Checks that the registered workloads fit the quota at their maximum scale (pods, requests, limits, services). */
  private validateCapacity(): string[] {
    const errors: string[] = [];
    const sum = (pick: (w: NamespaceWorkload) => number | undefined): number | undefined => {
      let total = 0;
      for (const w of this.workloads) {
        const v = pick(w);
        if (v === undefined) return undefined;
        total += v;
      }
      return total;
    };
    const detail = (pick: (w: NamespaceWorkload) => string) => this.workloads.map(pick).join(", ");
    const pods = sum((w) => w.maxPods)!;
    if (pods > this.quota.pods) {
      errors.push(new ValidationError(`${this.path}.quota.pods`, `is below the ${pods} pods the namespace's workloads may run at their maximum scale plus rollout surge (${detail((w) => `${w.path}: ${w.maxPods}`)})`, this.quota.pods, "raise the quota or lower the workloads' maximum replicas").message);
    }
    const services = sum((w) => w.services)!;
    if (services > this.quota.services) {
      errors.push(new ValidationError(`${this.path}.quota.services`, `is below the ${services} Services the namespace's workloads create`, this.quota.services, "raise the quota").message);
    }
    const checks: { key: "requestsCpu" | "requestsMemory" | "limitsMemory"; kind: "cpu" | "memory"; pick: (w: NamespaceWorkload) => number | undefined }[] = [
      { key: "requestsCpu", kind: "cpu", pick: (w) => w.requestsCpu },
      { key: "requestsMemory", kind: "memory", pick: (w) => w.requestsMemory },
      { key: "limitsMemory", kind: "memory", pick: (w) => w.limitsMemory },
    ];
    for (const { key, kind, pick } of checks) {
      const quota = parseQuantity(`${this.path}.quota.${key}`, this.quota[key], kind);
      const needed = sum((w) => (pick(w) === undefined ? undefined : pick(w)! * w.maxPods));
      // Compare in whole millicores / bytes, so 13 × 0.25 cores does not exceed 3.25 through float rounding.
      const scale = kind === "cpu" ? 1000 : 1;
      if (quota !== undefined && needed !== undefined && Math.round(needed * scale) > Math.round(quota * scale)) {
        errors.push(
          new ValidationError(
            `${this.path}.quota.${key}`,
            `is below the ${formatQuantity(needed, kind)} the namespace's workloads take at their maximum scale (${detail((w) => `${w.path}: ${w.maxPods} pods × ${pick(w) === undefined ? "?" : formatQuantity(pick(w)!, kind)}`)})`,
            this.quota[key],
            "raise the quota or lower the workloads' maximum replicas or resources",
          ).message,
        );
      }
    }
    return errors;
  }
}
