import type { EnvironmentConfig } from "./config/environment-config";
import { dev } from "./environments/dev";
import { prod } from "./environments/prod";
import { staging } from "./environments/staging";
import { TEAM_FORKS } from "./teams";

/**
 * The blueprints a team can fork with `npm run blueprint -- new <team> --from <blueprint>`: the shared ones defined
 * here, and every team fork under `stacks/teams/<team>/` (listed in the generated `stacks/teams/index.ts`), so a fork
 * can itself be forked.
 */

/** One environment of a blueprint, and where a fork imports it from. */
export interface BlueprintEnvironment {
  /** The stage the environment is (`dev`, `prod`); a fork's environment of the same stage derives from it. */
  readonly stage: string;
  /** The environment's config. */
  readonly config: EnvironmentConfig;
  /** Module that exports the config, relative to `stacks/` and without extension (e.g. `environments/dev`). */
  readonly module: string;
  /** Name of the export that holds the config. */
  readonly exportName: string;
}

/** A blueprint: environments that fork together. */
export interface Blueprint {
  /** Name to fork it by (`--from <name>`). */
  readonly name: string;
  /** One line on what it builds. */
  readonly description: string;
  /** The owning team, for a team's fork. */
  readonly team?: string;
  /** The blueprint a team fork was forked from. */
  readonly from?: string;
  /** The environments, in the order they are built. */
  readonly environments: readonly BlueprintEnvironment[];
}

/**
 * What a team fork's module (`stacks/teams/<team>/environment.ts`) exports as `FORK`: the owning team, the blueprint
 * it came from, and its environments by stage. Each environment is also a named export (see {@link forkExportName}).
 */
export interface TeamFork {
  readonly team: string;
  readonly from: string;
  readonly environments: Readonly<Record<string, EnvironmentConfig>>;
}

const RESERVED_WORDS = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return super switch this throw true try typeof var void while with yield await implements interface package private protected public static".split(" "),
);

/**
 * The name a fork module exports the environment of a stage under: the stage itself (`dev`, `prod`), or
 * `<stage>Environment` when the stage is a reserved word of JavaScript.
 */
export function forkExportName(stage: string): string {
  return RESERVED_WORDS.has(stage) ? `${stage}Environment` : stage;
}

/** The blueprints this library ships. */
export const SHARED_BLUEPRINTS: readonly Blueprint[] = [
  {
    name: "commerce",
    description: "The e-commerce example: dev in one region, staging and prod active-passive in two behind Front Door; gateway, microservices, Redis, PostgreSQL, Service Bus, Event Hubs, Event Grid",
    environments: [
      { stage: "dev", config: dev, module: "environments/dev", exportName: "dev" },
      { stage: "staging", config: staging, module: "environments/staging", exportName: "staging" },
      { stage: "prod", config: prod, module: "environments/prod", exportName: "prod" },
    ],
  },
];

/** Turns a registered team fork into a blueprint. */
export function forkBlueprint(fork: TeamFork): Blueprint {
  return {
    name: fork.team,
    description: `Team ${fork.team}'s fork of ${fork.from}`,
    team: fork.team,
    from: fork.from,
    environments: Object.entries(fork.environments).map(([stage, config]) => ({
      stage,
      config,
      module: `teams/${fork.team}/environment`,
      exportName: forkExportName(stage),
    })),
  };
}

/** Every blueprint: the shared ones, then the team forks by team name. */
export const BLUEPRINTS: readonly Blueprint[] = [...SHARED_BLUEPRINTS, ...TEAM_FORKS.map(forkBlueprint)];

