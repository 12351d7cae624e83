import { Testing } from "cdktf";
import { RouteBackendSet, ServiceRoute, ServiceRouteProps } from "../../lib/traffic/route";
import { ITrafficController } from "../../lib/traffic/traffic-controller";
import { TrafficGateway } from "../../lib/traffic/gateway";
import { appsStack, expectValidationError, gatewayFixture, manifestOf, manifestResource, manifests, ORDER_BACKEND, synthRoute } from "./fixtures";

const routeOf = (props: Partial<ServiceRouteProps> = {}) => manifestOf(synthRoute(props), "HTTPRoute", props.name ?? "order");
const create = (props: Partial<ServiceRouteProps>) => () => synthRoute(props);

describe("ServiceRoute", () => {
  const defaults = synthRoute();
  const route = manifestOf(defaults, "HTTPRoute", "order");

  it("synthesizes the default route and its traffic policy", () => {
    expect({ route, trafficPolicy: manifestOf(defaults, "BackendTrafficPolicy") }).toMatchSnapshot();
  });

  describe("HTTPRoute", () => {
    it("is named after the service, in the service's namespace", () => {
      expect(route.metadata).toEqual({ name: "order", namespace: "shop" });
    });

    it("attaches to the gateway's HTTPS listener for its hostname", () => {
      expect(route.spec.parentRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", namespace: "ingress", sectionName: "https-shop-example-com" }]);
    });

    it("attaches to a wildcard listener for a subdomain", () => {
      expect(routeOf({ hostnames: ["orders.api.example.com"] }).spec.parentRefs.map((p: { sectionName: string }) => p.sectionName)).toEqual(["https-wildcard-api-example-com"]);
    });

    it("serves its hostnames", () => {
      expect(route.spec.hostnames).toEqual(["shop.example.com"]);
    });

    it("matches path prefixes by default", () => {
      expect(route.spec.rules[0].matches).toEqual([{ path: { type: "PathPrefix", value: "/order" } }]);
    });

    it("matches everything when no path is given", () => {
      const { stack, gateway } = gatewayFixture();
      new ServiceRoute(stack, "Route", { gateway, backend: ORDER_BACKEND, hostnames: ["shop.example.com"] });
      expect(manifestOf(Testing.synth(stack), "HTTPRoute", "order").spec.rules[0].matches).toEqual([{ path: { type: "PathPrefix", value: "/" } }]);
    });

    it("matches exact paths", () => {
      expect(routeOf({ paths: [{ path: "/order/health", type: "Exact" }] }).spec.rules[0].matches).toEqual([{ path: { type: "Exact", value: "/order/health" } }]);
    });

    it("adds header matches to every path", () => {
      const matches = routeOf({ paths: [{ path: "/order" }, { path: "/orders" }], headers: [{ name: "x-canary", value: "true" }] }).spec.rules[0].matches;
      expect(matches.map((m: { headers: unknown }) => m.headers)).toEqual([
        [{ name: "x-canary", value: "true", type: "Exact" }],
        [{ name: "x-canary", value: "true", type: "Exact" }],
      ]);
    });

    it("sends requests to the Service port", () => {
      expect(route.spec.rules[0].backendRefs).toEqual([{ group: "", kind: "Service", name: "order", port: 8080 }]);
    });

    it("times requests out after 30 seconds", () => {
      expect(route.spec.rules[0].timeouts).toEqual({ request: "30s" });
    });

    it("sets request and backend request timeouts", () => {
      expect(routeOf({ timeouts: { requestSeconds: 10, backendRequestSeconds: 2.5 } }).spec.rules[0].timeouts).toEqual({ request: "10s", backendRequest: "2500ms" });
    });

    it("depends on the controller's CRDs and the Gateway", () => {
      expect(manifestResource(defaults, "HTTPRoute", "order").depends_on).toEqual([
        expect.stringMatching(/^helm_release\.Traffic_/),
        expect.stringMatching(/^kubernetes_manifest\.Traffic_GatewayClass_/),
        expect.stringMatching(/^kubernetes_manifest\.Gateway_[0-9A-F]+$/),
      ]);
    });

    it("uses another name", () => {
      expect(routeOf({ name: "order-v2" }).metadata.name).toBe("order-v2");
    });
  });

  describe("policies", () => {
    it("always has a BackendTrafficPolicy on the route with the Envoy Gateway controller", () => {
      expect(manifestOf(defaults, "BackendTrafficPolicy").spec.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: "order" }]);
    });

    it("has no SecurityPolicy without authentication or CORS", () => {
      expect(() => manifestOf(defaults, "SecurityPolicy")).toThrow("expected one SecurityPolicy, found 0");
    });

    it("makes the policies wait for the route", () => {
      expect(manifestResource(defaults, "BackendTrafficPolicy", "order").depends_on).toContainEqual(expect.stringMatching(/^kubernetes_manifest\.Route_[0-9A-F]+$/));
    });

    it("has a SecurityPolicy when CORS is set", () => {
      expect(manifestOf(synthRoute({ cors: { allowOrigins: ["https://shop.example.com"] } }), "SecurityPolicy").spec.targetRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: "order" }]);
    });

    it("writes no Envoy Gateway policy on a controller without them", () => {
      const { stack } = appsStack();
      const other: ITrafficController = { gatewayClassName: "azure-alb-external", controllerName: "alb.networking.azure.io/alb-controller", namespace: "azure-alb-system", crdDependencies: [], supportsEnvoyGatewayPolicies: false, preservesClientIp: false };
      const gateway = new TrafficGateway(stack, "Gateway", { controller: other, hostnames: ["shop.example.com"], tls: { mode: "secret", secretName: "shop-tls" } });
      new ServiceRoute(stack, "Route", { gateway, backend: ORDER_BACKEND, hostnames: ["shop.example.com"] });
      expect(manifests(Testing.synth(stack)).map((m) => m.kind).sort()).toEqual(["Gateway", "HTTPRoute", "HTTPRoute"]);
    });
  });

  describe("versions of the backend (deployment strategies)", () => {
    const withVersions = (routeBackends: RouteBackendSet, props: Partial<ServiceRouteProps> = {}) => synthRoute({ backend: { ...ORDER_BACKEND, routeBackends }, ...props });
    const rulesOf = (out: string) => manifestOf(out, "HTTPRoute", "order").spec.rules;
    const CANARY = { live: [{ serviceName: "order", port: 8080, weight: 90 }, { serviceName: "order-canary", port: 8080, weight: 10 }] };
    const PATH = { path: { type: "PathPrefix", value: "/order" } };

    it("renders a single live Service without a weight, as a plain backend", () => {
      expect(rulesOf(withVersions({ live: [{ serviceName: "order", port: 8080, weight: 100 }] }))).toEqual(route.spec.rules);
    });

    it("splits the traffic between the live Services by weight, zeros included", () => {
      expect(rulesOf(withVersions({ live: [{ serviceName: "order", port: 8080, weight: 100 }, { serviceName: "order-canary", port: 8080, weight: 0 }] }))[0].backendRefs).toEqual([
        { group: "", kind: "Service", name: "order", port: 8080, weight: 100 },
        { group: "", kind: "Service", name: "order-canary", port: 8080, weight: 0 },
      ]);
    });

    it("sends requests carrying the header to the matched version, in a first rule", () => {
      const rules = rulesOf(withVersions({ ...CANARY, matched: { backend: { serviceName: "order-canary", port: 8080 }, match: { header: "x-canary", value: "true" } } }));
      expect(rules.map((r: any) => [r.matches, r.backendRefs.map((b: any) => [b.name, b.weight])])).toEqual([
        [[{ ...PATH, headers: [{ name: "x-canary", value: "true", type: "Exact" }] }], [["order-canary", undefined]]],
        [[PATH], [["order", 90], ["order-canary", 10]]],
      ]);
    });

    it("matches a cookie anywhere in the Cookie header", () => {
      const header = rulesOf(withVersions({ ...CANARY, matched: { backend: { serviceName: "order-canary", port: 8080 }, match: { cookie: "canary", value: "always" } } }))[0].matches[0].headers[0];
      expect(header).toEqual({ name: "cookie", type: "RegularExpression", value: "^(.*;\\s*)?canary=always(;.*)?$" });
      const regex = new RegExp(header.value);
      expect(["canary=always", "session=1; canary=always", "canary=always; theme=dark", "canary=never", "notcanary=always"].map((c) => regex.test(c))).toEqual([true, true, true, false, false]);
    });

    it("keeps the route's own header matches on the matched rule", () => {
      const rules = rulesOf(withVersions({ ...CANARY, matched: { backend: { serviceName: "order-canary", port: 8080 }, match: { header: "x-canary", value: "true" } } }, { headers: [{ name: "x-tenant", value: "a" }] }));
      expect(rules[0].matches[0].headers).toEqual([
        { name: "x-tenant", value: "a", type: "Exact" },
        { name: "x-canary", value: "true", type: "Exact" },
      ]);
    });

    it("gives a preview hostname its own HTTPRoute, with the same paths and policies", () => {
      const out = withVersions(
        { live: [{ serviceName: "order", port: 8080, weight: 100 }], matched: { backend: { serviceName: "order-preview", port: 8080 }, match: { hostname: "preview.api.example.com" } } },
        { authentication: { providers: [{ name: "entra", issuer: "https://login.example.com/v2.0", audiences: ["api://shop"], remoteJwksUri: "https://login.example.com/keys" }] } },
      );
      const preview = manifestOf(out, "HTTPRoute", "order-preview");
      expect(preview.spec).toEqual({
        parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", namespace: "ingress", sectionName: "https-wildcard-api-example-com" }],
        hostnames: ["preview.api.example.com"],
        rules: [{ matches: [PATH], backendRefs: [{ group: "", kind: "Service", name: "order-preview", port: 8080 }], timeouts: { request: "30s" } }],
      });
      expect(rulesOf(out)).toEqual(route.spec.rules);
      const targets = (kind: string) => manifestOf(out, kind).spec.targetRefs.map((t: any) => t.name);
      expect([targets("BackendTrafficPolicy"), targets("SecurityPolicy")]).toEqual([
        ["order", "order-preview"],
        ["order", "order-preview"],
      ]);
    });

    it("mirrors a share of the safe methods' requests to the shadow, then routes the rest", () => {
      const rules = rulesOf(withVersions({ live: [{ serviceName: "order", port: 8080, weight: 100 }], mirror: { backend: { serviceName: "order-shadow", port: 8080 }, percent: 25, methods: ["GET", "HEAD"] } }));
      expect(rules).toEqual([
        {
          matches: [{ ...PATH, method: "GET" }, { ...PATH, method: "HEAD" }],
          filters: [{ type: "RequestMirror", requestMirror: { backendRef: { group: "", kind: "Service", name: "order-shadow", port: 8080 }, percent: 25 } }],
          backendRefs: [{ group: "", kind: "Service", name: "order", port: 8080 }],
          timeouts: { request: "30s" },
        },
        { matches: [PATH], backendRefs: [{ group: "", kind: "Service", name: "order", port: 8080 }], timeouts: { request: "30s" } },
      ]);
    });

    it("claims the header-matched paths on the gateway too, so another route cannot take them", () => {
      const { stack, gateway } = gatewayFixture();
      new ServiceRoute(stack, "Order", { gateway, backend: { ...ORDER_BACKEND, routeBackends: { ...CANARY, matched: { backend: { serviceName: "order-canary", port: 8080 }, match: { header: "x-canary", value: "true" } } } }, hostnames: ["shop.example.com"], paths: [{ path: "/order" }] });
      expectValidationError(
        () => new ServiceRoute(stack, "Beta", { gateway, backend: { serviceName: "beta", namespace: "shop", port: 80 }, hostnames: ["shop.example.com"], paths: [{ path: "/order" }], headers: [{ name: "x-canary", value: "true" }] }),
        /^gateway\.routes\.beta\.paths: claims shop\.example\.com\/order \(PathPrefix with headers x-canary=true\), which route order already routes/,
      );
    });

    describe("fails when", () => {
      it("a weight is above 1,000,000", () => {
        expectValidationError(create({ backend: { ...ORDER_BACKEND, routeBackends: { live: [{ serviceName: "order", port: 8080, weight: 1_000_001 }] } } }), "gateway.routes.order.backend.routeBackends.live[0].weight: is out of range (got 1000001); use 0 to 1000000");
      });

      it("every live Service has weight 0", () => {
        expectValidationError(
          create({ backend: { ...ORDER_BACKEND, routeBackends: { live: [{ serviceName: "order", port: 8080, weight: 0 }, { serviceName: "order-canary", port: 8080, weight: 0 }] } } }),
          "gateway.routes.order.backend.routeBackends.live: gives every Service weight 0, so the gateway would answer every request with 500 (got [0,0]); give at least one Service a weight above 0",
        );
      });

      it("the mirror percentage is out of range", () => {
        expectValidationError(
          create({ backend: { ...ORDER_BACKEND, routeBackends: { live: [{ serviceName: "order", port: 8080, weight: 100 }], mirror: { backend: { serviceName: "order-shadow", port: 8080 }, percent: 120, methods: ["GET"] } } } }),
          "gateway.routes.order.backend.routeBackends.mirror.percent: is out of range (got 120); use 0 to 100",
        );
      });

      it("the mirror goes to a live Service", () => {
        expectValidationError(
          create({ backend: { ...ORDER_BACKEND, routeBackends: { live: [{ serviceName: "order", port: 8080, weight: 100 }], mirror: { backend: { serviceName: "order", port: 8080 }, percent: 10, methods: ["GET"] } } } }),
          /^gateway\.routes\.order\.backend\.routeBackends\.mirror\.backend\.serviceName: is also a live Service/,
        );
      });

      it("the paths times the mirrored methods exceed a rule's 64 matches", () => {
        const paths = Array.from({ length: 8 }, (_, i) => ({ path: `/order${i}` }));
        expectValidationError(
          create({ paths, backend: { ...ORDER_BACKEND, routeBackends: { live: [{ serviceName: "order", port: 8080, weight: 100 }], mirror: { backend: { serviceName: "order-shadow", port: 8080 }, percent: 10, methods: ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT"] } } } }),
          /^gateway\.routes\.order\.backend\.routeBackends\.mirror\.methods: gives 8 paths × 9 methods = 72 matches, more than a Gateway API rule takes \(64\)/,
        );
      });

      it("the gateway does not serve the preview hostname", () => {
        expectValidationError(
          create({ backend: { ...ORDER_BACKEND, routeBackends: { live: [{ serviceName: "order", port: 8080, weight: 100 }], matched: { backend: { serviceName: "order-preview", port: 8080 }, match: { hostname: "preview.example.org" } } } } }),
          /^gateway\.routes\.order\.backend\.routeBackends\.matched\.match\.hostname\[0\]: is not served by gateway gateway \(got "preview\.example\.org"\)/,
        );
      });

      it("the preview hostname is one of the route's", () => {
        expectValidationError(
          create({ backend: { ...ORDER_BACKEND, routeBackends: { live: [{ serviceName: "order", port: 8080, weight: 100 }], matched: { backend: { serviceName: "order-preview", port: 8080 }, match: { hostname: "shop.example.com" } } } } }),
          /^gateway\.routes\.order\.backend\.routeBackends\.matched\.match\.hostname: is also one of the route's hostnames/,
        );
      });

      it("the version's header is one the route already matches", () => {
        expectValidationError(
          create({ headers: [{ name: "X-Canary", value: "yes" }], backend: { ...ORDER_BACKEND, routeBackends: { ...CANARY, matched: { backend: { serviceName: "order-canary", port: 8080 }, match: { header: "x-canary", value: "true" } } } } }),
          /^gateway\.routes\.order\.backend\.routeBackends\.matched\.match: matches header x-canary, which the route's headers already match/,
        );
      });
    });
  });

  describe("validation", () => {
    it("fails when two routes claim the same host and path", () => {
      const { stack, gateway } = gatewayFixture();
      new ServiceRoute(stack, "Order", { gateway, backend: ORDER_BACKEND, hostnames: ["shop.example.com"], paths: [{ path: "/order" }] });
      expectValidationError(
        () => new ServiceRoute(stack, "Checkout", { gateway, backend: { serviceName: "checkout", namespace: "shop", port: 8080 }, hostnames: ["shop.example.com"], paths: [{ path: "/order/" }] }),
        'gateway.routes.checkout.paths: claims shop.example.com/order (PathPrefix), which route order already routes (got "/order"); route each host and path to one service (or tell them apart with header matches)',
      );
    });

    it("fails when a hostname is invalid", () => {
      expectValidationError(create({ hostnames: ["shop..example.com"] }), /^gateway\.routes\.order\.hostnames\[0\]: is not a valid hostname \(got "shop\.\.example\.com"\)/);
    });

    it("fails when the gateway does not serve a hostname", () => {
      expectValidationError(create({ hostnames: ["admin.example.com"] }), 'gateway.routes.order.hostnames[0]: is not served by gateway gateway (got "admin.example.com"); use a hostname covered by "shop.example.com", "*.api.example.com"');
    });

    it("fails when the port is 0", () => {
      expectValidationError(create({ backend: { ...ORDER_BACKEND, port: 0 } }), "gateway.routes.order.backend.port: is out of range (got 0); use 1 to 65535");
    });

    it("fails when the port is above 65535", () => {
      expectValidationError(create({ backend: { ...ORDER_BACKEND, port: 70000 } }), "gateway.routes.order.backend.port: is out of range (got 70000); use 1 to 65535");
    });

    it("fails when a path is not absolute", () => {
      expectValidationError(create({ paths: [{ path: "order" }] }), 'gateway.routes.order.paths[0].path: is not a valid route path (got "order"); use an absolute path such as "/order" (no "//", "." or ".." segments, at most 1024 characters)');
    });

    it("fails when a path type is unknown", () => {
      expectValidationError(create({ paths: [{ path: "/order", type: "RegularExpression" as never }] }), 'gateway.routes.order.paths[0].type: is not an allowed value (got "RegularExpression"); use one of "PathPrefix", "Exact"');
    });

    it("fails when a path repeats", () => {
      expectValidationError(create({ paths: [{ path: "/order" }, { path: "/order/" }] }), 'gateway.routes.order.paths[1]: repeats the entry at index 0 (got "PathPrefix /order"); each entry must be unique');
    });

    it("fails when the backend request timeout exceeds the request timeout", () => {
      expectValidationError(create({ timeouts: { requestSeconds: 5, backendRequestSeconds: 10 } }), "gateway.routes.order.timeouts.backendRequestSeconds: exceeds the request timeout (5 s) (got 10); keep backendRequestSeconds <= requestSeconds");
    });

    it("fails when a header name is invalid", () => {
      expectValidationError(create({ headers: [{ name: "x canary", value: "1" }] }), 'gateway.routes.order.headers[0].name: has an invalid format (got "x canary"); use an HTTP header name such as "x-api-key"');
    });

    it("fails when the service name is not a Kubernetes name", () => {
      expectValidationError(create({ backend: { ...ORDER_BACKEND, serviceName: "Order_Svc" } }), /^gateway\.routes\.Order_Svc\.name: has an invalid format \(got "Order_Svc"\)/);
    });

    it("fails when Envoy Gateway policies are asked of a controller without them", () => {
      const { stack } = appsStack();
      const other: ITrafficController = { gatewayClassName: "azure-alb-external", controllerName: "alb.networking.azure.io/alb-controller", namespace: "azure-alb-system", crdDependencies: [], supportsEnvoyGatewayPolicies: false, preservesClientIp: false };
      const gateway = new TrafficGateway(stack, "Gateway", { controller: other, hostnames: ["shop.example.com"], tls: { mode: "secret", secretName: "shop-tls" } });
      expectValidationError(
        () => new ServiceRoute(stack, "Route", { gateway, backend: ORDER_BACKEND, hostnames: ["shop.example.com"], loadBalancing: { algorithm: "round-robin" } }),
        'gateway.routes.order: asks for Envoy Gateway policies (load balancing, retries, health checks, rate limits, JWT or CORS), which controller alb.networking.azure.io/alb-controller does not implement (got "order"); use the Envoy Gateway controller, or drop those settings',
      );
    });
  });
});
