import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Release } from "@cdktf/provider-helm/lib/release";

/** What differs between the library's Helm releases. */
export interface ChartRelease {
  readonly name: string;
  readonly repository: string;
  readonly chart: string;
  readonly version: string;
  readonly namespace: string;
  /** Install/upgrade timeout in seconds. */
  readonly timeout: number;
  /** Chart values, written as one JSON document. */
  readonly values: object;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A Helm release the way the library installs every chart: into its own namespace (created), atomically (a failed
 * install or upgrade rolls back and cleans up), waiting for the workloads and jobs to be ready, with ten revisions of
 * history for `helm rollback`.
 */
export function chartRelease(scope: Construct, id: string, release: ChartRelease): Release {
  return new Release(scope, id, {
    name: release.name,
    repository: release.repository,
    chart: release.chart,
    version: release.version,
    namespace: release.namespace,
    createNamespace: true,
    atomic: true,
    cleanupOnFail: true,
    wait: true,
    waitForJobs: true,
    timeout: release.timeout,
    maxHistory: 10,
    values: [JSON.stringify(release.values)],
    dependsOn: release.dependsOn,
  });
}
