import { Construct } from "constructs";
import { PublicIp as AzPublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { grantRole, GrantOptions, IPrincipal } from "../core/grants";
import { ResourceNamer } from "../core/naming";
import { region as lookupRegion, validateZones } from "../core/regions";
import { validatePattern, validateRange } from "../core/validate";

/** Props for {@link StaticPublicIp}. */
export interface StaticPublicIpProps {
  /** Resource group of the address. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region. */
  readonly namer: ResourceNamer;
  /** Word that tells this address apart in its name, e.g. `gateway`. */
  readonly qualifier: string;
  /**
   * Zones the address spans; a zone-redundant address survives the loss of a zone.
   * @default every zone of the region (none where the region has none)
   */
  readonly zones?: string[];
  /**
   * DNS label, giving `<label>.<region>.cloudapp.azure.com`.
   * @default - none
   */
  readonly domainNameLabel?: string;
  /**
   * Idle timeout of TCP connections in minutes, 4–30.
   * @default 4
   */
  readonly idleTimeoutMinutes?: number;
}

/**
 * A Standard, static, zone-redundant public IPv4 address for a load balancer frontend, such as the traffic
 * controller's gateway. The address outlives the Kubernetes Service that uses it, so DNS records and allow-lists
 * stay valid when the service is recreated.
 */
export class StaticPublicIp extends Construct {
  /** The L1 public IP, as an escape hatch. */
  public readonly address: AzPublicIp;
  /** The address's name (what `service.beta.kubernetes.io/azure-pip-name` refers to). */
  public readonly name: string;
  /** Name of the resource group holding the address. */
  public readonly resourceGroupName: string;
  private readonly resourceGroupId: string;

  constructor(scope: Construct, id: string, props: StaticPublicIpProps) {
    super(scope, id);
    const path = "publicIp";
    const zones = props.zones ?? [...lookupRegion(props.namer.context.region).zones];
    validateZones(`${path}.zones`, props.namer.context.region, zones);
    if (props.domainNameLabel !== undefined) {
      validatePattern(`${path}.domainNameLabel`, props.domainNameLabel, /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/, "use 3-63 lowercase letters, digits and hyphens, starting with a letter");
    }
    const idle = validateRange(`${path}.idleTimeoutMinutes`, props.idleTimeoutMinutes ?? 4, 4, 30)!;
    this.name = props.namer.name("public_ip", { qualifier: props.qualifier });
    this.resourceGroupName = props.resourceGroup.name;
    this.resourceGroupId = props.resourceGroup.id;
    this.address = new AzPublicIp(this, "Resource", {
      name: this.name,
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
      sku: "Standard",
      skuTier: "Regional",
      allocationMethod: "Static",
      ipVersion: "IPv4",
      zones: zones.length > 0 ? zones : undefined,
      domainNameLabel: props.domainNameLabel,
      idleTimeoutInMinutes: idle,
    });
  }

  /** The address's resource ID. */
  public get id(): string {
    return this.address.id;
  }

  /** The IPv4 address. */
  public get ipAddress(): string {
    return this.address.ipAddress;
  }

  /**
   * Lets a cluster's control plane attach the address to its load balancer: AKS needs Network Contributor on the
   * address's resource group to read and join it (https://learn.microsoft.com/azure/aks/static-ip).
   */
  public grantUse(principal: IPrincipal, options: GrantOptions = {}): RoleAssignment {
    return grantRole(this, "UseGrant", { scopeId: this.resourceGroupId, roleDefinitionName: "Network Contributor" }, principal, options);
  }
}
