import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { App, TerraformStack, Testing } from "cdktf";
import { ResourceNamer } from "../../lib/core/naming";

/** An app with one stack, the azurerm provider, a resource group and a namer for one region. */
export interface StackFixture {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly resourceGroup: ResourceGroup;
  readonly namer: ResourceNamer;
}

/** Builds a {@link StackFixture} for `region` (West Europe, which has three zones, unless told). */
export function testStack(region = "westeurope"): StackFixture {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const resourceGroup = new ResourceGroup(stack, "ResourceGroup", { name: "rg-shop-prod", location: region });
  const namer = new ResourceNamer({ workload: "shop", environment: "prod", region });
  return { app, stack, resourceGroup, namer };
}

/** A synthesized resource: its Terraform arguments in snake_case. */
export type SynthesizedResource = Record<string, any>;

/** The synthesized resources of one Terraform type, keyed by logical id. */
export function resourcesOf(synthesized: string, type: string): Record<string, SynthesizedResource> {
  const parsed = JSON.parse(synthesized) as { resource?: Record<string, Record<string, SynthesizedResource>> };
  return parsed.resource?.[type] ?? {};
}

/** The synthesized resources of one Terraform type, in logical-id order. */
export function resourceList(synthesized: string, type: string): SynthesizedResource[] {
  return Object.values(resourcesOf(synthesized, type));
}

/** The one synthesized resource of `type` whose `name` argument is `name`; fails when there is not exactly one. */
export function resourceNamed(synthesized: string, type: string, name: string): SynthesizedResource {
  const matches = resourceList(synthesized, type).filter((r) => r.name === name);
  if (matches.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${matches.length}`);
  return matches[0];
}

export { expectValidationError } from "../support/expect-validation-error";
