import { Testing } from "cdktf";
import { ValidationError } from "../../lib/core/errors";
import { RedisCache } from "../../lib/data/redis-cache";
import { EventGridTopic } from "../../lib/messaging/event-grid";
import { ServiceBusNamespace } from "../../lib/messaging/service-bus";
import { StaticPublicIp } from "../../lib/network/public-ip";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { DiagnosticSettings } from "../../lib/observability/diagnostic-settings";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { ManagedPrometheus } from "../../lib/observability/managed-prometheus";
import { suppress } from "../../lib/policy/suppressions";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { buildEnvironment } from "../../stacks/environment";
import { dev } from "../../stacks/environments/dev";
import { prod } from "../../stacks/environments/prod";
import { clusterFixture } from "../aks/fixtures";
import { messagingFixture } from "../messaging/fixtures";
import { testStack } from "../network/fixtures";

/**
 * The validation sweep: bad input across the environment config and the constructs, each failing with a
 * ValidationError whose path names the property to change. Config errors name the config field
 * (`environments.dev.aks.skuTier`); construct errors raised while building a region carry the region's prefix
 * (`environments.dev.regions[0](westeurope).redis.capacity`).
 */
interface BadInput {
  readonly name: string;
  readonly run: () => unknown;
  /** The property path the error must name. */
  readonly path: string;
  /** What the message must say about the problem. */
  readonly problem: RegExp;
}

type Mutable = any;
const copy = <T>(value: T): Mutable => JSON.parse(JSON.stringify(value));
const devWith = (patch: (config: Mutable) => void) => () => {
  const config = copy(dev);
  patch(config);
  return buildEnvironment(Testing.app(), config as EnvironmentConfig);
};
const prodWith = (patch: (config: Mutable) => void) => () => {
  const config = copy(prod);
  patch(config);
  return buildEnvironment(Testing.app(), config as EnvironmentConfig);
};
const DEV = "environments.dev";
const REGION = `${DEV}.regions[0](westeurope)`;

