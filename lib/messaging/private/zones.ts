import { ValidationError } from "../../core/errors";
import { region as lookupRegion } from "../../core/regions";

/**
 * Service Bus and Event Hubs namespaces are zone redundant automatically in regions with availability zones; azurerm
 * 4.x has no argument for it (`zone_redundant` was removed from `azurerm_servicebus_namespace` and is computed on
 * `azurerm_eventhub_namespace`). So the only lever is the region: when `required`, fail in a region without zones.
 * Returns whether the namespace will be zone redundant.
 */
export function checkZoneRedundancy(path: string, regionName: string, required: boolean): boolean {
  const info = lookupRegion(regionName, `${path}.region`);
  const zonal = info.zones.length > 0;
  if (required && !zonal) {
    throw new ValidationError(
      `${path}.requireZoneRedundancy`,
      `cannot be met: ${info.displayName} has no availability zones, so the namespace would not be zone redundant`,
      regionName,
      "deploy to a region with availability zones, or set requireZoneRedundancy to false",
    );
  }
  return zonal;
}
