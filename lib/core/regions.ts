import { ValidationError } from "./errors";

/** What the library knows about one Azure region. */
export interface RegionInfo {
  /** Programmatic name, as Azure and Terraform spell it (`westeurope`). */
  readonly name: string;
  /** Short code used in resource names (`weu`). */
  readonly shortCode: string;
  /** Human name (`West Europe`). */
  readonly displayName: string;
  /** Geography the region belongs to; data residency follows it. */
  readonly geography: string;
  /** Availability zones the region offers; empty where it has none. */
  readonly zones: readonly string[];
  /** The region's Azure pair, if it has one. */
  readonly pairedRegion?: string;
}

const ZONES = ["1", "2", "3"] as const;
const NONE: readonly string[] = [];

/**
 * Regions of the Europe and United States geographies, plus the common Asia-Pacific and Canada pairs.
 * Zone support and pairs follow https://learn.microsoft.com/azure/reliability/regions-list.
 * Short codes follow the Cloud Adoption Framework habit of 2–4 letters.
 */
const REGION_TABLE: readonly RegionInfo[] = [
  // Europe
  { name: "westeurope", shortCode: "weu", displayName: "West Europe", geography: "Europe", zones: ZONES, pairedRegion: "northeurope" },
  { name: "northeurope", shortCode: "neu", displayName: "North Europe", geography: "Europe", zones: ZONES, pairedRegion: "westeurope" },
  { name: "uksouth", shortCode: "uks", displayName: "UK South", geography: "United Kingdom", zones: ZONES, pairedRegion: "ukwest" },
  { name: "ukwest", shortCode: "ukw", displayName: "UK West", geography: "United Kingdom", zones: NONE, pairedRegion: "uksouth" },
  { name: "francecentral", shortCode: "frc", displayName: "France Central", geography: "France", zones: ZONES, pairedRegion: "francesouth" },
  { name: "francesouth", shortCode: "frs", displayName: "France South", geography: "France", zones: NONE, pairedRegion: "francecentral" },
  { name: "germanywestcentral", shortCode: "gwc", displayName: "Germany West Central", geography: "Germany", zones: ZONES, pairedRegion: "germanynorth" },
  { name: "germanynorth", shortCode: "gno", displayName: "Germany North", geography: "Germany", zones: NONE, pairedRegion: "germanywestcentral" },
  { name: "swedencentral", shortCode: "sdc", displayName: "Sweden Central", geography: "Sweden", zones: ZONES, pairedRegion: "swedensouth" },
  { name: "swedensouth", shortCode: "sds", displayName: "Sweden South", geography: "Sweden", zones: NONE, pairedRegion: "swedencentral" },
  { name: "norwayeast", shortCode: "noe", displayName: "Norway East", geography: "Norway", zones: ZONES, pairedRegion: "norwaywest" },
  { name: "norwaywest", shortCode: "now", displayName: "Norway West", geography: "Norway", zones: NONE, pairedRegion: "norwayeast" },
  { name: "switzerlandnorth", shortCode: "szn", displayName: "Switzerland North", geography: "Switzerland", zones: ZONES, pairedRegion: "switzerlandwest" },
  { name: "switzerlandwest", shortCode: "szw", displayName: "Switzerland West", geography: "Switzerland", zones: NONE, pairedRegion: "switzerlandnorth" },
  { name: "italynorth", shortCode: "itn", displayName: "Italy North", geography: "Italy", zones: ZONES },
  { name: "polandcentral", shortCode: "plc", displayName: "Poland Central", geography: "Poland", zones: ZONES },
  { name: "spaincentral", shortCode: "spc", displayName: "Spain Central", geography: "Spain", zones: ZONES },
  // United States
  { name: "eastus", shortCode: "eus", displayName: "East US", geography: "United States", zones: ZONES, pairedRegion: "westus" },
  { name: "westus", shortCode: "wus", displayName: "West US", geography: "United States", zones: NONE, pairedRegion: "eastus" },
  { name: "eastus2", shortCode: "eus2", displayName: "East US 2", geography: "United States", zones: ZONES, pairedRegion: "centralus" },
  { name: "centralus", shortCode: "cus", displayName: "Central US", geography: "United States", zones: ZONES, pairedRegion: "eastus2" },
  { name: "northcentralus", shortCode: "ncus", displayName: "North Central US", geography: "United States", zones: NONE, pairedRegion: "southcentralus" },
  { name: "southcentralus", shortCode: "scus", displayName: "South Central US", geography: "United States", zones: ZONES, pairedRegion: "northcentralus" },
  { name: "westus2", shortCode: "wus2", displayName: "West US 2", geography: "United States", zones: ZONES, pairedRegion: "westcentralus" },
  { name: "westcentralus", shortCode: "wcus", displayName: "West Central US", geography: "United States", zones: NONE, pairedRegion: "westus2" },
  { name: "westus3", shortCode: "wus3", displayName: "West US 3", geography: "United States", zones: ZONES, pairedRegion: "eastus" },
  // Canada and Asia Pacific
  { name: "canadacentral", shortCode: "cnc", displayName: "Canada Central", geography: "Canada", zones: ZONES, pairedRegion: "canadaeast" },
  { name: "canadaeast", shortCode: "cne", displayName: "Canada East", geography: "Canada", zones: NONE, pairedRegion: "canadacentral" },
  { name: "australiaeast", shortCode: "aue", displayName: "Australia East", geography: "Australia", zones: ZONES, pairedRegion: "australiasoutheast" },
  { name: "australiasoutheast", shortCode: "ause", displayName: "Australia Southeast", geography: "Australia", zones: NONE, pairedRegion: "australiaeast" },
  { name: "japaneast", shortCode: "jpe", displayName: "Japan East", geography: "Japan", zones: ZONES, pairedRegion: "japanwest" },
  { name: "japanwest", shortCode: "jpw", displayName: "Japan West", geography: "Japan", zones: ZONES, pairedRegion: "japaneast" },
  { name: "southeastasia", shortCode: "sea", displayName: "Southeast Asia", geography: "Asia Pacific", zones: ZONES, pairedRegion: "eastasia" },
  { name: "eastasia", shortCode: "ea", displayName: "East Asia", geography: "Asia Pacific", zones: ZONES, pairedRegion: "southeastasia" },
];

