import { TerraformStack, Testing } from "cdktf";
import { AksCluster, AksClusterProps } from "../../lib/aks/aks-cluster";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { ManagedPrometheus } from "../../lib/observability/managed-prometheus";
import { StackFixture, testStack } from "../network/fixtures";

export { expectValidationError, resourceList, resourceNamed, resourcesOf } from "../network/fixtures";

/** Options of {@link clusterFixture}. */
export interface ClusterFixtureOptions {
  /** @default "westeurope" */
  readonly region?: string;
  /** Create a ManagedPrometheus and pass it to the cluster. @default false */
  readonly prometheus?: boolean;
  /** @default "10.10.0.0/16" */
  readonly addressSpace?: string;
}

/** Everything an AksCluster needs, before the cluster is created. */
export interface ClusterDependencies extends StackFixture {
  readonly network: VirtualNetwork;
  readonly logAnalytics: LogAnalytics;
  readonly prometheus?: ManagedPrometheus;
}

/** A stack with the resource group, network, Log Analytics (and optionally Prometheus) a cluster takes. */
export function clusterDependencies(options: ClusterFixtureOptions = {}): ClusterDependencies {
  const base = testStack(options.region);
  const { stack, resourceGroup, namer } = base;
  const network = new VirtualNetwork(stack, "Network", { resourceGroup, namer, addressSpace: options.addressSpace ?? "10.10.0.0/16" });
  const logAnalytics = new LogAnalytics(stack, "Logs", { resourceGroup, namer });
  const prometheus = options.prometheus ? new ManagedPrometheus(stack, "Prom", { resourceGroup, namer }) : undefined;
  return { ...base, network, logAnalytics, prometheus };
}

/** A cluster with its dependencies. */
export interface ClusterFixture extends ClusterDependencies {
  readonly cluster: AksCluster;
}

/** Creates an AksCluster with id `Aks` and the given props over the defaults of {@link clusterDependencies}. */
export function clusterFixture(props: Partial<AksClusterProps> = {}, options: ClusterFixtureOptions = {}): ClusterFixture {
  const deps = clusterDependencies(options);
  const { stack, resourceGroup, namer, network, logAnalytics, prometheus } = deps;
  const cluster = new AksCluster(stack, "Aks", { resourceGroup, namer, network, logAnalytics, prometheus, ...props });
  return { ...deps, cluster };
}

/** Creates the cluster (then runs `configure`, e.g. to add pools) and synthesizes the stack. */
export function synthCluster(
  props: Partial<AksClusterProps> = {},
  configure: (cluster: AksCluster) => void = () => undefined,
  options: ClusterFixtureOptions = {},
): ClusterFixture & { out: string } {
  const fixture = clusterFixture(props, options);
  configure(fixture.cluster);
  return { ...fixture, out: Testing.synth(fixture.stack) };
}

/** Synthesizes a stack with its node validations run, as `cdktf synth` does. */
export function synthValidated(stack: TerraformStack): string {
  return Testing.synth(stack, true);
}
