import { chooseOsDisk, parseVmSize, VM_SIZE_PATTERN } from "../../lib/aks/private/vm-sizes";

describe("parseVmSize", () => {
  test("reads family, vCPUs, features and version", () => {
    expect(parseVmSize("Standard_D4ds_v5")).toEqual({
      size: "Standard_D4ds_v5",
      family: "D",
      vcpus: 4,
      features: "ds",
      version: "v5",
      gpu: false,
      localDiskGb: 150,
    });
  });

  test.each([
    ["Standard_D2ds_v5", 75],
    ["Standard_D4ds_v5", 150],
    ["Standard_D8ds_v5", 300],
    ["Standard_E16ds_v5", 600],
    ["Standard_D4ds_v4", 150],
    ["Standard_D4ads_v5", 150],
    ["Standard_E4-2ds_v5", 150],
  ])("derives the temporary disk of %s from its vCPUs (%i GiB)", (size, gb) => {
    expect(parseVmSize(size)?.localDiskGb).toBe(gb);
  });

  test.each([
    ["Standard_DS2_v2", 86],
    ["Standard_DS3_v2", 172],
    ["Standard_NC4as_T4_v3", 180],
    ["Standard_NC64as_T4_v3", 2880],
  ])("knows the local disk of %s (%i GiB)", (size, gb) => {
    expect(parseVmSize(size)?.localDiskGb).toBe(gb);
  });

  test.each([["Standard_D4s_v5"], ["Standard_D4as_v5"], ["Standard_B2ms"], ["Standard_F4s_v2"], ["Standard_D4ds_v6"], ["Standard_L8s_v3"]])(
    "knows no local disk for %s",
    (size) => {
      const info = parseVmSize(size);
      expect(info).toBeDefined();
      expect(info?.localDiskGb).toBeUndefined();
    },
  );

  test.each([["Standard_NC4as_T4_v3"], ["Standard_NC24ads_A100_v4"], ["Standard_ND96isr_H100_v5"], ["Standard_NV36ads_A10_v5"]])("marks %s as a GPU size", (size) => {
    expect(parseVmSize(size)?.gpu).toBe(true);
  });

  test.each([["Standard_D4ds_v5"], ["Standard_E8s_v5"], ["Standard_B2ms"], ["Standard_DS2_v2"]])("marks %s as a non-GPU size", (size) => {
    expect(parseVmSize(size)?.gpu).toBe(false);
  });

  test("reads the accelerator-suffixed GPU size", () => {
    expect(parseVmSize("Standard_NC24ads_A100_v4")).toMatchObject({ family: "NC", vcpus: 24, features: "ads", version: "v4" });
  });

  test("reads a size without a version", () => {
    expect(parseVmSize("Standard_B2ms")).toMatchObject({ family: "B", vcpus: 2, features: "ms", version: undefined });
  });

  test.each([["D4ds_v5"], ["standard_D4ds_v5"], ["Standard_d4ds_v5"], ["Standard_D4ds_v5 "], ["Standard_Dds_v5"], ["Standard_D4ds_5"], ["Basic_A1"], [""]])(
    "returns undefined for %j",
    (size) => {
      expect(VM_SIZE_PATTERN.test(size)).toBe(false);
      expect(parseVmSize(size)).toBeUndefined();
    },
  );
});

describe("chooseOsDisk", () => {
  test("uses a 128 GiB ephemeral disk on Standard_D4ds_v5", () => {
    expect(chooseOsDisk("Standard_D4ds_v5")).toEqual({ type: "Ephemeral", sizeGb: 128 });
  });

  test("uses a 64 GiB ephemeral disk by default when the local disk holds 64 but not 128 GiB", () => {
    expect(chooseOsDisk("Standard_D2ds_v5")).toEqual({ type: "Ephemeral", sizeGb: 64 });
    expect(chooseOsDisk("Standard_DS2_v2")).toEqual({ type: "Ephemeral", sizeGb: 64 });
  });

  test("uses a 128 GiB managed disk on a size without local disk", () => {
    expect(chooseOsDisk("Standard_D4s_v5")).toEqual({ type: "Managed", sizeGb: 128 });
  });

  test("uses a managed disk on an unparseable size", () => {
    expect(chooseOsDisk("not-a-size")).toEqual({ type: "Managed", sizeGb: 128 });
  });

  test("uses an ephemeral disk of the requested size when the local disk holds it", () => {
    expect(chooseOsDisk("Standard_D4ds_v5", 150)).toEqual({ type: "Ephemeral", sizeGb: 150 });
    expect(chooseOsDisk("Standard_D2ds_v5", 40)).toEqual({ type: "Ephemeral", sizeGb: 40 });
  });

  test("keeps a requested size the local disk cannot hold, on a managed disk", () => {
    expect(chooseOsDisk("Standard_D4ds_v5", 256)).toEqual({ type: "Managed", sizeGb: 256 });
    expect(chooseOsDisk("Standard_D2ds_v5", 128)).toEqual({ type: "Managed", sizeGb: 128 });
  });

  test("uses a managed disk of the requested size on a size without local disk", () => {
    expect(chooseOsDisk("Standard_D4s_v5", 64)).toEqual({ type: "Managed", sizeGb: 64 });
  });
});
