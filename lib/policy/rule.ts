/**
 * The shape of a policy rule and the small helpers rules are written with.
 *
 * A rule is a function of one resource's synthesized configuration (the snake_case attribute map that lands in
 * `cdk.tf.json`, with references rendered as `${type.name.attribute}`), optionally looking at the other resources of
 * the stack for cross-resource rules (a private endpoint for a vault, diagnostic settings for a cache). It answers
 * compliant, non-compliant or not applicable.
 *
 * @module
 */
import { ValidationError } from "../core/errors";

/** How bad a non-compliant resource is: `error` fails `cdktf synth`, `warning` is printed. */
export type PolicySeverity = "error" | "warning";

/** The answer of a rule for one resource. */
export type RuleResult = "compliant" | "non-compliant" | "not-applicable";

/** A rule's answer with an optional detail (what was found), shown in annotations and reports. */
export interface RuleOutcome {
  readonly result: RuleResult;
  /** What the rule found, e.g. `public_network_access_enabled is true`. */
  readonly detail?: string;
}

/** One synthesized Terraform resource, as rules see it. */
export interface PolicyResource {
  /** Terraform resource type, e.g. `azurerm_redis_cache`. */
  readonly type: string;
  /** Terraform local name (the construct's logical ID), e.g. `Data_Redis_9EC1F48D`. */
  readonly name: string;
  /** Terraform address, `<type>.<name>`. */
  readonly address: string;
  /** Construct path of the resource, e.g. `prod-westeurope-platform/Data/Redis/Resource`. */
  readonly path: string;
  /** The synthesized attributes (snake_case, as in `cdk.tf.json`), without cdktf's `//` metadata. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** What a rule may know beyond its own resource: the other resources of the same stack. */
export interface PolicyContext {
  /** Name of the stack being checked. */
  readonly stackName: string;
  /** Every resource of the stack, in synthesis order. */
  readonly resources: readonly PolicyResource[];
  /** The resources of one type. */
  ofType(type: string): readonly PolicyResource[];
  /**
   * The resources whose configuration references `resource` (an expression `${<type>.<name>.…}` anywhere in their
   * attributes), optionally only those of the given types.
   */
  referrersOf(resource: PolicyResource, ...types: string[]): readonly PolicyResource[];
}

/** One rule of a policy pack. */
export interface PolicyRule {
  /** Stable identifier, `AZ-<AREA>-<NNN>`, e.g. `AZ-AKS-001`. Suppressions and reports name rules by it. */
  readonly id: string;
  /** Terraform resource types the rule looks at. */
  readonly resourceTypes: readonly string[];
  /** `error` fails synthesis; `warning` is printed. */
  readonly severity: PolicySeverity;
  /** What the rule requires, in one line. */
  readonly title: string;
  /** Why: the risk a non-compliant resource carries. */
  readonly description: string;
  /** How to make the resource compliant (a library prop, or the azurerm 4.x attribute). */
  readonly fix: string;
  /**
   * Checks of widely used scanners that test the same thing (checkov `CKV_AZURE_*`/`CKV2_AZURE_*`/`CKV_K8S_*`, trivy
   * `AVD-AZU-*`), verified against the scanners' source. Empty when no scanner has an equivalent check.
   * @default - none
   */
  readonly scannerEquivalent?: readonly string[];
  /**
   * How the scanner checks differ, e.g. that one reads an azurerm 3.x attribute and passes silently on 4.x.
   * @default - none
   */
  readonly scannerNote?: string;
  /** The check: a function of one resource's synthesized configuration (and, for cross-resource rules, the stack). */
  readonly check: (resource: PolicyResource, context: PolicyContext) => RuleResult | RuleOutcome;
}

/** Rule IDs: `AZ-`, an area of capitals and digits, a three-digit number. */
export const RULE_ID_PATTERN = /^AZ-[A-Z0-9]+-\d{3}$/;

/** Declares a rule, checking its metadata (the ID format, a non-empty fix, at least one resource type). */
export function defineRule(rule: PolicyRule): PolicyRule {
  if (!RULE_ID_PATTERN.test(rule.id)) {
    throw new ValidationError("policy.rule.id", "is not a rule ID", rule.id, 'use "AZ-<AREA>-<NNN>", e.g. "AZ-AKS-001"');
  }
  if (rule.resourceTypes.length === 0) {
    throw new ValidationError(`policy.rules.${rule.id}.resourceTypes`, "is empty", rule.resourceTypes, "name the Terraform resource types the rule checks");
  }
  for (const [field, text] of [["title", rule.title], ["description", rule.description], ["fix", rule.fix]] as const) {
    if (text.trim().length === 0) throw new ValidationError(`policy.rules.${rule.id}.${field}`, "is empty", text, `say the rule's ${field}`);
  }
  return Object.freeze({ ...rule, resourceTypes: Object.freeze([...rule.resourceTypes]), scannerEquivalent: Object.freeze([...(rule.scannerEquivalent ?? [])]) });
}

/** A compliant outcome. */
export function pass(detail?: string): RuleOutcome {
  return { result: "compliant", detail };
}

/** A non-compliant outcome; `detail` says what was found. */
export function fail(detail: string): RuleOutcome {
  return { result: "non-compliant", detail };
}

/** The rule does not apply to this resource (another SKU, another kind of object, a value known only at apply time). */
export function notApplicable(detail?: string): RuleOutcome {
  return { result: "not-applicable", detail };
}

/** Normalises what a check returned. */
export function toOutcome(value: RuleResult | RuleOutcome): RuleOutcome {
  return typeof value === "string" ? { result: value } : value;
}

/** True for a Terraform expression (`${…}`): a value known only at apply time, or a reference to another resource. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/**
 * Reads an attribute by dotted path (`network_profile.network_policy`). Nested blocks are objects or lists in the
 * synthesized JSON depending on the schema; a list on the way is read through its first element.
 */
export function attr(config: unknown, path: string): unknown {
  let current: unknown = config;
  for (const key of path.split(".")) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A nested block or list of blocks as a list (a single block becomes a one-element list). */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v));
}

