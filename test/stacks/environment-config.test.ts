import { ValidationError } from "../../lib/core/errors";
import { EnvironmentConfig, parseEnvironmentConfig } from "../../stacks/config/environment-config";
import { resolveEnvironment } from "../../stacks/config/resolve";
import { PRESETS } from "../../stacks/config/presets";
import { dev } from "../../stacks/environments/dev";
import { prod } from "../../stacks/environments/prod";
import { staging } from "../../stacks/environments/staging";

const base: EnvironmentConfig = {
  name: "test",
  workload: "shop",
  preset: "staging",
  ownerTeam: "platform",
  costCenter: "cc-1",
  regions: [{ name: "westeurope", addressSpace: "10.0.0.0/16" }],
};

function expectInvalid(config: unknown, message: string | RegExp): void {
  let caught: unknown;
  try {
    parseEnvironmentConfig(config);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as Error).message).toMatch(message);
}

describe("parseEnvironmentConfig", () => {
  it("accepts the default environments unchanged", () => {
    expect(parseEnvironmentConfig(dev)).toEqual(dev);
    expect(parseEnvironmentConfig(prod)).toEqual(prod);
  });

  it("fails when a field name is misspelt", () => {
    expectInvalid({ ...base, regoins: [] }, 'environment.regoins: is not a known field (got "regoins"); Unrecognized key: "regoins"');
  });

  it("fails when a nested field name is misspelt", () => {
    expectInvalid({ ...base, aks: { nodePools: { apps: { minCont: 2 } } } }, /^environment\.aks\.nodePools\.apps\.minCont: is not a known field/);
  });

  it("fails when the environment name has uppercase letters", () => {
    expectInvalid({ ...base, name: "Prod" }, 'environment.name: is invalid (got "Prod"); use 1-10 lowercase letters and digits, starting with a letter');
  });

  it("fails when the preset is unknown", () => {
    expectInvalid({ ...base, preset: "production" }, /^environment\.preset: is invalid \(got "production"\); Invalid option: expected one of "dev"\|"staging"\|"prod"$/);
  });

  it("fails when there is no region", () => {
    expectInvalid({ ...base, regions: [] }, /^environment\.regions: is invalid \(got \[\]\); name at least one region$/);
  });

  it("fails when a region is unknown, suggesting the programmatic name", () => {
    expectInvalid({ ...base, regions: [{ name: "West Europe", addressSpace: "10.0.0.0/16" }] }, /^environment\.regions\[0\]\.name: is not a supported Azure region \(got "West Europe"\); did you mean "westeurope"\?/);
  });

  it("fails when a region is listed twice", () => {
    expectInvalid(
      { ...base, regions: [{ name: "westeurope", addressSpace: "10.0.0.0/16" }, { name: "westeurope", addressSpace: "10.1.0.0/16" }] },
      'environment.regions[1].name: repeats regions[0] (got "westeurope"); list each region once',
    );
  });

  it("fails when the regions' address spaces overlap", () => {
    expectInvalid(
      { ...base, regions: [{ name: "westeurope", addressSpace: "10.0.0.0/16" }, { name: "northeurope", addressSpace: "10.0.128.0/17" }] },
      'environment.regions[1].addressSpace: overlaps environment.regions[0].addressSpace (10.0.0.0/16) (got "10.0.128.0/17"); choose address ranges that do not overlap',
    );
  });

  it("fails when an address space is not a CIDR", () => {
    expectInvalid({ ...base, regions: [{ name: "westeurope", addressSpace: "10.0.0.0" }] }, /^environment\.regions\[0\]\.addressSpace: is not a valid CIDR block \(got "10\.0\.0\.0"\)/);
  });

  it("fails when active-active has one region", () => {
    expectInvalid({ ...base, failoverMode: "active-active" }, 'environment.failoverMode: needs at least two regions (got "active-active"); add a second region (e.g. the pair of westeurope) or drop failoverMode');
  });

  it("fails when a production environment names no backend", () => {
    expectInvalid({ ...base, preset: "prod" }, /^environment\.backend: is missing for a production environment \(got undefined\)/);
  });

  it("fails when the backend storage account name breaks Azure's rules", () => {
    expectInvalid(
      { ...base, backend: { resourceGroupName: "rg-state", storageAccountName: "st-state", containerName: "tfstate" } },
      /^environment\.backend\.storageAccountName: is not a valid storage_account name \(got "st-state"\); Azure allows 3-24 characters/,
    );
  });

  it("fails when the API server is public without ranges", () => {
    expectInvalid({ ...base, aks: { apiServer: { mode: "public", authorizedIpRanges: [] } } }, /^environment\.aks\.apiServer\.authorizedIpRanges: is invalid \(got \[\]\); list at least one CIDR$/);
  });

  it("fails when an admin group is not a GUID", () => {
    expectInvalid({ ...base, aks: { adminGroupObjectIds: ["platform-admins"] } }, 'environment.aks.adminGroupObjectIds[0]: is invalid (got "platform-admins"); use an Entra ID object ID (a GUID)');
  });

  it("fails when two teams share a name", () => {
    expectInvalid({ ...base, teams: [{ name: "payments" }, { name: "payments" }] }, 'environment.teams[1].name: repeats teams[0] (got "payments"); give every team its own name');
  });
});

