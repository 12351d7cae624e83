import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import type { IBackendTrafficPolicy } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/BackendTrafficPolicy";
import type { IBackendTrafficPolicySpec } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/BackendTrafficPolicySpec";
import type { ILoadBalancer } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/LoadBalancer";
import type { IRetry } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/Retry";
import type { ITriggerEnum } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/TriggerEnum";
import { ValidationError } from "../core/errors";
import { validateEnum, validateRange } from "../core/validate";
import { localRateLimitSpec, RateLimitRule } from "./api-gateway";
import { crdManifest, gatewayDuration, HTTP_ROUTE_REF, validateHeaderName } from "./private/k8s";

/**
 * How a service's requests are spread over its pods (Envoy Gateway `BackendTrafficPolicy.loadBalancer`):
 * - `round-robin`: each pod in turn;
 * - `least-connections`: Envoy's LeastRequest (power of two choices on active requests), the best general default;
 * - `ip-hash`: consistent hash on the client's source IP (sticky per client; needs the client IP preserved);
 * - `header-hash`: consistent hash on a request header (e.g. a tenant or session id);
 * - `cookie-affinity`: consistent hash on a cookie that Envoy sets when absent (sticky browser sessions).
 */
export type LoadBalancing =
  | { readonly algorithm: "round-robin" }
  | { readonly algorithm: "least-connections" }
  | { readonly algorithm: "ip-hash" }
  | {
      readonly algorithm: "header-hash";
      /** The header hashed, e.g. `x-tenant-id`. */
      readonly header: string;
    }
  | {
      readonly algorithm: "cookie-affinity";
      /** The affinity cookie. */
      readonly cookie: {
        /** Cookie name, e.g. `affinity`. */
        readonly name: string;
        /** Lifetime in seconds of the cookie Envoy sets. */
        readonly ttlSeconds: number;
      };
    };

/** The load-balancing algorithms, in the order error messages list them. */
export const LOAD_BALANCING_ALGORITHMS = ["round-robin", "least-connections", "ip-hash", "header-hash", "cookie-affinity"] as const;

/** Conditions a request is retried on (Envoy retry triggers). */
export type RetryTrigger = "connect-failure" | "refused-stream" | "reset-before-request" | "reset" | "5xx" | "gateway-error" | "retriable-4xx" | "retriable-status-codes";

const RETRY_TRIGGERS: readonly RetryTrigger[] = ["connect-failure", "refused-stream", "reset-before-request", "reset", "5xx", "gateway-error", "retriable-4xx", "retriable-status-codes"];

/** Retries of failed upstream requests (Envoy Gateway `BackendTrafficPolicy.retry`). */
export interface RetryOptions {
  /**
   * Retries after the first attempt, 0–10.
   * @default 2
   */
  readonly numRetries?: number;
  /**
   * Conditions that trigger a retry. The default only retries requests that never reached the application, so it is
   * safe for non-idempotent methods; add `5xx` or `gateway-error` only for idempotent APIs.
   * @default ["connect-failure", "refused-stream", "reset-before-request"]
   */
  readonly retryOn?: RetryTrigger[];
  /**
   * HTTP status codes that trigger a retry (adds `retriable-status-codes`), e.g. `[503]`.
   * @default - none
   */
  readonly retryOnStatusCodes?: number[];
  /**
   * Timeout of each attempt in seconds.
   * @default - the route's backend request timeout
   */
  readonly perRetryTimeoutSeconds?: number;
  /**
   * Base interval of the exponential back-off between attempts, in seconds.
   * @default 0.025 (Envoy's default)
   */
  readonly backoffBaseSeconds?: number;
}

/** Passive health checking (outlier detection): pods that keep failing are ejected for a while. */
export interface PassiveHealthCheckOptions {
  /**
   * Consecutive 5xx responses that eject a pod.
   * @default 5
   */
  readonly consecutive5xxErrors?: number;
  /**
   * Seconds between ejection sweeps.
   * @default 10
   */
  readonly intervalSeconds?: number;
  /**
   * Base ejection time in seconds (multiplied by the number of ejections).
   * @default 30
   */
  readonly baseEjectionSeconds?: number;
  /**
   * Most pods ejected at once, in percent.
   * @default 50
   */
  readonly maxEjectionPercent?: number;
}

/** Circuit breaking: limits on the connections and requests Envoy opens to the service. */
export interface CircuitBreakerOptions {
  /**
   * Most connections to the service.
   * @default 1024 (Envoy's default)
   */
  readonly maxConnections?: number;
  /**
   * Most requests waiting for a connection.
   * @default 1024 (Envoy's default)
   */
  readonly maxPendingRequests?: number;
  /**
   * Most requests in flight.
   * @default 1024 (Envoy's default)
   */
  readonly maxParallelRequests?: number;
}

