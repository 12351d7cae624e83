import { HEARTBEAT_TOPIC_PREFIX } from "../../lib/cdc/cdc-pipeline";
import { ResourceNamer } from "../../lib/core/naming";
import { FailoverPlanEntry, planFailover, servingRegions } from "../../lib/edge/failover";
import { CDC_CHECKPOINT_CONTAINER, CDC_NAMESPACE } from "../../stacks/cdc-names";
import type { ServiceConfig } from "../../stacks/config/apps-config";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { ResolvedEnvironment, resolveEnvironment } from "../../stacks/config/resolve";
import { DEAD_LETTER_CONTAINER } from "../../stacks/platform-data";
import { RegionRole, regionRoles } from "../../stacks/platform-stack";

/**
 * The architecture of one environment as a graph, derived from its resolved config the way the blueprints build it
 * (stacks/environment.ts):
 * - the `<env>-global` stack with the edge (Front Door or Traffic Manager) and its origins, the serving regions'
 *   gateways, with the priorities and weights of {@link planFailover};
 * - per region, by its role ({@link regionRoles}): a platform stack (network, AKS and its pools, observability, data
 *   stores, messaging and event routes; in a secondary the read replica of the primary's database), an addons stack
 *   (traffic controller, cert-manager) and an apps stack (gateway, team namespaces, services and their routes); a
 *   backup-restore standby holds only the network a restore lands in;
 * - change data capture in the primary region: PostgreSQL → Debezium → change hubs → the consuming services.
 * Nothing is drawn that the config does not produce.
 *
 * The model is plain data, sorted, so the renderers (Mermaid, DOT) give the same bytes for the same config.
 */

/** What a node stands for; renderers pick a shape and colour per kind. */
export type NodeKind =
  | "clients"
  | "globalEdge"
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
  | "connector"
  | "gateway"
  | "service"
  | "external"
  | "failover"
  | "note";

/** What an edge stands for. */
export type EdgeKind =
  | "contains"
  | "stack"
  | "route"
  | "calls"
  | "sends"
  | "receives"
  | "event"
  | "uses"
  | "telemetry"
  | "traffic"
  | "origin"
  | "failover"
  | "replication"
  | "changes";

/** A box that holds nodes and other groups: the global stack, a region, a stack, a namespace, a messaging namespace. */
export interface DiagramGroup {
  readonly id: string;
  readonly label: string;
  /** The enclosing group; undefined at the top level. */
  readonly parent?: string;
  /** Position among its siblings (the global stack first, then the regions in config order: primary first). */
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
  /** Sentences that explain the diagram (regions and roles, stacks, edge, cross-region data, CDC, what is not drawn). */
  readonly notes: readonly string[];
  readonly groups: readonly DiagramGroup[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** An identifier safe in Mermaid and DOT: letters, digits and underscores. */
export function nodeId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9]/g, "_")).join("_");
}

/** The id of the edge node (Front Door or Traffic Manager) in the `<env>-global` group. */
export const EDGE_NODE = "global_edge";
/** The id of the failover node, drawn only for a multi-region environment without an edge. */
export const FAILOVER_NODE = "failover";
/** The id of the clients node, drawn when the environment is reachable from the internet. */
export const CLIENTS_NODE = "clients";

/** The partitions of each change hub when `data.cdc.partitionCount` is unset (CdcPipeline's default). */
const CHANGE_HUB_PARTITIONS = 4;
/** The partitions of the heartbeat hub (CdcPipeline creates it with 2). */
const HEARTBEAT_HUB_PARTITIONS = 2;

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

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const ROLE_LABELS: Record<RegionRole, string> = { primary: "primary", secondary: "secondary", standby: "standby (backup-restore)" };

/**
 * What an origin is at the edge, from the failover plan: `priority 1`, `priority 2 (standby)` or `weight 700` for Front
 * Door; Traffic Manager numbers its Priority endpoints 1, 2, … in region order and weighs only under Weighted routing
 * (stacks/global-stack.ts).
 */
