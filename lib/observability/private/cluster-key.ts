import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";

/** How the observability constructs refer to one cluster in construct ids and generated names. */
export interface ClusterKey {
  /** Construct id fragment, e.g. `Aks` (the cluster's node id, or its parent's when the L1 is an L2's `Resource`). */
  readonly id: string;
  /** Lowercase name segment for `ResourceNamer` qualifiers, e.g. `aks`: letters and digits, starting with a letter. */
  readonly segment: string;
}

/**
 * Derives the key of a cluster from its construct tree position. An L2 cluster construct keeps its L1 under the id
 * `Resource`, which every such cluster shares, so the L2's own id is used instead.
 */
export function clusterKey(cluster: KubernetesCluster): ClusterKey {
  const node = cluster.node;
  const id = node.id === "Resource" && node.scope ? node.scope.node.id : node.id;
  const cleaned = id.toLowerCase().replace(/[^a-z0-9]/g, "");
  const segment = /^[a-z]/.test(cleaned) ? cleaned : `k${cleaned}`;
  return { id, segment };
}
