import { MonitorActionGroup } from "@cdktf/provider-azurerm/lib/monitor-action-group";
import { Testing } from "cdktf";
import { AlertActionGroup, AlertActionGroupProps } from "../../lib/observability/action-group";
import { expectValidationError } from "../support/expect-validation-error";
import { testStack } from "./fixtures";

function synth(props: Partial<AlertActionGroupProps> = {}): string {
  const f = testStack();
  new AlertActionGroup(f.stack, "Oncall", { resourceGroup: f.resourceGroup, namer: f.namer, emails: ["oncall@example.com"], ...props });
  return Testing.synth(f.stack);
}

const create = (props: Partial<AlertActionGroupProps>) => () => synth(props);

describe("AlertActionGroup", () => {
  it("e-mails every address in the common alert schema", () => {
    expect(synth({ emails: ["oncall@example.com", "dba@example.com"] })).toHaveResourceWithProperties(MonitorActionGroup, {
      email_receiver: [
        { name: "email-1", email_address: "oncall@example.com", use_common_alert_schema: true },
        { name: "email-2", email_address: "dba@example.com", use_common_alert_schema: true },
      ],
      enabled: true,
    });
  });

  it("is named by the namer with a short name from the workload and environment", () => {
    expect(synth()).toHaveResourceWithProperties(MonitorActionGroup, { name: "mag-shop-prod-weu", short_name: "shop-prod", resource_group_name: "${azurerm_resource_group.ResourceGroup.name}" });
  });

  it("takes a short name of its own", () => {
    expect(synth({ shortName: "oncall" })).toHaveResourceWithProperties(MonitorActionGroup, { short_name: "oncall" });
  });

  it("fails when no address is given", () => {
    expectValidationError(create({ emails: [] }), "actionGroup.emails: is empty: an action group without receivers notifies nobody (got []); list at least one e-mail address");
  });

  it("fails when an address is not an e-mail address", () => {
    expectValidationError(create({ emails: ["oncall"] }), /^actionGroup\.emails\[0\]: has an invalid format \(got "oncall"\)/);
  });

  it("fails when an address repeats", () => {
    expectValidationError(create({ emails: ["a@example.com", "a@example.com"] }), /^actionGroup\.emails\[1\]: repeats the entry at index 0/);
  });

  it("fails when the short name is longer than 12 characters", () => {
    expectValidationError(create({ shortName: "platform-oncall" }), /^actionGroup\.shortName: has an invalid format \(got "platform-oncall"\)/);
  });
});
