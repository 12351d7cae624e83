import { spawnSync, SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { blueprint, copyProject, PROJECT } from "../scripts/fork-fixture";

/**
 * The expensive half of the fork checks (a full type-check of a project copy and a nested jest run), kept out of
 * `npm test` so the suite stays fast; `.ci/run` runs this suite as its own step. The fast half (scaffolding,
 * synthesis, failure cases) lives in test/scripts/blueprint.test.ts.
 */
describe("a scaffolded fork builds and tests like the project itself", () => {
  let root: string;
  let first: SpawnSyncReturns<string>;

  beforeAll(() => {
    root = copyProject();
    first = blueprint(root, "new", "payments", "--from", "commerce");
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("scaffolds", () => {
    expect(first.status).toBe(0);
  });

  it("type-checks the forks and their tests", () => {
    const tsc = spawnSync(process.execPath, [path.join(PROJECT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", root], { encoding: "utf8", timeout: 180_000 });
    expect({ status: tsc.status, stdout: tsc.stdout }).toEqual({ status: 0, stdout: "" });
  });

  it("gives the fork a snapshot test that records, then passes", () => {
    const jest = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(PROJECT, "node_modules/jest/bin/jest.js"), "--rootDir", root, "test/stacks/teams/payments.test.ts", ...args], { cwd: root, encoding: "utf8", timeout: 180_000 });
    const record = jest("--ci=false");
    expect({ status: record.status, out: record.stderr }).toEqual({ status: 0, out: expect.stringContaining("18 snapshots written") });
    const check = jest("--ci");
    expect({ status: check.status, out: check.stderr }).toEqual({ status: 0, out: expect.stringMatching(/Tests: +19 passed, 19 total/) });
  });

});
