import { App, Testing } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { buildEnvironment, EnvironmentStacks } from "../../stacks/environment";
import { DEFAULT_ENVIRONMENTS, SHARED_ENVIRONMENTS } from "../../stacks/environments";

/** Every stack of the default environments, synthesized once per test file. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: string;
  readonly parsed: { resource?: Record<string, Record<string, Record<string, unknown>>>; terraform?: Record<string, unknown>; output?: Record<string, unknown> };
}

/**
 * Builds the given environments in a fresh test app and synthesizes each stack (aspects included). By default the
 * shared environments (dev, prod): team forks have their own snapshot tests under test/stacks/teams/.
 */
export function synthEnvironments(configs: readonly EnvironmentConfig[] = SHARED_ENVIRONMENTS): { stacks: SynthesizedStack[]; environments: EnvironmentStacks[] } {
  const app = Testing.app();
  const environments = configs.map((c) => buildEnvironment(app, c));
  const stacks = environments.flatMap((e) => [...e.platform, ...e.addons, ...e.apps, ...(e.global ? [e.global] : [])]).map((stack) => {
    const json = Testing.synth(stack, true);
    return { name: stack.node.id, json, parsed: JSON.parse(json) };
  });
  return { stacks, environments };
}

/** Runs the real app (as `cdktf synth` does) into a fresh directory and returns every file's bytes by relative path. */
export function synthAppToFiles(configs: readonly EnvironmentConfig[] = DEFAULT_ENVIRONMENTS): Map<string, Buffer> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "blueprints-synth-"));
  try {
    const app = new App({ outdir, skipValidation: false });
    for (const c of configs) buildEnvironment(app, c);
    app.synth();
    const files = new Map<string, Buffer>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.set(path.relative(outdir, full), fs.readFileSync(full));
      }
    };
    walk(outdir);
    return files;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every resource of a synthesized stack as [type, construct key, body]. */
export function resourcesOf(stack: SynthesizedStack): Array<[string, string, Record<string, unknown>]> {
  return Object.entries(stack.parsed.resource ?? {}).flatMap(([type, byKey]) => Object.entries(byKey).map(([key, body]) => [type, key, body] as [string, string, Record<string, unknown>]));
}
