/**
 * What the AKS constructs need to know about an Azure VM size name: its family (for GPU checks) and how much local
 * disk it has (for ephemeral OS disks, which must fit in the VM's cache or temporary disk).
 */
export interface VmSizeInfo {
  /** The size as given, e.g. `Standard_D4ds_v5`. */
  readonly size: string;
  /** Family letters, e.g. `D`, `E`, `NC`. */
  readonly family: string;
  /** The number in the name (vCPUs for current sizes). */
  readonly vcpus: number;
  /** Additive feature letters, e.g. `ds`, `as`, `ads`. */
  readonly features: string;
  /** Version suffix, e.g. `v5`, if any. */
  readonly version?: string;
  /** Whether the family is a GPU (N-series) family. */
  readonly gpu: boolean;
  /** Size in GiB of the local disk an ephemeral OS disk can use, when known. */
  readonly localDiskGb?: number;
}

/** Azure VM size names: `Standard_<family><vcpus>[-<constrained>]<features>[_<accelerator>][_v<n>]`. */
export const VM_SIZE_PATTERN = /^Standard_([A-Z]+)(\d+)(?:-\d+)?([a-z]*)(?:_([A-Z][A-Za-z0-9]*))?(?:_(v\d+))?$/;

/**
 * Local disk sizes (GiB) of sizes outside the `d`-feature rule below, from the Azure VM size pages: the cache of the
 * DSv2 series and the temporary disk of the NCasT4_v3 GPU series.
 */
const KNOWN_LOCAL_DISK_GB: Readonly<Record<string, number>> = {
  Standard_DS2_v2: 86,
  Standard_DS3_v2: 172,
  Standard_DS4_v2: 344,
  Standard_DS5_v2: 688,
  Standard_NC4as_T4_v3: 180,
  Standard_NC8as_T4_v3: 360,
  Standard_NC16as_T4_v3: 360,
  Standard_NC64as_T4_v3: 2880,
};

/** Families whose v4/v5 `d` sizes carry a temporary disk of 37.5 GiB per vCPU (Ddsv5: 2 vCPU → 75 GiB). */
const TEMP_DISK_FAMILIES = new Set(["D", "E"]);

/** Parses a VM size name; undefined when it is not of Azure's form. */
export function parseVmSize(size: string): VmSizeInfo | undefined {
  const match = VM_SIZE_PATTERN.exec(size);
  if (!match) return undefined;
  const [, family, vcpuText, features, , version] = match;
  const vcpus = Number(vcpuText);
  let localDiskGb = KNOWN_LOCAL_DISK_GB[size];
  if (localDiskGb === undefined && TEMP_DISK_FAMILIES.has(family) && features.includes("d") && (version === "v4" || version === "v5")) {
    localDiskGb = vcpus * 37.5;
  }
  return { size, family, vcpus, features, version, gpu: family.startsWith("N"), localDiskGb };
}

/** The OS disk an AKS pool gets: ephemeral where the size's local disk holds it, managed otherwise. */
export interface OsDiskChoice {
  readonly type: "Ephemeral" | "Managed";
  readonly sizeGb: number;
}

/** OS disk size when none is requested. */
const DEFAULT_OS_DISK_GB = 128;
/** Smallest OS disk AKS nodes get by default when the local disk cannot hold {@link DEFAULT_OS_DISK_GB}. */
const SMALL_OS_DISK_GB = 64;

/**
 * Chooses the OS disk for a VM size: ephemeral (faster node starts and reimages, no disk cost) when the local disk
 * holds it, managed otherwise. Without `requestedGb` the disk is 128 GiB, or 64 GiB ephemeral when the local disk
 * holds 64 but not 128 GiB. A requested size is always honoured: a managed disk of that size when the local disk is
 * too small, never a smaller ephemeral one.
 */
export function chooseOsDisk(size: string, requestedGb?: number): OsDiskChoice {
  const local = parseVmSize(size)?.localDiskGb;
  const wanted = requestedGb ?? DEFAULT_OS_DISK_GB;
  if (local !== undefined && local >= wanted) return { type: "Ephemeral", sizeGb: wanted };
  if (requestedGb === undefined && local !== undefined && local >= SMALL_OS_DISK_GB) return { type: "Ephemeral", sizeGb: SMALL_OS_DISK_GB };
  return { type: "Managed", sizeGb: wanted };
}
