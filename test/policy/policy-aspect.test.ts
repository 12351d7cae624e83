import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ValidationError } from "../../lib/core/errors";
import { errorsOf, evaluateStack, PolicyReport, warningsOf } from "../../lib/policy/engine";
import { PolicyAspect } from "../../lib/policy/policy-aspect";
import { defineRule, fail, pass, PolicyRule, referencesResource } from "../../lib/policy/rule";
import { DEFAULT_RULES } from "../../lib/policy/rules";
import { findSuppression, suppress } from "../../lib/policy/suppressions";
import { expectValidationError } from "../support/expect-validation-error";
import * as f from "./fixtures";

const rule = (id: string) => DEFAULT_RULES.find((r) => r.id === id)!;

/** A stack with an azurerm provider (so cdktf's own validations pass) and the policy pack applied. */
function policyStack(app: Construct = Testing.app(), id = "platform", rules?: readonly PolicyRule[]): TerraformStack {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  PolicyAspect.applyTo(stack, rules ? { rules } : {});
  return stack;
}

function synthReport(stack: TerraformStack): PolicyReport {
  Testing.synth(stack, true);
  return PolicyAspect.reportOf(stack)!;
}

function annotations(stack: TerraformStack): Array<{ path: string; level: string; message: string }> {
  return stack.node.findAll().flatMap((node) => node.node.metadata.filter((m) => m.type.startsWith("@cdktf/")).map((m) => ({ path: node.node.path, level: m.type, message: String(m.data) })));
}

