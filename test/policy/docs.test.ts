import * as fs from "node:fs";
import * as path from "node:path";
import { renderRuleTable, withGeneratedTables } from "../../lib/policy/docs";
import { DEFAULT_RULES } from "../../lib/policy/rules";
import { BLUEPRINT_SUPPRESSION_REASONS } from "../../stacks/policy";

const doc = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "policy.md"), "utf8");

describe("docs/policy.md", () => {
  it("holds the current generated tables (regenerate: node --require tsx/cjs lib/policy/docs.ts)", () => {
    expect(doc).toBe(withGeneratedTables(doc));
  });

  it("lists every rule with its ID, severity, resource types and scanner equivalent", () => {
    for (const rule of DEFAULT_RULES) {
      const row = doc.split("\n").find((line) => line.startsWith(`| ${rule.id} | ${rule.severity} |`));
      expect({ id: rule.id, row: row !== undefined }).toEqual({ id: rule.id, row: true });
      for (const type of rule.resourceTypes) expect(row).toContain(`\`${type}\``);
      for (const id of rule.scannerEquivalent ?? []) expect(row).toContain(id);
    }
    expect(doc.split("\n").filter((line) => /^\| AZ-[A-Z0-9]+-\d{3} \| (error|warning) \|/.test(line))).toHaveLength(DEFAULT_RULES.length);
  });

  it("explains every suppression the blueprints ship", () => {
    for (const reason of Object.values(BLUEPRINT_SUPPRESSION_REASONS)) expect(doc).toContain(reason);
  });

  it("renders a Markdown table with one row per rule", () => {
    const table = renderRuleTable(DEFAULT_RULES.slice(0, 2)).split("\n");
    expect(table[0]).toBe("| ID | severity | resource | what | why | fix | scanner equivalent |");
    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(/^\| AZ-[A-Z]+-\d{3} \| (error|warning) \| `azurerm_/);
  });
});
