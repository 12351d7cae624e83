import * as fs from "node:fs";
import * as path from "node:path";
import type { PolicyRule } from "./rule";
import { DEFAULT_RULES, TYPES_WITHOUT_RULES } from "./rules";

/** Markers around the generated tables in docs/policy.md. */
export const RULE_TABLE_MARKERS = { start: "<!-- policy-rules:start (generated from lib/policy/rules: node --require tsx/cjs lib/policy/docs.ts) -->", end: "<!-- policy-rules:end -->" } as const;
/** Markers around the generated table of resource types without rules in docs/policy.md. */
export const UNCHECKED_TABLE_MARKERS = { start: "<!-- policy-unchecked:start (generated from lib/policy/rules) -->", end: "<!-- policy-unchecked:end -->" } as const;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The Markdown table of the rules: ID, severity, resource types, what, why, fix, scanner equivalent. */
export function renderRuleTable(rules: readonly PolicyRule[]): string {
  const rows = rules.map((rule) => {
    const scanner = [rule.scannerEquivalent?.length ? rule.scannerEquivalent.join(", ") : "—", rule.scannerNote ? `(${rule.scannerNote})` : ""].filter(Boolean).join(" ");
    return `| ${[rule.id, rule.severity, rule.resourceTypes.map((t) => `\`${t}\``).join(", "), rule.title, rule.description, rule.fix, scanner].map(cell).join(" | ")} |`;
  });
  return ["| ID | severity | resource | what | why | fix | scanner equivalent |", "| --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** The Markdown table of the resource types no rule checks, with the reason. */
export function renderUncheckedTypes(types: Readonly<Record<string, string>>): string {
  const rows = Object.entries(types)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([type, reason]) => `| \`${type}\` | ${cell(reason)} |`);
  return ["| resource | why no rule |", "| --- | --- |", ...rows].join("\n");
}

function replaceBetween(document: string, markers: { readonly start: string; readonly end: string }, content: string): string {
  const start = document.indexOf(markers.start);
  const end = document.indexOf(markers.end);
  if (start < 0 || end < start) throw new Error(`the document has no ${markers.start} … ${markers.end} markers`);
  return `${document.slice(0, start + markers.start.length)}\n${content}\n${document.slice(end)}`;
}

/** The document with its generated tables (rules, types without rules) replaced by the current ones. */
export function withGeneratedTables(document: string, rules: readonly PolicyRule[] = DEFAULT_RULES, unchecked: Readonly<Record<string, string>> = TYPES_WITHOUT_RULES): string {
  return replaceBetween(replaceBetween(document, RULE_TABLE_MARKERS, renderRuleTable(rules)), UNCHECKED_TABLE_MARKERS, renderUncheckedTypes(unchecked));
}

// Regenerates the tables of docs/policy.md: node --require tsx/cjs lib/policy/docs.ts
if (require.main === module) {
  const file = path.join(__dirname, "..", "..", "docs", "policy.md");
  fs.writeFileSync(file, withGeneratedTables(fs.readFileSync(file, "utf8")));
}
