import { ValidationError } from "../core/errors";
import { isUnresolved, validateEnum, validateRange } from "../core/validate";

/**
 * How an environment's regions share traffic and survive the loss of one:
 * - `active-active`: every region serves at once (equal priority, traffic split by weight or latency); losing one
 *   region moves its share to the others.
 * - `active-passive`: the first region serves; the others are warm standbys that take over, in order, when the health
 *   probes see the regions before them fail.
 * - `backup-restore`: only the first region runs a gateway; the others hold backups and restore configuration, and are
 *   brought up by hand (or by a pipeline) after a disaster. The edge has a single origin.
 */
export type FailoverMode = "active-active" | "active-passive" | "backup-restore";

/** The failover modes, for validation and documentation. */
export const FAILOVER_MODES: readonly FailoverMode[] = ["active-active", "active-passive", "backup-restore"];

/** Front Door origin priorities run from 1 (serves first) to 5. */
export const MAX_ORIGIN_PRIORITY = 5;
/** Front Door origin and Traffic Manager endpoint weights run from 1 to 1000. */
export const MAX_EDGE_WEIGHT = 1000;

/** One region of an environment, as {@link planFailover} reads it. */
export interface FailoverRegion {
  /** Region name (`westeurope`); unique within the environment. */
  readonly name: string;
  /**
   * Share of traffic under `active-active`, 1 to 1000, relative to the other regions' weights.
   * @default 1000 (all regions equal)
   */
  readonly weight?: number;
  /**
   * Origin priority under `active-passive`, 1 (serves first) to 5. The first region must have the lowest priority;
   * standbys may share one.
   * @default the region's position: 1 for the first region, 2 for the second, …
   */
  readonly priority?: number;
}

/** What one region becomes at the edge: the settings of its Front Door origin or Traffic Manager endpoint. */
export interface FailoverPlanEntry {
  /** The region's name. */
  readonly region: string;
  /** Origin priority, 1 (serves first) to 5. */
  readonly priority: number;
  /** Origin weight among origins of the same priority, 1 to 1000. */
  readonly weight: number;
  /** Whether the origin takes traffic (false only for a region that is not serving). */
  readonly enabled: boolean;
  /**
   * Whether the region runs a gateway that serves traffic. Under `backup-restore` only the first region does; the
   * others hold backups and have no gateway, so they must not become origins or endpoints.
   */
  readonly serving: boolean;
}

/** Traffic Manager routing methods that express a {@link FailoverMode}. */
export type FailoverTrafficRouting = "Priority" | "Weighted" | "Performance";

/**
 * Turns an environment's regions (primary first) and failover mode into per-region edge settings:
 * - `active-passive`: priority 1 for the first region and 2, 3, … for the others (or their explicit `priority`),
 *   weight 1000 each. Fails beyond 5 priorities, Front Door's limit.
 * - `active-active`: priority 1 everywhere, weights from `weight` (1000 each by default). Fails with fewer than two
 *   regions.
 * - `backup-restore`: the first region serves (priority 1, weight 1000); the others are returned with
 *   `serving: false` and `enabled: false` and must not become origins.
 *
 * Every error names the offending path (`regions[1].weight`), the value and what is allowed. Weights and priorities
 * that are unresolved tokens are passed through unchecked.
 *
 * @param mode the environment's failover mode
 * @param regions the environment's regions, primary first
 * @param path the property path of `mode` in error messages
 * @param regionsPath the property path of `regions` in error messages
 *
 * @example
 * const plan = planFailover("active-passive", [{ name: "westeurope" }, { name: "northeurope" }]);
 * // [{ region: "westeurope", priority: 1, weight: 1000, enabled: true, serving: true },
 * //  { region: "northeurope", priority: 2, weight: 1000, enabled: true, serving: true }]
 * const origins = plan.filter((p) => p.serving).map((p) => ({ name: p.region, priority: p.priority, weight: p.weight, … }));
 */
