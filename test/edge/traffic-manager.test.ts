import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { TrafficManagerExternalEndpoint } from "@cdktf/provider-azurerm/lib/traffic-manager-external-endpoint";
import { TrafficManagerProfile } from "@cdktf/provider-azurerm/lib/traffic-manager-profile";
import { TerraformOutput, TerraformVariable, Testing } from "cdktf";
import { trafficRoutingForFailover } from "../../lib/edge/failover";
import { TrafficManager, TrafficManagerEndpoint, TrafficManagerProps } from "../../lib/edge/traffic-manager";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { expectValidationError, ref, resourceList, resourcesOf } from "../messaging/fixtures";
import { StackFixture, testStack } from "../network/fixtures";

const WEU: TrafficManagerEndpoint = { name: "westeurope", target: "20.50.1.10" };
const NEU: TrafficManagerEndpoint = { name: "northeurope", target: "gw-neu.example.com" };

function create(props: Partial<TrafficManagerProps> = {}): { f: StackFixture; dns: TrafficManager } {
  const f = testStack();
  const dns = new TrafficManager(f.stack, "Dns", { resourceGroup: f.resourceGroup, namer: f.namer, endpoints: [WEU, NEU], ...props });
  return { f, dns };
}

function synth(props: Partial<TrafficManagerProps> = {}): string {
  return Testing.synth(create(props).f.stack);
}

/** The one endpoint named `name`. */
function endpoint(out: string, name: string): Record<string, any> {
  const found = resourceList(out, "azurerm_traffic_manager_external_endpoint").filter((e) => e.name === name);
  if (found.length !== 1) throw new Error(`expected one endpoint named ${name}, found ${found.length}`);
  return found[0];
}

