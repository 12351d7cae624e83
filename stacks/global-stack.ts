import { TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { ValidationError } from "../lib/core/errors";
import { ResourceNamer } from "../lib/core/naming";
import { StandardTagsAspect } from "../lib/core/tags";
import { FailoverPlanEntry, planFailover, servingRegions } from "../lib/edge/failover";
import { FrontDoor } from "../lib/edge/front-door";
import { TrafficManager } from "../lib/edge/traffic-manager";
import type { ResolvedEnvironment, ResolvedFrontDoorEdge, ResolvedTrafficManagerEdge } from "./config/resolve";
import { configureBackend, RegionalPlatformStack } from "./platform-stack";
import { addAzurermProvider } from "./providers";

/** The Terraform stack name of what spans an environment's regions: `<env>-global`. */
export function globalStackName(environment: string): string {
  return `${environment}-global`;
}

/** Props for {@link GlobalEdgeStack}. */
export interface GlobalEdgeStackProps {
  readonly environment: ResolvedEnvironment;
  /** The platform stack of every region, primary first. */
  readonly platform: readonly RegionalPlatformStack[];
}

/**
 * What spans an environment's regions: the global entry point in front of the regional gateways. Front Door (CDN
 * caching, WAF, origin failover) or Traffic Manager (DNS failover), with one origin per serving region whose address
 * comes from that region's platform stack through a cross-stack reference, and priorities and weights from the
 * environment's failover mode ({@link planFailover}). Both probe the path each regional gateway answers itself
 * (`TrafficGateway.addHealthRoute`). The stack's resource group and the edge's logs live in the environment's last region
 * (the primary's standby); the edge itself is global.
 */
export class GlobalEdgeStack extends TerraformStack {
  public readonly resourceGroup: ResourceGroup;
  /** Front Door, when the environment's edge is Front Door. */
  public readonly frontDoor?: FrontDoor;
  /** Traffic Manager, when the environment's edge is Traffic Manager. */
  public readonly trafficManager?: TrafficManager;
  /** Priority, weight and role of each region at the edge, in region order. */
  public readonly plan: readonly FailoverPlanEntry[];

  constructor(scope: Construct, props: GlobalEdgeStackProps) {
    const env = props.environment;
    const name = globalStackName(env.name);
    super(scope, name);
    const edge = env.edge;
    const root = `environments.${env.name}`;
    if (!edge) throw new ValidationError(`${root}.edge`, "is missing for a global stack", undefined, 'configure edge { type: "front-door" } or { type: "traffic-manager" }');
    const hostname = originHostname(root, env);

    // The edge's resource group and logs live in its home region (default the last), not the primary: Azure routes control-plane writes
    // through the resource group's region, so the edge stays changeable (and its logs readable) while the primary
    // region is down, which is when a failover needs them.
    const homeRegion = edge.homeRegion;
    const home = props.platform[env.regions.findIndex((r) => r.name === homeRegion)];
    const namer = new ResourceNamer({ workload: env.workload, environment: env.name, region: homeRegion, uniqueSeed: env.uniqueSeed });
    addAzurermProvider(this);
    configureBackend(this, env, name);
    StandardTagsAspect.applyTo(this, env.tags);

    // A single-region environment has no failover mode; its one region is its only origin.
    this.plan = planFailover(env.failoverMode ?? "active-passive", env.regions, `${root}.failoverMode`, `${root}.regions`);
    const origins = servingRegions(this.plan).map((entry) => {
      const platform = props.platform.find((p) => p.node.id.endsWith(`-${entry.region}-platform`))!;
      if (!platform.gatewayIp) {
        throw new ValidationError(`${root}.gateway.exposure`, `gives region ${entry.region} no public gateway address for the edge to reach`, env.gateway?.exposure, 'use exposure "public"');
      }
      return { entry, address: platform.gatewayIp.ipAddress };
    });

    this.resourceGroup = new ResourceGroup(this, "ResourceGroup", { name: namer.name("resource_group", { qualifier: "global" }), location: homeRegion });
    const common = { resourceGroup: this.resourceGroup, namer, qualifier: "global", logAnalytics: home.logAnalytics };

    if (edge.type === "front-door") {
      this.frontDoor = ValidationError.within(`${root}.edge`, () => this.buildFrontDoor(edge, common, origins, hostname));
      new TerraformOutput(this, "edge_host_name", { value: this.frontDoor.endpointHostName, description: "Front Door endpoint host name (point the public hostname's CNAME here)" });
      new TerraformOutput(this, "front_door_id", { value: this.frontDoor.profileResourceGuid, description: "The X-Azure-FDID header value Front Door sends to the origins" });
      for (const [domain, token] of Object.entries(this.frontDoor.customDomainValidationTokens)) {
        new TerraformOutput(this, `custom_domain_validation_${domain.replace(/-/g, "_")}`, { value: token, description: `TXT record _dnsauth.${hostname} proves ownership for the managed certificate` });
      }
    } else {
      this.trafficManager = ValidationError.within(`${root}.edge`, () => this.buildTrafficManager(edge, common, origins, hostname));
      new TerraformOutput(this, "edge_host_name", { value: this.trafficManager.fqdn, description: "Traffic Manager DNS name (point the public hostname's CNAME here)" });
    }
  }

  private buildFrontDoor(edge: ResolvedFrontDoorEdge, common: CommonProps, origins: readonly RegionOrigin[], hostname: string): FrontDoor {
    return new FrontDoor(this, "FrontDoor", {
      ...common,
      sku: edge.sku === "Premium" ? "Premium_AzureFrontDoor" : "Standard_AzureFrontDoor",
      origins: origins.map(({ entry, address }) => ({
        name: entry.region,
        hostName: address,
        originHostHeader: hostname,
        priority: entry.priority,
        weight: entry.weight,
        enabled: entry.enabled,
      })),
      healthProbe: { path: edge.probePath },
      caching: {
        staticPathPatterns: [...edge.caching.staticPaths],
        staticTtlDays: edge.caching.staticTtlDays,
        cacheableApiPaths: [...edge.caching.apiPaths],
        apiTtlSeconds: edge.caching.apiTtlSeconds,
      },
      customDomains: edge.customDomains ? [{ hostName: hostname }] : undefined,
      waf: { mode: edge.wafMode, rateLimit: { requestsPerMinute: edge.rateLimitPerMinute } },
      // A single-region gateway gets its certificate from Let's Encrypt over HTTP-01, through Front Door (with several
      // regions the gateways use DNS-01, and the route is unused but harmless).
      acmeChallengePassthrough: true,
    });
  }

  private buildTrafficManager(edge: ResolvedTrafficManagerEdge, common: CommonProps, origins: readonly RegionOrigin[], hostname: string): TrafficManager {
    return new TrafficManager(this, "TrafficManager", {
      ...common,
      trafficRoutingMethod: edge.routing,
      dnsTtlSeconds: edge.dnsTtlSeconds,
      monitor: { path: edge.probePath },
      hostHeader: hostname,
      endpoints: origins.map(({ entry, address }) => ({
        name: entry.region,
        target: address,
        location: entry.region,
        // The failover plan's priorities (regions[].priority); Traffic Manager wants them unique per profile.
        ...(edge.routing === "Priority" ? { priority: entry.priority } : {}),
        ...(edge.routing === "Weighted" ? { weight: entry.weight } : {}),
        enabled: entry.enabled,
      })),
    });
  }
}

type CommonProps = Pick<ConstructorParameters<typeof FrontDoor>[2], "resourceGroup" | "namer" | "qualifier" | "logAnalytics">;

interface RegionOrigin {
  readonly entry: FailoverPlanEntry;
  readonly address: string;
}

/**
 * The hostname the edge sends to the origins (Host header and TLS server name): the gateway's one hostname (the config
 * refuses a wildcard or a second hostname behind an edge, see environment-config.ts).
 */
function originHostname(root: string, env: ResolvedEnvironment): string {
  const hostname = env.gateway?.hostnames[0];
  if (hostname === undefined) throw new ValidationError(`${root}.gateway`, "is missing behind a global edge", undefined, "configure the gateway");
  return hostname;
}