/** Props for {@link ServiceTrafficPolicy}. */
export interface ServiceTrafficPolicyProps {
  /** Name of the HTTPRoute the policy applies to (and of the policy). */
  readonly routeName: string;
  /**
   * Further HTTPRoutes of the same namespace the policy applies to, e.g. a blue-green preview hostname's route.
   * @default - none
   */
  readonly additionalRouteNames?: string[];
  /** Namespace of the route (and of the policy). */
  readonly namespace: string;
  /**
   * The load-balancing algorithm.
   * @default { algorithm: "least-connections" }
   */
  readonly loadBalancing?: LoadBalancing;
  /**
   * Retries, or `false` for none.
   * @default - see {@link RetryOptions}
   */
  readonly retries?: RetryOptions | false;
  /**
   * Passive health checking, or `false` for none.
   * @default - see {@link PassiveHealthCheckOptions}
   */
  readonly healthCheck?: PassiveHealthCheckOptions | false;
  /**
   * Circuit breaker thresholds.
   * @default - Envoy's defaults (1024 connections, pending and parallel requests)
   */
  readonly circuitBreaker?: CircuitBreakerOptions;
  /**
   * Local rate limits.
   * @default - none
   */
  readonly rateLimits?: RateLimitRule[];
  /**
   * Whether the controller keeps the client's source IP (required for `ip-hash` and source-CIDR rate limits).
   * @default true
   */
  readonly clientIpPreserved?: boolean;
  /** What the policy manifest must wait for (the controller's CRDs and the route). */
  readonly dependsOn: ITerraformDependable[];
  /**
   * Property path prefix for validation errors.
   * @default "trafficPolicy"
   */
  readonly path?: string;
}

/**
 * Builds the Envoy Gateway `loadBalancer` settings for an algorithm; fails at `<path>.algorithm` for an unknown one.
 */
export function loadBalancerSpec(path: string, lb: LoadBalancing, clientIpPreserved = true): ILoadBalancer {
  const algorithm = (lb as { algorithm?: unknown })?.algorithm;
  if (!LOAD_BALANCING_ALGORITHMS.includes(algorithm as LoadBalancing["algorithm"])) {
    throw new ValidationError(`${path}.algorithm`, "is not a load-balancing algorithm", algorithm, `use one of ${LOAD_BALANCING_ALGORITHMS.map((a) => `"${a}"`).join(", ")}`);
  }
  switch (lb.algorithm) {
    case "round-robin":
      return { type: "RoundRobin" };
    case "least-connections":
      return { type: "LeastRequest" };
    case "ip-hash":
      if (!clientIpPreserved) {
        throw new ValidationError(`${path}.algorithm`, "hashes the client IP, but the controller's load balancer replaces it with a node IP (externalTrafficPolicy Cluster)", lb.algorithm, 'use externalTrafficPolicy "Local" on the controller, or "cookie-affinity" / "header-hash"');
      }
      return { type: "ConsistentHash", consistentHash: { type: "SourceIP" } };
    case "header-hash":
      validateHeaderName(`${path}.header`, lb.header);
      return { type: "ConsistentHash", consistentHash: { type: "Headers", headers: [{ name: lb.header }] } };
    case "cookie-affinity": {
      if (!lb.cookie || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,256}$/.test(lb.cookie.name)) {
        throw new ValidationError(`${path}.cookie.name`, "is not a cookie name", lb.cookie?.name, 'use a token such as "affinity" (letters, digits, "-", "_")');
      }
      const ttl = gatewayDuration(`${path}.cookie.ttlSeconds`, validateRange(`${path}.cookie.ttlSeconds`, lb.cookie.ttlSeconds, 1, 31_536_000)!, 1, 31_536_000);
      return { type: "ConsistentHash", consistentHash: { type: "Cookie", cookie: { name: lb.cookie.name, ttl } } };
    }
  }
  throw new ValidationError(`${path}.algorithm`, "is not a load-balancing algorithm", algorithm, `use one of ${LOAD_BALANCING_ALGORITHMS.map((a) => `"${a}"`).join(", ")}`);
}

