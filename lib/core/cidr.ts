import * as ipaddr from "ipaddr.js";
import { ValidationError } from "./errors";
import { isUnresolved } from "./validate";

/** A parsed IPv4 CIDR block. Addresses are unsigned 32-bit integers. */
export interface Cidr {
  /** The block as written, normalised (e.g. `10.10.0.0/16`). */
  readonly text: string;
  /** Prefix length (0–32). */
  readonly prefix: number;
  /** First address of the block (the network address). */
  readonly first: number;
  /** Last address of the block (the broadcast address). */
  readonly last: number;
  /** Number of addresses in the block. */
  readonly size: number;
}

function toInt(address: ipaddr.IPv4): number {
  const [a, b, c, d] = address.octets;
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

/** Formats an unsigned 32-bit integer as a dotted IPv4 address. */
export function formatAddress(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

function make(first: number, prefix: number): Cidr {
  const size = 2 ** (32 - prefix);
  return { text: `${formatAddress(first)}/${prefix}`, prefix, first, last: first + size - 1, size };
}

/**
 * Parses an IPv4 CIDR block. Fails with the property path when the text is not a CIDR, is IPv6, or has host bits set
 * (`10.0.0.5/16` is ambiguous: Azure stores `10.0.0.0/16`, so write that).
 */
export function parseCidr(path: string, value: string): Cidr {
  if (typeof value !== "string" || !ipaddr.isValidCIDR(value)) {
    throw new ValidationError(path, "is not a valid CIDR block", value, 'use IPv4 CIDR notation such as "10.10.0.0/16"');
  }
  const [address, prefix] = ipaddr.parseCIDR(value);
  if (address.kind() !== "ipv4") {
    throw new ValidationError(path, "is an IPv6 block", value, "only IPv4 blocks are supported here");
  }
  // ipaddr.js also reads inet_aton forms ("010.0.0.0" is octal 8.0.0.0, "10.1", "0xa.0.0.0"); Azure does not, so the
  // block would mean one range here and another in Azure.
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(value)) {
    throw new ValidationError(path, "is not a valid CIDR block", value, 'use IPv4 CIDR notation such as "10.10.0.0/16"');
  }
  const v4 = address as ipaddr.IPv4;
  const start = toInt(v4);
  const size = 2 ** (32 - prefix);
  const network = prefix === 0 ? 0 : Math.floor(start / size) * size;
  if (network !== start) {
    throw new ValidationError(path, "has host bits set", value, `use the network address "${formatAddress(network)}/${prefix}"`);
  }
  return make(network, prefix);
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.first <= inner.first && inner.last <= outer.last;
}

/** A CIDR value together with the property path it came from, for error messages. */
export interface CidrAtPath {
  readonly path: string;
  readonly cidr: string;
}

/**
 * Fails when any two of the given blocks overlap, naming both paths. Unresolved tokens are skipped.
 */
export function assertNoOverlap(entries: readonly CidrAtPath[]): void {
  const parsed = entries
    .filter((e) => !isUnresolved(e.cidr))
    .map((e) => ({ path: e.path, block: parseCidr(e.path, e.cidr) }));
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (cidrsOverlap(parsed[i].block, parsed[j].block)) {
        throw new ValidationError(
          parsed[j].path,
          `overlaps ${parsed[i].path} (${parsed[i].block.text})`,
          parsed[j].block.text,
          "choose address ranges that do not overlap",
        );
      }
    }
  }
}

/** Fails unless `inner` lies within `outer`. */
export function assertWithin(path: string, inner: string, outerPath: string, outer: string): void {
  if (isUnresolved(inner) || isUnresolved(outer)) return;
  const a = parseCidr(path, inner);
  const b = parseCidr(outerPath, outer);
  if (!cidrContains(b, a)) {
    throw new ValidationError(path, `is not inside ${outerPath} (${b.text})`, a.text, `choose a block within ${b.text}`);
  }
}

/** A request for one block of a subnet plan. */
export interface SubnetRequest {
  readonly name: string;
  /** Prefix length of the block to carve, e.g. 24. */
  readonly prefix: number;
}

/**
 * Carves consecutive, aligned blocks out of `parent` in the order given (largest first gives the tightest packing).
 * Deterministic: the same input always yields the same plan. Fails when the blocks do not fit.
 */
export function carveSubnets(path: string, parent: Cidr, requests: readonly SubnetRequest[]): Record<string, Cidr> {
  const plan: Record<string, Cidr> = {};
  let cursor = parent.first;
  for (const request of requests) {
    if (request.prefix < parent.prefix || request.prefix > 29) {
      throw new ValidationError(
        `${path}.${request.name}`,
        `cannot carve a /${request.prefix} from ${parent.text}`,
        request.prefix,
        `use a prefix from ${parent.prefix} to 29`,
      );
    }
    const size = 2 ** (32 - request.prefix);
    const start = Math.ceil(cursor / size) * size;
    if (start + size - 1 > parent.last) {
      throw new ValidationError(path, `is too small for the subnet plan (needs room for "${request.name}" /${request.prefix})`, parent.text, "use a larger address space");
    }
    plan[request.name] = make(start, request.prefix);
    cursor = start + size;
  }
  return plan;
}

/** The address `offset` places after the start of the block (e.g. offset 10 of 172.16.0.0/16 is 172.16.0.10). */
export function addressAt(block: Cidr, offset: number): string {
  if (!Number.isInteger(offset) || offset < 0 || offset >= block.size) {
    throw new RangeError(`offset ${offset} is outside ${block.text} (0-${block.size - 1})`);
  }
  return formatAddress(block.first + offset);
}

/** True when `address` (a dotted IPv4 address) lies within the block. */
export function containsAddress(block: Cidr, address: string): boolean {
  if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return false;
  const value = toInt(ipaddr.IPv4.parse(address));
  return block.first <= value && value <= block.last;
}
