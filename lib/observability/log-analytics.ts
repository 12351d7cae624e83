import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { ResourceNamer, validateResourceName } from "../core/naming";
import { isUnresolved, validateRange } from "../core/validate";

/** Properties of a {@link LogAnalytics} workspace. */
export interface LogAnalyticsProps {
  /** Resource group the workspace lives in; the workspace takes its location. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region; names the workspace `log-<workload>-<env>-<region>`. */
  readonly namer: ResourceNamer;
  /**
   * Workspace name, instead of the generated one. Checked against Azure's rule (4-63 letters, digits and hyphens).
   * @default namer.name("log_analytics_workspace")
   */
  readonly name?: string;
  /**
   * Days the workspace keeps data in its interactive (analytics) tier. The PerGB2018 SKU accepts 30 to 730 days.
   * Azure includes the first 31 days in the ingestion price (90 with Microsoft Sentinel); 90 days covers a quarter of
   * incident look-back.
   * @default 90
   */
  readonly retentionDays?: number;
  /**
   * Daily ingestion cap in GB. When the cap is reached, ingestion stops until the next day (data is lost), so set it
   * only as a cost guard for non-production environments.
   * @default - no cap
   */
  readonly dailyQuotaGb?: number;
  /**
   * Allow shared-key (workspace key) authentication for ingestion and queries. Off means Microsoft Entra ID only,
   * which Container Insights (managed identity auth) and diagnostic settings both support.
   * @default false
   * @see https://learn.microsoft.com/azure/azure-monitor/logs/azure-ad-authentication-logs
   */
  readonly localAuthenticationEnabled?: boolean;
}

/** Retention range of the PerGB2018 SKU (7 days exists only on the legacy Free SKU). */
const RETENTION_MIN_DAYS = 30;
const RETENTION_MAX_DAYS = 730;

/**
 * A Log Analytics workspace (SKU PerGB2018) for the logs of one environment and region: Entra ID authentication only,
 * 90 days of retention, no daily cap unless asked for.
 *
 * @example
 * const logs = new LogAnalytics(this, "Logs", { resourceGroup, namer });
 * new DiagnosticSettings(this, "KeyVaultDiagnostics", { targetResourceId: vault.id, workspace: logs });
 */
export class LogAnalytics extends Construct {
  /** The workspace (L1), an escape hatch for settings this construct does not expose. */
  public readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: LogAnalyticsProps) {
    super(scope, id);

    const name = props.name !== undefined
      ? validateResourceName("logAnalytics.name", "log_analytics_workspace", props.name)
      : props.namer.name("log_analytics_workspace");
    const retentionDays = validateRange("logAnalytics.retentionDays", props.retentionDays ?? 90, RETENTION_MIN_DAYS, RETENTION_MAX_DAYS);
    if (props.dailyQuotaGb !== undefined && !isUnresolved(props.dailyQuotaGb)) {
      if (typeof props.dailyQuotaGb !== "number" || !Number.isFinite(props.dailyQuotaGb) || props.dailyQuotaGb <= 0) {
        throw new ValidationError("logAnalytics.dailyQuotaGb", "must be a positive number of GB a day", props.dailyQuotaGb, "leave it unset for no cap");
      }
    }

    this.workspace = new LogAnalyticsWorkspace(this, "Resource", {
      name,
      location: props.resourceGroup.location,
      resourceGroupName: props.resourceGroup.name,
      sku: "PerGB2018",
      retentionInDays: retentionDays,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled: props.localAuthenticationEnabled ?? false,
    });
  }

  /** Resource ID of the workspace. */
  public get id(): string {
    return this.workspace.id;
  }

  /** Name of the workspace. */
  public get name(): string {
    return this.workspace.name;
  }

  /** Azure region of the workspace. */
  public get location(): string {
    return this.workspace.location;
  }
}
