import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { TrafficManagerExternalEndpoint } from "@cdktf/provider-azurerm/lib/traffic-manager-external-endpoint";
import { TrafficManagerProfile } from "@cdktf/provider-azurerm/lib/traffic-manager-profile";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { ResourceNamer } from "../core/naming";
import { region as lookupRegion } from "../core/regions";
import { isUnresolved, validateEnum, validatePattern, validateRange } from "../core/validate";
import { DiagnosticSettings } from "../observability/diagnostic-settings";
import { LogAnalytics } from "../observability/log-analytics";
import { FailoverTrafficRouting, MAX_EDGE_WEIGHT } from "./failover";
import { validateHostName } from "./front-door";

/** How Traffic Manager picks the endpoint it answers with. */
export type TrafficRoutingMethod = FailoverTrafficRouting;

const ROUTING_METHODS: readonly TrafficRoutingMethod[] = ["Priority", "Weighted", "Performance"];
const MAX_PRIORITY = 1000;
const MAX_ENDPOINTS = 200;
const MAX_TTL_SECONDS = 2_147_483_647;

/** One endpoint (a regional gateway) of a Traffic Manager profile. */
export interface TrafficManagerEndpoint {
  /** Endpoint name, unique within the profile (e.g. the region name). */
  readonly name: string;
  /** IP address or FQDN clients are sent to; may be an unresolved token (a cross-stack reference). */
  readonly target: string;
  /**
   * Priority under `Priority` routing, 1 (answers first) to 1000; unique within the profile.
   * @default the endpoint's position: 1, 2, 3, …
   */
  readonly priority?: number;
  /**
   * Weight under `Weighted` routing, 1 to 1000.
   * @default 1000 (all endpoints equal)
   */
  readonly weight?: number;
  /**
   * Azure region of the endpoint; required under `Performance` routing, which answers with the endpoint closest (in
   * latency) to the client's DNS resolver.
   * @default - none
   */
  readonly location?: string;
  /**
   * Whether Traffic Manager may answer with this endpoint.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Host header of this endpoint's health probes, when it differs from the profile's `hostHeader`.
   * @default - the profile's `hostHeader`
   */
  readonly hostHeader?: string;
}

/** Health monitoring of the endpoints. */
export interface TrafficManagerMonitor {
  /**
   * Path probed over HTTPS on port 443.
   * @default "/healthz"
   */
  readonly path?: string;
  /**
   * Seconds between probes: 30, or 10 for fast probing (charged extra).
   * @default 30
   */
  readonly intervalSeconds?: 10 | 30;
  /**
   * Seconds a probe may take: 5 to 10 with a 30-second interval, 5 to 9 with a 10-second interval.
   * @default 10 (9 with a 10-second interval)
   */
  readonly timeoutSeconds?: number;
  /**
   * Failed probes tolerated before an endpoint counts as degraded, 0 to 9.
   * @default 3
   */
  readonly toleratedFailures?: number;
  /**
   * Status codes that count as healthy, as ranges `min-max` within 100-999.
   * @default ["200-299"]
   */
  readonly expectedStatusCodeRanges?: string[];
}

/** Props of {@link TrafficManager}. */
export interface TrafficManagerProps {
  /** Resource group of the profile (Traffic Manager itself is global). */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment. */
  readonly namer: ResourceNamer;
  /**
   * Word that tells this profile apart from others of the environment; goes into the generated name.
   * @default - none
   */
  readonly qualifier?: string;
  /**
   * `Priority`: one endpoint answers, the next takes over when it fails (active-passive). `Weighted`: answers spread by
   * weight (active-active). `Performance`: the endpoint closest to the client's resolver answers (active-active).
   * @default "Priority"
   */
  readonly trafficRoutingMethod?: TrafficRoutingMethod;
  /**
   * TTL of the DNS answers, 0 to 2147483647 seconds. Bounds how long clients keep using a failed endpoint.
   * @default 30
   */
  readonly dnsTtlSeconds?: number;
  /**
   * Health probe settings.
   * @default HTTPS on 443, /healthz, every 30 s, 10 s timeout, 3 tolerated failures, 200-299 healthy
   */
  readonly monitor?: TrafficManagerMonitor;
  /**
   * Host header of the health probes: the host name the gateways' certificates and routes serve. Without it the probes
   * carry the endpoint's target as Host, which a gateway serving named hosts rejects.
   * @default - the endpoint target
   */
  readonly hostHeader?: string;
  /** The endpoints (regional gateways), at least one. */
  readonly endpoints: TrafficManagerEndpoint[];
  /**
   * Send probe health events and metrics to this workspace.
   * @default - no diagnostic settings
   */
  readonly logAnalytics?: LogAnalytics;
}

