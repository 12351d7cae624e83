import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { validateResourceName } from "../core/naming";
import { isUnresolved, validateEnum, validateUnique } from "../core/validate";
import { LogAnalytics } from "./log-analytics";

/**
 * Log category groups Azure Monitor defines for diagnostic settings. `allLogs` covers every log category of the
 * resource, including categories added later; `audit` covers the categories the resource marks as audit logs.
 */
export type LogCategoryGroup = "allLogs" | "audit";

/** The category groups Azure accepts. */
export const LOG_CATEGORY_GROUPS: readonly LogCategoryGroup[] = ["allLogs", "audit"];

/** Properties of {@link DiagnosticSettings}. */
export interface DiagnosticSettingsProps {
  /** Resource ID of the resource whose logs and metrics are sent (a cluster, a key vault, a database server, …). */
  readonly targetResourceId: string;
  /** Workspace that receives the logs and metrics. */
  readonly workspace: LogAnalytics;
  /**
   * Name of the diagnostic setting; unique per target resource.
   * @default "diag-to-log-analytics"
   */
  readonly name?: string;
  /**
   * Log category groups to send. Mutually exclusive with `logCategories`. Pass `[]` to send metrics only.
   * @default ["allLogs"] (every log category of the resource) unless `logCategories` is set
   */
  readonly logCategoryGroups?: LogCategoryGroup[];
  /**
   * Individual log categories to send instead of category groups, e.g. `["kube-apiserver", "kube-audit-admin",
   * "guard"]` for AKS, where `allLogs` would include the very large `kube-audit` category.
   * @default - none; category groups are used
   */
  readonly logCategories?: string[];
  /**
   * Send the resource's platform metrics (the categories in `metricCategories`).
   * @default true
   */
  readonly metrics?: boolean;
  /**
   * Metric categories to send. Most resources have the single category `AllMetrics`; a few split their metrics and
   * name the categories differently, e.g. Azure Storage's `Transaction` and `Capacity`. Cannot be combined with
   * `metrics: false`.
   * @default ["AllMetrics"]
   * @see https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/metrics-index
   */
  readonly metricCategories?: string[];
  /**
   * Write logs to resource-specific ("Dedicated") tables instead of the shared `AzureDiagnostics` table. Dedicated
   * tables have typed columns, are cheaper to query and are the direction Azure takes for every service. Resources
   * without resource-specific tables (Key Vault, for one) keep writing to `AzureDiagnostics`, and for some of them
   * the API does not echo the value back, so every plan shows a change
   * (hashicorp/terraform-provider-azurerm#22406); set `false` for those.
   * @default true
   * @see https://learn.microsoft.com/azure/azure-monitor/essentials/resource-logs#resource-specific
   */
  readonly dedicatedTables?: boolean;
}

/** Default name of the diagnostic setting. */
export const DEFAULT_DIAGNOSTIC_SETTING_NAME = "diag-to-log-analytics";

/**
 * Sends a resource's logs and metrics to a {@link LogAnalytics} workspace: every log category (category group
 * `allLogs`), all platform metrics (`AllMetrics`), resource-specific tables.
 *
 * @example
 * new DiagnosticSettings(this, "VaultDiagnostics", { targetResourceId: vault.id, workspace: logs });
 * new DiagnosticSettings(this, "AksDiagnostics", {
 *   targetResourceId: cluster.id,
 *   workspace: logs,
 *   logCategories: ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-audit-admin", "guard"],
 * });
 */
export class DiagnosticSettings extends Construct {
  /** The diagnostic setting (L1), an escape hatch. */
  public readonly setting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: DiagnosticSettingsProps) {
    super(scope, id);

    const name = validateResourceName("diagnosticSettings.name", "monitor_diagnostic_setting", props.name ?? DEFAULT_DIAGNOSTIC_SETTING_NAME);
    if (props.logCategoryGroups !== undefined && props.logCategories !== undefined) {
      throw new ValidationError(
        "diagnosticSettings.logCategories",
        "cannot be combined with logCategoryGroups",
        { logCategoryGroups: props.logCategoryGroups, logCategories: props.logCategories },
        "set either logCategoryGroups or logCategories",
      );
    }
    const groups = props.logCategories !== undefined ? [] : props.logCategoryGroups ?? ["allLogs"];
    const categories = props.logCategories ?? [];
    if (!isUnresolved(groups)) {
      groups.forEach((group, i) => validateEnum(`diagnosticSettings.logCategoryGroups[${i}]`, group, LOG_CATEGORY_GROUPS));
      validateUnique("diagnosticSettings.logCategoryGroups", groups);
    }
    validateCategoryNames("diagnosticSettings.logCategories", categories, "log", "kube-audit-admin");
    const metrics = props.metrics ?? true;
    if (props.metricCategories !== undefined && !metrics) {
      throw new ValidationError(
        "diagnosticSettings.metricCategories",
        "cannot be combined with metrics: false",
        props.metricCategories,
        "drop metricCategories, or set metrics to true",
      );
    }
    const metricCategories = props.metricCategories ?? ["AllMetrics"];
    if (!isUnresolved(metricCategories) && metricCategories.length === 0) {
      throw new ValidationError("diagnosticSettings.metricCategories", "is empty", metricCategories, 'name at least one category, e.g. "AllMetrics", or set metrics to false');
    }
    validateCategoryNames("diagnosticSettings.metricCategories", metricCategories, "metric", "AllMetrics");
    if (groups.length === 0 && categories.length === 0 && !metrics) {
      throw new ValidationError(
        "diagnosticSettings",
        "sends nothing",
        { logCategoryGroups: props.logCategoryGroups, logCategories: props.logCategories, metrics },
        "enable metrics or name at least one log category group or category",
      );
    }

    const enabledLog = [...groups.map((categoryGroup) => ({ categoryGroup })), ...categories.map((category) => ({ category }))];
    this.setting = new MonitorDiagnosticSetting(this, "Resource", {
      name,
      targetResourceId: props.targetResourceId,
      logAnalyticsWorkspaceId: props.workspace.id,
      logAnalyticsDestinationType: (props.dedicatedTables ?? true) ? "Dedicated" : "AzureDiagnostics",
      enabledLog: enabledLog.length > 0 ? enabledLog : undefined,
      enabledMetric: metrics ? metricCategories.map((category) => ({ category })) : undefined,
    });
  }
}

/** Fails on a blank or repeated category name; `kind` ("log", "metric") and `example` go into the message. */
function validateCategoryNames(path: string, categories: readonly string[], kind: string, example: string): void {
  if (isUnresolved(categories)) return;
  categories.forEach((category, i) => {
    if (!isUnresolved(category) && (typeof category !== "string" || category.trim() === "")) {
      throw new ValidationError(`${path}[${i}]`, `is not a ${kind} category name`, category, `use a category the resource defines, e.g. "${example}"`);
    }
  });
  validateUnique(path, categories);
}
