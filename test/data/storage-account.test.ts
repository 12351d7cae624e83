import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { StorageAccount as AzStorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { StorageQueue } from "@cdktf/provider-azurerm/lib/storage-queue";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { TerraformOutput, Testing } from "cdktf";
import { StorageAccount, StorageAccountProps } from "../../lib/data/storage-account";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { expectValidationError, resourceList, StackFixture, testStack } from "../network/fixtures";

const ACCOUNT_ID = /^\$\{azurerm_storage_account\.Storage_[0-9A-F]{8}\.id\}$/;
const ACCOUNT_REF = "${azurerm_storage_account.Storage_07F31EBC.id}";
const IDENTITY = "${azurerm_user_assigned_identity.AppIdentity.principal_id}";

interface AccountFixture extends StackFixture {
  readonly storage: StorageAccount;
}

/** A stack in `region` with a StorageAccount `Storage` built from `props`. */
function accountFixture(props: Partial<StorageAccountProps> = {}, region?: string): AccountFixture {
  const f = testStack(region);
  const storage = new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, ...props });
  return { ...f, storage };
}

function synth(props: Partial<StorageAccountProps> = {}, region?: string): string {
  return Testing.synth(accountFixture(props, region).stack);
}

/** The one synthesized azurerm_storage_account. */
function accountResource(out: string): Record<string, any> {
  const accounts = resourceList(out, "azurerm_storage_account");
  expect(accounts).toHaveLength(1);
  return accounts[0];
}

/** Creates the account with `props` in `region` (for failure tests). */
function create(props: Partial<StorageAccountProps> = {}, region?: string): StorageAccount {
  return accountFixture(props, region).storage;
}

