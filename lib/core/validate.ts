import { Token } from "cdktf";
import { ValidationError } from "./errors";

/**
 * Small guards used by every construct's constructor. Each returns the value it checked so it can be used inline,
 * and skips values that are unresolved tokens (they are only known at apply time).
 */

/** True when the value is (or contains) a cdktf token that cannot be checked at synth time. */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string" || typeof value === "number" || Array.isArray(value)) {
    return Token.isUnresolved(value);
  }
  return false;
}

/** Asserts `min <= value <= max`, and that the value is an integer unless `integer: false`. */
export function validateRange(
  path: string,
  value: number | undefined,
  min: number,
  max: number,
  options: { integer?: boolean } = {},
): number | undefined {
  if (value === undefined || isUnresolved(value)) return value;
  const integer = options.integer ?? true;
  if (typeof value !== "number" || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
    throw new ValidationError(path, `must be ${integer ? "a whole number" : "a number"}`, value, `use ${min} to ${max}`);
  }
  if (value < min || value > max) {
    throw new ValidationError(path, "is out of range", value, `use ${min} to ${max}`);
  }
  return value;
}

/** Asserts the value is one of `allowed`. */
export function validateEnum<T extends string>(path: string, value: T | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || isUnresolved(value)) return value;
  if (!allowed.includes(value)) {
    throw new ValidationError(path, "is not an allowed value", value, `use one of ${allowed.map((a) => `"${a}"`).join(", ")}`);
  }
  return value;
}

/** Asserts the value matches `pattern`; `rule` says in words what the pattern allows. */
export function validatePattern(path: string, value: string | undefined, pattern: RegExp, rule: string): string | undefined {
  if (value === undefined || isUnresolved(value)) return value;
  if (typeof value !== "string" || !pattern.test(value)) {
    throw new ValidationError(path, "has an invalid format", value, rule);
  }
  return value;
}

/** Asserts that a list has no repeated entries (by `key`). */
export function validateUnique<T>(path: string, items: readonly T[], key: (item: T) => string = String): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const k = key(item);
    if (seen.has(k)) {
      throw new ValidationError(`${path}[${index}]`, `repeats the entry at index ${seen.get(k)}`, k, "each entry must be unique");
    }
    seen.set(k, index);
  });
}

/** Asserts `min <= max` for a pair of bounds such as node counts. */
export function validateMinMax(path: string, min: number | undefined, max: number | undefined, minName = "min", maxName = "max"): void {
  if (min === undefined || max === undefined || isUnresolved(min) || isUnresolved(max)) return;
  if (min > max) {
    throw new ValidationError(`${path}.${minName}`, `must not exceed ${maxName} (${max})`, min, `set ${minName} <= ${maxName}`);
  }
}

/** Entra ID object, tenant and subscription IDs. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Asserts the value is a GUID; `what` names it in the message (e.g. "an Entra ID object ID"). */
export function validateGuid(path: string, value: string | undefined, what = "an Entra ID object ID"): string | undefined {
  return validatePattern(path, value, GUID_PATTERN, `use ${what} (a GUID)`);
}
