import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Testing } from "cdktf";
import { federatedIdentity, serviceAccountSubject } from "../../lib/core/workload-identity";
import { testStack } from "../network/fixtures";

describe("federatedIdentity", () => {
  const create = (ids?: { identity: string; credential: string }) => {
    const f = testStack();
    federatedIdentity(f.stack, { resourceGroup: f.resourceGroup, name: "uai-shop-orders-prod-weu", oidcIssuerUrl: "https://oidc.example/issuer", serviceAccount: { namespace: "commerce", name: "orders" }, credentialName: "commerce-orders", ids });
    return Testing.synth(f.stack);
  };

  it("creates the identity in the resource group's location", () => {
    expect(create()).toHaveResourceWithProperties(UserAssignedIdentity, { name: "uai-shop-orders-prod-weu", location: "${azurerm_resource_group.ResourceGroup.location}" });
  });

  it("trusts exactly the service account, through the cluster's issuer, for the token-exchange audience", () => {
    expect(create()).toHaveResourceWithProperties(FederatedIdentityCredential, {
      name: "commerce-orders",
      issuer: "https://oidc.example/issuer",
      subject: "system:serviceaccount:commerce:orders",
      audience: ["api://AzureADTokenExchange"],
      parent_id: "${azurerm_user_assigned_identity.Identity.id}",
    });
  });

  it("keeps the construct ids it is given (they are Terraform addresses)", () => {
    const parsed = JSON.parse(create({ identity: "CertManagerIdentity", credential: "CertManagerFederatedCredential" }));
    expect(Object.keys(parsed.resource.azurerm_user_assigned_identity)).toEqual(["CertManagerIdentity"]);
    expect(Object.keys(parsed.resource.azurerm_federated_identity_credential)).toEqual(["CertManagerFederatedCredential"]);
  });

  it("writes service-account subjects the way Kubernetes issues them", () => {
    expect(serviceAccountSubject("cert-manager", "cert-manager")).toBe("system:serviceaccount:cert-manager:cert-manager");
  });
});
