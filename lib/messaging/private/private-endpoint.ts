import { ValidationError } from "../../core/errors";
import { isUnresolved } from "../../core/validate";
import { PrivateEndpointPlacement } from "../../network/private-endpoint";

/**
 * Fails unless the placement's DNS zone is the one the service's private endpoint registers in (`expectedZone`), so an
 * endpoint never lands in a zone whose name the clients do not resolve. Run it during validation, before creating
 * anything.
 */
export function validatePrivateEndpointZone(path: string, placement: PrivateEndpointPlacement, expectedZone: string): void {
  const zoneName = placement.dnsZone.zone.nameInput;
  if (zoneName === undefined || isUnresolved(zoneName)) return;
  if (zoneName !== expectedZone) {
    throw new ValidationError(`${path}.dnsZone`, `is not the private DNS zone of this service`, zoneName, `use a PrivateDnsZone named "${expectedZone}"`);
  }
}
