/**
 * The Linux recording rules that Azure's managed Prometheus onboarding creates for every AKS cluster
 * (rule groups `NodeRecordingRulesRuleGroup-<cluster>` and `KubernetesRecordingRulesRuleGroup-<cluster>`).
 * The expressions are those of Azure/prometheus-collector `AddonTerraformTemplate/main.tf` (derived from the
 * kubernetes-mixin), with runs of whitespace collapsed. The Azure Monitor dashboards in Managed Grafana query these
 * recorded series, so keep them in step with Azure's templates rather than editing them here.
 *
 * @see https://github.com/Azure/prometheus-collector/blob/HEAD/AddonTerraformTemplate/main.tf
 */

/** One recording rule: the series it records, its PromQL expression and extra labels. */
export interface RecordingRule {
  readonly record: string;
  readonly expression: string;
  readonly labels?: Record<string, string>;
}

/** Node recording rules (node-exporter series, job `node`). */
export const NODE_RECORDING_RULES: readonly RecordingRule[] = [
  {
    record: "instance:node_num_cpu:sum",
    expression: 'count without (cpu, mode) (node_cpu_seconds_total{job="node",mode="idle"})',
  },
  {
    record: "instance:node_cpu_utilisation:rate5m",
    expression: '1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job="node", mode=~"idle|iowait|steal"}[5m])))',
  },
  {
    record: "instance:node_load1_per_cpu:ratio",
    expression: '(node_load1{job="node"}/ instance:node_num_cpu:sum{job="node"})',
  },
  {
    record: "instance:node_memory_utilisation:ratio",
    expression:
      '1 - ((node_memory_MemAvailable_bytes{job="node"} or (node_memory_Buffers_bytes{job="node"} + node_memory_Cached_bytes{job="node"} + node_memory_MemFree_bytes{job="node"} + node_memory_Slab_bytes{job="node"}))/ node_memory_MemTotal_bytes{job="node"})',
  },
  {
    record: "instance:node_vmstat_pgmajfault:rate5m",
    expression: 'rate(node_vmstat_pgmajfault{job="node"}[5m])',
  },
  {
    record: "instance_device:node_disk_io_time_seconds:rate5m",
    expression: 'rate(node_disk_io_time_seconds_total{job="node", device!=""}[5m])',
  },
  {
    record: "instance_device:node_disk_io_time_weighted_seconds:rate5m",
    expression: 'rate(node_disk_io_time_weighted_seconds_total{job="node", device!=""}[5m])',
  },
  {
    record: "instance:node_network_receive_bytes_excluding_lo:rate5m",
    expression: 'sum without (device) (rate(node_network_receive_bytes_total{job="node", device!="lo"}[5m]))',
  },
  {
    record: "instance:node_network_transmit_bytes_excluding_lo:rate5m",
    expression: 'sum without (device) (rate(node_network_transmit_bytes_total{job="node", device!="lo"}[5m]))',
  },
  {
    record: "instance:node_network_receive_drop_excluding_lo:rate5m",
    expression: 'sum without (device) (rate(node_network_receive_drop_total{job="node", device!="lo"}[5m]))',
  },
  {
    record: "instance:node_network_transmit_drop_excluding_lo:rate5m",
    expression: 'sum without (device) (rate(node_network_transmit_drop_total{job="node", device!="lo"}[5m]))',
  },
];

const ACTIVE_POD = 'max by (namespace, pod, cluster) ((kube_pod_status_phase{phase=~"Pending|Running"} == 1))';

function activeResource(kind: "requests" | "limits", resource: "cpu" | "memory"): string {
  return `kube_pod_container_resource_${kind}{resource="${resource}",job="kube-state-metrics"} * on (namespace, pod, cluster)group_left() ${ACTIVE_POD}`;
}

function namespaceResourceSum(kind: "requests" | "limits", resource: "cpu" | "memory"): string {
  return (
    "sum by (namespace, cluster) (sum by (namespace, pod, cluster) (max by (namespace, pod, container, cluster) (" +
    `kube_pod_container_resource_${kind}{resource="${resource}",job="kube-state-metrics"}` +
    ') * on(namespace, pod, cluster) group_left() max by (namespace, pod, cluster) (kube_pod_status_phase{phase=~"Pending|Running"} == 1)))'
  );
}