/** A network and the private DNS zones of blob and queue storage in the fixture's stack. */
function placements(f: StackFixture) {
  const network = new VirtualNetwork(f.stack, "Network", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.10.0.0/16" });
  const blobZone = new PrivateDnsZone(f.stack, "BlobZone", { resourceGroup: f.resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.blob });
  const queueZone = new PrivateDnsZone(f.stack, "QueueZone", { resourceGroup: f.resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.queue });
  return { blob: { network, dnsZone: blobZone }, queue: { network, dnsZone: queueZone } };
}

function withLogs(f: StackFixture): LogAnalytics {
  return new LogAnalytics(f.stack, "Logs", { resourceGroup: f.resourceGroup, namer: f.namer });
}

function identity(f: StackFixture): UserAssignedIdentity {
  return new UserAssignedIdentity(f.stack, "AppIdentity", { name: "id-app", location: "westeurope", resourceGroupName: "rg-shop-prod" });
}

function subnetWith(f: StackFixture, serviceEndpoints: string[]): Subnet {
  return new Subnet(f.stack, "CiSubnet", { name: "snet-ci", resourceGroupName: "rg-ci", virtualNetworkName: "vnet-ci", addressPrefixes: ["10.50.0.0/24"], serviceEndpoints });
}

/** The diagnostic settings of the synthesized stack, by target resource. */
function diagnosticsByTarget(out: string): Record<string, Record<string, any>> {
  return Object.fromEntries(resourceList(out, "azurerm_monitor_diagnostic_setting").map((d) => [d.target_resource_id, d]));
}

describe("StorageAccount", () => {
  describe("secure defaults", () => {
    test("names the account with the namer, in the resource group and its location", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, {
        name: expect.stringMatching(/^stshopprodweu[a-z0-9]{5}$/),
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("is a Standard general-purpose v2 account", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { account_kind: "StorageV2", account_tier: "Standard" });
    });

    test("replicates across zones (ZRS)", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { account_replication_type: "ZRS" });
    });

    test("requires TLS 1.2", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { min_tls_version: "TLS1_2" });
    });

    test("accepts HTTPS only", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { https_traffic_only_enabled: true });
    });

    test("forbids public (anonymous) containers and blobs", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { allow_nested_items_to_be_public: false });
    });

    test("disables shared-key authorization", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { shared_access_key_enabled: false });
    });

    test("defaults the portal to Entra ID (OAuth) authorization", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { default_to_oauth_authentication: true });
    });

    test("disables local (SFTP) users and cross-tenant replication", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { local_user_enabled: false, cross_tenant_replication_enabled: false });
    });

    test("encrypts at the infrastructure layer too", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { infrastructure_encryption_enabled: true });
    });

    test("turns public network access off", () => {
      expect(synth()).toHaveResourceWithProperties(AzStorageAccount, { public_network_access_enabled: false });
    });

    test("denies by default at the firewall and lets trusted Azure services through, with no rules", () => {
      expect(accountResource(synth()).network_rules).toEqual({ default_action: "Deny", bypass: ["AzureServices"] });
    });

    test("keeps blob versions", () => {
      expect(accountResource(synth()).blob_properties.versioning_enabled).toBe(true);
    });

    test("records the change feed", () => {
      expect(accountResource(synth()).blob_properties.change_feed_enabled).toBe(true);
    });

    test("keeps deleted blobs for 30 days", () => {
      expect(accountResource(synth()).blob_properties.delete_retention_policy).toEqual({ days: 30 });
    });

    test("keeps deleted containers for 30 days", () => {
      expect(accountResource(synth()).blob_properties.container_delete_retention_policy).toEqual({ days: 30 });
    });

    test("has no point-in-time restore", () => {
      expect(accountResource(synth()).blob_properties).not.toHaveProperty("restore_policy");
    });

    test("protects the account with prevent_destroy and a CanNotDelete lock", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(AzStorageAccount, { lifecycle: { prevent_destroy: true } });
      expect(out).toHaveResourceWithProperties(ManagementLock, { lock_level: "CanNotDelete", scope: expect.stringMatching(ACCOUNT_ID) });
    });

    test("creates no private endpoints and no diagnostic settings unless asked", () => {
      const out = synth();
      expect(resourceList(out, "azurerm_private_endpoint")).toHaveLength(0);
      expect(resourceList(out, "azurerm_monitor_diagnostic_setting")).toHaveLength(0);
    });

    test("exposes the L1 account, its id and endpoints", () => {
      const { stack, storage } = accountFixture();
      expect(storage.account).toBeInstanceOf(AzStorageAccount);
      expect(storage.account.node.id).toBe("Resource");
      expect(storage.replication).toBe("ZRS");
      new TerraformOutput(stack, "id", { value: storage.id });
      new TerraformOutput(stack, "blob", { value: storage.primaryBlobEndpoint });
      new TerraformOutput(stack, "queue", { value: storage.primaryQueueEndpoint });
      const outputs = JSON.parse(Testing.synth(stack)).output;
      expect(outputs.id.value).toBe(ACCOUNT_REF);
      expect(outputs.blob.value).toBe("${azurerm_storage_account.Storage_07F31EBC.primary_blob_endpoint}");
      expect(outputs.queue.value).toBe("${azurerm_storage_account.Storage_07F31EBC.primary_queue_endpoint}");
    });
  });

  describe("replication", () => {
    test("uses GZRS for multi-region resilience", () => {
      expect(synth({ replication: "GZRS" })).toHaveResourceWithProperties(AzStorageAccount, { account_replication_type: "GZRS" });
    });

    test("uses LRS when chosen explicitly", () => {
      expect(synth({ replication: "LRS" })).toHaveResourceWithProperties(AzStorageAccount, { account_replication_type: "LRS" });
    });

    test("accepts LRS explicitly in a region without zones", () => {
      expect(synth({ replication: "LRS" }, "westus")).toHaveResourceWithProperties(AzStorageAccount, { account_replication_type: "LRS" });
    });

    test("fails when the default (ZRS) meets a region without zones, rather than falling back to LRS", () => {
      expectValidationError(
        () => create({}, "westus"),
        'storageAccount.replication: needs availability zones, and West US has none (got "ZRS"); choose a region with zones, or set replication "LRS" explicitly (no zone redundancy)',
      );
    });

    test("fails when GZRS is asked for in a region without zones", () => {
      expectValidationError(() => create({ replication: "GZRS" }, "ukwest"), /^storageAccount\.replication: needs availability zones, and UK West has none \(got "GZRS"\)/);
    });

    test("fails when ZRS is asked for in a region with zones that does not offer it", () => {
      expectValidationError(
        () => create({ replication: "ZRS" }, "japanwest"),
        'storageAccount.replication: is not offered for Standard general-purpose v2 accounts in Japan West (got "ZRS"); use "LRS" explicitly, or another region',
      );
    });

    test("fails when GZRS is asked for in a zonal region without it, suggesting ZRS", () => {
      expectValidationError(
        () => create({ replication: "GZRS" }, "italynorth"),
        'storageAccount.replication: is not offered for Standard general-purpose v2 accounts in Italy North (got "GZRS"); use "ZRS", or another region',
      );
    });

    test("fails when the replication is not one the construct offers", () => {
      expectValidationError(() => create({ replication: "GRS" as never }), 'storageAccount.replication: is not an allowed value (got "GRS"); use one of "ZRS", "GZRS", "LRS"');
    });
  });

  describe("data protection", () => {
    test("keeps deleted blobs and containers for the days given", () => {
      const blob = accountResource(synth({ blobSoftDeleteRetentionDays: 365, containerSoftDeleteRetentionDays: 7 })).blob_properties;
      expect(blob.delete_retention_policy).toEqual({ days: 365 });
      expect(blob.container_delete_retention_policy).toEqual({ days: 7 });
    });

    test("enables point-in-time restore for the days given", () => {
      expect(accountResource(synth({ pointInTimeRestoreDays: 29 })).blob_properties.restore_policy).toEqual({ days: 29 });
    });

    test.each([6, 366])("fails when blob soft delete keeps %d days", (days) => {
      expectValidationError(() => create({ blobSoftDeleteRetentionDays: days }), `storageAccount.blobSoftDeleteRetentionDays: is out of range (got ${days}); use 7 to 365`);
    });

    test.each([6, 366])("fails when container soft delete keeps %d days", (days) => {
      expectValidationError(() => create({ containerSoftDeleteRetentionDays: days }), `storageAccount.containerSoftDeleteRetentionDays: is out of range (got ${days}); use 7 to 365`);
    });

    test("fails when point-in-time restore reaches as far back as blob soft delete", () => {
      expectValidationError(
        () => create({ pointInTimeRestoreDays: 30 }),
        "storageAccount.pointInTimeRestoreDays: must be at least one day shorter than blobSoftDeleteRetentionDays (30) (got 30); use 1 to 29, or raise blobSoftDeleteRetentionDays",
      );
    });

    test("fails when point-in-time restore is zero days", () => {
      expectValidationError(() => create({ pointInTimeRestoreDays: 0 }), "storageAccount.pointInTimeRestoreDays: is out of range (got 0); use 1 to 364");
    });

    test("creates neither lock nor prevent_destroy when protection is off", () => {
      const out = synth({ protect: false });
      expect(resourceList(out, "azurerm_management_lock")).toHaveLength(0);
      expect(accountResource(out)).not.toHaveProperty("lifecycle");
    });
  });

  describe("network access", () => {
    test("lets allowed public addresses through when public access is on", () => {
      expect(synth({ publicNetworkAccessEnabled: true, allowedIpRanges: ["203.0.113.0/24", "198.51.100.7"] })).toHaveResourceWithProperties(AzStorageAccount, {
        public_network_access_enabled: true,
        network_rules: { default_action: "Deny", bypass: ["AzureServices"], ip_rules: ["203.0.113.0/24", "198.51.100.7"] },
      });
    });

    test("lets subnets with a storage service endpoint through when public access is on", () => {
      const f = testStack();
      new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, publicNetworkAccessEnabled: true, allowedSubnets: [subnetWith(f, ["Microsoft.Storage"])] });
      expect(accountResource(Testing.synth(f.stack)).network_rules).toEqual({ default_action: "Deny", bypass: ["AzureServices"], virtual_network_subnet_ids: ["${azurerm_subnet.CiSubnet.id}"] });
    });

    test("fails when IP ranges are allowed while public access is off", () => {
      expectValidationError(() => create({ allowedIpRanges: ["203.0.113.0/24"] }), /^storageAccount\.allowedIpRanges: has no effect while public network access is disabled/);
    });

    test("fails when a single address is written as /32", () => {
      expectValidationError(
        () => create({ publicNetworkAccessEnabled: true, allowedIpRanges: ["198.51.100.7/32"] }),
        'storageAccount.allowedIpRanges[0]: uses a /31 or /32 prefix, which Azure Storage rejects (got "198.51.100.7/32"); write single addresses bare, e.g. "198.51.100.7"',
      );
    });

    test("fails when an allowed range is private", () => {
      expectValidationError(() => create({ publicNetworkAccessEnabled: true, allowedIpRanges: ["192.168.1.0/24"] }), /^storageAccount\.allowedIpRanges\[0\]: is or overlaps a private \(RFC 1918\) range/);
    });

    test("fails when an allowed subnet has no storage service endpoint", () => {
      const f = testStack();
      expectValidationError(
        () => new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, publicNetworkAccessEnabled: true, allowedSubnets: [subnetWith(f, ["Microsoft.KeyVault"])] }),
        /^storageAccount\.allowedSubnets\[0\]: has no Microsoft\.Storage or Microsoft\.Storage\.Global service endpoint/,
      );
    });
  });

  describe("private endpoints", () => {
    test("places a blob endpoint in the blob zone", () => {
      const f = testStack();
      const where = placements(f);
      const storage = new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoints: { blob: where.blob } });
      const out = Testing.synth(f.stack);
      expect(storage.privateEndpoints.blob).toBeDefined();
      expect(storage.privateEndpoints.queue).toBeUndefined();
      expect(resourceList(out, "azurerm_private_endpoint")).toHaveLength(1);
      expect(out).toHaveResourceWithProperties(AzPrivateEndpoint, {
        name: "pep-shop-stblob-prod-weu",
        private_service_connection: { name: "psc-stblob", is_manual_connection: false, private_connection_resource_id: ACCOUNT_REF, subresource_names: ["blob"] },
        private_dns_zone_group: { name: "default", private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.BlobZone_[0-9A-F]{8}\.id\}$/)] },
      });
    });

    test("places a queue endpoint in the queue zone", () => {
      const f = testStack();
      const where = placements(f);
      new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoints: where });
      const out = Testing.synth(f.stack);
      expect(resourceList(out, "azurerm_private_endpoint")).toHaveLength(2);
      expect(out).toHaveResourceWithProperties(AzPrivateEndpoint, {
        name: "pep-shop-stqueue-prod-weu",
        private_service_connection: { name: "psc-stqueue", is_manual_connection: false, private_connection_resource_id: ACCOUNT_REF, subresource_names: ["queue"] },
        private_dns_zone_group: { name: "default", private_dns_zone_ids: [expect.stringMatching(/^\$\{azurerm_private_dns_zone\.QueueZone_[0-9A-F]{8}\.id\}$/)] },
      });
    });

    test("puts the qualifier into the account and endpoint names", () => {
      const f = testStack();
      new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, qualifier: "img", privateEndpoints: { blob: placements(f).blob } });
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(AzStorageAccount, { name: expect.stringMatching(/^stshopimgprodweu[a-z0-9]{5}$/) });
      expect(out).toHaveResourceWithProperties(AzPrivateEndpoint, { name: "pep-shop-stblobimg-prod-weu" });
    });

    test("fails when an endpoint's DNS zone belongs to another service", () => {
      const f = testStack();
      const where = placements(f);
      expectValidationError(
        () => new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoints: { blob: where.queue } }),
        'storageAccount.privateEndpoints.blob.dnsZone: is not the private DNS zone of this service (got "privatelink.queue.core.windows.net"); use a PrivateDnsZone named "privatelink.blob.core.windows.net"',
      );
    });

    test("fails when an endpoint names a storage service the construct does not place", () => {
      const f = testStack();
      const where = placements(f);
      expectValidationError(
        () => new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoints: { table: where.blob } as never }),
        'storageAccount.privateEndpoints: is not an allowed value (got "table"); use one of "blob", "queue"',
      );
    });
  });

  describe("diagnostic settings", () => {
    test("sends the account's transaction metrics, without logs", () => {
      const f = testStack();
      new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, logAnalytics: withLogs(f) });
      const account = diagnosticsByTarget(Testing.synth(f.stack))[ACCOUNT_REF];
      expect(account.enabled_metric).toEqual([{ category: "Transaction" }]);
      expect(account).not.toHaveProperty("enabled_log");
    });

    test("sends the Blob service's logs and metrics from its blobServices/default sub-resource", () => {
      const f = testStack();
      new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, logAnalytics: withLogs(f) });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: `${ACCOUNT_REF}/blobServices/default`,
        enabled_log: [{ category_group: "allLogs" }],
        enabled_metric: [{ category: "Transaction" }],
      });
    });

    test("adds the Queue service's diagnostics once queues are in use", () => {
      const f = testStack();
      const storage = new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, logAnalytics: withLogs(f) });
      expect(Object.keys(diagnosticsByTarget(Testing.synth(f.stack)))).not.toContain(`${ACCOUNT_REF}/queueServices/default`);
      storage.addQueue("jobs");
      storage.addQueue("emails");
      const out = Testing.synth(f.stack);
      expect(resourceList(out, "azurerm_monitor_diagnostic_setting")).toHaveLength(3);
      expect(diagnosticsByTarget(out)[`${ACCOUNT_REF}/queueServices/default`].enabled_log).toEqual([{ category_group: "allLogs" }]);
    });

    test("adds the Queue service's diagnostics for a queue private endpoint", () => {
      const f = testStack();
      new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer, logAnalytics: withLogs(f), privateEndpoints: { queue: placements(f).queue } });
      expect(Object.keys(diagnosticsByTarget(Testing.synth(f.stack)))).toContain(`${ACCOUNT_REF}/queueServices/default`);
    });
  });

  describe("containers and queues", () => {
    test("adds a private container through the account's resource ID", () => {
      const f = accountFixture();
      const uploads = f.storage.addContainer("uploads");
      expect(f.storage.containers.get("uploads")).toBe(uploads);
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(StorageContainer, { name: "uploads", container_access_type: "private", storage_account_id: ACCOUNT_REF });
    });

    test("never uses the deprecated storage_account_name", () => {
      const f = accountFixture();
      f.storage.addContainer("uploads");
      f.storage.addQueue("jobs");
      const out = Testing.synth(f.stack);
      expect(resourceList(out, "azurerm_storage_container")[0]).not.toHaveProperty("storage_account_name");
      expect(resourceList(out, "azurerm_storage_queue")[0]).not.toHaveProperty("storage_account_name");
    });

    test("adds a queue through the account's resource ID", () => {
      const f = accountFixture();
      const jobs = f.storage.addQueue("jobs");
      expect(f.storage.queues.get("jobs")).toBe(jobs);
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(StorageQueue, { name: "jobs", storage_account_id: ACCOUNT_REF });
    });

    test.each([
      ["Uploads", "upper-case letters"],
      ["up", "two characters"],
      ["up--loads", "consecutive hyphens"],
      ["uploads-", "a trailing hyphen"],
      ["-uploads", "a leading hyphen"],
      ["up_loads", "an underscore"],
    ])('fails when the container name is "%s" (%s)', (name) => {
      const f = accountFixture();
      expectValidationError(() => f.storage.addContainer(name), new RegExp(`^storageAccount\\.containers\\.${name.replace(/[-]/g, "\\-")}\\.name: is not a valid storage_container name \\(got "${name.replace(/[-]/g, "\\-")}"\\); Azure allows 3-63 characters`));
    });

    test("fails when a container name is used twice", () => {
      const f = accountFixture();
      f.storage.addContainer("uploads");
      expectValidationError(() => f.storage.addContainer("uploads"), 'storageAccount.containers.uploads.name: is already a container of this account (got "uploads"); give every container its own name');
    });

    test.each(["Jobs", "jobs-", "jo"])('fails when the queue name is "%s"', (name) => {
      const f = accountFixture();
      expectValidationError(() => f.storage.addQueue(name), /^storageAccount\.queues\..+\.name: is not a valid storage_queue name/);
    });

    test("fails when a queue name is used twice", () => {
      const f = accountFixture();
      f.storage.addQueue("jobs");
      expectValidationError(() => f.storage.addQueue("jobs"), /^storageAccount\.queues\.jobs\.name: is already a queue of this account/);
    });
  });

  describe("grants", () => {
    test.each([
      ["grantBlobDataRead", "Storage Blob Data Reader"],
      ["grantBlobDataWrite", "Storage Blob Data Contributor"],
      ["grantQueueDataSend", "Storage Queue Data Message Sender"],
      ["grantQueueDataProcess", "Storage Queue Data Message Processor"],
    ] as const)("%s assigns %s on the account", (method, role) => {
      const f = accountFixture();
      f.storage[method](identity(f));
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, { scope: ACCOUNT_REF, role_definition_name: role, principal_id: IDENTITY, principal_type: "ServicePrincipal" });
    });

    test("scopes a blob grant to one container, after the container exists", () => {
      const f = accountFixture();
      const uploads = f.storage.addContainer("uploads");
      f.storage.grantBlobDataWrite(identity(f), { container: uploads });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, {
        scope: `${ACCOUNT_REF}/blobServices/default/containers/uploads`,
        role_definition_name: "Storage Blob Data Contributor",
        depends_on: [expect.stringMatching(/^\$\{azurerm_storage_container\.Storage_Container-uploads_[0-9A-F]{8}\}$/)],
      });
    });

    test("scopes a queue grant to one queue", () => {
      const f = accountFixture();
      const jobs = f.storage.addQueue("jobs");
      f.storage.grantQueueDataProcess(identity(f), { queue: jobs });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(RoleAssignment, { scope: `${ACCOUNT_REF}/queueServices/default/queues/jobs`, role_definition_name: "Storage Queue Data Message Processor" });
    });

    test("keeps account-wide and container grants of one principal apart, and each once", () => {
      const f = accountFixture();
      const app = identity(f);
      const uploads = f.storage.addContainer("uploads");
      f.storage.grantBlobDataRead(app);
      f.storage.grantBlobDataRead(app, { container: uploads });
      f.storage.grantBlobDataRead(app, { container: uploads });
      expect(resourceList(Testing.synth(f.stack), "azurerm_role_assignment")).toHaveLength(2);
    });

    test("fails when the container belongs to another account", () => {
      const f = accountFixture();
      const other = new StorageAccount(f.stack, "Other", { resourceGroup: f.resourceGroup, namer: f.namer, qualifier: "other" });
      const foreign = other.addContainer("uploads");
      expectValidationError(() => f.storage.grantBlobDataRead(identity(f), { container: foreign }), /^storageAccount\.grantBlobDataRead\.container: is not a container of this account \(got "test\/Other\/Container-uploads"\)/);
    });

    test("fails when the queue belongs to another account", () => {
      const f = accountFixture();
      const other = new StorageAccount(f.stack, "Other", { resourceGroup: f.resourceGroup, namer: f.namer, qualifier: "other" });
      expectValidationError(() => f.storage.grantQueueDataSend(identity(f), { queue: other.addQueue("jobs") }), /^storageAccount\.grantQueueDataSend\.queue: is not a queue of this account/);
    });
  });

  describe("names", () => {
    test("uses a given name", () => {
      expect(synth({ name: "stcheckoutprod01" })).toHaveResourceWithProperties(AzStorageAccount, { name: "stcheckoutprod01" });
    });

    test("fails when the name has upper-case letters or hyphens", () => {
      expectValidationError(() => create({ name: "st-Checkout" }), /^storageAccount\.name: is not a valid storage_account name \(got "st-Checkout"\); Azure allows 3-24 characters/);
    });

    test("fails when the qualifier is not a lowercase word", () => {
      expectValidationError(() => create({ qualifier: "Images" }), /^storageAccount\.qualifier: has an invalid format \(got "Images"\)/);
    });

    test("creates nothing when validation fails", () => {
      const f = testStack("westus");
      expect(() => new StorageAccount(f.stack, "Storage", { resourceGroup: f.resourceGroup, namer: f.namer })).toThrow();
      expect(resourceList(Testing.synth(f.stack), "azurerm_storage_account")).toHaveLength(0);
    });
  });
});
