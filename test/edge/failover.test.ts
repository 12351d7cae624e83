import { FailoverMode, planFailover, servingRegions, trafficRoutingForFailover } from "../../lib/edge/failover";
import { expectValidationError } from "../support/expect-validation-error";

const TWO = [{ name: "westeurope" }, { name: "northeurope" }];
const SIX = ["westeurope", "northeurope", "swedencentral", "francecentral", "germanywestcentral", "uksouth"].map((name) => ({ name }));

describe("planFailover", () => {
  describe("active-passive", () => {
    test("gives the first region priority 1 and the others 2, 3, … with weight 1000 each", () => {
      expect(planFailover("active-passive", [...TWO, { name: "swedencentral" }])).toEqual([
        { region: "westeurope", priority: 1, weight: 1000, enabled: true, serving: true },
        { region: "northeurope", priority: 2, weight: 1000, enabled: true, serving: true },
        { region: "swedencentral", priority: 3, weight: 1000, enabled: true, serving: true },
      ]);
    });

    test("takes explicit priorities, letting standbys share one", () => {
      expect(planFailover("active-passive", [{ name: "westeurope" }, { name: "northeurope", priority: 2 }, { name: "swedencentral", priority: 2 }]).map((p) => p.priority)).toEqual([1, 2, 2]);
    });

    test("serves from a single region", () => {
      expect(planFailover("active-passive", [{ name: "westeurope" }])).toEqual([{ region: "westeurope", priority: 1, weight: 1000, enabled: true, serving: true }]);
    });

    test("fails when a sixth region would need priority 6", () => {
      expectValidationError(
        () => planFailover("active-passive", SIX),
        "regions[5].priority: defaults to the region's position (6), beyond the 5 origin priorities Front Door has (got 6); use at most 5 regions, or give the standbys explicit priorities of 2 to 5 (they may share one)",
      );
    });

    test("plans six regions whose standbys share priorities", () => {
      const plan = planFailover("active-passive", SIX.map((r, i) => (i === 0 ? r : { ...r, priority: Math.min(i + 1, 5) })));
      expect(plan.map((p) => p.priority)).toEqual([1, 2, 3, 4, 5, 5]);
    });

    test("fails when an explicit priority is outside 1-5", () => {
      expectValidationError(() => planFailover("active-passive", [{ name: "westeurope" }, { name: "northeurope", priority: 6 }]), "regions[1].priority: is out of range (got 6); use 1 to 5");
    });

    test("fails when a standby would serve with the primary", () => {
      expectValidationError(
        () => planFailover("active-passive", [{ name: "westeurope" }, { name: "northeurope", priority: 1 }]),
        "regions[1].priority: serves before or together with the primary region (priority 1) (got 1); use a priority above 1, or list this region first",
      );
    });

    test("fails when a weight is given", () => {
      expectValidationError(() => planFailover("active-passive", [{ name: "westeurope", weight: 500 }]), 'regions[0].weight: only applies under failover mode "active-active" (the mode is "active-passive") (got 500); drop the weight, or use mode "active-active"');
    });
  });

  describe("active-active", () => {
    test("gives every region priority 1 and equal weights of 1000", () => {
      expect(planFailover("active-active", TWO)).toEqual([
        { region: "westeurope", priority: 1, weight: 1000, enabled: true, serving: true },
        { region: "northeurope", priority: 1, weight: 1000, enabled: true, serving: true },
      ]);
    });

    test("takes the weights given", () => {
      expect(planFailover("active-active", [{ name: "westeurope", weight: 750 }, { name: "northeurope", weight: 250 }]).map((p) => p.weight)).toEqual([750, 250]);
    });

    test("fails with a single region", () => {
      expectValidationError(() => planFailover("active-active", [{ name: "westeurope" }]), 'failoverMode: needs at least two regions to serve from (got 1) (got "active-active"); add a region, or use mode "active-passive" or "backup-restore"');
    });

    test.each([0, 1001, 2.5])("fails when a weight is %s", (weight) => {
      expectValidationError(() => planFailover("active-active", [{ name: "westeurope" }, { name: "northeurope", weight }]), new RegExp(`^regions\\[1\\]\\.weight: (is out of range|must be a whole number) \\(got ${weight}\\); use 1 to 1000$`));
    });

    test("fails when a priority is given", () => {
      expectValidationError(() => planFailover("active-active", [{ name: "westeurope", priority: 1 }, { name: "northeurope" }]), /^regions\[0\]\.priority: only applies under failover mode "active-passive" \(the mode is "active-active"\)/);
    });
  });

  describe("backup-restore", () => {
    test("serves from the first region only; the others hold backups", () => {
      expect(planFailover("backup-restore", TWO)).toEqual([
        { region: "westeurope", priority: 1, weight: 1000, enabled: true, serving: true },
        { region: "northeurope", priority: 1, weight: 1000, enabled: false, serving: false },
      ]);
    });

    test("makes the first region the only origin", () => {
      expect(servingRegions(planFailover("backup-restore", SIX)).map((p) => p.region)).toEqual(["westeurope"]);
    });
  });

  describe("validation", () => {
    test("fails when two regions share a name", () => {
      expectValidationError(() => planFailover("active-active", [...TWO, { name: "westeurope" }]), 'regions[2].name: repeats the region at index 0 (got "westeurope"); list each region once');
    });

    test("fails when there are no regions", () => {
      expectValidationError(() => planFailover("active-passive", []), "regions: is empty: a failover plan needs at least one region (got []); name the environment's regions, primary first");
    });

    test("fails when the mode is unknown", () => {
      expectValidationError(() => planFailover("active-standby" as FailoverMode, TWO), 'failoverMode: is not an allowed value (got "active-standby"); use one of "active-active", "active-passive", "backup-restore"');
    });

    test("names the paths given in its errors", () => {
      expectValidationError(() => planFailover("active-active", [{ name: "westeurope" }], "environments.prod.failoverMode", "environments.prod.regions"), /^environments\.prod\.failoverMode: needs at least two regions/);
      expectValidationError(() => planFailover("active-active", [{ name: "westeurope" }, { name: "westeurope" }], "environments.prod.failoverMode", "environments.prod.regions"), /^environments\.prod\.regions\[1\]\.name: repeats/);
    });
  });
});

describe("trafficRoutingForFailover", () => {
  test.each<[FailoverMode, string]>([
    ["active-passive", "Priority"],
    ["backup-restore", "Priority"],
    ["active-active", "Weighted"],
  ])("routes %s by %s", (mode, routing) => {
    expect(trafficRoutingForFailover(mode)).toBe(routing);
  });

  test("routes active-active by performance when asked", () => {
    expect(trafficRoutingForFailover("active-active", { performance: true })).toBe("Performance");
  });

  test("fails when performance routing is asked for a single serving region", () => {
    expectValidationError(() => trafficRoutingForFailover("active-passive", { performance: true }), 'failoverMode: cannot route by performance: only "active-active" serves from more than one region (got "active-passive"); use mode "active-active", or drop performance');
  });
});
