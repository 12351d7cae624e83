import { SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { forkEnvironmentName, forkedTeams, planFork, syncTeamsIndex, TEAM_NAME } from "../../scripts/blueprint/scaffold";
import { renderTeamsIndex } from "../../scripts/blueprint/templates";
import { blueprint, copyProject, PROJECT, run } from "./fork-fixture";
import { Blueprint, SHARED_BLUEPRINTS } from "../../stacks/blueprints";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { buildEnvironment } from "../../stacks/environment";
import { dev } from "../../stacks/environments/dev";
import { prod } from "../../stacks/environments/prod";
import { expectValidationError } from "../support/expect-validation-error";

/** The stack names an environment builds, from the project's own buildEnvironment. */
function stackNames(config: EnvironmentConfig): string[] {
  const app = Testing.app();
  buildEnvironment(app, config);
  return app.node.children.map((c) => c.node.id);
}

describe("npm run blueprint -- new (in a temporary copy of the project)", () => {
  let root: string;
  let first: SpawnSyncReturns<string>;
  let second: SpawnSyncReturns<string>;

  beforeAll(() => {
    root = copyProject();
    first = blueprint(root, "new", "payments", "--from", "commerce");
    // A fork of a fork, with its own environment name prefix and cost center.
    second = blueprint(root, "new", "checkout", "--from", "payments", "--code", "chk", "--cost-center", "cc-2000");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("scaffolds the fork's config, README and snapshot test, and registers it", () => {
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: "" });
    expect(second.status).toBe(0);
    for (const file of ["stacks/teams/payments/environment.ts", "stacks/teams/payments/README.md", "test/stacks/teams/payments.test.ts", "stacks/teams/checkout/environment.ts"]) {
      expect(fs.existsSync(path.join(root, file))).toBe(true);
    }
    expect(fs.readFileSync(path.join(root, "stacks/teams/index.ts"), "utf8")).toBe(renderTeamsIndex(["checkout", "payments"]));
    const fork = fs.readFileSync(path.join(root, "stacks/teams/payments/environment.ts"), "utf8");
    expect(fork).toContain('import { dev as commerceDev } from "../../environments/dev";');
    expect(fork).toContain("  ...commerceDev,\n");
    expect(fork).toContain('export const FORK: TeamFork = { team: "payments", from: "commerce", environments: { dev, staging, prod } };');
    const forkOfFork = fs.readFileSync(path.join(root, "stacks/teams/checkout/environment.ts"), "utf8");
    expect(forkOfFork).toContain('import { dev as paymentsDev, staging as paymentsStaging, prod as paymentsProd } from "../payments/environment";');
    expect(forkOfFork).toContain('  costCenter: "cc-2000",\n');
  });

  it("synthesizes the forks with the default environments when the app runs", () => {
    const outdir = path.join(root, "cdktf.out");
    const synth = run([path.join(root, "stacks/main.ts")], { cwd: root, env: { CDKTF_OUTDIR: outdir } });
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });
    const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
    expect(stacks).toEqual(
      expect.arrayContaining([
        "dev-westeurope-platform",
        "prod-northeurope-platform",
        "paymdev-westeurope-platform",
        "paymdev-westeurope-addons",
        "paymdev-westeurope-apps",
        "payprod-westeurope-platform",
        "payprod-westeurope-addons",
        "payprod-westeurope-apps",
        "payprod-northeurope-platform",
        "payprod-northeurope-addons",
        "payprod-northeurope-apps",
        "chkdev-westeurope-platform",
        "chkprod-westeurope-platform",
        "chkprod-northeurope-apps",
        "paymstg-westeurope-platform",
        "paymstg-northeurope-apps",
        "payprod-global",
        "chkstg-global",
      ]),
    );
    const platform = (stack: string) => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
    const network = (stack: string) => Object.values(platform(stack).resource.azurerm_virtual_network as Record<string, { address_space: string[]; tags: Record<string, string> }>)[0];
    // The first free /16 blocks of 10.0.0.0/8, in order: dev has 10.0, prod 10.10 and 10.20, staging 10.30 and 10.40.
    expect(network("paymdev-westeurope-platform").address_space).toEqual(["10.1.0.0/16"]);
    expect(network("paymstg-westeurope-platform").address_space).toEqual(["10.2.0.0/16"]);
    expect(network("paymstg-northeurope-platform").address_space).toEqual(["10.3.0.0/16"]);
    expect(network("payprod-westeurope-platform").address_space).toEqual(["10.4.0.0/16"]);
    expect(network("payprod-northeurope-platform").address_space).toEqual(["10.5.0.0/16"]);
    expect(network("chkdev-westeurope-platform").address_space).toEqual(["10.6.0.0/16"]);
    expect(network("paymdev-westeurope-platform").tags).toMatchObject({ environment: "paymdev", "owner-team": "payments", "cost-center": "cc-1000" });
    expect(network("chkprod-northeurope-platform").tags).toMatchObject({ environment: "chkprod", "owner-team": "checkout", "cost-center": "cc-2000" });
    const apps = platform("paymdev-westeurope-apps");
    expect(JSON.stringify(apps)).toContain("payments.dev.shop.example.com");
  });

  it("lists the forks as blueprints", () => {
    const list = blueprint(root, "list");
    expect(list.status).toBe(0);
    expect(list.stdout).toContain("commerce  (shared)");
    expect(list.stdout).toContain("payments  (team payments, forked from commerce)");
    expect(list.stdout).toContain("  - prod: environment chkprod, preset prod, westeurope 10.9.0.0/16, northeurope 10.11.0.0/16");
  });

  it("fails when the fork target exists", () => {
    const again = blueprint(root, "new", "payments", "--from", "commerce");
    expect(again.status).toBe(1);
    expect(again.stderr).toBe(
      'blueprint: team: has a fork already (stacks/teams/payments exists) (got "payments"); edit that fork, or delete its folder and its test and run `npm run blueprint -- sync` before forking again\n',
    );
  });

  it("fails when the team name is invalid, and writes nothing", () => {
    const bad = blueprint(root, "new", "Payments_EU", "--from", "commerce");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^blueprint: team: is not a valid team name \(got "Payments_EU"\)/);
    expect(fs.existsSync(path.join(root, "stacks/teams/Payments_EU"))).toBe(false);
  });

  it("fails with the usage when the blueprint is missing", () => {
    const usage = blueprint(root, "new", "search");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("usage: npm run blueprint -- list");
  });
});

