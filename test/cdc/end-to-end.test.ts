import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { App, TerraformStack, Testing } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CdcPipeline } from "../../lib/cdc/cdc-pipeline";
import { DebeziumServer } from "../../lib/cdc/debezium-server";
import { ResourceNamer } from "../../lib/core/naming";
import { PostgresFlexibleServer } from "../../lib/data/postgresql-flexible-server";
import { StorageAccount } from "../../lib/data/storage-account";
import { EventHubsNamespace } from "../../lib/messaging/event-hubs";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { ManagedPrometheus } from "../../lib/observability/managed-prometheus";
import { errorsOf, evaluateStack, warningsOf } from "../../lib/policy/engine";
import { DEFAULT_RULES } from "../../lib/policy/rules";
import { Microservice } from "../../lib/workloads/microservice";
import { TeamNamespace } from "../../lib/workloads/team-namespace";
import { ACTION_GROUP, ISSUER } from "./fixtures";

/**
 * The whole CDC path as the blueprints wire it: PostgreSQL, Event Hubs and the pipeline in the platform stack; Debezium
 * and a consumer scaled on its consumer group's lag in the apps stack, joined by cross-stack references.
 */
function buildApp(app: App): { platform: TerraformStack; apps: TerraformStack; pipeline: CdcPipeline; debezium: DebeziumServer; consumer: Microservice } {
  const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: "westeurope" });
  const platform = new TerraformStack(app, "prod-westeurope-platform");
  new AzurermProvider(platform, "azurerm", { features: [{}] });
  const resourceGroup = new ResourceGroup(platform, "ResourceGroup", { name: "rg-shop-prod-weu", location: "westeurope" });
  const network = new VirtualNetwork(platform, "Network", { resourceGroup, namer, addressSpace: "10.10.0.0/16" });
  const dnsZone = new PrivateDnsZone(platform, "PostgresZone", { resourceGroup, zoneName: "shop.private.postgres.database.azure.com" });
  const sbZone = new PrivateDnsZone(platform, "ServiceBusZone", { resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.eventHubs });
  const server = new PostgresFlexibleServer(platform, "Db", { resourceGroup, namer, network, dnsZone, databases: ["shop"] });
  const eventHubs = new EventHubsNamespace(platform, "Streams", { resourceGroup, namer, privateEndpoint: { network, dnsZone: sbZone } });
  const prometheus = new ManagedPrometheus(platform, "Prometheus", { resourceGroup, namer, grafanaEnabled: false });
  const blobZone = new PrivateDnsZone(platform, "BlobZone", { resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.blob });
  const checkpoints = new StorageAccount(platform, "Checkpoints", { resourceGroup, namer, qualifier: "ckpt", privateEndpoints: { blob: { network, dnsZone: blobZone } } });
  const pipeline = new CdcPipeline(platform, "Cdc", {
    server,
    database: "shop",
    tables: ["public.orders", "public.order_lines", "inventory.stock"],
    eventHubs,
    topicPrefix: "shop",
    resourceGroup,
    consumers: ["search", "analytics", "inventory", "notifications", "cache"],
    alerts: { actionGroupIds: [ACTION_GROUP], prometheus, clusterName: "aks-shop-prod-weu" },
  });

  const apps = new TerraformStack(app, "prod-westeurope-apps");
  new AzurermProvider(apps, "azurerm", { features: [{}] });
  new KubernetesProvider(apps, "kubernetes", {});
  const appsGroup = new ResourceGroup(apps, "ResourceGroup", { name: "rg-shop-apps-prod-weu", location: "westeurope" });
  const data = new TeamNamespace(apps, "Data", { team: "data" });
  const debezium = new DebeziumServer(apps, "Debezium", {
    pipeline,
    namespace: data,
    resourceGroup: appsGroup,
    namer,
    oidcIssuerUrl: ISSUER,
    egress: { postgresCidr: network.subnet("database").cidr, eventHubsCidr: network.subnet("privateEndpoints").cidr },
  });
  const search = new TeamNamespace(apps, "Search", { team: "search" });
  const consumer = new Microservice(apps, "SearchIndexer", {
    namespace: search,
    name: "search-indexer",
    image: "myacr.azurecr.io/search-indexer:2.0.1",
    resourceGroup: appsGroup,
    namer,
    oidcIssuerUrl: ISSUER,
    eventHubScaling: {
      eventHubsNamespace: eventHubs.fullyQualifiedNamespace,
      eventHubName: pipeline.hub("public.orders").name,
      consumerGroup: "search",
      checkpointStorageAccountName: checkpoints.name,
      checkpointContainerName: "search-checkpoints",
      partitionCount: 4,
    },
  });
  pipeline.hub("public.orders").grantReceive(consumer.identity);
  return { platform, apps, pipeline, debezium, consumer };
}

