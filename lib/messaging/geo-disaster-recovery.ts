/**
 * A geo-disaster recovery pairing of two namespaces (Service Bus or Event Hubs): the alias clients connect to, the
 * active primary whose metadata is copied, and the passive secondary it is copied to. Created by the namespaces'
 * `addGeoDisasterRecovery`; {@link ServiceBusGeoDisasterRecovery} and {@link EventHubsGeoDisasterRecovery} name it per
 * service.
 */
export class GeoDisasterRecovery<Namespace, Config> {
  /** The disaster recovery config (L1), an escape hatch. */
  public readonly resource: Config;
  /** The alias name. */
  public readonly alias: string;
  /** The active namespace the metadata is copied from. */
  public readonly primary: Namespace;
  /** The passive namespace the metadata is copied to. */
  public readonly secondary: Namespace;

  /** @internal Use the namespace's `addGeoDisasterRecovery`. */
  constructor(primary: Namespace, secondary: Namespace, alias: string, resource: Config) {
    this.primary = primary;
    this.secondary = secondary;
    this.alias = alias;
    this.resource = resource;
  }

  /**
   * The host clients must connect to, `<alias>.servicebus.windows.net`: it points at the primary and, after a failover,
   * at the secondary. The namespaces' own hosts do not move.
   */
  public get fullyQualifiedNamespace(): string {
    return `${this.alias}.servicebus.windows.net`;
  }
}