function originLabel(env: ResolvedEnvironment, entry: FailoverPlanEntry, index: number): string {
  const edge = env.edge!;
  const standby = index > 0 ? " (standby)" : "";
  let role: string;
  if (edge.type === "traffic-manager") {
    role = edge.routing === "Priority" ? `priority ${index + 1}${standby}` : edge.routing === "Weighted" ? `weight ${entry.weight}` : "lowest latency";
  } else {
    role = env.failoverMode === "active-active" ? `weight ${entry.weight}` : `priority ${entry.priority}${standby}`;
  }
  return `${role} · probe ${edge.probePath}`;
}

/** What a region is on the failover node (multi-region without an edge: nothing routes by priority or weight). */
function failoverLabel(env: ResolvedEnvironment, entry: FailoverPlanEntry, index: number): string {
  switch (env.failoverMode) {
    case "active-active":
      return "active";
    case "backup-restore":
      return index === 0 ? "primary" : "restore target";
    default:
      return index === 0 ? `primary (priority ${entry.priority})` : `standby (priority ${entry.priority})`;
  }
}

/** The edge node's label: tier, WAF, rate limit and caching of Front Door; routing and TTL of Traffic Manager. */
function edgeLabel(env: ResolvedEnvironment): string[] {
  const edge = env.edge!;
  if (edge.type === "traffic-manager") return [`Traffic Manager · ${edge.routing} routing`, `DNS TTL ${edge.dnsTtlSeconds} s · no cache, no WAF`];
  const caching = edge.caching;
  return [
    `Front Door ${edge.sku} · WAF ${edge.wafMode}`,
    `rate limit ${edge.rateLimitPerMinute}/min per client`,
    caching.staticPaths.length > 0 ? `caches ${caching.staticPaths.join(", ")} for ${caching.staticTtlDays} days` : "no static caching",
    ...(caching.apiPaths.length > 0 ? [`caches API ${caching.apiPaths.join(", ")} for ${caching.apiTtlSeconds} s`] : []),
  ];
}

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
  const roles = regionRoles(env);
  // The global stack plans a single-region environment as active-passive: its one region is the only origin.
  const plan = planFailover(env.failoverMode ?? "active-passive", env.regions);
  const gw = env.gateway;
  const exposure = gw?.exposure ?? "public";
  const host = gw?.hostnames[0] ?? "";
  // The global stack exists when the environment has an edge and a gateway (stacks/environment.ts).
  const edgeNode = env.edge && gw ? node(EDGE_NODE, "globalEdge", edgeLabel(env), group("global", `${env.name}-global`, undefined, -1)) : undefined;
  const failover = !edgeNode && env.failoverMode && multiRegion ? node(FAILOVER_NODE, "failover", [`failover: ${env.failoverMode}`]) : undefined;
  const clients = edgeNode || (gw && exposure === "public") ? node(CLIENTS_NODE, "clients", ["Clients", "internet"]) : undefined;
  if (clients && edgeNode) {
    const global = env.edge!;
    edge(clients, edgeNode, "traffic", global.type === "front-door" ? (global.customDomains ? `HTTPS ${host}` : "HTTPS (Front Door endpoint host name)") : `DNS ${host}`);
  }

  const cdc = env.data.cdc && env.data.postgres ? env.data.cdc : undefined;
  const primaryRegion = env.regions[0].name;
  const serving = servingRegions(plan);

  env.regions.forEach((region, index) => {
    const r = region.name;
    const role = roles[index];
    const entry = plan[index];
    const namer = new ResourceNamer({ workload: env.workload, environment: env.name, region: r, uniqueSeed: env.uniqueSeed });
    const regionGroup = group(nodeId(r), `${r} · ${region.addressSpace}${multiRegion ? ` · ${ROLE_LABELS[role]}` : ""}`, undefined, index);

    // --- platform stack ---
    const platform = group(nodeId(r, "platform"), `${env.name}-${r}-platform`, regionGroup, 0);
    const vnet = node(nodeId(r, "vnet"), "network", ["VNet", region.addressSpace], platform);
    const logs = node(nodeId(r, "logs"), "observability", ["Log Analytics", `${env.monitoring.logRetentionDays} days`], platform);

    if (role === "standby") {
      // A standby holds the network a restore lands in; the data waits in geo-redundant backups and GZRS storage.
      const restore = node(nodeId(r, "restore"), "note", [
        "restore target",
        "no cluster or data services until failover",
        [env.data.postgres ? "PostgreSQL geo-redundant backups" : undefined, `${env.data.storage.replication} storage`].filter(Boolean).join(", "),
      ], platform);
      edge(vnet, restore, "contains", "restore lands in");
      if (failover) edge(failover, restore, "failover", failoverLabel(env, entry, index));
      return;
    }

    const aks = node(nodeId(r, "aks"), "cluster", [`AKS ${namer.name("kubernetes_cluster")}`, `${env.aks.skuTier} tier · ${env.aks.apiServer?.mode ?? "private"} API server`], platform);
    edge(vnet, aks, "contains", "nodes");
    const sys = env.aks.systemPool ?? {};
    edge(aks, node(nodeId(r, "pool", "system"), "pool", ["system pool", `${sys.vmSize ?? "Standard_D4ds_v5"} × ${range(sys.minCount, sys.maxCount)}`], platform), "contains");
    for (const [name, pool] of Object.entries(env.aks.nodePools).sort(([a], [b]) => a.localeCompare(b))) {
      edge(aks, node(nodeId(r, "pool", name), "pool", [`node pool ${name} (${pool.kind ?? "general"})`, `${pool.vmSize ?? "default size"} × ${range(pool.minCount, pool.maxCount)}`], platform), "contains");
    }
    edge(aks, logs, "telemetry", "logs");
    if (env.monitoring.prometheus) edge(aks, node(nodeId(r, "prometheus"), "observability", ["Managed Prometheus", "+ Grafana"], platform), "telemetry", "metrics");

    const data = env.data;
    const captures = role === "primary" && cdc !== undefined;
    const keyVault = node(nodeId(r, "keyvault"), "secrets", ["Key Vault"], platform);
    const hasEvents = Object.keys(data.events.topics ?? {}).length + Object.keys(data.events.blobEvents ?? {}).length > 0;
    const containerNames = [...data.storage.containers, ...(hasEvents ? [DEAD_LETTER_CONTAINER] : []), ...(captures ? [CDC_CHECKPOINT_CONTAINER] : [])].sort();
    const containers = containerNames.length > 0 ? `containers: ${containerNames.join(", ")}` : "no containers";
    const storage = node(nodeId(r, "storage"), "store", [`Storage ${data.storage.replication}`, containers], platform);
    const redis = data.redis ? node(nodeId(r, "redis"), "store", [`Redis ${data.redis.sku} ${data.redis.sku === "Premium" ? "P" : "C"}${data.redis.capacity}`], platform) : undefined;
    const pg = data.postgres;
    const postgres = pg && role === "primary"
      ? node(nodeId(r, "postgres"), "store", [`PostgreSQL ${pg.version ?? ""}`.trim(), `${pg.skuName}${pg.highAvailability ? " · zone-redundant HA" : ""}`, pg.databases.length > 0 ? `databases: ${pg.databases.join(", ")}` : "no databases"], platform)
      : undefined;
    if (pg && role === "secondary") {
      const replica = node(nodeId(r, "postgres", "replica"), "store", ["PostgreSQL read replica", pg.skuName, "promoted on failover"], platform);
      edge(nodeId(primaryRegion, "postgres"), replica, "replication", "async replication");
    }
    // One geo-replication link, from the primary's cache to the first secondary's (stacks/platform-data.ts).
    if (redis && data.redis!.geoReplication && role === "secondary" && roles.indexOf("secondary") === index) {
      edge(nodeId(primaryRegion, "redis"), redis, "replication", "geo-replication");
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
    if (hubs.length === 0 && !captures) node(nodeId(r, "eventhubs", "none"), "eventHub", ["no event hubs"], eventHubs);
    for (const h of hubs) {
      const hub = data.eventHubs.hubs[h];
      node(nodeId(r, "hub", h), "eventHub", [`event hub ${h}`, `${hub.partitionCount ?? 2} partitions`], eventHubs);
    }
    const changeHubs = new Map<string, string>();
    if (captures) {
      for (const table of [...cdc!.tables].sort()) {
        changeHubs.set(table, node(nodeId(r, "changehub", table), "eventHub", ["change hub", `${cdc!.topicPrefix}.${table}`, `${cdc!.partitionCount ?? CHANGE_HUB_PARTITIONS} partitions`], eventHubs));
      }
      node(nodeId(r, "changehub", "heartbeat"), "eventHub", ["heartbeat hub", `${HEARTBEAT_TOPIC_PREFIX}.${cdc!.topicPrefix}`, `${HEARTBEAT_HUB_PARTITIONS} partitions`], eventHubs);
      for (const consumer of [...cdc!.externalConsumers].sort()) {
        // Outside the clusters and the stacks, but reading the primary region's hubs: drawn in that region, next to them.
        const external = node(nodeId("external", consumer), "external", [consumer, "external consumer group", "outside the clusters"], regionGroup);
        for (const hub of changeHubs.values()) edge(hub, external, "changes", `consumer group ${consumer}`);
      }
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
    if (!gw) {
      if (failover) edge(failover, aks, "failover", failoverLabel(env, entry, index));
      return;
    }
    const addons = group(nodeId(r, "addons"), `${env.name}-${r}-addons`, regionGroup, 1);
    const apps = group(nodeId(r, "apps"), `${env.name}-${r}-apps`, regionGroup, 2);
    edge(platform, addons, "stack", "then");
    edge(addons, apps, "stack", "then");
    const envoy = node(nodeId(r, "envoy"), "controller", ["Envoy Gateway"], addons);
    const certManager = node(nodeId(r, "certmanager"), "controller", ["cert-manager"], addons);
    const gateway = node(nodeId(r, "gateway"), "gateway", ["Gateway (HTTPS)", ...gw.hostnames, `${exposure} load balancer`], apps);
    edge(envoy, gateway, "contains", "programs");
    edge(certManager, gateway, "contains", "TLS certificates");
    if (exposure === "public") {
      const behindFrontDoor = env.edge?.type === "front-door";
      const ip = node(nodeId(r, "gatewayip"), "publicIp", ["static public IP", `web from ${behindFrontDoor ? "Front Door only" : "the internet"}`], platform);
      edge(ip, gateway, "traffic", "HTTPS");
      // Without Front Door in between, clients connect to the gateway's address (Traffic Manager only answers DNS).
      if (clients && !behindFrontDoor) edge(clients, ip, "traffic", "HTTPS");
    }
    if (edgeNode) {
      const origin = serving.findIndex((s) => s.region === r);
      edge(edgeNode, gateway, "origin", originLabel(env, entry, origin));
    }
    if (failover) edge(failover, gateway, "failover", failoverLabel(env, entry, index));

    const others: string[] = [];
    for (const team of env.teams) {
      // Change-stream consumers run where the stream runs: the primary region (stacks/apps-stack.ts).
      const services = Object.entries(team.services ?? {})
        .filter(([, service]) => !service.consumesChanges || captures)
        .sort(([a], [b]) => a.localeCompare(b));
      const [first, ...rest] = team.namespaces;
      if (services.length === 0) {
        others.push(...team.namespaces.map((ns) => `${ns} · team ${team.name}`));
        continue;
      }
      others.push(...rest.map((ns) => `${ns} · team ${team.name}`));
      const ns = group(nodeId(r, "ns", first), `namespace ${first} · team ${team.name}`, apps, 0);
      for (const [name, service] of services) {
        const svc = node(nodeId(r, "svc", name), "service", [name, strategyOf(service, env), ...(service.paths ? [] : ["worker, no route"])], ns);
        if (service.paths) edge(gateway, svc, "route", `${service.paths.join(", ")}${service.loadBalancing ? ` · ${service.loadBalancing}` : ""}`);
        for (const callee of service.calls ?? []) edge(svc, nodeId(r, "svc", callee), "calls", "calls");
        for (const q of service.uses?.sendsTo ?? []) edge(svc, nodeId(r, "queue", q), "sends", "sends");
        for (const q of service.uses?.receivesFrom ?? []) edge(nodeId(r, "queue", q), svc, "receives", service.queueScaling?.queue === q ? "receives, scales on" : "receives");
        if (service.queueScaling && !(service.uses?.receivesFrom ?? []).includes(service.queueScaling.queue)) {
          edge(nodeId(r, "queue", service.queueScaling.queue), svc, "receives", "scales on");
        }
        if (service.consumesChanges) edge(changeHubs.get(service.consumesChanges.table)!, svc, "changes", "consumes, scales on lag");
        if (service.uses?.redis && redis) edge(svc, redis, "uses", "cache");
        if (service.uses?.keyVaultSecrets) edge(svc, keyVault, "uses", "secrets");
        if ((service.uses?.blobContainers ?? []).length > 0) edge(svc, storage, "uses", `blobs: ${service.uses!.blobContainers!.join(", ")}`);
      }
    }
    if (others.length > 0) node(nodeId(r, "namespaces"), "note", ["namespaces without services", ...others.sort()], apps);

    if (captures && postgres) {
      const cdcNs = group(nodeId(r, "ns", CDC_NAMESPACE), `namespace ${CDC_NAMESPACE} · team ${env.tags.ownerTeam}`, apps, 1);
      const debezium = node(nodeId(r, "debezium"), "connector", ["Debezium Server", `database ${cdc!.database} · snapshot ${cdc!.snapshotMode}`], cdcNs);
      edge(postgres, debezium, "changes", "logical decoding (pgoutput)");
      for (const [table, hub] of changeHubs) edge(debezium, hub, "changes", `changes of ${table}`);
      edge(debezium, nodeId(r, "changehub", "heartbeat"), "changes", "heartbeats");
    }
  });

  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  return {
    environment: env.name,
    title: `Environment ${env.name}`,
    notes: notesOf(env, roles, plan),
    groups: groups.sort((a, b) => (a.parent ?? "").localeCompare(b.parent ?? "") || a.order - b.order || a.id.localeCompare(b.id)),
    nodes: nodes.sort(byId),
    edges: edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || (a.label ?? "").localeCompare(b.label ?? "")),
  };
}

