import { Testing } from "cdktf";
import { AcmeClusterIssuer } from "../../lib/traffic/acme-cluster-issuer";
import { CertManager } from "../../lib/traffic/cert-manager";
import { TrafficGateway } from "../../lib/traffic/gateway";
import { LoadBalancing } from "../../lib/traffic/load-balancing";
import { IRouteBackend, ServiceRoute } from "../../lib/traffic/route";
import { EnvoyGatewayController } from "../../lib/traffic/traffic-controller";
import { isModelPackageInstalled, ManifestValidation, validateManifestsDetailed } from "../support/crd-validation";
import { appsStack, manifests, PUBLIC_IP } from "./fixtures";

/** A public environment with every construct and option that writes a CRD-based object. */
function publicStack(): string {
  const { stack } = appsStack();
  const controller = new EnvoyGatewayController(stack, "Traffic", { exposure: { type: "public", publicIp: PUBLIC_IP }, sessionAffinity: "ClientIP", loadBalancerSourceRanges: ["0.0.0.0/0"] });
  const gateway = new TrafficGateway(stack, "Gateway", { controller, hostnames: ["shop.example.com", "*.api.example.com"], tls: { mode: "certManager", issuerName: "letsencrypt-prod" } });
  const certManager = new CertManager(stack, "CertManager", { gatewayApiCrdsFrom: controller });
  new AcmeClusterIssuer(stack, "Issuer", { certManager, gateway, email: "platform@example.com" });
  gateway.addHealthRoute();
  const algorithms: LoadBalancing[] = [
    { algorithm: "round-robin" },
    { algorithm: "least-connections" },
    { algorithm: "ip-hash" },
    { algorithm: "header-hash", header: "x-tenant-id" },
    { algorithm: "cookie-affinity", cookie: { name: "affinity", ttlSeconds: 3600 } },
  ];
  algorithms.forEach((loadBalancing, i) => {
    new ServiceRoute(stack, `Route${i}`, {
      gateway,
      backend: { serviceName: `svc-${loadBalancing.algorithm}`, namespace: "shop", port: 8080 },
      hostnames: ["shop.example.com"],
      paths: [{ path: `/${loadBalancing.algorithm}` }, { path: `/${loadBalancing.algorithm}/exact`, type: "Exact" }],
      loadBalancing,
    });
  });
  new ServiceRoute(stack, "Orders", {
    gateway,
    backend: { serviceName: "order", namespace: "shop", port: 8080 },
    hostnames: ["orders.api.example.com"],
    paths: [{ path: "/order" }],
    headers: [{ name: "x-canary", value: "true" }, { name: "x-region", value: "^eu-.*$", type: "RegularExpression" }],
    timeouts: { requestSeconds: 20, backendRequestSeconds: 5.5 },
    retries: { numRetries: 3, retryOn: ["connect-failure", "gateway-error"], retryOnStatusCodes: [503], perRetryTimeoutSeconds: 5, backoffBaseSeconds: 0.1 },
    healthCheck: { consecutive5xxErrors: 3, intervalSeconds: 5, baseEjectionSeconds: 60, maxEjectionPercent: 30 },
    circuitBreaker: { maxConnections: 2048, maxPendingRequests: 512, maxParallelRequests: 1024 },
    rateLimits: [
      { requests: 100, unit: "Second" },
      { requests: 1000, unit: "Hour", clients: { headers: [{ name: "x-api-key", value: "partner-a" }] } },
      { requests: 10, unit: "Minute", clients: { headers: [{ name: "x-user-id", value: "^bot-", type: "RegularExpression", invert: true }], sourceCidr: "203.0.113.0/24" } },
    ],
    authentication: {
      optional: true,
      providers: [
        {
          name: "entra",
          issuer: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
          audiences: ["api://shop"],
          remoteJwksUri: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys",
          claimToHeaders: [{ claim: "sub", header: "x-user-id" }],
        },
      ],
    },
    cors: { allowOrigins: ["https://shop.example.com", "https://*.example.com"], allowMethods: ["GET", "POST"], allowHeaders: ["authorization"], exposeHeaders: ["x-request-id"], maxAgeSeconds: 3600, allowCredentials: true },
  });
  // The routes of the deployment strategies: canary weights with cookie testers, a blue-green preview by header and one
  // by hostname (a second HTTPRoute), and a shadow's mirror of safe methods.
  const versions: IRouteBackend[] = [
    { serviceName: "cart", namespace: "shop", port: 80, routeBackends: { live: [{ serviceName: "cart", port: 80, weight: 90 }, { serviceName: "cart-canary", port: 80, weight: 10 }], matched: { backend: { serviceName: "cart-canary", port: 80 }, match: { cookie: "canary", value: "always" } } } },
    { serviceName: "pay", namespace: "shop", port: 80, routeBackends: { live: [{ serviceName: "pay", port: 80, weight: 100 }], matched: { backend: { serviceName: "pay-preview", port: 80 }, match: { header: "x-preview", value: "true" } } } },
    { serviceName: "auth", namespace: "shop", port: 80, routeBackends: { live: [{ serviceName: "auth", port: 80, weight: 100 }], matched: { backend: { serviceName: "auth-preview", port: 80 }, match: { hostname: "preview.api.example.com" } } } },
    { serviceName: "search", namespace: "shop", port: 80, routeBackends: { live: [{ serviceName: "search", port: 80, weight: 100 }], mirror: { backend: { serviceName: "search-shadow", port: 80 }, percent: 25, methods: ["GET", "HEAD", "OPTIONS"] } } },
  ];
  versions.forEach((backend) => new ServiceRoute(stack, `Versions-${backend.serviceName}`, { gateway, backend, hostnames: ["shop.example.com"], paths: [{ path: `/${backend.serviceName}` }] }));
  new ServiceRoute(stack, "NoPolicies", { gateway, backend: { serviceName: "static", namespace: "web", port: 80 }, hostnames: ["shop.example.com"], paths: [{ path: "/static" }], retries: false, healthCheck: false });
  return Testing.synth(stack);
}

