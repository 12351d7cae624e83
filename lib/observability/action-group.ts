import { MonitorActionGroup } from "@cdktf/provider-azurerm/lib/monitor-action-group";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Construct } from "constructs";
import { ValidationError } from "../core/errors";
import { ResourceNamer } from "../core/naming";
import { isUnresolved, validatePattern, validateUnique } from "../core/validate";

/** Props for {@link AlertActionGroup}. */
export interface AlertActionGroupProps {
  /** Resource group of the action group (Azure keeps action groups global; the group only holds the resource). */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region; names the group `mag-<workload>[-<qualifier>]-<env>-<region>`. */
  readonly namer: ResourceNamer;
  /**
   * Name qualifier (lowercase letters and digits).
   * @default - none
   */
  readonly qualifier?: string;
  /**
   * Short name shown in e-mails and SMS, 1–12 characters.
   * @default the workload and environment, cut to 12 characters
   */
  readonly shortName?: string;
  /** E-mail addresses notified of every alert routed to the group (the on-call list or a team distribution list). */
  readonly emails: string[];
}

/** A deliberately plain e-mail check: one "@", no spaces, a dot in the domain. */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SHORT_NAME = /^.{1,12}$/;

/**
 * An Azure Monitor action group that e-mails a list of addresses, in the common alert schema (one payload format for
 * metric, log and Prometheus alerts). Alerts are silent without one: pass {@link AlertActionGroup.id} to the alerts'
 * actions.
 *
 * @example
 * const oncall = new AlertActionGroup(this, "Oncall", { resourceGroup, namer, emails: ["platform-oncall@example.com"] });
 */
export class AlertActionGroup extends Construct {
  /** The action group (L1), an escape hatch for SMS, webhooks and other receivers. */
  public readonly resource: MonitorActionGroup;

  constructor(scope: Construct, id: string, props: AlertActionGroupProps) {
    super(scope, id);
    const path = "actionGroup";
    if (!Array.isArray(props.emails) || props.emails.length === 0) {
      throw new ValidationError(`${path}.emails`, "is empty: an action group without receivers notifies nobody", props.emails, "list at least one e-mail address");
    }
    props.emails.forEach((email, i) => {
      if (!isUnresolved(email)) validatePattern(`${path}.emails[${i}]`, email, EMAIL, 'use an e-mail address such as "oncall@example.com"');
    });
    validateUnique(`${path}.emails`, props.emails);
    const context = props.namer.context;
    const shortName = props.shortName ?? `${context.workload}-${context.environment}`.slice(0, 12);
    validatePattern(`${path}.shortName`, shortName, SHORT_NAME, "use 1-12 characters");

    this.resource = new MonitorActionGroup(this, "Resource", {
      name: props.namer.name("monitor_action_group", { qualifier: props.qualifier }),
      resourceGroupName: props.resourceGroup.name,
      shortName,
      enabled: true,
      emailReceiver: props.emails.map((email, i) => ({ name: `email-${i + 1}`, emailAddress: email, useCommonAlertSchema: true })),
    });
  }

  /** The action group's resource ID, for alert actions. */
  public get id(): string {
    return this.resource.id;
  }
}
