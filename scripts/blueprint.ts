/**
 * `npm run blueprint -- <command>`: the blueprints of the project and the team forks made from them.
 *
 *   list                                   the blueprints: shared ones and team forks, with their environments
 *   new <team> --from <blueprint>          scaffold stacks/teams/<team>/ (typed config, README), its snapshot test and
 *       [--code <prefix>]                  the registry entry; --code sets the environment name prefix (<code><stage>),
 *       [--cost-center <cc>]               --cost-center the fork's cost center
 *   sync                                   rewrite stacks/teams/index.ts from the fork folders
 *
 * Every command takes --root <dir> (default: the project root) and reads the blueprints of that tree, so a test can
 * scaffold into a temporary copy.
 */
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import type { Blueprint } from "../stacks/blueprints";
import type { EnvironmentConfig } from "../stacks/config/environment-config";
import type { EnvironmentStacks } from "../stacks/environment";
import { formatBlueprints, scaffoldFork, syncTeamsIndex } from "./blueprint/scaffold";

const USAGE = `usage: npm run blueprint -- list [--root <dir>]
       npm run blueprint -- new <team> --from <blueprint> [--code <prefix>] [--cost-center <cc>] [--root <dir>]
       npm run blueprint -- sync [--root <dir>]`;

/** Loads a module of the project under `root` (TypeScript, through the tsx loader this script runs with). */
function load<T>(root: string, module: string): T {
  return require(require.resolve(module, { paths: [root] })) as T;
}

function blueprintsOf(root: string): readonly Blueprint[] {
  return load<{ BLUEPRINTS: readonly Blueprint[] }>(root, "./stacks/blueprints").BLUEPRINTS;
}

/** The names of the stacks an environment builds, from the project's own `buildEnvironment` (validates the config). */
function stackNamesIn(root: string): (config: EnvironmentConfig) => string[] {
  const { App } = load<typeof import("cdktf")>(root, "cdktf");
  const { buildEnvironment } = load<{ buildEnvironment: (scope: unknown, config: EnvironmentConfig) => EnvironmentStacks }>(root, "./stacks/environment");
  return (config) => {
    // Only constructed, never synthesized: nothing is written.
    const app = new App({ outdir: path.join(os.tmpdir(), "blueprint-check"), skipValidation: true });
    buildEnvironment(app, config);
    return app.node.children.map((child) => child.node.id);
  };
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: "string" },
      code: { type: "string" },
      "cost-center": { type: "string" },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, ...rest] = positionals;
  const root = path.resolve(values.root ?? path.join(__dirname, ".."));
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  switch (command) {
    case "list":
      console.log(formatBlueprints(blueprintsOf(root)));
      return 0;
    case "sync": {
      const teams = syncTeamsIndex(root);
      console.log(`stacks/teams/index.ts lists ${teams.length === 0 ? "no forks" : teams.join(", ")}`);
      return 0;
    }
    case "new": {
      if (rest.length !== 1 || values.from === undefined) {
        console.error(USAGE);
        return 2;
      }
      const plan = scaffoldFork(
        { root, team: rest[0], from: values.from, code: values.code, costCenter: values["cost-center"] },
        { blueprints: blueprintsOf(root), stackNames: stackNamesIn(root) },
      );
      console.log(`Forked ${plan.from} for team ${plan.team}:`);
      for (const file of plan.files.keys()) console.log(`  wrote ${file}`);
      for (const env of plan.environments) console.log(`  ${env.stage} → environment ${env.config.name}: ${env.stacks.join(", ")}`);
      console.log(`Next: npx jest test/stacks/teams/${plan.team}.test.ts -u (record its snapshots), review, commit.`);
      return 0;
    }
    default:
      console.error(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`blueprint: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
