import { TerraformResource, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { PolicyContext, PolicyResource, PolicyRule, PolicySeverity, referencedAddresses, RuleResult, toOutcome } from "./rule";
import { findSuppression, ownSuppressions, PolicySuppression } from "./suppressions";

/** One rule evaluated against one resource. */
export interface PolicyFinding {
  readonly ruleId: string;
  readonly severity: PolicySeverity;
  readonly title: string;
  /** Terraform address of the resource, `<type>.<name>`. */
  readonly resource: string;
  /** Construct path of the resource. */
  readonly path: string;
  readonly result: RuleResult;
  /** What the rule found. */
  readonly detail?: string;
  /** How to fix it (non-compliant findings only). */
  readonly fix?: string;
  /** The suppression that accepts this non-compliant finding, if any. */
  readonly suppression?: { readonly reason: string; readonly scope: string };
}

/** Counts of a report. */
export interface PolicySummary {
  /** Rules in the pack. */
  readonly rules: number;
  /** Resources the stack synthesizes. */
  readonly resources: number;
  readonly compliant: number;
  /** Non-compliant error-level findings that are not suppressed: these fail synthesis. */
  readonly errors: number;
  /** Non-compliant warning-level findings that are not suppressed. */
  readonly warnings: number;
  readonly suppressed: number;
  readonly notApplicable: number;
}

/** The result of running a policy pack over one stack. */
export interface PolicyReport {
  readonly stack: string;
  readonly summary: PolicySummary;
  /** Every evaluation, sorted by rule ID, then resource address. */
  readonly findings: readonly PolicyFinding[];
  /** Suppressions added inside this stack that matched no non-compliant finding (stale or misspelt). */
  readonly unusedSuppressions: readonly PolicySuppression[];
}

/** The findings that fail synthesis. */
export function errorsOf(report: PolicyReport): PolicyFinding[] {
  return report.findings.filter((f) => f.result === "non-compliant" && f.severity === "error" && !f.suppression);
}

/** The findings that are printed as warnings. */
export function warningsOf(report: PolicyReport): PolicyFinding[] {
  return report.findings.filter((f) => f.result === "non-compliant" && f.severity === "warning" && !f.suppression);
}

interface Collected {
  readonly resources: PolicyResource[];
  readonly constructs: Map<string, IConstruct>;
}

/** The stack's resources as synthesized (`stack.toTerraform()`: overrides and aspects applied), with their constructs. */
function collect(stack: TerraformStack): Collected {
  const constructs = new Map<string, IConstruct>();
  for (const node of stack.node.findAll()) {
    if (TerraformResource.isTerraformResource(node) && TerraformStack.of(node) === stack) {
      constructs.set(`${node.terraformResourceType}.${node.friendlyUniqueId}`, node);
    }
  }
  const synthesized = (stack.toTerraform() as { resource?: Record<string, Record<string, Record<string, unknown>>> }).resource ?? {};
  const resources: PolicyResource[] = [];
  for (const [type, byName] of Object.entries(synthesized)) {
    for (const [name, body] of Object.entries(byName)) {
      const { "//": meta, ...config } = body;
      const address = `${type}.${name}`;
      const metaPath = (meta as { metadata?: { path?: string } } | undefined)?.metadata?.path;
      resources.push({ type, name, address, path: constructs.get(address)?.node.path ?? metaPath ?? address, config });
    }
  }
  return { resources, constructs };
}

/** The rule context over a stack's resources; references are indexed on first use. */
function contextOf(stackName: string, resources: readonly PolicyResource[]): PolicyContext {
  const byType = new Map<string, PolicyResource[]>();
  for (const r of resources) {
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  let referrers: Map<string, PolicyResource[]> | undefined;
  const index = () => {
    if (referrers) return referrers;
    referrers = new Map();
    for (const r of resources) {
      const targets = referencedAddresses(r.config);
      for (const target of targets) {
        const list = referrers.get(target);
        if (list) list.push(r);
        else referrers.set(target, [r]);
      }
    }
    return referrers;
  };
  return {
    stackName,
    resources,
    ofType: (type) => byType.get(type) ?? [],
    referrersOf: (resource, ...types) => (index().get(resource.address) ?? []).filter((r) => types.length === 0 || types.includes(r.type)),
  };
}

/**
 * Runs the rules over every resource of a stack as it synthesizes and applies the suppressions found on the resources'
 * constructs and their parents. Pure: adds no annotations (see {@link PolicyAspect} for that).
 */
export function evaluateStack(stack: TerraformStack, rules: readonly PolicyRule[]): PolicyReport {
  const { resources, constructs } = collect(stack);
  const context = contextOf(stack.node.id, resources);
  const findings: PolicyFinding[] = [];
  const used = new Set<PolicySuppression>();
  for (const rule of rules) {
    for (const resource of resources) {
      if (!rule.resourceTypes.includes(resource.type)) continue;
      let outcome;
      try {
        outcome = toOutcome(rule.check(resource, context));
      } catch (error) {
        throw new Error(`policy rule ${rule.id} failed on ${resource.address} (${resource.path}): ${error instanceof Error ? error.message : String(error)}`);
      }
      const construct = constructs.get(resource.address);
      const suppression = outcome.result === "non-compliant" && construct ? findSuppression(construct, rule.id) : undefined;
      if (suppression) used.add(suppression);
      findings.push({
        ruleId: rule.id,
        severity: rule.severity,
        title: rule.title,
        resource: resource.address,
        path: resource.path,
        result: outcome.result,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
        ...(outcome.result === "non-compliant" ? { fix: rule.fix } : {}),
        ...(suppression ? { suppression: { reason: suppression.reason, scope: suppression.scope } } : {}),
      });
    }
  }
  findings.sort((a, b) => (a.ruleId === b.ruleId ? (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0) : a.ruleId < b.ruleId ? -1 : 1));
  const inStack = stack.node.findAll().flatMap((node) => ownSuppressions(node));
  const usedKeys = new Set([...used].map((s) => `${s.scope}|${s.ruleId}`));
  const unusedSuppressions = inStack.filter((s) => !usedKeys.has(`${s.scope}|${s.ruleId}`)).sort((a, b) => (a.scope === b.scope ? (a.ruleId < b.ruleId ? -1 : 1) : a.scope < b.scope ? -1 : 1));
  const count = (predicate: (f: PolicyFinding) => boolean) => findings.filter(predicate).length;
  return {
    stack: stack.node.id,
    summary: {
      rules: rules.length,
      resources: resources.length,
      compliant: count((f) => f.result === "compliant"),
      errors: count((f) => f.result === "non-compliant" && f.severity === "error" && !f.suppression),
      warnings: count((f) => f.result === "non-compliant" && f.severity === "warning" && !f.suppression),
      suppressed: count((f) => f.suppression !== undefined),
      notApplicable: count((f) => f.result === "not-applicable"),
    },
    findings,
    unusedSuppressions,
  };
}

/** The annotation text of a non-compliant finding: rule ID, what is wrong, what was found, and the fix. */
export function findingMessage(finding: PolicyFinding): string {
  return `[${finding.ruleId}] not met: ${finding.title} (${finding.detail ?? "non-compliant"}; ${finding.resource}). Fix: ${finding.fix}`;
}