/** Synthesizes the app as `cdktf synth` does and returns each stack's cdk.tf.json text. */
function synthApp(): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdc-e2e-"));
  try {
    const app = new App({ outdir, skipValidation: false });
    buildApp(app);
    app.synth();
    const files = new Map<string, string>();
    for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
      files.set(stack, fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    }
    return files;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Strings that only appear where a credential was written into configuration. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  /Endpoint=sb:\/\//i,
  /SharedAccessKey(Name)?=/i,
  /SharedAccessSignature\s+sr=/i,
  /AccountKey=/i,
  /DefaultEndpointsProtocol=/i,
  // A password followed by a literal value; `$(`…`)` reads a token at run time and carries no secret.
  /password\s*[=:]\s*(?!\$\()[^\s",;}]+/i,
  /client_?secret\s*[=:]/i,
  /BEGIN (RSA |EC )?PRIVATE KEY/,
];

describe("CDC end to end", () => {
  let files: Map<string, string>;
  beforeAll(() => {
    files = synthApp();
  });

  test("synthesizes both stacks with their cross-stack references", () => {
    expect([...files.keys()].sort()).toEqual(["prod-westeurope-apps", "prod-westeurope-platform"]);
    const apps = JSON.parse(files.get("prod-westeurope-apps")!);
    const config = Object.values(apps.resource.kubernetes_config_map_v1 as Record<string, { data: Record<string, string> }>)[0].data["application.properties"];
    expect(config).toMatch(/^debezium\.source\.database\.hostname=\$\{data\.terraform_remote_state\.cross-stack-reference-input-prod-westeurope-platform\.outputs\.[A-Za-z0-9_-]+\}$/m);
  });

  test("writes no connection string, account key or password anywhere", () => {
    const found = [...files].flatMap(([stack, json]) => CREDENTIAL_PATTERNS.filter((pattern) => pattern.test(json)).map((pattern) => `${stack}: ${pattern}`));
    expect(found).toEqual([]);
  });

  test("the credential scan finds a planted connection string, key and password (so it can fail)", () => {
    const planted = ['"Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=abc"', '"AccountKey=abc=="', '"debezium.source.database.password=hunter2"'];
    expect(planted.map((text) => CREDENTIAL_PATTERNS.some((pattern) => pattern.test(text)))).toEqual([true, true, true]);
  });

  test("puts the connector's role assignments in the apps stack, scoped to the change hubs", () => {
    const apps = JSON.parse(files.get("prod-westeurope-apps")!);
    const assignments = Object.values(apps.resource.azurerm_role_assignment as Record<string, { role_definition_name: string }>).map((a) => a.role_definition_name).sort();
    expect(assignments).toEqual([...Array(4).fill("Azure Event Hubs Data Sender"), "Azure Event Hubs Data Receiver"].sort());
  });

  test("passes the policy pack with no errors; the only warning on the CDC objects is the Entra ID egress on 443", () => {
    const app = Testing.app();
    const { platform, apps } = buildApp(app);
    const reports = [platform, apps].map((stack) => evaluateStack(stack, DEFAULT_RULES));
    expect(reports.flatMap((r) => errorsOf(r).map((f) => `${f.ruleId} ${f.resource}: ${f.detail}`))).toEqual([]);
    const cdcWarnings = reports.flatMap((r) => warningsOf(r)).filter((f) => /Debezium|Cdc/.test(f.path));
    expect(cdcWarnings.map((f) => `${f.ruleId} ${f.resource}`)).toEqual([expect.stringMatching(/^AZ-K8S-013 kubernetes_network_policy_v1\.Debezium_NetworkPolicy_[0-9A-F]{8}$/)]);
  });
});
