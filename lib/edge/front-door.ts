import { CdnFrontdoorCustomDomain } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain";
import { CdnFrontdoorCustomDomainAssociation } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain-association";
import { CdnFrontdoorEndpoint } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint";
import { CdnFrontdoorFirewallPolicy, CdnFrontdoorFirewallPolicyCustomRule, CdnFrontdoorFirewallPolicyManagedRule } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy";
import { CdnFrontdoorOrigin } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-origin";
import { CdnFrontdoorOriginGroup } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group";
import { CdnFrontdoorProfile } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-profile";
import { CdnFrontdoorRoute, CdnFrontdoorRouteConfig } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-route";
import { CdnFrontdoorRule, CdnFrontdoorRuleConditionsUrlPathCondition } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-rule";
import { CdnFrontdoorRuleSet } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-rule-set";
import { CdnFrontdoorSecurityPolicy } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Construct } from "constructs";
import * as ipaddr from "ipaddr.js";
import { ValidationError } from "../core/errors";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { region as lookupRegion } from "../core/regions";
import { isUnresolved, validateEnum, validatePattern, validateRange } from "../core/validate";
import { DiagnosticSettings } from "../observability/diagnostic-settings";
import { LogAnalytics } from "../observability/log-analytics";
import { MAX_ORIGIN_PRIORITY, MAX_EDGE_WEIGHT } from "./failover";

/** Front Door tier. Premium adds managed WAF rule sets, bot protection and Private Link origins. */
export type FrontDoorSku = "Premium_AzureFrontDoor" | "Standard_AzureFrontDoor";

const SKUS: readonly FrontDoorSku[] = ["Premium_AzureFrontDoor", "Standard_AzureFrontDoor"];
const PREMIUM: FrontDoorSku = "Premium_AzureFrontDoor";

/** Private Link target types azurerm accepts for a Front Door origin (none for a Private Link service). */
const PRIVATE_LINK_TARGET_TYPES = ["blob", "blob_secondary", "Gateway", "managedEnvironments", "sites", "web", "web_secondary"] as const;

/** Content types Front Door can compress (azurerm's list for `content_types_to_compress`). */
export const FRONT_DOOR_COMPRESSIBLE_CONTENT_TYPES: readonly string[] = [
  "application/eot", "application/font", "application/font-sfnt", "application/javascript", "application/json",
  "application/opentype", "application/otf", "application/pkcs7-mime", "application/truetype", "application/ttf",
  "application/vnd.ms-fontobject", "application/xhtml+xml", "application/xml", "application/xml+rss",
  "application/x-font-opentype", "application/x-font-truetype", "application/x-font-ttf", "application/x-httpd-cgi",
  "application/x-mpegurl", "application/x-opentype", "application/x-otf", "application/x-perl", "application/x-ttf",
  "application/x-javascript", "font/eot", "font/ttf", "font/otf", "font/opentype", "image/svg+xml", "text/css",
  "text/csv", "text/html", "text/javascript", "text/js", "text/plain", "text/richtext", "text/tab-separated-values",
  "text/xml", "text/x-script", "text/x-component", "text/x-java-source",
];

/** The text formats web applications serve most; binary formats (images, video, archives) are already compressed. */
export const DEFAULT_COMPRESSED_CONTENT_TYPES: readonly string[] = [
  "text/html", "text/css", "text/plain", "text/xml", "text/javascript", "application/javascript", "application/x-javascript",
  "application/json", "application/xml", "application/xhtml+xml", "image/svg+xml", "font/ttf", "font/otf", "application/vnd.ms-fontobject",
];

const DEFAULT_STATIC_PATTERNS = ["/static/*", "/assets/*"];
const SECONDS_PER_DAY = 86_400;
const MAX_ORIGINS_PER_GROUP = 50;
const MAX_CUSTOM_DOMAINS: Record<FrontDoorSku, number> = { Standard_AzureFrontDoor: 100, Premium_AzureFrontDoor: 200 };

/** The managed rule sets of a Premium WAF policy: OWASP-based default rule set and bot protection. */
export const FRONT_DOOR_MANAGED_RULE_SETS: ReadonlyArray<{ readonly type: string; readonly version: string }> = [
  { type: "Microsoft_DefaultRuleSet", version: "2.1" },
  { type: "Microsoft_BotManagerRuleSet", version: "1.1" },
];

/** Name of the built-in rate-limit rule of the WAF policy. */
export const RATE_LIMIT_RULE_NAME = "RateLimitPerClientIp";
const RATE_LIMIT_RULE_PRIORITY = 100;

/** A Private Link connection from Front Door (Premium) to an origin that has no public endpoint. */
export interface FrontDoorPrivateLink {
  /**
   * Resource ID of the Private Link target: a Private Link service in front of an internal load balancer (the usual
   * case for a regional gateway), or a storage account, App Service, Container Apps environment, Application Gateway.
   */
  readonly targetId: string;
  /** Region of the target (`westeurope`). */
  readonly location: string;
  /**
   * Message shown to whoever approves the private endpoint connection (1-140 characters).
   * @default "Access request for CDN FrontDoor Private Link Origin" (the azurerm default)
   */
  readonly requestMessage?: string;
  /**
   * Sub-resource of the target (`blob`, `sites`, `web`, `managedEnvironments`, `Gateway`, …). Leave unset for a
   * Private Link service.
   * @default - none (a Private Link service)
   */
  readonly targetType?: (typeof PRIVATE_LINK_TARGET_TYPES)[number];
}

