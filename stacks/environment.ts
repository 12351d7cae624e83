import { Construct } from "constructs";
import type { EnvironmentConfig } from "./config/environment-config";
import { ResolvedEnvironment, resolveEnvironment } from "./config/resolve";
import { RegionalAddonsStack } from "./addons-stack";
import { RegionalAppsStack } from "./apps-stack";
import { GlobalEdgeStack } from "./global-stack";
import { RegionalPlatformStack, regionRoles } from "./platform-stack";
import { applyBlueprintPolicy } from "./policy";

/** The stacks of one environment. Later layers (apps, global) are added here as they are built. */
export interface EnvironmentStacks {
  readonly environment: ResolvedEnvironment;
  /** Platform stack per region, primary first. */
  readonly platform: readonly RegionalPlatformStack[];
  /** Add-ons stack per region (CRD-bearing Helm releases), when the environment runs services. */
  readonly addons: readonly RegionalAddonsStack[];
  /** Apps stack per region (gateway, namespaces, services), when the environment runs services. */
  readonly apps: readonly RegionalAppsStack[];
  /** The `<env>-global` stack (Front Door or Traffic Manager over the regional gateways), when the environment has an edge. */
  readonly global?: GlobalEdgeStack;
}

/**
 * Builds every stack of an environment: per region a platform stack (`<env>-<region>-platform`) and, when a gateway
 * is configured, an addons stack (`<env>-<region>-addons`) and an apps stack (`<env>-<region>-apps`) in each serving
 * region (a backup-restore standby runs none), and the `<env>-global` stack with the edge over the regional gateways. The config is
 * validated first, so a bad field fails before any stack is created. Every stack gets the policy pack
 * ({@link applyBlueprintPolicy}).
 */
export function buildEnvironment(scope: Construct, config: EnvironmentConfig): EnvironmentStacks {
  const environment = resolveEnvironment(config);
  const roles = regionRoles(environment);
  const platform: RegionalPlatformStack[] = [];
  environment.regions.forEach((region, i) => platform.push(new RegionalPlatformStack(scope, { environment, region, role: roles[i], primary: i > 0 ? platform[0] : undefined })));
  const addons: RegionalAddonsStack[] = [];
  const apps: RegionalAppsStack[] = [];
  if (environment.gateway) {
    environment.regions.forEach((region, i) => {
      // A standby region runs nothing until the environment fails over to it.
      if (roles[i] === "standby") return;
      const addonsStack = new RegionalAddonsStack(scope, { environment, region, platform: platform[i] });
      addons.push(addonsStack);
      apps.push(new RegionalAppsStack(scope, { environment, region, platform: platform[i], addons: addonsStack }));
    });
  }
  const global = environment.edge && environment.gateway ? new GlobalEdgeStack(scope, { environment, platform }) : undefined;
  // The policy pack checks every stack at synthesis; error-level findings fail `cdktf synth` (docs/policy.md).
  applyBlueprintPolicy({ environment, platform, addons, apps, global });
  return { environment, platform, addons, apps, global };
}
