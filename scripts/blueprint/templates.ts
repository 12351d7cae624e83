import * as path from "node:path";
import type { PlannedEnvironment } from "./scaffold";

/** The files the scaffolder writes. Output is deterministic: the same request gives the same bytes. */

/** `payments-eu` → `paymentsEu`. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A TypeScript literal of plain data, on one line, in the house style (`{ name: "x", list: ["a"] }`). */
export function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`).join(", ")} }`;
  }
  return JSON.stringify(value);
}

interface ForkTemplateInput {
  readonly team: string;
  readonly from: string;
  readonly environments: readonly PlannedEnvironment[];
}

/** The local name a source environment is imported under: `<blueprint><Export>`, e.g. `commerceDev`. */
function sourceAlias(from: string, env: PlannedEnvironment): string {
  return `${camelCase(from)}${capitalize(env.source.exportName)}`;
}

/** The fork's own export for an environment: the source's export name (the stage, or `<stage>Environment`). */
function exportName(env: PlannedEnvironment): string {
  return env.source.exportName;
}

/** `stacks/teams/<team>/environment.ts`: a typed config per environment that spreads the blueprint's. */
export function renderForkModule(input: ForkTemplateInput & { readonly costCenter?: string }): string {
  const { team, from, environments } = input;
  const fromDir = path.posix.join("stacks/teams", team);
  const imports = new Map<string, string[]>();
  for (const env of environments) {
    const module = path.posix.relative(fromDir, path.posix.join("stacks", env.source.module));
    const specifier = module.startsWith(".") ? module : `./${module}`;
    imports.set(specifier, [...(imports.get(specifier) ?? []), `${env.source.exportName} as ${sourceAlias(from, env)}`]);
  }
  const lines: string[] = [
    `import type { TeamFork } from "../../blueprints";`,
    `import type { EnvironmentConfig } from "../../config/environment-config";`,
    ...[...imports].map(([module, names]) => `import { ${names.join(", ")} } from "${module}";`),
    "",
    "/*",
    ` * The ${team} team's fork of the \`${from}\` blueprint, scaffolded by \`npm run blueprint -- new ${team} --from ${from}\`.`,
    " *",
    " * Ordinary TypeScript the team owns. Each environment spreads the blueprint's config and overrides only what makes",
    " * it the team's: its name (and with it every stack and resource name), the owner, the address spaces and the",
    " * hostnames. Change or add any field of EnvironmentConfig (docs/configuration.md) below. What is not overridden",
    " * keeps following the blueprint, and the constructs under lib/ keep receiving the library's fixes (docs/teams.md).",
    " */",
  ];
  for (const env of environments) {
    const source = sourceAlias(from, env);
    const base = env.source.config;
    const config = env.config;
    lines.push("", `/** \`${config.name}\`: the ${from} blueprint's ${env.stage} environment, owned by team ${team}. */`);
    lines.push(`export const ${exportName(env)}: EnvironmentConfig = {`);
    lines.push(`  ...${source},`);
    lines.push(`  name: ${literal(config.name)},`);
    lines.push(`  ownerTeam: ${literal(team)},`);
    if (input.costCenter) lines.push(`  costCenter: ${literal(input.costCenter)},`);
    lines.push("  // The first free address spaces in 10.0.0.0/8 when the fork was made: no overlap with any other environment.");
    if (config.regions.length === 1) {
      lines.push(`  regions: [${literal(config.regions[0])}],`);
    } else {
      lines.push("  regions: [", ...config.regions.map((r) => `    ${literal(r)},`), "  ],");
    }
    if (config.gateway) {
      lines.push(`  gateway: { ...${source}.gateway!, hostnames: ${literal(config.gateway.hostnames)} },`);
    }
    if (config.teams !== base.teams) {
      const own = config.teams![config.teams!.length - 1];
      lines.push(
        "  teams: [",
        `    ...(${source}.teams ?? []),`,
        "    // The team: its namespaces, Entra ID groups (admins, developers, readers), quota and services; see docs/teams.md.",
        `    ${literal(own)},`,
        "  ],",
      );
    }
    lines.push("};");
  }
  const record = environments.map((env) => (env.stage === exportName(env) ? env.stage : `${env.stage}: ${exportName(env)}`)).join(", ");
  lines.push("", "/** The fork, as the blueprint registry (stacks/teams/index.ts) lists it. */");
  lines.push(`export const FORK: TeamFork = { team: ${literal(team)}, from: ${literal(from)}, environments: { ${record} } };`, "");
  return lines.join("\n");
}

