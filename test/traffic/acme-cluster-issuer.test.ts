import { Testing } from "cdktf";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { AcmeAzureDnsSolver, AcmeClusterIssuer, AcmeClusterIssuerProps, LETSENCRYPT_STAGING } from "../../lib/traffic/acme-cluster-issuer";
import { CertManager } from "../../lib/traffic/cert-manager";
import { validateManifestsDetailed } from "../support/crd-validation";
import { expectValidationError, gatewayFixture, manifestOf, manifestResource } from "./fixtures";

function create(props: Partial<AcmeClusterIssuerProps> = {}) {
  const f = gatewayFixture();
  const certManager = new CertManager(f.stack, "CertManager", { gatewayApiCrdsFrom: f.controller });
  new AcmeClusterIssuer(f.stack, "Issuer", { certManager, gateway: f.gateway, email: "platform@example.com", ...props });
  return Testing.synth(f.stack);
}
const issuerOf = (props: Partial<AcmeClusterIssuerProps> = {}) => manifestOf(create(props), "ClusterIssuer");

const SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
const CLIENT_ID = "66666666-7777-8888-9999-000000000000";
const AZURE_DNS: AcmeAzureDnsSolver = { type: "azureDns", hostedZoneName: "shop.example.com", resourceGroupName: "rg-shop-dns", subscriptionId: SUBSCRIPTION, managedIdentityClientId: CLIENT_ID };
const withAzureDns = (solver: Partial<AcmeAzureDnsSolver> = {}) => create({ solver: { ...AZURE_DNS, ...solver } });

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

  describe("DNS-01 with Azure DNS", () => {
    const synthesized = withAzureDns();
    const dns01 = manifestOf(synthesized, "ClusterIssuer");

    it("solves DNS-01 challenges in the Azure DNS zone as the managed identity, in the public cloud", () => {
      expect(dns01.spec.acme.solvers).toEqual([
        { dns01: { azureDNS: { hostedZoneName: "shop.example.com", resourceGroupName: "rg-shop-dns", subscriptionID: SUBSCRIPTION, environment: "AzurePublicCloud", managedIdentity: { clientID: CLIENT_ID } } } },
      ]);
    });

    it("keeps the account, server and name of an HTTP-01 issuer", () => {
      expect([dns01.metadata, dns01.spec.acme.server, dns01.spec.acme.email, dns01.spec.acme.privateKeySecretRef]).toEqual([
        { name: "letsencrypt-prod" },
        "https://acme-v02.api.letsencrypt.org/directory",
        "platform@example.com",
        { name: "letsencrypt-prod-account-key" },
      ]);
    });

    it("depends on the cert-manager release only (no gateway listener is involved)", () => {
      expect(manifestResource(synthesized, "ClusterIssuer", "letsencrypt-prod").depends_on).toEqual([expect.stringMatching(/^helm_release\.CertManager_/)]);
    });

    it("needs no gateway", () => {
      const f = gatewayFixture();
      const certManager = new CertManager(f.stack, "CertManager", { workloadIdentity: true });
      new AcmeClusterIssuer(f.stack, "Issuer", { certManager, email: "platform@example.com", solver: AZURE_DNS });
      expect(manifestOf(Testing.synth(f.stack), "ClusterIssuer").spec.acme.solvers[0].dns01.azureDNS.hostedZoneName).toBe("shop.example.com");
    });

    it("takes the client ID of an identity created in the same deployment (a token)", () => {
      const f = gatewayFixture();
      const identity = new UserAssignedIdentity(f.stack, "Identity", { name: "uai-certmgr", location: "westeurope", resourceGroupName: "rg-shop-prod-weu" });
      const certManager = new CertManager(f.stack, "CertManager", { workloadIdentity: true });
      new AcmeClusterIssuer(f.stack, "Issuer", { certManager, email: "platform@example.com", solver: { ...AZURE_DNS, managedIdentityClientId: identity.clientId } });
      const azureDns = manifestOf(Testing.synth(f.stack), "ClusterIssuer").spec.acme.solvers[0].dns01.azureDNS;
      expect(azureDns.managedIdentity).toEqual({ clientID: "${azurerm_user_assigned_identity.Identity.client_id}" });
    });

    it("validates against cert-manager's ClusterIssuer schema, and the schema check catches a misspelled Azure DNS field", () => {
      const { hostedZoneName, ...rest } = dns01.spec.acme.solvers[0].dns01.azureDNS;
      const misspelled = { ...dns01, spec: { acme: { ...dns01.spec.acme, solvers: [{ dns01: { azureDNS: { ...rest, hostedZone: hostedZoneName } } }] } } };
      const result = validateManifestsDetailed([dns01, misspelled]);
      expect(result.skipped).toEqual([]);
      expect(result.byIndex[0]).toEqual([]);
      expect(result.byIndex[1]).toEqual([expect.stringMatching(/^type: Object literal may only specify known properties, and '"hostedZone"' does not exist/)]);
    });

    it("fails when the zone name is not a DNS name", () => {
      expectValidationError(
        () => withAzureDns({ hostedZoneName: "shop.example.com." }),
        'acmeIssuer.solver.hostedZoneName: has an invalid format (got "shop.example.com."); use the Azure DNS zone\'s name, e.g. "shop.example.com" (lowercase labels, no trailing dot, no wildcard)',
      );
      expectValidationError(() => withAzureDns({ hostedZoneName: "*.example.com" }), /^acmeIssuer\.solver\.hostedZoneName: has an invalid format \(got "\*\.example\.com"\)/);
    });

    it("fails when the resource group name is not one Azure allows", () => {
      expectValidationError(() => withAzureDns({ resourceGroupName: "rg shop dns" }), /^acmeIssuer\.solver\.resourceGroupName: is not a valid resource_group name \(got "rg shop dns"\)/);
    });

    it("fails when the subscription is not a GUID", () => {
      expectValidationError(() => withAzureDns({ subscriptionId: "shop-prod" }), 'acmeIssuer.solver.subscriptionId: has an invalid format (got "shop-prod"); use the zone\'s subscription ID (a GUID)');
    });

    it("fails when the client ID is not a GUID", () => {
      expectValidationError(() => withAzureDns({ managedIdentityClientId: "cert-manager" }), 'acmeIssuer.solver.managedIdentityClientId: has an invalid format (got "cert-manager"); use the managed identity\'s client ID (a GUID)');
    });
  });

  it("solves HTTP-01 when told explicitly, as by default", () => {
    expect(issuerOf({ solver: { type: "http01" } }).spec.acme.solvers).toEqual(issuer.spec.acme.solvers);
  });

  it("fails when HTTP-01 has no gateway to serve the challenges", () => {
    expectValidationError(
      () => create({ gateway: undefined }),
      'acmeIssuer.gateway: is missing, and the HTTP-01 solver serves challenges through a gateway\'s HTTP listener (got undefined); pass the gateway, or use solver { type: "azureDns", ... }',
    );
  });

  it("fails when the solver type is unknown", () => {
    expectValidationError(() => create({ solver: { type: "route53" } as never }), 'acmeIssuer.solver.type: is not a solver type (got "route53"); use "http01" or "azureDns"');
  });

  it("fails when the name is not a Kubernetes name", () => {
    expectValidationError(() => create({ name: "LetsEncrypt" }), /^acmeIssuer\.name: has an invalid format \(got "LetsEncrypt"\)/);
  });
});
