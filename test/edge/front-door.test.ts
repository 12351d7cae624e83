import { CdnFrontdoorCustomDomain } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain";
import { CdnFrontdoorCustomDomainAssociation } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain-association";
import { CdnFrontdoorEndpoint } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint";
import { CdnFrontdoorFirewallPolicy } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy";
import { CdnFrontdoorOrigin } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-origin";
import { CdnFrontdoorOriginGroup } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group";
import { CdnFrontdoorProfile } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-profile";
import { CdnFrontdoorRoute } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-route";
import { CdnFrontdoorRule } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-rule";
import { CdnFrontdoorSecurityPolicy } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { TerraformOutput, TerraformVariable, Testing } from "cdktf";
import { FrontDoor, FrontDoorOrigin, FrontDoorProps } from "../../lib/edge/front-door";
import { planFailover } from "../../lib/edge/failover";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { errorsOf, evaluateStack, warningsOf } from "../../lib/policy/engine";
import { DEFAULT_RULES } from "../../lib/policy/rules";
import { expectValidationError, ref, resourceList, resourcesOf } from "../messaging/fixtures";
import { StackFixture, testStack } from "../network/fixtures";

const WEU: FrontDoorOrigin = { name: "westeurope", hostName: "20.50.1.10", originHostHeader: "shop.example.com" };
const NEU: FrontDoorOrigin = { name: "northeurope", hostName: "gw-neu.example.com", originHostHeader: "shop.example.com", priority: 2 };
const STANDARD: Partial<FrontDoorProps> = { sku: "Standard_AzureFrontDoor" };
const PLS_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop-prod/providers/Microsoft.Network/privateLinkServices/pls-gateway-weu";
const DNS_ZONE_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/dnszones/example.com";

function create(props: Partial<FrontDoorProps> = {}): { f: StackFixture; edge: FrontDoor } {
  const f = testStack();
  const edge = new FrontDoor(f.stack, "Edge", { resourceGroup: f.resourceGroup, namer: f.namer, origins: [WEU, NEU], ...props });
  return { f, edge };
}

function synth(props: Partial<FrontDoorProps> = {}): string {
  return Testing.synth(create(props).f.stack);
}

/** What `value` (a token) synthesizes to, read back through a Terraform output. */
function resolved(f: StackFixture, value: unknown): unknown {
  new TerraformOutput(f.stack, "Probe", { value });
  return (JSON.parse(Testing.synth(f.stack)) as { output: Record<string, { value: unknown }> }).output.Probe.value;
}

