import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { TerraformOutput, Testing } from "cdktf";
import { LogAnalytics, LogAnalyticsProps } from "../../lib/observability/log-analytics";
import { expectValidationError, resourcesOf, testStack } from "./fixtures";

function synth(props: Partial<LogAnalyticsProps> = {}): { out: string; logs: LogAnalytics } {
  const { stack, resourceGroup, namer } = testStack();
  const logs = new LogAnalytics(stack, "Logs", { resourceGroup, namer, ...props });
  return { out: Testing.synth(stack), logs };
}

describe("LogAnalytics", () => {
  test("synthesizes the default workspace", () => {
    expect(synth().out).toMatchSnapshot();
  });

  test("names the workspace with the namer", () => {
    expect(synth().out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { name: "log-shop-prod-weu" });
  });

  test("places the workspace in the resource group and its location", () => {
    expect(synth().out).toHaveResourceWithProperties(LogAnalyticsWorkspace, {
      resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
      location: "${azurerm_resource_group.ResourceGroup.location}",
    });
  });

  test("uses the PerGB2018 SKU", () => {
    expect(synth().out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { sku: "PerGB2018" });
  });

  test("keeps data for 90 days by default", () => {
    expect(synth().out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { retention_in_days: 90 });
  });

  test("disables local (shared key) authentication by default", () => {
    expect(synth().out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { local_authentication_enabled: false });
  });

  test("sets no daily cap by default", () => {
    const [workspace] = Object.values(resourcesOf(synth().out, "azurerm_log_analytics_workspace"));
    expect(workspace).not.toHaveProperty("daily_quota_gb");
  });

  test("applies a retention period", () => {
    expect(synth({ retentionDays: 365 }).out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { retention_in_days: 365 });
  });

  test("applies a daily cap", () => {
    expect(synth({ dailyQuotaGb: 5 }).out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { daily_quota_gb: 5 });
  });

  test("enables local authentication when asked", () => {
    expect(synth({ localAuthenticationEnabled: true }).out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { local_authentication_enabled: true });
  });

  test("uses a name override", () => {
    expect(synth({ name: "log-shared-platform" }).out).toHaveResourceWithProperties(LogAnalyticsWorkspace, { name: "log-shared-platform" });
  });

  test("exposes the workspace id, name and location", () => {
    const { stack, resourceGroup, namer } = testStack();
    const logs = new LogAnalytics(stack, "Logs", { resourceGroup, namer });
    new TerraformOutput(stack, "id", { value: logs.id });
    new TerraformOutput(stack, "name", { value: logs.name });
    new TerraformOutput(stack, "location", { value: logs.location });
    expect(logs.workspace.node.id).toBe("Resource");
    expect(JSON.parse(Testing.synth(stack)).output).toEqual({
      id: { value: "${azurerm_log_analytics_workspace.Logs_6819BB44.id}" },
      name: { value: "${azurerm_log_analytics_workspace.Logs_6819BB44.name}" },
      location: { value: "${azurerm_log_analytics_workspace.Logs_6819BB44.location}" },
    });
  });

  test("fails when the retention is below 30 days", () => {
    expectValidationError(() => synth({ retentionDays: 7 }), "logAnalytics.retentionDays", "is out of range (got 7); use 30 to 730");
  });

  test("fails when the retention is above 730 days", () => {
    expectValidationError(() => synth({ retentionDays: 731 }), "logAnalytics.retentionDays", "is out of range (got 731); use 30 to 730");
  });

  test("fails when the retention is not a whole number of days", () => {
    expectValidationError(() => synth({ retentionDays: 45.5 }), "logAnalytics.retentionDays", "must be a whole number (got 45.5)");
  });

  test("fails when the daily cap is not positive", () => {
    expectValidationError(() => synth({ dailyQuotaGb: 0 }), "logAnalytics.dailyQuotaGb", "must be a positive number of GB a day (got 0)");
  });

  test("fails when the name breaks Azure's rule", () => {
    expectValidationError(() => synth({ name: "-log" }), "logAnalytics.name", 'is not a valid log_analytics_workspace name (got "-log")');
  });
});
