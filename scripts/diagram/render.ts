import type { DiagramEdge, DiagramGroup, DiagramModel, DiagramNode, EdgeKind, NodeKind } from "./model";

/**
 * Renders a {@link DiagramModel} as a Mermaid flowchart (for Markdown, which GitHub and most doc sites draw) and as
 * Graphviz DOT (laid out to SVG by the pinned Graphviz build in scripts/diagram.ts). Both walk the same sorted model,
 * so the same config always gives the same bytes.
 */

/** Fill and border colours per node kind, shared by both renderers. */
const COLORS: Record<NodeKind, { fill: string; stroke: string }> = {
  clients: { fill: "#ffffff", stroke: "#4a5568" },
  globalEdge: { fill: "#fde8e8", stroke: "#c53030" },
  network: { fill: "#e8f1fb", stroke: "#4a7ab5" },
  publicIp: { fill: "#e8f1fb", stroke: "#4a7ab5" },
  cluster: { fill: "#dbe9ff", stroke: "#2f5fa7" },
  pool: { fill: "#f0f5ff", stroke: "#6d8fc7" },
  observability: { fill: "#f3ecfa", stroke: "#7d5ba6" },
  secrets: { fill: "#fff4e0", stroke: "#b7791f" },
  store: { fill: "#fff4e0", stroke: "#b7791f" },
  queue: { fill: "#e6f6ec", stroke: "#2f855a" },
  eventHub: { fill: "#e6f6ec", stroke: "#2f855a" },
  topic: { fill: "#e6f6ec", stroke: "#2f855a" },
  controller: { fill: "#f2f2f2", stroke: "#666666" },
  connector: { fill: "#e6f6ec", stroke: "#2f855a" },
  gateway: { fill: "#fde8e8", stroke: "#c53030" },
  service: { fill: "#ffffff", stroke: "#2d3748" },
  external: { fill: "#ffffff", stroke: "#2f855a" },
  failover: { fill: "#fde8e8", stroke: "#c53030" },
  note: { fill: "#fafafa", stroke: "#a0aec0" },
};

interface Tree {
  readonly childGroups: Map<string | undefined, DiagramGroup[]>;
  readonly childNodes: Map<string | undefined, DiagramNode[]>;
}

function tree(model: DiagramModel): Tree {
  const childGroups = new Map<string | undefined, DiagramGroup[]>();
  const childNodes = new Map<string | undefined, DiagramNode[]>();
  for (const g of model.groups) childGroups.set(g.parent, [...(childGroups.get(g.parent) ?? []), g]);
  for (const n of model.nodes) childNodes.set(n.group, [...(childNodes.get(n.group) ?? []), n]);
  return { childGroups, childNodes };
}

// --- Mermaid ---

const MERMAID_SHAPES: Record<NodeKind, [string, string]> = {
  clients: ["((", "))"],
  globalEdge: ["{{", "}}"],
  network: ["[", "]"],
  publicIp: ["([", "])"],
  cluster: ["[", "]"],
  pool: ["[", "]"],
  observability: ["[", "]"],
  secrets: ["[(", ")]"],
  store: ["[(", ")]"],
  queue: ["[[", "]]"],
  eventHub: ["[[", "]]"],
  topic: ["{{", "}}"],
  controller: ["[", "]"],
  connector: ["[", "]"],
  gateway: ["[/", "\\]"],
  service: ["(", ")"],
  external: ["(", ")"],
  failover: ["{{", "}}"],
  note: [">", "]"],
};

const MERMAID_ARROWS: Record<EdgeKind, string> = {
  contains: "-->",
  stack: "-.->",
  route: "-->",
  calls: "-->",
  sends: "-->",
  receives: "-->",
  event: "-->",
  uses: "-.->",
  telemetry: "-.->",
  traffic: "==>",
  origin: "==>",
  failover: "==>",
  replication: "-.->",
  changes: "-->",
};

