import * as fs from "node:fs";
import * as path from "node:path";
import { Cidr, cidrsOverlap, formatAddress, parseCidr } from "../../lib/core/cidr";
import { ValidationError } from "../../lib/core/errors";
import type { Blueprint, BlueprintEnvironment } from "../../stacks/blueprints";
import type { EnvironmentConfig, TeamConfig } from "../../stacks/config/environment-config";
import { renderForkModule, renderForkReadme, renderForkTest, renderTeamsIndex } from "./templates";

/**
 * Scaffolds a team's fork of a blueprint: `stacks/teams/<team>/environment.ts` (a typed config per environment that
 * spreads the blueprint's and overrides the team, the names, the address spaces and the hostnames), its README, its
 * snapshot test under `test/stacks/teams/`, and the regenerated registry `stacks/teams/index.ts` that adds the fork to
 * the app's default environments.
 */

/** A team name: 2–31 lowercase letters, digits and hyphens, starting with a letter, ending with a letter or digit. */
export const TEAM_NAME = /^[a-z][a-z0-9-]{0,29}[a-z0-9]$/;
/** Environment names: 1–10 lowercase letters and digits (stacks/config/environment-config.ts). */
const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,9}$/;
/** Where forks get their address spaces: the private 10/8 block, first free block of the source's size. */
const ADDRESS_POOL = "10.0.0.0/8";
/** Namespaces no team can own (stacks/config/environment-config.ts, PLATFORM_NAMESPACES); the team name is one. */
const RESERVED_NAMESPACES = ["default", "cert-manager", "envoy-gateway-system"];

/** The folder of team forks and of their tests, relative to the project root. */
export const TEAMS_DIR = "stacks/teams";
export const TEAM_TESTS_DIR = "test/stacks/teams";

/** What to fork and for whom. */
export interface ForkRequest {
  /** The project root the fork is written into. */
  readonly root: string;
  readonly team: string;
  /** Name of the blueprint to fork. */
  readonly from: string;
  /**
   * Prefix of the fork's environment names (`<code><stage>`).
   * @default the team name without hyphens, cut so the names have at most 7 characters
   */
  readonly code?: string;
  /**
   * Cost center of the fork's environments and of the team.
   * @default the blueprint's
   */
  readonly costCenter?: string;
}

/** What the scaffolder needs from the project it writes into. */
export interface ForkContext {
  /** Every blueprint of the project (shared ones and team forks). */
  readonly blueprints: readonly Blueprint[];
  /** Names of the stacks an environment builds; throws when the config is invalid. */
  readonly stackNames: (config: EnvironmentConfig) => readonly string[];
}

/** One environment of a planned fork. */
export interface PlannedEnvironment {
  readonly stage: string;
  /** The blueprint environment it derives from. */
  readonly source: BlueprintEnvironment;
  /** The fork's config, as the generated module builds it. */
  readonly config: EnvironmentConfig;
  /** The stacks it builds, sorted. */
  readonly stacks: readonly string[];
}

/** A fork, ready to write. */
export interface ForkPlan {
  readonly team: string;
  readonly from: string;
  readonly environments: readonly PlannedEnvironment[];
  /** Files to write, by path relative to the root. */
  readonly files: ReadonlyMap<string, string>;
}

/** The teams that have a fork folder (`stacks/teams/<team>/environment.ts`) under the root, sorted. */
export function forkedTeams(root: string): string[] {
  const dir = path.join(root, TEAMS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "environment.ts")))
    .map((entry) => entry.name)
    .sort();
}