/** A list attribute of strings (an absent attribute is an empty list). */
export function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === "string");
}

/**
 * Checks a boolean attribute against the value it must have. `defaultValue` is what azurerm 4.x assumes when the
 * attribute is absent. A Terraform expression cannot be checked at synth and is not applicable.
 */
export function expectBool(config: unknown, path: string, expected: boolean, defaultValue: boolean): RuleOutcome {
  const value = attr(config, path);
  if (isExpression(value)) return notApplicable(`${path} is known only at apply time`);
  const actual = value === undefined || value === null ? defaultValue : value;
  if (actual === expected) return pass();
  return fail(`${path} is ${value === undefined ? `unset (azurerm default ${String(defaultValue)})` : JSON.stringify(actual)}`);
}

/** Checks that an attribute is one of `allowed`; an absent attribute takes `defaultValue`. */
export function expectOneOf(config: unknown, path: string, allowed: readonly unknown[], defaultValue?: unknown): RuleOutcome {
  const value = attr(config, path);
  if (isExpression(value)) return notApplicable(`${path} is known only at apply time`);
  const actual = value === undefined || value === null ? defaultValue : value;
  if (allowed.includes(actual)) return pass();
  return fail(`${path} is ${value === undefined ? `unset${defaultValue === undefined ? "" : ` (azurerm default ${JSON.stringify(defaultValue)})`}` : JSON.stringify(actual)}`);
}

const EXPRESSION = /\$\{[^}]*\}/g;
const ADDRESS = /(?:^|[^A-Za-z0-9_.])([a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+)\./g;

/** The `<type>.<name>` addresses that the Terraform expressions in `value` (however nested) refer to. */
export function referencedAddresses(value: unknown): Set<string> {
  const found = new Set<string>();
  for (const expression of JSON.stringify(value ?? null).match(EXPRESSION) ?? []) {
    for (const match of expression.matchAll(ADDRESS)) found.add(match[1]);
  }
  return found;
}

/** True when `value` (any attribute, however nested) holds a Terraform expression that refers to the given resource. */
export function referencesResource(value: unknown, target: Pick<PolicyResource, "address">): boolean {
  return referencedAddresses(value).has(target.address);
}