/** Builds the `retry` settings; the default only retries requests that never reached the application. */
export function retrySpec(path: string, retries: RetryOptions): IRetry {
  const numRetries = validateRange(`${path}.numRetries`, retries.numRetries ?? 2, 0, 10)!;
  const triggers = [...(retries.retryOn ?? ["connect-failure", "refused-stream", "reset-before-request"])];
  triggers.forEach((t, i) => validateEnum(`${path}.retryOn[${i}]`, t, RETRY_TRIGGERS));
  const codes = retries.retryOnStatusCodes ?? [];
  codes.forEach((c, i) => validateRange(`${path}.retryOnStatusCodes[${i}]`, c, 100, 599));
  if (codes.length > 0 && !triggers.includes("retriable-status-codes")) triggers.push("retriable-status-codes");
  if (triggers.includes("retriable-status-codes") && codes.length === 0) {
    throw new ValidationError(`${path}.retryOn`, 'includes "retriable-status-codes" but no retryOnStatusCodes are given', triggers, "list the status codes in retryOnStatusCodes, e.g. [503]");
  }
  const perRetry = {
    ...(retries.perRetryTimeoutSeconds !== undefined ? { timeout: gatewayDuration(`${path}.perRetryTimeoutSeconds`, retries.perRetryTimeoutSeconds) } : {}),
    ...(retries.backoffBaseSeconds !== undefined ? { backOff: { baseInterval: gatewayDuration(`${path}.backoffBaseSeconds`, retries.backoffBaseSeconds) } } : {}),
  };
  return {
    numRetries,
    retryOn: { triggers: triggers as ITriggerEnum[], ...(codes.length > 0 ? { httpStatusCodes: [...codes] } : {}) },
    ...(Object.keys(perRetry).length > 0 ? { perRetry } : {}),
  };
}

/**
 * An Envoy Gateway `BackendTrafficPolicy` on one HTTPRoute: how Envoy talks to the service behind it — the
 * load-balancing algorithm, retries, passive health checks (outlier detection), circuit breaking and local rate
 * limits. Envoy Gateway honours one BackendTrafficPolicy per route, so everything lives in this one object. Created by
 * {@link ServiceRoute}.
 */
export class ServiceTrafficPolicy extends Construct {
  /** The BackendTrafficPolicy manifest, as an escape hatch. */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: ServiceTrafficPolicyProps) {
    super(scope, id);
    const path = props.path ?? "trafficPolicy";
    const clientIp = props.clientIpPreserved ?? true;
    const spec: IBackendTrafficPolicySpec = {
      targetRefs: [props.routeName, ...(props.additionalRouteNames ?? [])].map((name) => ({ ...HTTP_ROUTE_REF, name })),
      loadBalancer: loadBalancerSpec(`${path}.loadBalancing`, props.loadBalancing ?? { algorithm: "least-connections" }, clientIp),
    };
    if (props.retries !== false) spec.retry = retrySpec(`${path}.retries`, props.retries ?? {});
    if (props.healthCheck !== false) {
      const h = props.healthCheck ?? {};
      const hp = `${path}.healthCheck`;
      spec.healthCheck = {
        passive: {
          consecutive5XxErrors: validateRange(`${hp}.consecutive5xxErrors`, h.consecutive5xxErrors ?? 5, 1, 1000)!,
          interval: gatewayDuration(`${hp}.intervalSeconds`, validateRange(`${hp}.intervalSeconds`, h.intervalSeconds ?? 10, 1, 3600)!),
          baseEjectionTime: gatewayDuration(`${hp}.baseEjectionSeconds`, validateRange(`${hp}.baseEjectionSeconds`, h.baseEjectionSeconds ?? 30, 1, 3600)!),
          maxEjectionPercent: validateRange(`${hp}.maxEjectionPercent`, h.maxEjectionPercent ?? 50, 1, 100)!,
        },
      };
    }
    if (props.circuitBreaker) {
      const c = props.circuitBreaker;
      const cp = `${path}.circuitBreaker`;
      spec.circuitBreaker = {
        ...(c.maxConnections !== undefined ? { maxConnections: validateRange(`${cp}.maxConnections`, c.maxConnections, 1, 4294967295)! } : {}),
        ...(c.maxPendingRequests !== undefined ? { maxPendingRequests: validateRange(`${cp}.maxPendingRequests`, c.maxPendingRequests, 1, 4294967295)! } : {}),
        ...(c.maxParallelRequests !== undefined ? { maxParallelRequests: validateRange(`${cp}.maxParallelRequests`, c.maxParallelRequests, 1, 4294967295)! } : {}),
      };
    }
    if (props.rateLimits && props.rateLimits.length > 0) {
      spec.rateLimit = localRateLimitSpec(`${path}.rateLimits`, props.rateLimits, clientIp);
    }
    const policy: IBackendTrafficPolicy = {
      apiVersion: "gateway.envoyproxy.io/v1alpha1",
      kind: "BackendTrafficPolicy",
      metadata: { name: props.routeName, namespace: props.namespace },
      spec,
    };
    this.resource = crdManifest(this, "Resource", policy, props.dependsOn);
  }
}