describe("PolicyAspect", () => {
  it("fails synthesis on an error-level finding, naming the rule, the construct path and the fix", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-synth-"));
    try {
      const app = new App({ outdir });
      const stack = policyStack(app);
      f.redis(stack, { nonSslPortEnabled: true });
      expect(() => app.synth()).toThrow(
        /\[platform\/Subject\] \[AZ-REDIS-001\] not met: The non-TLS port \(6379\) is closed \(non_ssl_port_enabled is true; azurerm_redis_cache\.Subject\)\. Fix: non_ssl_port_enabled = false/,
      );
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it("lets a stack with only warnings synthesize, and annotates each warning on its resource", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-synth-"));
    try {
      const app = new App({ outdir });
      const stack = policyStack(app);
      f.redis(stack, { patchSchedule: undefined });
      f.privateEndpointFor(stack, { id: "${azurerm_redis_cache.Subject.id}" });
      expect(() => app.synth()).not.toThrow();
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
      const messages = manifest.stacks.platform.annotations.map((a: { level: string; constructPath: string; message: string }) => `${a.level} ${a.constructPath} ${a.message}`);
      expect(messages).toEqual(
        expect.arrayContaining([expect.stringMatching(/^@cdktf\/warn platform\/Subject \[AZ-REDIS-007\] not met: Azure patches the cache inside a planned window \(patch_schedule is not set;/)]),
      );
      expect(messages.some((m: string) => m.startsWith("@cdktf/error"))).toBe(false);
      // No stack traces: annotations stay free of machine paths.
      expect(manifest.stacks.platform.annotations.every((a: { stacktrace?: unknown }) => a.stacktrace === undefined)).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it("evaluates the stack as synthesized: escape-hatch overrides and aspects count", () => {
    const stack = policyStack();
    const cache = f.redis(stack);
    cache.addOverride("public_network_access_enabled", true);
    const report = synthReport(stack);
    expect(errorsOf(report).map((e) => e.ruleId)).toContain("AZ-REDIS-003");
  });

  it("evaluates once per stack, so synthesizing twice does not duplicate annotations", () => {
    const stack = policyStack();
    f.redis(stack, { nonSslPortEnabled: true });
    Testing.synth(stack, true);
    Testing.synth(stack, true);
    expect(annotations(stack).filter((a) => a.message.includes("AZ-REDIS-001"))).toHaveLength(1);
  });

  it("runs only the rules it is given", () => {
    const stack = policyStack(Testing.app(), "platform", [rule("AZ-REDIS-002")]);
    f.redis(stack, { nonSslPortEnabled: true });
    const report = synthReport(stack);
    expect(report.summary.rules).toBe(1);
    expect(new Set(report.findings.map((x) => x.ruleId))).toEqual(new Set(["AZ-REDIS-002"]));
  });

  it("takes custom rules next to the pack's", () => {
    const noTestNames = defineRule({
      id: "AZ-ORG-001",
      resourceTypes: ["azurerm_redis_cache"],
      severity: "error",
      title: "Cache names start with the workload",
      description: "Our naming convention puts the workload first so costs group by workload.",
      fix: "rename the cache to redis-shop-…",
      check: (r) => (String(r.config.name).startsWith("redis-shop") ? pass() : fail(`name is ${String(r.config.name)}`)),
    });
    const stack = policyStack(Testing.app(), "platform", [...DEFAULT_RULES, noTestNames]);
    f.redis(stack);
    const report = synthReport(stack);
    expect(report.summary.rules).toBe(DEFAULT_RULES.length + 1);
    expect(errorsOf(report).find((e) => e.ruleId === "AZ-ORG-001")).toMatchObject({ detail: "name is redis-subject", path: "platform/Subject" });
  });

  it("reports a rule that throws with the rule ID and the resource", () => {
    const broken = defineRule({
      id: "AZ-ORG-002",
      resourceTypes: ["azurerm_redis_cache"],
      severity: "warning",
      title: "A broken rule for the test",
      description: "It throws to show how a rule bug surfaces.",
      fix: "fix the rule",
      check: () => {
        throw new Error("boom");
      },
    });
    const stack = policyStack(Testing.app(), "platform", [broken]);
    f.redis(stack);
    expect(() => Testing.synth(stack, true)).toThrow("policy rule AZ-ORG-002 failed on azurerm_redis_cache.Subject (platform/Subject): boom");
  });

  it("fails when rules are empty or share an ID", () => {
    expectValidationError(() => new PolicyAspect({ rules: [] }), /^policy\.rules: is empty/);
    expectValidationError(() => new PolicyAspect({ rules: [rule("AZ-AKS-001"), rule("AZ-AKS-001")] }), /^policy\.rules: has two rules with one ID \(got "AZ-AKS-001"\)/);
  });

  it("fails when a rule is declared with a malformed ID or no resource types", () => {
    const base = { severity: "error" as const, title: "A title long enough", description: "A description long enough to pass.", fix: "fix it", check: () => pass() };
    expectValidationError(() => defineRule({ ...base, id: "AKS-1", resourceTypes: ["azurerm_redis_cache"] }), /^policy\.rule\.id: is not a rule ID \(got "AKS-1"\)/);
    expectValidationError(() => defineRule({ ...base, id: "AZ-ORG-003", resourceTypes: [] }), /^policy\.rules\.AZ-ORG-003\.resourceTypes: is empty/);
  });
});

describe("rule context", () => {
  it("finds the resources that reference a resource, by type", () => {
    const stack = f.testStack();
    const vault = f.keyVault(stack);
    f.privateEndpointFor(stack, vault);
    f.diagnosticsFor(stack, vault.id);
    const seen: string[][] = [];
    const probe = defineRule({
      id: "AZ-ORG-004",
      resourceTypes: ["azurerm_key_vault"],
      severity: "warning",
      title: "Probe of the rule context",
      description: "Records what the context returns for the test.",
      fix: "none",
      check: (r, ctx) => {
        seen.push(ctx.referrersOf(r).map((x) => x.type).sort(), ctx.referrersOf(r, "azurerm_private_endpoint").map((x) => x.type), ctx.ofType("azurerm_key_vault").map((x) => x.address));
        return pass();
      },
    });
    evaluateStack(stack, [probe]);
    expect(seen).toEqual([["azurerm_monitor_diagnostic_setting", "azurerm_private_endpoint"], ["azurerm_private_endpoint"], ["azurerm_key_vault.Subject"]]);
  });
});

describe("references", () => {
  it("are found inside Terraform functions, only in expressions, and by exact address", () => {
    const target = { address: "azurerm_storage_account.St_1" };
    expect(referencesResource('${element(split("/", azurerm_storage_account.St_1.id), 2)}', target)).toBe(true);
    expect(referencesResource({ nested: [{ id: "${azurerm_storage_account.St_1.id}/blobServices/default" }] }, target)).toBe(true);
    expect(referencesResource("azurerm_storage_account.St_1.id", target)).toBe(false);
    expect(referencesResource("${azurerm_storage_account.St_10.id}", target)).toBe(false);
    expect(referencesResource("${data.azurerm_storage_account.St_1.id}", target)).toBe(false);
  });
});

describe("suppressions", () => {
  it("accept a finding on the construct and everything below it, and the report keeps the reason", () => {
    const stack = policyStack();
    const cache = f.redis(stack, { nonSslPortEnabled: true });
    suppress(cache, "AZ-REDIS-001", "Legacy client library without TLS support until Q3; tracked in OPS-123");
    const report = synthReport(stack);
    const finding = report.findings.find((x) => x.ruleId === "AZ-REDIS-001")!;
    expect(finding).toMatchObject({ result: "non-compliant", suppression: { reason: "Legacy client library without TLS support until Q3; tracked in OPS-123", scope: "platform/Subject" } });
    expect(errorsOf(report).map((e) => e.ruleId)).not.toContain("AZ-REDIS-001");
    expect(report.summary.suppressed).toBeGreaterThanOrEqual(1);
    expect(annotations(stack).filter((a) => a.message.includes("AZ-REDIS-001"))).toEqual([]);
  });

  it("can be added to a whole stack", () => {
    const stack = policyStack();
    f.redis(stack, { nonSslPortEnabled: true });
    suppress(stack, "AZ-REDIS-001", "Whole sandbox stack accepts the plain port for a protocol experiment");
    expect(synthReport(stack).findings.find((x) => x.ruleId === "AZ-REDIS-001")!.suppression!.scope).toBe("platform");
  });

  it("apply the nearest scope's reason when several scopes suppress a rule", () => {
    const stack = f.testStack();
    const group = new Construct(stack, "Group");
    const cache = f.redis(group);
    suppress(stack, "AZ-REDIS-001", "stack-wide reason for the test case");
    suppress(group, "AZ-REDIS-001", "group reason for the test case");
    expect(findSuppression(cache, "AZ-REDIS-001")!.reason).toBe("group reason for the test case");
    expect(findSuppression(cache, "AZ-REDIS-002")).toBeUndefined();
  });

  it("do not hide other rules or other resources", () => {
    const stack = policyStack();
    const cache = f.redis(stack, { nonSslPortEnabled: true, minimumTlsVersion: "1.0" });
    f.redis(stack, { nonSslPortEnabled: true }, "Other");
    suppress(cache, "AZ-REDIS-001", "Legacy client without TLS support, tracked in OPS-123");
    const errors = errorsOf(synthReport(stack)).map((e) => `${e.ruleId} ${e.path}`);
    expect(errors).toEqual(expect.arrayContaining(["AZ-REDIS-002 platform/Subject", "AZ-REDIS-001 platform/Other"]));
  });

  it("are reported as warnings when they match no finding", () => {
    const stack = policyStack();
    const cache = f.redis(stack);
    f.privateEndpointFor(stack, cache);
    f.diagnosticsFor(stack, cache.id);
    suppress(cache, "AZ-REDIS-001", "Left over from an old exception that no longer applies");
    const report = synthReport(stack);
    expect(report.unusedSuppressions).toEqual([{ ruleId: "AZ-REDIS-001", reason: "Left over from an old exception that no longer applies", scope: "platform/Subject" }]);
    expect(annotations(stack).map((a) => `${a.level} ${a.message}`)).toContain(
      "@cdktf/warn [policy] the suppression of AZ-REDIS-001 matches no non-compliant resource; remove it (reason given: Left over from an old exception that no longer applies)",
    );
  });

  it("fails when the reason is shorter than 10 characters", () => {
    const stack = f.testStack();
    expectValidationError(() => suppress(stack, "AZ-REDIS-001", "legacy"), 'policy.suppressions["AZ-REDIS-001"].reason: is too short to explain the exception (got "legacy"); write at least 10 characters saying why the finding is acceptable here');
    expectValidationError(() => suppress(stack, "AZ-REDIS-001", "          padded   "), /^policy\.suppressions\["AZ-REDIS-001"\]\.reason: is too short/);
  });

  it("fails when the rule ID is malformed", () => {
    expectValidationError(() => suppress(f.testStack(), "CKV_AZURE_89", "the scanner's ID instead of ours"), /^policy\.suppressions\["CKV_AZURE_89"\]\.ruleId: is not a rule ID/);
  });

  it("fails when the same construct suppresses a rule twice", () => {
    const stack = f.testStack();
    suppress(stack, "AZ-REDIS-001", "first reason for the test case");
    const error = expectValidationError(() => suppress(stack, "AZ-REDIS-001", "second reason for the test case"), /already suppresses this rule/);
    expect(error).toBeInstanceOf(ValidationError);
  });
});

describe("findings", () => {
  it("list every rule and resource pair in a stable order, with counts that add up", () => {
    const stack = policyStack();
    f.redis(stack, { nonSslPortEnabled: true, patchSchedule: undefined });
    f.keyVault(new Construct(stack, "Vault"));
    const report = synthReport(stack);
    const keys = report.findings.map((x) => `${x.ruleId} ${x.resource}`);
    expect(keys).toEqual([...keys].sort());
    const s = report.summary;
    expect(s.compliant + s.errors + s.warnings + s.suppressed + s.notApplicable).toBe(report.findings.length);
    expect(errorsOf(report).length).toBe(s.errors);
    expect(warningsOf(report).length).toBe(s.warnings);
    expect(s.resources).toBe(2);
  });
});