describe("TrafficManager", () => {
  test("synthesizes the default profile", () => {
    expect(resourcesOf(synth(), "azurerm_traffic_manager_profile")).toMatchSnapshot();
  });

  describe("profile", () => {
    test("routes by priority with a 30-second DNS TTL, named by the namer", () => {
      expect(synth()).toHaveResourceWithProperties(TrafficManagerProfile, {
        name: "traf-shop-prod-weu-5ctdx",
        traffic_routing_method: "Priority",
        profile_status: "Enabled",
        dns_config: { relative_name: "traf-shop-prod-weu-5ctdx", ttl: 30 },
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("probes HTTPS on 443 at /healthz every 30 seconds, 10-second timeout, 3 tolerated failures, 2xx healthy", () => {
      expect(synth()).toHaveResourceWithProperties(TrafficManagerProfile, {
        monitor_config: {
          protocol: "HTTPS",
          port: 443,
          path: "/healthz",
          interval_in_seconds: 30,
          timeout_in_seconds: 10,
          tolerated_number_of_failures: 3,
          expected_status_code_ranges: ["200-299"],
        },
      });
    });

    test("sends the gateways' host header with the probes", () => {
      expect(synth({ hostHeader: "shop.example.com" })).toHaveResourceWithProperties(TrafficManagerProfile, {
        monitor_config: expect.objectContaining({ custom_header: [{ name: "host", value: "shop.example.com" }] }),
      });
    });

    test("probes fast with a 9-second timeout when the interval is 10 seconds", () => {
      expect(synth({ monitor: { intervalSeconds: 10 } })).toHaveResourceWithProperties(TrafficManagerProfile, {
        monitor_config: expect.objectContaining({ interval_in_seconds: 10, timeout_in_seconds: 9 }),
      });
    });

    test("takes the probe path, tolerance and status ranges given", () => {
      expect(synth({ monitor: { path: "/ready", toleratedFailures: 1, expectedStatusCodeRanges: ["200-204", "301-302"] } })).toHaveResourceWithProperties(TrafficManagerProfile, {
        monitor_config: expect.objectContaining({ path: "/ready", tolerated_number_of_failures: 1, expected_status_code_ranges: ["200-204", "301-302"] }),
      });
    });

    test("takes the DNS TTL given", () => {
      expect(synth({ dnsTtlSeconds: 60 })).toHaveResourceWithProperties(TrafficManagerProfile, { dns_config: expect.objectContaining({ ttl: 60 }) });
    });

    test("exposes the profile's FQDN as a token", () => {
      const { f, dns } = create();
      new TerraformOutput(f.stack, "Fqdn", { value: dns.fqdn });
      const out = JSON.parse(Testing.synth(f.stack)) as { output: Record<string, { value: unknown }> };
      expect(out.output.Fqdn.value).toEqual(ref("azurerm_traffic_manager_profile", "Dns", "fqdn"));
    });
  });

  describe("endpoints", () => {
    test("adds external endpoints with priorities in the order given", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, {
        name: "westeurope",
        target: "20.50.1.10",
        priority: 1,
        enabled: true,
        profile_id: ref("azurerm_traffic_manager_profile", "Dns", "id"),
      });
      expect(out).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, { name: "northeurope", target: "gw-neu.example.com", priority: 2 });
    });

    test("takes the priorities given", () => {
      expect(endpoint(synth({ endpoints: [{ ...WEU, priority: 10 }, { ...NEU, priority: 20 }] }), "northeurope").priority).toBe(20);
    });

    test("spreads answers by weight, 1000 each by default, under Weighted routing", () => {
      const out = synth({ trafficRoutingMethod: "Weighted", endpoints: [WEU, { ...NEU, weight: 250 }] });
      expect(out).toHaveResourceWithProperties(TrafficManagerProfile, { traffic_routing_method: "Weighted" });
      expect(endpoint(out, "westeurope")).toMatchObject({ weight: 1000 });
      expect(endpoint(out, "westeurope").priority).toBeUndefined();
      expect(endpoint(out, "northeurope")).toMatchObject({ weight: 250 });
    });

    test("places endpoints in their regions under Performance routing", () => {
      const out = synth({ trafficRoutingMethod: "Performance", endpoints: [{ ...WEU, location: "westeurope" }, { ...NEU, location: "northeurope" }] });
      expect(out).toHaveResourceWithProperties(TrafficManagerProfile, { traffic_routing_method: "Performance" });
      expect(out).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, { name: "northeurope", endpoint_location: "northeurope" });
    });

    test("routes an active-active environment by weight", () => {
      expect(synth({ trafficRoutingMethod: trafficRoutingForFailover("active-active") })).toHaveResourceWithProperties(TrafficManagerProfile, { traffic_routing_method: "Weighted" });
    });

    test("gives an endpoint its own probe host header", () => {
      expect(endpoint(synth({ endpoints: [{ ...WEU, hostHeader: "weu.shop.example.com" }] }), "westeurope").custom_header).toEqual([{ name: "host", value: "weu.shop.example.com" }]);
    });

    test("disables an endpoint when asked", () => {
      expect(endpoint(synth({ endpoints: [WEU, { ...NEU, enabled: false }] }), "northeurope").enabled).toBe(false);
    });

    test("accepts a target that is a token, such as a cross-stack reference", () => {
      const f = testStack();
      const ip = new TerraformVariable(f.stack, "gatewayIp", { type: "string" });
      new TrafficManager(f.stack, "Dns", { resourceGroup: f.resourceGroup, namer: f.namer, endpoints: [{ name: "westeurope", target: ip.stringValue }] });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(TrafficManagerExternalEndpoint, { target: "${var.gatewayIp}" });
    });

    test("exposes the endpoints by name", () => {
      expect([...create().dns.endpoints.keys()]).toEqual(["westeurope", "northeurope"]);
    });
  });

  describe("monitoring", () => {
    test("sends probe health events and metrics to Log Analytics", () => {
      const f = testStack();
      const logs = new LogAnalytics(f.stack, "Logs", { resourceGroup: f.resourceGroup, namer: f.namer });
      new TrafficManager(f.stack, "Dns", { resourceGroup: f.resourceGroup, namer: f.namer, endpoints: [WEU], logAnalytics: logs });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: ref("azurerm_traffic_manager_profile", "Dns", "id"),
        log_analytics_destination_type: "AzureDiagnostics",
        enabled_log: [{ category: "ProbeHealthStatusEvents" }],
        enabled_metric: [{ category: "AllMetrics" }],
      });
    });
  });

  describe("validation", () => {
    test("fails when there are no endpoints", () => {
      expectValidationError(() => create({ endpoints: [] }), "trafficManager.endpoints: is empty: Traffic Manager needs at least one endpoint (got []); add the regional gateways as endpoints");
    });

    test("fails when two endpoints share a name", () => {
      expectValidationError(() => create({ endpoints: [WEU, { ...NEU, name: "westeurope" }] }), 'trafficManager.endpoints[1].name: repeats the endpoint at index 0 (got "westeurope"); give every endpoint its own name');
    });

    test("fails when two endpoints share a priority under Priority routing", () => {
      expectValidationError(
        () => create({ endpoints: [{ ...WEU, priority: 1 }, { ...NEU, priority: 1 }] }),
        "trafficManager.endpoints[1].priority: repeats the priority of the endpoint at index 0; Priority routing needs a distinct priority per endpoint (got 1); use a priority of 1 to 1000 that no other endpoint has",
      );
    });

    test("fails when a priority exceeds 1000", () => {
      expectValidationError(() => create({ endpoints: [{ ...WEU, priority: 1001 }] }), "trafficManager.endpoints[0].priority: is out of range (got 1001); use 1 to 1000");
    });

    test("fails when a weight is given under Priority routing", () => {
      expectValidationError(() => create({ endpoints: [{ ...WEU, weight: 500 }] }), 'trafficManager.endpoints[0].weight: only applies under Weighted routing (the profile routes by Priority) (got 500); drop the weight, or use trafficRoutingMethod "Weighted"');
    });

    test("fails when a priority is given under Weighted routing", () => {
      expectValidationError(() => create({ trafficRoutingMethod: "Weighted", endpoints: [{ ...WEU, priority: 1 }] }), /^trafficManager\.endpoints\[0\]\.priority: only applies under Priority routing \(the profile routes by Weighted\)/);
    });

    test.each([0, 1001])("fails when a weight is %i", (weight) => {
      expectValidationError(() => create({ trafficRoutingMethod: "Weighted", endpoints: [{ ...WEU, weight }] }), `trafficManager.endpoints[0].weight: is out of range (got ${weight}); use 1 to 1000`);
    });

    test("fails when an endpoint has no location under Performance routing", () => {
      expectValidationError(
        () => create({ trafficRoutingMethod: "Performance", endpoints: [{ ...WEU, location: "westeurope" }, NEU] }),
        'trafficManager.endpoints[1].location: is required under Performance routing, which answers with the endpoint closest to the client (got undefined); set the Azure region of the endpoint, e.g. "westeurope"',
      );
    });

    test("fails when an endpoint location is not a region", () => {
      expectValidationError(() => create({ trafficRoutingMethod: "Performance", endpoints: [{ ...WEU, location: "europe" }] }), /^trafficManager\.endpoints\[0\]\.location: is not a supported Azure region \(got "europe"\)/);
    });

    test("fails when a target is neither an IP address nor an FQDN", () => {
      expectValidationError(() => create({ endpoints: [{ ...WEU, target: "http://gw.example.com" }] }), /^trafficManager\.endpoints\[0\]\.target: is not an IP address or a fully qualified domain name \(got "http:\/\/gw\.example\.com"\)/);
    });

    test("fails when the host header is not a host name", () => {
      expectValidationError(() => create({ hostHeader: "shop example" }), /^trafficManager\.hostHeader: is not a fully qualified domain name \(got "shop example"\)/);
    });

    test("fails when the probe interval is neither 10 nor 30 seconds", () => {
      expectValidationError(() => create({ monitor: { intervalSeconds: 20 as 10 } }), "trafficManager.monitor.intervalSeconds: is not an interval Traffic Manager offers (got 20); use 30, or 10 for fast probing");
    });

    test("fails when fast probing has a 10-second timeout", () => {
      expectValidationError(() => create({ monitor: { intervalSeconds: 10, timeoutSeconds: 10 } }), "trafficManager.monitor.timeoutSeconds: must be shorter than the 10-second probing interval (got 10); use 5 to 9 with intervalSeconds 10");
    });

    test.each([4, 11])("fails when the probe timeout is %i seconds", (seconds) => {
      expectValidationError(() => create({ monitor: { timeoutSeconds: seconds } }), `trafficManager.monitor.timeoutSeconds: is out of range (got ${seconds}); use 5 to 10`);
    });

    test("fails when more than 9 failures are tolerated", () => {
      expectValidationError(() => create({ monitor: { toleratedFailures: 10 } }), "trafficManager.monitor.toleratedFailures: is out of range (got 10); use 0 to 9");
    });

    test("fails when the DNS TTL is negative", () => {
      expectValidationError(() => create({ dnsTtlSeconds: -1 }), "trafficManager.dnsTtlSeconds: is out of range (got -1); use 0 to 2147483647");
    });

    test("fails when a status code range is malformed", () => {
      expectValidationError(() => create({ monitor: { expectedStatusCodeRanges: ["299-200"] } }), /^trafficManager\.monitor\.expectedStatusCodeRanges\[0\]: is not a status code range \(got "299-200"\)/);
    });

    test("fails when the probe path is not absolute", () => {
      expectValidationError(() => create({ monitor: { path: "healthz" } }), /^trafficManager\.monitor\.path: has an invalid format \(got "healthz"\)/);
    });
  });
});