/** One origin (a regional gateway) behind Front Door. */
export interface FrontDoorOrigin {
  /** Origin name, unique within the Front Door (3-50 letters, digits and hyphens), e.g. the region name. */
  readonly name: string;
  /** IP address or FQDN Front Door connects to; may be an unresolved token (a cross-stack reference). */
  readonly hostName: string;
  /**
   * Host header sent to the origin: the hostname the origin's TLS certificate and routes serve. Front Door checks the
   * certificate against it.
   */
  readonly originHostHeader: string;
  /**
   * Priority, 1 (serves first) to 5. Origins of a lower priority get traffic only when every origin of a higher one is
   * unhealthy: 1 and 2 make active-passive; all 1 make active-active.
   * @default 1
   */
  readonly priority?: number;
  /**
   * Weight among origins of the same priority, 1 to 1000.
   * @default 1000
   */
  readonly weight?: number;
  /**
   * Whether the origin takes traffic.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Reach the origin over Private Link instead of the internet (Premium only). The origin owner must approve the
   * private endpoint connection Front Door requests.
   * @default - over the internet
   */
  readonly privateLink?: FrontDoorPrivateLink;
}

/** How Front Door probes origin health. */
export interface FrontDoorHealthProbe {
  /**
   * Path probed on every origin (over HTTPS, with the origin host header).
   * @default "/healthz"
   */
  readonly path?: string;
  /**
   * `HEAD` avoids transferring a body; use `GET` when the health endpoint does not answer HEAD.
   * @default "HEAD"
   */
  readonly requestType?: "HEAD" | "GET";
  /**
   * Seconds between probes from each Front Door point of presence, 1 to 255. Lower detects failures sooner at the
   * price of more probe traffic (every POP probes every origin).
   * @default 30
   */
  readonly intervalSeconds?: number;
}

/** How Front Door decides that an origin is healthy and which healthy origins share traffic. */
export interface FrontDoorLoadBalancing {
  /**
   * Probe results considered for the health decision, 0 to 255.
   * @default 4
   */
  readonly sampleSize?: number;
  /**
   * Successful probes among `sampleSize` for an origin to count as healthy, 0 to 255 and at most `sampleSize`.
   * @default 3
   */
  readonly successfulSamplesRequired?: number;
  /**
   * Origins whose latency is within this many milliseconds of the fastest one share traffic (by weight), 0 to 1000.
   * This is what spreads active-active traffic across regions that are "close enough" instead of sending everything
   * to the nearest one.
   * @default 50
   */
  readonly additionalLatencyMilliseconds?: number;
}

/** CDN caching on dedicated routes; the default route (`/*`) never caches. */
export interface FrontDoorCaching {
  /**
   * Path patterns of static assets (`/static/*`, `/favicon.ico`): cached for `staticTtlDays` whatever the origin says,
   * ignoring the query string, compressed. Each starts with `/`; a `*` may only end it.
   * @default ["/static/*", "/assets/*"]
   */
  readonly staticPathPatterns?: string[];
  /**
   * Days the edge keeps static assets, 1 to 365; browsers are told the same in `Cache-Control`.
   * @default 7
   */
  readonly staticTtlDays?: number;
  /**
   * Path patterns of GET APIs whose answers may be shared between users, cached keyed by the full query string. Front
   * Door caches only GET (and HEAD) responses, so other methods on these paths always reach the origin.
   * @default - none
   */
  readonly cacheableApiPaths?: string[];
  /**
   * Seconds the edge keeps API answers, 1 to 31536000 (365 days).
   * @default 60
   */
  readonly apiTtlSeconds?: number;
  /**
   * Content types compressed on the cached routes.
   * @default text/html, text/css, text/plain, text/xml, text/javascript, application/javascript, application/json,
   * application/xml, application/xhtml+xml, image/svg+xml and web fonts
   */
  readonly contentTypesToCompress?: string[];
}

/** A custom domain served by Front Door with a Front Door managed certificate. */
export interface FrontDoorCustomDomain {
  /** The domain (`shop.example.com`). Wildcard domains need a customer certificate and are not supported here. */
  readonly hostName: string;
  /**
   * Azure DNS zone that holds the domain; lets Front Door validate it there.
   * @default - validate through the `_dnsauth.<hostName>` TXT record carrying the validation token
   */
  readonly dnsZoneId?: string;
  /**
   * Name of the custom domain resource (2-260 letters, digits and hyphens); required when `hostName` is a token.
   * @default the host name with dots replaced by hyphens
   */
  readonly name?: string;
}

/** The rate-limit rule of the WAF policy. */
export interface FrontDoorRateLimit {
  /**
   * Requests one client socket address may send per minute before the rule acts, 1 to 1000000.
   * @default 1000
   */
  readonly requestsPerMinute?: number;
  /**
   * What happens above the limit for the rest of the minute.
   * @default "Block"
   */
  readonly action?: "Block" | "Log";
}

/** The web application firewall in front of every domain of the Front Door. */
export interface FrontDoorWaf {
  /**
   * `Prevention` blocks what the rules match; `Detection` only logs it (for tuning).
   * @default "Prevention"
   */
  readonly mode?: "Prevention" | "Detection";
  /**
   * Run the managed rule sets: Microsoft_DefaultRuleSet 2.1 and Microsoft_BotManagerRuleSet 1.1, action Block. Premium
   * only: a Standard policy runs custom rules alone.
   * @default true on Premium, false on Standard
   */
  readonly managedRuleSets?: boolean;
  /**
   * Per-client rate limit, or false for none.
   * @default 1000 requests per minute per socket address, blocked above
   */
  readonly rateLimit?: FrontDoorRateLimit | false;
  /**
   * Further custom rules (geo filtering, IP allow lists, …), an escape hatch in azurerm's terms. Their names and
   * priorities must differ from the rate-limit rule's (`RateLimitPerClientIp`, priority 100).
   * @default - none
   */
  readonly customRules?: CdnFrontdoorFirewallPolicyCustomRule[];
  /**
   * Inspect request bodies.
   * @default true
   */
  readonly requestBodyCheck?: boolean;
}

