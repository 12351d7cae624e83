import { attr, defineRule, expectBool, fail, isExpression, notApplicable, pass, PolicyRule } from "../rule";

/** Rules for Log Analytics, Azure Monitor workspaces and Azure Managed Grafana. */
export const OBSERVABILITY_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-MON-001",
    resourceTypes: ["azurerm_log_analytics_workspace"],
    severity: "warning",
    title: "Log Analytics accepts Entra ID authentication only (no workspace keys)",
    description: "Workspace keys let anyone holding them write fake logs or read the workspace, with no identity in the audit trail.",
    fix: "local_authentication_enabled = false (LogAnalytics sets it; the 3.x name local_authentication_disabled is deprecated)",
    check: (r) => {
      const enabled = attr(r.config, "local_authentication_enabled");
      const disabled = attr(r.config, "local_authentication_disabled");
      if (isExpression(enabled) || isExpression(disabled)) return notApplicable("known only at apply time");
      if (enabled === false || (enabled === undefined && disabled === true)) return pass();
      return fail(`local_authentication_enabled is ${enabled === undefined ? "unset (azurerm default true)" : JSON.stringify(enabled)}`);
    },
  }),
  defineRule({
    id: "AZ-MON-002",
    resourceTypes: ["azurerm_log_analytics_workspace"],
    severity: "warning",
    title: "Logs are kept at least 30 days in the analytics tier",
    description: "Incidents are often found weeks later; shorter retention deletes the evidence before anyone looks.",
    fix: "retention_in_days >= 30 (LogAnalytics retentionDays, 90 by default)",
    check: (r) => {
      const days = r.config.retention_in_days;
      if (days === undefined) return pass("the PerGB2018 default is 30 days");
      if (isExpression(days)) return notApplicable("known only at apply time");
      return typeof days === "number" && days >= 30 ? pass() : fail(`retention_in_days is ${JSON.stringify(days)}`);
    },
  }),
  defineRule({
    id: "AZ-MON-003",
    resourceTypes: ["azurerm_dashboard_grafana"],
    severity: "error",
    title: "Grafana API keys are disabled",
    description: "Grafana API keys and service-account tokens are long-lived secrets that bypass Entra ID sign-in.",
    fix: "api_key_enabled = false (ManagedPrometheus sets it)",
    check: (r) => expectBool(r.config, "api_key_enabled", false, false),
  }),
  defineRule({
    id: "AZ-MON-004",
    resourceTypes: ["azurerm_dashboard_grafana"],
    severity: "warning",
    title: "Grafana public network access is disabled",
    description: "A public Grafana endpoint shows dashboards, and the data sources behind them, to anyone who gets through Entra ID sign-in from any network.",
    fix: "public_network_access_enabled = false with a private endpoint (Standard SKU)",
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-MON-005",
    resourceTypes: ["azurerm_monitor_workspace"],
    severity: "warning",
    title: "Azure Monitor workspace public network access is disabled",
    description: "A public metrics endpoint accepts queries from any network that holds a token.",
    fix: "public_network_access_enabled = false with a private endpoint for queries (ingestion then needs a private data collection endpoint)",
    check: (r) => expectBool(r.config, "public_network_access_enabled", false, true),
  }),
  defineRule({
    id: "AZ-MON-006",
    resourceTypes: ["azurerm_monitor_diagnostic_setting"],
    severity: "warning",
    title: "Diagnostic settings send logs or metrics to a destination",
    description: "A diagnostic setting with no enabled category or no destination collects nothing and gives false assurance.",
    fix: "enabled_log or enabled_metric, and log_analytics_workspace_id (DiagnosticSettings sets both)",
    check: (r) => {
      const destination = ["log_analytics_workspace_id", "storage_account_id", "eventhub_authorization_rule_id", "partner_solution_id"].some((k) => r.config[k] !== undefined);
      if (!destination) return fail("no destination is set");
      return r.config.enabled_log !== undefined || r.config.enabled_metric !== undefined ? pass() : fail("no enabled_log or enabled_metric");
    },
  }),
];