describe("data config", () => {
  const data = {
    serviceBus: { queues: { orders: {} } },
    eventHubs: { hubs: { analytics: {} } },
    storage: { containers: ["images"] },
  };

  it("fails when an event subscription has no endpoint", () => {
    expectInvalid(
      { ...base, data: { ...data, events: { topics: { payments: { subscriptions: { email: { eventTypes: ["payment_success"] } } } } } } },
      'environment.data.events.topics.payments.subscriptions.email: has no endpoint (got {"eventTypes":["payment_success"]}); name exactly one of queue or eventHub',
    );
  });

  it("fails when an event subscription names two endpoints", () => {
    expectInvalid(
      { ...base, data: { ...data, events: { topics: { payments: { subscriptions: { email: { queue: "orders", eventHub: "analytics" } } } } } } },
      /^environment\.data\.events\.topics\.payments\.subscriptions\.email: names more than one endpoint/,
    );
  });

  it("fails when a subscription names a queue that does not exist", () => {
    expectInvalid(
      { ...base, data: { ...data, events: { topics: { payments: { subscriptions: { email: { queue: "emails" } } } } } } },
      'environment.data.events.topics.payments.subscriptions.email.queue: names a queue that does not exist (got "emails"); use one of the queues in data.serviceBus.queues (orders)',
    );
  });

  it("fails when blob events watch a container that does not exist", () => {
    expectInvalid(
      { ...base, data: { ...data, events: { blobEvents: { uploads: { container: "photos", subscriptions: { resize: { queue: "orders" } } } } } } },
      'environment.data.events.blobEvents.uploads.container: names a container that does not exist (got "photos"); add it to data.storage.containers (images)',
    );
  });

  it("fails when an event route lists no event types", () => {
    expectInvalid(
      { ...base, data: { ...data, events: { topics: { payments: { subscriptions: { email: { queue: "orders", eventTypes: [] } } } } } } },
      "environment.data.events.topics.payments.subscriptions.email.eventTypes: is invalid (got []); list at least one event type, or drop the field to receive every type",
    );
  });

  it("fails when a queue name has uppercase letters", () => {
    expectInvalid(
      { ...base, data: { serviceBus: { queues: { Orders: {} } } } },
      'environment.data.serviceBus.queues.Orders: is not a valid name (got "Orders"); use 2-50 lowercase letters, digits and hyphens, starting with a letter',
    );
  });

  it("fails when the storage replication is not one the library offers", () => {
    expectInvalid({ ...base, data: { storage: { replication: "RAGRS" } } }, /^environment\.data\.storage\.replication: is invalid \(got "RAGRS"\); Invalid option: expected one of "LRS"\|"ZRS"\|"GZRS"$/);
  });
});

describe("resolveEnvironment", () => {
  it("takes the preset's values where the config is silent", () => {
    const resolved = resolveEnvironment(base);
    expect(resolved.aks.skuTier).toBe(PRESETS.staging.aks.skuTier);
    expect(resolved.aks.systemPool).toEqual(PRESETS.staging.aks.systemPool);
    expect(resolved.monitoring.logRetentionDays).toBe(30);
    expect(resolved.failoverMode).toBeUndefined();
    expect(resolved.uniqueSeed).toBe("shop");
    expect(resolved.tags).toEqual({ environment: "test", ownerTeam: "platform", costCenter: "cc-1" });
  });

  it("merges node pool overrides field by field and adds new pools", () => {
    const resolved = resolveEnvironment({ ...base, aks: { nodePools: { apps: { maxCount: 50 }, gpu: { kind: "gpu" } } } });
    expect(resolved.aks.nodePools.apps).toEqual({ ...PRESETS.staging.aks.nodePools.apps, maxCount: 50 });
    expect(resolved.aks.nodePools.gpu).toEqual({ kind: "gpu" });
  });

  it("defaults a multi-region environment to active-passive", () => {
    const resolved = resolveEnvironment({ ...base, regions: [...base.regions, { name: "northeurope", addressSpace: "10.1.0.0/16" }] });
    expect(resolved.failoverMode).toBe("active-passive");
  });

  it("prefixes errors with the environment name", () => {
    expect(() => resolveEnvironment({ ...base, preset: "prod" })).toThrow(/^environments\.test\.backend: is missing/);
  });
});

