import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildDiagramModel, DiagramModel } from "../../scripts/diagram/model";
import { renderDot, renderMarkdown, renderMermaid } from "../../scripts/diagram/render";
import { dev } from "../../stacks/environments/dev";
import { prod } from "../../stacks/environments/prod";

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

  it("has a group per region, primary first, each holding its platform, addons and apps stacks", () => {
    expect(model.groups.filter((g) => g.parent === undefined).map((g) => [g.id, g.label])).toEqual([
      ["westeurope", "westeurope · 10.10.0.0/16 · primary"],
      ["northeurope", "northeurope · 10.20.0.0/16 · secondary"],
    ]);
    for (const region of ["westeurope", "northeurope"]) {
      expect(model.groups.filter((g) => g.parent === region).map((g) => g.label)).toEqual([`prod-${region}-platform`, `prod-${region}-addons`, `prod-${region}-apps`]);
      expect(hasEdge(model, `${region}_platform`, `${region}_addons`)).toBe(true);
      expect(hasEdge(model, `${region}_addons`, `${region}_apps`)).toBe(true);
    }
  });

  it("draws each region's cluster with its system, general and spot pools", () => {
    expect(nodeLabel(model, "westeurope_aks")).toBe("AKS aks-shop-prod-weu / Standard tier · private API server");
    expect(nodeLabel(model, "northeurope_aks")).toMatch(/^AKS aks-shop-prod-neu \//);
    for (const region of ["westeurope", "northeurope"]) {
      expect(nodeLabel(model, `${region}_pool_system`)).toBe("system pool / Standard_D4ds_v5 × 3–6");
      expect(nodeLabel(model, `${region}_pool_apps`)).toBe("node pool apps (general) / Standard_D8ds_v5 × 3–30");
      expect(nodeLabel(model, `${region}_pool_spot`)).toBe("node pool spot (spot) / Standard_D8ds_v5 × 0–20");
      for (const pool of ["system", "apps", "spot"]) expect(hasEdge(model, `${region}_aks`, `${region}_pool_${pool}`)).toBe(true);
      expect(model.nodes.find((n) => n.id === `${region}_aks`)!.group).toBe(`${region}_platform`);
    }
  });

  it("routes every service of the config from its region's gateway, by path, in its team's namespace", () => {
    let checked = 0;
    for (const team of prod.teams ?? []) {
      for (const [name, service] of Object.entries(team.services ?? {})) {
        for (const region of ["westeurope", "northeurope"]) {
          const svc = model.nodes.find((n) => n.id === `${region}_svc_${name}`);
          expect(svc).toMatchObject({ kind: "service", group: `${region}_ns_${team.name}` });
          const route = model.edges.find((e) => e.from === `${region}_gateway` && e.to === `${region}_svc_${name}`);
          if (service.paths) expect(route).toMatchObject({ kind: "route", label: expect.stringContaining(service.paths.join(", ")) });
          else expect(route).toBeUndefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
    expect(groups.get("westeurope_ns_commerce")).toMatchObject({ label: "namespace commerce · team commerce", parent: "westeurope_apps" });
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
    expect(hasEdge(model, "westeurope_svc_payment", "westeurope_keyvault", "secrets")).toBe(true);
  });

  it("keeps PostgreSQL in the primary region only", () => {
    expect(nodeLabel(model, "westeurope_postgres")).toMatch(/^PostgreSQL.* \/ .*zone-redundant HA \/ databases: orders$/);
    expect(nodeLabel(model, "northeurope_postgres")).toBeUndefined();
  });

  it("draws the failover mode from the config: active-passive, the primary's gateway first", () => {
    expect(nodeLabel(model, "failover")).toBe("failover: active-passive");
    expect(hasEdge(model, "failover", "westeurope_gateway", "primary (priority 1)")).toBe(true);
    expect(hasEdge(model, "failover", "northeurope_gateway", "standby (priority 2)")).toBe(true);
    expect(hasEdge(model, "westeurope_gatewayip", "westeurope_gateway", "HTTPS")).toBe(true);
  });

  it("invents nothing the config does not have: no Front Door, DNS or CDC", () => {
    expect(model.nodes.filter((n) => /front ?door|dns|cdc|debezium/i.test(n.label.join(" ")))).toEqual([]);
    expect(model.notes.join(" ")).toContain("Not drawn until the config has them: the global layer (Front Door, DNS, Traffic Manager) and change data capture.");
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

describe("the diagram model of dev", () => {
  const model = buildDiagramModel(dev);

  it("has one region and no failover", () => {
    expect(model.groups.filter((g) => g.parent === undefined).map((g) => g.label)).toEqual(["westeurope · 10.0.0.0/16"]);
    expect(model.nodes.find((n) => n.kind === "failover")).toBeUndefined();
    expect(nodeLabel(model, "westeurope_aks")).toBe("AKS aks-shop-dev-weu / Free tier · public API server");
  });
});

describe("the renderers", () => {
  const model = buildDiagramModel(prod);

  it("write a Mermaid flowchart: every node declared once inside its subgraph, every edge, a class per kind", () => {
    const mermaid = renderMermaid(model);
    expect(mermaid.startsWith("flowchart TB\n")).toBe(true);
    for (const n of model.nodes) expect(mermaid.match(new RegExp(`^\\s*${n.id}[\\[\\(\\{/]`, "gm"))).toHaveLength(1);
    expect(mermaid).toContain('  subgraph westeurope["westeurope · 10.10.0.0/16 · primary"]\n');
    expect(mermaid).toContain('    subgraph westeurope_platform["prod-westeurope-platform"]\n');
    expect(mermaid).toContain('  westeurope_topic_payments -->|"email: payment_success"| westeurope_queue_email_notifications\n');
    expect(mermaid).toContain('  failover ==>|"primary (priority 1)"| westeurope_gateway\n');
    expect(mermaid).toContain("  classDef service fill:#ffffff,stroke:#2d3748,color:#1a202c\n");
    expect(mermaid.split("\n").filter((l) => / (-->|-\.->|==>)/.test(l))).toHaveLength(model.edges.length);
    expect(mermaid).not.toMatch(/\bend\b[^\n]*-->/);
  });

  it("write DOT with a cluster per group, and edges between stacks attached to the clusters", () => {
    const dot = renderDot(model);
    expect(dot).toContain("compound=true");
    expect(dot).toContain("subgraph cluster_westeurope_platform {");
    expect(dot).toMatch(/ -> \w+ \[style=dashed, label="then", ltail=cluster_westeurope_platform, lhead=cluster_westeurope_addons\];/);
    expect(dot.match(/ -> /g)).toHaveLength(model.edges.length);
  });

  it("write a Markdown page with the notes, the SVG link and the Mermaid block", () => {
    const md = renderMarkdown(model, "prod.svg");
    expect(md).toMatch(/^# Environment prod\n/);
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
    expect(fs.readdirSync(out).sort()).toEqual(expect.arrayContaining(["README.md", "dev.md", "dev.svg", "prod.md", "prod.svg"]));
    const svg = fs.readFileSync(path.join(out, "prod.svg"), "utf8");
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="no"\?>/);
    expect(svg).toContain("<svg ");
    expect(svg).toContain("failover: active&#45;passive");
    expect(svg).toContain("Event Grid topic payments");
    expect(fs.readFileSync(path.join(out, "prod.md"), "utf8")).toBe(renderMarkdown(buildDiagramModel(prod), "prod.svg"));
    expect(fs.readFileSync(path.join(out, "README.md"), "utf8")).toContain("| `prod` | [prod.md](prod.md) | [prod.svg](prod.svg) |");
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
    expect(unknown.stderr).toMatch(/^diagram: no environment named qa; the environments are dev, prod/);
  });
});