/** Props of {@link FrontDoor}. */
export interface FrontDoorProps {
  /** Resource group of the profile and its WAF policy (Front Door itself is global). */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment. */
  readonly namer: ResourceNamer;
  /**
   * Word that tells this Front Door apart from others of the environment; goes into the generated names.
   * @default - none
   */
  readonly qualifier?: string;
  /**
   * Tier. Managed WAF rule sets, bot protection and Private Link origins need Premium.
   * @default "Premium_AzureFrontDoor"
   */
  readonly sku?: FrontDoorSku;
  /** The origins (regional gateways), at least one. Front Door reaches them over HTTPS only and checks their certificate. */
  readonly origins: FrontDoorOrigin[];
  /**
   * Health probe settings.
   * @default HEAD https://<origin>/healthz every 30 seconds
   */
  readonly healthProbe?: FrontDoorHealthProbe;
  /**
   * Health decision and latency sensitivity.
   * @default 3 of 4 samples, 50 ms additional latency
   */
  readonly loadBalancing?: FrontDoorLoadBalancing;
  /**
   * Send a client back to the origin that served it (a cookie). Stateless services behind a gateway do not need it,
   * and it keeps a client on an origin that has become slow.
   * @default false
   */
  readonly sessionAffinity?: boolean;
  /**
   * Seconds Front Door waits for an origin's answer, 16 to 240 (profile-wide; changing it replaces the profile).
   * @default 60
   */
  readonly responseTimeoutSeconds?: number;
  /**
   * Caching routes and cache headers, or false for none (everything goes to the origins uncached).
   * @default static assets under /static/* and /assets/* cached for 7 days; no API caching
   */
  readonly caching?: FrontDoorCaching | false;
  /**
   * Custom domains served on every route, with managed certificates (TLS 1.2 minimum).
   * @default - none; the endpoint's `*.azurefd.net` host name only
   */
  readonly customDomains?: FrontDoorCustomDomain[];
  /**
   * The WAF policy, attached to the endpoint and every custom domain; false for none.
   * @default Prevention mode, managed rule sets on Premium, 1000 requests per minute per client
   */
  readonly waf?: FrontDoorWaf | false;
  /**
   * Pass ACME HTTP-01 challenges (`/.well-known/acme-challenge/*`) through to the origins over plain HTTP (port 80),
   * unredirected and uncached. Needed when the origins get their own certificates from an ACME issuer over HTTP-01
   * (cert-manager on the regional gateways) while the public hostname points at Front Door: otherwise the challenge is
   * redirected to HTTPS and forwarded over HTTPS to an origin that has no certificate yet, and issuance never
   * completes. The route carries only the challenge path, answered by the gateway's HTTP listener.
   * @default false
   */
  readonly acmeChallengePassthrough?: boolean;
  /**
   * Send access, health probe and WAF logs and all metrics to this workspace.
   * @default - no diagnostic settings
   */
  readonly logAnalytics?: LogAnalytics;
}

/** The path prefix of ACME HTTP-01 challenges (RFC 8555 §8.3). */
export const ACME_CHALLENGE_PATTERN = "/.well-known/acme-challenge/*";

/**
 * Azure Front Door Standard/Premium in front of regional gateways: one endpoint, one origin group with health probes
 * and latency-based load balancing, HTTPS-only forwarding with HTTP redirected to HTTPS, a default route that never
 * caches, dedicated caching routes for static assets and cacheable GET APIs with a rule set that fixes their cache
 * durations and `Cache-Control` headers, optional custom domains with managed certificates, and a WAF policy (managed
 * rule sets and bot protection on Premium, a per-client rate limit) on every domain.
 *
 * Origins that should accept only this Front Door compare the `X-Azure-FDID` request header with
 * {@link FrontDoor.profileResourceGuid}.
 *
 * @example
 * const edge = new FrontDoor(this, "Edge", {
 *   resourceGroup,
 *   namer,
 *   origins: planFailover("active-passive", [{ name: "westeurope" }, { name: "northeurope" }]).map((p) => ({
 *     name: p.region, hostName: gateways[p.region].ip, originHostHeader: "shop.example.com", priority: p.priority, weight: p.weight,
 *   })),
 *   customDomains: [{ hostName: "shop.example.com" }],
 *   caching: { cacheableApiPaths: ["/api/catalog/*"] },
 *   logAnalytics,
 * });
 * @see https://learn.microsoft.com/azure/frontdoor/front-door-overview
 */