const CONFIG: readonly BadInput[] = [
  { name: "environment name with capitals", run: devWith((c) => (c.name = "Dev")), path: "environments.Dev.name", problem: /use 1-10 lowercase letters and digits/ },
  { name: "one-letter workload", run: devWith((c) => (c.workload = "s")), path: `${DEV}.workload`, problem: /use 2-16 lowercase letters/ },
  { name: "unknown preset", run: devWith((c) => (c.preset = "qa")), path: `${DEV}.preset`, problem: /"dev"\|"staging"\|"prod"/ },
  { name: "no regions", run: devWith((c) => (c.regions = [])), path: `${DEV}.regions`, problem: /name at least one region/ },
  { name: "unknown region", run: devWith((c) => (c.regions[0].name = "moon-1")), path: `${DEV}.regions[0].name`, problem: /is not a supported Azure region \(got "moon-1"\)/ },
  { name: "a region listed twice", run: devWith((c) => c.regions.push({ name: "westeurope", addressSpace: "10.1.0.0/16" })), path: `${DEV}.regions[1].name`, problem: /repeats regions\[0\]/ },
  { name: "overlapping region networks", run: devWith((c) => c.regions.push({ name: "northeurope", addressSpace: "10.0.128.0/17" })), path: `${DEV}.regions[1].addressSpace`, problem: /overlaps environments\.dev\.regions\[0\]\.addressSpace/ },
  { name: "malformed address space", run: devWith((c) => (c.regions[0].addressSpace = "10.0.0.0/33")), path: `${DEV}.regions[0].addressSpace`, problem: /is not a valid CIDR block/ },
  { name: "address space too small for the subnet plan", run: devWith((c) => (c.regions[0].addressSpace = "10.0.0.0/24")), path: `${REGION}.network.addressSpace`, problem: /use a \/8 to \/20 block/ },
  { name: "active-active with one region", run: devWith((c) => (c.failoverMode = "active-active")), path: `${DEV}.failoverMode`, problem: /needs at least two regions/ },
  { name: "production without remote state", run: prodWith((c) => delete c.backend), path: "environments.prod.backend", problem: /is missing for a production environment/ },
  { name: "state storage account name", run: prodWith((c) => (c.backend.storageAccountName = "St_Shop")), path: "environments.prod.backend.storageAccountName", problem: /is not a valid storage_account name/ },
  { name: "state container name", run: prodWith((c) => (c.backend.containerName = "TF")), path: "environments.prod.backend.containerName", problem: /3-63 lowercase letters/ },
  { name: "state subscription ID", run: prodWith((c) => (c.backend.subscriptionId = "abc")), path: "environments.prod.backend.subscriptionId", problem: /a subscription ID \(a GUID\)/ },
  { name: "misspelt field", run: devWith((c) => (c.aks.nodepools = {})), path: `${DEV}.aks.nodepools`, problem: /is not a known field/ },
  { name: "public API server without ranges", run: devWith((c) => (c.aks.apiServer.authorizedIpRanges = [])), path: `${DEV}.aks.apiServer.authorizedIpRanges`, problem: /list at least one CIDR/ },
  { name: "API server open to the internet", run: devWith((c) => (c.aks.apiServer.authorizedIpRanges = ["0.0.0.0/0"])), path: `${REGION}.aks.apiServer.authorizedIpRanges[0]`, problem: /opens the API server to the whole internet/ },
  { name: "admin group that is not a GUID", run: devWith((c) => (c.aks.adminGroupObjectIds = ["admins"])), path: `${DEV}.aks.adminGroupObjectIds[0]`, problem: /Entra ID object ID/ },
  { name: "Kubernetes version", run: devWith((c) => (c.aks.kubernetesVersion = "latest")), path: `${REGION}.aks.kubernetesVersion`, problem: /"1\.<minor>"/ },
  { name: "AKS tier of azurerm 3.x", run: devWith((c) => (c.aks.skuTier = "Paid")), path: `${DEV}.aks.skuTier`, problem: /"Free"\|"Standard"\|"Premium"/ },
  { name: "service CIDR overlapping the network", run: devWith((c) => (c.aks.serviceCidr = "10.0.0.0/16")), path: `${REGION}.aks.serviceCidr`, problem: /overlaps network\.addressSpace/ },
  { name: "pod CIDR too small", run: devWith((c) => (c.aks.podCidr = "192.168.0.0/24")), path: `${REGION}.aks.podCidr`, problem: /use a \/8 to \/23 block/ },
  { name: "GPU pool on a non-GPU size", run: devWith((c) => (c.aks.nodePools = { gpu: { kind: "gpu", vmSize: "Standard_D4ds_v5" } })), path: `${REGION}.aks.nodePools.gpu.vmSize`, problem: /is not a GPU VM size/ },
  { name: "pool minimum above maximum", run: devWith((c) => (c.aks.nodePools = { apps: { minCount: 5, maxCount: 2 } })), path: `${REGION}.aks.nodePools.apps.minCount`, problem: /must not exceed maxCount/ },
  { name: "pool name with capitals", run: devWith((c) => (c.aks.nodePools = { Apps1: {} })), path: `${REGION}.aks.nodePools.Apps1.name`, problem: /1-12 lowercase letters and digits/ },
  { name: "pods per node above the overlay limit", run: devWith((c) => (c.aks.nodePools = { apps: { maxPods: 500 } })), path: `${REGION}.aks.nodePools.apps.maxPods`, problem: /use 10 to 250/ },
  { name: "malformed taint", run: devWith((c) => (c.aks.nodePools = { apps: { taints: ["dedicated"] } })), path: `${REGION}.aks.nodePools.apps.taints[0]`, problem: /"key=value:Effect"/ },
  { name: "zone the region does not have", run: devWith((c) => (c.aks.nodePools = { apps: { zones: ["4"] } })), path: `${REGION}.aks.nodePools.apps.zones[0]`, problem: /is not an availability zone of westeurope/ },
  { name: "spot price on a general pool", run: devWith((c) => (c.aks.nodePools = { apps: { spotMaxPrice: 0.5 } })), path: `${REGION}.aks.nodePools.apps.spotMaxPrice`, problem: /spot settings need kind "spot"/ },
  { name: "system pool VM size", run: devWith((c) => (c.aks.systemPool = { vmSize: "D4" })), path: `${REGION}.aks.systemPool.vmSize`, problem: /an Azure VM size such as "Standard_D4ds_v5"/ },
  { name: "system pool without nodes", run: devWith((c) => (c.aks.systemPool = { minCount: 0 })), path: `${REGION}.aks.systemPool.minCount`, problem: /use 1 to 1000/ },
  { name: "log retention below the SKU minimum", run: devWith((c) => (c.monitoring = { logRetentionDays: 5 })), path: `${REGION}.logAnalytics.retentionDays`, problem: /use 30 to 730/ },
  { name: "Grafana admin that is not a GUID", run: devWith((c) => (c.monitoring = { grafanaAdminObjectIds: ["x"] })), path: `${DEV}.monitoring.grafanaAdminObjectIds[0]`, problem: /Entra ID object ID/ },
  { name: "team name with capitals", run: devWith((c) => (c.teams = [{ name: "Commerce" }])), path: `${DEV}.teams[0].name`, problem: /2-32 lowercase letters/ },
  { name: "a team listed twice", run: devWith((c) => (c.teams = [{ name: "a1" }, { name: "a1" }])), path: `${DEV}.teams[1].name`, problem: /repeats teams\[0\]/ },
  { name: "services without a gateway", run: devWith((c) => delete c.gateway), path: `${DEV}.gateway`, problem: /is missing while teams run services/ },
  { name: "ACME e-mail", run: devWith((c) => (c.gateway.acmeEmail = "ops")), path: `${DEV}.gateway.acmeEmail`, problem: /an e-mail address/ },
  { name: "hostname with an underscore", run: devWith((c) => (c.gateway.hostnames = ["shop_example.com"])), path: `${REGION}.gateway.hostnames[0]`, problem: /is not a valid hostname/ },
  { name: "JWT issuer that is not a URL", run: devWith((c) => (c.gateway.jwt.issuer = "not a url")), path: `${DEV}.gateway.jwt.issuer`, problem: /Invalid URL/ },
  { name: "relative route path", run: devWith((c) => (c.teams[1].services.order.paths = ["order"])), path: `${DEV}.teams[1].services.order.paths[0]`, problem: /an absolute path/ },
  { name: "call to an unknown service", run: devWith((c) => (c.teams[1].services.order.calls = ["billing"])), path: `${DEV}.teams[1].services.order.calls[0]`, problem: /names a service that does not exist/ },
  { name: "unknown queue", run: devWith((c) => (c.teams[1].services.order.uses.sendsTo = ["invoices"])), path: `${DEV}.teams[1].services.order.uses.sendsTo[0]`, problem: /names a queue that does not exist/ },
  { name: "a path routed twice", run: devWith((c) => (c.teams[1].services.payment.paths = ["/order"])), path: `${DEV}.teams[1].services.payment.paths[0]`, problem: /is already routed to order/ },
  { name: "JWT without an issuer", run: devWith((c) => delete c.gateway.jwt), path: `${DEV}.teams[1].services.order.requireJwt`, problem: /needs a JWT issuer/ },
  { name: "unpinned image", run: prodWith((c) => (c.teams[1].services.inventory.image = "inventory")), path: "environments.prod.teams[1].services.inventory.microservice.inventory.image", problem: /neither a tag nor a digest/ },
  { name: "latest tag in production", run: prodWith((c) => (c.teams[1].services.inventory.image = "crshopplatform.azurecr.io/commerce/inventory:latest")), path: "environments.prod.teams[1].services.inventory.microservice.inventory.image", problem: /moving "latest" tag in production/ },
  { name: "image next to a canary strategy", run: prodWith((c) => (c.teams[1].services.order.image = "order:1.0.0")), path: "environments.prod.teams[1].services.order.image", problem: /is set together with the canary strategy/ },
  { name: "canary weight above 100", run: prodWith((c) => (c.teams[1].services.order.strategy.canaryWeight = 150)), path: "environments.prod.teams[1].services.order.microservice.order.strategy.canaryWeight", problem: /use 0 to 100/ },
  { name: "blue-green slot that does not exist", run: prodWith((c) => (c.teams[1].services.payment.strategy.activeSlot = "red")), path: "environments.prod.teams[1].services.payment.strategy.activeSlot", problem: /"blue"\|"green"/ },
  { name: "container port out of range", run: devWith((c) => (c.teams[1].services.order.port = 70000)), path: `${DEV}.teams[1].services.order.microservice.order.port`, problem: /use 1 to 65535/ },
  { name: "rate limit of zero", run: devWith((c) => (c.teams[1].services.order.rateLimitPerMinute = 0)), path: `${DEV}.teams[1].services.order.rateLimitPerMinute`, problem: /expected number to be >0/ },
  { name: "event route to an unknown queue", run: devWith((c) => (c.data.events.topics.payments.subscriptions.email.queue = "mail")), path: `${DEV}.data.events.topics.payments.subscriptions.email.queue`, problem: /names a queue that does not exist/ },
  { name: "event route without an endpoint", run: devWith((c) => delete c.data.events.topics.payments.subscriptions.email.queue), path: `${DEV}.data.events.topics.payments.subscriptions.email`, problem: /has no endpoint/ },
  { name: "blob events on an unknown container", run: devWith((c) => (c.data.events.blobEvents["image-upload"].container = "videos")), path: `${DEV}.data.events.blobEvents.image-upload.container`, problem: /names a container that does not exist/ },
  { name: "queue name with capitals", run: devWith((c) => (c.data.serviceBus.queues["Orders!"] = {})), path: `${DEV}.data.serviceBus.queues.Orders!`, problem: /is not a valid name/ },
  { name: "Redis capacity beyond the C family", run: devWith((c) => (c.data.redis = { capacity: 9 })), path: `${REGION}.redis.capacity`, problem: /is out of range for the C family \(Standard\)/ },
  { name: "clustered Standard cache", run: devWith((c) => (c.data.redis = { shardCount: 2 })), path: `${REGION}.redis.shardCount`, problem: /Basic and Standard caches cannot be clustered/ },
  { name: "Key Vault soft-delete retention", run: devWith((c) => (c.data.keyVault = { softDeleteRetentionDays: 100 })), path: `${REGION}.keyVault.softDeleteRetentionDays`, problem: /use 7 to 90/ },
  { name: "PostgreSQL SKU name", run: devWith((c) => (c.data.postgres.skuName = "Standard_D4")), path: `${REGION}.postgres.skuName`, problem: /is not a flexible server SKU name/ },
  { name: "high availability on Burstable", run: devWith((c) => (c.data.postgres.highAvailability = true)), path: `${REGION}.postgres.highAvailability`, problem: /is not available on Burstable/ },
  { name: "backup retention beyond 35 days", run: devWith((c) => (c.data.postgres.backupRetentionDays = 40)), path: `${REGION}.postgres.backupRetentionDays`, problem: /use 7 to 35/ },
  { name: "storage size Azure does not offer", run: devWith((c) => (c.data.postgres.storageMb = 1000)), path: `${REGION}.postgres.storageMb`, problem: /is not a storage size Azure offers/ },
  { name: "reserved database name", run: devWith((c) => ((c.data.postgres.databases = ["postgres"]), (c.data.cdc.database = "postgres"))), path: `${REGION}.postgres.databases.postgres`, problem: /already owns/ },
  { name: "retired PostgreSQL version", run: devWith((c) => (c.data.postgres.version = "12")), path: `${DEV}.data.postgres.version`, problem: /"14"\|"15"\|"16"/ },
  { name: "storage replication without zones", run: devWith((c) => (c.data.storage.replication = "GRS")), path: `${DEV}.data.storage.replication`, problem: /"LRS"\|"ZRS"\|"GZRS"/ },
  { name: "sessions on a Basic namespace", run: devWith((c) => (c.data.serviceBus.sku = "Basic")), path: `${REGION}.serviceBus.queues.orders.sessions`, problem: /are not available on the Basic sku/ },
  { name: "zero deliveries", run: devWith((c) => (c.data.serviceBus.queues.orders.maxDeliveryCount = 0)), path: `${REGION}.serviceBus.queues.orders.maxDeliveryCount`, problem: /use 1 to 2000/ },
  { name: "Event Hubs throughput units", run: devWith((c) => (c.data.eventHubs.capacity = 50)), path: `${REGION}.eventHubs.throughputUnits`, problem: /use 1 to 40/ },
  { name: "event hub without partitions", run: devWith((c) => (c.data.eventHubs.hubs.analytics.partitionCount = 0)), path: `${REGION}.eventHubs.hubs.analytics.partitionCount`, problem: /use 1 to 32/ },
  { name: "event retention beyond Standard's week", run: devWith((c) => (c.data.eventHubs.hubs.analytics.retentionHours = 1000)), path: `${REGION}.eventHubs.hubs.analytics.retentionHours`, problem: /use 1 to 168/ },
  { name: "reserved consumer group name", run: devWith((c) => (c.data.eventHubs.hubs.analytics.consumerGroups = ["$Default"])), path: `${REGION}.eventHubs.hubs.analytics.consumerGroups.$Default.name`, problem: /is not a valid eventhub_consumer_group name/ },
  { name: "empty cost center", run: devWith((c) => (c.costCenter = "")), path: `${DEV}.costCenter`, problem: /expected string to have >=1 characters/ },
];