const BY_NAME: ReadonlyMap<string, RegionInfo> = new Map(REGION_TABLE.map((r) => [r.name, r]));

/** Programmatic names of every region the library knows. */
export const KNOWN_REGIONS: readonly string[] = REGION_TABLE.map((r) => r.name);

/** True when the library knows the region. */
export function isKnownRegion(name: string): boolean {
  return BY_NAME.has(name);
}

/**
 * Looks a region up by its programmatic name. Fails with the property path for an unknown region, suggesting the
 * likely spelling when the user wrote a display name (`West Europe` → `westeurope`).
 */
export function region(name: string, path = "region"): RegionInfo {
  const info = BY_NAME.get(name);
  if (info) return info;
  const squashed = typeof name === "string" ? name.toLowerCase().replace(/[^a-z0-9]/g, "") : "";
  const hint = BY_NAME.has(squashed) ? `did you mean "${squashed}"? ` : "";
  throw new ValidationError(path, "is not a supported Azure region", name, `${hint}use a programmatic name such as ${KNOWN_REGIONS.slice(0, 4).map((r) => `"${r}"`).join(", ")} (all: ${KNOWN_REGIONS.join(", ")})`);
}

/** The region's Azure pair. Fails when the region has none (Italy North, Poland Central, Spain Central). */
export function pairedRegion(name: string, path = "region"): RegionInfo {
  const info = region(name, path);
  if (!info.pairedRegion) {
    throw new ValidationError(path, "has no Azure paired region", name, "name the secondary region explicitly");
  }
  return region(info.pairedRegion, path);
}

/**
 * Fails unless every zone in `zones` exists in the region, naming the path (e.g. zones on a region without any).
 */
export function validateZones(path: string, regionName: string, zones: readonly string[] | undefined): void {
  if (!zones || zones.length === 0) return;
  const info = region(regionName, path);
  for (const [i, zone] of zones.entries()) {
    if (!info.zones.includes(zone)) {
      const allowed = info.zones.length === 0 ? `${info.displayName} has no availability zones; leave zones empty` : `use zones ${info.zones.map((z) => `"${z}"`).join(", ")}`;
      throw new ValidationError(`${path}[${i}]`, `is not an availability zone of ${regionName}`, zone, allowed);
    }
  }
}