function validateRequest(request: ForkRequest, blueprints: readonly Blueprint[]): Blueprint {
  const { team, root } = request;
  if (typeof team !== "string" || !TEAM_NAME.test(team)) {
    throw new ValidationError("team", "is not a valid team name", team, "use 2-31 lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit");
  }
  if (RESERVED_NAMESPACES.includes(team) || team.startsWith("kube-")) {
    throw new ValidationError("team", "is a namespace reserved for Kubernetes or the platform, and a team's default namespace is its name", team, "choose another team name");
  }
  const blueprint = blueprints.find((b) => b.name === request.from);
  if (!blueprint) {
    throw new ValidationError("from", "names no blueprint", request.from, `use one of ${blueprints.map((b) => b.name).join(", ")} (npm run blueprint -- list)`);
  }
  const targets = [path.posix.join(TEAMS_DIR, team), path.posix.join(TEAM_TESTS_DIR, `${team}.test.ts`)];
  const existing = targets.find((target) => fs.existsSync(path.join(root, target)));
  if (existing !== undefined) {
    throw new ValidationError("team", `has a fork already (${existing} exists)`, team, "edit that fork, or delete its folder and its test and run `npm run blueprint -- sync` before forking again");
  }
  // A fork is listed as a blueprint under its team's name.
  if (blueprints.some((b) => b.name === team)) {
    throw new ValidationError("team", "is the name of a blueprint already", team, "choose another team name");
  }
  if (request.code !== undefined && !/^[a-z][a-z0-9]{0,8}$/.test(request.code)) {
    throw new ValidationError("code", "is not a valid environment name prefix", request.code, "use 1-9 lowercase letters and digits, starting with a letter");
  }
  if (request.costCenter !== undefined && (request.costCenter.length === 0 || request.costCenter.length > 256)) {
    throw new ValidationError("costCenter", "is not a valid cost center", request.costCenter, "use 1-256 characters");
  }
  return blueprint;
}

/**
 * Longest environment name a fork gets by default. Environment names may have 10 characters, but the environment is a
 * fixed part of every resource name, and Managed Grafana's 23-character limit (`amg-<workload>-<env>-<region>-<hash>`)
 * leaves room for about 7.
 */
export const FORK_ENVIRONMENT_NAME_LENGTH = 7;

/** Short forms of long stage names in a fork's environment names, so the team's code keeps its characters. */
const STAGE_CODES: Readonly<Record<string, string>> = { staging: "stg", production: "prod" };

/**
 * The fork's environment name for a stage: `<code><stage>` in at most 7 characters (`staging` written `stg`), cutting
 * the code (to no fewer than two characters), then the stage.
 */
export function forkEnvironmentName(code: string, stage: string): string {
  const suffix = STAGE_CODES[stage] ?? stage;
  return (code.slice(0, Math.max(2, FORK_ENVIRONMENT_NAME_LENGTH - suffix.length)) + suffix).slice(0, FORK_ENVIRONMENT_NAME_LENGTH);
}

function allocateAddressSpace(used: Cidr[], like: string, at: string): string {
  const prefix = parseCidr(at, like).prefix;
  const pool = parseCidr("addressPool", ADDRESS_POOL);
  const size = 2 ** (32 - prefix);
  for (let first = pool.first; prefix >= pool.prefix && first + size - 1 <= pool.last; first += size) {
    const candidate = parseCidr(at, `${formatAddress(first)}/${prefix}`);
    if (!used.some((u) => cidrsOverlap(u, candidate))) {
      used.push(candidate);
      return candidate.text;
    }
  }
  throw new ValidationError(at, `has no free /${prefix} left in ${ADDRESS_POOL} for the fork`, like, "set the fork's address spaces by hand, or remove unused environments");
}

/**
 * Plans a fork without writing anything: checks the request (team name, blueprint, existing fork, names free),
 * derives each environment (name `<code><stage>`, owner and team, the first free address spaces of 10.0.0.0/8,
 * hostnames prefixed with the team), validates it by building its stacks, and renders the files.
 */