/**
 * Azure Traffic Manager, the DNS-level alternative to Front Door: clients resolve `<name>.trafficmanager.net` (or a
 * CNAME to it) to a healthy regional gateway and connect to it directly, so there is no edge cache or WAF. Endpoints
 * are external (a gateway's public IP or FQDN); the profile probes them over HTTPS with the gateways' host header.
 *
 * @example
 * const dns = new TrafficManager(this, "Dns", {
 *   resourceGroup,
 *   namer,
 *   trafficRoutingMethod: trafficRoutingForFailover("active-passive"),
 *   hostHeader: "shop.example.com",
 *   endpoints: [{ name: "westeurope", target: weuGatewayIp }, { name: "northeurope", target: neuGatewayIp }],
 * });
 * @see https://learn.microsoft.com/azure/traffic-manager/traffic-manager-overview
 */
export class TrafficManager extends Construct {
  /** The profile (L1), an escape hatch. */
  public readonly profile: TrafficManagerProfile;
  /** The endpoints, by name. */
  public readonly endpoints: ReadonlyMap<string, TrafficManagerExternalEndpoint>;
  /** The routing method. */
  public readonly trafficRoutingMethod: TrafficRoutingMethod;
  /** The diagnostic settings, when a workspace was given. */
  public readonly diagnostics?: DiagnosticSettings;

  constructor(scope: Construct, id: string, props: TrafficManagerProps) {
    super(scope, id);
    const path = "trafficManager";

    // --- validation, before anything is created ---
    this.trafficRoutingMethod = validateEnum(`${path}.trafficRoutingMethod`, props.trafficRoutingMethod ?? "Priority", ROUTING_METHODS)!;
    if (props.qualifier !== undefined) validatePattern(`${path}.qualifier`, props.qualifier, /^[a-z][a-z0-9]{0,11}$/, "use 1-12 lowercase letters and digits, starting with a letter");
    const ttl = validateRange(`${path}.dnsTtlSeconds`, props.dnsTtlSeconds ?? 30, 0, MAX_TTL_SECONDS)!;
    const monitor = validateMonitor(`${path}.monitor`, props.monitor ?? {});
    if (props.hostHeader !== undefined) validateHostName(`${path}.hostHeader`, props.hostHeader);
    const endpoints = validateEndpoints(`${path}.endpoints`, props.endpoints, this.trafficRoutingMethod);
    const name = props.namer.name("traffic_manager_profile", { qualifier: props.qualifier });
    // The relative DNS name becomes <name>.trafficmanager.net, a DNS label.
    const relativeName = validatePattern(`${path}.name`, name, /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, "use a DNS label of 1-63 letters, digits and hyphens")!;

    // --- resources ---
    this.profile = new TrafficManagerProfile(this, "Resource", {
      name,
      resourceGroupName: props.resourceGroup.name,
      trafficRoutingMethod: this.trafficRoutingMethod,
      profileStatus: "Enabled",
      dnsConfig: { relativeName, ttl },
      monitorConfig: {
        protocol: "HTTPS",
        port: 443,
        path: monitor.path,
        intervalInSeconds: monitor.intervalSeconds,
        timeoutInSeconds: monitor.timeoutSeconds,
        toleratedNumberOfFailures: monitor.toleratedFailures,
        expectedStatusCodeRanges: monitor.expectedStatusCodeRanges,
        customHeader: props.hostHeader !== undefined ? [{ name: "host", value: props.hostHeader }] : undefined,
      },
    });

    const endpointMap = new Map<string, TrafficManagerExternalEndpoint>();
    endpoints.forEach((endpoint, i) => {
      endpointMap.set(
        endpoint.name,
        new TrafficManagerExternalEndpoint(this, `Endpoint-${endpoint.name}`, {
          name: endpoint.name,
          profileId: this.profile.id,
          target: endpoint.target,
          enabled: endpoint.enabled ?? true,
          priority: this.trafficRoutingMethod === "Priority" ? (endpoint.priority ?? i + 1) : undefined,
          weight: this.trafficRoutingMethod === "Weighted" ? (endpoint.weight ?? MAX_EDGE_WEIGHT) : undefined,
          endpointLocation: endpoint.location,
          customHeader: endpoint.hostHeader !== undefined ? [{ name: "host", value: endpoint.hostHeader }] : undefined,
        }),
      );
    });
    this.endpoints = endpointMap;

    if (props.logAnalytics) {
      // Traffic Manager writes its one log category to the AzureDiagnostics table; it has no resource-specific tables.
      this.diagnostics = new DiagnosticSettings(this, "Diagnostics", {
        targetResourceId: this.profile.id,
        workspace: props.logAnalytics,
        logCategories: ["ProbeHealthStatusEvents"],
        dedicatedTables: false,
      });
    }
  }

  /** Resource ID of the profile. */
  public get id(): string {
    return this.profile.id;
  }

  /** The profile's DNS name (`<name>.trafficmanager.net`); CNAME the application's host name to it. */
  public get fqdn(): string {
    return this.profile.fqdn;
  }
}

interface ValidatedMonitor {
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly toleratedFailures: number;
  readonly expectedStatusCodeRanges: string[];
}

