import { Testing } from "cdktf";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Release } from "@cdktf/provider-helm/lib/release";
import { CertManager, CertManagerProps, CERT_MANAGER_CHART_VERSION } from "../../lib/traffic/cert-manager";
import { appsStack, controllerFixture, expectValidationError, helmValues, resources } from "./fixtures";

function synth(props: CertManagerProps = {}): string {
  const { stack } = appsStack();
  new CertManager(stack, "CertManager", props);
  return Testing.synth(stack);
}

describe("CertManager", () => {
  const defaults = synth();
  const values = helmValues(defaults, "cert-manager");

  it("installs the pinned jetstack chart", () => {
    expect(defaults).toHaveResourceWithProperties(Release, { name: "cert-manager", repository: "https://charts.jetstack.io", chart: "cert-manager", version: "v1.21.2" });
    expect(CERT_MANAGER_CHART_VERSION).toBe("v1.21.2");
  });

  it("installs into the cert-manager namespace and creates it", () => {
    expect(defaults).toHaveResourceWithProperties(Release, { namespace: "cert-manager", create_namespace: true });
  });

  it("rolls back a failed install or upgrade and waits for resources and jobs", () => {
    expect(defaults).toHaveResourceWithProperties(Release, { atomic: true, cleanup_on_fail: true, wait: true, wait_for_jobs: true, timeout: 600 });
  });

  it("installs the CRDs and keeps them on uninstall", () => {
    expect(values.crds).toEqual({ enabled: true, keep: true });
  });

  it("turns on Gateway API support with the 1.21 configuration field", () => {
    expect(values.config).toEqual({ apiVersion: "controller.config.cert-manager.io/v1alpha1", kind: "ControllerConfiguration", gatewayAPI: { enabled: true } });
  });

  it("runs two replicas of the controller, webhook and cainjector, each with a disruption budget", () => {
    const pdb = { enabled: true, minAvailable: 1 };
    expect([values.replicaCount, values.podDisruptionBudget, values.webhook, values.cainjector]).toEqual([2, pdb, { replicaCount: 2, podDisruptionBudget: pdb }, { replicaCount: 2, podDisruptionBudget: pdb }]);
  });

  it("runs single replicas without budgets as an opt-out", () => {
    const single = helmValues(synth({ replicas: 1 }), "cert-manager");
    expect([single.replicaCount, single.podDisruptionBudget]).toEqual([1, { enabled: false }]);
  });

  it("waits for the release that installs the Gateway API CRDs (not for the GatewayClass, which needs no cert-manager)", () => {
    const { stack, controller } = controllerFixture();
    new CertManager(stack, "CertManager", { gatewayApiCrdsFrom: controller });
    const release = resources(Testing.synth(stack), "helm_release").find((r) => r.name === "cert-manager")!;
    expect(release.depends_on).toEqual([expect.stringMatching(/^helm_release\.Traffic_/)]);
  });

  it("has no dependency without a controller", () => {
    expect(resources(defaults, "helm_release")[0]).not.toHaveProperty("depends_on");
  });

  it("runs without workload identity by default: no pod label, no service account annotation", () => {
    expect([values.podLabels, values.serviceAccount]).toEqual([undefined, undefined]);
  });

  it("labels only the controller pods for the workload identity webhook when told (the label cert-manager's Azure DNS guide sets)", () => {
    const wi = helmValues(synth({ workloadIdentity: true }), "cert-manager");
    expect(wi.podLabels).toEqual({ "azure.workload.identity/use": "true" });
    expect([wi.webhook.podLabels, wi.cainjector.podLabels, wi.serviceAccount]).toEqual([undefined, undefined, undefined]);
  });

  it("annotates the controller's service account with the client ID, which turns workload identity on", () => {
    const wi = helmValues(synth({ workloadIdentityClientId: "66666666-7777-8888-9999-000000000000" }), "cert-manager");
    expect([wi.podLabels, wi.serviceAccount]).toEqual([{ "azure.workload.identity/use": "true" }, { annotations: { "azure.workload.identity/client-id": "66666666-7777-8888-9999-000000000000" } }]);
  });

  it("takes the client ID of an identity created in the same deployment (a token)", () => {
    const { stack } = appsStack();
    const identity = new UserAssignedIdentity(stack, "Identity", { name: "uai-certmgr", location: "westeurope", resourceGroupName: "rg-shop-prod-weu" });
    new CertManager(stack, "CertManager", { workloadIdentityClientId: identity.clientId });
    const release = resources(Testing.synth(stack), "helm_release")[0];
    expect(release.values[0]).toContain('"azure.workload.identity/client-id":"${azurerm_user_assigned_identity.Identity.client_id}"');
  });

  it("names the controller's service account and the subject its federated credential trusts", () => {
    const { stack } = appsStack();
    const certManager = new CertManager(stack, "CertManager");
    const other = new CertManager(stack, "Other", { namespace: "certs" });
    expect([certManager.serviceAccountName, certManager.workloadIdentitySubject, other.workloadIdentitySubject]).toEqual(["cert-manager", "system:serviceaccount:cert-manager:cert-manager", "system:serviceaccount:certs:cert-manager"]);
    expect([certManager.workloadIdentity, new CertManager(stack, "Wi", { namespace: "wi", workloadIdentity: true }).workloadIdentity]).toEqual([false, true]);
  });

  it("fails when the client ID is not a GUID", () => {
    expectValidationError(() => synth({ workloadIdentityClientId: "cert-manager" }), 'certManager.workloadIdentityClientId: has an invalid format (got "cert-manager"); use the managed identity\'s client ID (a GUID)');
  });

  it("fails when workload identity is turned off while a client ID is given", () => {
    expectValidationError(
      () => synth({ workloadIdentity: false, workloadIdentityClientId: "66666666-7777-8888-9999-000000000000" }),
      "certManager.workloadIdentity: is false while workloadIdentityClientId is set (got false); drop workloadIdentity (the client ID turns it on), or drop workloadIdentityClientId",
    );
  });

  it("fails when the chart version is not a version", () => {
    expectValidationError(() => synth({ chartVersion: "1.21" }), 'certManager.chartVersion: has an invalid format (got "1.21"); use a chart version such as "v1.21.2"');
  });

  it("fails when replicas are out of range", () => {
    expectValidationError(() => synth({ replicas: 0 }), "certManager.replicas: is out of range (got 0); use 1 to 5");
  });
});
