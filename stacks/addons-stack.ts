import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AksClusterConnection } from "../lib/aks/cluster-connection";
import { StandardTagsAspect } from "../lib/core/tags";
import type { RegionConfig } from "./config/environment-config";
import type { ResolvedEnvironment } from "./config/resolve";
import { configureBackend, RegionalPlatformStack } from "./platform-stack";
import { addAzurermProvider } from "./providers";

/** The Terraform stack name of an environment's cluster add-ons in one region: `<env>-<region>-addons`. */
export function addonsStackName(environment: string, region: string): string {
  return `${environment}-${region}-addons`;
}

/** Props for {@link RegionalAddonsStack}. */
export interface RegionalAddonsStackProps {
  readonly environment: ResolvedEnvironment;
  readonly region: RegionConfig;
  /** The region's platform stack, whose cluster the add-ons go into. */
  readonly platform: RegionalPlatformStack;
}

/**
 * The Helm releases that install CRDs and their controllers into a region's cluster (Envoy Gateway, cert-manager),
 * applied before the apps stack that creates objects of those CRDs (see docs/decisions/0004-addons-stack.md). The
 * releases themselves are created by the apps stack's constructs with this stack as their install scope, so one
 * construct describes a controller and its configuration.
 */
export class RegionalAddonsStack extends TerraformStack {
  /** The kubernetes and helm providers, connected to the cluster through Entra ID. */
  public readonly connection: AksClusterConnection;

  constructor(scope: Construct, props: RegionalAddonsStackProps) {
    const env = props.environment;
    const name = addonsStackName(env.name, props.region.name);
    super(scope, name);
    addAzurermProvider(this);
    configureBackend(this, env, name);
    StandardTagsAspect.applyTo(this, env.tags);
    this.connection = new AksClusterConnection(this, "Cluster", { clusterName: props.platform.cluster.name, resourceGroupName: props.platform.resourceGroupName });
    this.addDependency(props.platform);
  }
}
