import { resolveEnvironment } from "../../stacks/config/resolve";
import { generatedEnvironment } from "../../scripts/bench/generated-environment";

/** The zonal regions the benchmark uses (scripts/bench.ts passes its own list; any eight zonal regions will do here). */
const ZONAL = ["westeurope", "northeurope", "swedencentral", "germanywestcentral", "francecentral", "uksouth", "norwayeast", "switzerlandnorth"];

describe("the benchmark's generated environments", () => {
  it.each([
    [1, 1],
    [2, 5],
    [8, 20],
  ])("are valid configs at %i regions and %i teams, so `npm run bench` can synthesize them", (regions, teams) => {
    const env = resolveEnvironment(generatedEnvironment(ZONAL, regions, teams));
    expect(env.regions).toHaveLength(regions);
    expect(env.teams).toHaveLength(teams);
    expect(env.edge?.type).toBe("front-door");
  });
});
