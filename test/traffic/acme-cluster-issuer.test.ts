import { Testing } from "cdktf";
import { AcmeClusterIssuer, AcmeClusterIssuerProps, LETSENCRYPT_STAGING } from "../../lib/traffic/acme-cluster-issuer";
import { CertManager } from "../../lib/traffic/cert-manager";
import { expectValidationError, gatewayFixture, manifestOf, manifestResource } from "./fixtures";

function create(props: Partial<AcmeClusterIssuerProps> = {}) {
  const f = gatewayFixture();
  const certManager = new CertManager(f.stack, "CertManager", { gatewayApiCrdsFrom: f.controller });
  new AcmeClusterIssuer(f.stack, "Issuer", { certManager, gateway: f.gateway, email: "platform@example.com", ...props });
  return Testing.synth(f.stack);
}
const issuerOf = (props: Partial<AcmeClusterIssuerProps> = {}) => manifestOf(create(props), "ClusterIssuer");

describe("AcmeClusterIssuer", () => {
  const defaults = create();
  const issuer = manifestOf(defaults, "ClusterIssuer");

  it("is a ClusterIssuer named letsencrypt-prod", () => {
    expect([issuer.apiVersion, issuer.kind, issuer.metadata]).toEqual(["cert-manager.io/v1", "ClusterIssuer", { name: "letsencrypt-prod" }]);
  });

  it("uses Let's Encrypt's production directory with the account e-mail", () => {
    expect(issuer.spec.acme).toMatchObject({ server: "https://acme-v02.api.letsencrypt.org/directory", email: "platform@example.com" });
  });

  it("keeps the ACME account key in a Secret named after the issuer", () => {
    expect(issuer.spec.acme.privateKeySecretRef).toEqual({ name: "letsencrypt-prod-account-key" });
  });

  it("solves HTTP-01 challenges with HTTPRoutes on the gateway's HTTP listener", () => {
    expect(issuer.spec.acme.solvers).toEqual([
      { http01: { gatewayHTTPRoute: { parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", namespace: "ingress", sectionName: "http" }] } } },
    ]);
  });

  it("depends on the cert-manager release and the Gateway", () => {
    expect(manifestResource(defaults, "ClusterIssuer", "letsencrypt-prod").depends_on).toEqual([expect.stringMatching(/^helm_release\.CertManager_/), expect.stringMatching(/^kubernetes_manifest\.Gateway_[0-9A-F]+$/)]);
  });

  it("uses the staging directory when told", () => {
    expect(issuerOf({ server: "staging", name: "letsencrypt-staging" }).spec.acme.server).toBe(LETSENCRYPT_STAGING);
  });

  it("uses another ACME directory", () => {
    expect(issuerOf({ server: "https://acme.example.com/directory" }).spec.acme.server).toBe("https://acme.example.com/directory");
  });

  it("fails when the e-mail is not an address", () => {
    expectValidationError(() => create({ email: "platform-team" }), 'acmeIssuer.email: has an invalid format (got "platform-team"); use the e-mail address of the team that owns the certificates, e.g. "platform@example.com"');
  });

  it("fails when the server is neither a preset nor an https URL", () => {
    expectValidationError(() => create({ server: "http://acme.example.com/directory" }), 'acmeIssuer.server: is not production, staging or an https URL (got "http://acme.example.com/directory"); use "production", "staging" or the https URL of an ACME directory');
  });

  it("fails when the name is not a Kubernetes name", () => {
    expectValidationError(() => create({ name: "LetsEncrypt" }), /^acmeIssuer\.name: has an invalid format \(got "LetsEncrypt"\)/);
  });
});
