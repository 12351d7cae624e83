import { createHash } from "node:crypto";
import upstreamRules from "./data/azure-naming-rules.json";
import supplementRules from "./data/naming-rules-supplement.json";
import { ValidationError } from "./errors";
import { region as lookupRegion } from "./regions";
import { isUnresolved, validatePattern } from "./validate";

/** Azure's naming rule for one resource type (the type without its `azurerm_` prefix). */
export interface NamingRule {
  readonly name: string;
  readonly length: { readonly min: number; readonly max: number };
  /** The rule as a regular expression source (with look-ahead for the length). */
  readonly regex: string;
  /** Where the name must be unique: `global`, `subscription`, `resourceGroup`, `parent`, `assignment`. */
  readonly scope: string;
  /** Cloud Adoption Framework abbreviation, e.g. `aks`, `kv`, `st`. */
  readonly slug: string;
  /** Whether the name may contain hyphens. */
  readonly dashes: boolean;
}

interface CompiledRule extends NamingRule {
  readonly pattern: RegExp;
  readonly lowercaseOnly: boolean;
}

// The upstream data set carries regular expressions for the virtual-machine types that do not compile; they are
// skipped. The supplement adds types the data set lacks and corrects entries it gets wrong (each says why in `source`).
const BROKEN_UPSTREAM = new Set([
  "linux_virtual_machine",
  "virtual_machine",
  "windows_virtual_machine",
  "linux_virtual_machine_scale_set",
  "virtual_machine_scale_set",
  "windows_virtual_machine_scale_set",
]);

let compiled: Map<string, CompiledRule> | undefined;

function rules(): Map<string, CompiledRule> {
  if (compiled) return compiled;
  const map = new Map<string, CompiledRule>();
  for (const rule of [...(upstreamRules as NamingRule[]), ...(supplementRules as NamingRule[])]) {
    if (BROKEN_UPSTREAM.has(rule.name)) continue;
    const pattern = new RegExp(rule.regex);
    // Some upstream entries state a length the regex's own look-ahead contradicts (redis_cache: 63 vs 50); names are
    // validated against the regex, so generate within both.
    const lookahead = /^\^\(\?=\.\{(\d+),(\d+)\}\$\)/.exec(rule.regex);
    const length = lookahead
      ? { min: Math.max(rule.length.min, Number(lookahead[1])), max: Math.min(rule.length.max, Number(lookahead[2])) }
      : rule.length;
    map.set(rule.name, { ...rule, length, pattern, lowercaseOnly: !/A-Z/.test(rule.regex) });
  }
  compiled = map;
  return map;
}

/** Resource types (without `azurerm_`) the naming rules cover. */
export function namedResourceTypes(): string[] {
  return [...rules().keys()].sort();
}

/** The naming rule for a resource type such as `kubernetes_cluster` (an `azurerm_` prefix is accepted). */
export function namingRule(resourceType: string): NamingRule | undefined {
  return rules().get(resourceType.replace(/^azurerm_/, ""));
}

function ruleOrThrow(resourceType: string): CompiledRule {
  const rule = rules().get(resourceType.replace(/^azurerm_/, ""));
  if (!rule) {
    throw new ValidationError("resourceType", "has no naming rule", resourceType, "use a resource type from the naming data, without the azurerm_ prefix");
  }
  return rule;
}

/**
 * Fails unless `name` satisfies Azure's rule for `resourceType`. The message names the property path, the name and the
 * rule (length and characters). Unresolved tokens are skipped.
 */
export function validateResourceName(path: string, resourceType: string, name: string): string {
  if (isUnresolved(name)) return name;
  const rule = ruleOrThrow(resourceType);
  if (typeof name !== "string" || !rule.pattern.test(name)) {
    throw new ValidationError(
      path,
      `is not a valid ${resourceType} name`,
      name,
      `Azure allows ${rule.length.min}-${rule.length.max} characters matching ${rule.regex}`,
    );
  }
  return name;
}

/** True when `name` satisfies Azure's rule for `resourceType`. */
export function isValidResourceName(resourceType: string, name: string): boolean {
  const rule = rules().get(resourceType.replace(/^azurerm_/, ""));
  return rule !== undefined && rule.pattern.test(name);
}

/** Short, deterministic base-36 digest of the given parts. */
export function shortHash(parts: readonly string[], length: number): string {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest();
  let value = BigInt(`0x${digest.subarray(0, 12).toString("hex")}`);
  let out = "";
  while (out.length < length) {
    out += (value % 36n).toString(36);
    value /= 36n;
  }
  return out;
}

/** The context every name of one environment and region is built from. */
export interface NamingContext {
  /** Workload (application or platform) name, lowercase letters and digits, e.g. `shop`. */
  readonly workload: string;
  /** Environment name, e.g. `prod`. */
  readonly environment: string;
  /** Azure region (programmatic name); its short code goes into names. */
  readonly region: string;
  /**
   * Seed mixed into the suffix of globally unique names. Change it when another organisation already holds the
   * names your environment derives (your subscription ID is a good seed).
   * @default the workload name
   */
  readonly uniqueSeed?: string;
}

