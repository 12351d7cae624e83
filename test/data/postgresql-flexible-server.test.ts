import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PostgresqlFlexibleServer } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server";
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator";
import { PostgresqlFlexibleServerConfiguration } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration";
import { PostgresqlFlexibleServerDatabase } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-database";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { TerraformStack, Testing } from "cdktf";
import { ResourceNamer } from "../../lib/core/naming";
import { PostgresFlexibleServer, PostgresFlexibleServerProps, PostgresReadReplicaOptions } from "../../lib/data/postgresql-flexible-server";
import { PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { expectValidationError, resourceList, resourcesOf, testStack } from "../network/fixtures";

const ADMIN_ID = "11111111-2222-3333-4444-555555555555";
const TENANT_ID = "99999999-8888-7777-6666-555555555555";
const SERVER_ID = /^\$\{azurerm_postgresql_flexible_server\.Db_[0-9A-F]{8}\.id\}$/;
const ZONE_NAME = "shop.private.postgres.database.azure.com";

/** A stack with a network, the server's private DNS zone and a workspace; `server()` adds the server over the defaults. */
function fixture(region = "westeurope") {
  const f = testStack(region);
  const network = new VirtualNetwork(f.stack, "Network", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.10.0.0/16" });
  const dnsZone = new PrivateDnsZone(f.stack, "PostgresZone", { resourceGroup: f.resourceGroup, zoneName: ZONE_NAME });
  const logAnalytics = new LogAnalytics(f.stack, "Logs", { resourceGroup: f.resourceGroup, namer: f.namer });
  const server = (props: Partial<PostgresFlexibleServerProps> = {}) => new PostgresFlexibleServer(f.stack, "Db", { resourceGroup: f.resourceGroup, namer: f.namer, network, dnsZone, ...props });
  return { ...f, network, dnsZone, logAnalytics, server };
}

function synth(props: Partial<PostgresFlexibleServerProps> = {}, region?: string): string {
  const f = fixture(region);
  f.server(props);
  return Testing.synth(f.stack);
}

function serverResource(props: Partial<PostgresFlexibleServerProps> = {}, region?: string) {
  const servers = resourceList(synth(props, region), "azurerm_postgresql_flexible_server");
  expect(servers).toHaveLength(1);
  return servers[0];
}

/** The northeurope dependencies of a read replica, in the fixture's stack unless a stack is given. */
function replicaOptions(f: ReturnType<typeof fixture>, stack: TerraformStack = f.stack, addressSpace = "10.20.0.0/16"): PostgresReadReplicaOptions {
  const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: "northeurope" });
  const resourceGroup = new ResourceGroup(stack, "ResourceGroupNeu", { name: "rg-shop-prod-neu", location: "northeurope" });
  const network = new VirtualNetwork(stack, "NetworkNeu", { resourceGroup, namer, addressSpace });
  return { resourceGroup, namer, network, dnsZone: f.dnsZone };
}