export function planFailover(mode: FailoverMode, regions: readonly FailoverRegion[], path = "failoverMode", regionsPath = "regions"): FailoverPlanEntry[] {
  validateEnum(path, mode, FAILOVER_MODES);
  if (!Array.isArray(regions) || regions.length === 0) {
    throw new ValidationError(regionsPath, "is empty: a failover plan needs at least one region", regions, "name the environment's regions, primary first");
  }
  const seen = new Map<string, number>();
  regions.forEach((r, i) => {
    if (typeof r.name !== "string" || r.name.trim() === "") {
      throw new ValidationError(`${regionsPath}[${i}].name`, "is not a region name", r.name, 'use a region name such as "westeurope"');
    }
    if (seen.has(r.name)) {
      throw new ValidationError(`${regionsPath}[${i}].name`, `repeats the region at index ${seen.get(r.name)}`, r.name, "list each region once");
    }
    seen.set(r.name, i);
    if (r.weight !== undefined && mode !== "active-active") {
      throw new ValidationError(`${regionsPath}[${i}].weight`, `only applies under failover mode "active-active" (the mode is "${mode}")`, r.weight, 'drop the weight, or use mode "active-active"');
    }
    if (r.priority !== undefined && mode !== "active-passive") {
      throw new ValidationError(`${regionsPath}[${i}].priority`, `only applies under failover mode "active-passive" (the mode is "${mode}")`, r.priority, 'drop the priority, or use mode "active-passive"');
    }
  });

  switch (mode) {
    case "active-active":
      if (regions.length < 2) {
        throw new ValidationError(path, `needs at least two regions to serve from (got ${regions.length})`, mode, 'add a region, or use mode "active-passive" or "backup-restore"');
      }
      return regions.map((r, i) => ({
        region: r.name,
        priority: 1,
        weight: validateRange(`${regionsPath}[${i}].weight`, r.weight ?? MAX_EDGE_WEIGHT, 1, MAX_EDGE_WEIGHT)!,
        enabled: true,
        serving: true,
      }));
    case "active-passive": {
      const priorities = regions.map((r, i) => {
        if (r.priority === undefined && i + 1 > MAX_ORIGIN_PRIORITY) {
          throw new ValidationError(
            `${regionsPath}[${i}].priority`,
            `defaults to the region's position (${i + 1}), beyond the ${MAX_ORIGIN_PRIORITY} origin priorities Front Door has`,
            i + 1,
            `use at most ${MAX_ORIGIN_PRIORITY} regions, or give the standbys explicit priorities of 2 to ${MAX_ORIGIN_PRIORITY} (they may share one)`,
          );
        }
        return validateRange(`${regionsPath}[${i}].priority`, r.priority ?? i + 1, 1, MAX_ORIGIN_PRIORITY)!;
      });
      const primary = priorities[0];
      if (!isUnresolved(primary)) {
        priorities.forEach((p, i) => {
          if (i > 0 && !isUnresolved(p) && p <= primary) {
            throw new ValidationError(`${regionsPath}[${i}].priority`, `serves before or together with the primary region (priority ${primary})`, p, `use a priority above ${primary}, or list this region first`);
          }
        });
      }
      return regions.map((r, i) => ({ region: r.name, priority: priorities[i], weight: MAX_EDGE_WEIGHT, enabled: true, serving: true }));
    }
    case "backup-restore":
      return regions.map((r, i) => ({ region: r.name, priority: 1, weight: MAX_EDGE_WEIGHT, enabled: i === 0, serving: i === 0 }));
  }
}

/** The entries of a plan that become origins or endpoints: the serving regions. */
export function servingRegions(plan: readonly FailoverPlanEntry[]): FailoverPlanEntry[] {
  return plan.filter((entry) => entry.serving);
}

/**
 * The Traffic Manager routing method that expresses a failover mode: `Priority` for `active-passive` and
 * `backup-restore` (one region answers), `Weighted` for `active-active`, or `Performance` (lowest latency from the
 * client's resolver) for `active-active` when `performance` is set.
 */
export function trafficRoutingForFailover(mode: FailoverMode, options: { readonly performance?: boolean } = {}, path = "failoverMode"): FailoverTrafficRouting {
  validateEnum(path, mode, FAILOVER_MODES);
  if (options.performance && mode !== "active-active") {
    throw new ValidationError(`${path}`, `cannot route by performance: only "active-active" serves from more than one region`, mode, 'use mode "active-active", or drop performance');
  }
  if (mode === "active-active") return options.performance ? "Performance" : "Weighted";
  return "Priority";
}
