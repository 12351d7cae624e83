/**
 * Benchmark child: synthesizes either every default environment (`--defaults`, what `stacks/main.ts` builds) or one
 * generated environment of R regions and T teams (`--regions R --teams T`), the way `stacks/main.ts` does (`new
 * App()`, source maps off unless BLUEPRINTS_SOURCE_MAPS is set, `buildEnvironment(app, config)`, `app.synth()`), into
 * $CDKTF_OUTDIR. Prints one JSON line with the time of each phase inside the process and the number of stacks
 * (platform, addons and apps) and resources written.
 *
 *   node --require tsx/cjs scripts/bench/synth-child.ts --regions 8 --teams 20
 *   node --require tsx/cjs scripts/bench/synth-child.ts --defaults
 *
 * Modules are loaded with `require` here rather than `import` so that the loading phase can be timed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { generatedEnvironment } from "./generated-environment";

const startMs = performance.now(); // ms since this process started: node's start-up and the loader

function arg(name: string): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const defaults = process.argv.includes("--defaults");
const regions = defaults ? undefined : arg("regions");
const teams = defaults ? undefined : arg("teams");
const outdir = process.env.CDKTF_OUTDIR;
if (!outdir) throw new Error("set CDKTF_OUTDIR to the directory to synthesize into");

/* eslint-disable @typescript-eslint/no-require-imports */
const { App } = require("cdktf") as typeof import("cdktf");
const { buildEnvironment } = require("../../stacks/environment") as typeof import("../../stacks/environment");
const { KNOWN_REGIONS, region } = require("../../lib/core/regions") as typeof import("../../lib/core/regions");
const { writePolicyReports } = require("../../lib/policy/report") as typeof import("../../lib/policy/report");
const configs: readonly EnvironmentConfig[] = defaults
  ? (require("../../stacks/environments") as typeof import("../../stacks/environments")).DEFAULT_ENVIRONMENTS
  : [generatedEnvironment(KNOWN_REGIONS.filter((name) => region(name).zones.length > 0), regions!, teams!)];
/* eslint-enable @typescript-eslint/no-require-imports */
// As stacks/main.ts does after its imports: Node's source maps off (tsx turns them on) unless BLUEPRINTS_SOURCE_MAPS.
if (!process.env.BLUEPRINTS_SOURCE_MAPS) process.setSourceMapsEnabled(false);
const loadedMs = performance.now();

const app = new App({ outdir });
let stacks = 0;
for (const config of configs) {
  const built = buildEnvironment(app, config);
  stacks += built.platform.length + built.addons.length + built.apps.length;
}
const builtMs = performance.now();
// As stacks/main.ts: synthesize, then write each stack's policy report next to its cdk.tf.json.
app.synth();
writePolicyReports(app);
const synthMs = performance.now();

// Count what was written (outside the timed phases).
let bytes = 0;
let files = 0;
let resources = 0;
const walk = (dir: string): void => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(full);
      continue;
    }
    const content = fs.readFileSync(full);
    bytes += content.length;
    files += 1;
    if (entry.name === "cdk.tf.json") {
      const parsed = JSON.parse(content.toString("utf8")) as { resource?: Record<string, Record<string, unknown>> };
      for (const byName of Object.values(parsed.resource ?? {})) resources += Object.keys(byName).length;
    }
  }
};
walk(outdir);

process.stdout.write(
  JSON.stringify({
    defaults,
    regions,
    teams,
    stacks,
    resources,
    files,
    bytes,
    startupMs: startMs,
    loadMs: loadedMs - startMs,
    buildMs: builtMs - loadedMs,
    synthMs: synthMs - builtMs,
    inProcessMs: synthMs,
  }) + "\n",
);
