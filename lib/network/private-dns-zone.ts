import { Construct } from "constructs";
import { PrivateDnsZone as AzPrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { validatePattern } from "../core/validate";
import { VirtualNetwork } from "./virtual-network";

/**
 * The private DNS zones Azure uses for private endpoints of the services this library builds
 * (https://learn.microsoft.com/azure/private-link/private-endpoint-dns).
 */
export const PRIVATE_DNS_ZONE_NAMES = {
  keyVault: "privatelink.vaultcore.azure.net",
  redis: "privatelink.redis.cache.windows.net",
  managedRedis: "privatelink.redis.azure.net",
  postgresql: "privatelink.postgres.database.azure.com",
  blob: "privatelink.blob.core.windows.net",
  queue: "privatelink.queue.core.windows.net",
  serviceBus: "privatelink.servicebus.windows.net",
  eventHubs: "privatelink.servicebus.windows.net",
  eventGrid: "privatelink.eventgrid.azure.net",
  containerRegistry: "privatelink.azurecr.io",
  monitor: "privatelink.monitor.azure.com",
  grafana: "privatelink.grafana.azure.com",
} as const;

/** The private DNS zone of a private AKS API server in `region`. */
export function aksPrivateDnsZoneName(region: string): string {
  return `privatelink.${region}.azmk8s.io`;
}

/** Props for {@link PrivateDnsZone}. */
export interface PrivateDnsZoneProps {
  /** Resource group the zone lives in. */
  readonly resourceGroup: ResourceGroup;
  /** DNS name of the zone, usually one of {@link PRIVATE_DNS_ZONE_NAMES}. */
  readonly zoneName: string;
  /**
   * Networks whose resolvers answer from this zone.
   * @default - none; link later with `linkVirtualNetwork`
   */
  readonly virtualNetworks?: VirtualNetwork[];
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A private DNS zone linked to one or more virtual networks, so names of private endpoints resolve to private
 * addresses inside them. Auto-registration of VM records is off: only private endpoints write records.
 */
export class PrivateDnsZone extends Construct {
  /** The L1 zone, as an escape hatch. */
  public readonly zone: AzPrivateDnsZone;
  private readonly resourceGroup: ResourceGroup;
  private readonly linked = new Set<string>();

  constructor(scope: Construct, id: string, props: PrivateDnsZoneProps) {
    super(scope, id);
    validatePattern("privateDnsZone.zoneName", props.zoneName, DNS_NAME, 'use a lowercase DNS name such as "privatelink.vaultcore.azure.net"');
    this.resourceGroup = props.resourceGroup;
    this.zone = new AzPrivateDnsZone(this, "Resource", { name: props.zoneName, resourceGroupName: props.resourceGroup.name });
    for (const network of props.virtualNetworks ?? []) this.linkVirtualNetwork(network);
  }

  /** The zone's resource ID. */
  public get id(): string {
    return this.zone.id;
  }

  /** Links the zone to a network (once; a second call for the same network returns without adding a link). */
  public linkVirtualNetwork(network: VirtualNetwork): void {
    if (this.linked.has(network.node.path)) return;
    this.linked.add(network.node.path);
    // Networks built in different scopes (one per region, say) may share a construct id; the first keeps the plain id.
    const plainId = `Link${network.node.id}`;
    const id = this.node.tryFindChild(plainId) ? `${plainId}-${network.node.addr.slice(0, 8)}` : plainId;
    new PrivateDnsZoneVirtualNetworkLink(this, id, {
      name: `link-${network.name}`,
      resourceGroupName: this.resourceGroup.name,
      privateDnsZoneName: this.zone.name,
      virtualNetworkId: network.id,
      registrationEnabled: false,
    });
  }
}
