import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import type { IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { IHTTPBackendRef } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPBackendRef";
import type { IHTTPHeaderMatch } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPHeaderMatch";
import type { IHTTPRouteMatch } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteMatch";
import type { IHTTPRouteRule } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteRule";
import type { IHTTPRouteTimeouts } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteTimeouts";
import { dependenciesWithin } from "../core/dependencies";
import { ValidationError } from "../core/errors";
import { isUnresolved, validateEnum, validatePattern, validateRange, validateUnique } from "../core/validate";
import { ApiSecurityPolicy, CorsPolicy, JwtAuthentication, RateLimitRule } from "./api-gateway";
import { TrafficGateway } from "./gateway";
import { CircuitBreakerOptions, LoadBalancing, PassiveHealthCheckOptions, RetryOptions, ServiceTrafficPolicy } from "./load-balancing";
import { validateHostname } from "./private/hostname";
import { crdManifest, gatewayDuration, validateHeaderName, validateK8sName } from "./private/k8s";

/**
 * A Kubernetes Service a route sends traffic to. A workload construct (or a `ServiceV1`) satisfies it with the
 * Service's name, namespace and port.
 */
export interface IRouteBackend {
  /** Name of the Kubernetes Service. */
  readonly serviceName: string;
  /** Namespace of the Service; the route is created there (no cross-namespace reference needed). */
  readonly namespace: string;
  /** Service port, 1–65535. */
  readonly port: number;
  /**
   * The versions behind the backend and how the gateway shares traffic between them (weights, a preview or testers'
   * match, a mirror), when the workload runs more than one (a {@link Microservice} with a blue-green, canary or
   * shadow strategy). A route to the backend renders them.
   * @default - every request goes to the Service itself
   */
  readonly routeBackends?: RouteBackendSet;
}

/** A Service in the backend's namespace (name and port). */
export interface RouteServiceRef {
  /** Name of the Kubernetes Service. */
  readonly serviceName: string;
  /** Service port, 1–65535. */
  readonly port: number;
}

/** A Service and its relative share of the traffic. */
export interface WeightedRouteBackend extends RouteServiceRef {
  /** Relative weight (Gateway API `backendRefs[].weight`), 0–1,000,000; 0 sends the Service nothing. */
  readonly weight: number;
}

/**
 * Requests that go to another version than the live one: those carrying a header (exact value) or a cookie, or — a
 * hostname — every request to a hostname of its own (a second HTTPRoute with the same paths and policies).
 */
export type RouteVersionMatch = { readonly header: string; readonly value: string } | { readonly cookie: string; readonly value: string } | { readonly hostname: string };

/** A version reached with a match (a blue-green preview, a canary's testers). */
export interface RouteMatchedBackend {
  /** The Service the matching requests go to. */
  readonly backend: RouteServiceRef;
  /** What sends a request there. */
  readonly match: RouteVersionMatch;
}

/** A version that receives copies of live requests (Gateway API `RequestMirror`); its responses are discarded. */
export interface RouteMirror {
  /** The Service the copies go to. */
  readonly backend: RouteServiceRef;
  /** Percentage of the matching requests copied, 0–100. */
  readonly percent: number;
  /** Only requests with these methods are copied (e.g. `GET`, `HEAD`, `OPTIONS`). */
  readonly methods: readonly string[];
}

/** The versions of a backend as a route sees them. */
export interface RouteBackendSet {
  /** The Services that serve users, with their weights; one entry renders without a weight. */
  readonly live: readonly WeightedRouteBackend[];
  /**
   * A version reached with a match.
   * @default - none
   */
  readonly matched?: RouteMatchedBackend;
  /**
   * A version that receives copies of live requests.
   * @default - none
   */
  readonly mirror?: RouteMirror;
}

/** A path a route matches. */
export interface RoutePath {
  /** The path, starting with `/`, e.g. `/order`. */
  readonly path: string;
  /**
   * `PathPrefix` matches the path and everything below it (`/order`, `/order/42`); `Exact` only the path.
   * @default "PathPrefix"
   */
  readonly type?: "PathPrefix" | "Exact";
}

/** A header a route's requests must carry. */
export interface RouteHeaderMatch {
  /** Header name. */
  readonly name: string;
  /** Header value. */
  readonly value: string;
  /**
   * How `value` matches.
   * @default "Exact"
   */
  readonly type?: "Exact" | "RegularExpression";
}

/** Timeouts of a route (Gateway API `HTTPRoute` rule timeouts). */
export interface RouteTimeouts {
  /**
   * Seconds for the whole request, retries included, until the gateway answers 504.
   * @default 30
   */
  readonly requestSeconds?: number;
  /**
   * Seconds for each attempt to the backend; at most `requestSeconds`.
   * @default - bounded only by the request timeout
   */
  readonly backendRequestSeconds?: number;
}

/** Props for {@link ServiceRoute}. */
export interface ServiceRouteProps {
  /** The gateway the route attaches to (its HTTPS listeners). */
  readonly gateway: TrafficGateway;
  /** The Service requests go to (and, through its `routeBackends`, its other versions). */
  readonly backend: IRouteBackend;
  /** Hostnames the route serves; each must be served by an HTTPS listener of the gateway. */
  readonly hostnames: string[];
  /**
   * Name of the HTTPRoute and its policies.
   * @default - the backend's service name
   */
  readonly name?: string;
  /**
   * Paths routed to the service.
   * @default [{ path: "/", type: "PathPrefix" }]
   */
  readonly paths?: RoutePath[];
  /**
   * Headers every matched request must carry (e.g. a canary header).
   * @default - none
   */
  readonly headers?: RouteHeaderMatch[];
  /**
   * Request timeouts.
   * @default { requestSeconds: 30 }
   */
  readonly timeouts?: RouteTimeouts;
  /**
   * Retries, or `false` for none (Envoy Gateway `BackendTrafficPolicy.retry`, which the installed CRDs support on every
   * route; Gateway API's own `retry` field is not used).
   * @default - up to 2 retries of requests that never reached the application
   */
  readonly retries?: RetryOptions | false;
  /**
   * Load-balancing algorithm across the service's pods.
   * @default { algorithm: "least-connections" }
   */
  readonly loadBalancing?: LoadBalancing;
  /**
   * Passive health checking (outlier detection), or `false` for none.
   * @default - eject a pod after 5 consecutive 5xx for 30 s, at most half of the pods
   */
  readonly healthCheck?: PassiveHealthCheckOptions | false;
  /**
   * Circuit breaker thresholds.
   * @default - Envoy's defaults
   */
  readonly circuitBreaker?: CircuitBreakerOptions;
  /**
   * Local rate limits (per route, optionally per client).
   * @default - none
   */
  readonly rateLimits?: RateLimitRule[];
  /**
   * JWT authentication (requests without a valid token get 401).
   * @default - none
   */
  readonly authentication?: JwtAuthentication;
  /**
   * CORS for browser clients on other origins.
   * @default - none
   */
  readonly cors?: CorsPolicy;
}

/**
 * Routes requests for some hostnames and paths through the gateway's HTTPS listeners to one Kubernetes Service: a
 * Gateway API `HTTPRoute` (path and header matches, timeouts) plus the Envoy Gateway policies that do the rest of the
 * API-gateway work — a `BackendTrafficPolicy` (load-balancing algorithm, retries, outlier detection, circuit breaking,
 * rate limits) and, when asked for, a `SecurityPolicy` (JWT, CORS). The route lives in the service's namespace, which
 * must carry the label `gateway-access: "true"` unless the gateway admits all namespaces.
 *
 * When the backend runs several versions (`backend.routeBackends`, e.g. a {@link Microservice} with a deployment
 * strategy), the route renders them, most specific rule first: a rule for the preview or testers' header (or cookie)
 * to their version, a rule copying the mirrored methods to the shadow (`RequestMirror` with `percent`), and the plain
 * path rule to the live Services with their weights. A preview hostname gets a second HTTPRoute `<name>-preview` with
 * the same paths, covered by the same policies.
 *
 * @example
 * new ServiceRoute(this, "Orders", {
 *   gateway,
 *   backend: { serviceName: "order", namespace: "shop", port: 8080 },
 *   hostnames: ["api.example.com"],
 *   paths: [{ path: "/order" }],
 *   loadBalancing: { algorithm: "least-connections" },
 *   rateLimits: [{ requests: 100, unit: "Second" }],
 * });
 */
export class ServiceRoute extends Construct {
  /** The HTTPRoute manifest, as an escape hatch. */
  public readonly resource: Manifest;
  /** The BackendTrafficPolicy, when the controller implements Envoy Gateway policies. */
  public readonly trafficPolicy?: ServiceTrafficPolicy;
  /** The SecurityPolicy, when authentication or CORS is configured. */
  public readonly securityPolicy?: ApiSecurityPolicy;
  /** The HTTPRoute of a preview hostname (`<name>-preview`), when the backend's preview is matched by hostname. */
  public readonly previewRoute?: Manifest;
  /** Name of the HTTPRoute. */
  public readonly name: string;
  /** Namespace of the HTTPRoute (the backend's). */
  public readonly namespace: string;

  constructor(scope: Construct, id: string, props: ServiceRouteProps) {
    super(scope, id);
    const gateway = props.gateway;
    const backend = props.backend;
    this.name = validateK8sName(`gateway.routes.${props.name ?? backend?.serviceName}.name`, props.name ?? backend.serviceName);
    const path = `gateway.routes.${this.name}`;

    // --- validation, before anything is created ---
    validateK8sName(`${path}.backend.serviceName`, backend.serviceName);
    this.namespace = validateK8sName(`${path}.backend.namespace`, backend.namespace);
    validateRange(`${path}.backend.port`, backend.port, 1, 65535);
    if (!Array.isArray(props.hostnames) || props.hostnames.length === 0) {
      throw new ValidationError(`${path}.hostnames`, "is empty", props.hostnames, "name at least one hostname the gateway serves");
    }
    props.hostnames.forEach((h, i) => validateHostname(`${path}.hostnames[${i}]`, h));
    validateUnique(`${path}.hostnames`, props.hostnames);
    const sections = gateway.listenersFor(`${path}.hostnames`, props.hostnames);

    const paths = props.paths ?? [{ path: "/", type: "PathPrefix" as const }];
    if (paths.length === 0 || paths.length > 16) {
      throw new ValidationError(`${path}.paths`, "must list 1 to 16 paths", paths.length, "name the paths routed to the service");
    }
    paths.forEach((p, i) => {
      validateEnum(`${path}.paths[${i}].type`, p.type ?? "PathPrefix", ["PathPrefix", "Exact"]);
      validateRoutePath(`${path}.paths[${i}].path`, p.path);
    });
    validateUnique(`${path}.paths`, paths, (p) => `${p.type ?? "PathPrefix"} ${normalise(p)}`);
    const headers = props.headers ?? [];
    headers.forEach((h, i) => {
      validateHeaderName(`${path}.headers[${i}].name`, h.name);
      validateEnum(`${path}.headers[${i}].type`, h.type ?? "Exact", ["Exact", "RegularExpression"]);
      if (!isUnresolved(h.value) && (typeof h.value !== "string" || h.value.length === 0 || h.value.length > 4096)) {
        throw new ValidationError(`${path}.headers[${i}].value`, "is empty or longer than 4096 characters", h.value, "give the header value to match");
      }
    });
    validateUnique(`${path}.headers`, headers, (h) => h.name.toLowerCase());
    const timeouts = routeTimeouts(`${path}.timeouts`, props.timeouts ?? {});
    const versions = resolveBackendSet(`${path}.backend.routeBackends`, backend, paths.length, headers);
    const previewHost = versions.matched && "hostname" in versions.matched.match ? versions.matched.match.hostname : undefined;
    const previewName = previewHost !== undefined ? validateK8sName(`${path}.previewRouteName`, `${this.name}-preview`) : undefined;
    if (previewHost !== undefined && props.hostnames.includes(previewHost)) {
      throw new ValidationError(`${path}.backend.routeBackends.matched.match.hostname`, "is also one of the route's hostnames, which serve the live version", previewHost, "give the preview a hostname of its own");
    }
    const previewSections = previewHost !== undefined ? gateway.listenersFor(`${path}.backend.routeBackends.matched.match.hostname`, [previewHost]) : [];
    const matchedHeader = versions.matched && !("hostname" in versions.matched.match) ? versionHeader(versions.matched.match) : undefined;

    const controller = gateway.controller;
    const wantsPolicies = props.loadBalancing !== undefined || props.retries !== undefined || props.healthCheck !== undefined || props.circuitBreaker !== undefined || (props.rateLimits?.length ?? 0) > 0 || props.authentication !== undefined || props.cors !== undefined;
    if (!controller.supportsEnvoyGatewayPolicies && wantsPolicies) {
      throw new ValidationError(path, `asks for Envoy Gateway policies (load balancing, retries, health checks, rate limits, JWT or CORS), which controller ${controller.controllerName} does not implement`, this.name, "use the Envoy Gateway controller, or drop those settings");
    }

    const claims = (hosts: readonly string[], extra: readonly string[]) =>
      hosts.flatMap((hostname) => paths.map((p) => ({ hostname, pathType: p.type ?? "PathPrefix", path: normalise(p), headers: [...headers.map((h) => `${h.name.toLowerCase()}=${h.value}`), ...extra] })));
    gateway.claimRoute(this.name, [...claims(props.hostnames, []), ...(matchedHeader ? claims(props.hostnames, [`${matchedHeader.name.toLowerCase()}=${matchedHeader.value}`]) : [])]);
    if (previewName !== undefined) gateway.claimRoute(previewName, claims([previewHost!], []));

    // --- the route ---
    const matches: IHTTPRouteMatch[] = paths.map((p) => ({
      path: { type: p.type ?? "PathPrefix", value: p.path },
      ...(headers.length > 0 ? { headers: headers.map((h) => ({ name: h.name, value: h.value, type: h.type ?? "Exact" })) } : {}),
    }));
    const serviceRef = (ref: RouteServiceRef) => ({ group: "", kind: "Service", name: ref.serviceName, port: ref.port });
    // One live Service renders without a weight (all traffic); several carry their weights, zeros included, so a
    // weight change is the only difference between two steps of a rollout.
    const liveRefs: IHTTPBackendRef[] = versions.live.length === 1 ? [serviceRef(versions.live[0])] : versions.live.map((b) => ({ ...serviceRef(b), weight: b.weight }));
    const rules: IHTTPRouteRule[] = [];
    // Most specific first: Gateway API ranks header matches above plain path matches anyway; the order says it too.
    if (matchedHeader && versions.matched) {
      rules.push({ matches: matches.map((m) => ({ ...m, headers: [...(m.headers ?? []), matchedHeader] })), backendRefs: [serviceRef(versions.matched.backend)], timeouts });
    }
    if (versions.mirror) {
      const mirror = versions.mirror;
      rules.push({
        matches: matches.flatMap((m) => mirror.methods.map((method) => ({ ...m, method: method as IHTTPRouteMatch["method"] }))),
        filters: [{ type: "RequestMirror", requestMirror: { backendRef: serviceRef(mirror.backend), percent: mirror.percent } }],
        backendRefs: liveRefs,
        timeouts,
      });
    }
    rules.push({ matches, backendRefs: liveRefs, timeouts });
    const parentRefs = (list: readonly string[]) => list.map((sectionName) => ({ group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, sectionName }));
    const route: IHTTPRoute = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: this.name, namespace: this.namespace },
      spec: { parentRefs: parentRefs(sections), hostnames: [...props.hostnames], rules },
    };
    this.resource = crdManifest(this, "Resource", route, gateway.routeDependencies);
    if (previewName !== undefined && versions.matched) {
      const preview: IHTTPRoute = {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: previewName, namespace: this.namespace },
        spec: { parentRefs: parentRefs(previewSections), hostnames: [previewHost!], rules: [{ matches, backendRefs: [serviceRef(versions.matched.backend)], timeouts }] },
      };
      this.previewRoute = crdManifest(this, "Preview", preview, gateway.routeDependencies);
    }

    // --- policies ---
    const policyDeps = [...controller.crdDependencies, this.resource, ...(this.previewRoute ? [this.previewRoute] : [])];
    const additionalRouteNames = previewName !== undefined ? [previewName] : undefined;
    if (controller.supportsEnvoyGatewayPolicies) {
      this.trafficPolicy = new ServiceTrafficPolicy(this, "TrafficPolicy", {
        routeName: this.name,
        additionalRouteNames,
        namespace: this.namespace,
        loadBalancing: props.loadBalancing,
        retries: props.retries,
        healthCheck: props.healthCheck,
        circuitBreaker: props.circuitBreaker,
        rateLimits: props.rateLimits,
        clientIpPreserved: controller.preservesClientIp,
        dependsOn: dependenciesWithin(this, policyDeps),
        path,
      });
    }
    if (props.authentication || props.cors) {
      this.securityPolicy = new ApiSecurityPolicy(this, "SecurityPolicy", {
        routeName: this.name,
        additionalRouteNames,
        namespace: this.namespace,
        jwt: props.authentication,
        cors: props.cors,
        dependsOn: dependenciesWithin(this, policyDeps),
        path,
      });
    }
  }
}

