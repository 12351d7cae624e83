import { spawnSync, SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderTeamsIndex } from "../../scripts/blueprint/templates";

/** The project's root. */
export const PROJECT = path.resolve(__dirname, "../..");

/** A copy of what a fork needs to build, synthesize and test: sources, configs and node_modules (a symlink). */
export function copyProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "blueprint-fork-"));
  for (const entry of ["lib", "stacks", "tsconfig.json", "package.json", "cdktf.json", "jest.config.js", "scripts/jest", "test/setup.ts", "test/stacks/synth-helpers.ts"]) {
    fs.cpSync(path.join(PROJECT, entry), path.join(root, entry), { recursive: true });
  }
  // A fork scaffolded in the working copy must not leak into the copy: start from an empty registry.
  fs.rmSync(path.join(root, "stacks/teams"), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, "stacks/teams"));
  fs.writeFileSync(path.join(root, "stacks/teams/index.ts"), renderTeamsIndex([]));
  fs.symlinkSync(path.join(PROJECT, "node_modules"), path.join(root, "node_modules"), "dir");
  return root;
}

export function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--require", "tsx/cjs", ...args], {
    cwd: options.cwd ?? PROJECT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...options.env },
    encoding: "utf8",
    timeout: 120_000,
  });
}

export function blueprint(root: string, ...args: string[]): SpawnSyncReturns<string> {
  return run([path.join(PROJECT, "scripts/blueprint.ts"), ...args, "--root", root]);
}