function podOwner(ownerKind: "DaemonSet" | "StatefulSet" | "Job"): string {
  return `max by (cluster, namespace, workload, pod) (label_replace(kube_pod_owner{job="kube-state-metrics", owner_kind="${ownerKind}"}, "workload", "$1", "owner_name", "(.*)"))`;
}

function containerMemory(metric: string): string {
  return `${metric}{job="cadvisor", image!=""}* on (namespace, pod) group_left(node) topk by(namespace, pod) (1, max by(namespace, pod, node) (kube_pod_info{node!=""}))`;
}

/** Kubernetes recording rules (cAdvisor and kube-state-metrics series). */
export const KUBERNETES_RECORDING_RULES: readonly RecordingRule[] = [
  {
    record: "node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate",
    expression:
      'sum by (cluster, namespace, pod, container) (irate(container_cpu_usage_seconds_total{job="cadvisor", image!=""}[5m])) * on (cluster, namespace, pod) group_left(node) topk by (cluster, namespace, pod) (1, max by(cluster, namespace, pod, node) (kube_pod_info{node!=""}))',
  },
  { record: "node_namespace_pod_container:container_memory_working_set_bytes", expression: containerMemory("container_memory_working_set_bytes") },
  { record: "node_namespace_pod_container:container_memory_rss", expression: containerMemory("container_memory_rss") },
  { record: "node_namespace_pod_container:container_memory_cache", expression: containerMemory("container_memory_cache") },
  { record: "node_namespace_pod_container:container_memory_swap", expression: containerMemory("container_memory_swap") },
  { record: "cluster:namespace:pod_memory:active:kube_pod_container_resource_requests", expression: activeResource("requests", "memory") },
  { record: "namespace_memory:kube_pod_container_resource_requests:sum", expression: namespaceResourceSum("requests", "memory") },
  { record: "cluster:namespace:pod_cpu:active:kube_pod_container_resource_requests", expression: activeResource("requests", "cpu") },
  { record: "namespace_cpu:kube_pod_container_resource_requests:sum", expression: namespaceResourceSum("requests", "cpu") },
  { record: "cluster:namespace:pod_memory:active:kube_pod_container_resource_limits", expression: activeResource("limits", "memory") },
  { record: "namespace_memory:kube_pod_container_resource_limits:sum", expression: namespaceResourceSum("limits", "memory") },
  { record: "cluster:namespace:pod_cpu:active:kube_pod_container_resource_limits", expression: activeResource("limits", "cpu") },
  { record: "namespace_cpu:kube_pod_container_resource_limits:sum", expression: namespaceResourceSum("limits", "cpu") },
  {
    record: "namespace_workload_pod:kube_pod_owner:relabel",
    expression:
      'max by (cluster, namespace, workload, pod) (label_replace(label_replace(kube_pod_owner{job="kube-state-metrics", owner_kind="ReplicaSet"}, "replicaset", "$1", "owner_name", "(.*)") * on(replicaset, namespace) group_left(owner_name) topk by(replicaset, namespace) (1, max by (replicaset, namespace, owner_name) (kube_replicaset_owner{job="kube-state-metrics"})), "workload", "$1", "owner_name", "(.*)"))',
    labels: { workload_type: "deployment" },
  },
  { record: "namespace_workload_pod:kube_pod_owner:relabel", expression: podOwner("DaemonSet"), labels: { workload_type: "daemonset" } },
  { record: "namespace_workload_pod:kube_pod_owner:relabel", expression: podOwner("StatefulSet"), labels: { workload_type: "statefulset" } },
  { record: "namespace_workload_pod:kube_pod_owner:relabel", expression: podOwner("Job"), labels: { workload_type: "job" } },
  {
    record: ":node_memory_MemAvailable_bytes:sum",
    expression:
      'sum(node_memory_MemAvailable_bytes{job="node"} or (node_memory_Buffers_bytes{job="node"} + node_memory_Cached_bytes{job="node"} + node_memory_MemFree_bytes{job="node"} + node_memory_Slab_bytes{job="node"})) by (cluster)',
  },
  {
    record: "cluster:node_cpu:ratio_rate5m",
    expression:
      'sum(rate(node_cpu_seconds_total{job="node",mode!="idle",mode!="iowait",mode!="steal"}[5m])) by (cluster) /count(sum(node_cpu_seconds_total{job="node"}) by (cluster, instance, cpu)) by (cluster)',
  },
];