export class FrontDoor extends Construct {
  /** The profile (L1), an escape hatch. */
  public readonly profile: CdnFrontdoorProfile;
  /** The endpoint (`<name>-<hash>.z01.azurefd.net`). */
  public readonly endpoint: CdnFrontdoorEndpoint;
  /** The origin group of the regional gateways. */
  public readonly originGroup: CdnFrontdoorOriginGroup;
  /** The origins, by name. */
  public readonly origins: ReadonlyMap<string, CdnFrontdoorOrigin>;
  /** The default route (`/*`): every request not matched by a caching route, never cached. */
  public readonly defaultRoute: CdnFrontdoorRoute;
  /** The route of static assets, when caching is on. */
  public readonly staticRoute?: CdnFrontdoorRoute;
  /** The route of cacheable GET APIs, when any are configured. */
  public readonly apiRoute?: CdnFrontdoorRoute;
  /** The plain-HTTP route of ACME HTTP-01 challenges, when `acmeChallengePassthrough` is on. */
  public readonly acmeChallengeRoute?: CdnFrontdoorRoute;
  /** Every route: default, static, API. */
  public readonly routes: readonly CdnFrontdoorRoute[];
  /** The rule set that fixes cache durations and `Cache-Control` headers on the caching routes, when caching is on. */
  public readonly ruleSet?: CdnFrontdoorRuleSet;
  /** The custom domains, by resource name. */
  public readonly customDomains: ReadonlyMap<string, CdnFrontdoorCustomDomain>;
  /** The WAF policy, unless `waf` is false. */
  public readonly firewallPolicy?: CdnFrontdoorFirewallPolicy;
  /** The security policy attaching the WAF policy to the endpoint and custom domains, unless `waf` is false. */
  public readonly securityPolicy?: CdnFrontdoorSecurityPolicy;
  /** The diagnostic settings, when a workspace was given. */
  public readonly diagnostics?: DiagnosticSettings;
  /** The tier. */
  public readonly sku: FrontDoorSku;

  constructor(scope: Construct, id: string, props: FrontDoorProps) {
    super(scope, id);
    const path = "frontDoor";

    // --- validation, before anything is created ---
    this.sku = validateEnum(`${path}.sku`, props.sku ?? PREMIUM, SKUS)!;
    const premium = this.sku === PREMIUM;
    if (props.qualifier !== undefined) validatePattern(`${path}.qualifier`, props.qualifier, /^[a-z][a-z0-9]{0,11}$/, "use 1-12 lowercase letters and digits, starting with a letter");
    const origins = validateOrigins(`${path}.origins`, props.origins, this.sku);

    const probe = props.healthProbe ?? {};
    const probePath = validatePattern(`${path}.healthProbe.path`, probe.path ?? "/healthz", /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,255}$/, 'use an absolute path such as "/healthz"')!;
    const requestType = validateEnum(`${path}.healthProbe.requestType`, probe.requestType ?? "HEAD", ["HEAD", "GET"])!;
    const intervalSeconds = validateRange(`${path}.healthProbe.intervalSeconds`, probe.intervalSeconds ?? 30, 1, 255)!;

    const lb = props.loadBalancing ?? {};
    const sampleSize = validateRange(`${path}.loadBalancing.sampleSize`, lb.sampleSize ?? 4, 0, 255)!;
    const successfulSamplesRequired = validateRange(`${path}.loadBalancing.successfulSamplesRequired`, lb.successfulSamplesRequired ?? 3, 0, 255)!;
    if (!isUnresolved(sampleSize) && !isUnresolved(successfulSamplesRequired) && successfulSamplesRequired > sampleSize) {
      throw new ValidationError(`${path}.loadBalancing.successfulSamplesRequired`, `exceeds sampleSize (${sampleSize})`, successfulSamplesRequired, `use 0 to ${sampleSize}`);
    }
    const additionalLatency = validateRange(`${path}.loadBalancing.additionalLatencyMilliseconds`, lb.additionalLatencyMilliseconds ?? 50, 0, 1000)!;
    const responseTimeoutSeconds = validateRange(`${path}.responseTimeoutSeconds`, props.responseTimeoutSeconds ?? 60, 16, 240)!;

    const caching = props.caching === false ? undefined : validateCaching(`${path}.caching`, props.caching ?? {});
    const domains = validateCustomDomains(`${path}.customDomains`, props.customDomains ?? [], this.sku);
    const waf = props.waf === false ? undefined : validateWaf(`${path}.waf`, props.waf ?? {}, premium);

    // --- resources ---
    this.profile = new CdnFrontdoorProfile(this, "Resource", {
      name: props.namer.name("cdn_frontdoor_profile", { qualifier: props.qualifier }),
      resourceGroupName: props.resourceGroup.name,
      skuName: this.sku,
      responseTimeoutSeconds,
    });
    this.endpoint = new CdnFrontdoorEndpoint(this, "Endpoint", {
      name: props.namer.name("cdn_frontdoor_endpoint", { qualifier: props.qualifier }),
      cdnFrontdoorProfileId: this.profile.id,
      enabled: true,
    });
    this.originGroup = new CdnFrontdoorOriginGroup(this, "OriginGroup", {
      name: "gateways",
      cdnFrontdoorProfileId: this.profile.id,
      sessionAffinityEnabled: props.sessionAffinity ?? false,
      healthProbe: { path: probePath, protocol: "Https", requestType, intervalInSeconds: intervalSeconds },
      loadBalancing: { sampleSize, successfulSamplesRequired, additionalLatencyInMilliseconds: additionalLatency },
    });

    const originMap = new Map<string, CdnFrontdoorOrigin>();
    for (const origin of origins) {
      originMap.set(
        origin.name,
        new CdnFrontdoorOrigin(this, `Origin-${origin.name}`, {
          name: origin.name,
          cdnFrontdoorOriginGroupId: this.originGroup.id,
          hostName: origin.hostName,
          originHostHeader: origin.originHostHeader,
          httpPort: 80,
          httpsPort: 443,
          certificateNameCheckEnabled: true,
          priority: origin.priority ?? 1,
          weight: origin.weight ?? MAX_EDGE_WEIGHT,
          enabled: origin.enabled ?? true,
          privateLink: origin.privateLink
            ? {
                privateLinkTargetId: origin.privateLink.targetId,
                location: origin.privateLink.location,
                requestMessage: origin.privateLink.requestMessage,
                targetType: origin.privateLink.targetType,
              }
            : undefined,
        }),
      );
    }
    this.origins = originMap;

