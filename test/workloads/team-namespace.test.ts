import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { LimitRangeV1 } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { Testing } from "cdktf";
import { Microservice } from "../../lib/workloads/microservice";
import { TeamNamespace, TeamNamespaceProps } from "../../lib/workloads/team-namespace";
import { appsStack, expectValidationError, IMAGE, ISSUER, namespaceFixture, resourceList, resourcesOf, synthService } from "./fixtures";

function synth(props: Partial<TeamNamespaceProps> = {}): string {
  return Testing.synth(namespaceFixture(props).stack);
}

/** The one synthesized resource of `type`. */
function only(out: string, type: string): Record<string, any> {
  const list = resourceList(out, type);
  expect(list).toHaveLength(1);
  return list[0];
}

function create(props: Partial<TeamNamespaceProps> = {}): TeamNamespace {
  return namespaceFixture(props).namespace;
}

const NAMESPACE_REF = expect.stringMatching(/^\$\{kubernetes_namespace_v1\.Team_[0-9A-F]{8}\.metadata\[0\]\.name\}$/);
/** The name of an adopted namespace, taken from its `kubernetes_labels` resource. */
const LABELS_REF = expect.stringMatching(/^\$\{kubernetes_labels\.Team_NamespaceLabels_[0-9A-F]{8}\.metadata\[0\]\.name\}$/);

