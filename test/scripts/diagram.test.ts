import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildDiagramModel, DiagramModel, nodeId } from "../../scripts/diagram/model";
import { renderDot, renderMarkdown, renderMermaid } from "../../scripts/diagram/render";
import { dev } from "../../stacks/environments/dev";
import { prod } from "../../stacks/environments/prod";
import { staging } from "../../stacks/environments/staging";

const PROJECT = path.resolve(__dirname, "../..");

function nodeLabel(model: DiagramModel, id: string): string | undefined {
  return model.nodes.find((n) => n.id === id)?.label.join(" / ");
}

function hasEdge(model: DiagramModel, from: string, to: string, label?: string): boolean {
  return model.edges.some((e) => e.from === from && e.to === to && (label === undefined || e.label === label));
}

describe("the diagram model of prod", () => {
  const model = buildDiagramModel(prod);
  const groups = new Map(model.groups.map((g) => [g.id, g]));
  const regions = ["westeurope", "northeurope"];
  const services = (prod.teams ?? []).flatMap((team) => Object.entries(team.services ?? {}).map(([name, service]) => ({ team: team.name, name, service })));

  it("has the global stack, then a group per region with its role, primary first, each holding its platform, addons and apps stacks", () => {
    expect(model.groups.filter((g) => g.parent === undefined).map((g) => [g.id, g.label])).toEqual([
      ["global", "prod-global"],
      ["westeurope", "westeurope · 10.10.0.0/16 · primary"],
      ["northeurope", "northeurope · 10.20.0.0/16 · secondary"],
    ]);
    for (const region of regions) {
      expect(model.groups.filter((g) => g.parent === region).map((g) => g.label)).toEqual([`prod-${region}-platform`, `prod-${region}-addons`, `prod-${region}-apps`]);
      expect(hasEdge(model, `${region}_platform`, `${region}_addons`)).toBe(true);
      expect(hasEdge(model, `${region}_addons`, `${region}_apps`)).toBe(true);
    }
  });

  it("draws each region's cluster with its system, general and spot pools", () => {
    expect(nodeLabel(model, "westeurope_aks")).toBe("AKS aks-shop-prod-weu / Standard tier · private API server");
    expect(nodeLabel(model, "northeurope_aks")).toMatch(/^AKS aks-shop-prod-neu \//);
    for (const region of regions) {
      expect(nodeLabel(model, `${region}_pool_system`)).toBe("system pool / Standard_D4ds_v5 × 3–6");
      expect(nodeLabel(model, `${region}_pool_apps`)).toBe("node pool apps (general) / Standard_D8ds_v5 × 3–30");
      expect(nodeLabel(model, `${region}_pool_spot`)).toBe("node pool spot (spot) / Standard_D8ds_v5 × 0–20");
      for (const pool of ["system", "apps", "spot"]) expect(hasEdge(model, `${region}_aks`, `${region}_pool_${pool}`)).toBe(true);
      expect(model.nodes.find((n) => n.id === `${region}_aks`)!.group).toBe(`${region}_platform`);
    }
  });

  it("puts Front Door in the global stack, between the clients and both gateways, primary at priority 1 and the secondary at 2", () => {
    expect(model.nodes.find((n) => n.id === "global_edge")).toEqual({
      id: "global_edge",
      kind: "globalEdge",
      group: "global",
      label: ["Front Door Premium · WAF Prevention", "rate limit 1000/min per client", "caches /static/*, /assets/* for 7 days"],
    });
    expect(model.edges.filter((e) => e.from === "clients")).toEqual([{ from: "clients", to: "global_edge", kind: "traffic", label: "HTTPS shop.example.com" }]);
    expect(model.edges.filter((e) => e.from === "global_edge")).toEqual([
      { from: "global_edge", to: "northeurope_gateway", kind: "origin", label: "priority 2 (standby) · probe /healthz" },
      { from: "global_edge", to: "westeurope_gateway", kind: "origin", label: "priority 1 · probe /healthz" },
    ]);
    for (const region of regions) {
      expect(nodeLabel(model, `${region}_gatewayip`)).toBe("static public IP / web from Front Door only");
      expect(hasEdge(model, `${region}_gatewayip`, `${region}_gateway`, "HTTPS")).toBe(true);
    }
  });

  it("draws no failover node when the edge fails over", () => {
    expect(model.nodes.filter((n) => n.kind === "failover")).toEqual([]);
    expect(model.edges.filter((e) => e.kind === "failover")).toEqual([]);
  });

  it("routes every routed service from both gateways, by path, in its team's namespace; workers get no route", () => {
    const routed = services.filter((s) => s.service.paths);
    expect(routed.map((s) => s.name).sort()).toEqual(["catalog", "inventory", "notification", "order", "payment", "user"]);
    for (const { team, name, service } of routed) {
      for (const region of regions) {
        expect(model.nodes.find((n) => n.id === nodeId(region, "svc", name))).toMatchObject({ kind: "service", group: `${region}_ns_${team}` });
        const route = model.edges.find((e) => e.from === `${region}_gateway` && e.to === nodeId(region, "svc", name));
        expect(route).toMatchObject({ kind: "route", label: expect.stringContaining(service.paths!.join(", ")) });
      }
    }
    const workers = services.filter((s) => !s.service.paths);
    expect(workers.map((s) => s.name).sort()).toEqual(["cache-invalidator", "inventory-sync", "search-indexer"]);
    for (const { name } of workers) {
      expect(nodeLabel(model, nodeId("westeurope", "svc", name))).toBe(`${name} / rolling / worker, no route`);
      expect(model.edges.filter((e) => e.to === nodeId("westeurope", "svc", name) && e.kind === "route")).toEqual([]);
    }
    expect(groups.get("westeurope_ns_commerce")).toMatchObject({ label: "namespace commerce · team commerce", parent: "westeurope_apps" });
  });

  it("runs the change-stream consumers in the primary region only, as the apps stack does", () => {
    const consumers = services.filter((s) => s.service.consumesChanges).map((s) => s.name);
    expect(consumers).toHaveLength(3);
    for (const name of consumers) {
      expect(model.nodes.some((n) => n.id === nodeId("westeurope", "svc", name))).toBe(true);
      expect(model.nodes.some((n) => n.id === nodeId("northeurope", "svc", name))).toBe(false);
    }
  });

  it("lists the namespaces a team owns without services in each region's apps stack", () => {
    for (const region of regions) {
      expect(model.nodes.find((n) => n.id === `${region}_namespaces`)).toEqual({ id: `${region}_namespaces`, kind: "note", group: `${region}_apps`, label: ["namespaces without services", "platform · team platform"] });
    }
  });

  it("draws the queues, hubs and topics, and the event routes from topics and blob events to them", () => {
    expect(nodeLabel(model, "westeurope_queue_orders")).toBe("queue orders / sessions, dedup");
    expect(model.nodes.find((n) => n.id === "westeurope_queue_orders")!.group).toBe("westeurope_servicebus");
    expect(groups.get("westeurope_servicebus")!.label).toBe("Service Bus Premium");
    expect(nodeLabel(model, "northeurope_hub_analytics")).toBe("event hub analytics / 4 partitions");
    expect(nodeLabel(model, "westeurope_topic_payments")).toBe("Event Grid topic payments");
    expect(hasEdge(model, "westeurope_topic_payments", "westeurope_queue_email_notifications", "email: payment_success")).toBe(true);
    expect(hasEdge(model, "westeurope_topic_payments", "westeurope_queue_inventory_updates", "inventory: payment_success")).toBe(true);
    expect(hasEdge(model, "westeurope_topic_payments", "westeurope_hub_analytics", "analytics: payment_success")).toBe(true);
    expect(hasEdge(model, "westeurope_storage", "westeurope_queue_image_resize", "image-upload/resize: blob created in images")).toBe(true);
    expect(hasEdge(model, "westeurope_storage", "westeurope_hub_audit", "image-upload/audit: blob created in images")).toBe(true);
  });

  it("connects services to the queues they send to, receive from and scale on, and to the stores they use", () => {
    expect(hasEdge(model, "westeurope_svc_order", "westeurope_queue_orders", "sends")).toBe(true);
    expect(hasEdge(model, "westeurope_queue_email_notifications", "westeurope_svc_notification", "receives, scales on")).toBe(true);
    expect(hasEdge(model, "westeurope_queue_inventory_updates", "westeurope_svc_inventory", "receives")).toBe(true);
    expect(hasEdge(model, "westeurope_svc_order", "westeurope_svc_payment", "calls")).toBe(true);
    expect(hasEdge(model, "westeurope_svc_user", "westeurope_redis", "cache")).toBe(true);
    expect(hasEdge(model, "westeurope_svc_cache_invalidator", "westeurope_redis", "cache")).toBe(true);
    expect(hasEdge(model, "westeurope_svc_payment", "westeurope_keyvault", "secrets")).toBe(true);
  });

  it("keeps the writable PostgreSQL in the primary region and its read replica in the secondary, replicated asynchronously", () => {
    expect(nodeLabel(model, "westeurope_postgres")).toMatch(/^PostgreSQL.* \/ .*zone-redundant HA \/ databases: orders$/);
    expect(nodeLabel(model, "northeurope_postgres")).toBeUndefined();
    expect(model.nodes.find((n) => n.id === "northeurope_postgres_replica")).toEqual({
      id: "northeurope_postgres_replica",
      kind: "store",
      group: "northeurope_platform",
      label: ["PostgreSQL read replica", "GP_Standard_D4ds_v5", "promoted on failover"],
    });
    expect(model.edges.filter((e) => e.kind === "replication")).toEqual([{ from: "westeurope_postgres", to: "northeurope_postgres_replica", kind: "replication", label: "async replication" }]);
    expect(nodeLabel(model, "westeurope_postgres_replica")).toBeUndefined();
  });

  it("draws the CDC chain in the primary region: PostgreSQL → Debezium → a change hub per table → the services consuming it", () => {
    const cdc = prod.data!.cdc!;
    expect(groups.get("westeurope_ns_cdc")).toMatchObject({ label: "namespace cdc · team platform", parent: "westeurope_apps" });
    expect(model.nodes.find((n) => n.id === "westeurope_debezium")).toMatchObject({ kind: "connector", group: "westeurope_ns_cdc" });
    expect(hasEdge(model, "westeurope_postgres", "westeurope_debezium", "logical decoding (pgoutput)")).toBe(true);
    for (const table of cdc.tables) {
      const hub = `westeurope_changehub_${table.replace(".", "_")}`;
      expect(model.nodes.find((n) => n.id === hub)).toEqual({ id: hub, kind: "eventHub", group: "westeurope_eventhubs", label: ["change hub", `shop.${table}`, "4 partitions"] });
      expect(hasEdge(model, "westeurope_debezium", hub, `changes of ${table}`)).toBe(true);
      const consumers = services.filter((s) => s.service.consumesChanges?.table === table).map((s) => nodeId("westeurope", "svc", s.name));
      expect(consumers.length).toBeGreaterThan(0);
      expect(model.edges.filter((e) => e.from === hub && e.kind === "changes" && e.to.startsWith("westeurope_svc_")).map((e) => [e.to, e.label])).toEqual(
        consumers.sort().map((to) => [to, "consumes, scales on lag"]),
      );
      expect(hasEdge(model, hub, "external_analytics", "consumer group analytics")).toBe(true);
    }
    expect(nodeLabel(model, "westeurope_changehub_heartbeat")).toBe("heartbeat hub / debezium-heartbeat.shop / 2 partitions");
    expect(hasEdge(model, "westeurope_debezium", "westeurope_changehub_heartbeat", "heartbeats")).toBe(true);
    expect(model.nodes.find((n) => n.id === "external_analytics")).toMatchObject({ kind: "external", group: "westeurope" });
    expect(nodeLabel(model, "westeurope_storage")).toBe("Storage GZRS / containers: cdc-checkpoints, eventgrid-deadletter, images");
  });

  it("captures no changes in the secondary region", () => {
    expect(model.nodes.filter((n) => n.id.startsWith("northeurope_") && /changehub|debezium/.test(n.id))).toEqual([]);
    expect(groups.has("northeurope_ns_cdc")).toBe(false);
    expect(nodeLabel(model, "northeurope_storage")).toBe("Storage GZRS / containers: eventgrid-deadletter, images");
  });

  it("explains the edge, the replica and CDC in its notes, and says what it leaves out", () => {
    const notes = model.notes.join("\n");
    expect(notes).not.toMatch(/not drawn until/i);
    expect(notes).toContain("2 regions: westeurope (primary) and northeurope (secondary); preset prod; failover active-passive.");
    expect(notes).toContain("Front Door Premium (WAF Prevention, 1000 requests a minute per client) is the entry point");
    expect(notes).toContain("northeurope holds an asynchronous read replica");
    expect(notes).toContain("into the change hubs shop.public.order_items and shop.public.orders");
    expect(notes).toContain("external consumer groups: analytics.");
    expect(notes).toMatch(/^Not drawn: private endpoints/m);
  });

  it("has no dangling edges, unique ids and sorted nodes and edges", () => {
    const ids = new Set([...model.nodes.map((n) => n.id), ...model.groups.map((g) => g.id)]);
    expect(ids.size).toBe(model.nodes.length + model.groups.length);
    for (const e of model.edges) expect({ edge: e, from: ids.has(e.from), to: ids.has(e.to) }).toEqual({ edge: e, from: true, to: true });
    for (const n of model.nodes) if (n.group) expect(ids.has(n.group)).toBe(true);
    expect(model.nodes.map((n) => n.id)).toEqual([...model.nodes.map((n) => n.id)].sort((a, b) => a.localeCompare(b)));
  });

  it("is deterministic: the same config gives the same Mermaid and DOT", () => {
    const again = buildDiagramModel(prod);
    expect(renderMermaid(again)).toBe(renderMermaid(model));
    expect(renderDot(again)).toBe(renderDot(model));
  });
});

describe("the diagram model of prod's variants", () => {
  it("backup-restore: the standby holds only its platform stack with the network, the restore target, and is no origin", () => {
    const model = buildDiagramModel({ ...prod, failoverMode: "backup-restore" });
    expect(model.groups.find((g) => g.id === "northeurope")!.label).toBe("northeurope · 10.20.0.0/16 · standby (backup-restore)");
    expect(model.groups.filter((g) => g.parent === "northeurope").map((g) => g.id)).toEqual(["northeurope_platform"]);
    expect(model.groups.filter((g) => g.parent === "northeurope_platform")).toEqual([]);
    expect(model.nodes.filter((n) => n.id.startsWith("northeurope_")).map((n) => n.id)).toEqual(["northeurope_logs", "northeurope_restore", "northeurope_vnet"]);
    expect(nodeLabel(model, "northeurope_restore")).toBe("restore target / no cluster or data services until failover / PostgreSQL geo-redundant backups, GZRS storage");
    expect(hasEdge(model, "northeurope_vnet", "northeurope_restore")).toBe(true);
    expect(model.edges.filter((e) => e.kind === "origin")).toEqual([{ from: "global_edge", to: "westeurope_gateway", kind: "origin", label: "priority 1 · probe /healthz" }]);
    expect(model.edges.filter((e) => e.kind === "replication")).toEqual([]);
    expect(model.notes.join(" ")).toContain("northeurope is the standby: resource group, network and Log Analytics only, the restore target");
  });

  it("active-active: both gateways are origins of equal priority, weighted as the regions say", () => {
    // Active-active runs without PostgreSQL (and so without change data capture and its consumers).
    const { cdc: _cdc, ...data } = prod.data!;
    const teams = prod.teams!.map((t) => ({ ...t, services: Object.fromEntries(Object.entries(t.services ?? {}).filter(([, s]) => !s.consumesChanges)) }));
    const model = buildDiagramModel({ ...prod, failoverMode: "active-active", data: { ...data, postgres: { enabled: false } }, teams, regions: [{ ...prod.regions[0], weight: 700 }, { ...prod.regions[1], weight: 300 }] });
    expect(model.edges.filter((e) => e.kind === "origin").map((e) => [e.to, e.label])).toEqual([
      ["northeurope_gateway", "weight 300 · probe /healthz"],
      ["westeurope_gateway", "weight 700 · probe /healthz"],
    ]);
    expect(model.nodes.some((n) => n.id.endsWith("postgres_replica"))).toBe(false);
  });

  it("active-passive with explicit priorities: the labels take the priorities of the failover plan", () => {
    const model = buildDiagramModel({ ...prod, regions: [{ ...prod.regions[0], priority: 1 }, { ...prod.regions[1], priority: 3 }] });
    expect(hasEdge(model, "global_edge", "northeurope_gateway", "priority 3 (standby) · probe /healthz")).toBe(true);
  });

  it("Traffic Manager: routing and TTL on the edge node, DNS from the clients, which then connect to the gateways", () => {
    const model = buildDiagramModel({ ...prod, edge: { type: "traffic-manager", dnsTtlSeconds: 60, probePath: "/ready" } });
    expect(model.nodes.find((n) => n.id === "global_edge")).toMatchObject({ kind: "globalEdge", label: ["Traffic Manager · Priority routing", "DNS TTL 60 s · no cache, no WAF"] });
    expect(model.edges.filter((e) => e.kind === "origin").map((e) => [e.to, e.label])).toEqual([
      ["northeurope_gateway", "priority 2 (standby) · probe /ready"],
      ["westeurope_gateway", "priority 1 · probe /ready"],
    ]);
    expect(model.edges.filter((e) => e.from === "clients").map((e) => [e.to, e.label])).toEqual([
      ["global_edge", "DNS shop.example.com"],
      ["northeurope_gatewayip", "HTTPS"],
      ["westeurope_gatewayip", "HTTPS"],
    ]);
    expect(nodeLabel(model, "westeurope_gatewayip")).toBe("static public IP / web from the internet");
  });

  it("no edge: the failover node stays, and Redis geo-replication is drawn from the primary's cache to the secondary's", () => {
    const model = buildDiagramModel({ ...prod, edge: { type: "none" }, data: { ...prod.data, redis: { geoReplication: true } } });
    expect(model.groups.some((g) => g.id === "global")).toBe(false);
    expect(model.nodes.some((n) => n.id === "global_edge")).toBe(false);
    expect(nodeLabel(model, "failover")).toBe("failover: active-passive");
    expect(hasEdge(model, "failover", "westeurope_gateway", "primary (priority 1)")).toBe(true);
    expect(hasEdge(model, "failover", "northeurope_gateway", "standby (priority 2)")).toBe(true);
    expect(hasEdge(model, "westeurope_redis", "northeurope_redis", "geo-replication")).toBe(true);
  });
});

describe("the diagram model of staging", () => {
  const model = buildDiagramModel(staging);

  it("has staging's two regions behind Front Door Premium and the read replica", () => {
    expect(model.groups.filter((g) => g.parent === undefined).map((g) => g.label)).toEqual(["staging-global", "westeurope · 10.30.0.0/16 · primary", "northeurope · 10.40.0.0/16 · secondary"]);
    expect(nodeLabel(model, "global_edge")).toMatch(/^Front Door Premium · WAF Prevention \//);
    expect(hasEdge(model, "global_edge", "northeurope_gateway", "priority 2 (standby) · probe /healthz")).toBe(true);
    expect(hasEdge(model, "westeurope_postgres", "northeurope_postgres_replica", "async replication")).toBe(true);
  });
});

describe("the diagram model of dev", () => {
  const model = buildDiagramModel(dev);

  it("has one region without a role, no failover node, and Front Door Standard with its one origin", () => {
    expect(model.groups.filter((g) => g.parent === undefined).map((g) => g.label)).toEqual(["dev-global", "westeurope · 10.0.0.0/16"]);
    expect(model.nodes.find((n) => n.kind === "failover")).toBeUndefined();
    expect(nodeLabel(model, "westeurope_aks")).toBe("AKS aks-shop-dev-weu / Free tier · public API server");
    expect(nodeLabel(model, "global_edge")).toMatch(/^Front Door Standard · WAF Detection \//);
    expect(model.edges.filter((e) => e.kind === "origin")).toEqual([{ from: "global_edge", to: "westeurope_gateway", kind: "origin", label: "priority 1 · probe /healthz" }]);
  });
});

describe("the renderers", () => {
  const model = buildDiagramModel(prod);

  it("write a Mermaid flowchart: every node declared once inside its subgraph, every edge, a class per kind", () => {
    const mermaid = renderMermaid(model);
    expect(mermaid.startsWith("flowchart TB\n")).toBe(true);
    for (const n of model.nodes) expect(mermaid.match(new RegExp(`^\\s*${n.id}[\\[\\(\\{/>]`, "gm"))).toHaveLength(1);
    expect(mermaid).toContain('  subgraph westeurope["westeurope · 10.10.0.0/16 · primary"]\n');
    expect(mermaid).toContain('    subgraph westeurope_platform["prod-westeurope-platform"]\n');
    expect(mermaid).toContain('  westeurope_topic_payments -->|"email: payment_success"| westeurope_queue_email_notifications\n');
    expect(mermaid).toContain('  global_edge ==>|"priority 1 · probe /healthz"| westeurope_gateway\n');
    expect(mermaid).toContain('  westeurope_postgres -.->|"async replication"| northeurope_postgres_replica\n');
    expect(mermaid).toContain("  classDef service fill:#ffffff,stroke:#2d3748,color:#1a202c\n");
    expect(mermaid.split("\n").filter((l) => / (-->|-\.->|==>)/.test(l))).toHaveLength(model.edges.length);
    expect(mermaid).not.toMatch(/\bend\b[^\n]*-->/);
  });

  it("write DOT with a cluster per group, and edges between stacks attached to the clusters", () => {
    const dot = renderDot(model);
    expect(dot).toContain("compound=true");
    expect(dot).toContain("subgraph cluster_westeurope_platform {");
    expect(dot).toMatch(/ -> \w+ \[style=dashed, label="then", ltail=cluster_westeurope_platform, lhead=cluster_westeurope_addons\];/);
    expect(dot).toContain('global_edge -> westeurope_gateway [style=bold, color="#c53030", label="priority 1 · probe /healthz"];');
    expect(dot.match(/ -> /g)).toHaveLength(model.edges.length);
  });

  it("write a Markdown page with the notes, the SVG link and the Mermaid block", () => {
    const md = renderMarkdown(model, "prod.svg");
    expect(md).toMatch(/^# Environment prod\n/);
    expect(md).toContain(`\n- ${model.notes[0]}\n`);
    expect(md).toContain("Rendered by Graphviz: [prod.svg](prod.svg).");
    expect(md).toContain("```mermaid\nflowchart TB\n");
  });
});

describe("npm run diagram", () => {
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-"));
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
  const diagram = (...args: string[]) => spawnSync(process.execPath, ["--require", "tsx/cjs", path.join(PROJECT, "scripts/diagram.ts"), "--out", out, ...args], { cwd: PROJECT, encoding: "utf8", timeout: 120_000 });

  it("writes Markdown and SVG per environment and an index, offline", () => {
    const run = diagram();
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(fs.readdirSync(out).sort()).toEqual(expect.arrayContaining(["README.md", "dev.md", "dev.svg", "prod.md", "prod.svg", "staging.md", "staging.svg"]));
    const svg = fs.readFileSync(path.join(out, "prod.svg"), "utf8");
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="no"\?>/);
    expect(svg).toContain("<svg ");
    expect(svg).toContain("Front Door Premium · WAF Prevention");
    expect(svg).toContain("priority 2 (standby) · probe /healthz");
    expect(svg).toContain("Event Grid topic payments");
    expect(fs.readFileSync(path.join(out, "prod.md"), "utf8")).toBe(renderMarkdown(buildDiagramModel(prod), "prod.svg"));
    expect(fs.readFileSync(path.join(out, "README.md"), "utf8")).toContain(
      ["| `dev` | [dev.md](dev.md) | [dev.svg](dev.svg) |", "| `staging` | [staging.md](staging.md) | [staging.svg](staging.svg) |", "| `prod` | [prod.md](prod.md) | [prod.svg](prod.svg) |"].join("\n"),
    );
  });

  it("checks that the files are up to date, and fails when one is not", () => {
    expect(diagram("--check").status).toBe(0);
    fs.appendFileSync(path.join(out, "dev.svg"), "\n");
    const stale = diagram("--check");
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("dev.svg; run npm run diagram");
  });

  it("draws only the environments asked for, and fails on an unknown one", () => {
    const only = fs.mkdtempSync(path.join(os.tmpdir(), "diagram-only-"));
    try {
      const run = spawnSync(process.execPath, ["--require", "tsx/cjs", path.join(PROJECT, "scripts/diagram.ts"), "--out", only, "--env", "prod"], { cwd: PROJECT, encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(fs.readdirSync(only).sort()).toEqual(["prod.md", "prod.svg"]);
    } finally {
      fs.rmSync(only, { recursive: true, force: true });
    }
    const unknown = diagram("--env", "qa");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^diagram: no environment named qa; the environments are dev, staging, prod/);
  });
});