describe("failover and edge config", () => {
  const TWO = [
    { name: "westeurope", addressSpace: "10.0.0.0/16" },
    { name: "northeurope", addressSpace: "10.1.0.0/16" },
  ];
  const gateway = { hostnames: ["shop.example.com"], acmeEmail: "ops@example.com", dnsZone: { name: "example.com", resourceGroupName: "rg-dns" } };
  const multi: EnvironmentConfig = { ...base, regions: TWO, failoverMode: "active-passive", gateway, data: { postgres: { skuName: "GP_Standard_D2ds_v5" } } };
  /** Active-active runs without PostgreSQL: a database is writable in the primary region only. */
  const aa: EnvironmentConfig = { ...multi, failoverMode: "active-active", data: { postgres: { enabled: false } } };

  it("accepts staging and its two regions", () => {
    expect(() => resolveEnvironment(staging)).not.toThrow();
  });

  it("fails when active-passive has one region", () => {
    expectInvalid({ ...base, failoverMode: "active-passive" }, /^environment\.failoverMode: needs at least two regions \(got "active-passive"\)/);
  });

  it("fails when a weight is below 1", () => {
    expectInvalid({ ...aa, regions: [{ ...TWO[0], weight: 0 }, TWO[1]] }, "environment.regions[0].weight: is outside the weights Front Door and Traffic Manager accept (got 0); use 1 to 1000");
  });

  it("fails when a weight is above 1000", () => {
    expectInvalid({ ...aa, regions: [TWO[0], { ...TWO[1], weight: 1001 }] }, "environment.regions[1].weight: is outside the weights Front Door and Traffic Manager accept (got 1001); use 1 to 1000");
  });

  it("fails when a weight is given outside active-active", () => {
    expectInvalid({ ...multi, failoverMode: "active-passive", regions: [{ ...TWO[0], weight: 500 }, TWO[1]] }, /^environment\.regions\[0\]\.weight: only applies under failoverMode "active-active" \(the mode is "active-passive"\)/);
  });

  it("fails when a priority is above 5", () => {
    expectInvalid({ ...multi, failoverMode: "active-passive", regions: [TWO[0], { ...TWO[1], priority: 6 }] }, "environment.regions[1].priority: is outside the origin priorities Front Door accepts (got 6); use 1 to 5 (1 serves first)");
  });

  it("fails when a priority is below 1", () => {
    expectInvalid({ ...multi, failoverMode: "active-passive", regions: [{ ...TWO[0], priority: 0 }, TWO[1]] }, /^environment\.regions\[0\]\.priority: is outside the origin priorities Front Door accepts \(got 0\)/);
  });

  it("fails when a secondary region would serve before the primary", () => {
    expectInvalid({ ...multi, failoverMode: "active-passive", regions: [{ ...TWO[0], priority: 2 }, { ...TWO[1], priority: 1 }] }, /^environment\.regions\[1\]\.priority: serves before or with the primary region \(priority 2\)/);
  });

  it("fails when a priority is given outside active-passive", () => {
    expectInvalid({ ...aa, regions: [TWO[0], { ...TWO[1], priority: 2 }] }, /^environment\.regions\[1\]\.priority: only applies under failoverMode "active-passive" \(the mode is "active-active"\)/);
  });

  it("fails when a staging or production region has no availability zones", () => {
    expectInvalid({ ...multi, regions: [TWO[0], { name: "ukwest", addressSpace: "10.1.0.0/16" }] }, /^environment\.regions\[1\]\.name: has no availability zones, which the staging preset requires for its node pools and data stores \(got "ukwest"\)/);
  });

  it("allows a region without zones on the dev preset", () => {
    expect(() => parseEnvironmentConfig({ ...base, preset: "dev", regions: [{ name: "ukwest", addressSpace: "10.0.0.0/16" }] })).not.toThrow();
  });

  it("fails when several regions behind the edge have no DNS zone for their certificates", () => {
    const { dnsZone: _zone, ...withoutZone } = gateway;
    expectInvalid({ ...multi, gateway: withoutZone }, /^environment\.gateway\.dnsZone: is missing: through Front Door \(the default for a public gateway\) an HTTP-01 challenge reaches one region only/);
    expectInvalid({ ...multi, gateway: withoutZone, edge: { type: "traffic-manager" } }, /^environment\.gateway\.dnsZone: is missing: through the traffic-manager edge/);
  });

  it("lets one region behind the edge get its certificate over HTTP-01", () => {
    const { dnsZone: _zone, ...withoutZone } = gateway;
    expect(() => parseEnvironmentConfig({ ...base, gateway: withoutZone })).not.toThrow();
  });

  it("fails when Traffic Manager's priority routing gets two regions of one priority", () => {
    const three = [...TWO, { name: "swedencentral", addressSpace: "10.2.0.0/16" }];
    expectInvalid(
      { ...multi, regions: [three[0], { ...three[1], priority: 2 }, { ...three[2], priority: 2 }], edge: { type: "traffic-manager" } },
      "environment.regions[2].priority: repeats regions[1]'s priority, and Traffic Manager needs one priority per endpoint (got 2); give every region its own priority",
    );
  });

  it("lets Front Door origins share a priority", () => {
    const three = [...TWO, { name: "swedencentral", addressSpace: "10.2.0.0/16" }];
    expect(() => parseEnvironmentConfig({ ...multi, regions: [three[0], { ...three[1], priority: 2 }, { ...three[2], priority: 2 }] })).not.toThrow();
  });

  it("fails when the edge's home region is not a region of the environment", () => {
    expectInvalid({ ...multi, edge: { type: "front-door", homeRegion: "swedencentral" } }, 'environment.edge.homeRegion: is not one of the environment\'s regions (got "swedencentral"); use one of westeurope, northeurope');
  });

  it("homes the edge in the last region unless pinned", () => {
    expect(resolveEnvironment(multi).edge).toMatchObject({ homeRegion: "northeurope" });
    expect(resolveEnvironment({ ...multi, edge: { type: "front-door", homeRegion: "westeurope" } }).edge).toMatchObject({ homeRegion: "westeurope" });
  });

  it("fails when several public regions without an edge have no DNS zone for their certificates", () => {
    const { dnsZone: _zone, ...withoutZone } = gateway;
    expectInvalid({ ...multi, gateway: withoutZone, edge: { type: "none" } }, /^environment\.gateway\.dnsZone: is missing: through the hostname's DNS record an HTTP-01 challenge reaches one region only/);
  });

  it("fails when the edge fronts an internal gateway", () => {
    expectInvalid({ ...multi, gateway: { ...gateway, exposure: "internal" }, edge: { type: "front-door" } }, /^environment\.edge: needs public regional gateways as origins, and gateway\.exposure is "internal"/);
  });

  it("fails when the edge has no gateway to send traffic to", () => {
    expectInvalid({ ...base, edge: { type: "front-door" } }, /^environment\.edge: has no origins: the environment runs no gateway/);
  });

  it("fails when a public gateway behind the default edge has two hostnames", () => {
    expectInvalid({ ...multi, gateway: { ...gateway, hostnames: ["shop.example.com", "api.example.com"] } }, /^environment\.gateway\.hostnames: must be exactly one hostname without a wildcard behind the global edge \(Front Door, the default for a public gateway\)/);
  });

  it("allows two hostnames without an edge", () => {
    expect(() => parseEnvironmentConfig({ ...multi, gateway: { ...gateway, hostnames: ["shop.example.com", "api.example.com"] }, edge: { type: "none" } })).not.toThrow();
  });

  it("fails when the probe path is relative", () => {
    expectInvalid({ ...multi, edge: { type: "front-door", probePath: "healthz" } }, /^environment\.edge\.probePath: is not an absolute path \(got "healthz"\)/);
  });

  it("fails when Traffic Manager routes by priority under active-active", () => {
    expectInvalid({ ...aa, edge: { type: "traffic-manager", routing: "Priority" } }, /^environment\.edge\.routing: sends all traffic to one region, which contradicts failoverMode "active-active"/);
  });

  it("fails when Traffic Manager routes by performance under active-passive", () => {
    expectInvalid({ ...multi, edge: { type: "traffic-manager", routing: "Performance" } }, /^environment\.edge\.routing: spreads traffic over every region, which failoverMode "active-passive" does not run \(got "Performance"\)/);
  });

  it("fails when active-active would send writes to regions whose database is a read-only replica", () => {
    expectInvalid({ ...multi, failoverMode: "active-active" }, /^environment\.failoverMode: serves writes in every region, and PostgreSQL is writable in the primary region only/);
  });

  it("fails when the promoted replica is not in a secondary region", () => {
    expect(() => resolveEnvironment({ ...multi, data: { ...multi.data, postgres: { ...multi.data!.postgres, promotedReplica: "westeurope" } } })).toThrow(
      'environments.test.data.postgres.promotedReplica: is not a secondary region holding a read replica (got "westeurope"); use one of northeurope',
    );
  });

  it("fails when Traffic Manager routes by weight under active-passive", () => {
    expectInvalid({ ...multi, failoverMode: "active-passive", edge: { type: "traffic-manager", routing: "Weighted" } }, /^environment\.edge\.routing: spreads traffic over every region, which failoverMode "active-passive" does not run/);
  });

  it("fails when an edge type is unknown", () => {
    expectInvalid({ ...multi, edge: { type: "cloudflare" } }, /^environment\.edge\.type: is invalid \(got "cloudflare"\)/);
  });

  it("fails when backup-restore would restore a database without geo-redundant backups", () => {
    expect(() => resolveEnvironment({ ...multi, failoverMode: "backup-restore", data: { postgres: { geoRedundantBackup: false }, storage: { replication: "GZRS" } } })).toThrow(
      /^environments\.test\.data\.postgres\.geoRedundantBackup: is off, and failoverMode "backup-restore" restores the database from backups in the paired region/,
    );
  });

  it("fails when backup-restore has no storage copy in another region", () => {
    expect(() => resolveEnvironment({ ...multi, failoverMode: "backup-restore", data: { postgres: { geoRedundantBackup: true } } })).toThrow('environments.test.data.storage.replication: keeps no copy in another region, and failoverMode "backup-restore" recovers from the paired region (got "ZRS"); use "GZRS"');
  });

  it("fails when a second serving region would need a replica of a Burstable server", () => {
    expect(() => resolveEnvironment({ ...multi, data: { postgres: { skuName: "B_Standard_B2s" } } })).toThrow(/^environments\.test\.data\.postgres\.skuName: is Burstable, which cannot have the read replica a second serving region \(failoverMode "active-passive"\) holds/);
  });

  it("fails when more secondary regions would need read replicas than a server can have", () => {
    const regions = ["westeurope", "northeurope", "swedencentral", "germanywestcentral", "francecentral", "uksouth", "italynorth"].map((name, i) => ({ name, addressSpace: `10.${i}.0.0/16`, priority: i === 0 ? 1 : 2 }));
    expect(() => resolveEnvironment({ ...multi, regions })).toThrow(/^environments\.test\.regions: gives the database 6 secondary regions, each with a read replica, and a flexible server has at most 5 \(got 7\)/);
  });

  it("fails when Redis geo-replication is asked for without Premium", () => {
    expect(() => resolveEnvironment({ ...multi, data: { ...multi.data, redis: { sku: "Standard", geoReplication: true } } })).toThrow(/^environments\.test\.data\.redis\.geoReplication: needs Premium caches, and the cache is Standard/);
  });

  it("fails when Redis geo-replication is asked for with one region", () => {
    expect(() => resolveEnvironment({ ...base, data: { redis: { geoReplication: true } } })).toThrow(/^environments\.test\.data\.redis\.geoReplication: needs a second serving region, and failoverMode is unset \(one region\)/);
  });

  it("defaults the edge to Front Door for a public gateway: Premium and Prevention on staging, Standard and Detection on dev", () => {
    expect(resolveEnvironment(multi).edge).toMatchObject({ type: "front-door", sku: "Premium", wafMode: "Prevention", probePath: "/healthz", customDomains: true });
    expect(resolveEnvironment({ ...multi, preset: "dev", regions: [TWO[0]], failoverMode: undefined, data: {} }).edge).toMatchObject({ type: "front-door", sku: "Standard", wafMode: "Detection" });
  });

  it("has no edge without a public gateway, or when told", () => {
    expect(resolveEnvironment(base).edge).toBeUndefined();
    expect(resolveEnvironment({ ...multi, edge: { type: "none" } }).edge).toBeUndefined();
  });

  it("defaults Traffic Manager's routing from the failover mode", () => {
    expect(resolveEnvironment({ ...aa, edge: { type: "traffic-manager" } }).edge).toMatchObject({ type: "traffic-manager", routing: "Weighted", dnsTtlSeconds: 30 });
    expect(resolveEnvironment({ ...multi, failoverMode: "active-passive", edge: { type: "traffic-manager" } }).edge).toMatchObject({ routing: "Priority" });
  });
});
