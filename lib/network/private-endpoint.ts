import { Construct } from "constructs";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { ValidationError } from "../core/errors";
import { ResourceNamer } from "../core/naming";
import { isUnresolved, validatePattern } from "../core/validate";
import { PrivateDnsZone } from "./private-dns-zone";
import { VirtualNetwork } from "./virtual-network";

/**
 * Where a private service gets its private endpoint: the network (its private-endpoint subnet) and the private DNS
 * zone that makes the service's public name resolve to the private address inside the network.
 */
export interface PrivateEndpointPlacement {
  /** The network whose `privateEndpoints` subnet holds the endpoint. */
  readonly network: VirtualNetwork;
  /** The private DNS zone of the service (see `PRIVATE_DNS_ZONE_NAMES`), linked to the network. */
  readonly dnsZone: PrivateDnsZone;
}

/**
 * Fails unless the placement's DNS zone is the one the service's private endpoint registers in (`expectedZone`, one of
 * `PRIVATE_DNS_ZONE_NAMES`): an endpoint registered in another service's zone resolves nowhere. `path` is the
 * placement's property path (`keyVault.privateEndpoint`); the error names its `dnsZone`. `service` names the service
 * in the message. Zones whose name is an unresolved token are skipped. Run it while validating, before creating
 * anything.
 */
export function validatePrivateEndpointZone(path: string, placement: PrivateEndpointPlacement, expectedZone: string, service = "this service"): void {
  const zoneName = placement.dnsZone.zone.nameInput;
  if (zoneName === undefined || isUnresolved(zoneName)) return;
  if (zoneName !== expectedZone) {
    throw new ValidationError(`${path}.dnsZone`, `is not the private DNS zone of ${service}`, zoneName, `use a PrivateDnsZone named "${expectedZone}"`);
  }
}

/** Props for {@link PrivateEndpoint}. */
export interface PrivateEndpointProps extends PrivateEndpointPlacement {
  /** Resource group of the endpoint (usually the service's). */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region. */
  readonly namer: ResourceNamer;
  /** Resource ID of the service the endpoint connects to. */
  readonly targetResourceId: string;
  /** The service's sub-resource (group ID): `vault`, `redisCache`, `postgresqlServer`, `blob`, `namespace`, `topic`, … */
  readonly subresource: string;
  /** Word that tells this endpoint apart in names, e.g. `kv` or `redis`. */
  readonly qualifier: string;
}

/**
 * A private endpoint for one sub-resource of a service, in the network's private-endpoint subnet, registered in the
 * service's private DNS zone (which is linked to the network here if it is not already).
 */
export class PrivateEndpoint extends Construct {
  /** The L1 private endpoint, as an escape hatch. */
  public readonly endpoint: AzPrivateEndpoint;

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    validatePattern("privateEndpoint.subresource", props.subresource, /^[a-zA-Z][a-zA-Z0-9_]{1,63}$/, "use the service's sub-resource name, e.g. \"vault\" or \"blob\"");
    props.dnsZone.linkVirtualNetwork(props.network);
    const name = props.namer.name("private_endpoint", { qualifier: props.qualifier });
    this.endpoint = new AzPrivateEndpoint(this, "Resource", {
      name,
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
      subnetId: props.network.subnet("privateEndpoints").subnet.id,
      customNetworkInterfaceName: props.namer.name("network_interface", { qualifier: `pe${props.qualifier}` }),
      privateServiceConnection: {
        name: `psc-${props.qualifier}`,
        isManualConnection: false,
        privateConnectionResourceId: props.targetResourceId,
        subresourceNames: [props.subresource],
      },
      privateDnsZoneGroup: { name: "default", privateDnsZoneIds: [props.dnsZone.id] },
    });
  }

  /** The endpoint's resource ID. */
  public get id(): string {
    return this.endpoint.id;
  }
}
