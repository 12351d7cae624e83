import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import type { IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { IHTTPRouteMatch } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteMatch";
import type { IHTTPRouteTimeouts } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRouteTimeouts";
import { dependenciesWithin } from "../core/dependencies";
import { ValidationError } from "../core/errors";
import { isUnresolved, validateEnum, validateRange, validateUnique } from "../core/validate";
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
  /** The Service requests go to. */
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

    const controller = gateway.controller;
    const wantsPolicies = props.loadBalancing !== undefined || props.retries !== undefined || props.healthCheck !== undefined || props.circuitBreaker !== undefined || (props.rateLimits?.length ?? 0) > 0 || props.authentication !== undefined || props.cors !== undefined;
    if (!controller.supportsEnvoyGatewayPolicies && wantsPolicies) {
      throw new ValidationError(path, `asks for Envoy Gateway policies (load balancing, retries, health checks, rate limits, JWT or CORS), which controller ${controller.controllerName} does not implement`, this.name, "use the Envoy Gateway controller, or drop those settings");
    }

    gateway.claimRoute(
      this.name,
      props.hostnames.flatMap((hostname) =>
        paths.map((p) => ({ hostname, pathType: p.type ?? "PathPrefix", path: normalise(p), headers: headers.map((h) => `${h.name.toLowerCase()}=${h.value}`) })),
      ),
    );

    // --- the route ---
    const matches: IHTTPRouteMatch[] = paths.map((p) => ({
      path: { type: p.type ?? "PathPrefix", value: p.path },
      ...(headers.length > 0 ? { headers: headers.map((h) => ({ name: h.name, value: h.value, type: h.type ?? "Exact" })) } : {}),
    }));
    const route: IHTTPRoute = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        parentRefs: sections.map((sectionName) => ({ group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, sectionName })),
        hostnames: [...props.hostnames],
        rules: [
          {
            matches,
            backendRefs: [{ group: "", kind: "Service", name: backend.serviceName, port: backend.port }],
            timeouts,
          },
        ],
      },
    };
    this.resource = crdManifest(this, "Resource", route, gateway.routeDependencies);

    // --- policies ---
    const policyDeps = [...controller.crdDependencies, this.resource];
    if (controller.supportsEnvoyGatewayPolicies) {
      this.trafficPolicy = new ServiceTrafficPolicy(this, "TrafficPolicy", {
        routeName: this.name,
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