    const domainMap = new Map<string, CdnFrontdoorCustomDomain>();
    for (const domain of domains) {
      domainMap.set(
        domain.name,
        new CdnFrontdoorCustomDomain(this, `CustomDomain-${domain.name}`, {
          name: domain.name,
          cdnFrontdoorProfileId: this.profile.id,
          hostName: domain.hostName,
          dnsZoneId: domain.dnsZoneId,
          tls: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" },
        }),
      );
    }
    this.customDomains = domainMap;
    const customDomainIds = [...domainMap.values()].map((d) => d.id);

    if (caching) {
      this.ruleSet = new CdnFrontdoorRuleSet(this, "CacheRules", { name: "CacheHeaders", cdnFrontdoorProfileId: this.profile.id });
      this.addCacheRules(this.ruleSet, caching);
    }

    const originIds = [...originMap.values()].map((o) => o.id);
    const route = (routeId: string, config: Pick<CdnFrontdoorRouteConfig, "name" | "patternsToMatch" | "cache" | "cdnFrontdoorRuleSetIds"> & Partial<Pick<CdnFrontdoorRouteConfig, "forwardingProtocol" | "httpsRedirectEnabled" | "supportedProtocols">>) =>
      new CdnFrontdoorRoute(this, routeId, {
        forwardingProtocol: "HttpsOnly",
        httpsRedirectEnabled: true,
        supportedProtocols: ["Http", "Https"],
        ...config,
        cdnFrontdoorEndpointId: this.endpoint.id,
        cdnFrontdoorOriginGroupId: this.originGroup.id,
        cdnFrontdoorOriginIds: originIds,
        cdnFrontdoorCustomDomainIds: customDomainIds.length > 0 ? customDomainIds : undefined,
        enabled: true,
        linkToDefaultDomain: true,
      });
    this.defaultRoute = route("DefaultRoute", { name: "default", patternsToMatch: ["/*"] });
    const routes = [this.defaultRoute];
    if (caching) {
      this.staticRoute = route("StaticRoute", {
        name: "static-assets",
        patternsToMatch: caching.staticPatterns,
        cdnFrontdoorRuleSetIds: [this.ruleSet!.id],
        cache: { queryStringCachingBehavior: "IgnoreQueryString", compressionEnabled: true, contentTypesToCompress: caching.contentTypes },
      });
      routes.push(this.staticRoute);
      if (caching.apiPatterns.length > 0) {
        this.apiRoute = route("ApiRoute", {
          name: "cacheable-apis",
          patternsToMatch: caching.apiPatterns,
          cdnFrontdoorRuleSetIds: [this.ruleSet!.id],
          cache: { queryStringCachingBehavior: "UseQueryString", compressionEnabled: true, contentTypesToCompress: caching.contentTypes },
        });
        routes.push(this.apiRoute);
      }
    }
    if (props.acmeChallengePassthrough) {
      // Plain HTTP end to end for the challenge path only; everything else keeps HTTPS redirect and HTTPS to origin.
      this.acmeChallengeRoute = route("AcmeChallengeRoute", {
        name: "acme-challenge",
        patternsToMatch: [ACME_CHALLENGE_PATTERN],
        supportedProtocols: ["Http"],
        httpsRedirectEnabled: false,
        forwardingProtocol: "HttpOnly",
      });
      routes.push(this.acmeChallengeRoute);
    }
    this.routes = routes;

    // The association tells azurerm that the domains are in use by the routes, so it orders their creation and
    // deletion correctly; the routes list the domains as well.
    for (const [name, domain] of domainMap) {
      new CdnFrontdoorCustomDomainAssociation(this, `CustomDomainAssociation-${name}`, {
        cdnFrontdoorCustomDomainId: domain.id,
        cdnFrontdoorRouteIds: routes.map((r) => r.id),
      });
    }

    if (waf) {
      this.firewallPolicy = new CdnFrontdoorFirewallPolicy(this, "FirewallPolicy", {
        name: firewallPolicyName(props.namer, props.qualifier),
        resourceGroupName: props.resourceGroup.name,
        skuName: this.sku,
        enabled: true,
        mode: waf.mode,
        requestBodyCheckEnabled: waf.requestBodyCheck,
        managedRule: waf.managedRules,
        customRule: waf.customRules.length > 0 ? waf.customRules : undefined,
      });
      this.securityPolicy = new CdnFrontdoorSecurityPolicy(this, "SecurityPolicy", {
        name: "waf",
        cdnFrontdoorProfileId: this.profile.id,
        securityPolicies: {
          firewall: {
            cdnFrontdoorFirewallPolicyId: this.firewallPolicy.id,
            association: {
              domain: [this.endpoint.id, ...customDomainIds].map((cdnFrontdoorDomainId) => ({ cdnFrontdoorDomainId })),
              patternsToMatch: ["/*"],
            },
          },
        },
      });
    }

