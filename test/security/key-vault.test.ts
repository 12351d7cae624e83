import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { KeyVault as AzKeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { TerraformOutput, Testing } from "cdktf";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { KeyVault, KeyVaultProps } from "../../lib/security/key-vault";
import { expectValidationError, resourceList, resourcesOf, StackFixture, testStack } from "../network/fixtures";

const TENANT = "11111111-2222-3333-4444-555555555555";
const OBJECT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
const VAULT_ID = /^\$\{azurerm_key_vault\.Vault_[0-9A-F]{8}\.id\}$/;

interface VaultFixture extends StackFixture {
  readonly vault: KeyVault;
}

/** A stack with a KeyVault `Vault` built from `props` over the required ones. */
function vaultFixture(props: Partial<KeyVaultProps> = {}, region?: string): VaultFixture {
  const f = testStack(region);
  const vault = new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, ...props });
  return { ...f, vault };
}

function synth(props: Partial<KeyVaultProps> = {}): string {
  return Testing.synth(vaultFixture(props).stack);
}

/** The one synthesized azurerm_key_vault. */
function vaultResource(out: string): Record<string, unknown> {
  const vaults = resourceList(out, "azurerm_key_vault");
  expect(vaults).toHaveLength(1);
  return vaults[0];
}

/** Creates the vault with `props` (for failure tests). */
function create(props: Partial<KeyVaultProps> = {}): KeyVault {
  return vaultFixture(props).vault;
}

