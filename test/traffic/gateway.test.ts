import { Testing } from "cdktf";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { TrafficGateway, TrafficGatewayProps } from "../../lib/traffic/gateway";
import { ITrafficController } from "../../lib/traffic/traffic-controller";
import { appsStack, expectValidationError, gatewayFixture, manifestOf, manifestResource } from "./fixtures";

function synth(props: Partial<TrafficGatewayProps> = {}): string {
  return Testing.synth(gatewayFixture(props).stack);
}
const gatewayOf = (props: Partial<TrafficGatewayProps> = {}) => manifestOf(synth(props), "Gateway");
const create = (props: Partial<TrafficGatewayProps>) => () => gatewayFixture(props);

describe("TrafficGateway", () => {
  const defaults = synth();
  const gateway = manifestOf(defaults, "Gateway");

  it("synthesizes the default gateway", () => {
    expect({ gateway, redirect: manifestOf(defaults, "HTTPRoute") }).toMatchSnapshot();
  });

  describe("Gateway", () => {
    it("is named gateway in the ingress namespace, on the controller's GatewayClass", () => {
      expect([gateway.metadata.name, gateway.metadata.namespace, gateway.spec.gatewayClassName]).toEqual(["gateway", "ingress", "envoy-gateway"]);
    });

    it("depends on the controller's release, its GatewayClass and the namespace", () => {
      expect(manifestResource(defaults, "Gateway", "gateway").depends_on).toEqual([
        expect.stringMatching(/^helm_release\.Traffic_/),
        expect.stringMatching(/^kubernetes_manifest\.Traffic_GatewayClass_/),
        expect.stringMatching(/^kubernetes_namespace_v1\.Gateway_Namespace_/),
      ]);
    });

    it("has a plain-HTTP listener on port 80 for the gateway's own namespace only", () => {
      expect(gateway.spec.listeners[0]).toEqual({ name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } });
    });

    it("has one HTTPS listener on port 443 per hostname, terminating TLS", () => {
      expect(gateway.spec.listeners.slice(1).map((l: Record<string, unknown>) => [l.name, l.hostname, l.port, l.protocol, (l.tls as { mode: string }).mode])).toEqual([
        ["https-shop-example-com", "shop.example.com", 443, "HTTPS", "Terminate"],
        ["https-wildcard-api-example-com", "*.api.example.com", 443, "HTTPS", "Terminate"],
      ]);
    });

    it("admits HTTPRoutes from namespaces labelled gateway-access=true", () => {
      expect(gateway.spec.listeners[1].allowedRoutes).toEqual({
        namespaces: { from: "Selector", selector: { matchLabels: { "gateway-access": "true" } } },
        kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
      });
    });

    it("admits routes from every namespace when told", () => {
      expect(gatewayOf({ allowedRoutes: "all" }).spec.listeners[1].allowedRoutes.namespaces).toEqual({ from: "All" });
    });

    it("asks cert-manager for the certificates through the cluster-issuer annotation", () => {
      expect(gateway.metadata.annotations).toEqual({ "cert-manager.io/cluster-issuer": "letsencrypt-prod" });
    });

    it("names one certificate Secret per HTTPS listener for cert-manager", () => {
      expect(gateway.spec.listeners[2].tls.certificateRefs).toEqual([{ kind: "Secret", group: "", name: "gateway-https-wildcard-api-example-com-tls" }]);
    });

    it("serves every listener from an existing Secret without the issuer annotation", () => {
      const g = gatewayOf({ tls: { mode: "secret", secretName: "wildcard-tls" } });
      expect([g.metadata.annotations, g.spec.listeners[1].tls.certificateRefs[0].name, g.spec.listeners[2].tls.certificateRefs[0].name]).toEqual([undefined, "wildcard-tls", "wildcard-tls"]);
    });

    it("carries the annotations another controller requires", () => {
      const { stack, controller } = gatewayFixture();
      const agcLike: ITrafficController = { ...controller, crdDependencies: controller.crdDependencies, gatewayAnnotations: { "alb.networking.azure.io/alb-name": "alb-shop" } };
      new TrafficGateway(stack, "Other", { controller: agcLike, name: "other", hostnames: ["other.example.com"], tls: { mode: "secret", secretName: "other-tls" }, createNamespace: false });
      expect(manifestOf(Testing.synth(stack), "Gateway", "other").metadata.annotations).toEqual({ "alb.networking.azure.io/alb-name": "alb-shop" });
    });

    it("runs on any ITrafficController implementation", () => {
      const { stack } = appsStack();
      const other: ITrafficController = { gatewayClassName: "azure-alb-external", controllerName: "alb.networking.azure.io/alb-controller", namespace: "azure-alb-system", crdDependencies: [], supportsEnvoyGatewayPolicies: false, preservesClientIp: false };
      new TrafficGateway(stack, "G", { controller: other, hostnames: ["a.example.com"], tls: { mode: "secret", secretName: "t" } });
      expect(manifestOf(Testing.synth(stack), "Gateway").spec.gatewayClassName).toBe("azure-alb-external");
    });
  });

  describe("namespace", () => {
    it("creates the namespace, labelled so the gateway's own routes may attach", () => {
      expect(defaults).toHaveResourceWithProperties(NamespaceV1, { metadata: { name: "ingress", labels: { "gateway-access": "true", "app.kubernetes.io/part-of": "traffic" } } });
    });

    it("uses an existing namespace when told", () => {
      expect(JSON.parse(synth({ namespace: "edge", createNamespace: false })).resource.kubernetes_namespace_v1).toBeUndefined();
    });
  });

  describe("HTTPS redirect", () => {
    const redirect = manifestOf(defaults, "HTTPRoute", "gateway-https-redirect");

    it("attaches to the HTTP listener", () => {
      expect(redirect.spec.parentRefs).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", sectionName: "http" }]);
    });

    it("redirects every request to https with 301", () => {
      expect(redirect.spec.rules).toEqual([{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }]);
    });

    it("depends on the Gateway", () => {
      expect(manifestResource(defaults, "HTTPRoute", "gateway-https-redirect").depends_on).toContainEqual(expect.stringMatching(/^kubernetes_manifest\.Gateway_[0-9A-F]+$/));
    });
  });

  describe("listeners and routes", () => {
    it("finds the listeners serving a hostname, wildcards included", () => {
      const { gateway: g } = gatewayFixture();
      expect(g.listenersFor("routes", ["orders.api.example.com", "shop.example.com"])).toEqual(["https-wildcard-api-example-com", "https-shop-example-com"]);
    });

    it("fails when no listener serves a hostname", () => {
      const { gateway: g } = gatewayFixture();
      expectValidationError(() => g.listenersFor("gateway.routes.order.hostnames", ["api.example.com"]), 'gateway.routes.order.hostnames[0]: is not served by gateway gateway (got "api.example.com"); use a hostname covered by "shop.example.com", "*.api.example.com"');
    });

    it("fails when two routes claim the same host and path", () => {
      const { gateway: g } = gatewayFixture();
      g.claimRoute("order", [{ hostname: "shop.example.com", pathType: "PathPrefix", path: "/order", headers: [] }]);
      expectValidationError(
        () => g.claimRoute("checkout", [{ hostname: "shop.example.com", pathType: "PathPrefix", path: "/order", headers: [] }]),
        'gateway.routes.checkout.paths: claims shop.example.com/order (PathPrefix), which route order already routes (got "/order"); route each host and path to one service (or tell them apart with header matches)',
      );
    });

    it("lets header matches tell two routes on the same path apart", () => {
      const { gateway: g } = gatewayFixture();
      g.claimRoute("order", [{ hostname: "shop.example.com", pathType: "PathPrefix", path: "/order", headers: [] }]);
      expect(() => g.claimRoute("order-canary", [{ hostname: "shop.example.com", pathType: "PathPrefix", path: "/order", headers: ["x-canary=true"] }])).not.toThrow();
    });
  });

  describe("validation", () => {
    it("fails when no hostname is given", () => {
      expectValidationError(create({ hostnames: [] }), 'gateway.hostnames: is empty (got []); name at least one hostname, e.g. ["shop.example.com"]');
    });

    it("fails when a hostname is not RFC 1123", () => {
      expectValidationError(create({ hostnames: ["shop_example.com"] }), /^gateway\.hostnames\[0\]: is not a valid hostname \(got "shop_example\.com"\)/);
    });

    it("fails when a hostname has uppercase letters", () => {
      expectValidationError(create({ hostnames: ["Shop.example.com"] }), /^gateway\.hostnames\[0\]: is not a valid hostname/);
    });

    it("fails when a wildcard is not a whole leading label", () => {
      expectValidationError(create({ hostnames: ["api.*.example.com"] }), /^gateway\.hostnames\[0\]: is not a valid hostname \(got "api\.\*\.example\.com"\)/);
    });

    it("fails when a hostname is an IP address", () => {
      expectValidationError(create({ hostnames: ["20.0.0.10"] }), /^gateway\.hostnames\[0\]: is an IP address, not a hostname/);
    });

    it("fails when a label is longer than 63 characters", () => {
      expectValidationError(create({ hostnames: [`${"a".repeat(64)}.example.com`] }), /^gateway\.hostnames\[0\]: is not a valid hostname/);
    });

    it("fails when a hostname repeats", () => {
      expectValidationError(create({ hostnames: ["shop.example.com", "shop.example.com"] }), 'gateway.hostnames[1]: repeats the entry at index 0 (got "shop.example.com"); each entry must be unique');
    });

    it("fails when the TLS mode is unknown", () => {
      expectValidationError(create({ tls: { mode: "acme" } as never }), 'gateway.tls.mode: is not an allowed value (got "acme"); use one of "certManager", "secret"');
    });

    it("fails when the Secret name is invalid", () => {
      expectValidationError(create({ tls: { mode: "secret", secretName: "Wildcard_TLS" } }), 'gateway.tls.secretName: is not a valid Kubernetes name (got "Wildcard_TLS"); use lowercase letters, digits, \'-\' and \'.\', at most 253 characters');
    });

    it("fails when allowedRoutes is unknown", () => {
      expectValidationError(create({ allowedRoutes: "same" as never }), 'gateway.allowedRoutes: is not an allowed value (got "same"); use one of "selector", "all"');
    });

    it("fails when the name is not a Kubernetes name", () => {
      const { stack, controller } = gatewayFixture();
      expectValidationError(() => new TrafficGateway(stack, "Bad", { controller, name: "Main Gateway", hostnames: ["a.example.com"], tls: { mode: "secret", secretName: "t" } }), /^gateway\.name: has an invalid format \(got "Main Gateway"\)/);
    });

    it("fails when two long hostnames give the same listener name", () => {
      const long = "a".repeat(60);
      expectValidationError(create({ hostnames: [`${long}.example.com`, `${long}.example.org`] }), /^gateway\.hostnames\[1\]: gives the same listener name "https-a{57}" as a{60}\.example\.com \(got "a{60}\.example\.org"\)/);
    });

  });
  describe("health route", () => {
    const withHealth = (path?: string) => {
      const fixture = gatewayFixture();
      fixture.gateway.addHealthRoute(path === undefined ? {} : { path });
      return { ...fixture, synthesized: Testing.synth(fixture.stack) };
    };
    const { synthesized, gateway: g } = withHealth();

    it("answers 200 ok itself through an Envoy Gateway direct response", () => {
      expect(manifestOf(synthesized, "HTTPRouteFilter", "gateway-health").spec).toEqual({ directResponse: { statusCode: 200, contentType: "text/plain", body: { type: "Inline", inline: "ok" } } });
    });

    it("matches the exact path on every HTTPS listener", () => {
      const route = manifestOf(synthesized, "HTTPRoute", "gateway-health");
      expect(route.spec.parentRefs.map((p: Record<string, string>) => p.sectionName)).toEqual(["https-shop-example-com", "https-wildcard-api-example-com"]);
      expect(route.spec.rules).toEqual([
        { matches: [{ path: { type: "Exact", value: "/healthz" } }], filters: [{ type: "ExtensionRef", extensionRef: { group: "gateway.envoyproxy.io", kind: "HTTPRouteFilter", name: "gateway-health" } }] },
      ]);
    });

    it("depends on the filter, so the route never points at a missing one", () => {
      expect(manifestResource(synthesized, "HTTPRoute", "gateway-health").depends_on).toContainEqual(expect.stringMatching(/^kubernetes_manifest\.Gateway_HealthFilter_/));
    });

    it("exposes the path it answers", () => {
      expect(g.health?.path).toBe("/healthz");
    });

    it("answers a custom path", () => {
      expect(manifestOf(withHealth("/edge/health").synthesized, "HTTPRoute", "gateway-health").spec.rules[0].matches).toEqual([{ path: { type: "Exact", value: "/edge/health" } }]);
    });

    it("fails when added twice", () => {
      const { gateway } = gatewayFixture();
      gateway.addHealthRoute();
      expectValidationError(() => gateway.addHealthRoute(), 'gateway.healthRoute: is already configured on this gateway (got "/healthz"); add the health route once');
    });

    it("fails when the path is not absolute", () => {
      expectValidationError(() => gatewayFixture().gateway.addHealthRoute({ path: "healthz" }), /^gateway\.healthRoute\.path: has an invalid format \(got "healthz"\)/);
    });

    it("fails when a service route already claims the path", () => {
      const { gateway } = gatewayFixture();
      gateway.claimRoute("probe", [{ hostname: "shop.example.com", pathType: "Exact", path: "/healthz", headers: [] }]);
      expectValidationError(() => gateway.addHealthRoute(), /^gateway\.routes\.gateway-health\.paths: claims shop\.example\.com\/healthz \(Exact\), which route probe already routes/);
    });

    it("fails on a controller without Envoy Gateway's direct responses", () => {
      const { stack } = appsStack();
      const other: ITrafficController = { gatewayClassName: "azure-alb-external", controllerName: "alb.networking.azure.io/alb-controller", namespace: "azure-alb-system", crdDependencies: [], supportsEnvoyGatewayPolicies: false, preservesClientIp: false };
      const gateway = new TrafficGateway(stack, "G", { controller: other, hostnames: ["a.example.com"], tls: { mode: "secret", secretName: "t" } });
      expectValidationError(() => gateway.addHealthRoute(), /^gateway\.healthRoute: needs an Envoy Gateway direct response, which controller alb\.networking\.azure\.io\/alb-controller does not implement/);
    });
  });
});