/** A private environment: internal load balancer, Cluster traffic policy with an HTTP probe, autoscaled proxies. */
function internalStack(): string {
  const { stack } = appsStack();
  const controller = new EnvoyGatewayController(stack, "Traffic", {
    exposure: { type: "internal", subnetName: "snet-gateway", privateIpAddress: "10.10.8.10" },
    externalTrafficPolicy: "Cluster",
    healthProbe: { protocol: "Http", requestPath: "/healthz", intervalSeconds: 10, numberOfProbes: 3 },
    proxy: { autoscaling: { minReplicas: 3, maxReplicas: 10 }, zoneSpread: false },
    controllerReplicas: 1,
  });
  const gateway = new TrafficGateway(stack, "Gateway", { controller, hostnames: ["*.internal.example.com"], tls: { mode: "secret", secretName: "wildcard-internal-tls" }, allowedRoutes: "all", createNamespace: false });
  new ServiceRoute(stack, "Reports", { gateway, backend: { serviceName: "reports", namespace: "bi", port: 443 }, hostnames: ["reports.internal.example.com"] });
  return Testing.synth(stack);
}

const stackManifests = [...manifests(publicStack()), ...manifests(internalStack())];
const backendPolicy = stackManifests.find((m) => m.kind === "BackendTrafficPolicy")!;
const gatewayManifest = stackManifests.find((m) => m.kind === "Gateway")!;
const { loadBalancer, ...restOfSpec } = backendPolicy.spec;
const misspelled = { ...backendPolicy, metadata: { name: "misspelled", namespace: "shop" }, spec: { ...restOfSpec, loadBalancr: loadBalancer } };
const wrongEnum = { ...backendPolicy, metadata: { name: "wrong-enum", namespace: "shop" }, spec: { ...backendPolicy.spec, loadBalancer: { type: "LeastConnections" } } };
const { listeners: _listeners, ...specWithoutListeners } = gatewayManifest.spec;
const missingRequired = { ...gatewayManifest, metadata: { name: "no-listeners", namespace: "ingress" }, spec: specWithoutListeners };

// One child process and one TypeScript program for the whole file.
const all: Record<string, any>[] = [...stackManifests, misspelled, wrongEnum, missingRequired];
const result: ManifestValidation = validateManifestsDetailed(all);
const errorsOf = (manifest: object) => result.byIndex[all.indexOf(manifest)];

describe("CRD schemas of the traffic constructs", () => {
  it("writes every kind of object the constructs own", () => {
    expect([...new Set(stackManifests.map((m) => m.kind))].sort()).toEqual(["BackendTrafficPolicy", "ClusterIssuer", "EnvoyProxy", "Gateway", "GatewayClass", "HTTPRoute", "HTTPRouteFilter", "SecurityPolicy"]);
  });

  it("validates every synthesized object against its schema without errors", () => {
    expect(result.byIndex.slice(0, stackManifests.length).flat()).toEqual([]);
  });

  it("checks every object, cert-manager's ClusterIssuer included", () => {
    expect(isModelPackageInstalled("@kubernetes-models/cert-manager")).toBe(true);
    expect(result.skipped).toEqual([]);
  });

  it("catches a misspelled field", () => {
    expect(errorsOf(misspelled)).toEqual([expect.stringMatching(/^type: Object literal may only specify known properties, and '"loadBalancr"' does not exist in type 'IBackendTrafficPolicySpec'/)]);
  });

  it("catches a value outside an enum, at run time and in the type check", () => {
    expect(errorsOf(wrongEnum)).toEqual([
      "/spec/loadBalancer/type must be equal to one of the allowed values (allowed: ConsistentHash, LeastRequest, Random, RoundRobin)",
      expect.stringMatching(/^type: Type '"LeastConnections"' is not assignable to type 'ILoadBalancerType'/),
    ]);
  });

  it("catches a missing required field, at run time and in the type check", () => {
    expect(errorsOf(missingRequired)).toEqual([
      "/spec must have required property listeners",
      expect.stringMatching(/^type: Property '"listeners"' is missing in type '\{ gatewayClassName: string; \}' but required in type 'IGatewaySpec'/),
    ]);
  });

  it("names the manifest in each error", () => {
    expect(result.errors).toContainEqual(expect.stringMatching(/^manifest\[\d+\] Gateway\/no-listeners: \/spec must have required property listeners$/));
  });
});
