import { Construct } from "constructs";
import type { EnvironmentConfig } from "./config/environment-config";
import { ResolvedEnvironment, resolveEnvironment } from "./config/resolve";
import { RegionalPlatformStack } from "./platform-stack";

/** The stacks of one environment. Later layers (apps, global) are added here as they are built. */
export interface EnvironmentStacks {
  readonly environment: ResolvedEnvironment;
  /** Platform stack per region, primary first. */
  readonly platform: readonly RegionalPlatformStack[];
}

/**
 * Builds every stack of an environment: a platform stack per region (`<env>-<region>-platform`). The config is
 * validated first, so a bad field fails before any stack is created.
 */
export function buildEnvironment(scope: Construct, config: EnvironmentConfig): EnvironmentStacks {
  const environment = resolveEnvironment(config);
  const platform = environment.regions.map((region) => new RegionalPlatformStack(scope, { environment, region }));
  return { environment, platform };
}