/** The one route named `name`. */
function route(out: string, name: string): Record<string, any> {
  const found = resourceList(out, "azurerm_cdn_frontdoor_route").filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one route named ${name}, found ${found.length}`);
  return found[0];
}

const EDGE_TYPES = [
  "azurerm_cdn_frontdoor_profile",
  "azurerm_cdn_frontdoor_endpoint",
  "azurerm_cdn_frontdoor_origin_group",
  "azurerm_cdn_frontdoor_origin",
  "azurerm_cdn_frontdoor_route",
  "azurerm_cdn_frontdoor_rule_set",
  "azurerm_cdn_frontdoor_rule",
  "azurerm_cdn_frontdoor_firewall_policy",
  "azurerm_cdn_frontdoor_security_policy",
];

describe("FrontDoor", () => {
  test("synthesizes the default Front Door", () => {
    const out = synth();
    expect(Object.fromEntries(EDGE_TYPES.map((type) => [type, resourcesOf(out, type)]))).toMatchSnapshot();
  });

  test("meets every Front Door rule of the policy pack, custom domains included", () => {
    const { f } = create({ customDomains: [{ hostName: "shop.example.com" }], caching: { cacheableApiPaths: ["/api/catalog/*"] } });
    const report = evaluateStack(f.stack, DEFAULT_RULES.filter((rule) => rule.id.startsWith("AZ-FD-")));
    expect([...errorsOf(report), ...warningsOf(report)]).toEqual([]);
    expect(report.findings.filter((finding) => finding.result === "compliant").length).toBeGreaterThan(0);
  });

  describe("profile and endpoint", () => {
    test("is Premium with a 60-second origin response timeout, named by the namer", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorProfile, {
        name: "afd-shop-prod-weu-yp91l",
        sku_name: "Premium_AzureFrontDoor",
        response_timeout_seconds: 60,
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("is Standard when asked", () => {
      expect(synth(STANDARD)).toHaveResourceWithProperties(CdnFrontdoorProfile, { sku_name: "Standard_AzureFrontDoor" });
    });

    test("takes the response timeout given", () => {
      expect(synth({ responseTimeoutSeconds: 240 })).toHaveResourceWithProperties(CdnFrontdoorProfile, { response_timeout_seconds: 240 });
    });

    test("has one enabled endpoint in the profile", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorEndpoint, {
        name: "fde-shop-prod-weu-upkd9",
        enabled: true,
        cdn_frontdoor_profile_id: ref("azurerm_cdn_frontdoor_profile", "Edge", "id"),
      });
    });

    test("puts the qualifier into the generated names", () => {
      expect(synth({ qualifier: "api" })).toHaveResourceWithProperties(CdnFrontdoorProfile, { name: expect.stringMatching(/^afd-shop-api-prod-weu-[a-z0-9]{5}$/) });
    });

    test("exposes the endpoint host name and the profile's X-Azure-FDID value as tokens", () => {
      const first = create();
      expect(resolved(first.f, first.edge.endpointHostName)).toEqual(ref("azurerm_cdn_frontdoor_endpoint", "Edge_Endpoint", "host_name"));
      const second = create();
      expect(resolved(second.f, second.edge.profileResourceGuid)).toEqual(ref("azurerm_cdn_frontdoor_profile", "Edge", "resource_guid"));
    });
  });

  describe("origins and health", () => {
    test("probes every origin with HEAD https://<origin>/healthz every 30 seconds", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, {
        health_probe: { path: "/healthz", protocol: "Https", request_type: "HEAD", interval_in_seconds: 30 },
      });
    });

    test("takes the probe path, method and interval given", () => {
      expect(synth({ healthProbe: { path: "/ready", requestType: "GET", intervalSeconds: 100 } })).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, {
        health_probe: { path: "/ready", protocol: "Https", request_type: "GET", interval_in_seconds: 100 },
      });
    });

    test("counts an origin healthy after 3 of 4 samples and spreads traffic across origins within 50 ms", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, {
        load_balancing: { sample_size: 4, successful_samples_required: 3, additional_latency_in_milliseconds: 50 },
      });
    });

    test("takes the load-balancing settings given", () => {
      expect(synth({ loadBalancing: { sampleSize: 6, successfulSamplesRequired: 2, additionalLatencyMilliseconds: 200 } })).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, {
        load_balancing: { sample_size: 6, successful_samples_required: 2, additional_latency_in_milliseconds: 200 },
      });
    });

    test("turns session affinity off (azurerm would turn it on)", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, { session_affinity_enabled: false });
    });

    test("turns session affinity on when asked", () => {
      expect(synth({ sessionAffinity: true })).toHaveResourceWithProperties(CdnFrontdoorOriginGroup, { session_affinity_enabled: true });
    });

    test("connects to origins over HTTPS, checking their certificate against the origin host header", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorOrigin, {
        name: "westeurope",
        host_name: "20.50.1.10",
        origin_host_header: "shop.example.com",
        https_port: 443,
        certificate_name_check_enabled: true,
        cdn_frontdoor_origin_group_id: ref("azurerm_cdn_frontdoor_origin_group", "Edge_OriginGroup", "id"),
      });
    });

    test("gives origins priority 1, weight 1000 and enables them by default", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorOrigin, { name: "westeurope", priority: 1, weight: 1000, enabled: true });
    });

    test("takes the priorities, weights and enabled flags given", () => {
      const out = synth({ origins: [WEU, { ...NEU, priority: 2, weight: 10, enabled: false }] });
      expect(out).toHaveResourceWithProperties(CdnFrontdoorOrigin, { name: "northeurope", priority: 2, weight: 10, enabled: false });
    });

    test("builds active-passive origins from a failover plan", () => {
      const plan = planFailover("active-passive", [{ name: "westeurope" }, { name: "northeurope" }]);
      const out = synth({ origins: plan.map((p) => ({ name: p.region, hostName: `gw-${p.region}.example.com`, originHostHeader: "shop.example.com", priority: p.priority, weight: p.weight })) });
      expect(out).toHaveResourceWithProperties(CdnFrontdoorOrigin, { name: "westeurope", priority: 1, weight: 1000 });
      expect(out).toHaveResourceWithProperties(CdnFrontdoorOrigin, { name: "northeurope", priority: 2, weight: 1000 });
    });

    test("accepts an origin host name that is a token, such as a cross-stack reference", () => {
      const f = testStack();
      const ip = new TerraformVariable(f.stack, "gatewayIp", { type: "string" });
      new FrontDoor(f.stack, "Edge", { resourceGroup: f.resourceGroup, namer: f.namer, origins: [{ ...WEU, hostName: ip.stringValue }] });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(CdnFrontdoorOrigin, { host_name: "${var.gatewayIp}" });
    });

    test("reaches an origin over Private Link on Premium", () => {
      const out = synth({ origins: [{ ...WEU, hostName: "10.10.4.4", privateLink: { targetId: PLS_ID, location: "westeurope", requestMessage: "Front Door shop-prod" } }] });
      expect(out).toHaveResourceWithProperties(CdnFrontdoorOrigin, {
        host_name: "10.10.4.4",
        certificate_name_check_enabled: true,
        private_link: { private_link_target_id: PLS_ID, location: "westeurope", request_message: "Front Door shop-prod" },
      });
    });

    test("exposes the origins by name", () => {
      const { edge } = create();
      expect([...edge.origins.keys()]).toEqual(["westeurope", "northeurope"]);
    });
  });

  describe("routes", () => {
    test("forwards everything (/*) to the origin group over HTTPS only, redirecting HTTP to HTTPS", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorRoute, {
        name: "default",
        patterns_to_match: ["/*"],
        forwarding_protocol: "HttpsOnly",
        https_redirect_enabled: true,
        supported_protocols: ["Http", "Https"],
        link_to_default_domain: true,
        cdn_frontdoor_endpoint_id: ref("azurerm_cdn_frontdoor_endpoint", "Edge_Endpoint", "id"),
        cdn_frontdoor_origin_group_id: ref("azurerm_cdn_frontdoor_origin_group", "Edge_OriginGroup", "id"),
        cdn_frontdoor_origin_ids: [ref("azurerm_cdn_frontdoor_origin", "Edge_Origin-westeurope", "id"), ref("azurerm_cdn_frontdoor_origin", "Edge_Origin-northeurope", "id")],
      });
    });

    test("never caches on the default route", () => {
      const defaultRoute = route(synth(), "default");
      expect(defaultRoute.cache).toBeUndefined();
      expect(defaultRoute.cdn_frontdoor_rule_set_ids).toBeUndefined();
    });

    test("caches /static/* and /assets/* ignoring the query string, compressed, on a route of their own", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorRoute, {
        name: "static-assets",
        patterns_to_match: ["/static/*", "/assets/*"],
        forwarding_protocol: "HttpsOnly",
        https_redirect_enabled: true,
        cache: { query_string_caching_behavior: "IgnoreQueryString", compression_enabled: true, content_types_to_compress: expect.arrayContaining(["text/html", "text/css", "application/javascript", "application/json", "image/svg+xml"]) },
        cdn_frontdoor_rule_set_ids: [ref("azurerm_cdn_frontdoor_rule_set", "Edge_CacheRules", "id")],
      });
    });

    test("caches the static patterns given", () => {
      expect(route(synth({ caching: { staticPathPatterns: ["/img/*", "/favicon.ico"] } }), "static-assets").patterns_to_match).toEqual(["/img/*", "/favicon.ico"]);
    });

    test("creates no API route unless cacheable APIs are named", () => {
      expect(resourceList(synth(), "azurerm_cdn_frontdoor_route").map((r) => r.name)).toEqual(["default", "static-assets"]);
    });

    test("caches cacheable GET APIs keyed by the full query string", () => {
      expect(synth({ caching: { cacheableApiPaths: ["/api/catalog/*"] } })).toHaveResourceWithProperties(CdnFrontdoorRoute, {
        name: "cacheable-apis",
        patterns_to_match: ["/api/catalog/*"],
        cache: expect.objectContaining({ query_string_caching_behavior: "UseQueryString", compression_enabled: true }),
        cdn_frontdoor_rule_set_ids: [ref("azurerm_cdn_frontdoor_rule_set", "Edge_CacheRules", "id")],
      });
    });

    test("compresses the content types given", () => {
      expect(route(synth({ caching: { contentTypesToCompress: ["application/json"] } }), "static-assets").cache.content_types_to_compress).toEqual(["application/json"]);
    });

    test("passes ACME HTTP-01 challenges through over plain HTTP when told, without redirect or cache", () => {
      const out = synth({ acmeChallengePassthrough: true, customDomains: [{ hostName: "shop.example.com" }] });
      const acme = route(out, "acme-challenge");
      expect(acme).toMatchObject({ patterns_to_match: ["/.well-known/acme-challenge/*"], supported_protocols: ["Http"], https_redirect_enabled: false, forwarding_protocol: "HttpOnly" });
      expect(acme.cache).toBeUndefined();
      expect(acme.cdn_frontdoor_custom_domain_ids).toEqual([ref("azurerm_cdn_frontdoor_custom_domain", "Edge_CustomDomain-shop-example-com", "id")]);
      expect(route(out, "default")).toMatchObject({ forwarding_protocol: "HttpsOnly", https_redirect_enabled: true });
    });

    test("creates no challenge route by default, and origins answer HTTP on port 80 for it", () => {
      const out = synth();
      expect(resourceList(out, "azurerm_cdn_frontdoor_route").map((r) => r.name)).not.toContain("acme-challenge");
      expect(resourceList(out, "azurerm_cdn_frontdoor_origin").map((o) => o.http_port)).toEqual([80, 80]);
    });

    test("has only the default route and no rule set when caching is off", () => {
      const out = synth({ caching: false });
      expect(resourceList(out, "azurerm_cdn_frontdoor_route").map((r) => r.name)).toEqual(["default"]);
      expect(resourceList(out, "azurerm_cdn_frontdoor_rule_set")).toHaveLength(0);
    });
  });

  describe("cache rules", () => {
    test("keeps static assets for 7 days whatever the origin says and tells browsers so", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorRule, {
        name: "StaticAssetsPrefixes",
        cdn_frontdoor_rule_set_id: ref("azurerm_cdn_frontdoor_rule_set", "Edge_CacheRules", "id"),
        conditions: { url_path_condition: [{ operator: "BeginsWith", match_values: ["static/", "assets/"], negate_condition: false }] },
        actions: {
          route_configuration_override_action: { cache_behavior: "OverrideAlways", cache_duration: "7.00:00:00", query_string_caching_behavior: "IgnoreQueryString", compression_enabled: true },
          response_header_action: [{ header_action: "Overwrite", header_name: "Cache-Control", value: "public, max-age=604800" }],
        },
      });
    });

    test("keeps static assets for the days given", () => {
      expect(synth({ caching: { staticTtlDays: 30 } })).toHaveResourceWithProperties(CdnFrontdoorRule, {
        name: "StaticAssetsPrefixes",
        actions: {
          route_configuration_override_action: expect.objectContaining({ cache_duration: "30.00:00:00" }),
          response_header_action: [expect.objectContaining({ value: "public, max-age=2592000" })],
        },
      });
    });

    test("keeps API answers for 60 seconds keyed by the query string, unless the origin's Cache-Control says otherwise", () => {
      const out = synth({ caching: { cacheableApiPaths: ["/api/catalog/*"] } });
      expect(out).toHaveResourceWithProperties(CdnFrontdoorRule, {
        name: "CacheableApisPrefixes",
        conditions: { url_path_condition: [expect.objectContaining({ operator: "BeginsWith", match_values: ["api/catalog/"] })] },
        actions: {
          route_configuration_override_action: expect.objectContaining({ cache_behavior: "OverrideIfOriginMissing", cache_duration: "00:01:00", query_string_caching_behavior: "UseQueryString" }),
        },
      });
      // The origin's Cache-Control (private, no-store) reaches the client and the edge unchanged.
      const rule = resourceList(out, "azurerm_cdn_frontdoor_rule").find((r) => r.name === "CacheableApisPrefixes")!;
      expect(rule.actions.response_header_action).toBeUndefined();
    });

    test("matches exact paths with a rule of their own", () => {
      expect(synth({ caching: { staticPathPatterns: ["/static/*", "/favicon.ico"] } })).toHaveResourceWithProperties(CdnFrontdoorRule, {
        name: "StaticAssetsPaths",
        conditions: { url_path_condition: [expect.objectContaining({ operator: "Equal", match_values: ["favicon.ico"] })] },
      });
    });

    test("keeps API answers for the seconds given", () => {
      expect(synth({ caching: { cacheableApiPaths: ["/api/catalog/*"], apiTtlSeconds: 90_061 } })).toHaveResourceWithProperties(CdnFrontdoorRule, {
        name: "CacheableApisPrefixes",
        actions: expect.objectContaining({ route_configuration_override_action: expect.objectContaining({ cache_duration: "1.01:01:01" }) }),
      });
    });
  });

  describe("custom domains", () => {
    test("serves a custom domain with a managed certificate and TLS 1.2 at least", () => {
      expect(synth({ customDomains: [{ hostName: "shop.example.com", dnsZoneId: DNS_ZONE_ID }] })).toHaveResourceWithProperties(CdnFrontdoorCustomDomain, {
        name: "shop-example-com",
        host_name: "shop.example.com",
        dns_zone_id: DNS_ZONE_ID,
        cdn_frontdoor_profile_id: ref("azurerm_cdn_frontdoor_profile", "Edge", "id"),
        tls: { certificate_type: "ManagedCertificate", minimum_tls_version: "TLS12" },
      });
    });

    test("serves the custom domains on every route", () => {
      const out = synth({ customDomains: [{ hostName: "shop.example.com" }], caching: { cacheableApiPaths: ["/api/catalog/*"] } });
      const domain = ref("azurerm_cdn_frontdoor_custom_domain", "Edge_CustomDomain-shop-example-com", "id");
      for (const name of ["default", "static-assets", "cacheable-apis"]) expect(route(out, name).cdn_frontdoor_custom_domain_ids).toEqual([domain]);
      expect(out).toHaveResourceWithProperties(CdnFrontdoorCustomDomainAssociation, {
        cdn_frontdoor_custom_domain_id: domain,
        cdn_frontdoor_route_ids: [
          ref("azurerm_cdn_frontdoor_route", "Edge_DefaultRoute", "id"),
          ref("azurerm_cdn_frontdoor_route", "Edge_StaticRoute", "id"),
          ref("azurerm_cdn_frontdoor_route", "Edge_ApiRoute", "id"),
        ],
      });
    });

    test("exposes the validation tokens by custom domain name", () => {
      const { f, edge } = create({ customDomains: [{ hostName: "shop.example.com" }] });
      expect(resolved(f, edge.customDomainValidationTokens)).toEqual({
        "shop-example-com": ref("azurerm_cdn_frontdoor_custom_domain", "Edge_CustomDomain-shop-example-com", "validation_token"),
      });
    });

    test("accepts a host name that is a token when the domain is named", () => {
      const f = testStack();
      const host = new TerraformVariable(f.stack, "host", { type: "string" });
      new FrontDoor(f.stack, "Edge", { resourceGroup: f.resourceGroup, namer: f.namer, origins: [WEU], customDomains: [{ hostName: host.stringValue, name: "shop" }] });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(CdnFrontdoorCustomDomain, { name: "shop", host_name: "${var.host}" });
    });
  });

  describe("web application firewall", () => {
    test("runs in Prevention mode with request body inspection by default", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, {
        name: "fdfwshopprodweuecqh7",
        mode: "Prevention",
        enabled: true,
        request_body_check_enabled: true,
        sku_name: "Premium_AzureFrontDoor",
      });
    });

    test("runs in Detection mode when asked", () => {
      expect(synth({ waf: { mode: "Detection" } })).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, { mode: "Detection" });
    });

    test("runs the default rule set 2.1 and the bot manager rule set 1.1, blocking, on Premium", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, {
        managed_rule: [
          { type: "Microsoft_DefaultRuleSet", version: "2.1", action: "Block" },
          { type: "Microsoft_BotManagerRuleSet", version: "1.1", action: "Block" },
        ],
      });
    });

    test("runs custom rules only on Standard, with the policy on the profile's sku", () => {
      const [policy] = resourceList(synth(STANDARD), "azurerm_cdn_frontdoor_firewall_policy");
      expect(policy.sku_name).toBe("Standard_AzureFrontDoor");
      expect(policy.managed_rule).toBeUndefined();
      expect(policy.custom_rule.map((r: { name: string }) => r.name)).toEqual(["RateLimitPerClientIp"]);
    });

    test("turns the managed rule sets off on Premium when asked", () => {
      expect(resourceList(synth({ waf: { managedRuleSets: false } }), "azurerm_cdn_frontdoor_firewall_policy")[0].managed_rule).toBeUndefined();
    });

    test("blocks a client socket address above 1000 requests per minute", () => {
      expect(synth()).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, {
        custom_rule: [
          {
            name: "RateLimitPerClientIp",
            type: "RateLimitRule",
            priority: 100,
            enabled: true,
            action: "Block",
            rate_limit_duration_in_minutes: 1,
            rate_limit_threshold: 1000,
            match_condition: [{ match_variable: "RequestHeader", selector: "Host", operator: "GreaterThan", match_values: ["0"], negation_condition: false }],
          },
        ],
      });
    });

    test("takes the rate limit and action given", () => {
      expect(synth({ waf: { rateLimit: { requestsPerMinute: 300, action: "Log" } } })).toHaveResourceWithProperties(CdnFrontdoorFirewallPolicy, {
        custom_rule: [expect.objectContaining({ name: "RateLimitPerClientIp", rate_limit_threshold: 300, action: "Log" })],
      });
    });

    test("adds the custom rules given after the rate-limit rule", () => {
      const geo = { name: "BlockOutsideEu", type: "MatchRule", priority: 10, action: "Block", matchCondition: [{ matchVariable: "SocketAddr", operator: "GeoMatch", negationCondition: true, matchValues: ["DE", "FR", "NL"] }] };
      const [policy] = resourceList(synth({ waf: { customRules: [geo] } }), "azurerm_cdn_frontdoor_firewall_policy");
      expect(policy.custom_rule.map((r: { name: string }) => r.name)).toEqual(["RateLimitPerClientIp", "BlockOutsideEu"]);
      expect(policy.custom_rule[1]).toMatchObject({ priority: 10, match_condition: [{ match_variable: "SocketAddr", operator: "GeoMatch", match_values: ["DE", "FR", "NL"] }] });
    });

    test("has no rate-limit rule when it is turned off", () => {
      expect(resourceList(synth({ waf: { rateLimit: false } }), "azurerm_cdn_frontdoor_firewall_policy")[0].custom_rule).toBeUndefined();
    });

    test("attaches the policy to the endpoint and every custom domain", () => {
      expect(synth({ customDomains: [{ hostName: "shop.example.com" }, { hostName: "www.example.com" }] })).toHaveResourceWithProperties(CdnFrontdoorSecurityPolicy, {
        cdn_frontdoor_profile_id: ref("azurerm_cdn_frontdoor_profile", "Edge", "id"),
        security_policies: {
          firewall: {
            cdn_frontdoor_firewall_policy_id: ref("azurerm_cdn_frontdoor_firewall_policy", "Edge_FirewallPolicy", "id"),
            association: {
              patterns_to_match: ["/*"],
              domain: [
                { cdn_frontdoor_domain_id: ref("azurerm_cdn_frontdoor_endpoint", "Edge_Endpoint", "id") },
                { cdn_frontdoor_domain_id: ref("azurerm_cdn_frontdoor_custom_domain", "Edge_CustomDomain-shop-example-com", "id") },
                { cdn_frontdoor_domain_id: ref("azurerm_cdn_frontdoor_custom_domain", "Edge_CustomDomain-www-example-com", "id") },
              ],
            },
          },
        },
      });
    });

    test("has no WAF policy or security policy when the WAF is turned off", () => {
      const out = synth({ waf: false });
      expect(resourceList(out, "azurerm_cdn_frontdoor_firewall_policy")).toHaveLength(0);
      expect(resourceList(out, "azurerm_cdn_frontdoor_security_policy")).toHaveLength(0);
    });
  });

  describe("monitoring", () => {
    test("sends access, health probe and WAF logs and all metrics to Log Analytics", () => {
      const f = testStack();
      const logs = new LogAnalytics(f.stack, "Logs", { resourceGroup: f.resourceGroup, namer: f.namer });
      new FrontDoor(f.stack, "Edge", { resourceGroup: f.resourceGroup, namer: f.namer, origins: [WEU], logAnalytics: logs });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: ref("azurerm_cdn_frontdoor_profile", "Edge", "id"),
        log_analytics_destination_type: "AzureDiagnostics",
        enabled_log: [{ category: "FrontDoorAccessLog" }, { category: "FrontDoorHealthProbeLog" }, { category: "FrontDoorWebApplicationFirewallLog" }],
        enabled_metric: [{ category: "AllMetrics" }],
      });
    });

    test("has no diagnostic settings without a workspace", () => {
      expect(resourceList(synth(), "azurerm_monitor_diagnostic_setting")).toHaveLength(0);
    });
  });

  describe("validation", () => {
    test("fails when there are no origins", () => {
      expectValidationError(() => create({ origins: [] }), "frontDoor.origins: is empty: Front Door needs at least one origin (got []); add the regional gateways as origins");
    });

    test("fails when two origins share a name", () => {
      expectValidationError(() => create({ origins: [WEU, { ...NEU, name: "westeurope" }] }), 'frontDoor.origins[1].name: repeats the origin at index 0 (got "westeurope"); give every origin its own name');
    });

    test.each([0, 6])("fails when an origin has priority %i", (priority) => {
      expectValidationError(() => create({ origins: [{ ...WEU, priority }] }), `frontDoor.origins[0].priority: is out of range (got ${priority}); use 1 to 5`);
    });

    test.each([0, 1001])("fails when an origin has weight %i", (weight) => {
      expectValidationError(() => create({ origins: [{ ...WEU, weight }] }), `frontDoor.origins[0].weight: is out of range (got ${weight}); use 1 to 1000`);
    });

    test("fails when an origin uses Private Link on Standard", () => {
      expectValidationError(
        () => create({ ...STANDARD, origins: [{ ...WEU, privateLink: { targetId: PLS_ID, location: "westeurope" } }] }),
        `frontDoor.origins[0].privateLink: needs the Premium_AzureFrontDoor sku (the sku is "Standard_AzureFrontDoor") (got "${PLS_ID}"); use sku "Premium_AzureFrontDoor", or reach the origin over the internet`,
      );
    });

    test("fails when a Private Link target other than a Private Link service has no target type", () => {
      const storage = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stshop";
      expectValidationError(() => create({ origins: [{ ...WEU, privateLink: { targetId: storage, location: "westeurope" } }] }), /^frontDoor\.origins\[0\]\.privateLink\.targetType: is required unless the target is a Private Link service/);
    });

    test("fails when the Private Link location is not a region", () => {
      expectValidationError(() => create({ origins: [{ ...WEU, privateLink: { targetId: PLS_ID, location: "West Europe" } }] }), /^frontDoor\.origins\[0\]\.privateLink\.location: is not a supported Azure region \(got "West Europe"\); did you mean "westeurope"\?/);
    });

    test("fails when managed rule sets are asked for on Standard", () => {
      expectValidationError(
        () => create({ ...STANDARD, waf: { managedRuleSets: true } }),
        'frontDoor.waf.managedRuleSets: need the Premium_AzureFrontDoor sku: a Standard WAF policy runs custom rules only (no Microsoft_DefaultRuleSet, no bot protection) (got true); use sku "Premium_AzureFrontDoor", or set managedRuleSets to false',
      );
    });

    test.each([0, 256])("fails when the probe interval is %i seconds", (seconds) => {
      expectValidationError(() => create({ healthProbe: { intervalSeconds: seconds } }), `frontDoor.healthProbe.intervalSeconds: is out of range (got ${seconds}); use 1 to 255`);
    });

    test("fails when the probe path is not absolute", () => {
      expectValidationError(() => create({ healthProbe: { path: "healthz" } }), /^frontDoor\.healthProbe\.path: has an invalid format \(got "healthz"\)/);
    });

    test.each([15, 241])("fails when the response timeout is %i seconds", (seconds) => {
      expectValidationError(() => create({ responseTimeoutSeconds: seconds }), `frontDoor.responseTimeoutSeconds: is out of range (got ${seconds}); use 16 to 240`);
    });

    test("fails when more successful samples are required than taken", () => {
      expectValidationError(() => create({ loadBalancing: { sampleSize: 2, successfulSamplesRequired: 3 } }), "frontDoor.loadBalancing.successfulSamplesRequired: exceeds sampleSize (2) (got 3); use 0 to 2");
    });

    test("fails when the additional latency exceeds a second", () => {
      expectValidationError(() => create({ loadBalancing: { additionalLatencyMilliseconds: 1001 } }), "frontDoor.loadBalancing.additionalLatencyMilliseconds: is out of range (got 1001); use 0 to 1000");
    });

    test("fails when a path pattern does not start with a slash", () => {
      expectValidationError(
        () => create({ caching: { staticPathPatterns: ["static/*"] } }),
        'frontDoor.caching.staticPathPatterns[0]: has an invalid format (got "static/*"); start with "/", use URL path characters, and put a "*" only at the end (e.g. "/static/*")',
      );
    });

    test("fails when a path pattern has a wildcard in the middle", () => {
      expectValidationError(() => create({ caching: { cacheableApiPaths: ["/api/*/items"] } }), /^frontDoor\.caching\.cacheableApiPaths\[0\]: has an invalid format \(got "\/api\/\*\/items"\)/);
    });

    test("fails when a caching pattern would take over the default route", () => {
      expectValidationError(() => create({ caching: { cacheableApiPaths: ["/*"] } }), 'frontDoor.caching.cacheableApiPaths[0]: would take over the default route, which must stay uncached (got "/*"); use a narrower pattern such as "/static/*"');
    });

    test("fails when a pattern is both static and API", () => {
      expectValidationError(() => create({ caching: { cacheableApiPaths: ["/static/*"] } }), 'frontDoor.caching.cacheableApiPaths[0]: repeats frontDoor.caching.staticPathPatterns[0] (got "/static/*"); list each pattern once, on one route');
    });

    test("fails when the static TTL exceeds a year", () => {
      expectValidationError(() => create({ caching: { staticTtlDays: 366 } }), "frontDoor.caching.staticTtlDays: is out of range (got 366); use 1 to 365");
    });

    test("fails when a content type cannot be compressed by Front Door", () => {
      expectValidationError(() => create({ caching: { contentTypesToCompress: ["image/png"] } }), /^frontDoor\.caching\.contentTypesToCompress\[0\]: is not an allowed value \(got "image\/png"\)/);
    });

    test("fails when an origin host name is neither an IP address nor an FQDN", () => {
      expectValidationError(() => create({ origins: [{ ...WEU, hostName: "gateway west" }] }), 'frontDoor.origins[0].hostName: is not an IP address or a fully qualified domain name (got "gateway west"); use an IP address or a host name such as "shop.example.com"');
    });

    test("fails when the origin host header is an IP address", () => {
      expectValidationError(() => create({ origins: [{ ...WEU, originHostHeader: "20.50.1.10" }] }), /^frontDoor\.origins\[0\]\.originHostHeader: is not a fully qualified domain name \(got "20\.50\.1\.10"\)/);
    });

    test("fails when a custom domain is not a host name", () => {
      expectValidationError(() => create({ customDomains: [{ hostName: "https://shop.example.com" }] }), /^frontDoor\.customDomains\[0\]\.hostName: is not a fully qualified domain name/);
    });

    test("fails when a custom domain is a wildcard", () => {
      expectValidationError(() => create({ customDomains: [{ hostName: "*.example.com" }] }), /^frontDoor\.customDomains\[0\]\.hostName: is a wildcard domain, which needs a customer certificate/);
    });

    test("fails when a custom domain is listed twice", () => {
      expectValidationError(() => create({ customDomains: [{ hostName: "shop.example.com" }, { hostName: "shop.example.com", name: "shop2" }] }), 'frontDoor.customDomains[1].hostName: repeats the custom domain at index 0 (got "shop.example.com"); list each domain once');
    });

    test("fails when a custom rule takes the rate-limit rule's priority", () => {
      expectValidationError(
        () => create({ waf: { customRules: [{ name: "AllowOffice", type: "MatchRule", priority: 100, action: "Allow", matchCondition: [{ matchVariable: "RemoteAddr", operator: "IPMatch", matchValues: ["203.0.113.0/24"] }] }] } }),
        "frontDoor.waf.customRules[0].priority: is already used by rule RateLimitPerClientIp (got 100); give every custom rule its own priority",
      );
    });

    test("fails when the rate limit is zero", () => {
      expectValidationError(() => create({ waf: { rateLimit: { requestsPerMinute: 0 } } }), "frontDoor.waf.rateLimit.requestsPerMinute: is out of range (got 0); use 1 to 1000000");
    });
  });
});
