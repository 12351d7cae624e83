import { isKnownRegion, KNOWN_REGIONS, pairedRegion, region, validateZones } from "../../lib/core/regions";
import { expectValidationError } from "../support/expect-validation-error";

const ALL_REGIONS = KNOWN_REGIONS.join(", ");
const SUGGESTED = '"westeurope", "northeurope", "uksouth", "ukwest"';

describe("region", () => {
  test("looks up a region by its programmatic name", () => {
    expect(region("westeurope")).toEqual({
      name: "westeurope",
      shortCode: "weu",
      displayName: "West Europe",
      geography: "Europe",
      zones: ["1", "2", "3"],
      pairedRegion: "northeurope",
    });
  });

  test("returns the short codes used in names", () => {
    expect(region("northeurope").shortCode).toBe("neu");
    expect(region("eastus2").shortCode).toBe("eus2");
    expect(region("swedencentral").shortCode).toBe("sdc");
  });

  test("knows the regions it lists, and only those", () => {
    expect(KNOWN_REGIONS).toEqual(expect.arrayContaining(["westeurope", "northeurope", "eastus", "eastus2", "westus", "centralus", "italynorth"]));
    for (const name of KNOWN_REGIONS) {
      expect(isKnownRegion(name)).toBe(true);
      expect(region(name).name).toBe(name);
    }
    expect(isKnownRegion("West Europe")).toBe(false);
    expect(isKnownRegion("mars")).toBe(false);
  });

  test("names and short codes are unique, so generated names cannot collide across regions", () => {
    const codes = KNOWN_REGIONS.map((name) => region(name).shortCode);
    expect(new Set(KNOWN_REGIONS).size).toBe(KNOWN_REGIONS.length);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9]{1,3}$/);
  });

  test("every paired region is a known region in the same geography", () => {
    for (const name of KNOWN_REGIONS) {
      const info = region(name);
      if (info.pairedRegion === undefined) continue;
      expect(isKnownRegion(info.pairedRegion)).toBe(true);
      expect(region(info.pairedRegion).geography).toBe(info.geography);
    }
  });

  test("fails when given a display name, suggesting the programmatic name", () => {
    const error = expectValidationError(
      () => region("West Europe"),
      `region: is not a supported Azure region (got "West Europe"); did you mean "westeurope"? use a programmatic name such as ${SUGGESTED} (all: ${ALL_REGIONS})`,
    );
    expect(error.path).toBe("region");
    expect(error.value).toBe("West Europe");
  });

  test("fails when given a display name with a number, suggesting the programmatic name", () => {
    expectValidationError(
      () => region("East US 2", "environments.prod.region"),
      /^environments\.prod\.region: is not a supported Azure region \(got "East US 2"\); did you mean "eastus2"\? use a programmatic name such as /,
    );
  });

  test("fails when given an upper-case programmatic name, suggesting the lower-case one", () => {
    expectValidationError(() => region("WESTUS"), /^region: is not a supported Azure region \(got "WESTUS"\); did you mean "westus"\? /);
  });

  test("fails when the region is unknown, without a suggestion, listing all regions", () => {
    expectValidationError(
      () => region("mars", "config.region"),
      `config.region: is not a supported Azure region (got "mars"); use a programmatic name such as ${SUGGESTED} (all: ${ALL_REGIONS})`,
    );
  });

  test("fails when the region is not a string", () => {
    expectValidationError(() => region(42 as unknown as string), /^region: is not a supported Azure region \(got 42\); use a programmatic name such as /);
  });
});

describe("pairedRegion", () => {
  test.each([
    ["westeurope", "northeurope"],
    ["northeurope", "westeurope"],
    ["eastus", "westus"],
    ["westus", "eastus"],
    ["eastus2", "centralus"],
    ["centralus", "eastus2"],
  ])("pairs %s with %s", (primary, secondary) => {
    expect(pairedRegion(primary).name).toBe(secondary);
  });

  test("pairs are mutual except West US 3, whose pair East US is paired with West US", () => {
    const oneWay = KNOWN_REGIONS.filter((name) => {
      const pair = region(name).pairedRegion;
      return pair !== undefined && region(pair).pairedRegion !== name;
    });
    expect(oneWay).toEqual(["westus3"]);
    expect(pairedRegion("westus3").name).toBe("eastus");
  });

  test("fails when the region has no pair", () => {
    const error = expectValidationError(
      () => pairedRegion("italynorth", "regions.secondary"),
      'regions.secondary: has no Azure paired region (got "italynorth"); name the secondary region explicitly',
    );
    expect(error.path).toBe("regions.secondary");
  });

  test.each(["polandcentral", "spaincentral"])("fails when %s, which has no pair, is given", (name) => {
    expectValidationError(() => pairedRegion(name), `region: has no Azure paired region (got "${name}"); name the secondary region explicitly`);
  });

  test("fails when the region is unknown, with the given path", () => {
    expectValidationError(() => pairedRegion("North Europe", "dr.region"), /^dr\.region: is not a supported Azure region \(got "North Europe"\); did you mean "northeurope"\? /);
  });
});

describe("validateZones", () => {
  test("accepts any subset of zones 1-3 in a zonal region", () => {
    expect(() => validateZones("aks.zones", "westeurope", ["1", "2", "3"])).not.toThrow();
    expect(() => validateZones("aks.zones", "westeurope", ["2"])).not.toThrow();
    expect(() => validateZones("aks.zones", "eastus2", ["3", "1"])).not.toThrow();
  });

  test("accepts no zones anywhere, even in a region without zones", () => {
    expect(() => validateZones("aks.zones", "westus", [])).not.toThrow();
    expect(() => validateZones("aks.zones", "westus", undefined)).not.toThrow();
  });

  test("knows westus has no zones and westeurope has 1-3", () => {
    expect(region("westus").zones).toEqual([]);
    expect(region("westeurope").zones).toEqual(["1", "2", "3"]);
  });

  test("fails when zones are given in a region without zones", () => {
    const error = expectValidationError(
      () => validateZones("aks.zones", "westus", ["1"]),
      'aks.zones[0]: is not an availability zone of westus (got "1"); West US has no availability zones; leave zones empty',
    );
    expect(error.path).toBe("aks.zones[0]");
  });

  test("fails when a zone does not exist, naming its index and the zones allowed", () => {
    expectValidationError(
      () => validateZones("redis.zones", "westeurope", ["1", "2", "4"]),
      'redis.zones[2]: is not an availability zone of westeurope (got "4"); use zones "1", "2", "3"',
    );
  });

  test("fails when a zone is given as a number-like string with padding", () => {
    expectValidationError(
      () => validateZones("redis.zones", "northeurope", ["01"]),
      'redis.zones[0]: is not an availability zone of northeurope (got "01"); use zones "1", "2", "3"',
    );
  });

  test("fails when the region is unknown", () => {
    expectValidationError(() => validateZones("aks.zones", "westeurop", ["1"]), /^aks.zones: is not a supported Azure region \(got "westeurop"\); use a programmatic name/);
  });
});
