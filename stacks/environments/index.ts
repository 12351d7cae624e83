import type { EnvironmentConfig } from "../config/environment-config";
import { dev } from "./dev";
import { prod } from "./prod";

/** The environments `npx cdktf synth` builds. */
export const DEFAULT_ENVIRONMENTS: readonly EnvironmentConfig[] = [dev, prod];
