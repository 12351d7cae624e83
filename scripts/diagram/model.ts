import { ResourceNamer } from "../../lib/core/naming";
import type { ServiceConfig } from "../../stacks/config/apps-config";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { ResolvedEnvironment, resolveEnvironment } from "../../stacks/config/resolve";

/**
 * The architecture of one environment as a graph, derived from its resolved config the way the blueprints build it:
 * per region a platform stack (network, AKS and its pools, observability, data stores, messaging and event routes),
 * an addons stack (traffic controller, cert-manager) and an apps stack (gateway, team namespaces, services and their
 * routes), plus the failover mode across regions. Nothing is drawn that the config does not produce: the global layer
 * (Front Door, DNS) and CDC appear once the config has them.
 *
 * The model is plain data, sorted, so the renderers (Mermaid, DOT) give the same bytes for the same config.
 */

/** What a node stands for; renderers pick a shape and colour per kind. */
export type NodeKind =
  | "network"
  | "publicIp"
  | "cluster"
  | "pool"
  | "observability"
  | "secrets"
  | "store"
  | "queue"
  | "eventHub"
  | "topic"
  | "controller"
  | "gateway"
  | "service"
  | "failover";

/** What an edge stands for. */
export type EdgeKind = "contains" | "stack" | "route" | "calls" | "sends" | "receives" | "event" | "uses" | "telemetry" | "traffic" | "failover";

/** A box that holds nodes and other groups: a region, a stack, a namespace, a messaging namespace. */
export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  /** The enclosing group; undefined at the top level. */
  readonly parent?: string;
  /** Position among its siblings (regions keep their config order: primary first). */
  readonly order: number;
}

export interface DiagramNode {
  readonly id: string;
  /** Lines of the label. */
  readonly label: readonly string[];
  readonly kind: NodeKind;
  /** The group the node is drawn in; undefined at the top level. */
  readonly group?: string;
}

/** An edge between nodes, or between groups (stack order). */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface DiagramModel {
  readonly environment: string;
  readonly title: string;
  /** Sentences that explain the diagram (regions, failover, what is not drawn). */
  readonly notes: readonly string[];
  readonly groups: readonly DiagramGroup[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** An identifier safe in Mermaid and DOT: letters, digits and underscores. */
export function nodeId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9]/g, "_")).join("_");
}

function strategyOf(service: ServiceConfig, env: ResolvedEnvironment): string {
  const strategy = service.strategy;
  if (!strategy) return env.deployment ? "big bang" : "rolling";
  switch (strategy.type) {
    case "canary":
      return `canary ${strategy.canaryWeight}%`;
    case "shadow":
      return `shadow ${strategy.mirrorPercent}%`;
    case "blue-green":
      return `blue-green (${strategy.activeSlot} live)`;
    default:
      return strategy.type;
  }
}

function range(min: number | undefined, max: number | undefined): string {
  return min === max ? `${min ?? "?"}` : `${min ?? "?"}–${max ?? "?"}`;
}

const FAILOVER_ROLES: Record<NonNullable<ResolvedEnvironment["failoverMode"]>, (index: number) => string> = {
  "active-passive": (i) => (i === 0 ? "primary (priority 1)" : `standby (priority ${i + 1})`),
  "active-active": () => "active (equal priority)",
  "backup-restore": (i) => (i === 0 ? "primary" : "restore target"),
};

