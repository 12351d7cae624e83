import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { CdcPipeline, CdcPipelineProps } from "../../lib/cdc/cdc-pipeline";
import { DebeziumServer, DebeziumServerProps } from "../../lib/cdc/debezium-server";
import { PostgresFlexibleServer, PostgresFlexibleServerProps } from "../../lib/data/postgresql-flexible-server";
import { EventHubsNamespace, EventHubsNamespaceProps } from "../../lib/messaging/event-hubs";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { TeamNamespace } from "../../lib/workloads/team-namespace";
import { StackFixture, testStack } from "../network/fixtures";

export { expectValidationError, resourceList, resourceNamed, resourcesOf } from "../network/fixtures";

export const ISSUER = "https://westeurope.oic.prod-aks.azure.com/11111111-2222-3333-4444-555555555555/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/";
export const ACTION_GROUP = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.Insights/actionGroups/ag-oncall";

/** A stack with a network, a PostgreSQL server with database `shop`, an Event Hubs namespace and the kubernetes provider. */
export interface CdcFixture extends StackFixture {
  readonly network: VirtualNetwork;
  readonly server: PostgresFlexibleServer;
  readonly eventHubs: EventHubsNamespace;
  /** A CdcPipeline `Cdc` over the defaults (tables public.orders and public.order_lines, prefix "shop"). */
  readonly pipeline: (props?: Partial<CdcPipelineProps>) => CdcPipeline;
  /** A team namespace `data` and a DebeziumServer `Debezium` for `pipeline` over the defaults. */
  readonly debezium: (pipeline: CdcPipeline, props?: Partial<DebeziumServerProps>) => DebeziumServer;
}

export function cdcFixture(options: { server?: Partial<PostgresFlexibleServerProps>; eventHubs?: Partial<EventHubsNamespaceProps> } = {}): CdcFixture {
  const f = testStack();
  new KubernetesProvider(f.stack, "kubernetes", {});
  const network = new VirtualNetwork(f.stack, "Network", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.10.0.0/16" });
  const dnsZone = new PrivateDnsZone(f.stack, "PostgresZone", { resourceGroup: f.resourceGroup, zoneName: "shop.private.postgres.database.azure.com" });
  const sbZone = new PrivateDnsZone(f.stack, "ServiceBusZone", { resourceGroup: f.resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.serviceBus });
  const server = new PostgresFlexibleServer(f.stack, "Db", { resourceGroup: f.resourceGroup, namer: f.namer, network, dnsZone, databases: ["shop"], ...options.server });
  const eventHubs = new EventHubsNamespace(f.stack, "Streams", { resourceGroup: f.resourceGroup, namer: f.namer, privateEndpoint: { network, dnsZone: sbZone }, ...options.eventHubs });
  const pipeline = (props: Partial<CdcPipelineProps> = {}) =>
    new CdcPipeline(f.stack, "Cdc", { server, database: "shop", tables: ["public.orders", "public.order_lines"], eventHubs, topicPrefix: "shop", resourceGroup: f.resourceGroup, ...props });
  const debezium = (p: CdcPipeline, props: Partial<DebeziumServerProps> = {}) => {
    const namespace = new TeamNamespace(f.stack, "DataTeam", { team: "data" });
    return new DebeziumServer(f.stack, "Debezium", {
      pipeline: p,
      namespace,
      resourceGroup: f.resourceGroup,
      namer: f.namer,
      oidcIssuerUrl: ISSUER,
      egress: { postgresCidr: network.subnet("database").cidr, eventHubsCidr: network.subnet("privateEndpoints").cidr },
      ...props,
    });
  };
  return { ...f, network, server, eventHubs, pipeline, debezium };
}
