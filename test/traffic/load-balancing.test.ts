import { LOAD_BALANCING_ALGORITHMS, LoadBalancing } from "../../lib/traffic/load-balancing";
import { ServiceRouteProps } from "../../lib/traffic/route";
import { expectValidationError, manifestOf, synthRoute } from "./fixtures";

const specOf = (props: Partial<ServiceRouteProps> = {}, controllerProps = {}) => manifestOf(synthRoute(props, controllerProps), "BackendTrafficPolicy").spec;
const balancerOf = (loadBalancing: LoadBalancing) => specOf({ loadBalancing }).loadBalancer;
const create = (props: Partial<ServiceRouteProps>, controllerProps = {}) => () => synthRoute(props, controllerProps);

describe("ServiceTrafficPolicy (load balancing, retries, health checks)", () => {
  const defaults = specOf();

  describe("load-balancing algorithms", () => {
    it("uses least connections (Envoy LeastRequest) by default", () => {
      expect(defaults.loadBalancer).toEqual({ type: "LeastRequest" });
    });

    it("maps round-robin to RoundRobin", () => {
      expect(balancerOf({ algorithm: "round-robin" })).toEqual({ type: "RoundRobin" });
    });

    it("maps least-connections to LeastRequest", () => {
      expect(balancerOf({ algorithm: "least-connections" })).toEqual({ type: "LeastRequest" });
    });

    it("maps ip-hash to a consistent hash on the source IP", () => {
      expect(balancerOf({ algorithm: "ip-hash" })).toEqual({ type: "ConsistentHash", consistentHash: { type: "SourceIP" } });
    });

    it("maps header-hash to a consistent hash on the header", () => {
      expect(balancerOf({ algorithm: "header-hash", header: "x-tenant-id" })).toEqual({ type: "ConsistentHash", consistentHash: { type: "Headers", headers: [{ name: "x-tenant-id" }] } });
    });

    it("maps cookie-affinity to a consistent hash on a cookie with a lifetime", () => {
      expect(balancerOf({ algorithm: "cookie-affinity", cookie: { name: "affinity", ttlSeconds: 3600 } })).toEqual({ type: "ConsistentHash", consistentHash: { type: "Cookie", cookie: { name: "affinity", ttl: "3600s" } } });
    });

    it("fails on an unknown algorithm, listing the allowed ones", () => {
      expectValidationError(
        create({ loadBalancing: { algorithm: "weighted" } as never }),
        'gateway.routes.order.loadBalancing.algorithm: is not a load-balancing algorithm (got "weighted"); use one of "round-robin", "least-connections", "ip-hash", "header-hash", "cookie-affinity"',
      );
      expect(LOAD_BALANCING_ALGORITHMS).toHaveLength(5);
    });

    it("fails on ip-hash when the controller's load balancer replaces the client IP", () => {
      expectValidationError(
        create({ loadBalancing: { algorithm: "ip-hash" } }, { externalTrafficPolicy: "Cluster" }),
        'gateway.routes.order.loadBalancing.algorithm: hashes the client IP, but the controller\'s load balancer replaces it with a node IP (externalTrafficPolicy Cluster) (got "ip-hash"); use externalTrafficPolicy "Local" on the controller, or "cookie-affinity" / "header-hash"',
      );
    });

    it("fails when the hashed header name is invalid", () => {
      expectValidationError(create({ loadBalancing: { algorithm: "header-hash", header: "x tenant" } }), 'gateway.routes.order.loadBalancing.header: has an invalid format (got "x tenant"); use an HTTP header name such as "x-api-key"');
    });

    it("fails when the cookie name is invalid", () => {
      expectValidationError(create({ loadBalancing: { algorithm: "cookie-affinity", cookie: { name: "my cookie", ttlSeconds: 60 } } }), 'gateway.routes.order.loadBalancing.cookie.name: is not a cookie name (got "my cookie"); use a token such as "affinity" (letters, digits, "-", "_")');
    });

    it("fails when the cookie lifetime is zero", () => {
      expectValidationError(create({ loadBalancing: { algorithm: "cookie-affinity", cookie: { name: "affinity", ttlSeconds: 0 } } }), "gateway.routes.order.loadBalancing.cookie.ttlSeconds: is out of range (got 0); use 1 to 31536000");
    });
  });

  describe("retries", () => {
    it("retries twice, only requests that never reached the application, by default", () => {
      expect(defaults.retry).toEqual({ numRetries: 2, retryOn: { triggers: ["connect-failure", "refused-stream", "reset-before-request"] } });
    });

    it("retries on status codes with a per-try timeout and back-off", () => {
      expect(specOf({ retries: { numRetries: 3, retryOn: ["gateway-error"], retryOnStatusCodes: [503], perRetryTimeoutSeconds: 2, backoffBaseSeconds: 0.1 } }).retry).toEqual({
        numRetries: 3,
        retryOn: { triggers: ["gateway-error", "retriable-status-codes"], httpStatusCodes: [503] },
        perRetry: { timeout: "2s", backOff: { baseInterval: "100ms" } },
      });
    });

    it("does not retry when retries are off", () => {
      expect(specOf({ retries: false })).not.toHaveProperty("retry");
    });

    it("fails on an unknown retry condition", () => {
      expectValidationError(create({ retries: { retryOn: ["timeout" as never] } }), /^gateway\.routes\.order\.retries\.retryOn\[0\]: is not an allowed value \(got "timeout"\); use one of "connect-failure"/);
    });

    it("fails when more than 10 retries are asked for", () => {
      expectValidationError(create({ retries: { numRetries: 11 } }), "gateway.routes.order.retries.numRetries: is out of range (got 11); use 0 to 10");
    });

    it("fails when retriable-status-codes has no status codes", () => {
      expectValidationError(create({ retries: { retryOn: ["retriable-status-codes"] } }), 'gateway.routes.order.retries.retryOn: includes "retriable-status-codes" but no retryOnStatusCodes are given (got ["retriable-status-codes"]); list the status codes in retryOnStatusCodes, e.g. [503]');
    });

    it("fails on a status code outside 100-599", () => {
      expectValidationError(create({ retries: { retryOnStatusCodes: [600] } }), "gateway.routes.order.retries.retryOnStatusCodes[0]: is out of range (got 600); use 100 to 599");
    });
  });

  describe("health checks and circuit breaking", () => {
    it("ejects pods after 5 consecutive 5xx for 30 s, at most half of them, by default", () => {
      expect(defaults.healthCheck).toEqual({ passive: { consecutive5XxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 } });
    });

    it("tunes passive health checking", () => {
      expect(specOf({ healthCheck: { consecutive5xxErrors: 3, intervalSeconds: 5, baseEjectionSeconds: 60, maxEjectionPercent: 20 } }).healthCheck.passive).toEqual({ consecutive5XxErrors: 3, interval: "5s", baseEjectionTime: "60s", maxEjectionPercent: 20 });
    });

    it("turns passive health checking off", () => {
      expect(specOf({ healthCheck: false })).not.toHaveProperty("healthCheck");
    });

    it("leaves circuit breaking to Envoy's defaults", () => {
      expect(defaults).not.toHaveProperty("circuitBreaker");
    });

    it("sets circuit breaker thresholds", () => {
      expect(specOf({ circuitBreaker: { maxConnections: 2048, maxPendingRequests: 256, maxParallelRequests: 512 } }).circuitBreaker).toEqual({ maxConnections: 2048, maxPendingRequests: 256, maxParallelRequests: 512 });
    });

    it("fails when the ejection percentage exceeds 100", () => {
      expectValidationError(create({ healthCheck: { maxEjectionPercent: 150 } }), "gateway.routes.order.healthCheck.maxEjectionPercent: is out of range (got 150); use 1 to 100");
    });

    it("fails when a circuit breaker threshold is zero", () => {
      expectValidationError(create({ circuitBreaker: { maxConnections: 0 } }), "gateway.routes.order.circuitBreaker.maxConnections: is out of range (got 0); use 1 to 4294967295");
    });
  });
});
