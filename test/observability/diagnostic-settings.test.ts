import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { Testing } from "cdktf";
import { DiagnosticSettings, DiagnosticSettingsProps } from "../../lib/observability/diagnostic-settings";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { expectValidationError, ref, resourcesOf, testStack } from "./fixtures";

const TARGET = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop-prod/providers/Microsoft.KeyVault/vaults/kv-shop-prod-weu";

function synth(props: Partial<DiagnosticSettingsProps> = {}): string {
  const { stack, resourceGroup, namer } = testStack();
  const workspace = new LogAnalytics(stack, "Logs", { resourceGroup, namer });
  new DiagnosticSettings(stack, "Diagnostics", { targetResourceId: TARGET, workspace, ...props });
  return Testing.synth(stack);
}

function setting(out: string): Record<string, unknown> {
  const [only] = Object.values(resourcesOf(out, "azurerm_monitor_diagnostic_setting"));
  return only;
}

describe("DiagnosticSettings", () => {
  test("synthesizes the default setting", () => {
    expect(synth()).toMatchSnapshot();
  });

  test("targets the resource and sends to the workspace", () => {
    expect(synth()).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: TARGET,
      log_analytics_workspace_id: ref("azurerm_log_analytics_workspace", "Logs", "id"),
    });
  });

  test('is named "diag-to-log-analytics" by default', () => {
    expect(synth()).toHaveResourceWithProperties(MonitorDiagnosticSetting, { name: "diag-to-log-analytics" });
  });

  test("sends every log category (allLogs) by default", () => {
    expect(synth()).toHaveResourceWithProperties(MonitorDiagnosticSetting, { enabled_log: [{ category_group: "allLogs" }] });
  });

  test("sends all metrics through enabled_metric by default", () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(MonitorDiagnosticSetting, { enabled_metric: [{ category: "AllMetrics" }] });
    expect(setting(out)).not.toHaveProperty("metric");
  });

  test("writes to resource-specific (Dedicated) tables by default", () => {
    expect(synth()).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_destination_type: "Dedicated" });
  });

  test("writes to AzureDiagnostics when dedicated tables are off", () => {
    expect(synth({ dedicatedTables: false })).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_destination_type: "AzureDiagnostics" });
  });

  test("sends the given category groups", () => {
    expect(synth({ logCategoryGroups: ["audit"] })).toHaveResourceWithProperties(MonitorDiagnosticSetting, { enabled_log: [{ category_group: "audit" }] });
  });

  test("sends explicit categories instead of category groups", () => {
    expect(synth({ logCategories: ["kube-apiserver", "kube-audit-admin"] })).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      enabled_log: [{ category: "kube-apiserver" }, { category: "kube-audit-admin" }],
    });
  });

  test("sends the given metric categories instead of AllMetrics", () => {
    expect(synth({ metricCategories: ["Transaction", "Capacity"] })).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      enabled_metric: [{ category: "Transaction" }, { category: "Capacity" }],
    });
  });

  test("leaves metrics out when metrics is false", () => {
    expect(setting(synth({ metrics: false }))).not.toHaveProperty("enabled_metric");
  });

  test("sends metrics only when no log categories are given", () => {
    expect(setting(synth({ logCategoryGroups: [] }))).not.toHaveProperty("enabled_log");
  });

  test("uses a name override", () => {
    expect(synth({ name: "to-central-logs" })).toHaveResourceWithProperties(MonitorDiagnosticSetting, { name: "to-central-logs" });
  });

  test("fails when both category groups and categories are given", () => {
    expectValidationError(
      () => synth({ logCategoryGroups: ["allLogs"], logCategories: ["AuditEvent"] }),
      "diagnosticSettings.logCategories",
      "cannot be combined with logCategoryGroups",
    );
  });

  test("fails when nothing is enabled", () => {
    expectValidationError(() => synth({ logCategoryGroups: [], metrics: false }), "diagnosticSettings", "sends nothing");
  });

  test("fails when a category group is unknown", () => {
    expectValidationError(
      () => synth({ logCategoryGroups: ["everything" as never] }),
      "diagnosticSettings.logCategoryGroups[0]",
      'is not an allowed value (got "everything"); use one of "allLogs", "audit"',
    );
  });

  test("fails when a category is blank", () => {
    expectValidationError(() => synth({ logCategories: ["AuditEvent", " "] }), "diagnosticSettings.logCategories[1]", "is not a log category name");
  });

  test("fails when a category repeats", () => {
    expectValidationError(() => synth({ logCategories: ["AuditEvent", "AuditEvent"] }), "diagnosticSettings.logCategories[1]", "repeats the entry at index 0");
  });

  test("fails when the metric category list is empty", () => {
    expectValidationError(() => synth({ metricCategories: [] }), "diagnosticSettings.metricCategories", 'is empty (got []); name at least one category, e.g. "AllMetrics", or set metrics to false');
  });

  test("fails when a metric category is blank", () => {
    expectValidationError(() => synth({ metricCategories: ["Transaction", ""] }), "diagnosticSettings.metricCategories[1]", "is not a metric category name");
  });

  test("fails when a metric category repeats", () => {
    expectValidationError(() => synth({ metricCategories: ["Transaction", "Transaction"] }), "diagnosticSettings.metricCategories[1]", "repeats the entry at index 0");
  });

  test("fails when metric categories are given with metrics off", () => {
    expectValidationError(() => synth({ metrics: false, metricCategories: ["Transaction"] }), "diagnosticSettings.metricCategories", "cannot be combined with metrics: false");
  });

  test("fails when the name breaks Azure's rule", () => {
    expectValidationError(() => synth({ name: "diag:bad" }), "diagnosticSettings.name", 'is not a valid monitor_diagnostic_setting name (got "diag:bad")');
  });
});
