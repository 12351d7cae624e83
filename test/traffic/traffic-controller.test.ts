import { TerraformStack, Testing } from "cdktf";
import { Release } from "@cdktf/provider-helm/lib/release";
import { EnvoyGatewayController, EnvoyGatewayControllerProps, ENVOY_GATEWAY_CHART_VERSION, ENVOY_GATEWAY_CONTROLLER_NAME } from "../../lib/traffic/traffic-controller";
import { controllerFixture, expectValidationError, helmValues, manifestOf, manifestResource, manifests, PUBLIC_IP, resources } from "./fixtures";

function synth(props: Partial<EnvoyGatewayControllerProps> = {}): string {
  return Testing.synth(controllerFixture(props).stack);
}

const service = (props: Partial<EnvoyGatewayControllerProps> = {}) => manifestOf(synth(props), "EnvoyProxy").spec.provider.kubernetes.envoyService;
const deployment = (props: Partial<EnvoyGatewayControllerProps> = {}) => manifestOf(synth(props), "EnvoyProxy").spec.provider.kubernetes.envoyDeployment;
const create = (props: Partial<EnvoyGatewayControllerProps>) => () => controllerFixture(props);

describe("EnvoyGatewayController", () => {
  const defaults = synth();

  it("synthesizes the default controller", () => {
    expect({ release: JSON.parse(defaults).resource.helm_release, manifests: JSON.parse(defaults).resource.kubernetes_manifest }).toMatchSnapshot();
  });

  describe("Helm release", () => {
    it("installs the pinned gateway-helm chart from Docker Hub's OCI registry", () => {
      expect(defaults).toHaveResourceWithProperties(Release, { name: "eg", repository: "oci://docker.io/envoyproxy", chart: "gateway-helm", version: "v1.9.1" });
      expect(ENVOY_GATEWAY_CHART_VERSION).toBe("v1.9.1");
    });

    it("installs into envoy-gateway-system and creates the namespace", () => {
      expect(defaults).toHaveResourceWithProperties(Release, { namespace: "envoy-gateway-system", create_namespace: true });
    });

    it("rolls back a failed install or upgrade and waits for resources and jobs", () => {
      expect(defaults).toHaveResourceWithProperties(Release, { atomic: true, cleanup_on_fail: true, wait: true, wait_for_jobs: true, timeout: 600, max_history: 10 });
    });

    it("pins another chart version", () => {
      expect(synth({ chartVersion: "v1.8.4" })).toHaveResourceWithProperties(Release, { version: "v1.8.4" });
    });

    it("runs two controller replicas spread across zones and nodes", () => {
      const values = helmValues(defaults, "eg");
      expect(values.deployment.replicas).toBe(2);
      expect(values.deployment.pod.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)).toEqual(["topology.kubernetes.io/zone", "kubernetes.io/hostname"]);
    });

    it("protects the controller with a PodDisruptionBudget", () => {
      expect(helmValues(defaults, "eg").podDisruptionBudget).toEqual({ minAvailable: 1 });
    });

    it("runs one controller replica without a budget as an opt-out", () => {
      const values = helmValues(synth({ controllerReplicas: 1 }), "eg");
      expect([values.deployment.replicas, values.podDisruptionBudget.minAvailable, values.deployment.pod.topologySpreadConstraints]).toEqual([1, 0, []]);
    });

    it("requests controller resources and limits its memory", () => {
      expect(helmValues(defaults, "eg").deployment.envoyGateway.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1024Mi" } });
    });

    it("registers Envoy Gateway's controller name", () => {
      expect(helmValues(defaults, "eg").config.envoyGateway.gateway.controllerName).toBe(ENVOY_GATEWAY_CONTROLLER_NAME);
    });
  });

  describe("GatewayClass", () => {
    it("names the Envoy Gateway controller and the EnvoyProxy parameters", () => {
      expect(manifestOf(defaults, "GatewayClass").spec).toMatchObject({
        controllerName: "gateway.envoyproxy.io/gatewayclass-controller",
        parametersRef: { group: "gateway.envoyproxy.io", kind: "EnvoyProxy", name: "envoy-gateway-proxy", namespace: "envoy-gateway-system" },
      });
    });

    it("depends on the Helm release that installs the CRDs", () => {
      expect(manifestResource(defaults, "GatewayClass", "envoy-gateway").depends_on).toEqual([expect.stringMatching(/^helm_release\.Traffic_/), expect.stringMatching(/^kubernetes_manifest\.Traffic_EnvoyProxy_/)]);
    });

    it("uses another class name", () => {
      expect(manifestOf(synth({ gatewayClassName: "public" }), "GatewayClass").metadata.name).toBe("public");
    });
  });

  describe("EnvoyProxy (data plane)", () => {
    it("depends on the Helm release that installs the CRDs", () => {
      expect(manifestResource(defaults, "EnvoyProxy", "envoy-gateway-proxy").depends_on).toEqual([expect.stringMatching(/^helm_release\.Traffic_/)]);
    });

    it("runs three proxies", () => {
      expect(deployment().replicas).toBe(3);
    });

    it("lets at most one proxy be disrupted at a time", () => {
      expect(manifestOf(defaults, "EnvoyProxy").spec.provider.kubernetes.envoyPDB).toEqual({ maxUnavailable: 1 });
    });

    it("spreads proxies evenly across zones (hard) and nodes (soft)", () => {
      expect(deployment().pod.topologySpreadConstraints).toEqual([
        expect.objectContaining({ topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", maxSkew: 1, matchLabelKeys: ["pod-template-hash"] }),
        expect.objectContaining({ topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", maxSkew: 1 }),
      ]);
    });

    it("drops the spread when told", () => {
      expect(deployment({ proxy: { zoneSpread: false } }).pod).toEqual({});
    });

    it("requests proxy resources without a CPU limit", () => {
      expect(deployment().container.resources).toEqual({ requests: { cpu: "250m", memory: "512Mi" }, limits: { memory: "1Gi" } });
    });

    it("autoscales the proxies on CPU instead of a fixed count", () => {
      const kubernetes = manifestOf(synth({ proxy: { autoscaling: { minReplicas: 3, maxReplicas: 12 } } }), "EnvoyProxy").spec.provider.kubernetes;
      expect([kubernetes.envoyDeployment.replicas, kubernetes.envoyHpa]).toEqual([
        undefined,
        { minReplicas: 3, maxReplicas: 12, metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }] },
      ]);
    });
  });

  describe("load balancer Service", () => {
    it("is a LoadBalancer that keeps the client IP", () => {
      expect(service()).toMatchObject({ type: "LoadBalancer", externalTrafficPolicy: "Local" });
    });

    it("takes the platform's static public IP by name and resource group", () => {
      expect(service().annotations).toMatchObject({
        "service.beta.kubernetes.io/azure-pip-name": "pip-shop-gateway-prod-weu",
        "service.beta.kubernetes.io/azure-load-balancer-resource-group": "rg-shop-prod-weu",
      });
    });

    it("is an internal load balancer in the named subnet, with a fixed private IP", () => {
      expect(service({ exposure: { type: "internal", subnetName: "snet-gateway", privateIpAddress: "10.10.8.10" } }).annotations).toEqual({
        "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
        "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": "snet-gateway",
        "service.beta.kubernetes.io/azure-load-balancer-ipv4": "10.10.8.10",
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-interval": "5",
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-num-of-probe": "2",
      });
    });

    it("probes every 5 seconds and takes a node out after 2 failures", () => {
      expect(service().annotations).toMatchObject({
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-interval": "5",
        "service.beta.kubernetes.io/azure-load-balancer-health-probe-num-of-probe": "2",
      });
    });

    it("probes over HTTP on a path with the Cluster traffic policy", () => {
      expect(service({ externalTrafficPolicy: "Cluster", healthProbe: { protocol: "Http", requestPath: "/healthz", intervalSeconds: 10, numberOfProbes: 3 } })).toMatchObject({
        externalTrafficPolicy: "Cluster",
        annotations: {
          "service.beta.kubernetes.io/port_80_health-probe_protocol": "Http",
          "service.beta.kubernetes.io/port_443_health-probe_protocol": "Http",
          "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz",
          "service.beta.kubernetes.io/azure-load-balancer-health-probe-interval": "10",
          "service.beta.kubernetes.io/azure-load-balancer-health-probe-num-of-probe": "3",
        },
      });
    });

    it("pins clients to a proxy by source IP (L4 session affinity)", () => {
      expect(service({ sessionAffinity: "ClientIP" }).patch).toEqual({ type: "StrategicMerge", value: { spec: { sessionAffinity: "ClientIP" } } });
    });

    it("has no session affinity by default", () => {
      expect(service()).not.toHaveProperty("patch");
    });

    it("restricts the source ranges", () => {
      expect(service({ loadBalancerSourceRanges: ["203.0.113.0/24"] }).loadBalancerSourceRanges).toEqual(["203.0.113.0/24"]);
    });
  });

  describe("as a traffic controller", () => {
    it("reports that it keeps the client IP with the Local policy and implements Envoy Gateway policies", () => {
      const { controller } = controllerFixture();
      expect([controller.preservesClientIp, controller.supportsEnvoyGatewayPolicies, controller.gatewayClassName, controller.namespace]).toEqual([true, true, "envoy-gateway", "envoy-gateway-system"]);
    });

    it("reports that the client IP is lost with the Cluster policy", () => {
      expect(controllerFixture({ externalTrafficPolicy: "Cluster" }).controller.preservesClientIp).toBe(false);
    });

    it("makes manifests wait for the release and the GatewayClass", () => {
      const { controller } = controllerFixture();
      expect(controller.crdDependencies).toEqual([controller.release, controller.gatewayClass]);
    });
  });

  describe("validation", () => {
    it("fails when the exposure type is unknown", () => {
      expectValidationError(create({ exposure: { type: "dmz" } as never }), 'trafficController.exposure.type: is not an allowed value (got "dmz"); use one of "public", "internal"');
    });

    it("fails when the public IP has no name", () => {
      expectValidationError(create({ exposure: { type: "public", publicIp: { resourceGroupName: "rg", ipAddress: "20.0.0.1" } as never } }), 'trafficController.exposure.publicIp: is missing its name or resource group (got {"resourceGroupName":"rg","ipAddress":"20.0.0.1"}); pass the platform\'s StaticPublicIp (name, resourceGroupName, ipAddress)');
    });

    it("fails when the internal subnet name is invalid", () => {
      expectValidationError(create({ exposure: { type: "internal", subnetName: "bad name" } }), /^trafficController\.exposure\.subnetName: has an invalid format \(got "bad name"\)/);
    });

    it("fails when the private IP is not an IPv4 address", () => {
      expectValidationError(create({ exposure: { type: "internal", subnetName: "snet", privateIpAddress: "10.0.0.300" } }), /^trafficController\.exposure\.privateIpAddress: has an invalid format \(got "10\.0\.0\.300"\)/);
    });

    it("fails when a probe protocol is set with the Local traffic policy", () => {
      expectValidationError(create({ healthProbe: { protocol: "Http" } }), 'trafficController.healthProbe.protocol: is ignored with externalTrafficPolicy Local (Azure probes kube-proxy\'s health node port over HTTP) (got "Http"); drop it, or use externalTrafficPolicy "Cluster"');
    });

    it("fails when a request path is set on a Tcp probe", () => {
      expectValidationError(create({ externalTrafficPolicy: "Cluster", healthProbe: { requestPath: "/healthz" } }), 'trafficController.healthProbe.requestPath: has no effect on a Tcp probe (got "/healthz"); use protocol "Http" or "Https", or drop requestPath');
    });

    it("fails when the probe window reaches two minutes", () => {
      expectValidationError(create({ healthProbe: { intervalSeconds: 30, numberOfProbes: 4 } }), "trafficController.healthProbe.numberOfProbes: makes the probe window 120 s (interval × probes) (got 4); keep intervalSeconds × numberOfProbes under 120 seconds");
    });

    it("fails when the probe interval is below Azure's minimum", () => {
      expectValidationError(create({ healthProbe: { intervalSeconds: 2 } }), "trafficController.healthProbe.intervalSeconds: is out of range (got 2); use 5 to 60");
    });

    it("fails when every proxy could be disrupted at once", () => {
      expectValidationError(create({ proxy: { replicas: 2, maxUnavailable: 2 } }), "trafficController.proxy.maxUnavailable: lets every proxy go at once (2 proxies) (got 2); use less than 2");
    });

    it("fails when a fixed replica count is combined with autoscaling", () => {
      expectValidationError(create({ proxy: { replicas: 3, autoscaling: { minReplicas: 3, maxReplicas: 6 } } }), "trafficController.proxy.replicas: conflicts with autoscaling (the autoscaler owns the replica count) (got 3); drop replicas, or drop autoscaling for a fixed count");
    });

    it("fails when the autoscaling minimum exceeds the maximum", () => {
      expectValidationError(create({ proxy: { autoscaling: { minReplicas: 6, maxReplicas: 3 } } }), "trafficController.proxy.autoscaling.minReplicas: must not exceed maxReplicas (3) (got 6); set minReplicas <= maxReplicas");
    });

    it("fails when a memory quantity is malformed", () => {
      expectValidationError(create({ proxy: { resources: { cpuRequest: "250m", memoryRequest: "512MB", memoryLimit: "1Gi" } } }), 'trafficController.proxy.resources.memoryRequest: has an invalid format (got "512MB"); use a memory quantity such as "512Mi" or "1Gi"');
    });

    it("fails when a source range is not a CIDR", () => {
      expectValidationError(create({ loadBalancerSourceRanges: ["203.0.113.1"] }), 'trafficController.loadBalancerSourceRanges[0]: is not a valid CIDR block (got "203.0.113.1"); use IPv4 CIDR notation such as "10.10.0.0/16"');
    });

    it("fails when the chart version is not a version", () => {
      expectValidationError(create({ chartVersion: "latest" }), 'trafficController.chartVersion: has an invalid format (got "latest"); use a chart version such as "v1.9.1"');
    });

    it("fails when the namespace is not a Kubernetes name", () => {
      expectValidationError(create({ namespace: "Envoy_System" }), /^trafficController\.namespace: has an invalid format \(got "Envoy_System"\)/);
    });
  });
});

describe("EnvoyGatewayController in a split addons/apps layout", () => {
  function split() {
    const app = Testing.app();
    const addons = new TerraformStack(app, "addons");
    const apps = new TerraformStack(app, "apps");
    const controller = new EnvoyGatewayController(apps, "Traffic", { exposure: { type: "public", publicIp: PUBLIC_IP }, installScope: addons });
    return { addons, apps, controller };
  }

  it("creates the Helm release in the install scope and the GatewayClass and EnvoyProxy in its own stack", () => {
    const { addons, apps } = split();
    expect(resources(Testing.synth(addons), "helm_release").map((r) => r.chart)).toEqual(["gateway-helm"]);
    expect(resources(Testing.synth(apps), "helm_release")).toHaveLength(0);
    expect(manifests(Testing.synth(apps)).map((m) => m.kind).sort()).toEqual(["EnvoyProxy", "GatewayClass"]);
  });

  it("orders the stacks instead of naming the release in depends_on", () => {
    const { addons, apps } = split();
    expect(apps.dependencies).toEqual([addons]);
    for (const manifest of resources(Testing.synth(apps), "kubernetes_manifest")) {
      for (const dependency of manifest.depends_on ?? []) expect(dependency).not.toMatch(/^helm_release\./);
    }
  });
});