describe("planFork", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "blueprint-plan-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const context = { blueprints: SHARED_BLUEPRINTS, stackNames };

  it("derives names, owner, address spaces and hostnames from the blueprint, and the stacks from the config", () => {
    const plan = planFork({ root, team: "payments", from: "commerce" }, context);
    expect(plan.environments.map((e) => ({ stage: e.stage, name: e.config.name, owner: e.config.ownerTeam, regions: e.config.regions, hosts: e.config.gateway?.hostnames }))).toEqual([
      { stage: "dev", name: "paymdev", owner: "payments", regions: [{ name: "westeurope", addressSpace: "10.1.0.0/16" }], hosts: ["payments.dev.shop.example.com"] },
      {
        stage: "staging",
        name: "paymstg",
        owner: "payments",
        regions: [
          { name: "westeurope", addressSpace: "10.2.0.0/16" },
          { name: "northeurope", addressSpace: "10.3.0.0/16" },
        ],
        hosts: ["payments.staging.shop.example.com"],
      },
      {
        stage: "prod",
        name: "payprod",
        owner: "payments",
        regions: [
          { name: "westeurope", addressSpace: "10.4.0.0/16" },
          { name: "northeurope", addressSpace: "10.5.0.0/16" },
        ],
        hosts: ["payments.shop.example.com"],
      },
    ]);
    expect(plan.environments[0].stacks).toEqual(["paymdev-global", "paymdev-westeurope-addons", "paymdev-westeurope-apps", "paymdev-westeurope-platform"]);
    expect(plan.environments[2].config.teams!.map((t) => t.name)).toEqual([...prod.teams!.map((t) => t.name), "payments"]);
    expect([...plan.files.keys()]).toEqual(["stacks/teams/payments/environment.ts", "stacks/teams/payments/README.md", "test/stacks/teams/payments.test.ts", "stacks/teams/index.ts"]);
  });

  it("is deterministic: the same request gives the same files", () => {
    const a = planFork({ root, team: "payments", from: "commerce" }, context);
    const b = planFork({ root, team: "payments", from: "commerce" }, context);
    expect([...a.files]).toEqual([...b.files]);
  });

  it("does not add the team again when the blueprint already has it", () => {
    const plan = planFork({ root, team: "customer", from: "commerce" }, context);
    expect(plan.environments[0].config.teams).toBe(dev.teams);
    expect(plan.files.get("stacks/teams/customer/environment.ts")).not.toContain("teams: [");
  });

  it("skips address spaces in use and keeps the source's block size", () => {
    const wide: Blueprint = { name: "wide", description: "", environments: [{ stage: "dev", module: "environments/dev", exportName: "dev", config: { ...dev, name: "wide", regions: [{ name: "westeurope", addressSpace: "10.0.0.0/14" }] } }] };
    const plan = planFork({ root, team: "payments", from: "wide" }, { blueprints: [...SHARED_BLUEPRINTS, wide], stackNames });
    // 10.0/14 is taken by the blueprint itself; 10.4/14 is free; 10.10/16 (prod) lies in 10.8/14.
    expect(plan.environments[0].config.regions).toEqual([{ name: "westeurope", addressSpace: "10.4.0.0/14" }]);
  });

  it("names fork environments <code><stage>, short enough for Managed Grafana's 23 characters", () => {
    expect(forkEnvironmentName("payments", "dev")).toBe("paymdev");
    expect(forkEnvironmentName("payments", "prod")).toBe("payprod");
    expect(forkEnvironmentName("payments", "staging")).toBe("paymstg");
    expect(forkEnvironmentName("ab", "dev")).toBe("abdev");
  });

  it.each(["p", "Payments", "payments-", "1payments", "pay_ments", "a".repeat(32)])("fails when the team name is invalid (%s)", (team) => {
    expect(TEAM_NAME.test(team)).toBe(false);
    expectValidationError(() => planFork({ root, team, from: "commerce" }, context), `team: is not a valid team name (got ${JSON.stringify(team)}); use 2-31 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit`);
  });

  it("fails when the team name is a reserved namespace", () => {
    expectValidationError(() => planFork({ root, team: "kube-ops", from: "commerce" }, context), /^team: is a namespace reserved for Kubernetes or the platform/);
    expectValidationError(() => planFork({ root, team: "default", from: "commerce" }, context), /^team: is a namespace reserved/);
  });

  it("fails when the blueprint is unknown", () => {
    expectValidationError(() => planFork({ root, team: "payments", from: "shop" }, context), 'from: names no blueprint (got "shop"); use one of commerce (npm run blueprint -- list)');
  });

  it("fails when the fork target exists", () => {
    fs.mkdirSync(path.join(root, "stacks/teams/payments"), { recursive: true });
    expectValidationError(() => planFork({ root, team: "payments", from: "commerce" }, context), /^team: has a fork already \(stacks\/teams\/payments exists\) \(got "payments"\)/);
  });

  it("fails when the fork's test exists", () => {
    fs.mkdirSync(path.join(root, "test/stacks/teams"), { recursive: true });
    fs.writeFileSync(path.join(root, "test/stacks/teams/payments.test.ts"), "");
    expectValidationError(() => planFork({ root, team: "payments", from: "commerce" }, context), /^team: has a fork already \(test\/stacks\/teams\/payments\.test\.ts exists\)/);
  });

  it("fails when a namespace would be claimed by two teams", () => {
    // The blueprint's search team already owns a namespace called "payments": the payments team's default namespace.
    const claimed: Blueprint = {
      name: "claimed",
      description: "",
      environments: [{ stage: "dev", module: "environments/dev", exportName: "dev", config: { ...dev, name: "claimed", regions: [{ name: "westeurope", addressSpace: "10.40.0.0/16" }], teams: [...dev.teams!, { name: "search", namespaces: ["search", "payments"] }] } }],
    };
    expectValidationError(
      () => planFork({ root, team: "payments", from: "claimed" }, { blueprints: [...SHARED_BLUEPRINTS, claimed], stackNames }),
      `environments.paymdev.teams[${dev.teams!.length + 1}].name: is a namespace already claimed by team search (teams[${dev.teams!.length}]) (the team's default namespace) (got "payments"); give every namespace one owning team: rename one, or list it under one team's namespaces`,
    );
  });

  it("fails when the environment names are taken", () => {
    const fork: Blueprint = { name: "payments", description: "", team: "payments", from: "commerce", environments: [{ stage: "dev", module: "teams/payments/environment", exportName: "dev", config: { ...dev, name: "paymdev", regions: [{ name: "westeurope", addressSpace: "10.1.0.0/16" }] } }] };
    expectValidationError(
      () => planFork({ root, team: "payments-eu", from: "commerce" }, { blueprints: [...SHARED_BLUEPRINTS, fork], stackNames }),
      'code: gives the environment name "paymdev" for stage dev, already used by blueprint payments (got "paymentseu"); pass --code with another prefix',
    );
    expect(planFork({ root, team: "payments-eu", from: "commerce", code: "peu" }, { blueprints: [...SHARED_BLUEPRINTS, fork], stackNames }).environments.map((e) => e.config.name)).toEqual(["peudev", "peustg", "peuprod"]);
  });

  it("fails when the team has the name of a blueprint", () => {
    expectValidationError(() => planFork({ root, team: "commerce", from: "commerce" }, context), 'team: is the name of a blueprint already (got "commerce"); choose another team name');
  });

  it("rewrites the registry from the fork folders", () => {
    for (const team of ["payments-eu", "checkout"]) {
      fs.mkdirSync(path.join(root, "stacks/teams", team), { recursive: true });
      fs.writeFileSync(path.join(root, "stacks/teams", team, "environment.ts"), "");
    }
    fs.mkdirSync(path.join(root, "stacks/teams/notes"));
    expect(forkedTeams(root)).toEqual(["checkout", "payments-eu"]);
    expect(syncTeamsIndex(root)).toEqual(["checkout", "payments-eu"]);
    const index = fs.readFileSync(path.join(root, "stacks/teams/index.ts"), "utf8");
    expect(index).toContain('import { FORK as checkoutFork } from "./checkout/environment";\nimport { FORK as paymentsEuFork } from "./payments-eu/environment";');
    expect(index).toContain("export const TEAM_FORKS: readonly TeamFork[] = [checkoutFork, paymentsEuFork];");
  });
});

describe("the shipped registry", () => {
  it("has no team forks, so the default environments stay dev and prod", () => {
    expect(fs.readFileSync(path.join(PROJECT, "stacks/teams/index.ts"), "utf8")).toBe(renderTeamsIndex([]));
  });
});