function mermaidText(text: string): string {
  return text.replace(/"/g, "#quot;");
}

/** The model as a Mermaid `flowchart` (without the Markdown fence). */
export function renderMermaid(model: DiagramModel): string {
  const { childGroups, childNodes } = tree(model);
  const lines = ["flowchart TB"];
  const walk = (parent: string | undefined, indent: string) => {
    for (const n of childNodes.get(parent) ?? []) {
      const [open, close] = MERMAID_SHAPES[n.kind];
      lines.push(`${indent}${n.id}${open}"${n.label.map(mermaidText).join("<br/>")}"${close}`);
    }
    for (const g of childGroups.get(parent) ?? []) {
      lines.push(`${indent}subgraph ${g.id}["${mermaidText(g.label)}"]`);
      walk(g.id, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  walk(undefined, "  ");
  for (const e of model.edges) {
    const arrow = MERMAID_ARROWS[e.kind];
    lines.push(`  ${e.from} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ""} ${e.to}`);
  }
  const kinds = [...new Set(model.nodes.map((n) => n.kind))].sort();
  for (const kind of kinds) {
    lines.push(`  classDef ${kind} fill:${COLORS[kind].fill},stroke:${COLORS[kind].stroke},color:#1a202c`);
    lines.push(`  class ${model.nodes.filter((n) => n.kind === kind).map((n) => n.id).join(",")} ${kind}`);
  }
  return `${lines.join("\n")}\n`;
}

// --- DOT ---

const DOT_SHAPES: Record<NodeKind, string> = {
  clients: "ellipse",
  globalEdge: "octagon",
  network: "box",
  publicIp: "ellipse",
  cluster: "box3d",
  pool: "box",
  observability: "note",
  secrets: "cylinder",
  store: "cylinder",
  queue: "cds",
  eventHub: "cds",
  topic: "hexagon",
  controller: "component",
  connector: "component",
  gateway: "invtrapezium",
  service: "box",
  external: "box",
  failover: "octagon",
  note: "note",
};

const DOT_EDGE_STYLES: Record<EdgeKind, string> = {
  contains: "solid",
  stack: "dashed",
  route: "bold",
  calls: "solid",
  sends: "solid",
  receives: "solid",
  event: "solid",
  uses: "dashed",
  telemetry: "dotted",
  traffic: "bold",
  origin: "bold",
  failover: "bold",
  replication: "dashed",
  changes: "solid",
};

/** Edge colours that set a flow apart from the default grey: the edge's traffic, replication, change data capture. */
const DOT_EDGE_COLORS: Partial<Record<EdgeKind, string>> = {
  origin: "#c53030",
  replication: "#b7791f",
  changes: "#2f855a",
};

function dotText(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The model as a Graphviz `digraph`, clusters for groups; edges between groups attach to the groups' borders. */
export function renderDot(model: DiagramModel): string {
  const { childGroups, childNodes } = tree(model);
  const groupIds = new Set(model.groups.map((g) => g.id));
  const anchor = (groupId: string): string | undefined => {
    const own = childNodes.get(groupId) ?? [];
    if (own.length > 0) return own[0].id;
    for (const g of childGroups.get(groupId) ?? []) {
      const found = anchor(g.id);
      if (found) return found;
    }
    return undefined;
  };
  const lines = [
    `digraph ${dotText(model.environment)} {`,
    `  graph [rankdir=LR, compound=true, newrank=true, nodesep=0.25, ranksep=0.6, fontname="Helvetica", fontsize=12, labelloc=t, label=${dotText(model.title)}];`,
    `  node [fontname="Helvetica", fontsize=10, style=filled, margin="0.12,0.06"];`,
    `  edge [fontname="Helvetica", fontsize=9, color="#4a5568", fontcolor="#2d3748"];`,
  ];
  const walk = (parent: string | undefined, indent: string) => {
    for (const n of childNodes.get(parent) ?? []) {
      const { fill, stroke } = COLORS[n.kind];
      const style = n.kind === "service" ? `"filled,rounded"` : "filled";
      lines.push(`${indent}${n.id} [label=${dotText(n.label.join("\n"))}, shape=${DOT_SHAPES[n.kind]}, style=${style}, fillcolor="${fill}", color="${stroke}"];`);
    }
    for (const g of childGroups.get(parent) ?? []) {
      lines.push(`${indent}subgraph cluster_${g.id} {`);
      lines.push(`${indent}  label=${dotText(g.label)}; style="rounded"; color="#a0aec0"; fontsize=11;`);
      walk(g.id, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  walk(undefined, "  ");
  for (const e of model.edges) {
    const attrs: string[] = [`style=${DOT_EDGE_STYLES[e.kind]}`];
    const color = DOT_EDGE_COLORS[e.kind];
    if (color) attrs.push(`color="${color}"`);
    if (e.label) attrs.push(`label=${dotText(e.label)}`);
    let from = e.from;
    let to = e.to;
    if (groupIds.has(e.from)) {
      from = anchor(e.from)!;
      attrs.push(`ltail=cluster_${e.from}`);
    }
    if (groupIds.has(e.to)) {
      to = anchor(e.to)!;
      attrs.push(`lhead=cluster_${e.to}`);
    }
    lines.push(`  ${from} -> ${to} [${attrs.join(", ")}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** The Markdown page of an environment: what it shows, then the Mermaid diagram, with a link to the SVG. */
export function renderMarkdown(model: DiagramModel, svgFile: string): string {
  return [
    `# ${model.title}`,
    "",
    "<!-- Generated by `npm run diagram` from the environment's config; edit the config, not this file. -->",
    "",
    ...model.notes.map((note) => `- ${note}`),
    "",
    `Rendered by Graphviz: [${svgFile}](${svgFile}).`,
    "",
    "```mermaid",
    renderMermaid(model).trimEnd(),
    "```",
    "",
  ].join("\n");
}

/** Edges by kind, for tests and summaries. */
export function edgesOfKind(model: DiagramModel, kind: EdgeKind): DiagramEdge[] {
  return model.edges.filter((e) => e.kind === kind);
}
