import { Testing } from "cdktf";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { buildEnvironment } from "../../stacks/environment";
import { prod } from "../../stacks/environments/prod";
import { staging } from "../../stacks/environments/staging";
import { resourcesOf, SynthesizedStack, synthAppToFiles, synthEnvironments } from "./synth-helpers";

const { stacks, environments } = synthEnvironments();
const stack = (name: string) => stacks.find((s) => s.name === name)!;
const ofType = (s: SynthesizedStack, type: string): any[] => resourcesOf(s).filter(([t]) => t === type).map(([, , body]) => body);
const one = (s: SynthesizedStack, type: string): any => {
  const found = ofType(s, type);
  if (found.length !== 1) throw new Error(`expected one ${type} in ${s.name}, found ${found.length}`);
  return found[0];
};

/** Builds one environment in a fresh app and synthesizes every stack it has. */
function synthOne(config: EnvironmentConfig): Map<string, SynthesizedStack> {
  const app = Testing.app();
  const built = buildEnvironment(app, config);
  const all = [...built.platform, ...built.addons, ...built.apps, ...(built.global ? [built.global] : [])];
  return new Map(
    all.map((s) => {
      const json = Testing.synth(s, true);
      return [s.node.id, { name: s.node.id, json, parsed: JSON.parse(json) }];
    }),
  );
}

const origins = (s: SynthesizedStack) => ofType(s, "azurerm_cdn_frontdoor_origin").map((o) => [o.name, o.priority, o.weight, o.enabled]);

