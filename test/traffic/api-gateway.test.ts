import { ApiSecurityPolicy, JwtProvider } from "../../lib/traffic/api-gateway";
import { ServiceRouteProps } from "../../lib/traffic/route";
import { appsStack, expectValidationError, manifestOf, manifestResource, synthRoute } from "./fixtures";

const ENTRA: JwtProvider = {
  name: "entra",
  issuer: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0",
  audiences: ["api://shop"],
  remoteJwksUri: "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/discovery/v2.0/keys",
};
const securityOf = (props: Partial<ServiceRouteProps>) => manifestOf(synthRoute(props), "SecurityPolicy").spec;
const rateLimitOf = (props: Partial<ServiceRouteProps>, controllerProps = {}) => manifestOf(synthRoute(props, controllerProps), "BackendTrafficPolicy").spec.rateLimit;
const create = (props: Partial<ServiceRouteProps>, controllerProps = {}) => () => synthRoute(props, controllerProps);

describe("API gateway duties", () => {
  describe("JWT authentication (SecurityPolicy)", () => {
    const jwtRoute = synthRoute({ authentication: { providers: [{ ...ENTRA, claimToHeaders: [{ claim: "sub", header: "x-user-id" }] }] } });
    const policy = manifestOf(jwtRoute, "SecurityPolicy");

    it("targets the route, named after it in its namespace", () => {
      expect([policy.metadata, policy.spec.targetRefs]).toEqual([{ name: "order", namespace: "shop" }, [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: "order" }]]);
    });

    it("verifies tokens of the issuer and audiences against the remote JWKS", () => {
      expect(policy.spec.jwt.providers[0]).toMatchObject({ name: "entra", issuer: ENTRA.issuer, audiences: ["api://shop"], remoteJWKS: { uri: ENTRA.remoteJwksUri } });
    });

    it("copies claims into request headers", () => {
      expect(policy.spec.jwt.providers[0].claimToHeaders).toEqual([{ claim: "sub", header: "x-user-id" }]);
    });

    it("requires a token unless told otherwise", () => {
      expect(policy.spec.jwt).not.toHaveProperty("optional");
    });

    it("lets requests without a token through when optional", () => {
      expect(securityOf({ authentication: { optional: true, providers: [ENTRA] } }).jwt.optional).toBe(true);
    });

    it("depends on the route", () => {
      expect(manifestResource(jwtRoute, "SecurityPolicy", "order").depends_on).toContainEqual(expect.stringMatching(/^kubernetes_manifest\.Route_[0-9A-F]+$/));
    });

    it("fails when the issuer is not https", () => {
      expectValidationError(create({ authentication: { providers: [{ ...ENTRA, issuer: "http://login.example.com" }] } }), /^gateway\.routes\.order\.jwt\.providers\[0\]\.issuer: has an invalid format \(got "http:\/\/login\.example\.com"\); use the https URL of the issuer/);
    });

    it("fails when the JWKS URI is not https", () => {
      expectValidationError(create({ authentication: { providers: [{ ...ENTRA, remoteJwksUri: "http://login.example.com/keys" }] } }), /^gateway\.routes\.order\.jwt\.providers\[0\]\.remoteJwksUri: has an invalid format \(got "http:\/\/login\.example\.com\/keys"\); use the https URL of the JWKS/);
    });

    it("fails when no provider is given", () => {
      expectValidationError(create({ authentication: { providers: [] } }), "gateway.routes.order.jwt.providers: must list 1 to 4 providers (got 0); name between one and four JWT issuers");
    });

    it("fails when two providers share a name", () => {
      expectValidationError(create({ authentication: { providers: [ENTRA, ENTRA] } }), 'gateway.routes.order.jwt.providers[1]: repeats the entry at index 0 (got "entra"); each entry must be unique');
    });

    it("fails when the audience list is empty", () => {
      expectValidationError(create({ authentication: { providers: [{ ...ENTRA, audiences: [] }] } }), "gateway.routes.order.jwt.providers[0].audiences: must list 1 to 8 audiences (got []); name the accepted audiences, or drop the field to accept any");
    });
  });

  it("fails when a SecurityPolicy has neither JWT nor CORS", () => {
    const { stack } = appsStack();
    expectValidationError(() => new ApiSecurityPolicy(stack, "Policy", { routeName: "order", namespace: "shop", dependsOn: [] }), "securityPolicy: sets neither jwt nor cors (got {}); configure jwt, cors or both");
  });

  describe("CORS (SecurityPolicy)", () => {
    it("allows the origins with safe methods and a 10-minute preflight cache by default", () => {
      expect(securityOf({ cors: { allowOrigins: ["https://shop.example.com"] } }).cors).toEqual({ allowOrigins: ["https://shop.example.com"], allowMethods: ["GET", "HEAD", "POST"], maxAge: "600s" });
    });

    it("sets methods, headers, max age and credentials", () => {
      expect(securityOf({ cors: { allowOrigins: ["https://*.example.com"], allowMethods: ["GET", "PUT"], allowHeaders: ["authorization"], exposeHeaders: ["x-request-id"], maxAgeSeconds: 60, allowCredentials: true } }).cors).toEqual({
        allowOrigins: ["https://*.example.com"],
        allowMethods: ["GET", "PUT"],
        allowHeaders: ["authorization"],
        exposeHeaders: ["x-request-id"],
        maxAge: "60s",
        allowCredentials: true,
      });
    });

    it("combines JWT and CORS in one policy", () => {
      expect(Object.keys(securityOf({ authentication: { providers: [ENTRA] }, cors: { allowOrigins: ["*"] } })).sort()).toEqual(["cors", "jwt", "targetRefs"]);
    });

    it("fails when an origin is malformed", () => {
      expectValidationError(create({ cors: { allowOrigins: ["shop.example.com"] } }), /^gateway\.routes\.order\.cors\.allowOrigins\[0\]: has an invalid format \(got "shop\.example\.com"\)/);
    });

    it("fails when credentials are allowed for every origin", () => {
      expectValidationError(create({ cors: { allowOrigins: ["*"], allowCredentials: true } }), 'gateway.routes.order.cors.allowCredentials: cannot be combined with the "*" origin (browsers reject it) (got true); list the allowed origins explicitly');
    });

    it("fails on an unknown method", () => {
      expectValidationError(create({ cors: { allowOrigins: ["*"], allowMethods: ["FETCH"] } }), /^gateway\.routes\.order\.cors\.allowMethods\[0\]: is not an allowed value \(got "FETCH"\)/);
    });
  });

  describe("rate limits (BackendTrafficPolicy, Local)", () => {
    it("has no rate limit by default", () => {
      expect(rateLimitOf({})).toBeUndefined();
    });

    it("limits the whole route per proxy", () => {
      expect(rateLimitOf({ rateLimits: [{ requests: 100, unit: "Second" }] })).toEqual({ type: "Local", local: { rules: [{ limit: { requests: 100, unit: "Second" } }] } });
    });

    it("limits one client by header", () => {
      expect(rateLimitOf({ rateLimits: [{ requests: 1000, unit: "Hour", clients: { headers: [{ name: "x-api-key", value: "partner-a" }] } }] }).local.rules).toEqual([
        { clientSelectors: [{ headers: [{ name: "x-api-key", type: "Exact", value: "partner-a" }] }], limit: { requests: 1000, unit: "Hour" } },
      ]);
    });

    it("limits clients by source range", () => {
      expect(rateLimitOf({ rateLimits: [{ requests: 10, unit: "Minute", clients: { sourceCidr: "203.0.113.0/24" } }] }).local.rules[0].clientSelectors).toEqual([{ sourceCIDR: { type: "Exact", value: "203.0.113.0/24" } }]);
    });

    it("fails when requests is zero", () => {
      expectValidationError(create({ rateLimits: [{ requests: 0, unit: "Second" }] }), "gateway.routes.order.rateLimits[0].requests: is out of range (got 0); use 1 to 1000000000");
    });

    it("fails on a unit other than Second, Minute or Hour", () => {
      expectValidationError(create({ rateLimits: [{ requests: 10, unit: "Day" as never }] }), 'gateway.routes.order.rateLimits[0].unit: is not an allowed value (got "Day"); use one of "Second", "Minute", "Hour"');
    });

    it("fails on a source range when the load balancer replaces the client IP", () => {
      expectValidationError(
        create({ rateLimits: [{ requests: 10, unit: "Second", clients: { sourceCidr: "203.0.113.0/24" } }] }, { externalTrafficPolicy: "Cluster" }),
        'gateway.routes.order.rateLimits[0].clients.sourceCidr: needs the client IP, but the controller\'s load balancer replaces it (externalTrafficPolicy Cluster) (got "203.0.113.0/24"); use externalTrafficPolicy "Local" on the controller, or select clients by header',
      );
    });

    it("fails when a source range is not a CIDR", () => {
      expectValidationError(create({ rateLimits: [{ requests: 10, unit: "Second", clients: { sourceCidr: "203.0.113.7" } }] }), /^gateway\.routes\.order\.rateLimits\[0\]\.clients\.sourceCidr: is not a valid CIDR block/);
    });

    it("fails when a client header has no value", () => {
      expectValidationError(create({ rateLimits: [{ requests: 10, unit: "Second", clients: { headers: [{ name: "x-user-id", value: "" }] } }] }), /^gateway\.routes\.order\.rateLimits\[0\]\.clients\.headers\[0\]\.value: is empty \(got ""\); give the header value/);
    });
  });
});
