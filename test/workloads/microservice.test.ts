import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { HorizontalPodAutoscalerV2 } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { PodDisruptionBudgetV1 } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { ServiceV1 } from "@cdktf/provider-kubernetes/lib/service-v1";
import { TerraformOutput, TerraformVariable, Testing } from "cdktf";
import { IRouteBackend } from "../../lib/traffic/route";
import { validateManifests } from "../support/crd-validation";
import { BlueGreenStrategy, CanaryStrategy, DeploymentStrategy, ShadowStrategy } from "../../lib/workloads/deployment-strategy";
import { Microservice, MicroserviceProps } from "../../lib/workloads/microservice";
import { changedFields, synthDiff } from "../support/synth-diff";
import { TeamNamespace } from "../../lib/workloads/team-namespace";
import { expectValidationError, IMAGE, ISSUER, manifestOfKind, microservice, resourceList, resourcesOf, serviceFixture, synthService, vault } from "./fixtures";

const SB = "sb-shop-prod-weu.servicebus.windows.net";
const IDENTITY = (path: string, attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{azurerm_user_assigned_identity\\.${path}_Identity_[0-9A-F]{8}\\.${attribute}\\}$`));

/** The one synthesized resource of `type`, or the one whose metadata name is `name`. */
function only(out: string, type: string, name?: string): Record<string, any> {
  const list = resourceList(out, type).filter((r) => name === undefined || r.metadata?.name === name || r.name === name);
  expect(list).toHaveLength(1);
  return list[0];
}

const deployment = (props: Partial<MicroserviceProps> = {}) => only(synthService(props), "kubernetes_deployment_v1");
const podSpec = (props: Partial<MicroserviceProps> = {}) => deployment(props).spec.template.spec;
const container = (props: Partial<MicroserviceProps> = {}) => podSpec(props).container[0];
const create = (props: Partial<MicroserviceProps> = {}) => microservice(props).service;

describe("Microservice", () => {
  test("synthesizes the default service", () => {
    const out = synthService();
    expect({
      deployment: resourcesOf(out, "kubernetes_deployment_v1"),
      service: resourcesOf(out, "kubernetes_service_v1"),
      autoscaler: resourcesOf(out, "kubernetes_horizontal_pod_autoscaler_v2"),
      disruptionBudget: resourcesOf(out, "kubernetes_pod_disruption_budget_v1"),
      networkPolicy: resourcesOf(out, "kubernetes_network_policy_v1"),
      serviceAccount: resourcesOf(out, "kubernetes_service_account_v1"),
      identity: resourcesOf(out, "azurerm_user_assigned_identity"),
      federatedCredential: resourcesOf(out, "azurerm_federated_identity_credential"),
    }).toMatchSnapshot();
  });

  describe("deployment", () => {
    test("is named after the service, in the team namespace, with the team label", () => {
      expect(synthService()).toHaveResourceWithProperties(DeploymentV1, {
        metadata: {
          name: "orders",
          namespace: expect.stringMatching(/^\$\{kubernetes_namespace_v1\.Team_[0-9A-F]{8}\.metadata\[0\]\.name\}$/),
          labels: { "app.kubernetes.io/name": "orders", "app.kubernetes.io/managed-by": "cdktf", team: "payments" },
        },
      });
    });

    test("runs the image", () => {
      expect(container().image).toBe(IMAGE);
    });

    test("exposes container port 8080 named http by default", () => {
      expect(container().port).toEqual([{ name: "http", container_port: 8080, protocol: "TCP" }]);
    });

    test("takes another container port", () => {
      expect(container({ port: 3000 }).port[0].container_port).toBe(3000);
    });

    test("starts with the autoscaler's minimum of 3 replicas and leaves the count to the autoscaler", () => {
      const d = deployment();
      expect([d.spec.replicas, d.lifecycle]).toEqual(["3", { ignore_changes: ["spec[0].replicas"] }]);
    });

    test("rolls out with 25% surge and no unavailable pods", () => {
      expect(deployment().spec.strategy).toEqual({ type: "RollingUpdate", rolling_update: { max_surge: "25%", max_unavailable: "0" } });
    });

    test("is created after the federated credential its pods need", () => {
      expect(deployment().depends_on).toEqual([expect.stringMatching(/^azurerm_federated_identity_credential\.Orders_FederatedCredential_[0-9A-F]{8}$/)]);
    });

    test("requests 250m CPU and 256Mi memory by default", () => {
      expect(container().resources.requests).toEqual({ cpu: "250m", memory: "256Mi" });
    });

    test("limits memory to 512Mi and sets no CPU limit by default", () => {
      expect(container().resources.limits).toEqual({ memory: "512Mi" });
    });

    test("takes resources, including a CPU limit", () => {
      expect(container({ resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } } }).resources).toEqual({ requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" } });
    });

    test("probes liveness with GET /healthz every 10 s, failing after 3", () => {
      expect(container().liveness_probe).toEqual({ http_get: { path: "/healthz", port: "http" }, period_seconds: 10, failure_threshold: 3, timeout_seconds: 2 });
    });

    test("probes readiness with GET /readyz every 5 s, failing after 3", () => {
      expect(container().readiness_probe).toEqual({ http_get: { path: "/readyz", port: "http" }, period_seconds: 5, failure_threshold: 3, timeout_seconds: 2 });
    });

    test("gives a slow start 150 s through the startup probe (GET /healthz every 5 s, 30 failures)", () => {
      expect(container().startup_probe).toEqual({ http_get: { path: "/healthz", port: "http" }, period_seconds: 5, failure_threshold: 30, timeout_seconds: 2 });
    });

    test("takes probe overrides", () => {
      expect(container({ probes: { liveness: { path: "/live" }, startup: { failureThreshold: 60, periodSeconds: 10 } } })).toEqual(
        expect.objectContaining({
          liveness_probe: expect.objectContaining({ http_get: { path: "/live", port: "http" } }),
          startup_probe: expect.objectContaining({ failure_threshold: 60, period_seconds: 10 }),
        }),
      );
    });

    test("runs the pod as non-root user 10001 with the RuntimeDefault seccomp profile", () => {
      expect(podSpec().security_context).toEqual({ run_as_non_root: true, run_as_user: "10001", run_as_group: "10001", fs_group: "10001", seccomp_profile: { type: "RuntimeDefault" } });
    });

    test("runs the container read-only, unprivileged, without privilege escalation and with every capability dropped", () => {
      expect(container().security_context).toEqual({
        run_as_non_root: true,
        run_as_user: "10001",
        allow_privilege_escalation: false,
        privileged: false,
        read_only_root_filesystem: true,
        capabilities: { drop: ["ALL"] },
        seccomp_profile: { type: "RuntimeDefault" },
      });
    });

    test("takes another user", () => {
      expect(podSpec({ runAsUser: 20000 }).security_context.run_as_user).toBe("20000");
    });

    test("mounts a writable 256Mi emptyDir at /tmp", () => {
      const spec = podSpec();
      expect([spec.volume, spec.container[0].volume_mount]).toEqual([[{ name: "tmp", empty_dir: { size_limit: "256Mi" } }], [{ name: "tmp", mount_path: "/tmp" }]]);
    });

    test("spreads pods across zones, refusing to schedule unevenly in production", () => {
      expect(podSpec().topology_spread_constraint[0]).toEqual({
        max_skew: 1,
        topology_key: "topology.kubernetes.io/zone",
        when_unsatisfiable: "DoNotSchedule",
        label_selector: [{ match_labels: { "app.kubernetes.io/name": "orders" } }],
        match_label_keys: ["pod-template-hash"],
      });
    });

    test("spreads pods across nodes where it can", () => {
      expect(podSpec().topology_spread_constraint[1]).toEqual(expect.objectContaining({ max_skew: 1, topology_key: "kubernetes.io/hostname", when_unsatisfiable: "ScheduleAnyway" }));
    });

    test("spreads across zones where it can outside production", () => {
      expect(podSpec({ production: false }).topology_spread_constraint[0].when_unsatisfiable).toBe("ScheduleAnyway");
    });

    test("takes spread overrides", () => {
      expect(podSpec({ zoneSpread: "ScheduleAnyway", hostSpread: "DoNotSchedule" }).topology_spread_constraint.map((c: any) => c.when_unsatisfiable)).toEqual(["ScheduleAnyway", "DoNotSchedule"]);
    });

    test("runs as the service account, without mounting a Kubernetes API token or service links", () => {
      const spec = podSpec();
      expect([spec.service_account_name, spec.automount_service_account_token, spec.enable_service_links]).toEqual([
        expect.stringMatching(/^\$\{kubernetes_service_account_v1\.Orders_ServiceAccount_[0-9A-F]{8}\.metadata\[0\]\.name\}$/),
        false,
        false,
      ]);
    });

    test("uses the default priority class by default", () => {
      expect(podSpec()).not.toHaveProperty("priority_class_name");
    });

    test("takes a priority class for critical services", () => {
      expect(podSpec({ priorityClassName: "business-critical" }).priority_class_name).toBe("business-critical");
    });

    test("sets plain environment variables", () => {
      expect(container({ env: { LOG_LEVEL: "info", FEATURE_X: "on" } }).env).toEqual([
        { name: "LOG_LEVEL", value: "info" },
        { name: "FEATURE_X", value: "on" },
      ]);
    });

    test("sets no environment by default", () => {
      expect(container()).not.toHaveProperty("env");
    });
  });

  describe("horizontal pod autoscaler", () => {
    const hpa = (props: Partial<MicroserviceProps> = {}) => only(synthService(props), "kubernetes_horizontal_pod_autoscaler_v2").spec;

    test("scales the deployment", () => {
      expect(hpa().scale_target_ref).toEqual({ api_version: "apps/v1", kind: "Deployment", name: expect.stringMatching(/^\$\{kubernetes_deployment_v1\.Orders_[0-9A-F]{8}\.metadata\[0\]\.name\}$/) });
    });

    test("runs 3 to 10 replicas by default", () => {
      expect([hpa().min_replicas, hpa().max_replicas]).toEqual([3, 10]);
    });

    test("targets 70% CPU utilisation by default, and nothing else", () => {
      expect(hpa().metric).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", average_utilization: 70 } } }]);
    });

    test("stabilises scale-down over 300 s and removes at most half the pods a minute", () => {
      expect(hpa().behavior.scale_down).toEqual([{ stabilization_window_seconds: 300, select_policy: "Max", policy: [{ type: "Percent", value: 50, period_seconds: 60 }] }]);
    });

    test("scales up at once, doubling or adding 4 pods every 15 s", () => {
      expect(hpa().behavior.scale_up).toEqual([
        {
          stabilization_window_seconds: 0,
          select_policy: "Max",
          policy: [
            { type: "Percent", value: 100, period_seconds: 15 },
            { type: "Pods", value: 4, period_seconds: 15 },
          ],
        },
      ]);
    });

    test("takes a range, memory utilisation, custom metrics and a stabilisation window", () => {
      expect(
        synthService({
          autoscaling: { minReplicas: 4, maxReplicas: 40, cpuUtilization: 60, memoryUtilization: 80, customMetrics: [{ name: "http_requests_per_second", targetAverageValue: "100" }], scaleDownStabilizationSeconds: 600 },
        }),
      ).toHaveResourceWithProperties(HorizontalPodAutoscalerV2, {
        spec: expect.objectContaining({
          min_replicas: 4,
          max_replicas: 40,
          metric: [
            { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", average_utilization: 60 } } },
            { type: "Resource", resource: { name: "memory", target: { type: "Utilization", average_utilization: 80 } } },
            { type: "Pods", pods: { metric: { name: "http_requests_per_second" }, target: { type: "AverageValue", average_value: "100" } } },
          ],
          behavior: expect.objectContaining({ scale_down: [expect.objectContaining({ stabilization_window_seconds: 600 })] }),
        }),
      });
    });

    test("is not created with autoscaling off; the deployment runs 3 fixed replicas it owns", () => {
      const out = synthService({ autoscaling: false });
      const d = only(out, "kubernetes_deployment_v1");
      expect([resourceList(out, "kubernetes_horizontal_pod_autoscaler_v2"), d.spec.replicas, d.lifecycle]).toEqual([[], "3", undefined]);
    });

    test("runs a fixed replica count", () => {
      expect(deployment({ autoscaling: false, replicas: 5 }).spec.replicas).toBe("5");
    });
  });

  describe("pod disruption budget", () => {
    test("lets one pod be disrupted at a time by default", () => {
      expect(synthService()).toHaveResourceWithProperties(PodDisruptionBudgetV1, { spec: { max_unavailable: "1", selector: { match_labels: { "app.kubernetes.io/name": "orders" } } } });
    });

    test("takes minAvailable instead", () => {
      expect(only(synthService({ disruptionBudget: { minAvailable: "50%" } }), "kubernetes_pod_disruption_budget_v1").spec).toEqual({ min_available: "50%", selector: { match_labels: { "app.kubernetes.io/name": "orders" } } });
    });

    test("is not created when turned off", () => {
      expect(resourceList(synthService({ disruptionBudget: false }), "kubernetes_pod_disruption_budget_v1")).toEqual([]);
    });

    test("allows a single replica outside production", () => {
      expect(() => create({ production: false, autoscaling: false, replicas: 1 })).not.toThrow();
    });
  });

  describe("service", () => {
    const service = (props: Partial<MicroserviceProps> = {}, quota = 0) => only(Testing.synth(microservice(props, { quota: { loadBalancers: quota } }).stack), "kubernetes_service_v1");

    test("is a ClusterIP Service on port 80 to the http container port by default", () => {
      expect(synthService()).toHaveResourceWithProperties(ServiceV1, {
        spec: { type: "ClusterIP", selector: { "app.kubernetes.io/name": "orders" }, port: [{ name: "http", port: 80, target_port: "http", protocol: "TCP" }], session_affinity: "None" },
      });
    });

    test("takes another service port", () => {
      expect(service({ servicePort: 8443 }).spec.port[0].port).toBe(8443);
    });

    test("pins clients to pods by IP with ClientIP affinity for 3 hours by default", () => {
      expect(service({ sessionAffinity: "ClientIP" }).spec).toEqual(expect.objectContaining({ session_affinity: "ClientIP", session_affinity_config: { client_ip: { timeout_seconds: 10800 } } }));
    });

    test("is an internal Azure load balancer that keeps client IPs and accepts only the listed ranges", () => {
      const s = service({ serviceType: "LoadBalancer", loadBalancerSourceRanges: ["10.20.0.0/16"] }, 1);
      expect([s.metadata.annotations, s.spec.type, s.spec.external_traffic_policy, s.spec.load_balancer_source_ranges]).toEqual([
        { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" },
        "LoadBalancer",
        "Local",
        ["10.20.0.0/16"],
      ]);
    });

    test("is a public load balancer when asked", () => {
      expect(service({ serviceType: "LoadBalancer", internalLoadBalancer: false, loadBalancerSourceRanges: ["203.0.113.0/24"] }, 1).metadata).not.toHaveProperty("annotations");
    });

    test("does not wait for a load balancer address", () => {
      expect(service().wait_for_load_balancer).toBe(false);
    });
  });

  describe("route backend", () => {
    test("exposes the service name, the namespace name and the Service port", () => {
      const s = create({ servicePort: 8080 });
      expect({ serviceName: s.serviceName, namespace: s.namespace, port: s.port, namespaceName: s.namespaceName, servicePort: s.servicePort, containerPort: s.containerPort }).toEqual({
        serviceName: "orders",
        namespace: "payments",
        port: 8080,
        namespaceName: "payments",
        servicePort: 8080,
        containerPort: 8080,
      });
    });
  });

  describe("workload identity", () => {
    test("creates a user-assigned identity named by the namer after the service", () => {
      expect(synthService({ name: "order-history-service" })).toHaveResourceWithProperties(UserAssignedIdentity, {
        name: "uai-shop-orderhistoryserv-prod-weu",
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("takes an identity qualifier", () => {
      expect(synthService({ identityQualifier: "ordersv2" })).toHaveResourceWithProperties(UserAssignedIdentity, { name: "uai-shop-ordersv2-prod-weu" });
    });

    test("federates the identity with the service account's tokens from the cluster's issuer", () => {
      expect(synthService()).toHaveResourceWithProperties(FederatedIdentityCredential, {
        name: "payments-orders",
        parent_id: IDENTITY("Orders", "id"),
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        issuer: ISSUER,
        subject: "system:serviceaccount:payments:orders",
        audience: ["api://AzureADTokenExchange"],
      });
    });

    test("annotates the service account with the identity's client ID", () => {
      expect(synthService()).toHaveResourceWithProperties(ServiceAccountV1, {
        metadata: expect.objectContaining({ name: "orders", annotations: { "azure.workload.identity/client-id": IDENTITY("Orders", "client_id") } }),
        automount_service_account_token: false,
      });
    });

    test("labels the pods for the workload identity webhook", () => {
      expect(deployment().spec.template.metadata.labels["azure.workload.identity/use"]).toBe("true");
    });

    test("is a principal the data constructs grant roles to", () => {
      const f = microservice();
      vault(f).grantSecretsRead(f.service.identity);
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: "Key Vault Secrets User", principal_id: IDENTITY("Orders", "principal_id"), principal_type: "ServicePrincipal" });
    });

    test("exposes the identity's client and principal IDs", () => {
      const f = microservice();
      new TerraformOutput(f.stack, "clientId", { value: f.service.clientId });
      new TerraformOutput(f.stack, "principalId", { value: f.service.principalId });
      const output = JSON.parse(Testing.synth(f.stack)).output;
      expect([output.clientId.value, output.principalId.value]).toEqual([IDENTITY("Orders", "client_id"), IDENTITY("Orders", "principal_id")]);
    });
  });

  describe("network policy", () => {
    const policy = (out: string, name: string) => only(out, "kubernetes_network_policy_v1", name).spec;

    test("selects the service's pods for ingress and egress", () => {
      const spec = policy(synthService(), "orders");
      expect([spec.pod_selector, spec.policy_types]).toEqual([{ match_labels: { "app.kubernetes.io/name": "orders" } }, ["Ingress", "Egress"]]);
    });

    test("allows no ingress by default", () => {
      expect(policy(synthService(), "orders")).not.toHaveProperty("ingress");
    });

    test("allows ingress to the container port from the gateway namespace", () => {
      expect(policy(synthService({ allowFrom: [{ namespace: "envoy-gateway-system", podSelector: { "app.kubernetes.io/name": "envoy" } }] }), "orders").ingress).toEqual([
        {
          from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "envoy-gateway-system" } }, pod_selector: { match_labels: { "app.kubernetes.io/name": "envoy" } } }],
          ports: [{ protocol: "TCP", port: "8080" }],
        },
      ]);
    });

    test("allows ingress from the load balancer's source ranges", () => {
      const out = Testing.synth(microservice({ serviceType: "LoadBalancer", loadBalancerSourceRanges: ["10.20.0.0/16"] }, { quota: { loadBalancers: 1 } }).stack);
      expect(policy(out, "orders").ingress).toEqual([{ from: [{ ip_block: { cidr: "10.20.0.0/16" } }], ports: [{ protocol: "TCP", port: "8080" }] }]);
    });

    test("allows DNS egress by default", () => {
      expect(policy(synthService(), "orders").egress).toEqual([expect.objectContaining({ ports: [{ protocol: "UDP", port: "53" }, { protocol: "TCP", port: "53" }] })]);
    });

    test("allows egress to Azure services by CIDR, on 443 unless told", () => {
      expect(policy(synthService({ azureEgress: [{ cidr: "10.10.4.0/24" }, { cidr: "10.10.5.0/24", ports: [5432, 6380] }] }), "orders").egress.slice(1)).toEqual([
        { to: [{ ip_block: { cidr: "10.10.4.0/24" } }], ports: [{ protocol: "TCP", port: "443" }] },
        { to: [{ ip_block: { cidr: "10.10.5.0/24" } }], ports: [{ protocol: "TCP", port: "5432" }, { protocol: "TCP", port: "6380" }] },
      ]);
    });

    function pair() {
      const f = microservice();
      const other = new TeamNamespace(f.stack, "Stock", { team: "stock" });
      const inventory = new Microservice(f.stack, "Inventory", f.props({ name: "inventory", namespace: other, port: 9090 }));
      return { f, orders: f.service, inventory };
    }

    test("dependsOnService lets the caller's pods reach the callee's container port", () => {
      const { f, orders, inventory } = pair();
      orders.dependsOnService(inventory);
      expect(policy(Testing.synth(f.stack), "orders-to-stock-inventory")).toEqual({
        pod_selector: { match_labels: { "app.kubernetes.io/name": "orders" } },
        policy_types: ["Egress"],
        egress: [
          {
            to: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "stock" } }, pod_selector: { match_labels: { "app.kubernetes.io/name": "inventory" } } }],
            ports: [{ protocol: "TCP", port: "9090" }],
          },
        ],
      });
    });

    test("dependsOnService lets the callee accept the caller's pods", () => {
      const { f, orders, inventory } = pair();
      orders.dependsOnService(inventory);
      expect(policy(Testing.synth(f.stack), "inventory-from-payments-orders")).toEqual({
        pod_selector: { match_labels: { "app.kubernetes.io/name": "inventory" } },
        policy_types: ["Ingress"],
        ingress: [
          {
            from: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "payments" } }, pod_selector: { match_labels: { "app.kubernetes.io/name": "orders" } } }],
            ports: [{ protocol: "TCP", port: "9090" }],
          },
        ],
      });
    });

    test("allowTrafficFrom is the mirror image of dependsOnService", () => {
      const { orders, inventory } = pair();
      const connection = inventory.allowTrafficFrom(orders);
      expect(orders.dependsOnService(inventory)).toEqual(connection);
    });

    test("wires declared dependencies", () => {
      const f = serviceFixture();
      const inventory = new Microservice(f.stack, "Inventory", f.props({ name: "inventory" }));
      new Microservice(f.stack, "Orders", f.props({ dependencies: [inventory] }));
      const names = resourceList(Testing.synth(f.stack), "kubernetes_network_policy_v1").map((p) => p.metadata.name);
      expect(names).toEqual(expect.arrayContaining(["orders-to-payments-inventory", "inventory-from-payments-orders"]));
    });

    test("creates each policy once however often a pair is wired", () => {
      const { f, orders, inventory } = pair();
      orders.dependsOnService(inventory);
      orders.dependsOnService(inventory);
      inventory.allowTrafficFrom(orders);
      expect(resourceList(Testing.synth(f.stack), "kubernetes_network_policy_v1")).toHaveLength(6); // 2 default-deny, 2 per service, 2 for the pair
    });
  });

  describe("KEDA queue scaling", () => {
    const queue = { serviceBusNamespace: SB, queueName: "orders" };

    test("scales the deployment on the queue's active messages, 5 per replica, 2 to 10 replicas in production", () => {
      expect(manifestOfKind(synthService({ queueScaling: queue }), "ScaledObject")).toEqual({
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: { name: "orders", namespace: "payments", labels: { "app.kubernetes.io/name": "orders", "app.kubernetes.io/managed-by": "cdktf", team: "payments" } },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "orders" },
          minReplicaCount: 2,
          maxReplicaCount: 10,
          pollingInterval: 30,
          cooldownPeriod: 300,
          fallback: { failureThreshold: 3, replicas: 2 },
          advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] } } } },
          triggers: [
            {
              type: "azure-servicebus",
              metadata: { queueName: "orders", namespace: "sb-shop-prod-weu", messageCount: "5", activationMessageCount: "0" },
              authenticationRef: { name: "orders-workload-identity" },
            },
          ],
        },
      });
    });

    test("scales to zero outside production", () => {
      expect(manifestOfKind(synthService({ queueScaling: queue, production: false }), "ScaledObject").spec.minReplicaCount).toBe(0);
    });

    test("authenticates KEDA with the service's workload identity", () => {
      expect(manifestOfKind(synthService({ queueScaling: queue }), "TriggerAuthentication")).toEqual({
        apiVersion: "keda.sh/v1alpha1",
        kind: "TriggerAuthentication",
        metadata: expect.objectContaining({ name: "orders-workload-identity", namespace: "payments" }),
        spec: { podIdentity: { provider: "azure-workload", identityId: IDENTITY("Orders", "client_id") } },
      });
    });

    test("federates the identity with KEDA's operator, after the service's own credential", () => {
      const credentials = resourceList(synthService({ queueScaling: queue }), "azurerm_federated_identity_credential");
      expect(credentials.find((c) => c.name === "payments-orders-keda")).toEqual(
        expect.objectContaining({
          subject: "system:serviceaccount:kube-system:keda-operator",
          issuer: ISSUER,
          parent_id: IDENTITY("Orders", "id"),
          depends_on: [expect.stringMatching(/^azurerm_federated_identity_credential\.Orders_FederatedCredential_[0-9A-F]{8}$/)],
        }),
      );
    });

    test("federates another KEDA operator service account", () => {
      const out = synthService({ queueScaling: queue, kedaOperatorServiceAccount: { namespace: "keda", name: "keda-operator" } });
      expect(out).toHaveResourceWithProperties(FederatedIdentityCredential, { name: "payments-orders-keda", subject: "system:serviceaccount:keda:keda-operator" });
    });

    test("creates no HPA of its own and starts the deployment at the minimum, leaving the count to KEDA", () => {
      const out = synthService({ queueScaling: queue });
      const d = only(out, "kubernetes_deployment_v1");
      expect([resourceList(out, "kubernetes_horizontal_pod_autoscaler_v2"), d.spec.replicas, d.lifecycle]).toEqual([[], "2", { ignore_changes: ["spec[0].replicas"] }]);
    });

    test("takes the scaling settings", () => {
      const spec = manifestOfKind(
        synthService({ queueScaling: { ...queue, messagesPerReplica: 20, minReplicas: 3, maxReplicas: 50, activationMessages: 2, pollingIntervalSeconds: 10, cooldownSeconds: 120 } }),
        "ScaledObject",
      ).spec;
      expect([spec.minReplicaCount, spec.maxReplicaCount, spec.pollingInterval, spec.cooldownPeriod, spec.triggers[0].metadata.messageCount, spec.triggers[0].metadata.activationMessageCount]).toEqual([3, 50, 10, 120, "20", "2"]);
    });

    test("names the cloud for a sovereign-cloud namespace", () => {
      expect(manifestOfKind(synthService({ queueScaling: { ...queue, serviceBusNamespace: "sb-shop-prod.servicebus.usgovcloudapi.net" } }), "ScaledObject").spec.triggers[0].metadata.cloud).toBe("AzureUSGovernmentCloud");
    });

    test("writes ScaledObject and TriggerAuthentication objects that match the KEDA schemas", () => {
      const out = synthService({ queueScaling: { ...queue, minReplicas: 3 } });
      expect(validateManifests([manifestOfKind(out, "ScaledObject"), manifestOfKind(out, "TriggerAuthentication")])).toEqual([]);
    });

    test("creates no KEDA objects by default", () => {
      const out = synthService();
      expect([resourceList(out, "kubernetes_manifest"), resourceList(out, "azurerm_federated_identity_credential").length]).toEqual([[], 1]);
    });
  });

  describe("KEDA event hub scaling", () => {
    const EH = "ehn-shop-prod-weu-ab1cd.servicebus.windows.net";
    const eventHub = { eventHubsNamespace: EH, eventHubName: "shop.public.orders", consumerGroup: "search", checkpointStorageAccountName: "stshopprodweuab1cd", checkpointContainerName: "search-checkpoints" };

    test("scales the deployment on the consumer group's unprocessed events, 64 per replica, with blob-metadata checkpoints", () => {
      expect(manifestOfKind(synthService({ eventHubScaling: eventHub }), "ScaledObject")).toEqual({
        apiVersion: "keda.sh/v1alpha1",
        kind: "ScaledObject",
        metadata: { name: "orders", namespace: "payments", labels: { "app.kubernetes.io/name": "orders", "app.kubernetes.io/managed-by": "cdktf", team: "payments" } },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "orders" },
          minReplicaCount: 2,
          maxReplicaCount: 10,
          pollingInterval: 30,
          cooldownPeriod: 300,
          fallback: { failureThreshold: 3, replicas: 2 },
          advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: "Percent", value: 50, periodSeconds: 60 }] } } } },
          triggers: [
            {
              type: "azure-eventhub",
              metadata: {
                eventHubNamespace: "ehn-shop-prod-weu-ab1cd",
                eventHubName: "shop.public.orders",
                consumerGroup: "search",
                storageAccountName: "stshopprodweuab1cd",
                blobContainer: "search-checkpoints",
                checkpointStrategy: "blobMetadata",
                unprocessedEventThreshold: "64",
                activationUnprocessedEventThreshold: "0",
              },
              authenticationRef: { name: "orders-workload-identity" },
            },
          ],
        },
      });
    });

    test("authenticates KEDA with the service's workload identity (azure-workload)", () => {
      expect(manifestOfKind(synthService({ eventHubScaling: eventHub }), "TriggerAuthentication").spec).toEqual({ podIdentity: { provider: "azure-workload", identityId: IDENTITY("Orders", "client_id") } });
    });

    test("federates the identity with KEDA's operator", () => {
      const credentials = resourceList(synthService({ eventHubScaling: eventHub }), "azurerm_federated_identity_credential");
      expect(credentials.find((c) => c.name === "payments-orders-keda")).toEqual(expect.objectContaining({ subject: "system:serviceaccount:kube-system:keda-operator", issuer: ISSUER }));
    });

    test("defaults the maximum to the partition count, which KEDA never scales beyond", () => {
      expect(manifestOfKind(synthService({ eventHubScaling: { ...eventHub, partitionCount: 4 } }), "ScaledObject").spec.maxReplicaCount).toBe(4);
    });

    test("creates no HPA of its own and starts the deployment at the minimum", () => {
      const out = synthService({ eventHubScaling: eventHub });
      const d = only(out, "kubernetes_deployment_v1");
      expect([resourceList(out, "kubernetes_horizontal_pod_autoscaler_v2"), d.spec.replicas, d.lifecycle]).toEqual([[], "2", { ignore_changes: ["spec[0].replicas"] }]);
    });

    test("takes the scaling settings", () => {
      const spec = manifestOfKind(
        synthService({ eventHubScaling: { ...eventHub, partitionCount: 8, unprocessedEventsPerReplica: 500, activationUnprocessedEvents: 10, minReplicas: 1, maxReplicas: 6, pollingIntervalSeconds: 15, cooldownSeconds: 60 }, production: false }),
        "ScaledObject",
      ).spec;
      expect([spec.minReplicaCount, spec.maxReplicaCount, spec.pollingInterval, spec.cooldownPeriod, spec.triggers[0].metadata.unprocessedEventThreshold, spec.triggers[0].metadata.activationUnprocessedEventThreshold]).toEqual([1, 6, 15, 60, "500", "10"]);
    });

    test("scales to zero outside production", () => {
      expect(manifestOfKind(synthService({ eventHubScaling: eventHub, production: false }), "ScaledObject").spec.minReplicaCount).toBe(0);
    });

    test("names the cloud for a sovereign-cloud namespace", () => {
      expect(manifestOfKind(synthService({ eventHubScaling: { ...eventHub, eventHubsNamespace: "ehn-shop-prod.servicebus.chinacloudapi.cn" } }), "ScaledObject").spec.triggers[0].metadata.cloud).toBe("AzureChinaCloud");
    });

    test("writes ScaledObject and TriggerAuthentication objects that match the KEDA schemas", () => {
      const out = synthService({ eventHubScaling: { ...eventHub, partitionCount: 4 } });
      expect(validateManifests([manifestOfKind(out, "ScaledObject"), manifestOfKind(out, "TriggerAuthentication")])).toEqual([]);
    });

    describe("fails when", () => {
      test("both queueScaling and eventHubScaling are set", () => {
        expectValidationError(
          () => create({ eventHubScaling: eventHub, queueScaling: { serviceBusNamespace: SB, queueName: "orders" } }),
          'microservice.orders.eventHubScaling: is set together with queueScaling, but the service\'s KEDA ScaledObject scales on one source (got {"eventHubScaling":"shop.public.orders","queueScaling":"orders"}); keep one: queueScaling (Service Bus) or eventHubScaling (Event Hubs)',
        );
      });

      test("autoscaling is set too", () => {
        expectValidationError(() => create({ eventHubScaling: eventHub, autoscaling: { maxReplicas: 5 } }), /^microservice\.orders\.autoscaling: is set together with eventHubScaling, but KEDA owns the replica count/);
      });

      test("replicas is set", () => {
        expectValidationError(() => create({ eventHubScaling: eventHub, autoscaling: false, replicas: 3 }), /^microservice\.orders\.replicas: is set but an autoscaler owns the replica count \(got 3\); set eventHubScaling\.minReplicas\/maxReplicas instead/);
      });

      test("the maximum exceeds the partition count", () => {
        expectValidationError(
          () => create({ eventHubScaling: { ...eventHub, partitionCount: 4, maxReplicas: 8 } }),
          "microservice.orders.eventHubScaling.maxReplicas: exceeds the event hub's 4 partitions: KEDA never scales beyond the partition count, since a partition is read by one consumer of a group at a time (got 8); use at most 4, or give the event hub more partitions",
        );
      });

      test("the namespace is not a host name", () => {
        expectValidationError(
          () => create({ eventHubScaling: { ...eventHub, eventHubsNamespace: "ehn-shop-prod-weu" } }),
          'microservice.orders.eventHubScaling.eventHubsNamespace: is not an Event Hubs namespace host name (got "ehn-shop-prod-weu"); use "<namespace>.servicebus.windows.net" (EventHubsNamespace.fullyQualifiedNamespace)',
        );
      });

      test("the consumer group name is invalid", () => {
        expectValidationError(() => create({ eventHubScaling: { ...eventHub, consumerGroup: "search index" } }), /^microservice\.orders\.eventHubScaling\.consumerGroup: is not a valid eventhub_consumer_group name/);
      });

      test("the checkpoint container name is invalid", () => {
        expectValidationError(() => create({ eventHubScaling: { ...eventHub, checkpointContainerName: "Search_Checkpoints" } }), /^microservice\.orders\.eventHubScaling\.checkpointContainerName: has an invalid format \(got "Search_Checkpoints"\)/);
      });

      test("the strategy runs two versions in one consumer group", () => {
        expectValidationError(
          () => create({ image: undefined, eventHubScaling: eventHub, strategy: { type: "canary", stable: IMAGE, canary: "myacr.azurecr.io/orders:1.5.0", canaryWeight: 10 } }),
          /^microservice\.orders\.strategy\.type: splits or copies HTTP traffic between two versions at the gateway, but eventHubScaling makes the service an event hub consumer/,
        );
      });
    });
  });

  describe("Key Vault secrets", () => {
    function withSecrets(secrets: MicroserviceProps["secrets"]) {
      const f = serviceFixture();
      const kv = vault(f);
      new Microservice(f.stack, "Orders", f.props({ keyVault: kv, secrets }));
      return Testing.synth(f.stack);
    }
    const secrets = [{ name: "db-password", envVar: "DB_PASSWORD" }, { name: "tls-cert", fileName: "tls.crt" }];

    test("declares a SecretProviderClass for the Azure provider with the workload identity", () => {
      expect(manifestOfKind(withSecrets(secrets), "SecretProviderClass")).toEqual({
        apiVersion: "secrets-store.csi.x-k8s.io/v1",
        kind: "SecretProviderClass",
        metadata: expect.objectContaining({ name: "orders-keyvault", namespace: "payments" }),
        spec: {
          provider: "azure",
          parameters: {
            usePodIdentity: "false",
            clientID: IDENTITY("Orders", "client_id"),
            keyvaultName: "kv-shop-prod-weu-hyvag",
            tenantId: expect.stringMatching(/^\$\{azurerm_key_vault\.Vault_[0-9A-F]{8}\.tenant_id\}$/),
            objects: 'array:\n  - |\n    objectName: "db-password"\n    objectType: "secret"\n  - |\n    objectName: "tls-cert"\n    objectType: "secret"\n    objectAlias: "tls.crt"\n',
          },
          secretObjects: [{ secretName: "orders-keyvault", type: "Opaque", labels: expect.any(Object), data: [{ objectName: "db-password", key: "db-password" }] }],
        },
      });
    });

    test("mounts the secrets read-only through the CSI driver", () => {
      const spec = only(withSecrets(secrets), "kubernetes_deployment_v1").spec.template.spec;
      expect([spec.volume[1], spec.container[0].volume_mount[1]]).toEqual([
        { name: "secrets-store", csi: { driver: "secrets-store.csi.k8s.io", read_only: true, volume_attributes: { secretProviderClass: "orders-keyvault" } } },
        { name: "secrets-store", mount_path: "/mnt/secrets-store", read_only: true },
      ]);
    });

    test("exposes a secret as an environment variable from the synced Secret", () => {
      expect(only(withSecrets(secrets), "kubernetes_deployment_v1").spec.template.spec.container[0].env).toEqual([
        { name: "DB_PASSWORD", value_from: { secret_key_ref: { name: "orders-keyvault", key: "db-password" } } },
      ]);
    });

    test("syncs no Kubernetes Secret when every secret is file-only", () => {
      expect(manifestOfKind(withSecrets([{ name: "api-key" }]), "SecretProviderClass").spec).not.toHaveProperty("secretObjects");
    });

    test("creates the SecretProviderClass before the deployment", () => {
      expect(only(withSecrets(secrets), "kubernetes_deployment_v1").depends_on).toContainEqual(expect.stringMatching(/^kubernetes_manifest\.Orders_SecretProviderClass_[0-9A-F]{8}$/));
    });

    test("declares no SecretProviderClass nor CSI volume without secrets", () => {
      const out = synthService();
      expect([resourceList(out, "kubernetes_manifest"), only(out, "kubernetes_deployment_v1").spec.template.spec.volume.map((v: any) => v.name)]).toEqual([[], ["tmp"]]);
    });
  });

  describe("deployment strategies", () => {
    const NEXT = "myacr.azurecr.io/orders:1.5.0";
    const named = (out: string, type: string): Record<string, Record<string, any>> => Object.fromEntries(resourceList(out, type).map((r) => [r.metadata.name, r]));
    const blueGreen = (extra: Partial<BlueGreenStrategy> = {}): BlueGreenStrategy => ({ type: "blue-green", slots: { blue: IMAGE, green: NEXT }, activeSlot: "blue", ...extra });
    const canary = (extra: Partial<CanaryStrategy> = {}): CanaryStrategy => ({ type: "canary", stable: IMAGE, canary: NEXT, canaryWeight: 10, ...extra });
    const shadow = (extra: Partial<ShadowStrategy> = {}): ShadowStrategy => ({ type: "shadow", stable: IMAGE, shadow: NEXT, mirrorPercent: 20, ...extra });
    const versioned = (strategy: DeploymentStrategy, extra: Partial<MicroserviceProps> = {}) => synthService({ image: undefined, strategy, ...extra });

    describe("rolling", () => {
      test("takes surge, unavailability, min ready and progress deadline", () => {
        const d = deployment({ strategy: { type: "rolling", maxSurge: 1, maxUnavailable: "10%", minReadySeconds: 15, progressDeadlineSeconds: 300 } });
        expect([d.spec.strategy, d.spec.min_ready_seconds, d.spec.progress_deadline_seconds]).toEqual([{ type: "RollingUpdate", rolling_update: { max_surge: "1", max_unavailable: "10%" } }, 15, 300]);
      });

      test("counts its surge in the namespace's pod quota", () => {
        // 10 replicas + 5 surge = 15 pods, over a quota of 14 (the default 25% surge needs 13).
        expect(() => Testing.synth(microservice({}, { quota: { pods: 14 } }).stack, true)).not.toThrow();
        expect(() => Testing.synth(microservice({ strategy: { type: "rolling", maxSurge: 5 } }, { quota: { pods: 14 } }).stack, true)).toThrow(/quota\.pods: is below the 15 pods/);
      });
    });

    describe("recreate", () => {
      test("stops the old pods before starting new ones, on the same Deployment as rolling", () => {
        const out = synthService({ strategy: { type: "recreate" } });
        // The "Resource" Deployment (logical id Orders_<hash>), as with rolling: switching between the two updates it in place.
        expect(Object.keys(resourcesOf(out, "kubernetes_deployment_v1"))).toEqual(Object.keys(resourcesOf(synthService(), "kubernetes_deployment_v1")));
        expect(only(out, "kubernetes_deployment_v1").spec.strategy).toEqual({ type: "Recreate" });
      });

      test("changes only the update strategy when switched from rolling", () => {
        expect(changedFields(synthDiff(synthService(), synthService({ strategy: { type: "recreate" } })))).toEqual([
          "~ kubernetes_deployment_v1.Orders spec.strategy.rolling_update",
          "~ kubernetes_deployment_v1.Orders spec.strategy.type",
        ]);
      });
    });

    describe("big bang", () => {
      const bigBang = (release: string) => synthService({ image: "myacr.azurecr.io/orders", strategy: { type: "big-bang", release } });

      test("runs the repository at the release, Recreate, labelled with the release", () => {
        const d = only(bigBang("2026.03.1"), "kubernetes_deployment_v1");
        expect({
          image: d.spec.template.spec.container[0].image,
          strategy: d.spec.strategy,
          labels: d.metadata.labels["app.kubernetes.io/version"],
          podLabels: d.spec.template.metadata.labels["app.kubernetes.io/version"],
          selector: d.spec.selector.match_labels,
        }).toEqual({ image: "myacr.azurecr.io/orders:2026.03.1", strategy: { type: "Recreate" }, labels: "2026.03.1", podLabels: "2026.03.1", selector: { "app.kubernetes.io/name": "orders" } });
      });

      test("a new release changes the image and the release labels, nothing else", () => {
        expect(changedFields(synthDiff(bigBang("2026.03.1"), bigBang("2026.04.0")))).toEqual([
          "~ kubernetes_deployment_v1.Orders metadata.labels.app.kubernetes.io/version",
          "~ kubernetes_deployment_v1.Orders spec.template.metadata.labels.app.kubernetes.io/version",
          "~ kubernetes_deployment_v1.Orders spec.template.spec.container[0].image",
          "~ kubernetes_horizontal_pod_autoscaler_v2.Orders_Autoscaler metadata.labels.app.kubernetes.io/version",
          "~ kubernetes_pod_disruption_budget_v1.Orders_DisruptionBudget metadata.labels.app.kubernetes.io/version",
        ]);
      });
    });

    describe("blue-green", () => {
      const out = versioned(blueGreen());
      const deployments = named(out, "kubernetes_deployment_v1");
      const services = named(out, "kubernetes_service_v1");

      test("runs a Deployment per slot, each with its image and slot label", () => {
        expect(Object.fromEntries(Object.entries(deployments).map(([n, d]) => [n, [d.spec.template.spec.container[0].image, d.spec.selector.match_labels, d.spec.template.metadata.labels.slot]]))).toEqual({
          "orders-blue": [IMAGE, { "app.kubernetes.io/name": "orders", slot: "blue" }, "blue"],
          "orders-green": [NEXT, { "app.kubernetes.io/name": "orders", slot: "green" }, "green"],
        });
      });

      test("points the live Service at the active slot and the preview Service at the idle one", () => {
        expect([services.orders.spec.selector, services["orders-preview"].spec.selector]).toEqual([
          { "app.kubernetes.io/name": "orders", slot: "blue" },
          { "app.kubernetes.io/name": "orders", slot: "green" },
        ]);
      });

      test("switches the Services only once both slots have rolled out", () => {
        expect(services.orders.depends_on).toEqual([expect.stringMatching(/^kubernetes_deployment_v1\.Orders_Deployment-blue_/), expect.stringMatching(/^kubernetes_deployment_v1\.Orders_Deployment-green_/)]);
      });

      test("scales and protects each slot on its own", () => {
        expect([Object.keys(named(out, "kubernetes_horizontal_pod_autoscaler_v2")), Object.keys(named(out, "kubernetes_pod_disruption_budget_v1"))]).toEqual([
          ["orders-blue", "orders-green"],
          ["orders-blue", "orders-green"],
        ]);
        expect(named(out, "kubernetes_pod_disruption_budget_v1")["orders-green"].spec.selector.match_labels).toEqual({ "app.kubernetes.io/name": "orders", slot: "green" });
      });

      test("hands the route the live Service and the preview behind x-preview: true", () => {
        const s = create({ image: undefined, strategy: blueGreen() });
        expect(s.routeBackends).toEqual({ live: [{ serviceName: "orders", port: 80, weight: 100 }], matched: { backend: { serviceName: "orders-preview", port: 80 }, match: { header: "x-preview", value: "true" } } });
        expect([s.deployment, s.previewService]).toEqual([s.tracks.get("blue")!.deployment, expect.any(ServiceV1)]);
      });

      test("flipping activeSlot changes the two Services' selectors and nothing else", () => {
        expect(synthDiff(out, versioned(blueGreen({ activeSlot: "green" })))).toEqual([
          expect.stringMatching(/^~ kubernetes_service_v1\.Orders_Service-preview_[0-9A-F]{8} spec\.selector\.slot: "green" -> "blue"$/),
          expect.stringMatching(/^~ kubernetes_service_v1\.Orders_Service_[0-9A-F]{8} spec\.selector\.slot: "blue" -> "green"$/),
        ]);
      });

      test("pins the idle slot to one pod without a disruption budget when scaleDownIdle", () => {
        const scaled = versioned(blueGreen({ scaleDownIdle: true }));
        const hpas = named(scaled, "kubernetes_horizontal_pod_autoscaler_v2");
        expect([hpas["orders-blue"].spec.min_replicas, hpas["orders-green"].spec.min_replicas, hpas["orders-green"].spec.max_replicas]).toEqual([3, 1, 1]);
        expect(Object.keys(named(scaled, "kubernetes_pod_disruption_budget_v1"))).toEqual(["orders-blue"]);
      });

      test("counts both slots and both Services in the namespace's quota", () => {
        // Two slots of 10 replicas + 3 surge: 26 pods.
        expect(() => Testing.synth(microservice({ image: undefined, strategy: blueGreen() }, { quota: { pods: 26, services: 2 } }).stack, true)).not.toThrow();
        expect(() => Testing.synth(microservice({ image: undefined, strategy: blueGreen() }, { quota: { pods: 25 } }).stack, true)).toThrow(/quota\.pods: is below the 26 pods/);
        expect(() => Testing.synth(microservice({ image: undefined, strategy: blueGreen() }, { quota: { services: 1 } }).stack, true)).toThrow(/quota\.services: is below the 2 Services/);
      });
    });

    describe("canary", () => {
      const out = versioned(canary({ canaryWeight: 25 }));
      const deployments = named(out, "kubernetes_deployment_v1");

      test("runs a stable and a canary Deployment, labelled by track", () => {
        expect(Object.fromEntries(Object.entries(deployments).map(([n, d]) => [n, [d.spec.template.spec.container[0].image, d.spec.selector.match_labels]]))).toEqual({
          "orders-canary": [NEXT, { "app.kubernetes.io/name": "orders", track: "canary" }],
          "orders-stable": [IMAGE, { "app.kubernetes.io/name": "orders", track: "stable" }],
        });
      });

      test("keeps in-cluster callers on stable and gives the canary a Service of its own", () => {
        const services = named(out, "kubernetes_service_v1");
        expect([services.orders.spec.selector, services["orders-canary"].spec.selector]).toEqual([
          { "app.kubernetes.io/name": "orders", track: "stable" },
          { "app.kubernetes.io/name": "orders", track: "canary" },
        ]);
      });

      test("hands the route both Services with the weights", () => {
        expect(create({ image: undefined, strategy: canary({ canaryWeight: 25, testers: { header: "x-canary" } }) }).routeBackends).toEqual({
          live: [
            { serviceName: "orders", port: 80, weight: 75 },
            { serviceName: "orders-canary", port: 80, weight: 25 },
          ],
          matched: { backend: { serviceName: "orders-canary", port: 80 }, match: { header: "x-canary", value: "true" } },
        });
      });

      test.each([
        [10, 2],
        [50, 2],
        [100, 3],
      ])("scales the canary at weight %i from %i pods up to the service's maximum", (weight, min) => {
        const hpa = named(versioned(canary({ canaryWeight: weight })), "kubernetes_horizontal_pod_autoscaler_v2")["orders-canary"];
        expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual([min, 10]);
      });

      test("keeps the stable track at the service's full scale", () => {
        const hpa = named(out, "kubernetes_horizontal_pod_autoscaler_v2")["orders-stable"];
        expect([hpa.spec.min_replicas, hpa.spec.max_replicas]).toEqual([3, 10]);
      });

      test("floors the canary at one pod outside production", () => {
        const hpa = named(versioned(canary(), { production: false, autoscaling: { minReplicas: 1, maxReplicas: 3 } }), "kubernetes_horizontal_pod_autoscaler_v2")["orders-canary"];
        expect(hpa.spec.min_replicas).toBe(1);
      });

      test("gives a fixed-size canary its share of the replicas", () => {
        const d = named(versioned(canary({ canaryWeight: 50 }), { autoscaling: false, replicas: 6 }), "kubernetes_deployment_v1");
        expect([d["orders-stable"].spec.replicas, d["orders-canary"].spec.replicas, d["orders-canary"].lifecycle]).toEqual(["6", "3", undefined]);
      });

      test("rolling back from 25 to weight 0 changes the route backends only", () => {
        const before = microservice({ image: undefined, strategy: canary({ canaryWeight: 25 }) });
        const after = microservice({ image: undefined, strategy: canary({ canaryWeight: 0 }) });
        // At 25 and at 0 the canary runs its floor of 2 pods: the Kubernetes objects stay as they are.
        expect(synthDiff(Testing.synth(before.stack), Testing.synth(after.stack))).toEqual([]);
        expect(after.service.routeBackends.live.map((b) => [b.serviceName, b.weight])).toEqual([
          ["orders", 100],
          ["orders-canary", 0],
        ]);
      });
    });

    describe("shadow", () => {
      const out = versioned(shadow());

      test("runs the shadow beside stable with its own Service, and users on stable", () => {
        const services = named(out, "kubernetes_service_v1");
        expect([Object.keys(named(out, "kubernetes_deployment_v1")), services.orders.spec.selector, services["orders-shadow"].spec.selector]).toEqual([
          ["orders-shadow", "orders-stable"],
          { "app.kubernetes.io/name": "orders", track: "stable" },
          { "app.kubernetes.io/name": "orders", track: "shadow" },
        ]);
      });

      test("scales the shadow from one pod to its mirrored share, without a disruption budget", () => {
        const hpa = named(out, "kubernetes_horizontal_pod_autoscaler_v2")["orders-shadow"];
        expect([hpa.spec.min_replicas, hpa.spec.max_replicas, Object.keys(named(out, "kubernetes_pod_disruption_budget_v1"))]).toEqual([1, 2, ["orders-stable"]]);
      });

      test("hands the route the live Service and the mirror of safe methods", () => {
        expect(create({ image: undefined, strategy: shadow() }).routeBackends).toEqual({
          live: [{ serviceName: "orders", port: 80, weight: 100 }],
          mirror: { backend: { serviceName: "orders-shadow", port: 80 }, percent: 20, methods: ["GET", "HEAD", "OPTIONS"] },
        });
      });
    });

    describe("fails when", () => {
      test("the image is given with a strategy that carries the versions (two strategies on one service)", () => {
        expectValidationError(() => create({ strategy: canary() }), /^microservice\.orders\.image: is set together with the canary strategy, which carries the service's versions \(stable, canary\): a service runs one strategy/);
      });

      test("a traffic-splitting strategy meets queue scaling", () => {
        expectValidationError(
          () => create({ image: undefined, strategy: canary(), autoscaling: false, queueScaling: { serviceBusNamespace: SB, queueName: "orders" } }),
          /^microservice\.orders\.strategy\.type: splits or copies HTTP traffic between two versions at the gateway, but queueScaling makes the service a queue consumer/,
        );
      });

      test("the name leaves no room for the track suffix", () => {
        const name = `o${"x".repeat(58)}`;
        expectValidationError(() => create({ name, image: undefined, strategy: canary(), identityQualifier: "orders" }), new RegExp(`^microservice\\.${name}\\.name: has an invalid format \\(got "${name}-stable"\\); shorten the name`));
      });

      test("the canary weight is outside 0–100", () => {
        expectValidationError(() => create({ image: undefined, strategy: canary({ canaryWeight: 150 }) }), "microservice.orders.strategy.canaryWeight: is out of range (got 150); use 0 to 100");
      });
    });
  });

  describe("fails when", () => {
    test("the name is not an RFC 1035 label", () => {
      expectValidationError(
        () => create({ name: "1orders" }),
        'microservice.name: has an invalid format (got "1orders"); use 1-63 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit (RFC 1035 label)',
      );
    });

    test("the name has upper-case letters", () => {
      expectValidationError(() => create({ name: "Orders" }), /^microservice\.name: has an invalid format \(got "Orders"\)/);
    });

    test("the name is longer than 63 characters", () => {
      expectValidationError(() => create({ name: `o${"r".repeat(63)}` }), /^microservice\.name: has an invalid format/);
    });

    test("two services of a namespace share a name", () => {
      const f = microservice();
      expectValidationError(
        () => new Microservice(f.stack, "Orders2", f.props({ identityQualifier: "orderstwo" })),
        'microservice.orders.name: is already used by another workload of namespace "payments" (got "orders"); give every service of a namespace its own name',
      );
    });

    test("two services derive the same identity name", () => {
      const f = microservice({ name: "order-service" });
      expectValidationError(
        () => new Microservice(f.stack, "Other", f.props({ name: "orderservice" })),
        'microservice.orderservice.identityQualifier: derives the workload identity name "uai-shop-orderservice-prod-weu" that microservice.order-service (namespace payments) already uses (got "uai-shop-orderservice-prod-weu"); give one of the services its own identityQualifier',
      );
    });

    test("the image has neither a tag nor a digest", () => {
      expectValidationError(
        () => create({ image: "myacr.azurecr.io/orders" }),
        'microservice.orders.image: has neither a tag nor a digest, so every pull may run a different build (got "myacr.azurecr.io/orders"); pin it, e.g. "myacr.azurecr.io/orders:1.0.0" or "myacr.azurecr.io/orders@sha256:<digest>"',
      );
    });

    test("the image uses :latest in production", () => {
      expectValidationError(
        () => create({ image: "myacr.azurecr.io/orders:latest" }),
        'microservice.orders.image: uses the moving "latest" tag in production, so a node restart can silently change the running version (got "myacr.azurecr.io/orders:latest"); use a version tag or a sha256 digest',
      );
    });

    test("the image is not a valid reference", () => {
      expectValidationError(() => create({ image: "myacr.azurecr.io/Orders:1.0" }), /^microservice\.orders\.image: is not a valid container image reference \(got "myacr\.azurecr\.io\/Orders:1\.0"\)/);
    });

    test("the image digest is not 64 hex digits", () => {
      expectValidationError(() => create({ image: "myacr.azurecr.io/orders@sha256:abc" }), /^microservice\.orders\.image: is not a valid container image reference/);
    });

    test("the container port is out of range", () => {
      expectValidationError(() => create({ port: 70000 }), "microservice.orders.port: is out of range (got 70000); use 1 to 65535");
    });

    test("the container port is zero", () => {
      expectValidationError(() => create({ port: 0 }), "microservice.orders.port: is out of range (got 0); use 1 to 65535");
    });

    test("the service port is out of range", () => {
      expectValidationError(() => create({ servicePort: 65536 }), "microservice.orders.servicePort: is out of range (got 65536); use 1 to 65535");
    });

    test("the autoscaler's minimum exceeds its maximum", () => {
      expectValidationError(
        () => create({ autoscaling: { minReplicas: 12, maxReplicas: 10 } }),
        "microservice.orders.autoscaling.minReplicas: must not exceed maxReplicas (10) (got 12); set minReplicas <= maxReplicas",
      );
    });

    test("the queue scaler's minimum exceeds its maximum", () => {
      expectValidationError(() => create({ queueScaling: { serviceBusNamespace: SB, queueName: "orders", minReplicas: 5, maxReplicas: 3 } }), /^microservice\.orders\.queueScaling\.minReplicas: must not exceed maxReplicas \(3\) \(got 5\)/);
    });

    test("a production service with a disruption budget may run one replica (autoscaler minimum)", () => {
      expectValidationError(
        () => create({ autoscaling: { minReplicas: 1 } }),
        "microservice.orders.autoscaling.minReplicas: must be at least 2 in production when a PodDisruptionBudget protects the service: with one replica the budget either blocks node drains or protects nothing (got 1); use 2 or more, or set disruptionBudget: false (or production: false) to accept the downtime",
      );
    });

    test("a production service with a disruption budget runs one fixed replica", () => {
      expectValidationError(() => create({ autoscaling: false, replicas: 1 }), /^microservice\.orders\.replicas: must be at least 2 in production when a PodDisruptionBudget protects the service.* \(got 1\)/);
    });

    test("a production service with a disruption budget scales to zero on its queue", () => {
      expectValidationError(() => create({ queueScaling: { serviceBusNamespace: SB, queueName: "orders", minReplicas: 0 } }), /^microservice\.orders\.queueScaling\.minReplicas: must be at least 2 in production .* \(got 0\)/);
    });

    test("minAvailable keeps every replica up", () => {
      expectValidationError(
        () => create({ disruptionBudget: { minAvailable: 3 } }),
        "microservice.orders.disruptionBudget.minAvailable: keeps all 3 replicas up at the service's minimum scale, so no node could be drained then (got 3); use at most 2, or maxUnavailable",
      );
    });

    test("the disruption budget sets both minAvailable and maxUnavailable", () => {
      expectValidationError(() => create({ disruptionBudget: { minAvailable: 1, maxUnavailable: 1 } }), /^microservice\.orders\.disruptionBudget: must set exactly one of minAvailable and maxUnavailable/);
    });

    test("both autoscaling and queueScaling are given", () => {
      expectValidationError(
        () => create({ autoscaling: { maxReplicas: 20 }, queueScaling: { serviceBusNamespace: SB, queueName: "orders" } }),
        'microservice.orders.autoscaling: is set together with queueScaling, but KEDA owns the replica count when it scales on the queue (got {"maxReplicas":20}); keep one: queueScaling (KEDA) or autoscaling (HPA)',
      );
    });

    test("replicas is set while an autoscaler owns the count", () => {
      expectValidationError(
        () => create({ replicas: 4 }),
        "microservice.orders.replicas: is set but an autoscaler owns the replica count (got 4); set autoscaling.minReplicas/maxReplicas, or autoscaling: false for a fixed count",
      );
    });

    test("the Service Bus namespace is not a host name", () => {
      expectValidationError(
        () => create({ queueScaling: { serviceBusNamespace: "sb-shop-prod-weu", queueName: "orders" } }),
        'microservice.orders.queueScaling.serviceBusNamespace: is not a Service Bus namespace host name (got "sb-shop-prod-weu"); use "<namespace>.servicebus.windows.net" (ServiceBusNamespace.fullyQualifiedNamespace)',
      );
    });

    test("a CPU request is not a quantity", () => {
      expectValidationError(
        () => create({ resources: { requests: { cpu: "250x" } } }),
        'microservice.orders.resources.requests.cpu: has an invalid format (got "250x"); use a CPU quantity such as "250m" (millicores) or "0.5" or "2" (cores)',
      );
    });

    test("a memory limit is in milli-bytes", () => {
      expectValidationError(() => create({ resources: { limits: { memory: "512m" } } }), /^microservice\.orders\.resources\.limits\.memory: has an invalid format \(got "512m"\)/);
    });

    test("the memory request exceeds the memory limit", () => {
      expectValidationError(
        () => create({ resources: { requests: { memory: "1Gi" } } }),
        'microservice.orders.resources.requests.memory: exceeds microservice.orders.resources.limits.memory ("512Mi") (got "1Gi"); set requests.memory <= limits.memory',
      );
    });

    test("the memory limit exceeds the namespace's container maximum", () => {
      expectValidationError(
        () => create({ resources: { limits: { memory: "16Gi" } } }),
        'microservice.orders.resources.limits.memory: exceeds the most namespace "payments" allows per container (containerLimits.maxMemory "8Gi") (got "16Gi"); lower the limit or raise the namespace\'s maximum',
      );
    });

    test("a probe path is not absolute", () => {
      expectValidationError(() => create({ probes: { readiness: { path: "ready" } } }), 'microservice.orders.probes.readiness.path: has an invalid format (got "ready"); use an absolute URL path such as "/healthz"');
    });

    test("a LoadBalancer Service names no source ranges", () => {
      expectValidationError(
        () => microservice({ serviceType: "LoadBalancer" }, { quota: { loadBalancers: 1 } }),
        'microservice.orders.loadBalancerSourceRanges: is empty for a LoadBalancer Service, so the namespace\'s default-deny policy would drop every client (got []); list the client CIDRs, e.g. ["10.20.0.0/16"]',
      );
    });

    test("the namespace has no LoadBalancer quota", () => {
      expectValidationError(
        () => create({ serviceType: "LoadBalancer", loadBalancerSourceRanges: ["10.20.0.0/16"] }),
        'microservice.orders.serviceType: needs a LoadBalancer Service but namespace "payments" allows 0 (quota.loadBalancers) and this would be number 1 (got "LoadBalancer"); raise teamNamespace.payments.quota.loadBalancers, or route the service through the shared gateway with a ClusterIP Service',
      );
    });

    test("secrets are declared without a Key Vault", () => {
      expectValidationError(() => create({ secrets: [{ name: "db-password" }] }), "microservice.orders.keyVault: is missing while secrets are declared (got undefined); pass the KeyVault the secrets live in");
    });

    test("a secret's environment variable is also a plain variable", () => {
      const f = serviceFixture();
      expectValidationError(
        () => new Microservice(f.stack, "Orders", f.props({ keyVault: vault(f), env: { DB_PASSWORD: "x" }, secrets: [{ name: "db-password", envVar: "DB_PASSWORD" }] })),
        'microservice.orders.secrets[0].envVar: is also set in env (got "DB_PASSWORD"); give the secret its own variable, or drop it from env',
      );
    });

    test("an environment variable name is invalid", () => {
      expectValidationError(() => create({ env: { "LOG-LEVEL": "info" } }), /^microservice\.orders\.env\.LOG-LEVEL: has an invalid format \(got "LOG-LEVEL"\)/);
    });

    test("an Azure egress CIDR is invalid", () => {
      expectValidationError(() => create({ azureEgress: [{ cidr: "10.10.4.1/24" }] }), /^microservice\.orders\.azureEgress\[0\]\.cidr: has host bits set \(got "10\.10\.4\.1\/24"\)/);
    });

    test("the OIDC issuer is not an https URL", () => {
      expectValidationError(() => create({ oidcIssuerUrl: "http://issuer" }), /^microservice\.orders\.oidcIssuerUrl: has an invalid format \(got "http:\/\/issuer"\)/);
    });

    test("the priority class is reserved for kube-system", () => {
      expectValidationError(
        () => create({ priorityClassName: "system-cluster-critical" }),
        'microservice.orders.priorityClassName: is reserved for cluster components in kube-system (got "system-cluster-critical"); create a PriorityClass for critical services and use its name',
      );
    });

    test("a service depends on itself", () => {
      const s = create();
      expectValidationError(() => s.dependsOnService(s), /^microservice\.orders\.dependencies: names the service itself/);
    });
  });

  test("allows :latest outside production", () => {
    expect(() => create({ image: "myacr.azurecr.io/orders:latest", production: false })).not.toThrow();
  });

  test("accepts images pinned by digest", () => {
    expect(() => create({ image: `myacr.azurecr.io/orders@sha256:${"a".repeat(64)}` })).not.toThrow();
  });

  test("is a route backend for the traffic constructs (Service name, namespace and Service port)", () => {
    const backend: IRouteBackend = create();
    expect({ serviceName: backend.serviceName, namespace: backend.namespace, port: backend.port }).toEqual({ serviceName: "orders", namespace: "payments", port: 80 });
  });

  test("passes an issuer only known at apply time (a cross-stack reference) through", () => {
    const f = serviceFixture();
    const issuer = new TerraformVariable(f.stack, "issuer", { type: "string" }).stringValue;
    new Microservice(f.stack, "Orders", f.props({ oidcIssuerUrl: issuer }));
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(FederatedIdentityCredential, { name: "payments-orders", issuer: "${var.issuer}" });
  });
});
