import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { Construct } from "constructs";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { StackFixture, testStack } from "../network/fixtures";

export { expectValidationError, resourceList, resourceNamed, resourcesOf } from "../network/fixtures";

/** A stack with a network, the private DNS zones of the messaging services and a Log Analytics workspace. */
export interface MessagingFixture extends StackFixture {
  readonly network: VirtualNetwork;
  readonly logAnalytics: LogAnalytics;
  /** `privatelink.servicebus.windows.net` (Service Bus and Event Hubs). */
  readonly serviceBusZone: PrivateDnsZone;
  /** `privatelink.eventgrid.azure.net`. */
  readonly eventGridZone: PrivateDnsZone;
}

/** Builds a {@link MessagingFixture} in `region` (West Europe unless told). */
export function messagingFixture(region?: string): MessagingFixture {
  const base = testStack(region);
  const { stack, resourceGroup, namer } = base;
  const network = new VirtualNetwork(stack, "Network", { resourceGroup, namer, addressSpace: "10.10.0.0/16" });
  const logAnalytics = new LogAnalytics(stack, "Logs", { resourceGroup, namer });
  const serviceBusZone = new PrivateDnsZone(stack, "ServiceBusZone", { resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.serviceBus });
  const eventGridZone = new PrivateDnsZone(stack, "EventGridZone", { resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.eventGrid });
  return { ...base, network, logAnalytics, serviceBusZone, eventGridZone };
}

/** A user-assigned identity to grant roles to. */
export function identity(scope: Construct, id: string, f: StackFixture): UserAssignedIdentity {
  return new UserAssignedIdentity(scope, id, { name: `id-${id.toLowerCase()}`, location: f.resourceGroup.location, resourceGroupName: f.resourceGroup.name });
}

/** Matches a Terraform reference `${<type>.<path>_<HASH>.<attribute>}` to a resource created under construct path `path`. */
export function ref(type: string, path: string, attribute: string): unknown {
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return expect.stringMatching(new RegExp(`^\\$\\{${escaped(type)}\\.${escaped(path)}_[0-9A-F]{8}\\.${escaped(attribute)}\\}$`));
}

/** A storage account reference by literal ID. */
export function storageAccount(name: string): { readonly id: string } {
  return { id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop-prod/providers/Microsoft.Storage/storageAccounts/${name}` };
}