    if (props.logAnalytics) {
      // Front Door writes its logs to the AzureDiagnostics table; it has no resource-specific tables.
      this.diagnostics = new DiagnosticSettings(this, "Diagnostics", {
        targetResourceId: this.profile.id,
        workspace: props.logAnalytics,
        logCategories: ["FrontDoorAccessLog", "FrontDoorHealthProbeLog", "FrontDoorWebApplicationFirewallLog"],
        dedicatedTables: false,
      });
    }
  }

  /** Resource ID of the profile. */
  public get id(): string {
    return this.profile.id;
  }

  /** Host name of the endpoint (`<name>-<hash>.z01.azurefd.net`); point DNS CNAMEs of the custom domains here. */
  public get endpointHostName(): string {
    return this.endpoint.hostName;
  }

  /**
   * The profile's unique ID, which Front Door sends to origins in the `X-Azure-FDID` header. An origin that should
   * accept only this Front Door (and not other Front Door customers, who share its IP ranges) rejects requests without
   * it.
   */
  public get profileResourceGuid(): string {
    return this.profile.resourceGuid;
  }

  /**
   * Validation tokens of the custom domains, by custom domain name. Publish each as a TXT record
   * `_dnsauth.<hostName>` unless the domain's Azure DNS zone was given.
   */
  public get customDomainValidationTokens(): Readonly<Record<string, string>> {
    return Object.fromEntries([...this.customDomains].map(([name, domain]) => [name, domain.validationToken]));
  }

  private addCacheRules(ruleSet: CdnFrontdoorRuleSet, caching: ValidatedCaching): void {
    let order = 1;
    // Static assets are the edge's to cache: a fixed duration and Cache-Control, whatever the origin says. API answers
    // stay the origin's call: its Cache-Control (private, no-store, max-age) wins, and the TTL applies only to answers
    // that carry none, so a per-user response listed here by mistake is still never shared.
    const addRules = (prefix: string, patterns: string[], ttlSeconds: number, queryStringCachingBehavior: string, edgeOwned: boolean) => {
      for (const [kind, condition] of pathConditions(patterns)) {
        const name = `${prefix}${kind}`;
        new CdnFrontdoorRule(this, name, {
          name,
          cdnFrontdoorRuleSetId: ruleSet.id,
          order: order++,
          behaviorOnMatch: "Continue",
          conditions: { urlPathCondition: [condition] },
          actions: {
            routeConfigurationOverrideAction: {
              cacheBehavior: edgeOwned ? "OverrideAlways" : "OverrideIfOriginMissing",
              cacheDuration: cacheDuration(ttlSeconds),
              queryStringCachingBehavior,
              compressionEnabled: true,
            },
            ...(edgeOwned ? { responseHeaderAction: [{ headerAction: "Overwrite", headerName: "Cache-Control", value: `public, max-age=${ttlSeconds}` }] } : {}),
          },
        });
      }
    };
    addRules("StaticAssets", caching.staticPatterns, caching.staticTtlSeconds, "IgnoreQueryString", true);
    addRules("CacheableApis", caching.apiPatterns, caching.apiTtlSeconds, "UseQueryString", false);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Validation helpers
// ---------------------------------------------------------------------------------------------------------------

const FQDN = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/;

/** True for a dotted-quad IPv4 or an IPv6 address. */
function isIpAddress(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}

/**
 * Fails unless `value` is a fully qualified domain name (or, with `allowIp`, an IP address). Unresolved tokens pass.
 * Shared by the edge constructs; not part of the library's public API.
 */
export function validateHostName(path: string, value: string, options: { readonly allowIp?: boolean } = {}): string {
  if (isUnresolved(value)) return value;
  const ok = typeof value === "string" && (FQDN.test(value) || (options.allowIp === true && isIpAddress(value)));
  if (!ok) {
    throw new ValidationError(path, `is not ${options.allowIp ? "an IP address or " : ""}a fully qualified domain name`, value, `use ${options.allowIp ? "an IP address or " : ""}a host name such as "shop.example.com"`);
  }
  return value;
}

function validateOrigins(path: string, origins: readonly FrontDoorOrigin[] | undefined, sku: FrontDoorSku): readonly FrontDoorOrigin[] {
  if (!Array.isArray(origins) || origins.length === 0) {
    throw new ValidationError(path, "is empty: Front Door needs at least one origin", origins, "add the regional gateways as origins");
  }
  if (origins.length > MAX_ORIGINS_PER_GROUP) {
    throw new ValidationError(path, `has ${origins.length} origins, more than an origin group holds`, origins.map((o) => o.name), `use at most ${MAX_ORIGINS_PER_GROUP}`);
  }
  const seen = new Map<string, number>();
  origins.forEach((origin, i) => {
    const at = `${path}[${i}]`;
    validateResourceName(`${at}.name`, "cdn_frontdoor_origin", origin.name);
    if (seen.has(origin.name)) {
      throw new ValidationError(`${at}.name`, `repeats the origin at index ${seen.get(origin.name)}`, origin.name, "give every origin its own name");
    }
    seen.set(origin.name, i);
    validateHostName(`${at}.hostName`, origin.hostName, { allowIp: true });
    validateHostName(`${at}.originHostHeader`, origin.originHostHeader);
    validateRange(`${at}.priority`, origin.priority, 1, MAX_ORIGIN_PRIORITY);
    validateRange(`${at}.weight`, origin.weight, 1, MAX_EDGE_WEIGHT);
    const link = origin.privateLink;
    if (link) {
      if (sku !== PREMIUM) {
        throw new ValidationError(`${at}.privateLink`, `needs the Premium_AzureFrontDoor sku (the sku is "${sku}")`, link.targetId, 'use sku "Premium_AzureFrontDoor", or reach the origin over the internet');
      }
      if (!isUnresolved(link.location)) lookupRegion(link.location, `${at}.privateLink.location`);
      validateEnum(`${at}.privateLink.targetType`, link.targetType, PRIVATE_LINK_TARGET_TYPES);
      if (link.requestMessage !== undefined && !isUnresolved(link.requestMessage) && (link.requestMessage.length < 1 || link.requestMessage.length > 140)) {
        throw new ValidationError(`${at}.privateLink.requestMessage`, "has the wrong length", link.requestMessage, "use 1 to 140 characters");
      }
      if (link.targetType === undefined && !isUnresolved(link.targetId) && !/\/providers\/Microsoft\.Network\/privateLinkServices\/[^/]+$/i.test(link.targetId)) {
        throw new ValidationError(`${at}.privateLink.targetType`, "is required unless the target is a Private Link service", link.targetId, `set one of ${PRIVATE_LINK_TARGET_TYPES.map((t) => `"${t}"`).join(", ")}`);
      }
    }
  });
  return origins;
}

interface ValidatedCaching {
  readonly staticPatterns: string[];
  readonly staticTtlSeconds: number;
  readonly apiPatterns: string[];
  readonly apiTtlSeconds: number;
  readonly contentTypes: string[];
}

const PATH_PATTERN = /^\/[A-Za-z0-9._~!$&'()+,;=:@%/-]*\*?$/;

function validateCaching(path: string, caching: FrontDoorCaching): ValidatedCaching {
  const staticPatterns = caching.staticPathPatterns ?? DEFAULT_STATIC_PATTERNS;
  const apiPatterns = caching.cacheableApiPaths ?? [];
  if (staticPatterns.length === 0) {
    throw new ValidationError(`${path}.staticPathPatterns`, "is empty", staticPatterns, "name at least one pattern, or set caching to false");
  }
  const seen = new Map<string, string>();
  const check = (listPath: string, patterns: readonly string[]) =>
    patterns.forEach((pattern, i) => {
      const at = `${listPath}[${i}]`;
      if (isUnresolved(pattern)) {
        throw new ValidationError(at, "must be known at synth time: it becomes a route pattern and a rule condition", pattern, 'use a literal pattern such as "/static/*"');
      }
      validatePattern(at, pattern, PATH_PATTERN, 'start with "/", use URL path characters, and put a "*" only at the end (e.g. "/static/*")');
      if (pattern === "/*" || pattern === "/") {
        throw new ValidationError(at, "would take over the default route, which must stay uncached", pattern, 'use a narrower pattern such as "/static/*"');
      }
      if (seen.has(pattern)) {
        throw new ValidationError(at, `repeats ${seen.get(pattern)}`, pattern, "list each pattern once, on one route");
      }
      seen.set(pattern, at);
    });
  check(`${path}.staticPathPatterns`, staticPatterns);
  check(`${path}.cacheableApiPaths`, apiPatterns);

  const staticTtlDays = knownNumber(`${path}.staticTtlDays`, validateRange(`${path}.staticTtlDays`, caching.staticTtlDays ?? 7, 1, 365)!);
  const apiTtlSeconds = knownNumber(`${path}.apiTtlSeconds`, validateRange(`${path}.apiTtlSeconds`, caching.apiTtlSeconds ?? 60, 1, 365 * SECONDS_PER_DAY)!);
  const contentTypes = caching.contentTypesToCompress ?? [...DEFAULT_COMPRESSED_CONTENT_TYPES];
  contentTypes.forEach((type, i) => validateEnum(`${path}.contentTypesToCompress[${i}]`, type, FRONT_DOOR_COMPRESSIBLE_CONTENT_TYPES));
  return { staticPatterns: [...staticPatterns], staticTtlSeconds: staticTtlDays * SECONDS_PER_DAY, apiPatterns: [...apiPatterns], apiTtlSeconds, contentTypes };
}

function knownNumber(path: string, value: number): number {
  if (isUnresolved(value)) {
    throw new ValidationError(path, "must be known at synth time: it becomes a cache duration and a Cache-Control header", value, "use a literal number");
  }
  return value;
}

interface ValidatedDomain {
  readonly name: string;
  readonly hostName: string;
  readonly dnsZoneId?: string;
}

function validateCustomDomains(path: string, domains: readonly FrontDoorCustomDomain[], sku: FrontDoorSku): ValidatedDomain[] {
  if (domains.length > MAX_CUSTOM_DOMAINS[sku]) {
    throw new ValidationError(path, `has ${domains.length} domains, more than a ${sku} profile holds`, domains.map((d) => d.hostName), `use at most ${MAX_CUSTOM_DOMAINS[sku]}`);
  }
  const names = new Map<string, number>();
  const hosts = new Map<string, number>();
  return domains.map((domain, i) => {
    const at = `${path}[${i}]`;
    if (!isUnresolved(domain.hostName) && typeof domain.hostName === "string" && domain.hostName.startsWith("*.")) {
      throw new ValidationError(`${at}.hostName`, "is a wildcard domain, which needs a customer certificate; this construct uses managed certificates", domain.hostName, "name each subdomain explicitly");
    }
    validateHostName(`${at}.hostName`, domain.hostName);
    if (domain.name === undefined && isUnresolved(domain.hostName)) {
      throw new ValidationError(`${at}.name`, "is required when hostName is a token (the name cannot be derived from it)", domain.name, "set a name such as \"shop-example-com\"");
    }
    const name = domain.name ?? domain.hostName.toLowerCase().replace(/\./g, "-");
    validatePattern(`${at}.name`, name, /^[a-zA-Z0-9][a-zA-Z0-9-]{0,258}[a-zA-Z0-9]$/, "use 2-260 letters, digits and hyphens, starting and ending with a letter or digit");
    if (names.has(name)) {
      throw new ValidationError(`${at}.name`, `repeats the custom domain name at index ${names.get(name)}`, name, "give every custom domain its own name");
    }
    names.set(name, i);
    if (!isUnresolved(domain.hostName)) {
      const host = domain.hostName.toLowerCase();
      if (hosts.has(host)) {
        throw new ValidationError(`${at}.hostName`, `repeats the custom domain at index ${hosts.get(host)}`, domain.hostName, "list each domain once");
      }
      hosts.set(host, i);
    }
    return { name, hostName: domain.hostName, dnsZoneId: domain.dnsZoneId };
  });
}

interface ValidatedWaf {
  readonly mode: string;
  readonly requestBodyCheck: boolean;
  readonly managedRules?: CdnFrontdoorFirewallPolicyManagedRule[];
  readonly customRules: CdnFrontdoorFirewallPolicyCustomRule[];
}

function validateWaf(path: string, waf: FrontDoorWaf, premium: boolean): ValidatedWaf {
  const mode = validateEnum(`${path}.mode`, waf.mode ?? "Prevention", ["Prevention", "Detection"])!;
  const managed = waf.managedRuleSets ?? premium;
  if (managed && !premium) {
    throw new ValidationError(
      `${path}.managedRuleSets`,
      "need the Premium_AzureFrontDoor sku: a Standard WAF policy runs custom rules only (no Microsoft_DefaultRuleSet, no bot protection)",
      waf.managedRuleSets,
      'use sku "Premium_AzureFrontDoor", or set managedRuleSets to false',
    );
  }
  const customRules: CdnFrontdoorFirewallPolicyCustomRule[] = [];
  if (waf.rateLimit !== false) {
    const rateLimit = waf.rateLimit ?? {};
    const threshold = validateRange(`${path}.rateLimit.requestsPerMinute`, rateLimit.requestsPerMinute ?? 1000, 1, 1_000_000)!;
    const action = validateEnum(`${path}.rateLimit.action`, rateLimit.action ?? "Block", ["Block", "Log"])!;
    customRules.push({
      name: RATE_LIMIT_RULE_NAME,
      enabled: true,
      priority: RATE_LIMIT_RULE_PRIORITY,
      type: "RateLimitRule",
      rateLimitDurationInMinutes: 1,
      rateLimitThreshold: threshold,
      action,
      // Every valid request carries a Host header, so this condition matches all requests; the rule then counts them
      // per socket address (Front Door's grouping for rate limits).
      matchCondition: [{ matchVariable: "RequestHeader", selector: "Host", operator: "GreaterThan", matchValues: ["0"], negationCondition: false }],
    });
  }
  const names = new Map<string, string>(customRules.map((r) => [r.name, "the rate-limit rule"]));
  const priorities = new Map<number, string>(customRules.map((r) => [r.priority!, r.name]));
  (waf.customRules ?? []).forEach((rule, i) => {
    const at = `${path}.customRules[${i}]`;
    validatePattern(`${at}.name`, rule.name, /^[A-Za-z][A-Za-z0-9]{0,127}$/, "use 1-128 letters and digits, starting with a letter");
    if (names.has(rule.name)) {
      throw new ValidationError(`${at}.name`, `is already used by ${names.get(rule.name)}`, rule.name, "give every custom rule its own name");
    }
    names.set(rule.name, `customRules[${i}]`);
    if (rule.priority !== undefined && !isUnresolved(rule.priority)) {
      if (priorities.has(rule.priority)) {
        throw new ValidationError(`${at}.priority`, `is already used by rule ${priorities.get(rule.priority)}`, rule.priority, "give every custom rule its own priority");
      }
      priorities.set(rule.priority, rule.name);
    }
    customRules.push(rule);
  });
  return {
    mode,
    requestBodyCheck: waf.requestBodyCheck ?? true,
    managedRules: managed ? FRONT_DOOR_MANAGED_RULE_SETS.map((set) => ({ type: set.type, version: set.version, action: "Block" })) : undefined,
    customRules,
  };
}

/** WAF policy names allow letters and digits only, starting with a letter. */
function firewallPolicyName(namer: ResourceNamer, qualifier: string | undefined): string {
  const name = namer.name("frontdoor_firewall_policy", { qualifier }).replace(/[^A-Za-z0-9]/g, "");
  return validatePattern("frontDoor.waf.name", name, /^[A-Za-z][A-Za-z0-9]{0,127}$/, "use 1-128 letters and digits, starting with a letter")!;
}

/**
 * Rule conditions for route patterns. URL path conditions match the path without its leading slash: `/static/*`
 * becomes BeginsWith `static/`, `/favicon.ico` becomes Equal `favicon.ico`. Conditions of one rule are ANDed, so
 * prefixes and exact paths get a rule each.
 */
function pathConditions(patterns: readonly string[]): Array<[string, CdnFrontdoorRuleConditionsUrlPathCondition]> {
  const prefixes = patterns.filter((p) => p.endsWith("*")).map((p) => p.slice(1, -1));
  const exact = patterns.filter((p) => !p.endsWith("*")).map((p) => p.slice(1));
  const out: Array<[string, CdnFrontdoorRuleConditionsUrlPathCondition]> = [];
  if (prefixes.length > 0) out.push(["Prefixes", { operator: "BeginsWith", matchValues: prefixes, negateCondition: false }]);
  if (exact.length > 0) out.push(["Paths", { operator: "Equal", matchValues: exact, negateCondition: false }]);
  return out;
}

/** Front Door's cache duration: `HH:MM:SS` below a day, `d.HH:MM:SS` from one day on. */
function cacheDuration(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const rest = seconds % SECONDS_PER_DAY;
  const clock = `${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
  return days > 0 ? `${days}.${clock}` : clock;
}
