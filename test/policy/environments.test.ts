import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { errorsOf, PolicyReport, warningsOf } from "../../lib/policy/engine";
import { PolicyAspect } from "../../lib/policy/policy-aspect";
import { POLICY_REPORT_FILES, writePolicyReports } from "../../lib/policy/report";
import { DEFAULT_RULES, TYPES_WITHOUT_RULES } from "../../lib/policy/rules";
import { MIN_SUPPRESSION_REASON_LENGTH, ownSuppressions } from "../../lib/policy/suppressions";
import { buildEnvironment } from "../../stacks/environment";
import { DEFAULT_ENVIRONMENTS } from "../../stacks/environments";
import { dev } from "../../stacks/environments/dev";
import { BLUEPRINT_SUPPRESSION_REASONS } from "../../stacks/policy";
import { resourcesOf, synthEnvironments } from "../stacks/synth-helpers";

const { stacks, environments } = synthEnvironments();
const allStacks: TerraformStack[] = environments.flatMap((e) => [...e.platform, ...e.addons, ...e.apps, ...(e.global ? [e.global] : [])]);
const reports = new Map<string, PolicyReport>(allStacks.map((s) => [s.node.id, PolicyAspect.reportOf(s)!]));
const report = (name: string): PolicyReport => reports.get(name)!;


