/**
 * The one error class for invalid input to this library's constructs and configuration.
 *
 * Every message names the property path, the value given and what is allowed, for example
 * `aks.nodePools.gpu.vmSize: GPU pools need a GPU VM size (got "Standard_D4ds_v5"); use an N-series size such as "Standard_NC4as_T4_v3"`.
 * Catch it (or test for it) with `instanceof ValidationError`.
 */
export class ValidationError extends Error {
  /** Dotted path of the offending property, e.g. `regions[1].addressSpace`. */
  public readonly path: string;
  /** The value that was given. */
  public readonly value: unknown;
  /** What is wrong, without the path and value. */
  public readonly problem: string;
  /** What is allowed instead, if the message says. */
  public readonly allowed?: string;

  constructor(path: string, problem: string, value: unknown, allowed?: string) {
    const allowedPart = allowed ? `; ${allowed}` : "";
    super(`${path}: ${problem} (got ${describeValue(value)})${allowedPart}`);
    this.name = "ValidationError";
    this.path = path;
    this.value = value;
    this.problem = problem;
    this.allowed = allowed;
  }

  /**
   * Runs `fn`, re-throwing its validation errors with `prefix` in front of their paths, so an error raised deep in a
   * construct names the place in the environment config it came from (`environments.prod.westeurope.aks.zones`).
   */
  public static within<T>(prefix: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ValidationError && !error.path.startsWith(`${prefix}.`)) {
        throw new ValidationError(`${prefix}.${error.path}`, error.problem, error.value, error.allowed);
      }
      throw error;
    }
  }
}

/** Renders a value for an error message: JSON for plain data, a short tag for anything else. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  // JSON renders NaN and ±Infinity as null, which would hide the value actually given.
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 197)}...` : text;
  } catch {
    return String(value);
  }
}
