import { Lazy } from "cdktf";
import {
  addressAt,
  assertNoOverlap,
  assertWithin,
  carveSubnets,
  Cidr,
  cidrContains,
  cidrsOverlap,
  containsAddress,
  formatAddress,
  parseCidr,
} from "../../lib/core/cidr";
import { expectValidationError } from "../support/expect-validation-error";

const cidr = (text: string): Cidr => parseCidr("test", text);
const tokenString = () => Lazy.stringValue({ produce: () => "10.0.0.0/16" });

describe("parseCidr", () => {
  test("parses a block into its first and last address, size and prefix", () => {
    expect(parseCidr("vnet.addressSpace", "10.10.0.0/16")).toEqual({
      text: "10.10.0.0/16",
      prefix: 16,
      first: 0x0a0a0000,
      last: 0x0a0affff,
      size: 65536,
    });
  });

  test("handles the extremes /0 and /32", () => {
    expect(cidr("0.0.0.0/0")).toEqual({ text: "0.0.0.0/0", prefix: 0, first: 0, last: 0xffffffff, size: 2 ** 32 });
    expect(cidr("255.255.255.255/32")).toEqual({ text: "255.255.255.255/32", prefix: 32, first: 0xffffffff, last: 0xffffffff, size: 1 });
  });

  test("keeps addresses above 128.0.0.0 unsigned", () => {
    const block = cidr("192.168.4.0/22");
    expect(block.first).toBe(0xc0a80400);
    expect(block.last).toBe(0xc0a807ff);
    expect(block.first).toBeGreaterThan(0);
  });

  test("fails when host bits are set, suggesting the network address", () => {
    const error = expectValidationError(
      () => parseCidr("network.addressSpace", "10.0.0.5/16"),
      'network.addressSpace: has host bits set (got "10.0.0.5/16"); use the network address "10.0.0.0/16"',
    );
    expect(error.path).toBe("network.addressSpace");
    expect(error.value).toBe("10.0.0.5/16");
  });

  test("fails when host bits are set in a high block", () => {
    expectValidationError(
      () => parseCidr("subnets.aks", "172.16.10.128/23"),
      'subnets.aks: has host bits set (got "172.16.10.128/23"); use the network address "172.16.10.0/23"',
    );
  });

  test("fails when the block is IPv6", () => {
    expectValidationError(
      () => parseCidr("network.addressSpace", "fd00::/8"),
      'network.addressSpace: is an IPv6 block (got "fd00::/8"); only IPv4 blocks are supported here',
    );
  });

  test("fails when the block is an IPv4-mapped IPv6 block", () => {
    expectValidationError(
      () => parseCidr("p", "::ffff:10.0.0.0/104"),
      'p: is an IPv6 block (got "::ffff:10.0.0.0/104"); only IPv4 blocks are supported here',
    );
  });

  test.each(["not-a-cidr", "", "10.0.0.0", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.256/24", " 10.0.0.0/16", "10.0.0.0/16 "])(
    "fails when the text is not a CIDR block: %j",
    (text) => {
      expectValidationError(
        () => parseCidr("network.addressSpace", text),
        `network.addressSpace: is not a valid CIDR block (got ${JSON.stringify(text)}); use IPv4 CIDR notation such as "10.10.0.0/16"`,
      );
    },
  );

  // ipaddr.js reads these inet_aton spellings as other addresses ("010.0.0.0" is octal 8.0.0.0); Azure reads them
  // differently or not at all, so the library must not accept them.
  test.each(["010.0.0.0/8", "10.1/16", "0xa.0.0.0/8", "167772160/8"])("fails when the address is not four decimal octets: %j", (text) => {
    expectValidationError(
      () => parseCidr("network.addressSpace", text),
      `network.addressSpace: is not a valid CIDR block (got ${JSON.stringify(text)}); use IPv4 CIDR notation such as "10.10.0.0/16"`,
    );
  });

  test("fails when the value is not a string", () => {
    expectValidationError(
      () => parseCidr("network.addressSpace", 10 as unknown as string),
      'network.addressSpace: is not a valid CIDR block (got 10); use IPv4 CIDR notation such as "10.10.0.0/16"',
    );
  });
});

describe("formatAddress", () => {
  test("formats unsigned 32-bit integers as dotted quads", () => {
    expect(formatAddress(0)).toBe("0.0.0.0");
    expect(formatAddress(0x0a0a0001)).toBe("10.10.0.1");
    expect(formatAddress(0xc0a80aff)).toBe("192.168.10.255");
    expect(formatAddress(0xffffffff)).toBe("255.255.255.255");
  });
});

describe("cidrsOverlap and cidrContains", () => {
  test("adjacent blocks neither overlap nor contain each other", () => {
    const a = cidr("10.0.0.0/24");
    const b = cidr("10.0.1.0/24");
    expect(cidrsOverlap(a, b)).toBe(false);
    expect(cidrsOverlap(b, a)).toBe(false);
    expect(cidrContains(a, b)).toBe(false);
  });

  test("a nested block overlaps and is contained, but not the other way round", () => {
    const outer = cidr("10.0.0.0/16");
    const inner = cidr("10.0.128.0/17");
    expect(cidrsOverlap(outer, inner)).toBe(true);
    expect(cidrsOverlap(inner, outer)).toBe(true);
    expect(cidrContains(outer, inner)).toBe(true);
    expect(cidrContains(inner, outer)).toBe(false);
  });

  test("a block contains and overlaps itself", () => {
    const block = cidr("172.16.0.0/12");
    expect(cidrContains(block, block)).toBe(true);
    expect(cidrsOverlap(block, block)).toBe(true);
  });

  test("blocks sharing only the last address of one overlap", () => {
    const wide = cidr("10.0.0.0/23"); // 10.0.0.0 - 10.0.1.255
    const single = cidr("10.0.1.255/32");
    expect(cidrsOverlap(wide, single)).toBe(true);
    expect(cidrContains(wide, single)).toBe(true);
    expect(cidrsOverlap(wide, cidr("10.0.2.0/32"))).toBe(false);
  });

  test("disjoint blocks in different private ranges do not overlap", () => {
    expect(cidrsOverlap(cidr("10.0.0.0/8"), cidr("192.168.0.0/16"))).toBe(false);
  });
});

describe("assertNoOverlap", () => {
  test("accepts disjoint blocks", () => {
    expect(() =>
      assertNoOverlap([
        { path: "regions[0].addressSpace", cidr: "10.10.0.0/16" },
        { path: "regions[1].addressSpace", cidr: "10.20.0.0/16" },
        { path: "aks.serviceCidr", cidr: "172.16.0.0/16" },
      ]),
    ).not.toThrow();
  });

  test("accepts an empty list and a single entry", () => {
    expect(() => assertNoOverlap([])).not.toThrow();
    expect(() => assertNoOverlap([{ path: "a", cidr: "10.0.0.0/8" }])).not.toThrow();
  });

  test("fails when two blocks overlap, naming both paths", () => {
    const error = expectValidationError(
      () =>
        assertNoOverlap([
          { path: "regions[0].addressSpace", cidr: "10.10.0.0/16" },
          { path: "aks.podCidr", cidr: "10.10.128.0/17" },
        ]),
      'aks.podCidr: overlaps regions[0].addressSpace (10.10.0.0/16) (got "10.10.128.0/17"); choose address ranges that do not overlap',
    );
    expect(error.path).toBe("aks.podCidr");
  });

  test("fails when the first and the last of several blocks overlap", () => {
    expectValidationError(
      () =>
        assertNoOverlap([
          { path: "vnet", cidr: "10.0.0.0/16" },
          { path: "services", cidr: "172.16.0.0/16" },
          { path: "pods", cidr: "10.0.0.0/8" },
        ]),
      'pods: overlaps vnet (10.0.0.0/16) (got "10.0.0.0/8"); choose address ranges that do not overlap',
    );
  });

  test("skips unresolved tokens", () => {
    expect(() =>
      assertNoOverlap([
        { path: "vnet", cidr: "10.0.0.0/16" },
        { path: "fromVariable", cidr: tokenString() },
      ]),
    ).not.toThrow();
  });

  test("fails when an entry is not a CIDR block, naming its path", () => {
    expectValidationError(
      () =>
        assertNoOverlap([
          { path: "vnet", cidr: "10.0.0.0/16" },
          { path: "aks.serviceCidr", cidr: "10.0.0.1/16" },
        ]),
      'aks.serviceCidr: has host bits set (got "10.0.0.1/16"); use the network address "10.0.0.0/16"',
    );
  });
});

describe("assertWithin", () => {
  test("accepts a block inside another and a block equal to it", () => {
    expect(() => assertWithin("subnets.aks", "10.10.0.0/20", "vnet.addressSpace", "10.10.0.0/16")).not.toThrow();
    expect(() => assertWithin("subnets.aks", "10.10.0.0/16", "vnet.addressSpace", "10.10.0.0/16")).not.toThrow();
  });

  test("fails when the block lies outside, naming both paths", () => {
    expectValidationError(
      () => assertWithin("subnets.aks", "10.11.0.0/20", "vnet.addressSpace", "10.10.0.0/16"),
      'subnets.aks: is not inside vnet.addressSpace (10.10.0.0/16) (got "10.11.0.0/20"); choose a block within 10.10.0.0/16',
    );
  });

  test("fails when the block only partly overlaps", () => {
    expectValidationError(
      () => assertWithin("subnets.aks", "10.10.0.0/15", "vnet.addressSpace", "10.10.0.0/16"),
      'subnets.aks: is not inside vnet.addressSpace (10.10.0.0/16) (got "10.10.0.0/15"); choose a block within 10.10.0.0/16',
    );
  });

  test("skips when either block is an unresolved token", () => {
    expect(() => assertWithin("subnets.aks", tokenString(), "vnet.addressSpace", "192.168.0.0/24")).not.toThrow();
    expect(() => assertWithin("subnets.aks", "10.0.0.0/8", "vnet.addressSpace", tokenString())).not.toThrow();
  });

  test("fails when the outer block is invalid, naming the outer path", () => {
    expectValidationError(
      () => assertWithin("subnets.aks", "10.10.0.0/20", "vnet.addressSpace", "10.10.0.0"),
      'vnet.addressSpace: is not a valid CIDR block (got "10.10.0.0"); use IPv4 CIDR notation such as "10.10.0.0/16"',
    );
  });
});

describe("carveSubnets", () => {
  test("carves consecutive blocks, aligning each to its own size", () => {
    const plan = carveSubnets("vnet", cidr("10.0.0.0/16"), [
      { name: "system", prefix: 24 },
      { name: "endpoints", prefix: 26 },
      { name: "user", prefix: 22 },
      { name: "bastion", prefix: 26 },
    ]);
    expect(Object.fromEntries(Object.entries(plan).map(([name, block]) => [name, block.text]))).toEqual({
      system: "10.0.0.0/24",
      endpoints: "10.0.1.0/26",
      user: "10.0.4.0/22", // 10.0.1.64 rounded up to the next /22 boundary
      bastion: "10.0.8.0/26",
    });
  });

  test("every carved block is aligned, inside the parent and disjoint from the others", () => {
    const parent = cidr("10.20.0.0/16");
    const requests = [20, 29, 24, 21, 27, 23, 28, 22].map((prefix, i) => ({ name: `s${i}`, prefix }));
    const blocks = Object.values(carveSubnets("vnet", parent, requests));
    expect(blocks).toHaveLength(requests.length);
    blocks.forEach((block, i) => {
      expect(block.prefix).toBe(requests[i].prefix);
      expect(block.first % block.size).toBe(0);
      expect(cidrContains(parent, block)).toBe(true);
      blocks.slice(i + 1).forEach((other) => expect(cidrsOverlap(block, other)).toBe(false));
    });
  });

  test("packs largest-first blocks without gaps, filling the parent exactly", () => {
    const plan = carveSubnets("vnet", cidr("192.168.0.0/24"), [
      { name: "a", prefix: 25 },
      { name: "b", prefix: 26 },
      { name: "c", prefix: 27 },
      { name: "d", prefix: 28 },
      { name: "e", prefix: 29 },
      { name: "f", prefix: 29 },
    ]);
    expect(Object.values(plan).map((b) => b.text)).toEqual([
      "192.168.0.0/25",
      "192.168.0.128/26",
      "192.168.0.192/27",
      "192.168.0.224/28",
      "192.168.0.240/29",
      "192.168.0.248/29",
    ]);
  });

  test("is deterministic", () => {
    const requests = [
      { name: "aks", prefix: 20 },
      { name: "pe", prefix: 24 },
    ];
    expect(carveSubnets("vnet", cidr("10.1.0.0/16"), requests)).toEqual(carveSubnets("vnet", cidr("10.1.0.0/16"), requests));
  });

  test("returns an empty plan for no requests", () => {
    expect(carveSubnets("vnet", cidr("10.1.0.0/16"), [])).toEqual({});
  });

  test("can carve the whole parent as one block", () => {
    expect(carveSubnets("vnet", cidr("10.1.0.0/24"), [{ name: "all", prefix: 24 }]).all.text).toBe("10.1.0.0/24");
  });

  test("fails when the parent is too small for the plan, naming the request that does not fit", () => {
    const error = expectValidationError(
      () =>
        carveSubnets("network.addressSpace", cidr("10.0.0.0/24"), [
          { name: "a", prefix: 25 },
          { name: "b", prefix: 25 },
          { name: "c", prefix: 28 },
        ]),
      'network.addressSpace: is too small for the subnet plan (needs room for "c" /28) (got "10.0.0.0/24"); use a larger address space',
    );
    expect(error.path).toBe("network.addressSpace");
  });

  test("fails when blocks fit only by back-filling an alignment gap, which the in-order carving does not do", () => {
    // "small" takes 10.0.0.0/26, "big" is aligned to 10.0.0.128/25, leaving 10.0.0.64-127 unused; "tail" would need
    // that gap, but blocks are carved in order, so it does not fit.
    expectValidationError(
      () =>
        carveSubnets("vnet", cidr("10.0.0.0/24"), [
          { name: "small", prefix: 26 },
          { name: "big", prefix: 25 },
          { name: "tail", prefix: 27 },
        ]),
      'vnet: is too small for the subnet plan (needs room for "tail" /27) (got "10.0.0.0/24"); use a larger address space',
    );
  });

  test("fails when a request is larger than the parent", () => {
    expectValidationError(
      () => carveSubnets("vnet", cidr("10.0.0.0/16"), [{ name: "huge", prefix: 15 }]),
      "vnet.huge: cannot carve a /15 from 10.0.0.0/16 (got 15); use a prefix from 16 to 29",
    );
  });

  test("fails when a request is smaller than Azure's smallest subnet (/29)", () => {
    expectValidationError(
      () => carveSubnets("vnet", cidr("10.0.0.0/16"), [{ name: "tiny", prefix: 30 }]),
      "vnet.tiny: cannot carve a /30 from 10.0.0.0/16 (got 30); use a prefix from 16 to 29",
    );
  });
});

describe("addressAt", () => {
  test("returns the address at an offset from the start of the block", () => {
    const block = cidr("172.16.0.0/16");
    expect(addressAt(block, 0)).toBe("172.16.0.0");
    expect(addressAt(block, 10)).toBe("172.16.0.10");
    expect(addressAt(block, 256)).toBe("172.16.1.0");
    expect(addressAt(block, block.size - 1)).toBe("172.16.255.255");
  });

  test("fails when the offset is outside the block", () => {
    const block = cidr("172.16.0.0/30");
    expect(() => addressAt(block, 4)).toThrow("offset 4 is outside 172.16.0.0/30 (0-3)");
    expect(() => addressAt(block, -1)).toThrow("offset -1 is outside 172.16.0.0/30 (0-3)");
  });
});

describe("containsAddress", () => {
  const block = cidr("10.10.4.0/22");

  test("is true for addresses in the block, boundaries included", () => {
    expect(containsAddress(block, "10.10.4.0")).toBe(true);
    expect(containsAddress(block, "10.10.5.17")).toBe(true);
    expect(containsAddress(block, "10.10.7.255")).toBe(true);
  });

  test("is false for addresses just outside the block", () => {
    expect(containsAddress(block, "10.10.3.255")).toBe(false);
    expect(containsAddress(block, "10.10.8.0")).toBe(false);
  });

  test("is false for text that is not a dotted IPv4 address", () => {
    expect(containsAddress(block, "10.10.5")).toBe(false);
    expect(containsAddress(block, "010.010.004.001")).toBe(false);
    expect(containsAddress(block, "10.10.4.0/24")).toBe(false);
    expect(containsAddress(block, "fd00::1")).toBe(false);
    expect(containsAddress(block, "")).toBe(false);
  });

  test("works for addresses above 128.0.0.0", () => {
    expect(containsAddress(cidr("192.168.0.0/16"), "192.168.200.1")).toBe(true);
    expect(containsAddress(cidr("192.168.0.0/16"), "192.169.0.0")).toBe(false);
  });
});