/** Builds the model of an environment from its config (validated and resolved first, as the app does). */
export function buildDiagramModel(config: EnvironmentConfig): DiagramModel {
  const env = resolveEnvironment(config);
  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const group = (id: string, label: string, parent?: string, order = 0) => {
    groups.push({ id, label, parent, order });
    return id;
  };
  const node = (id: string, kind: NodeKind, label: string[], parent?: string) => {
    nodes.push({ id, kind, label, group: parent });
    return id;
  };
  const edge = (from: string, to: string, kind: EdgeKind, label?: string) => edges.push({ from, to, kind, label });

  const multiRegion = env.regions.length > 1;
  const failover = env.failoverMode && multiRegion ? node("failover", "failover", [`failover: ${env.failoverMode}`]) : undefined;

  env.regions.forEach((region, index) => {
    const r = region.name;
    const namer = new ResourceNamer({ workload: env.workload, environment: env.name, region: r, uniqueSeed: env.uniqueSeed });
    const primary = index === 0;
    const regionGroup = group(nodeId(r), `${r} · ${region.addressSpace}${multiRegion ? (primary ? " · primary" : " · secondary") : ""}`, undefined, index);

    // --- platform stack ---
    const platform = group(nodeId(r, "platform"), `${env.name}-${r}-platform`, regionGroup, 0);
    const vnet = node(nodeId(r, "vnet"), "network", ["VNet", region.addressSpace], platform);
    const aks = node(nodeId(r, "aks"), "cluster", [`AKS ${namer.name("kubernetes_cluster")}`, `${env.aks.skuTier} tier · ${env.aks.apiServer?.mode ?? "private"} API server`], platform);
    edge(vnet, aks, "contains", "nodes");
    const sys = env.aks.systemPool ?? {};
    edge(aks, node(nodeId(r, "pool", "system"), "pool", ["system pool", `${sys.vmSize ?? "Standard_D4ds_v5"} × ${range(sys.minCount, sys.maxCount)}`], platform), "contains");
    for (const [name, pool] of Object.entries(env.aks.nodePools).sort(([a], [b]) => a.localeCompare(b))) {
      edge(aks, node(nodeId(r, "pool", name), "pool", [`node pool ${name} (${pool.kind ?? "general"})`, `${pool.vmSize ?? "default size"} × ${range(pool.minCount, pool.maxCount)}`], platform), "contains");
    }
    const logs = node(nodeId(r, "logs"), "observability", ["Log Analytics", `${env.monitoring.logRetentionDays} days`], platform);
    edge(aks, logs, "telemetry", "logs");
    if (env.monitoring.prometheus) edge(aks, node(nodeId(r, "prometheus"), "observability", ["Managed Prometheus", "+ Grafana"], platform), "telemetry", "metrics");

    const data = env.data;
    const keyVault = node(nodeId(r, "keyvault"), "secrets", ["Key Vault"], platform);
    const containers = data.storage.containers.length > 0 ? `containers: ${[...data.storage.containers].sort().join(", ")}` : "no containers";
    const storage = node(nodeId(r, "storage"), "store", [`Storage ${data.storage.replication}`, containers], platform);
    const redis = data.redis ? node(nodeId(r, "redis"), "store", [`Redis ${data.redis.sku} ${data.redis.sku === "Premium" ? "P" : "C"}${data.redis.capacity}`], platform) : undefined;
    if (data.postgres && primary) {
      const pg = data.postgres;
      node(nodeId(r, "postgres"), "store", [`PostgreSQL ${pg.version ?? ""}`.trim(), `${pg.skuName}${pg.highAvailability ? " · zone-redundant HA" : ""}`, pg.databases.length > 0 ? `databases: ${pg.databases.join(", ")}` : "no databases"], platform);
    }

    const queues = Object.keys(data.serviceBus.queues).sort();
    const bus = group(nodeId(r, "servicebus"), `Service Bus ${data.serviceBus.sku}`, platform, 1);
    if (queues.length === 0) node(nodeId(r, "servicebus", "none"), "queue", ["no queues"], bus);
    for (const q of queues) {
      const queue = data.serviceBus.queues[q];
      const traits = [queue.sessions ? "sessions" : undefined, queue.duplicateDetectionMinutes ? "dedup" : undefined].filter(Boolean);
      node(nodeId(r, "queue", q), "queue", [`queue ${q}`, ...(traits.length > 0 ? [traits.join(", ")] : [])], bus);
    }
    const hubs = Object.keys(data.eventHubs.hubs).sort();
    const eventHubs = group(nodeId(r, "eventhubs"), `Event Hubs ${data.eventHubs.sku}`, platform, 2);
    if (hubs.length === 0) node(nodeId(r, "eventhubs", "none"), "eventHub", ["no event hubs"], eventHubs);
    for (const h of hubs) {
      const hub = data.eventHubs.hubs[h];
      node(nodeId(r, "hub", h), "eventHub", [`event hub ${h}`, `${hub.partitionCount ?? 2} partitions`], eventHubs);
    }
    const destination = (route: { queue?: string; eventHub?: string }) => (route.queue !== undefined ? nodeId(r, "queue", route.queue) : nodeId(r, "hub", route.eventHub!));
    for (const [t, topic] of Object.entries(data.events.topics ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const topicId = node(nodeId(r, "topic", t), "topic", [`Event Grid topic ${t}`], platform);
      for (const [s, route] of Object.entries(topic.subscriptions).sort(([a], [b]) => a.localeCompare(b))) {
        edge(topicId, destination(route), "event", route.eventTypes ? `${s}: ${route.eventTypes.join(", ")}` : s);
      }
    }
    for (const [source, blob] of Object.entries(data.events.blobEvents ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      for (const [s, route] of Object.entries(blob.subscriptions).sort(([a], [b]) => a.localeCompare(b))) {
        edge(storage, destination(route), "event", `${source}/${s}: blob created in ${blob.container}`);
      }
    }

    // --- addons and apps stacks (when the environment runs services behind a gateway) ---
    const gw = env.gateway;
    if (!gw) {
      if (failover) edge(failover, aks, "failover", FAILOVER_ROLES[env.failoverMode!](index));
      return;
    }
    const addons = group(nodeId(r, "addons"), `${env.name}-${r}-addons`, regionGroup, 1);
    const apps = group(nodeId(r, "apps"), `${env.name}-${r}-apps`, regionGroup, 2);
    edge(platform, addons, "stack", "then");
    edge(addons, apps, "stack", "then");
    const envoy = node(nodeId(r, "envoy"), "controller", ["Envoy Gateway"], addons);
    const certManager = node(nodeId(r, "certmanager"), "controller", ["cert-manager"], addons);
    const exposure = gw.exposure ?? "public";
    const gateway = node(nodeId(r, "gateway"), "gateway", ["Gateway (HTTPS)", ...gw.hostnames, `${exposure} load balancer`], apps);
    edge(envoy, gateway, "contains", "programs");
    edge(certManager, gateway, "contains", "TLS certificates");
    if (exposure === "public") {
      const ip = node(nodeId(r, "gatewayip"), "publicIp", ["static public IP"], platform);
      edge(ip, gateway, "traffic", "HTTPS");
    }
    if (failover) edge(failover, gateway, "failover", FAILOVER_ROLES[env.failoverMode!](index));

    for (const team of env.teams) {
      const services = Object.entries(team.services ?? {}).sort(([a], [b]) => a.localeCompare(b));
      if (services.length === 0) continue;
      const namespace = team.namespaces[0];
      const ns = group(nodeId(r, "ns", namespace), `namespace ${namespace} · team ${team.name}`, apps, 0);
      for (const [name, service] of services) {
        const svc = node(nodeId(r, "svc", name), "service", [name, strategyOf(service, env)], ns);
        if (service.paths) edge(gateway, svc, "route", `${service.paths.join(", ")}${service.loadBalancing ? ` · ${service.loadBalancing}` : ""}`);
        for (const callee of service.calls ?? []) edge(svc, nodeId(r, "svc", callee), "calls", "calls");
        for (const q of service.uses?.sendsTo ?? []) edge(svc, nodeId(r, "queue", q), "sends", "sends");
        for (const q of service.uses?.receivesFrom ?? []) edge(nodeId(r, "queue", q), svc, "receives", service.queueScaling?.queue === q ? "receives, scales on" : "receives");
        if (service.queueScaling && !(service.uses?.receivesFrom ?? []).includes(service.queueScaling.queue)) {
          edge(nodeId(r, "queue", service.queueScaling.queue), svc, "receives", "scales on");
        }
        if (service.uses?.redis && redis) edge(svc, redis, "uses", "cache");
        if (service.uses?.keyVaultSecrets) edge(svc, keyVault, "uses", "secrets");
        if ((service.uses?.blobContainers ?? []).length > 0) edge(svc, storage, "uses", `blobs: ${service.uses!.blobContainers!.join(", ")}`);
      }
    }
  });

  const notes = [
    `${env.regions.length} region${multiRegion ? "s" : ""} (${env.regions.map((r) => r.name).join(", ")}), preset ${env.preset}${env.failoverMode ? `, failover ${env.failoverMode}` : ""}.`,
    "Three Terraform stacks per region, applied in order: platform (Azure resources), addons (CRD-bearing Helm charts), apps (what runs in the cluster).",
    "Not drawn until the config has them: the global layer (Front Door, DNS, Traffic Manager) and change data capture.",
  ];

  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return {
    environment: env.name,
    title: `Environment ${env.name}`,
    notes,
    groups: groups.sort((a, b) => (a.parent ?? "").localeCompare(b.parent ?? "") || a.order - b.order || a.id.localeCompare(b.id)),
    nodes: nodes.sort(byId),
    edges: edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || (a.label ?? "").localeCompare(b.label ?? "")),
  };
}