/** A network and the Key Vault private DNS zone in the fixture's stack. */
function placement(f: StackFixture, zoneName: string = PRIVATE_DNS_ZONE_NAMES.keyVault) {
  const network = new VirtualNetwork(f.stack, "Network", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.10.0.0/16" });
  const dnsZone = new PrivateDnsZone(f.stack, "VaultZone", { resourceGroup: f.resourceGroup, zoneName });
  return { network, dnsZone };
}

function subnetWith(f: StackFixture, serviceEndpoints?: string[]): Subnet {
  return new Subnet(f.stack, "CiSubnet", { name: "snet-ci", resourceGroupName: "rg-ci", virtualNetworkName: "vnet-ci", addressPrefixes: ["10.50.0.0/24"], serviceEndpoints });
}

function identity(f: StackFixture, id = "AppIdentity"): UserAssignedIdentity {
  return new UserAssignedIdentity(f.stack, id, { name: `id-${id.toLowerCase()}`, location: "westeurope", resourceGroupName: "rg-shop-prod" });
}

describe("KeyVault", () => {
  test("synthesizes the default vault", () => {
    expect(resourcesOf(synth(), "azurerm_key_vault")).toMatchSnapshot();
  });

  describe("defaults", () => {
    test("names the vault with the namer, in the resource group and its location", () => {
      expect(synth()).toHaveResourceWithProperties(AzKeyVault, {
        name: expect.stringMatching(/^kv-shop-prod-weu-[a-z0-9]{5}$/),
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("uses the Standard SKU", () => {
      expect(synth()).toHaveResourceWithProperties(AzKeyVault, { sku_name: "standard" });
    });

    test("authorizes data access with Azure RBAC through the 4.x attribute", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(AzKeyVault, { rbac_authorization_enabled: true });
      expect(vaultResource(out)).not.toHaveProperty("enable_rbac_authorization");
      expect(vaultResource(out)).not.toHaveProperty("access_policy");
    });

    test("turns purge protection on", () => {
      expect(synth()).toHaveResourceWithProperties(AzKeyVault, { purge_protection_enabled: true });
    });

    test("keeps deleted objects for 90 days", () => {
      expect(synth()).toHaveResourceWithProperties(AzKeyVault, { soft_delete_retention_days: 90 });
    });

    test("turns public network access off", () => {
      expect(synth()).toHaveResourceWithProperties(AzKeyVault, { public_network_access_enabled: false });
    });

    test("denies by default at the firewall and lets trusted Azure services through, with no rules", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(AzKeyVault, { network_acls: { default_action: "Deny", bypass: "AzureServices" } });
      expect(vaultResource(out).network_acls).toEqual({ default_action: "Deny", bypass: "AzureServices" });
    });

    test("sets the tenant", () => {
      expect(synth()).toHaveResourceWithProperties(AzKeyVault, { tenant_id: TENANT });
    });

    test("creates no private endpoint and no diagnostic settings unless asked", () => {
      const out = synth();
      expect(resourceList(out, "azurerm_private_endpoint")).toHaveLength(0);
      expect(resourceList(out, "azurerm_monitor_diagnostic_setting")).toHaveLength(0);
    });

    test("protects the vault with prevent_destroy and a CanNotDelete lock", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(AzKeyVault, { lifecycle: { prevent_destroy: true } });
      expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: "CanNotDelete", scope: expect.stringMatching(VAULT_ID) });
    });

    test("exposes the L1 vault, its id and URI", () => {
      const { stack, vault } = vaultFixture();
      expect(vault.vault).toBeInstanceOf(AzKeyVault);
      expect(vault.vault.node.id).toBe("Resource");
      new TerraformOutput(stack, "id", { value: vault.id });
      new TerraformOutput(stack, "uri", { value: vault.vaultUri });
      const outputs = JSON.parse(Testing.synth(stack)).output;
      expect(outputs.id.value).toMatch(VAULT_ID);
      expect(outputs.uri.value).toMatch(/^\$\{azurerm_key_vault\.Vault_[0-9A-F]{8}\.vault_uri\}$/);
    });
  });

  describe("settings", () => {
    test("uses the Premium SKU for HSM-backed keys", () => {
      expect(synth({ sku: "premium" })).toHaveResourceWithProperties(AzKeyVault, { sku_name: "premium" });
    });

    test("keeps deleted objects for the days given", () => {
      expect(synth({ softDeleteRetentionDays: 7 })).toHaveResourceWithProperties(AzKeyVault, { soft_delete_retention_days: 7 });
    });

    test("turns purge protection off when opted out", () => {
      expect(synth({ purgeProtectionEnabled: false })).toHaveResourceWithProperties(AzKeyVault, { purge_protection_enabled: false });
    });

    test("uses a given name", () => {
      expect(synth({ name: "kv-checkout-prod" })).toHaveResourceWithProperties(AzKeyVault, { name: "kv-checkout-prod" });
    });

    test("puts the qualifier into the vault and private-endpoint names (shortened to fit the vault's 24 characters)", () => {
      const f = testStack();
      new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, qualifier: "certs", privateEndpoint: placement(f) });
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(AzKeyVault, { name: expect.stringMatching(/^kv-shop-c-prod-weu-[a-z0-9]{5}$/) });
      expect(out).toHaveResourceWithProperties(AzPrivateEndpoint, { name: "pep-shop-kvcerts-prod-weu" });
    });

    test("takes the tenant from a client-config data source", () => {
      const f = testStack();
      const client = new DataAzurermClientConfig(f.stack, "Client");
      new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: client.tenantId });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzKeyVault, { tenant_id: "${data.azurerm_client_config.Client.tenant_id}" });
    });

    test("lets allowed public ranges through when public access is on, single addresses as /32", () => {
      expect(synth({ publicNetworkAccessEnabled: true, allowedIpRanges: ["203.0.113.0/24", "198.51.100.7"] })).toHaveResourceWithProperties(AzKeyVault, {
        public_network_access_enabled: true,
        network_acls: { default_action: "Deny", bypass: "AzureServices", ip_rules: ["203.0.113.0/24", "198.51.100.7/32"] },
      });
    });

    test("lets subnets with a Key Vault service endpoint through when public access is on", () => {
      const f = testStack();
      const subnet = subnetWith(f, ["Microsoft.KeyVault"]);
      new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, publicNetworkAccessEnabled: true, allowedSubnets: [subnet] });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzKeyVault, {
        network_acls: { default_action: "Deny", bypass: "AzureServices", virtual_network_subnet_ids: ["${azurerm_subnet.CiSubnet.id}"] },
      });
    });

    test("places a private endpoint for the vault sub-resource in the Key Vault zone", () => {
      const f = testStack();
      const where = placement(f);
      const vault = new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, privateEndpoint: where });
      expect(vault.privateEndpoint).toBeDefined();
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzPrivateEndpoint, {
        name: "pep-shop-kv-prod-weu",
        private_service_connection: { name: "psc-kv", is_manual_connection: false, private_connection_resource_id: expect.stringMatching(VAULT_ID), subresource_names: ["vault"] },
        private_dns_zone_group: { name: "default", private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.VaultZone_[0-9A-F]{8}\.id\}$/)] },
      });
    });

    test("sends audit logs and metrics to the workspace, in AzureDiagnostics", () => {
      const f = testStack();
      const logAnalytics = new LogAnalytics(f.stack, "Logs", { resourceGroup: f.resourceGroup, namer: f.namer });
      new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, logAnalytics });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: expect.stringMatching(VAULT_ID),
        enabled_log: [{ category_group: "allLogs" }],
        enabled_metric: [{ category: "AllMetrics" }],
        log_analytics_destination_type: "AzureDiagnostics",
      });
    });

    test("creates neither lock nor prevent_destroy when protection is off", () => {
      const out = synth({ protect: false });
      expect(resourceList(out, "azurerm_management_lock")).toHaveLength(0);
      expect(vaultResource(out)).not.toHaveProperty("lifecycle");
    });
  });

  describe("grants", () => {
    const cases = [
      ["grantSecretsRead", "Key Vault Secrets User"],
      ["grantSecretsOfficer", "Key Vault Secrets Officer"],
      ["grantCertificatesRead", "Key Vault Certificate User"],
      ["grantCryptoUser", "Key Vault Crypto User"],
      ["grantAdministrator", "Key Vault Administrator"],
    ] as const;

    test.each(cases)("%s assigns %s on the vault to the identity", (method, role) => {
      const f = vaultFixture();
      const app = identity(f);
      f.vault[method](app);
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: expect.stringMatching(VAULT_ID),
        role_definition_name: role,
        principal_id: "${azurerm_user_assigned_identity.AppIdentity.principal_id}",
        principal_type: "ServicePrincipal",
      });
    });

    test("returns the existing assignment when the same grant is made twice", () => {
      const f = vaultFixture();
      const app = identity(f);
      expect(f.vault.grantSecretsRead(app)).toBe(f.vault.grantSecretsRead(app));
      expect(resourceList(Testing.synth(f.stack), "azurerm_role_assignment")).toHaveLength(1);
    });

    test("gives two identities with the same construct id in different scopes their own assignments", () => {
      const f = vaultFixture();
      f.vault.grantSecretsRead(identity(f, "Reader"));
      f.vault.grantSecretsRead(new UserAssignedIdentity(f.vault, "Reader", { name: "id-reader2", location: "westeurope", resourceGroupName: "rg" }));
      expect(resourceList(Testing.synth(f.stack), "azurerm_role_assignment")).toHaveLength(2);
    });

    test("grants a group by literal object ID with its principal type", () => {
      const f = vaultFixture();
      f.vault.grantAdministrator({ principalId: OBJECT_ID }, { principalType: "Group" });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, { principal_id: OBJECT_ID, principal_type: "Group", role_definition_name: "Key Vault Administrator" });
    });

    test("grants a principal known only at apply time under the id given", () => {
      const f = vaultFixture();
      const app = identity(f);
      const assignment = f.vault.grantSecretsRead({ principalId: app.principalId }, { id: "Kubelet" });
      expect(assignment.node.id).toBe("GrantSecretsUser-Kubelet");
    });

    test("fails when a principal known only at apply time has no id", () => {
      const f = vaultFixture();
      const app = identity(f);
      expectValidationError(
        () => f.vault.grantSecretsRead({ principalId: app.principalId }),
        /^keyVault\.grants\.SecretsUser\.principal: is only known at apply time and is not a construct, so the grant has no stable id \(got "an unresolved token"\); pass the identity construct itself/,
      );
    });

    test("fails when the grant id is not a word", () => {
      const f = vaultFixture();
      expectValidationError(() => f.vault.grantSecretsRead({ principalId: OBJECT_ID }, { id: "my id" }), /^keyVault\.grants\.SecretsUser\.id: has an invalid format \(got "my id"\)/);
    });
  });

  describe("validation", () => {
    test("fails when the tenant ID is not a GUID", () => {
      expectValidationError(() => create({ tenantId: "contoso.onmicrosoft.com" }), /^keyVault\.tenantId: has an invalid format \(got "contoso\.onmicrosoft\.com"\); use an Entra ID tenant ID \(a GUID\)$/);
    });

    test("fails when the tenant ID is missing", () => {
      expectValidationError(() => create({ tenantId: undefined as unknown as string }), /^keyVault\.tenantId: is required \(got undefined\)/);
    });

    test.each([6, 91])("fails when the soft-delete retention is %d days", (days) => {
      expectValidationError(() => create({ softDeleteRetentionDays: days }), `keyVault.softDeleteRetentionDays: is out of range (got ${days}); use 7 to 90`);
    });

    test("fails when the soft-delete retention is not a whole number", () => {
      expectValidationError(() => create({ softDeleteRetentionDays: 30.5 }), "keyVault.softDeleteRetentionDays: must be a whole number (got 30.5); use 7 to 90");
    });

    test("fails when the SKU is not one Azure offers", () => {
      expectValidationError(() => create({ sku: "Premium" as never }), 'keyVault.sku: is not an allowed value (got "Premium"); use one of "standard", "premium"');
    });

    test("fails when the name is longer than 24 characters", () => {
      expectValidationError(() => create({ name: "kv-checkout-production-weu" }), /^keyVault\.name: is not a valid key_vault name \(got "kv-checkout-production-weu"\); Azure allows 3-24 characters/);
    });

    test("fails when the name starts with a digit", () => {
      expectValidationError(() => create({ name: "1vault" }), /^keyVault\.name: is not a valid key_vault name \(got "1vault"\)/);
    });

    test("fails when the qualifier is not a lowercase word", () => {
      expectValidationError(() => create({ qualifier: "My-Certs" }), /^keyVault\.qualifier: has an invalid format \(got "My-Certs"\)/);
    });

    test("fails when IP ranges are allowed while public access is off", () => {
      expectValidationError(
        () => create({ allowedIpRanges: ["203.0.113.0/24"] }),
        'keyVault.allowedIpRanges: has no effect while public network access is disabled (got ["203.0.113.0/24"]); set publicNetworkAccessEnabled to true, or reach the service through its private endpoint',
      );
    });

    test("fails when subnets are allowed while public access is off", () => {
      const f = testStack();
      const subnet = subnetWith(f, ["Microsoft.KeyVault"]);
      expectValidationError(
        () => new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, allowedSubnets: [subnet] }),
        /^keyVault\.allowedSubnets: has no effect while public network access is disabled \(got \["snet-ci"\]\)/,
      );
    });

    test("fails when an allowed subnet has no Key Vault service endpoint", () => {
      const f = testStack();
      const subnet = subnetWith(f, ["Microsoft.Storage"]);
      expectValidationError(
        () => new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, publicNetworkAccessEnabled: true, allowedSubnets: [subnet] }),
        'keyVault.allowedSubnets[0]: has no Microsoft.KeyVault service endpoint, so Azure rejects the network rule (got "snet-ci"); add "Microsoft.KeyVault" to the subnet\'s serviceEndpoints, or reach the service through its private endpoint',
      );
    });

    test("fails when an allowed range is private", () => {
      expectValidationError(
        () => create({ publicNetworkAccessEnabled: true, allowedIpRanges: ["10.20.0.0/16"] }),
        /^keyVault\.allowedIpRanges\[0\]: is or overlaps a private \(RFC 1918\) range, which a service firewall never sees \(got "10\.20\.0\.0\/16"\)/,
      );
    });

    test("fails when an allowed range opens the whole internet", () => {
      expectValidationError(() => create({ publicNetworkAccessEnabled: true, allowedIpRanges: ["0.0.0.0/0"] }), /^keyVault\.allowedIpRanges\[0\]: opens the firewall to the whole internet/);
    });

    test("fails when an address is given twice, once as /32", () => {
      expectValidationError(
        () => create({ publicNetworkAccessEnabled: true, allowedIpRanges: ["198.51.100.7", "198.51.100.7/32"] }),
        'keyVault.allowedIpRanges[1]: repeats the entry at index 0 (got "198.51.100.7/32"); each entry must be unique',
      );
    });

    test("fails when the private endpoint's DNS zone belongs to another service", () => {
      const f = testStack();
      expectValidationError(
        () => new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, privateEndpoint: placement(f, PRIVATE_DNS_ZONE_NAMES.blob) }),
        'keyVault.privateEndpoint.dnsZone: is not the private DNS zone of this service (got "privatelink.blob.core.windows.net"); use a PrivateDnsZone named "privatelink.vaultcore.azure.net"',
      );
    });

    test("creates nothing when validation fails", () => {
      const f = testStack();
      expect(() => new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT, softDeleteRetentionDays: 100 })).toThrow();
      expect(resourceList(Testing.synth(f.stack), "azurerm_key_vault")).toHaveLength(0);
    });
  });
});
