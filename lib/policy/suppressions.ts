import { IConstruct } from "constructs";
import { ValidationError } from "../core/errors";
import { RULE_ID_PATTERN } from "./rule";

/** Metadata type under which suppressions are stored on a construct. */
export const SUPPRESSION_METADATA_TYPE = "azure-blueprints/policy-suppression";

/** The shortest reason a suppression may carry: enough for a sentence, not for "n/a" or "TODO". */
export const MIN_SUPPRESSION_REASON_LENGTH = 10;

/** A rule switched off for a construct and everything below it, with the reason why. */
export interface PolicySuppression {
  /** The rule, e.g. `AZ-SB-003`. */
  readonly ruleId: string;
  /** Why the finding is acceptable here: read by reviewers and written to the policy report. */
  readonly reason: string;
  /** Construct path of the scope the suppression was added to. */
  readonly scope: string;
}

/**
 * Suppresses a rule for a construct and every resource below it (a stack suppresses it for the whole stack). The reason
 * is mandatory and appears in the stack's policy report next to the suppressed finding, so write it for the reviewer:
 * what makes the exception acceptable here, and where it is documented.
 *
 * @example
 * suppress(platform.data.serviceBus, "AZ-SB-003", "dev preset: Standard namespaces have no private endpoints; access is Entra ID only");
 */
export function suppress(scope: IConstruct, ruleId: string, reason: string): PolicySuppression {
  const path = `policy.suppressions[${JSON.stringify(ruleId)}]`;
  if (typeof ruleId !== "string" || !RULE_ID_PATTERN.test(ruleId)) {
    throw new ValidationError(`${path}.ruleId`, "is not a rule ID", ruleId, 'use the ID of a rule of the pack, e.g. "AZ-AKS-001"');
  }
  if (typeof reason !== "string" || reason.trim().length < MIN_SUPPRESSION_REASON_LENGTH) {
    throw new ValidationError(`${path}.reason`, "is too short to explain the exception", reason, `write at least ${MIN_SUPPRESSION_REASON_LENGTH} characters saying why the finding is acceptable here`);
  }
  if (ownSuppressions(scope).some((s) => s.ruleId === ruleId)) {
    throw new ValidationError(`${path}.scope`, "already suppresses this rule", scope.node.path, "suppress each rule once per construct");
  }
  const suppression: PolicySuppression = { ruleId, reason: reason.trim(), scope: scope.node.path };
  scope.node.addMetadata(SUPPRESSION_METADATA_TYPE, suppression, { stackTrace: false });
  return suppression;
}

/** The suppressions added to this construct itself (not its parents). */
export function ownSuppressions(scope: IConstruct): PolicySuppression[] {
  return scope.node.metadata.filter((m) => m.type === SUPPRESSION_METADATA_TYPE).map((m) => m.data as PolicySuppression);
}

/** The suppression of `ruleId` that applies to `construct`: its own, or the nearest parent's. */
export function findSuppression(construct: IConstruct, ruleId: string): PolicySuppression | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const found = ownSuppressions(scope).find((s) => s.ruleId === ruleId);
    if (found) return found;
  }
  return undefined;
}