describe("the policy pack on the default environments", () => {
  it("evaluates every stack of every default environment", () => {
    expect([...reports.keys()].sort()).toEqual(stacks.map((s) => s.name).sort());
    for (const [name, r] of reports) expect({ name, evaluated: r !== undefined && r.summary.rules === DEFAULT_RULES.length }).toEqual({ name, evaluated: true });
  });

  it.each(stacks.map((s) => s.name))("finds no errors and no unsuppressed warnings in %s", (name) => {
    const r = report(name);
    expect(errorsOf(r).map((f) => `${f.ruleId} ${f.path}: ${f.detail}`)).toEqual([]);
    expect(warningsOf(r).map((f) => `${f.ruleId} ${f.path}: ${f.detail}`)).toEqual([]);
    expect(r.unusedSuppressions).toEqual([]);
    expect(r.summary.compliant).toBeGreaterThan(0);
  });

  it("gives every suppression in the blueprints a real reason", () => {
    const known = new Set<string>(Object.values(BLUEPRINT_SUPPRESSION_REASONS));
    const suppressions = allStacks.flatMap((s) => s.node.findAll().flatMap((node) => ownSuppressions(node)));
    expect(suppressions.length).toBeGreaterThan(10);
    for (const s of suppressions) {
      expect(s.reason.length).toBeGreaterThanOrEqual(MIN_SUPPRESSION_REASON_LENGTH);
      expect({ rule: s.ruleId, reason: known.has(s.reason) }).toEqual({ rule: s.ruleId, reason: true });
    }
    for (const reason of known) expect(reason.length).toBeGreaterThan(60);
    for (const [name, r] of reports) {
      for (const f of r.findings.filter((x) => x.suppression)) expect({ name, rule: f.ruleId, reason: f.suppression!.reason.length >= MIN_SUPPRESSION_REASON_LENGTH }).toEqual({ name, rule: f.ruleId, reason: true });
    }
  });

  it("accepts preset opt-outs in dev only: prod suppresses nothing but the documented gaps", () => {
    // The read replica's authentication and maintenance follow its primary (docs/policy.md).
    const documentedGaps = new Set(["AZ-MON-004", "AZ-MON-005", "AZ-X-002", "AZ-K8S-012", "AZ-K8S-013", "AZ-PG-004", "AZ-PG-005"]);
    const suppressedIn = (prefix: string) => new Set([...reports].filter(([name]) => name.startsWith(prefix)).flatMap(([, r]) => r.findings.filter((f) => f.suppression).map((f) => f.ruleId)));
    expect([...suppressedIn("prod-")].filter((id) => !documentedGaps.has(id))).toEqual([]);
    expect([...suppressedIn("dev-")].sort()).toEqual(["AZ-AKS-009", "AZ-FD-002", "AZ-K8S-012", "AZ-K8S-013", "AZ-KV-002", "AZ-MON-004", "AZ-MON-005", "AZ-PG-002", "AZ-PG-003", "AZ-SB-003", "AZ-ST-008", "AZ-X-002", "AZ-X-003"]);
  });

  it("checks every resource type the default environments emit, or says why a type needs no rule", () => {
    const checked = new Set(DEFAULT_RULES.flatMap((r) => r.resourceTypes));
    const emitted = new Set(stacks.flatMap((s) => resourcesOf(s).map(([type]) => type)));
    const unexplained = [...emitted].filter((type) => !checked.has(type) && !TYPES_WITHOUT_RULES[type]).sort();
    expect(unexplained).toEqual([]);
    // The list stays honest: a type that gains a rule or leaves the blueprints leaves the list.
    expect(Object.keys(TYPES_WITHOUT_RULES).filter((type) => checked.has(type) || !emitted.has(type))).toEqual([]);
  });

  it("fails synthesis of a default environment when an escape hatch breaks an error-level rule", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-env-"));
    try {
      const app = new App({ outdir });
      const env = buildEnvironment(app, dev);
      env.platform[0].data.redis!.cache.addOverride("non_ssl_port_enabled", true);
      expect(() => app.synth()).toThrow(/\[dev-westeurope-platform\/Data\/Redis\/Resource\] \[AZ-REDIS-001\] not met: .*Fix: non_ssl_port_enabled = false/);
      // The report of the failing stack is still written, with the finding.
      writePolicyReports(app);
      const written = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "dev-westeurope-platform", POLICY_REPORT_FILES.json), "utf8")) as PolicyReport;
      expect(written.summary.errors).toBe(1);
      expect(errorsOf(written)).toEqual([expect.objectContaining({ ruleId: "AZ-REDIS-001", path: "dev-westeurope-platform/Data/Redis/Resource", result: "non-compliant" })]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

/** Runs the app as stacks/main.ts does (synthesize, then write the reports) and returns the report files. */
function synthWithReports(): Map<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-reports-"));
  try {
    const app = new App({ outdir });
    for (const config of DEFAULT_ENVIRONMENTS) buildEnvironment(app, config);
    app.synth();
    const written = writePolicyReports(app);
    return new Map(written.map((file) => [file, fs.readFileSync(path.join(outdir, file), "utf8")]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe("policy reports of the default environments", () => {
  const first = synthWithReports();

  it("are written as JSON and Markdown next to each synthesized stack", () => {
    const expected = stacks.map((s) => s.name).sort().flatMap((name) => [path.join("stacks", name, POLICY_REPORT_FILES.json), path.join("stacks", name, POLICY_REPORT_FILES.markdown)]);
    expect([...first.keys()]).toEqual(expected);
  });

  it("are deterministic: two runs give identical files, without timestamps or machine paths", () => {
    const second = synthWithReports();
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [file, text] of first) {
      expect({ file, same: text === second.get(file) }).toEqual({ file, same: true });
      expect({ file, tmp: text.includes(os.tmpdir()) || text.includes(process.cwd()) }).toEqual({ file, tmp: false });
      expect({ file, timestamp: /20\d\d-\d\d-\d\dT\d\d:\d\d/.test(text) }).toEqual({ file, timestamp: false });
    }
  });

  it("list rule, resource, result and suppression reason for each finding", () => {
    const json = JSON.parse(first.get(path.join("stacks", "dev-westeurope-platform", POLICY_REPORT_FILES.json))!) as PolicyReport;
    expect(json.stack).toBe("dev-westeurope-platform");
    expect(json.summary).toMatchObject({ rules: DEFAULT_RULES.length, errors: 0, warnings: 0 });
    expect(json.findings).toContainEqual(
      expect.objectContaining({
        ruleId: "AZ-SB-003",
        severity: "error",
        resource: expect.stringMatching(/^azurerm_servicebus_namespace\./),
        path: "dev-westeurope-platform/Data/ServiceBus/Resource",
        result: "non-compliant",
        suppression: { reason: BLUEPRINT_SUPPRESSION_REASONS.serviceBusPublic, scope: "dev-westeurope-platform/Data/ServiceBus" },
      }),
    );
    expect(json.findings).toContainEqual(expect.objectContaining({ ruleId: "AZ-REDIS-001", path: "dev-westeurope-platform/Data/Redis/Resource", result: "compliant" }));

    const markdown = first.get(path.join("stacks", "dev-westeurope-platform", POLICY_REPORT_FILES.markdown))!;
    expect(markdown).toMatch(/^# Policy report: dev-westeurope-platform\n/);
    expect(markdown).toContain("## Open findings\n\nNone.");
    expect(markdown).toContain(`| AZ-SB-003 | error | azurerm_servicebus_namespace.`);
    expect(markdown).toContain(BLUEPRINT_SUPPRESSION_REASONS.serviceBusPublic);
    expect(markdown).toMatch(/\| AZ-REDIS-001 \| error \| azurerm_redis_cache\.\S+ \| compliant \|/);
  });
});