/** The sentences above the diagram: what it shows for this environment, and what it leaves out. */
function notesOf(env: ResolvedEnvironment, roles: readonly RegionRole[], plan: readonly FailoverPlanEntry[]): string[] {
  const multiRegion = env.regions.length > 1;
  const regions = env.regions.map((r, i) => (multiRegion ? `${r.name} (${roles[i]})` : r.name));
  const notes = [`${env.regions.length} region${multiRegion ? "s" : ""}: ${list(regions)}; preset ${env.preset}${env.failoverMode ? `; failover ${env.failoverMode}` : ""}.`];
  const standbys = env.regions.filter((_, i) => roles[i] === "standby").map((r) => r.name);
  const edge = env.edge && env.gateway ? env.edge : undefined;
  if (env.gateway) {
    notes.push(
      `Stacks, applied in order: per ${standbys.length > 0 ? "serving " : ""}region platform (Azure resources), addons (CRD-bearing Helm charts) and apps (what runs in the cluster)` +
        `${standbys.length > 0 ? `; the standby ${list(standbys)} only its platform stack` : ""}` +
        `${edge ? `; then ${env.name}-global, which reads each serving region's gateway address from its platform stack` : ""}.`,
    );
  } else {
    notes.push(`One platform stack per region (Azure resources); no gateway, so no addons, apps${env.edge ? " or global" : ""} stacks.`);
  }
  const origins = servingRegions(plan).map((e) => e.region);
  if (edge?.type === "front-door") {
    const how = env.failoverMode === "active-active" ? "spread by weight" : origins.length > 1 ? "by priority, failing over when the probes fail" : "its single origin";
    notes.push(
      `Front Door ${edge.sku} (WAF ${edge.wafMode}, ${edge.rateLimitPerMinute} requests a minute per client) is the entry point: its origins are the gateways of ${list(origins)} (${how}), probed at ${edge.probePath}; the gateways admit web traffic only from Front Door's back end.`,
    );
  } else if (edge?.type === "traffic-manager") {
    const how = edge.routing === "Priority" ? "the first healthy one in the order" : edge.routing === "Weighted" ? "by weight" : "the one closest to the client's resolver";
    notes.push(
      `Traffic Manager (${edge.routing} routing, DNS TTL ${edge.dnsTtlSeconds} s) answers DNS with the address of a healthy gateway (${how}: ${list(origins)}), probed at ${edge.probePath}; clients then connect to that gateway directly, with no cache or WAF in between.`,
    );
  } else if (env.gateway && multiRegion) {
    notes.push("No global edge (edge none): clients reach each region's gateway directly; the failover node shows each region's part.");
  }
  const secondaries = env.regions.filter((_, i) => roles[i] === "secondary").map((r) => r.name);
  const primary = env.regions[0].name;
  if (secondaries.length > 0) {
    const data = [
      env.data.postgres ? `PostgreSQL is writable in ${primary}; ${list(secondaries)} ${secondaries.length > 1 ? "hold" : "holds"} an asynchronous read replica, promoted by hand on a regional failover (docs/high-availability.md).` : undefined,
      env.data.redis ? (env.data.redis.geoReplication ? `Redis geo-replicates from ${primary} to ${secondaries[0]} (passive, both caches without zones).` : "Each region has its own Redis cache, not replicated.") : undefined,
      "Each region has its own Service Bus and Event Hubs namespaces with the same entities.",
    ];
    notes.push(data.filter(Boolean).join(" "));
  }
  if (standbys.length > 0) {
    const sources = [env.data.postgres ? "geo-redundant PostgreSQL backups" : undefined, `${env.data.storage.replication} storage`].filter(Boolean);
    notes.push(`${list(standbys)} ${standbys.length > 1 ? "are standbys" : "is the standby"}: resource group, network and Log Analytics only, the restore target; failing over switches the mode to active-passive and applies, and the data comes back from ${list(sources as string[])}.`);
  }
  const cdc = env.data.cdc && env.data.postgres ? env.data.cdc : undefined;
  if (cdc) {
    const consumers = env.teams.flatMap((t) => Object.entries(t.services ?? {}).filter(([, s]) => s.consumesChanges).map(([name]) => name)).sort();
    const hubs = [...cdc.tables].sort().map((t) => `${cdc.topicPrefix}.${t}`);
    notes.push(
      `Change data capture, in ${primary}${multiRegion ? " only" : ""}: ${env.gateway ? `Debezium Server (namespace ${CDC_NAMESPACE}) reads` : "the pipeline captures"} database ${cdc.database} by logical decoding (pgoutput) into the change hubs ${list(hubs)}, plus the heartbeat hub ${HEARTBEAT_TOPIC_PREFIX}.${cdc.topicPrefix}` +
        `${consumers.length > 0 ? `; ${list(consumers)} consume${consumers.length > 1 ? "" : "s"} them with ${consumers.length > 1 ? "their own consumer groups" : "its own consumer group"}, scale on the lag${multiRegion ? ` and run in ${primary} only` : ""}` : ""}` +
        `${cdc.externalConsumers.length > 0 ? `; external consumer groups: ${list([...cdc.externalConsumers].sort())}` : ""}.`,
    );
  }
  if (env.teams.some((t) => Object.values(t.services ?? {}).some((s) => !s.paths))) notes.push("Services without paths are workers: the gateway has no route to them.");
  notes.push(
    "Not drawn: private endpoints and private DNS zones, role assignments, network policies and quotas, alerts, Event Grid dead-lettering and the consumers' checkpoints (the storage containers name them).",
  );
  return notes;
}