describe("PostgresFlexibleServer", () => {
  test("synthesizes the default server", () => {
    expect(resourcesOf(synth(), "azurerm_postgresql_flexible_server")).toMatchSnapshot();
  });

  describe("defaults", () => {
    test("names the server with the namer's globally unique name, in the resource group's location", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
        name: expect.stringMatching(/^psql-shop-prod-weu-[a-z0-9]{5}$/),
        location: "${azurerm_resource_group.ResourceGroup.location}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      });
    });

    test("runs PostgreSQL 16", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { version: "16" });
    });

    test("uses General Purpose D4ds_v5", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { sku_name: "GP_Standard_D4ds_v5" });
    });

    test("starts with 128 GiB that grow automatically", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { storage_mb: 131072, auto_grow_enabled: true });
    });

    test("joins the network's delegated database subnet", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { delegated_subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.Network_DatabaseSubnet_[0-9A-F]{8}\.id\}$/) });
    });

    test("registers in the private DNS zone and links it to the network", () => {
      const out = synth();
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServer, { private_dns_zone_id: expect.stringMatching(/^\$\{azurerm_private_dns_zone\.PostgresZone_[0-9A-F]{8}\.id\}$/) });
      expect(out).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, { virtual_network_id: expect.stringMatching(/^\$\{azurerm_virtual_network\.Network_[0-9A-F]{8}\.id\}$/) });
    });

    test("has no public network access", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { public_network_access_enabled: false });
    });

    test("authenticates with Entra ID only", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { authentication: { active_directory_auth_enabled: true, password_auth_enabled: false } });
    });

    test("puts no administrator login or password in Terraform", () => {
      const server = serverResource();
      expect(server).not.toHaveProperty("administrator_login");
      expect(server).not.toHaveProperty("administrator_password");
      expect(server).not.toHaveProperty("administrator_password_wo");
    });

    test("is zone-redundant with the primary in zone 1 and the standby in zone 2", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { zone: "1", high_availability: { mode: "ZoneRedundant", standby_availability_zone: "2" } });
    });

    test("lets Azure swap the zones on failover", () => {
      expect(serverResource().lifecycle).toEqual({ ignore_changes: ["zone", "high_availability[0].standby_availability_zone"], prevent_destroy: true });
    });

    test("keeps backups 35 days, geo-redundantly", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { backup_retention_days: 35, geo_redundant_backup_enabled: true });
    });

    test("is patched on Sundays at 03:00 UTC", () => {
      expect(synth()).toHaveResourceWithProperties(PostgresqlFlexibleServer, { maintenance_window: { day_of_week: 0, start_hour: 3, start_minute: 0 } });
    });

    test("is protected by a delete lock and prevent_destroy", () => {
      expect(synth()).toHaveResourceWithProperties(ManagementLock, { lock_level: "CanNotDelete", scope: expect.stringMatching(SERVER_ID) });
    });

    test("creates no databases, parameters or administrators by itself", () => {
      const out = synth();
      for (const type of ["azurerm_postgresql_flexible_server_database", "azurerm_postgresql_flexible_server_configuration", "azurerm_postgresql_flexible_server_active_directory_administrator", "azurerm_monitor_diagnostic_setting"]) {
        expect(resourceList(out, type)).toHaveLength(0);
      }
    });
  });

  describe("options", () => {
    test("runs on a Burstable SKU without high availability", () => {
      const server = serverResource({ skuName: "B_Standard_B2s", highAvailability: false });
      expect(server.sku_name).toBe("B_Standard_B2s");
      expect(server).not.toHaveProperty("high_availability");
      expect(server.lifecycle).toEqual({ prevent_destroy: true });
    });

    test("places primary and standby in chosen zones", () => {
      expect(synth({ zone: "3", standbyZone: "1" })).toHaveResourceWithProperties(PostgresqlFlexibleServer, { zone: "3", high_availability: { mode: "ZoneRedundant", standby_availability_zone: "1" } });
    });

    test("picks a standby zone other than a chosen primary zone", () => {
      expect(synth({ zone: "2" })).toHaveResourceWithProperties(PostgresqlFlexibleServer, { zone: "2", high_availability: { mode: "ZoneRedundant", standby_availability_zone: "1" } });
    });

    test("takes version, SKU, storage, retention and maintenance overrides", () => {
      expect(
        synth({ version: "15", skuName: "MO_Standard_E8ds_v5", storageMb: 262144, backupRetentionDays: 14, maintenanceWindow: { dayOfWeek: "Saturday", startHour: 1, startMinute: 30 } }),
      ).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
        version: "15",
        sku_name: "MO_Standard_E8ds_v5",
        storage_mb: 262144,
        backup_retention_days: 14,
        maintenance_window: { day_of_week: 6, start_hour: 1, start_minute: 30 },
      });
    });

    test("turns auto-grow and geo-redundant backups off when asked", () => {
      expect(synth({ autoGrowEnabled: false, geoRedundantBackupEnabled: false })).toHaveResourceWithProperties(PostgresqlFlexibleServer, { auto_grow_enabled: false, geo_redundant_backup_enabled: false });
    });

    test("states the tenant for authentication and administrators", () => {
      const f = fixture();
      f.server({ tenantId: TENANT_ID, entraAdministrators: [{ principal: { principalId: ADMIN_ID }, principalName: "db-admins", principalType: "Group" }] });
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServer, { authentication: { active_directory_auth_enabled: true, password_auth_enabled: false, tenant_id: TENANT_ID } });
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServerActiveDirectoryAdministrator, { tenant_id: TENANT_ID });
      expect(out).not.toHaveDataSource(DataAzurermClientConfig);
    });

    test("sends every log category and metric to the workspace, into AzureDiagnostics", () => {
      const f = fixture();
      f.server({ logAnalytics: f.logAnalytics });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
        target_resource_id: expect.stringMatching(SERVER_ID),
        enabled_log: [{ category_group: "allLogs" }],
        enabled_metric: [{ category: "AllMetrics" }],
        log_analytics_destination_type: "AzureDiagnostics",
      });
    });

    test("leaves protection off when asked", () => {
      const out = synth({ protect: false });
      expect(resourceList(out, "azurerm_management_lock")).toHaveLength(0);
      expect(resourceList(out, "azurerm_postgresql_flexible_server")[0].lifecycle).toEqual({ ignore_changes: ["zone", "high_availability[0].standby_availability_zone"] });
    });

    test("uses a name override", () => {
      expect(synth({ name: "psql-orders" })).toHaveResourceWithProperties(PostgresqlFlexibleServer, { name: "psql-orders" });
    });
  });

  describe("administrators, parameters and databases", () => {
    test("adds an Entra administrator in the provider's tenant", () => {
      const f = fixture();
      f.server().addEntraAdministrator({ principalId: ADMIN_ID }, "db-admins", "Group");
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServerActiveDirectoryAdministrator, {
        server_name: expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.Db_[0-9A-F]{8}\.name\}$/),
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        object_id: ADMIN_ID,
        principal_name: "db-admins",
        principal_type: "Group",
        tenant_id: expect.stringMatching(/^\$\{data\.azurerm_client_config\.Db_ClientConfig_[0-9A-F]{8}\.tenant_id\}$/),
      });
    });

    test("adds administrators from props", () => {
      const f = fixture();
      f.server({ entraAdministrators: [{ principal: { principalId: ADMIN_ID }, principalName: "orders-api", principalType: "ServicePrincipal" }] });
      expect(Testing.synth(f.stack)).toHaveResourceWithProperties(PostgresqlFlexibleServerActiveDirectoryAdministrator, { principal_name: "orders-api", principal_type: "ServicePrincipal" });
    });

    test("sets server parameters for logical decoding", () => {
      const f = fixture();
      const db = f.server({ parameters: { wal_level: "logical" } });
      db.addParameter("max_replication_slots", "10");
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServerConfiguration, { name: "wal_level", value: "logical", server_id: expect.stringMatching(SERVER_ID) });
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServerConfiguration, { name: "max_replication_slots", value: "10" });
    });

    test("creates databases in UTF8 with en_US.utf8 collation", () => {
      const f = fixture();
      f.server({ databases: ["orders"] }).addDatabase("inventory_v2");
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServerDatabase, { name: "orders", charset: "UTF8", collation: "en_US.utf8", server_id: expect.stringMatching(SERVER_ID) });
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServerDatabase, { name: "inventory_v2" });
    });

    test("fails when a database name is invalid", () => {
      const f = fixture();
      expectValidationError(() => f.server().addDatabase("2orders"), /^postgres\.databases\.2orders: has an invalid format \(got "2orders"\); use 1-63 letters/);
    });

    test("fails when a database name is too long", () => {
      const f = fixture();
      const name = `a${"b".repeat(63)}`;
      expectValidationError(() => f.server().addDatabase(name), new RegExp(`^postgres\\.databases\\.${name}: has an invalid format`));
    });

    test("fails when a database name is reserved", () => {
      const f = fixture();
      expectValidationError(() => f.server({ databases: ["postgres"] }), /^postgres\.databases\.postgres: is a database Azure or PostgreSQL already owns/);
    });

    test("fails when a database is added twice", () => {
      const f = fixture();
      const db = f.server({ databases: ["orders"] });
      expectValidationError(() => db.addDatabase("orders"), /^postgres\.databases\.orders: is already a database of this server/);
    });

    test("fails when a parameter name is invalid", () => {
      const f = fixture();
      expectValidationError(() => f.server().addParameter("WAL-Level", "logical"), /^postgres\.parameters\.WAL-Level: has an invalid format \(got "WAL-Level"\)/);
    });

    test("fails when a parameter name in props is invalid, before anything is created", () => {
      const f = fixture();
      expectValidationError(() => f.server({ parameters: { "max_wal_senders;": "10" } }), /^postgres\.parameters\.max_wal_senders;: has an invalid format/);
      expect(f.stack.node.tryFindChild("Db")?.node.tryFindChild("Resource")).toBeUndefined();
    });

    test("fails when a parameter is set twice", () => {
      const f = fixture();
      const db = f.server({ parameters: { wal_level: "logical" } });
      expectValidationError(() => db.addParameter("wal_level", "replica"), /^postgres\.parameters\.wal_level: is already set on this server/);
    });

    test("fails when an administrator is added twice", () => {
      const f = fixture();
      const db = f.server();
      db.addEntraAdministrator({ principalId: ADMIN_ID }, "db-admins", "Group");
      expectValidationError(() => db.addEntraAdministrator({ principalId: ADMIN_ID }, "db-admins", "Group"), /^postgres\.entraAdministrators\.db-admins\.principalName: is already an administrator/);
    });

    test("fails when an administrator's object ID is not a GUID", () => {
      const f = fixture();
      expectValidationError(() => f.server().addEntraAdministrator({ principalId: "db-admins" }, "db-admins", "Group"), /^postgres\.entraAdministrators\.db-admins\.principalId: has an invalid format/);
    });
  });

  describe("read replicas", () => {
    test("creates a replica of the primary in another region", () => {
      const f = fixture();
      const options = replicaOptions(f);
      f.server().addReadReplica("neu", options);
      const out = Testing.synth(f.stack);
      expect(out).toHaveResourceWithProperties(PostgresqlFlexibleServer, {
        name: expect.stringMatching(/^psql-shop-replica-prod-neu-[a-z0-9]{5}$/),
        location: "${azurerm_resource_group.ResourceGroupNeu.location}",
        create_mode: "Replica",
        source_server_id: expect.stringMatching(SERVER_ID),
        version: "16",
        sku_name: "GP_Standard_D4ds_v5",
        storage_mb: 131072,
        delegated_subnet_id: expect.stringMatching(/^\$\{azurerm_subnet\.NetworkNeu_DatabaseSubnet_[0-9A-F]{8}\.id\}$/),
        public_network_access_enabled: false,
        zone: "1",
      });
    });

    test("promotes the replica in place when told, ignoring the replica-only arguments from then on", () => {
      const f = fixture();
      f.server().addReadReplica("neu", { ...replicaOptions(f), promoted: true, protect: true });
      const replica = resourceList(Testing.synth(f.stack), "azurerm_postgresql_flexible_server").find((r) => r.create_mode === "Replica");
      expect(replica).toMatchObject({ replication_role: "None", lifecycle: { ignore_changes: ["create_mode", "source_server_id"], prevent_destroy: true } });
    });

    test("leaves a replica's replication role alone by default", () => {
      const f = fixture();
      f.server().addReadReplica("neu", replicaOptions(f));
      const replica = resourceList(Testing.synth(f.stack), "azurerm_postgresql_flexible_server").find((r) => r.create_mode === "Replica");
      expect(replica).not.toHaveProperty("replication_role");
      expect(replica).not.toHaveProperty("lifecycle.ignore_changes");
    });

    test("gives the replica no high availability or backup settings", () => {
      const f = fixture();
      f.server().addReadReplica("neu", replicaOptions(f));
      const replica = resourceList(Testing.synth(f.stack), "azurerm_postgresql_flexible_server").find((r) => r.create_mode === "Replica");
      expect(replica).toBeDefined();
      for (const key of ["high_availability", "backup_retention_days", "geo_redundant_backup_enabled", "authentication"]) expect(replica).not.toHaveProperty(key);
    });

    test("links the DNS zone to the replica's network and protects the replica", () => {
      const f = fixture();
      f.server().addReadReplica("neu", replicaOptions(f));
      const out = Testing.synth(f.stack);
      expect(resourceList(out, "azurerm_private_dns_zone_virtual_network_link")).toHaveLength(2);
      expect(out).toHaveResourceWithProperties(ManagementLock, { scope: expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.Db_ReadReplicaneu_[0-9A-F]{8}\.id\}$/) });
    });

    test("creates the replica in another stack when given a scope", () => {
      const f = fixture();
      const neuStack = new TerraformStack(f.app, "neu");
      const options = replicaOptions(f, neuStack);
      f.server().addReadReplica("neu", { ...options, scope: neuStack });
      expect(resourceList(Testing.synth(neuStack), "azurerm_postgresql_flexible_server")).toHaveLength(1);
      expect(resourceList(Testing.synth(f.stack), "azurerm_postgresql_flexible_server")).toHaveLength(1);
    });

    test("fails when the replica is in the primary's region", () => {
      const f = fixture();
      const network = new VirtualNetwork(f.stack, "Network2", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.30.0.0/16" });
      expectValidationError(
        () => f.server().addReadReplica("same", { resourceGroup: f.resourceGroup, namer: f.namer, network, dnsZone: f.dnsZone }),
        /^postgres\.readReplicas\.same\.region: is the primary's region; a read replica here does not survive a regional outage \(got "westeurope"\); use a namer for another region, e\.g\. "northeurope"/,
      );
    });

    test("fails when the networks overlap", () => {
      const f = fixture();
      expectValidationError(() => f.server().addReadReplica("neu", replicaOptions(f, f.stack, "10.10.0.0/16")), /^postgres\.readReplicas\.neu\.network: overlaps the primary's network 10\.10\.0\.0\/16/);
    });

    test("fails when the replica's storage is smaller than the primary's", () => {
      const f = fixture();
      expectValidationError(() => f.server().addReadReplica("neu", { ...replicaOptions(f), storageMb: 65536 }), /^postgres\.readReplicas\.neu\.storageMb: is smaller than the primary's 131072 MB/);
    });

    test("fails when the primary is Burstable", () => {
      const f = fixture();
      expectValidationError(() => f.server({ skuName: "B_Standard_B2s", highAvailability: false }).addReadReplica("neu", replicaOptions(f)), /^postgres\.readReplicas\.neu: read replicas are not supported on Burstable/);
    });

    test("fails when a sixth replica is added", () => {
      const f = fixture();
      const db = f.server();
      const options = replicaOptions(f);
      for (const id of ["a", "b", "c", "d", "e"]) db.addReadReplica(id, { ...options, name: `psql-shop-replica-${id}` });
      expectValidationError(() => db.addReadReplica("f", { ...options, name: "psql-shop-replica-f" }), 'postgres.readReplicas.f: would be replica number 6, and a flexible server has at most 5 (got "f"); keep at most 5 read replicas per primary (cascading replicas are not built)');
    });

    test("fails when a replica id repeats", () => {
      const f = fixture();
      const db = f.server();
      const options = replicaOptions(f);
      db.addReadReplica("neu", options);
      expectValidationError(() => db.addReadReplica("neu", options), /^postgres\.readReplicas\.neu: is already a read replica/);
    });
  });

  describe("validation", () => {
    test("fails when high availability is requested on a Burstable SKU", () => {
      const f = fixture();
      expectValidationError(
        () => f.server({ skuName: "B_Standard_B2s" }),
        'postgres.highAvailability: is not available on Burstable (B_) SKUs (got "B_Standard_B2s"); use a "GP_" or "MO_" SKU, or set highAvailability to false',
      );
    });

    test("fails when the backup retention is out of range", () => {
      const f = fixture();
      expectValidationError(() => f.server({ backupRetentionDays: 40 }), "postgres.backupRetentionDays: is out of range (got 40); use 7 to 35");
    });

    test("fails when the version is not supported", () => {
      const f = fixture();
      expectValidationError(() => f.server({ version: "17" as never }), 'postgres.version: is not an allowed value (got "17"); use one of "14", "15", "16"');
    });

    test("fails when the version is retired", () => {
      const f = fixture();
      expectValidationError(() => f.server({ version: "13" as never }), /^postgres\.version: is not an allowed value \(got "13"\)/);
    });

    test("fails when the SKU lacks the tier prefix", () => {
      const f = fixture();
      expectValidationError(() => f.server({ skuName: "Standard_D4ds_v5" }), /^postgres\.skuName: is not a flexible server SKU name \(got "Standard_D4ds_v5"\); use "<tier>_<VM size>"/);
    });

    test("fails when the SKU's tier and VM series disagree", () => {
      const f = fixture();
      expectValidationError(() => f.server({ skuName: "GP_Standard_E4ds_v5" }), /^postgres\.skuName: is not a flexible server SKU name \(got "GP_Standard_E4ds_v5"\)/);
    });

    test("fails when the storage size is not offered", () => {
      const f = fixture();
      expectValidationError(() => f.server({ storageMb: 100000 }), /^postgres\.storageMb: is not a storage size Azure offers \(got 100000\); use one of 32768, 65536, 131072/);
    });

    test("fails when the standby zone is the primary's", () => {
      const f = fixture();
      expectValidationError(() => f.server({ zone: "2", standbyZone: "2" }), /^postgres\.standbyZone: is the primary's zone/);
    });

    test("fails when high availability is requested in a region without zones", () => {
      const f = fixture("ukwest");
      expectValidationError(() => f.server(), /^postgres\.highAvailability: zone-redundant high availability needs availability zones, and UK West has none/);
    });

    test("fails when geo-redundant backups are requested in a region without a pair", () => {
      const f = fixture("italynorth");
      expectValidationError(() => f.server(), /^postgres\.geoRedundantBackupEnabled: needs a region with an Azure pair, and Italy North has none/);
    });

    test("fails when the DNS zone is not a postgres.database.azure.com zone", () => {
      const f = fixture();
      const zone = new PrivateDnsZone(f.stack, "OtherZone", { resourceGroup: f.resourceGroup, zoneName: "db.internal.example.com" });
      expectValidationError(() => f.server({ dnsZone: zone }), /^postgres\.dnsZone: must end with "\.postgres\.database\.azure\.com" for a VNet-integrated server \(got "db\.internal\.example\.com"\)/);
    });

    test("fails when the DNS zone is named after the server", () => {
      const f = fixture();
      const zone = new PrivateDnsZone(f.stack, "OtherZone", { resourceGroup: f.resourceGroup, zoneName: "psql-orders.postgres.database.azure.com" });
      expectValidationError(() => f.server({ name: "psql-orders", dnsZone: zone }), /^postgres\.dnsZone: must not be named after the server/);
    });

    test("fails when the maintenance hour is out of range", () => {
      const f = fixture();
      expectValidationError(() => f.server({ maintenanceWindow: { dayOfWeek: "Sunday", startHour: 24 } }), "postgres.maintenanceWindow.startHour: is out of range (got 24); use 0 to 23");
    });

    test("fails when the tenant is not a GUID", () => {
      const f = fixture();
      expectValidationError(() => f.server({ tenantId: "contoso.onmicrosoft.com" }), /^postgres\.tenantId: has an invalid format/);
    });
  });
});