describe("the global stack", () => {
  describe("prod (active-passive behind Front Door Premium)", () => {
    const global = stack("prod-global");

    it("puts the primary region first (priority 1) and the secondary behind it (priority 2)", () => {
      expect(origins(global).sort()).toEqual([
        ["northeurope", 2, 1000, true],
        ["westeurope", 1, 1000, true],
      ]);
    });

    it("reads each region's gateway address from its platform stack through a cross-stack reference", () => {
      const files = synthAppToFiles([prod]);
      const config = JSON.parse(files.get("stacks/prod-global/cdk.tf.json")!.toString()) as { resource: Record<string, Record<string, any>>; data: Record<string, Record<string, any>> };
      const hosts = Object.values(config.resource.azurerm_cdn_frontdoor_origin).map((o) => o.host_name).sort();
      expect(hosts).toEqual([
        expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-northeurope-platform\.outputs\.cross-stack-output-azurerm_public_ipGatewayIp_[0-9A-F]+ip_address\}$/),
        expect.stringMatching(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-westeurope-platform\.outputs\.cross-stack-output-azurerm_public_ipGatewayIp_[0-9A-F]+ip_address\}$/),
      ]);
      expect(Object.keys(config.data.terraform_remote_state).sort()).toEqual(["cross-stack-reference-input-prod-northeurope-platform", "cross-stack-reference-input-prod-westeurope-platform"]);
    });

    it("sends the gateway's hostname to the origins, so the gateway's certificate is verified", () => {
      for (const origin of ofType(global, "azurerm_cdn_frontdoor_origin")) {
        expect(origin).toMatchObject({ origin_host_header: "shop.example.com", certificate_name_check_enabled: true, https_port: 443 });
      }
    });

    it("probes /healthz over HTTPS on every gateway, and each apps stack answers it", () => {
      expect(one(global, "azurerm_cdn_frontdoor_origin_group").health_probe).toEqual({ path: "/healthz", protocol: "Https", request_type: "HEAD", interval_in_seconds: 30 });
      for (const name of ["prod-westeurope-apps", "prod-northeurope-apps"]) {
        const routes = ofType(stack(name), "kubernetes_manifest").map((m) => m.manifest).filter((m) => m.kind === "HTTPRoute" && m.metadata.name === "gateway-health");
        expect(routes.map((r) => r.spec.rules[0].matches)).toEqual([[{ path: { type: "Exact", value: "/healthz" } }]]);
      }
    });

    it("caches static assets at the edge and never the default route", () => {
      const routes = Object.fromEntries(ofType(global, "azurerm_cdn_frontdoor_route").map((r) => [r.name, r]));
      expect(Object.keys(routes).sort()).toEqual(["acme-challenge", "default", "static-assets"]);
      expect(routes["static-assets"]).toMatchObject({ patterns_to_match: ["/static/*", "/assets/*"], cache: { query_string_caching_behavior: "IgnoreQueryString", compression_enabled: true } });
      expect(routes.default.cache).toBeUndefined();
      expect(routes.default).toMatchObject({ https_redirect_enabled: true, forwarding_protocol: "HttpsOnly" });
    });

    it("runs the WAF in Prevention with the managed rule sets, bot protection and a rate limit", () => {
      const policy = one(global, "azurerm_cdn_frontdoor_firewall_policy");
      expect(policy).toMatchObject({ sku_name: "Premium_AzureFrontDoor", mode: "Prevention", enabled: true });
      expect(policy.managed_rule.map((r: any) => r.type).sort()).toEqual(["Microsoft_BotManagerRuleSet", "Microsoft_DefaultRuleSet"]);
      expect(policy.custom_rule).toEqual([expect.objectContaining({ type: "RateLimitRule", rate_limit_threshold: 1000, rate_limit_duration_in_minutes: 1, action: "Block" })]);
    });

    it("serves the gateway's hostname as a custom domain with a managed certificate", () => {
      expect(one(global, "azurerm_cdn_frontdoor_custom_domain")).toMatchObject({ host_name: "shop.example.com", tls: { certificate_type: "ManagedCertificate", minimum_tls_version: "TLS12" } });
    });

    it("admits web traffic to the gateways only from Front Door's back end", () => {
      for (const name of ["prod-westeurope-platform", "prod-northeurope-platform"]) {
        const rule = ofType(stack(name), "azurerm_network_security_rule").find((r) => r.name === "AllowWebToGateway");
        expect(rule).toMatchObject({ source_address_prefix: "AzureFrontDoor.Backend", destination_port_ranges: ["80", "443"] });
      }
    });

    it("keeps the edge's resource group and logs in the last region, so the edge can be changed while the primary is down", () => {
      expect(one(global, "azurerm_resource_group")).toMatchObject({ name: "rg-shop-global-prod-neu", location: "northeurope" });
      const files = synthAppToFiles([prod]);
      const config = JSON.parse(files.get("stacks/prod-global/cdk.tf.json")!.toString()) as { resource: Record<string, Record<string, any>> };
      const diagnostics = Object.values(config.resource.azurerm_monitor_diagnostic_setting);
      expect(diagnostics.length).toBeGreaterThan(0);
      for (const d of diagnostics) expect(d.log_analytics_workspace_id).toMatch(/cross-stack-reference-input-prod-northeurope-platform/);
    });

    it("keeps its state in the environment's backend", () => {
      expect(global.parsed.terraform).toHaveProperty("backend.azurerm", expect.objectContaining({ key: "prod-global.tfstate" }));
    });
  });

  it("runs the WAF in Detection on dev's Standard Front Door, and Prevention on staging", () => {
    expect(one(stack("dev-global"), "azurerm_cdn_frontdoor_firewall_policy")).toMatchObject({ sku_name: "Standard_AzureFrontDoor", mode: "Detection" });
    expect(one(stack("dev-global"), "azurerm_cdn_frontdoor_firewall_policy").managed_rule).toBeUndefined();
    expect(one(stack("staging-global"), "azurerm_cdn_frontdoor_firewall_policy")).toMatchObject({ sku_name: "Premium_AzureFrontDoor", mode: "Prevention" });
  });

  it("gives a single-region environment one origin", () => {
    expect(origins(stack("dev-global"))).toEqual([["westeurope", 1, 1000, true]]);
  });

  describe("active-active", () => {
    // Active-active runs without PostgreSQL (and so without change data capture and its consumers).
    const { cdc: _cdc, ...dataWithoutCdc } = staging.data!;
    const activeActive: EnvironmentConfig = {
      ...staging,
      name: "aa",
      failoverMode: "active-active",
      data: { ...dataWithoutCdc, postgres: { enabled: false } },
      teams: staging.teams!.map((t) => ({ ...t, services: Object.fromEntries(Object.entries(t.services ?? {}).filter(([, service]) => !service.consumesChanges)) })),
      regions: [
        { name: "westeurope", addressSpace: "10.50.0.0/16", weight: 700 },
        { name: "northeurope", addressSpace: "10.60.0.0/16", weight: 300 },
      ],
    };
    const built = synthOne(activeActive);

    it("gives every region priority 1 and its configured weight", () => {
      expect(origins(built.get("aa-global")!).sort()).toEqual([
        ["northeurope", 1, 300, true],
        ["westeurope", 1, 700, true],
      ]);
    });

    it("runs services in both regions", () => {
      expect([...built.keys()].filter((n) => n.endsWith("-apps")).sort()).toEqual(["aa-northeurope-apps", "aa-westeurope-apps"]);
    });

    it("routes by weight with Traffic Manager as the DNS-level alternative", () => {
      const tm = synthOne({ ...activeActive, edge: { type: "traffic-manager" } }).get("aa-global")!;
      expect(one(tm, "azurerm_traffic_manager_profile")).toMatchObject({ traffic_routing_method: "Weighted", monitor_config: expect.objectContaining({ protocol: "HTTPS", port: 443, path: "/healthz" }) });
      expect(ofType(tm, "azurerm_traffic_manager_external_endpoint").map((e) => [e.name, e.weight]).sort()).toEqual([
        ["northeurope", 300],
        ["westeurope", 700],
      ]);
      expect(ofType(tm, "azurerm_cdn_frontdoor_profile")).toEqual([]);
    });
  });

  describe("Traffic Manager under active-passive", () => {
    const built = synthOne({ ...staging, name: "tm", edge: { type: "traffic-manager" } });
    const tm = built.get("tm-global")!;

    it("routes by priority, primary first", () => {
      expect(one(tm, "azurerm_traffic_manager_profile").traffic_routing_method).toBe("Priority");
      expect(ofType(tm, "azurerm_traffic_manager_external_endpoint").map((e) => [e.name, e.priority]).sort()).toEqual([
        ["northeurope", 2],
        ["westeurope", 1],
      ]);
    });

    it("lets clients reach the gateways directly: the NSG admits the internet", () => {
      const rule = ofType(built.get("tm-westeurope-platform")!, "azurerm_network_security_rule").find((r) => r.name === "AllowWebToGateway");
      expect(rule.source_address_prefix).toBe("Internet");
    });
  });

  describe("backup-restore", () => {
    const built = synthOne({ ...staging, name: "br", failoverMode: "backup-restore", data: { ...staging.data, storage: { replication: "GZRS", containers: ["images"] } } });

    it("makes only the primary region an origin", () => {
      expect(origins(built.get("br-global")!)).toEqual([["westeurope", 1, 1000, true]]);
    });

    it("keeps the standby region to its network: no cluster, no data, no apps", () => {
      const standby = built.get("br-northeurope-platform")!;
      const types = new Set(resourcesOf(standby).map(([t]) => t));
      expect(types.has("azurerm_virtual_network")).toBe(true);
      for (const type of ["azurerm_kubernetes_cluster", "azurerm_postgresql_flexible_server", "azurerm_redis_cache", "azurerm_servicebus_namespace", "azurerm_public_ip"]) expect(types.has(type)).toBe(false);
      expect([...built.keys()].filter((n) => n.startsWith("br-northeurope-"))).toEqual(["br-northeurope-platform"]);
    });
  });
});

