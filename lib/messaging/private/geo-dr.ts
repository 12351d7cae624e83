import { ValidationError } from "../../core/errors";
import { region as lookupRegion } from "../../core/regions";
import { isUnresolved, validatePattern } from "../../core/validate";

/** A geo-disaster recovery alias: 6-50 letters, digits and hyphens (Azure's rule for both Service Bus and Event Hubs). */
const GEO_DR_ALIAS = /^[a-zA-Z][a-zA-Z0-9-]{4,48}[a-zA-Z0-9]$/;
const GEO_DR_ALIAS_RULE = "use 6-50 letters, digits and hyphens, starting with a letter and ending with a letter or digit";

/** What the pairing checks need to know about one namespace of a pair. */
export interface GeoDrSide {
  readonly name: string;
  readonly region: string;
  readonly hasPrivateEndpoint: boolean;
  /** The pairing the namespace is already part of, if any. */
  readonly pairing?: { readonly alias: string; readonly primaryName: string; readonly secondaryName: string; readonly isPrimary: boolean };
  /** The entities the namespace holds (queues and topics, or event hubs). */
  readonly entities: readonly string[];
}

/** The first rules of a pairing, before the tier checks: not the namespace itself, and neither side already paired. */
export function validateGeoDrPair(path: string, primary: GeoDrSide, partner: GeoDrSide, same: boolean): void {
  if (same) throw new ValidationError(`${path}.partner`, "is the primary namespace itself", primary.name, "pair with a namespace in another region");
  for (const [who, side, where] of [["this namespace", primary, path], ["the partner", partner, `${path}.partner`]] as const) {
    const existing = side.pairing;
    if (existing) {
      const role = existing.isPrimary ? `the primary of alias "${existing.alias}" (secondary "${existing.secondaryName}")` : `the secondary of alias "${existing.alias}" (primary "${existing.primaryName}")`;
      throw new ValidationError(where, `cannot be paired: ${who} is already ${role}, and a namespace takes part in one pairing only`, side.name, "pair each namespace once; a new pairing needs a new, empty partner");
    }
  }
}

/**
 * The placement rules of a pairing, after the tier checks: the partner in another region, empty (the pairing fills it;
 * `entityWords` names what it must not hold, e.g. "queues or topics"), with a private endpoint when the primary has one.
 */
export function validateGeoDrPlacement(path: string, primary: GeoDrSide, partner: GeoDrSide, entityWords: string): void {
  if (partner.region === primary.region) {
    throw new ValidationError(`${path}.partner.region`, "is the primary's region; the pairing would not survive a regional outage", partner.region, `use a namespace in another region, e.g. "${lookupRegion(primary.region).pairedRegion ?? "northeurope"}"`);
  }
  if (partner.entities.length > 0) {
    throw new ValidationError(`${path}.partner`, `holds ${entityWords}, but the secondary namespace must be empty: the pairing fills it with the primary's ${entityWords}`, [...partner.entities], `add the ${entityWords} to the primary only`);
  }
  if (primary.hasPrivateEndpoint && !partner.hasPrivateEndpoint) {
    throw new ValidationError(`${path}.partner.privateEndpoint`, "is missing: Azure refuses to pair a primary that has a private endpoint with a secondary that has none", undefined, "give the partner a private endpoint in its region's network");
  }
}

/** Validates the pairing's alias: Azure's rule, and not the name of either namespace (it is a DNS name of its own). */
export function validateGeoDrAlias(path: string, alias: string, primary: GeoDrSide, partner: GeoDrSide): string {
  validatePattern(`${path}.alias`, alias, GEO_DR_ALIAS, GEO_DR_ALIAS_RULE);
  for (const [side, role] of [[primary, "primary"], [partner, "partner"]] as const) {
    if (!isUnresolved(alias) && !isUnresolved(side.name) && alias.toLowerCase() === side.name.toLowerCase()) {
      throw new ValidationError(`${path}.alias`, `is the name of the ${role} namespace; the alias is a DNS name of its own`, alias, "choose another alias");
    }
  }
  return alias;
}