const CONSTRUCTS: readonly BadInput[] = [
  {
    name: "virtual network too small",
    run: () => {
      const { stack, resourceGroup, namer } = testStack();
      new VirtualNetwork(stack, "Network", { resourceGroup, namer, addressSpace: "10.0.0.0/24" });
    },
    path: "network.addressSpace",
    problem: /use a \/8 to \/20 block/,
  },
  {
    name: "NSG rule priority below Azure's range",
    run: () => {
      const { stack, resourceGroup, namer } = testStack();
      new VirtualNetwork(stack, "Network", { resourceGroup, namer, addressSpace: "10.10.0.0/16" }).addInboundRule("userNodes", "AllowWeb", { priority: 50, sourceAddressPrefix: "Internet", destinationPortRanges: ["443"] });
    },
    path: "network.subnets.userNodes.rules.AllowWeb.priority",
    problem: /use 100 to 4096/,
  },
  {
    name: "public IP idle timeout",
    run: () => {
      const { stack, resourceGroup, namer } = testStack();
      new StaticPublicIp(stack, "Ip", { resourceGroup, namer, qualifier: "gateway", idleTimeoutMinutes: 60 });
    },
    path: "publicIp.idleTimeoutMinutes",
    problem: /use 4 to 30/,
  },
  {
    name: "log category group Azure does not define",
    run: () => {
      const { stack, resourceGroup, namer } = testStack();
      const workspace = new LogAnalytics(stack, "Logs", { resourceGroup, namer });
      new DiagnosticSettings(stack, "Diag", { targetResourceId: "/subscriptions/x/vaults/kv", workspace, logCategoryGroups: ["everything" as "allLogs"] });
    },
    path: "diagnosticSettings.logCategoryGroups[0]",
    problem: /is not an allowed value/,
  },
  {
    name: "negative daily ingestion cap",
    run: () => {
      const { stack, resourceGroup, namer } = testStack();
      new LogAnalytics(stack, "Logs", { resourceGroup, namer, dailyQuotaGb: -1 });
    },
    path: "logAnalytics.dailyQuotaGb",
    problem: /must be a positive number of GB a day/,
  },
  {
    name: "Grafana setting with Grafana off",
    run: () => {
      const { stack, resourceGroup, namer } = testStack();
      new ManagedPrometheus(stack, "Prom", { resourceGroup, namer, grafanaEnabled: false, grafanaPublicNetworkAccessEnabled: false });
    },
    path: "managedPrometheus.grafanaPublicNetworkAccessEnabled",
    problem: /is set but grafanaEnabled is false/,
  },
  { name: "maintenance window shorter than AKS allows", run: () => clusterFixture({ upgradeMaintenanceWindow: { dayOfWeek: "Sunday", startTime: "02:00", durationHours: 2 } }), path: "aks.upgradeMaintenanceWindow.durationHours", problem: /use 4 to 24/ },
  { name: "cluster-admin scoped to a namespace", run: () => clusterFixture().cluster.grantRbac("Team", "11111111-2222-3333-4444-555555555555", "clusterAdmin", { namespace: "commerce" }), path: "aks.rbac.Team.role", problem: /cannot be scoped to a namespace/ },
  {
    name: "zones on a Standard cache",
    run: () => {
      const f = messagingFixture();
      new RedisCache(f.stack, "Cache", { resourceGroup: f.resourceGroup, namer: f.namer, sku: "Standard", zones: ["1", "2"], publicNetworkAccessEnabled: true });
    },
    path: "redis.zones",
    problem: /Basic and Standard caches cannot use zones/,
  },
  {
    name: "webhook over plain HTTP",
    run: () => {
      const f = messagingFixture();
      const topic = new EventGridTopic(f.stack, "Topic", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network: f.network, dnsZone: f.eventGridZone } });
      topic.addSubscription("hook", { destination: { webhook: { url: "http://hooks.example.com/events" } } });
    },
    path: "eventGrid.subscriptions.hook.destination.webhook.url",
    problem: /must be an https URL/,
  },
  {
    name: "subscription with two filters",
    run: () => {
      const f = messagingFixture();
      const bus = new ServiceBusNamespace(f.stack, "Bus", { resourceGroup: f.resourceGroup, namer: f.namer, sku: "Standard", publicNetworkAccessEnabled: true });
      bus.addTopic("payments").addSubscription("email", { sqlFilter: "amount > 10", correlationFilter: { subject: "paid" } });
    },
    path: "serviceBus.topics.payments.subscriptions.email",
    problem: /has both a SQL filter and a correlation filter/,
  },
  { name: "suppression without a real reason", run: () => suppress(testStack().stack, "AZ-SB-003", "n/a"), path: 'policy.suppressions["AZ-SB-003"].reason', problem: /is too short to explain the exception/ },
];

describe("validation sweep: bad input fails with the property path", () => {
  it("covers at least 40 bad inputs across the config and the constructs", () => {
    expect(CONFIG.length + CONSTRUCTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set([...CONFIG, ...CONSTRUCTS].map((c) => c.name)).size).toBe(CONFIG.length + CONSTRUCTS.length);
  });

  it.each([...CONFIG, ...CONSTRUCTS].map((c) => [c.name, c] as const))("fails on %s", (_name, c) => {
    let thrown: unknown;
    try {
      c.run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    const error = thrown as ValidationError;
    expect(error.path).toBe(c.path);
    expect(error.message.startsWith(`${c.path}: `)).toBe(true);
    expect(error.message).toMatch(c.problem);
    expect(error.message).toMatch(/\(got .*\)/);
  });
});