function validateMonitor(path: string, monitor: TrafficManagerMonitor): ValidatedMonitor {
  const probePath = validatePattern(`${path}.path`, monitor.path ?? "/healthz", /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,255}$/, 'use an absolute path such as "/healthz"')!;
  const interval = monitor.intervalSeconds ?? 30;
  if (!isUnresolved(interval) && interval !== 10 && interval !== 30) {
    throw new ValidationError(`${path}.intervalSeconds`, "is not an interval Traffic Manager offers", interval, "use 30, or 10 for fast probing");
  }
  const fast = interval === 10;
  const timeout = monitor.timeoutSeconds ?? (fast ? 9 : 10);
  if (fast && !isUnresolved(timeout) && timeout === 10) {
    throw new ValidationError(`${path}.timeoutSeconds`, "must be shorter than the 10-second probing interval", timeout, "use 5 to 9 with intervalSeconds 10");
  }
  validateRange(`${path}.timeoutSeconds`, timeout, 5, fast ? 9 : 10);
  const toleratedFailures = validateRange(`${path}.toleratedFailures`, monitor.toleratedFailures ?? 3, 0, 9)!;
  const ranges = monitor.expectedStatusCodeRanges ?? ["200-299"];
  if (ranges.length === 0) {
    throw new ValidationError(`${path}.expectedStatusCodeRanges`, "is empty", ranges, 'name at least one range, e.g. "200-299"');
  }
  ranges.forEach((range, i) => {
    const at = `${path}.expectedStatusCodeRanges[${i}]`;
    if (isUnresolved(range)) return;
    const match = /^(\d{3})-(\d{3})$/.exec(range);
    if (!match || Number(match[1]) < 100 || Number(match[1]) > Number(match[2])) {
      throw new ValidationError(at, "is not a status code range", range, 'use "min-max" with 100 <= min <= max <= 999, e.g. "200-299"');
    }
  });
  return { path: probePath, intervalSeconds: interval, timeoutSeconds: timeout, toleratedFailures, expectedStatusCodeRanges: [...ranges] };
}

function validateEndpoints(path: string, endpoints: readonly TrafficManagerEndpoint[] | undefined, method: TrafficRoutingMethod): readonly TrafficManagerEndpoint[] {
  if (!Array.isArray(endpoints) || endpoints.length === 0) {
    throw new ValidationError(path, "is empty: Traffic Manager needs at least one endpoint", endpoints, "add the regional gateways as endpoints");
  }
  if (endpoints.length > MAX_ENDPOINTS) {
    throw new ValidationError(path, `has ${endpoints.length} endpoints, more than a profile holds`, endpoints.map((e) => e.name), `use at most ${MAX_ENDPOINTS}`);
  }
  const names = new Map<string, number>();
  const priorities = new Map<number, number>();
  endpoints.forEach((endpoint, i) => {
    const at = `${path}[${i}]`;
    validatePattern(`${at}.name`, endpoint.name, /^[A-Za-z0-9][A-Za-z0-9._-]{0,259}$/, "use 1-260 letters, digits, dots, underscores and hyphens, starting with a letter or digit");
    if (names.has(endpoint.name)) {
      throw new ValidationError(`${at}.name`, `repeats the endpoint at index ${names.get(endpoint.name)}`, endpoint.name, "give every endpoint its own name");
    }
    names.set(endpoint.name, i);
    validateHostName(`${at}.target`, endpoint.target, { allowIp: true });
    if (endpoint.hostHeader !== undefined) validateHostName(`${at}.hostHeader`, endpoint.hostHeader);

    if (endpoint.priority !== undefined && method !== "Priority") {
      throw new ValidationError(`${at}.priority`, `only applies under Priority routing (the profile routes by ${method})`, endpoint.priority, 'drop the priority, or use trafficRoutingMethod "Priority"');
    }
    if (endpoint.weight !== undefined && method !== "Weighted") {
      throw new ValidationError(`${at}.weight`, `only applies under Weighted routing (the profile routes by ${method})`, endpoint.weight, 'drop the weight, or use trafficRoutingMethod "Weighted"');
    }
    if (method === "Priority") {
      const priority = validateRange(`${at}.priority`, endpoint.priority ?? i + 1, 1, MAX_PRIORITY)!;
      if (!isUnresolved(priority)) {
        if (priorities.has(priority)) {
          throw new ValidationError(`${at}.priority`, `repeats the priority of the endpoint at index ${priorities.get(priority)}; Priority routing needs a distinct priority per endpoint`, priority, `use a priority of 1 to ${MAX_PRIORITY} that no other endpoint has`);
        }
        priorities.set(priority, i);
      }
    }
    if (method === "Weighted") validateRange(`${at}.weight`, endpoint.weight, 1, MAX_EDGE_WEIGHT);
    if (method === "Performance" && endpoint.location === undefined) {
      throw new ValidationError(`${at}.location`, "is required under Performance routing, which answers with the endpoint closest to the client", endpoint.location, 'set the Azure region of the endpoint, e.g. "westeurope"');
    }
    if (endpoint.location !== undefined && !isUnresolved(endpoint.location)) lookupRegion(endpoint.location, `${at}.location`);
  });
  return endpoints;
}