describe("TeamNamespace", () => {
  test("synthesizes the default namespace, quota, limit range and default-deny policy", () => {
    const out = synth();
    expect({
      namespace: resourcesOf(out, "kubernetes_namespace_v1"),
      quota: resourcesOf(out, "kubernetes_resource_quota_v1"),
      limitRange: resourcesOf(out, "kubernetes_limit_range_v1"),
      policy: resourcesOf(out, "kubernetes_network_policy_v1"),
    }).toMatchSnapshot();
  });

  describe("namespace", () => {
    test("is named after the team", () => {
      expect(synth()).toHaveResourceWithProperties(NamespaceV1, { metadata: expect.objectContaining({ name: "payments" }) });
    });

    test("takes a name override", () => {
      expect(synth({ name: "payments-prod" })).toHaveResourceWithProperties(NamespaceV1, { metadata: expect.objectContaining({ name: "payments-prod" }) });
    });

    test("is labelled with the team", () => {
      expect(only(synth(), "kubernetes_namespace_v1").metadata.labels.team).toBe("payments");
    });

    test("enforces the restricted Pod Security Standard by default", () => {
      expect(only(synth(), "kubernetes_namespace_v1").metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    });

    test("audits and warns against the restricted standard", () => {
      const labels = only(synth(), "kubernetes_namespace_v1").metadata.labels;
      expect([labels["pod-security.kubernetes.io/audit"], labels["pod-security.kubernetes.io/warn"]]).toEqual(["restricted", "restricted"]);
    });

    test("keeps auditing and warning against restricted when enforcement is relaxed to baseline", () => {
      const labels = only(synth({ podSecurity: "baseline" }), "kubernetes_namespace_v1").metadata.labels;
      expect(labels).toEqual(expect.objectContaining({ "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted" }));
    });

    test("has no gateway-access label by default", () => {
      expect(only(synth(), "kubernetes_namespace_v1").metadata.labels).not.toHaveProperty("gateway-access");
    });

    test('is labelled gateway-access: "true" when the gateway routes to it', () => {
      expect(only(synth({ gatewayAccess: true }), "kubernetes_namespace_v1").metadata.labels["gateway-access"]).toBe("true");
    });

    test("carries extra labels", () => {
      expect(only(synth({ labels: { "cost-center": "cc-1234" } }), "kubernetes_namespace_v1").metadata.labels["cost-center"]).toBe("cc-1234");
    });

    test("is labelled with the cost center", () => {
      expect(only(synth({ costCenter: "CC_4711.eu" }), "kubernetes_namespace_v1").metadata.labels["cost-center"]).toBe("CC_4711.eu");
    });

    test("has no cost-center label by default", () => {
      expect(only(synth(), "kubernetes_namespace_v1").metadata.labels).not.toHaveProperty("cost-center");
    });

    test("is created, with no kubernetes_labels, by default", () => {
      const out = synth();
      expect(resourceList(out, "kubernetes_labels")).toHaveLength(0);
      expect(create().existing).toBe(false);
    });
  });

  describe("adopting an existing namespace", () => {
    const adopted = (props: Partial<TeamNamespaceProps> = {}) => synth({ existing: true, ...props });

    test("creates no namespace", () => {
      expect(resourceList(adopted(), "kubernetes_namespace_v1")).toHaveLength(0);
    });

    test("labels the existing namespace with kubernetes_labels, under its own field manager and with force", () => {
      expect(adopted()).toHaveResourceWithProperties(Labels, {
        api_version: "v1",
        kind: "Namespace",
        metadata: { name: "payments" },
        field_manager: "cdktf-team-namespace",
        force: true,
      });
    });

    test("puts the team and Pod Security Admission labels on it", () => {
      expect(only(adopted({ podSecurity: "baseline" }), "kubernetes_labels").labels).toEqual({
        team: "payments",
        "pod-security.kubernetes.io/enforce": "baseline",
        "pod-security.kubernetes.io/audit": "restricted",
        "pod-security.kubernetes.io/warn": "restricted",
      });
    });

    test("puts the gateway-access, cost-center and extra labels on it", () => {
      expect(only(adopted({ gatewayAccess: true, costCenter: "cc-4711", labels: { tier: "gold" } }), "kubernetes_labels").labels).toEqual(
        expect.objectContaining({ "gateway-access": "true", "cost-center": "cc-4711", tier: "gold" }),
      );
    });

    test("labels the namespace given by name", () => {
      expect(adopted({ name: "legacy-apps" })).toHaveResourceWithProperties(Labels, { metadata: { name: "legacy-apps" } });
    });

    test("still creates the quota, limit range and default-deny policy in it", () => {
      const out = adopted();
      expect(out).toHaveResourceWithProperties(ResourceQuotaV1, { metadata: expect.objectContaining({ name: "team-quota", namespace: LABELS_REF }) });
      expect(out).toHaveResourceWithProperties(LimitRangeV1, { metadata: expect.objectContaining({ name: "container-defaults", namespace: LABELS_REF }) });
      expect(out).toHaveResourceWithProperties(NetworkPolicyV1, { metadata: expect.objectContaining({ name: "default-deny", namespace: LABELS_REF }) });
    });

    test("takes quota and limit-range overrides", () => {
      const out = adopted({ quota: { pods: 30 }, containerLimits: { maxMemory: "4Gi" } });
      expect(only(out, "kubernetes_resource_quota_v1").spec.hard.pods).toBe("30");
      expect(only(out, "kubernetes_limit_range_v1").spec.limit[0].max).toEqual({ memory: "4Gi" });
    });

    test("exposes the same name, team and selector labels", () => {
      const ns = create({ existing: true, name: "legacy-apps" });
      expect([ns.existing, ns.name, ns.team, ns.selectorLabels]).toEqual([true, "legacy-apps", "payments", { "kubernetes.io/metadata.name": "legacy-apps" }]);
    });

    test("places services in it, after its labels are applied", () => {
      expect(synthService({}, { existing: true })).toHaveResourceWithProperties(DeploymentV1, { metadata: expect.objectContaining({ namespace: LABELS_REF }) });
    });
  });

  describe("resource quota", () => {
    const hard = (props: Partial<TeamNamespaceProps> = {}) => only(synth(props), "kubernetes_resource_quota_v1").spec.hard;

    test("lives in the namespace", () => {
      expect(synth()).toHaveResourceWithProperties(ResourceQuotaV1, { metadata: expect.objectContaining({ name: "team-quota", namespace: NAMESPACE_REF }) });
    });

    test("allows 16 CPUs of requests by default", () => {
      expect(hard()["requests.cpu"]).toBe("16");
    });

    test("allows 32Gi of memory requests by default", () => {
      expect(hard()["requests.memory"]).toBe("32Gi");
    });

    test("allows 64Gi of memory limits by default", () => {
      expect(hard()["limits.memory"]).toBe("64Gi");
    });

    test("sets no CPU limit quota by default (services run without CPU limits)", () => {
      expect(hard()).not.toHaveProperty("limits.cpu");
    });

    test("allows 100 pods by default", () => {
      expect(hard().pods).toBe("100");
    });

    test("allows 20 Services by default", () => {
      expect(hard().services).toBe("20");
    });

    test("allows no LoadBalancer Services by default", () => {
      expect(hard()["services.loadbalancers"]).toBe("0");
    });

    test("allows 10 persistent volume claims by default", () => {
      expect(hard().persistentvolumeclaims).toBe("10");
    });

    test("takes overrides, including a CPU limit quota", () => {
      expect(hard({ quota: { requestsCpu: "8", requestsMemory: "16Gi", limitsMemory: "24Gi", limitsCpu: "12", pods: 50, services: 10, loadBalancers: 2, persistentVolumeClaims: 4 } })).toEqual({
        "requests.cpu": "8",
        "requests.memory": "16Gi",
        "limits.memory": "24Gi",
        "limits.cpu": "12",
        pods: "50",
        services: "10",
        "services.loadbalancers": "2",
        persistentvolumeclaims: "4",
      });
    });
  });

  describe("limit range", () => {
    const limit = (props: Partial<TeamNamespaceProps> = {}) => only(synth(props), "kubernetes_limit_range_v1").spec.limit[0];

    test("applies to containers in the namespace", () => {
      expect(synth()).toHaveResourceWithProperties(LimitRangeV1, { metadata: expect.objectContaining({ name: "container-defaults", namespace: NAMESPACE_REF }), spec: { limit: [expect.objectContaining({ type: "Container" })] } });
    });

    test("requests 250m CPU and 256Mi memory for containers that state none", () => {
      expect(limit().default_request).toEqual({ cpu: "250m", memory: "256Mi" });
    });

    test("limits memory to 512Mi for containers that state none, with no default CPU limit", () => {
      expect(limit().default).toEqual({ memory: "512Mi" });
    });

    test("caps one container's memory at 8Gi, with no CPU maximum", () => {
      expect(limit().max).toEqual({ memory: "8Gi" });
    });

    test("takes a CPU maximum", () => {
      expect(limit({ containerLimits: { maxCpu: "4" } }).max).toEqual({ memory: "8Gi", cpu: "4" });
    });

    test("takes overrides of every default", () => {
      const l = limit({ containerLimits: { defaultRequestCpu: "100m", defaultRequestMemory: "128Mi", defaultLimitMemory: "1Gi", maxMemory: "2Gi", maxCpu: "2" } });
      expect([l.default_request, l.default, l.max]).toEqual([{ cpu: "100m", memory: "128Mi" }, { memory: "1Gi" }, { memory: "2Gi", cpu: "2" }]);
    });
  });

  describe("default-deny network policy", () => {
    const policy = (props: Partial<TeamNamespaceProps> = {}) => only(synth(props), "kubernetes_network_policy_v1");

    test("selects every pod of the namespace for ingress and egress", () => {
      expect(synth()).toHaveResourceWithProperties(NetworkPolicyV1, {
        metadata: expect.objectContaining({ name: "default-deny", namespace: NAMESPACE_REF }),
        spec: expect.objectContaining({ pod_selector: {}, policy_types: ["Ingress", "Egress"] }),
      });
    });

    test("allows no ingress", () => {
      expect(policy().spec).not.toHaveProperty("ingress");
    });

    test("allows only DNS egress, to CoreDNS in kube-system", () => {
      expect(policy().spec.egress).toEqual([
        {
          to: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } }, pod_selector: { match_labels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: "53" },
            { protocol: "TCP", port: "53" },
          ],
        },
      ]);
    });
  });

  describe("capacity checks", () => {
    function withServices(quota: TeamNamespaceProps["quota"], count: number, maxReplicas = 10) {
      const f = appsStack();
      const namespace = new TeamNamespace(f.stack, "Team", { team: "payments", quota });
      for (let i = 0; i < count; i++) {
        new Microservice(f.stack, `Svc${i}`, { namespace, name: `svc${i}`, image: IMAGE, resourceGroup: f.resourceGroup, namer: f.namer, oidcIssuerUrl: ISSUER, autoscaling: { maxReplicas } });
      }
      return f.stack;
    }

    test("accepts workloads that fit the quota at their maximum scale", () => {
      // 4 services × (10 + 3 surge) pods × 250m = 13 CPUs of the default 16.
      expect(() => Testing.synth(withServices(undefined, 4), true)).not.toThrow();
    });

    test("fails when the workloads' pods at maximum scale exceed the pod quota", () => {
      expect(() => Testing.synth(withServices({ pods: 20 }, 2), true)).toThrow(
        'teamNamespace.payments.quota.pods: is below the 26 pods the namespace\'s workloads may run at their maximum scale plus rollout surge (microservice.svc0: 13, microservice.svc1: 13) (got 20); raise the quota or lower the workloads\' maximum replicas',
      );
    });

    test("fails when the workloads' CPU requests at maximum scale exceed the quota", () => {
      expect(() => Testing.synth(withServices({ requestsCpu: "4" }, 2), true)).toThrow(
        'teamNamespace.payments.quota.requestsCpu: is below the 6500m the namespace\'s workloads take at their maximum scale (microservice.svc0: 13 pods × 250m, microservice.svc1: 13 pods × 250m) (got "4"); raise the quota or lower the workloads\' maximum replicas or resources',
      );
    });

    test("fails when the workloads' memory limits at maximum scale exceed the quota", () => {
      expect(() => Testing.synth(withServices({ limitsMemory: "8Gi", requestsMemory: "8Gi" }, 2), true)).toThrow(
        /^Validation failed with the following errors:\n.*teamNamespace\.payments\.quota\.limitsMemory: is below the 13Gi the namespace's workloads take at their maximum scale/s,
      );
    });

    test("fails when the workloads create more Services than the quota allows", () => {
      expect(() => Testing.synth(withServices({ services: 1 }, 2, 3), true)).toThrow(/teamNamespace\.payments\.quota\.services: is below the 2 Services the namespace's workloads create \(got 1\); raise the quota/);
    });
  });

  describe("fails when", () => {
    test("the team is not an RFC 1123 label", () => {
      expectValidationError(
        () => create({ team: "Payments" }),
        'teamNamespace.team: has an invalid format (got "Payments"); use 1-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit',
      );
    });

    test("the name is longer than 63 characters", () => {
      const name = `a${"b".repeat(63)}`;
      expectValidationError(
        () => create({ name }),
        `teamNamespace.name: has an invalid format (got "${name}"); use 1-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (RFC 1123 label)`,
      );
    });

    test("the name ends with a hyphen", () => {
      expectValidationError(() => create({ name: "payments-" }), /^teamNamespace\.name: has an invalid format \(got "payments-"\)/);
    });

    test("the name is a system namespace", () => {
      expectValidationError(
        () => create({ name: "kube-system" }),
        'teamNamespace.name: is a namespace Kubernetes reserves for itself (got "kube-system"); choose a team namespace name that is not "default" and does not start with "kube-"',
      );
    });

    test("the team name (used as namespace name) is default", () => {
      expectValidationError(() => create({ team: "default" }), /^teamNamespace\.team: is a namespace Kubernetes reserves for itself \(got "default"\)/);
    });

    test("a CPU quota is not a quantity", () => {
      expectValidationError(
        () => create({ quota: { requestsCpu: "16 cores" } }),
        'teamNamespace.payments.quota.requestsCpu: has an invalid format (got "16 cores"); use a CPU quantity such as "250m" (millicores) or "0.5" or "2" (cores)',
      );
    });

    test('a memory quantity uses "m" (milli-bytes)', () => {
      expectValidationError(
        () => create({ quota: { requestsMemory: "512m" } }),
        'teamNamespace.payments.quota.requestsMemory: has an invalid format (got "512m"); use a memory quantity such as "256Mi", "1Gi" or "512M" (not "m", which means milli-bytes)',
      );
    });

    test("a limit-range quantity is invalid", () => {
      expectValidationError(() => create({ containerLimits: { defaultRequestCpu: "0.0001" } }), /^teamNamespace\.payments\.containerLimits\.defaultRequestCpu: has an invalid format \(got "0\.0001"\)/);
    });

    test("memory requests exceed memory limits in the quota", () => {
      expectValidationError(
        () => create({ quota: { requestsMemory: "64Gi", limitsMemory: "32Gi" } }),
        'teamNamespace.payments.quota.requestsMemory: exceeds teamNamespace.payments.quota.limitsMemory ("32Gi") (got "64Gi"); set requestsMemory <= limitsMemory',
      );
    });

    test("the default memory limit exceeds the container maximum", () => {
      expectValidationError(
        () => create({ containerLimits: { defaultLimitMemory: "16Gi" } }),
        'teamNamespace.payments.containerLimits.defaultLimitMemory: exceeds teamNamespace.payments.containerLimits.maxMemory ("8Gi") (got "16Gi"); set defaultLimitMemory <= maxMemory',
      );
    });

    test("the pod quota is zero", () => {
      expectValidationError(() => create({ quota: { pods: 0 } }), "teamNamespace.payments.quota.pods: is out of range (got 0); use 1 to 100000");
    });

    test("more load balancers than Services are allowed", () => {
      expectValidationError(
        () => create({ quota: { services: 1, loadBalancers: 2 } }),
        "teamNamespace.payments.quota.loadBalancers: exceeds quota.services (1); every LoadBalancer is a Service (got 2); set loadBalancers <= services",
      );
    });

    test("an extra label overrides a managed one", () => {
      expectValidationError(
        () => create({ labels: { "pod-security.kubernetes.io/enforce": "privileged" } }),
        'teamNamespace.payments.labels.pod-security.kubernetes.io/enforce: is a label the construct manages (got "pod-security.kubernetes.io/enforce"); use the matching prop (team, gatewayAccess, podSecurity, costCenter) instead',
      );
    });

    test("an extra label value is invalid", () => {
      expectValidationError(() => create({ labels: { "cost-center": "cc 1234" } }), /^teamNamespace\.payments\.labels\.cost-center: has an invalid format \(got "cc 1234"\)/);
    });

    test("the cost center is not a label value", () => {
      expectValidationError(
        () => create({ costCenter: "cc 1234" }),
        `teamNamespace.payments.costCenter: has an invalid format (got "cc 1234"); use a Kubernetes label value: 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
      );
    });

    test("the cost center is empty", () => {
      expectValidationError(() => create({ costCenter: "" }), /^teamNamespace\.payments\.costCenter: has an invalid format \(got ""\)/);
    });

    test("the cost center is longer than 63 characters", () => {
      expectValidationError(() => create({ costCenter: "c".repeat(64) }), /^teamNamespace\.payments\.costCenter: has an invalid format/);
    });

    test("the cost center is given both as costCenter and as an extra label", () => {
      expectValidationError(
        () => create({ costCenter: "cc-1", labels: { "cost-center": "cc-2" } }),
        'teamNamespace.payments.labels.cost-center: is a label the construct manages (got "cost-center"); use the matching prop (team, gatewayAccess, podSecurity, costCenter) instead',
      );
    });

    test("an adopted namespace is a system namespace", () => {
      expectValidationError(() => create({ existing: true, name: "kube-system" }), /^teamNamespace\.name: is a namespace Kubernetes reserves for itself \(got "kube-system"\)/);
    });
  });
});
