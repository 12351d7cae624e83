import { ValidationError } from "../../core/errors";
import { isUnresolved } from "../../core/validate";

/** Asserts that a number is one of `allowed` (messaging units, processing units, partitions). */
export function validateChoice<T extends number>(path: string, value: number, allowed: readonly T[]): T {
  if (!isUnresolved(value) && !allowed.includes(value as T)) {
    throw new ValidationError(path, "is not an allowed value", value, `use one of ${allowed.join(", ")}`);
  }
  return value as T;
}
