import type { EnvironmentConfig } from "../config/environment-config";
import { TEAM_FORKS } from "../teams";
import { dev } from "./dev";
import { prod } from "./prod";
import { staging } from "./staging";

/** The shared environments of the e-commerce blueprint (`commerce` in stacks/blueprints.ts). */
export const SHARED_ENVIRONMENTS: readonly EnvironmentConfig[] = [dev, staging, prod];

/** The environments `npx cdktf synth` builds: the shared ones, then every team fork's (stacks/teams/index.ts). */
export const DEFAULT_ENVIRONMENTS: readonly EnvironmentConfig[] = [...SHARED_ENVIRONMENTS, ...TEAM_FORKS.flatMap((fork) => Object.values(fork.environments))];