export function planFork(request: ForkRequest, context: ForkContext): ForkPlan {
  const blueprint = validateRequest(request, context.blueprints);
  const { team } = request;
  const code = request.code ?? team.replace(/-/g, "");
  const usedNames = new Map(context.blueprints.flatMap((b) => b.environments.map((e) => [e.config.name, b.name] as const)));
  const usedSpaces = context.blueprints.flatMap((b) => b.environments.flatMap((e) => e.config.regions.map((r) => parseCidr("regions.addressSpace", r.addressSpace))));

  const environments = blueprint.environments.map((source): PlannedEnvironment => {
    const name = forkEnvironmentName(code, source.stage);
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new ValidationError("code", `gives the environment name "${name}" for stage ${source.stage}, which is not valid`, code, "pass --code with 1-9 lowercase letters and digits, starting with a letter");
    }
    if (usedNames.has(name)) {
      throw new ValidationError("code", `gives the environment name "${name}" for stage ${source.stage}, already used by blueprint ${usedNames.get(name)}`, code, "pass --code with another prefix");
    }
    usedNames.set(name, team);
    const base = source.config;
    const regions = base.regions.map((r, i) => ({ name: r.name, addressSpace: allocateAddressSpace(usedSpaces, r.addressSpace, `${source.stage}.regions[${i}].addressSpace`) }));
    const ownTeam: TeamConfig | undefined = (base.teams ?? []).some((t) => t.name === team) ? undefined : { name: team, ...(request.costCenter ? { costCenter: request.costCenter } : {}) };
    const config: EnvironmentConfig = {
      ...base,
      name,
      ownerTeam: team,
      ...(request.costCenter ? { costCenter: request.costCenter } : {}),
      regions,
      ...(base.gateway ? { gateway: { ...base.gateway, hostnames: base.gateway.hostnames.map((h) => `${team}.${h}`) } } : {}),
      ...(ownTeam ? { teams: [...(base.teams ?? []), ownTeam] } : {}),
    };
    let stacks: readonly string[];
    try {
      stacks = [...context.stackNames(config)].sort();
    } catch (error) {
      // The project under the root has its own copy of the library: recognise its ValidationError by shape, and
      // re-throw it as ours (its path names the fork's environment, e.g. environments.paymdev.teams[4].name).
      const e = error as Partial<ValidationError>;
      if (typeof e.path === "string" && typeof e.problem === "string") throw new ValidationError(e.path, e.problem, e.value, e.allowed);
      throw error;
    }
    return { stage: source.stage, source, config, stacks };
  });

  const files = new Map<string, string>();
  files.set(path.posix.join(TEAMS_DIR, team, "environment.ts"), renderForkModule({ team, from: blueprint.name, costCenter: request.costCenter, environments }));
  files.set(path.posix.join(TEAMS_DIR, team, "README.md"), renderForkReadme({ team, from: blueprint.name, environments }));
  files.set(path.posix.join(TEAM_TESTS_DIR, `${team}.test.ts`), renderForkTest({ team, from: blueprint.name, environments }));
  files.set(path.posix.join(TEAMS_DIR, "index.ts"), renderTeamsIndex([...new Set([...forkedTeams(request.root), team])].sort()));
  return { team, from: blueprint.name, environments, files };
}

/** Writes a planned fork under the root. */
export function writeFork(plan: ForkPlan, root: string): void {
  for (const [file, content] of plan.files) {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
  }
}

/** Plans and writes a fork; see {@link planFork}. */
export function scaffoldFork(request: ForkRequest, context: ForkContext): ForkPlan {
  const plan = planFork(request, context);
  writeFork(plan, request.root);
  return plan;
}

/** Rewrites `stacks/teams/index.ts` from the fork folders under the root; returns the teams it lists. */
export function syncTeamsIndex(root: string): string[] {
  const teams = forkedTeams(root);
  fs.mkdirSync(path.join(root, TEAMS_DIR), { recursive: true });
  fs.writeFileSync(path.join(root, TEAMS_DIR, "index.ts"), renderTeamsIndex(teams));
  return teams;
}

/** The blueprints as a table for the terminal: name, origin, and each environment with its regions. */
export function formatBlueprints(blueprints: readonly Blueprint[]): string {
  const lines: string[] = [];
  for (const b of blueprints) {
    lines.push(`${b.name}${b.team ? `  (team ${b.team}, forked from ${b.from})` : "  (shared)"}`);
    lines.push(`  ${b.description}`);
    for (const e of b.environments) {
      const regions = e.config.regions.map((r) => `${r.name} ${r.addressSpace}`).join(", ");
      lines.push(`  - ${e.stage}: environment ${e.config.name}, preset ${e.config.preset}, ${regions}`);
    }
  }
  return lines.join("\n");
}