/** `stacks/teams/<team>/README.md`: what the fork is and how to work with it. */
export function renderForkReadme(input: ForkTemplateInput): string {
  const { team, from, environments } = input;
  const rows = environments.map((env) => {
    const regions = env.config.regions.map((r) => `${r.name} (${r.addressSpace})`).join(", ");
    return `| ${env.stage} | \`${env.config.name}\` | ${regions} | ${env.stacks.map((s) => `\`${s}\``).join(", ")} |`;
  });
  return [
    `# The ${team} team's fork of \`${from}\``,
    "",
    `Scaffolded by \`npm run blueprint -- new ${team} --from ${from}\`. The configuration is [environment.ts](environment.ts):`,
    "ordinary TypeScript the team owns, one typed `EnvironmentConfig` per environment that spreads the blueprint's and",
    "overrides the name, owner, address spaces and hostnames.",
    "",
    "| stage | environment | regions | stacks |",
    "|---|---|---|---|",
    ...rows,
    "",
    "## Working on the fork",
    "",
    "```sh",
    "# record the snapshots (the first time), then review them in the diff",
    `npx jest test/stacks/teams/${team}.test.ts -u`,
    "# synthesize the shared environments and every fork",
    "npx cdktf synth",
    "# deploy one environment's stacks",
    `npx cdktf deploy '${environments[0]?.config.name ?? team}-*'`,
    "# redraw docs/diagrams/ (one diagram per environment)",
    "npm run diagram",
    "```",
    "",
    "Before deploying, set your own hostnames (the `example.com` ones cannot get certificates) and your Entra ID groups",
    "(`teams[].entraGroups`). Production environments keep the blueprint's state backend (one state file per stack, so",
    "nothing collides); point `backend` at your own storage account if the team keeps its state apart.",
    "",
    "## Receiving library fixes",
    "",
    "The fork imports the blueprint's environments and the shared constructs; it copies neither. A fix to `lib/` or to the",
    "blueprint's defaults reaches the fork with the next pull; its snapshot test shows exactly what changed in its",
    "Terraform before anyone deploys. See [docs/teams.md](../../../docs/teams.md).",
    "",
  ].join("\n");
}

/** `test/stacks/teams/<team>.test.ts`: the fork's stacks and one snapshot per stack. */
export function renderForkTest(input: ForkTemplateInput): string {
  const { team, from, environments } = input;
  const stacks = environments.flatMap((env) => env.stacks).sort();
  return [
    `import { FORK } from "../../../stacks/teams/${team}/environment";`,
    `import { synthEnvironments } from "../synth-helpers";`,
    "",
    `// The ${team} team's fork of ${from}: one snapshot per stack, so every change to the fork or to the library`,
    `// shows up as a reviewable diff. Record or update them with \`npx jest test/stacks/teams/${team}.test.ts -u\`.`,
    "const { stacks } = synthEnvironments(Object.values(FORK.environments));",
    "const byName = new Map(stacks.map((s) => [s.name, s]));",
    "",
    `describe("the ${team} team's fork of ${from}", () => {`,
    `  it("builds its stacks", () => {`,
    "    expect(stacks.map((s) => s.name).sort()).toEqual([",
    ...stacks.map((s) => `      ${JSON.stringify(s)},`),
    "    ]);",
    "  });",
    "",
    `  it.each(stacks.map((s) => s.name))("matches the snapshot of %s", (name) => {`,
    "    expect(byName.get(name)!.json).toMatchSnapshot();",
    "  });",
    "});",
    "",
  ].join("\n");
}

/** `stacks/teams/index.ts`: the registry of team forks, one import per fork folder. */
export function renderTeamsIndex(teams: readonly string[]): string {
  const sorted = [...teams].sort();
  return [
    "// Generated by `npm run blueprint -- new` (and `npm run blueprint -- sync`) from the folders of stacks/teams/.",
    "// One import per team fork, sorted by team. To remove a fork, delete its folder and its test, then run the sync.",
    `import type { TeamFork } from "../blueprints";`,
    ...sorted.map((team) => `import { FORK as ${camelCase(team)}Fork } from "./${team}/environment";`),
    "",
    "/** The team forks the app synthesizes with the default environments (see stacks/blueprints.ts). */",
    `export const TEAM_FORKS: readonly TeamFork[] = [${sorted.map((team) => `${camelCase(team)}Fork`).join(", ")}];`,
    "",
  ].join("\n");
}