const ROUTE_PATH = /^\/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*$/;

function validateRoutePath(path: string, value: string): void {
  if (isUnresolved(value)) return;
  if (typeof value !== "string" || !ROUTE_PATH.test(value) || value.length > 1024 || value.includes("//") || /(^|\/)\.\.?(\/|$)/.test(value)) {
    throw new ValidationError(path, "is not a valid route path", value, 'use an absolute path such as "/order" (no "//", "." or ".." segments, at most 1024 characters)');
  }
}

/** A trailing slash does not change what a prefix matches in Gateway API (`/order/` = `/order`); it does for Exact. */
function normalise(p: RoutePath): string {
  return (p.type ?? "PathPrefix") === "PathPrefix" && p.path.length > 1 ? p.path.replace(/\/+$/, "") : p.path;
}

function routeTimeouts(path: string, t: RouteTimeouts): IHTTPRouteTimeouts {
  const request = validateRange(`${path}.requestSeconds`, t.requestSeconds ?? 30, 0.001, 3600, { integer: false })!;
  const result: IHTTPRouteTimeouts = { request: gatewayDuration(`${path}.requestSeconds`, request) };
  if (t.backendRequestSeconds !== undefined) {
    const backend = validateRange(`${path}.backendRequestSeconds`, t.backendRequestSeconds, 0.001, 3600, { integer: false })!;
    if (backend > request) {
      throw new ValidationError(`${path}.backendRequestSeconds`, `exceeds the request timeout (${request} s)`, backend, "keep backendRequestSeconds <= requestSeconds");
    }
    result.backendRequest = gatewayDuration(`${path}.backendRequestSeconds`, backend);
  }
  return result;
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;
const COOKIE_VALUE = /^[A-Za-z0-9!#$%&'()*+\-./:<=>?@[\]^_`{|}~]{1,1024}$/;
/** Gateway API caps the matches of one rule. */
const MAX_MATCHES = 64;

/** The backend's versions, validated; a plain backend is its own single live version. */
function resolveBackendSet(path: string, backend: IRouteBackend, pathCount: number, headers: readonly RouteHeaderMatch[]): RouteBackendSet {
  const set = backend.routeBackends ?? { live: [{ serviceName: backend.serviceName, port: backend.port, weight: 100 }] };
  const ref = (at: string, r: RouteServiceRef) => {
    validateK8sName(`${at}.serviceName`, r.serviceName);
    validateRange(`${at}.port`, r.port, 1, 65535);
  };
  if (!Array.isArray(set.live) || set.live.length === 0 || set.live.length > 16) {
    throw new ValidationError(`${path}.live`, "must list 1 to 16 Services", set.live?.length, "name the Services that serve users");
  }
  set.live.forEach((b, i) => {
    ref(`${path}.live[${i}]`, b);
    validateRange(`${path}.live[${i}].weight`, b.weight, 0, 1_000_000);
  });
  validateUnique(`${path}.live`, set.live, (b) => b.serviceName);
  if (set.live.length > 1 && set.live.every((b) => !isUnresolved(b.weight) && b.weight === 0)) {
    throw new ValidationError(`${path}.live`, "gives every Service weight 0, so the gateway would answer every request with 500", set.live.map((b) => b.weight), "give at least one Service a weight above 0");
  }
  if (set.matched) {
    ref(`${path}.matched.backend`, set.matched.backend);
    const m = set.matched.match;
    if ("hostname" in m) validateHostname(`${path}.matched.match.hostname`, m.hostname);
    else {
      const name = "header" in m ? validateHeaderName(`${path}.matched.match.header`, m.header) : "cookie";
      if ("cookie" in m) {
        validatePattern(`${path}.matched.match.cookie`, m.cookie, COOKIE_NAME, "use a cookie name");
        validatePattern(`${path}.matched.match.value`, m.value, COOKIE_VALUE, "use a cookie value without spaces, quotes, commas, semicolons or backslashes");
      } else if (!isUnresolved(m.value) && (typeof m.value !== "string" || m.value.length === 0 || m.value.length > 4096)) {
        throw new ValidationError(`${path}.matched.match.value`, "is empty or longer than 4096 characters", m.value, "give the header value to match");
      }
      if (headers.some((h) => h.name.toLowerCase() === name.toLowerCase())) {
        throw new ValidationError(`${path}.matched.match`, `matches header ${name}, which the route's headers already match`, name, "use another header for the version");
      }
    }
  }
  if (set.mirror) {
    const m = set.mirror;
    ref(`${path}.mirror.backend`, m.backend);
    validateRange(`${path}.mirror.percent`, m.percent, 0, 100);
    if (!Array.isArray(m.methods) || m.methods.length === 0) throw new ValidationError(`${path}.mirror.methods`, "is empty", m.methods, 'list the methods to mirror, e.g. ["GET", "HEAD"]');
    m.methods.forEach((method, i) => validateEnum(`${path}.mirror.methods[${i}]`, method, HTTP_METHODS));
    validateUnique(`${path}.mirror.methods`, m.methods);
    if (pathCount * m.methods.length > MAX_MATCHES) {
      throw new ValidationError(`${path}.mirror.methods`, `gives ${pathCount} paths × ${m.methods.length} methods = ${pathCount * m.methods.length} matches, more than a Gateway API rule takes (${MAX_MATCHES})`, m.methods, "mirror fewer methods or route fewer paths");
    }
    if (set.live.some((b) => b.serviceName === m.backend.serviceName)) {
      throw new ValidationError(`${path}.mirror.backend.serviceName`, "is also a live Service, which would get the copies on top of the originals", m.backend.serviceName, "mirror to a Service that serves no user");
    }
  }
  return set;
}

/** The header match that selects a version: the header itself, or the `cookie` header holding the cookie. */
function versionHeader(match: { readonly header: string; readonly value: string } | { readonly cookie: string; readonly value: string }): IHTTPHeaderMatch {
  if ("header" in match) return { name: match.header, value: match.value, type: "Exact" };
  // Envoy matches a header regex against the whole value (RE2): the cookie anywhere in the list.
  const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return { name: "cookie", value: `^(.*;\\s*)?${escape(match.cookie)}=${escape(match.value)}(;.*)?$`, type: "RegularExpression" };
}
