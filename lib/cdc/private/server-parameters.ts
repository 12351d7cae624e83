import { PostgresqlFlexibleServerConfiguration } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration";
import { ValidationError } from "../../core/errors";
import { isUnresolved } from "../../core/validate";
import { PostgresFlexibleServer } from "../../data/postgresql-flexible-server";

/** How a parameter the pipeline needs combines with a value already set on the server. */
export type ParameterRequirement =
  /** The value must be exactly this. */
  | { readonly kind: "exact"; readonly value: string }
  /**
   * A whole number of at least `minimum`; `value` is what the pipeline sets when nobody else did. With `explicit`, the
   * caller asked for `value` in so many words, so a different value already on the server is a conflict.
   */
  | { readonly kind: "atLeast"; readonly value: number; readonly minimum: number; readonly explicit?: { readonly path: string } }
  /** A comma-separated list that must contain `items`; `base` is Azure's default the list starts from. */
  | { readonly kind: "list"; readonly items: readonly string[]; readonly base: readonly string[] };

/** What {@link applyParameter} will do: add the parameter, keep the one set, or extend its list. */
export interface ParameterPlan {
  readonly name: string;
  readonly existing?: PostgresqlFlexibleServerConfiguration;
  /** The value the parameter ends up with. */
  readonly value: string;
}

/**
 * Decides how to meet `requirement` for parameter `name` without changing anything: a new parameter, or, when the
 * parameter is already set (by the caller or by another pipeline on the same server), a check that the value meets the
 * requirement and, for lists, the items to add. Never lowers or overrides a value set elsewhere: a conflict is a
 * {@link ValidationError} naming both.
 */
export function planParameter(path: string, server: PostgresFlexibleServer, name: string, requirement: ParameterRequirement): ParameterPlan {
  const found = server.node.tryFindChild(`Parameter${name}`);
  const at = `${path}.${name}`;
  if (!(found instanceof PostgresqlFlexibleServerConfiguration)) {
    const value =
      requirement.kind === "exact" ? requirement.value : requirement.kind === "atLeast" ? String(requirement.value) : mergeList([...requirement.base], requirement.items).join(",");
    return { name, value };
  }
  const current = found.valueInput;
  if (current === undefined || isUnresolved(current)) {
    throw new ValidationError(at, "is already set on the server to a value only known at apply time, so the pipeline cannot check it", "an unresolved token", `set it to a literal value${describe(requirement)}`);
  }
  switch (requirement.kind) {
    case "exact":
      if (current.toLowerCase() !== requirement.value) {
        throw new ValidationError(at, `is already set on the server, but change data capture needs "${requirement.value}"`, current, `set it to "${requirement.value}" or drop it from the server's parameters`);
      }
      return { name, existing: found, value: current };
    case "atLeast": {
      const number = Number(current);
      if (!Number.isInteger(number) || number < requirement.minimum) {
        throw new ValidationError(at, `is already set on the server below what change data capture needs (${requirement.minimum})`, current, `set it to ${requirement.minimum} or more, or drop it from the server's parameters`);
      }
      if (requirement.explicit && number !== requirement.value) {
        throw new ValidationError(requirement.explicit.path, `asks for ${name} = ${requirement.value}, but the server already sets it to ${current}`, requirement.value, `drop the prop to keep ${current}, or change the server's parameter`);
      }
      return { name, existing: found, value: current };
    }
    case "list": {
      const items = current.split(",").map((item) => item.trim()).filter((item) => item.length > 0);
      return { name, existing: found, value: mergeList(items, requirement.items).join(",") };
    }
  }
}

/** Carries out a plan: adds the parameter through `server.addParameter`, or updates the list of the one already set. */
export function applyParameter(server: PostgresFlexibleServer, plan: ParameterPlan): PostgresqlFlexibleServerConfiguration {
  if (!plan.existing) return server.addParameter(plan.name, plan.value);
  if (plan.existing.valueInput !== plan.value) plan.existing.value = plan.value;
  return plan.existing;
}

function mergeList(items: string[], required: readonly string[]): string[] {
  const merged = [...items];
  for (const item of required) if (!merged.includes(item)) merged.push(item);
  return merged;
}

function describe(requirement: ParameterRequirement): string {
  switch (requirement.kind) {
    case "exact":
      return ` ("${requirement.value}")`;
    case "atLeast":
      return ` (${requirement.minimum} or more)`;
    case "list":
      return ` that lists ${requirement.items.join(", ")}`;
  }
}