describe("cross-region data", () => {
  it("replicates the orders database into the secondary region, from the secondary's stack", () => {
    const files = synthAppToFiles([prod]);
    const secondary = JSON.parse(files.get("stacks/prod-northeurope-platform/cdk.tf.json")!.toString()) as { resource: Record<string, Record<string, any>> };
    const replica = Object.values(secondary.resource.azurerm_postgresql_flexible_server)[0];
    expect(replica).toMatchObject({ create_mode: "Replica", public_network_access_enabled: false, zone: "1", lifecycle: { prevent_destroy: true } });
    expect(replica.source_server_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-westeurope-platform\.outputs\./);
    const primary = JSON.parse(files.get("stacks/prod-westeurope-platform/cdk.tf.json")!.toString()) as { data?: Record<string, unknown> };
    // The primary never reads the secondary's state.
    expect(JSON.stringify(primary.data ?? {})).not.toContain("prod-northeurope");
  });

  it("promotes the secondary's replica in place when the config says so", () => {
    const built = synthOne({ ...staging, name: "fo", data: { ...staging.data, postgres: { ...staging.data!.postgres, promotedReplica: "northeurope" } } });
    const replica = ofType(built.get("fo-northeurope-platform")!, "azurerm_postgresql_flexible_server")[0];
    expect(replica).toMatchObject({ create_mode: "Replica", replication_role: "None", lifecycle: { ignore_changes: ["create_mode", "source_server_id"], prevent_destroy: true } });
  });

  it("links the Redis caches when geo-replication is asked for, in the secondary's stack, giving up zones on both", () => {
    const built = synthOne({ ...staging, name: "geo", data: { ...staging.data, redis: { geoReplication: true } } });
    const primary = built.get("geo-westeurope-platform")!;
    const secondary = built.get("geo-northeurope-platform")!;
    expect(ofType(primary, "azurerm_redis_linked_server")).toEqual([]);
    expect(one(secondary, "azurerm_redis_linked_server")).toMatchObject({ server_role: "Secondary" });
    for (const s of [primary, secondary]) expect(one(s, "azurerm_redis_cache")).toMatchObject({ sku_name: "Premium", replicas_per_primary: 1 });
    expect(one(primary, "azurerm_redis_cache").zones ?? []).toEqual([]);
  });

  it("keeps every prod data store zone-redundant", () => {
    const envProd = environments.find((e) => e.environment.name === "prod")!;
    for (const platform of envProd.platform) {
      const s = stack(platform.node.id);
      expect(one(s, "azurerm_redis_cache").zones).toEqual(["1", "2", "3"]);
      expect(one(s, "azurerm_storage_account").account_replication_type).toBe("GZRS");
      expect(one(s, "azurerm_servicebus_namespace").sku).toBe("Premium");
      expect(platform.data.serviceBus.zoneRedundant).toBe(true);
      expect(platform.data.eventHubs.zoneRedundant).toBe(true);
      expect(one(s, "azurerm_kubernetes_cluster").default_node_pool.zones).toEqual(["1", "2", "3"]);
    }
    expect(one(stack("prod-westeurope-platform"), "azurerm_postgresql_flexible_server").high_availability).toMatchObject({ mode: "ZoneRedundant" });
  });
});