/** Options for one generated name. */
export interface NameOptions {
  /**
   * A word that tells resources of the same type apart (`system`, `aks`, `pe`).
   * @default - none
   */
  readonly qualifier?: string;
  /**
   * Instance number or label appended last (`001`).
   * @default - none
   */
  readonly instance?: string | number;
  /**
   * Append the deterministic suffix that makes a globally unique name unique.
   * @default true for resource types whose scope is `global`, false otherwise
   */
  readonly unique?: boolean;
}

const SEGMENT = /^[a-z][a-z0-9]*$/;
const UNIQUE_SUFFIX_LENGTH = 5;
const SHORTENING_HASH_LENGTH = 4;

/**
 * Builds Cloud Adoption Framework style names: `<abbreviation>-<workload>[-<qualifier>]-<env>-<region short>[-<instance>]`,
 * plus a deterministic suffix for globally unique types. Names are checked against Azure's rules; a name that would
 * be too long is shortened deterministically (workload and qualifier truncated, a hash of the full name appended, or
 * taking the place of the unique suffix) so two different long names never collapse into one.
 *
 * @example
 * const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: "westeurope" });
 * namer.name("kubernetes_cluster");  // "aks-shop-prod-weu"
 * namer.name("key_vault");           // "kv-shop-prod-weu-<5 chars>"
 * namer.name("storage_account");     // "stshopprodweu<5 chars>"
 */
export class ResourceNamer {
  public readonly context: NamingContext;
  private readonly regionCode: string;

  constructor(context: NamingContext) {
    validatePattern("naming.workload", context.workload, /^[a-z][a-z0-9]{1,15}$/, "use 2-16 lowercase letters and digits, starting with a letter");
    validatePattern("naming.environment", context.environment, /^[a-z][a-z0-9]{0,9}$/, "use 1-10 lowercase letters and digits, starting with a letter");
    this.regionCode = lookupRegion(context.region, "naming.region").shortCode;
    this.context = context;
  }

  /** A namer for the same workload and environment in another region. */
  public forRegion(regionName: string): ResourceNamer {
    return new ResourceNamer({ ...this.context, region: regionName });
  }

  /** The region's short code used in names (`weu`). */
  public get regionShortCode(): string {
    return this.regionCode;
  }

  /** Generates a valid name for `resourceType` (without `azurerm_`, e.g. `kubernetes_cluster`). */
  public name(resourceType: string, options: NameOptions = {}): string {
    const rule = ruleOrThrow(resourceType);
    if (options.qualifier !== undefined) {
      validatePattern(`${resourceType}.qualifier`, options.qualifier, SEGMENT, "use lowercase letters and digits, starting with a letter");
    }
    const unique = options.unique ?? rule.scope === "global";
    const suffix = unique
      ? shortHash([this.context.environment, this.context.region, this.context.uniqueSeed ?? this.context.workload, resourceType, options.qualifier ?? "", String(options.instance ?? "")], UNIQUE_SUFFIX_LENGTH)
      : undefined;

    const fixedHead = [rule.slug];
    const flexible = [this.context.workload, ...(options.qualifier ? [options.qualifier] : [])];
    const fixedTail = [this.context.environment, this.regionCode, ...(options.instance !== undefined ? [String(options.instance)] : []), ...(suffix ? [suffix] : [])];

    const join = (parts: string[]) => (rule.dashes ? parts.join("-") : parts.join(""));
    let candidate = join([...fixedHead, ...flexible, ...fixedTail]);
    if (candidate.length > rule.length.max) {
      candidate = this.shorten(rule, fixedHead, flexible, fixedTail, candidate, suffix !== undefined);
    }
    if (rule.lowercaseOnly) candidate = candidate.toLowerCase();
    return validateResourceName(`name(${resourceType})`, resourceType, candidate);
  }

  private shorten(rule: CompiledRule, head: string[], flexible: string[], fullTail: string[], full: string, hasSuffix: boolean): string {
    // A unique name already ends in a hash: re-derive that hash from the full name instead of appending a second one,
    // which would leave no room for the workload in the short global names (key_vault 24, dashboard_grafana 23).
    const tail = hasSuffix ? fullTail.slice(0, -1) : fullTail;
    const digest = shortHash([full], hasSuffix ? UNIQUE_SUFFIX_LENGTH : SHORTENING_HASH_LENGTH);
    const sep = rule.dashes ? 1 : 0;
    const fixedLength = [...head, ...tail, digest].reduce((n, p) => n + p.length + sep, 0) - sep;
    let budget = rule.length.max - fixedLength - flexible.length * sep;
    if (budget < flexible.length) {
      throw new ValidationError(`name(${rule.name})`, `cannot be shortened to ${rule.length.max} characters`, full, "use a shorter workload, environment or qualifier");
    }
    // Share the budget across the flexible parts, giving each at least one character.
    const trimmed = flexible.map((part, i) => {
      const remainingParts = flexible.length - i - 1;
      const take = Math.max(1, Math.min(part.length, budget - remainingParts));
      budget -= take;
      return part.slice(0, take);
    });
    const parts = [...head, ...trimmed, ...tail, digest];
    return rule.dashes ? parts.join("-") : parts.join("");
  }
}
