import { AnnotationMetadataEntryType, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { ValidationError } from "../core/errors";
import { errorsOf, evaluateStack, findingMessage, PolicyReport, warningsOf } from "./engine";
import type { PolicyRule } from "./rule";
import { assertUniqueRuleIds, DEFAULT_RULES } from "./rules";

/** Options for {@link PolicyAspect}. */
export interface PolicyAspectOptions {
  /**
   * The rules to run. Add your own with `[...DEFAULT_RULES, myRule]`; drop one for good with a filter (prefer a
   * suppression with a reason, which stays visible in the report).
   * @default DEFAULT_RULES
   */
  readonly rules?: readonly PolicyRule[];
}

const reports = new WeakMap<TerraformStack, PolicyReport>();

/**
 * The library's policy pack as a cdktf Aspect: checks every resource of every stack it is applied to against the
 * rules (checkov and trivy checks re-stated for azurerm 4.x, plus Front Door, Kubernetes and cross-resource rules).
 *
 * The aspect registers a validation on each stack it visits; at synthesis, after every other aspect has run, that
 * validation evaluates the rules on the stack's synthesized configuration and annotates each non-compliant resource:
 * an `error` annotation for error-level rules, which makes `cdktf synth` fail with the rule ID, the construct path and
 * the fix, and a `warning` annotation otherwise. Suppressed findings are not annotated; they appear in the report with
 * their reason ({@link PolicyAspect.reportOf}, written next to the synthesized stack by `writePolicyReports`).
 *
 * @example
 * const stack = new TerraformStack(app, "prod-westeurope-platform");
 * PolicyAspect.applyTo(stack);
 * suppress(stack.grafana, "AZ-MON-004", "Grafana has no private endpoint yet; access is Entra ID only (docs/policy.md)");
 */
export class PolicyAspect implements IAspect {
  /** Applies the pack to a stack, or to every stack under a scope (an App). Returns the aspect. */
  public static applyTo(scope: IConstruct, options: PolicyAspectOptions = {}): PolicyAspect {
    const aspect = new PolicyAspect(options);
    Aspects.of(scope).add(aspect);
    return aspect;
  }

  /**
   * The report of a stack, once the stack has been synthesized (or validated) with a policy aspect applied; with several
   * aspects on one stack, the first one's.
   */
  public static reportOf(stack: TerraformStack): PolicyReport | undefined {
    return reports.get(stack);
  }

  /** The rules this aspect runs. */
  public readonly rules: readonly PolicyRule[];
  private readonly registered = new WeakSet<TerraformStack>();
  private readonly reports = new WeakMap<TerraformStack, PolicyReport>();

  constructor(options: PolicyAspectOptions = {}) {
    const rules = options.rules ?? DEFAULT_RULES;
    if (rules.length === 0) throw new ValidationError("policy.rules", "is empty", rules, "run at least one rule, e.g. DEFAULT_RULES");
    assertUniqueRuleIds(rules);
    this.rules = rules;
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    // Evaluated in a validation, not in visit(): validations run after every aspect (tags, for one) has changed the
    // resources, and cross-resource rules need the whole stack.
    node.node.addValidation({ validate: () => this.check(node) });
  }

  /** Evaluates a stack now, annotates its findings once, and returns the report. */
  public evaluate(stack: TerraformStack): PolicyReport {
    const existing = this.reports.get(stack);
    if (existing) return existing;
    const report = evaluateStack(stack, this.rules);
    this.reports.set(stack, report);
    if (!reports.has(stack)) reports.set(stack, report);
    annotate(stack, report);
    return report;
  }

  private check(stack: TerraformStack): string[] {
    this.evaluate(stack);
    // Findings surface as annotations (errors fail synthesis there, with the construct path); nothing to return here.
    return [];
  }
}

/** Adds the report's unsuppressed findings as annotations on the resources, and unused suppressions as warnings. */
function annotate(stack: TerraformStack, report: PolicyReport): void {
  const byPath = new Map(stack.node.findAll().map((node) => [node.node.path, node] as const));
  for (const [findings, level] of [
    [errorsOf(report), AnnotationMetadataEntryType.ERROR],
    [warningsOf(report), AnnotationMetadataEntryType.WARN],
  ] as const) {
    for (const finding of findings) {
      (byPath.get(finding.path) ?? stack).node.addMetadata(level, findingMessage(finding), { stackTrace: false });
    }
  }
  for (const suppression of report.unusedSuppressions) {
    (byPath.get(suppression.scope) ?? stack).node.addMetadata(
      AnnotationMetadataEntryType.WARN,
      `[policy] the suppression of ${suppression.ruleId} matches no non-compliant resource; remove it (reason given: ${suppression.reason})`,
      { stackTrace: false },
    );
  }
}
