import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Aspects, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { StandardTags, standardTagMap, StandardTagsAspect, TAG_KEYS } from "../../lib/core/tags";
import { expectValidationError } from "../support/expect-validation-error";

const TAGS: StandardTags = { environment: "prod", ownerTeam: "platform", costCenter: "cc-4711" };
const STANDARD = { environment: "prod", "owner-team": "platform", "cost-center": "cc-4711", "managed-by": "cdktf" };

interface Synthesized {
  resource: Record<string, Record<string, { tags?: unknown }>>;
}

function newStack(id = "x"): TerraformStack {
  return new TerraformStack(Testing.app(), id);
}

function addResources(stack: TerraformStack, rgTags?: Record<string, string>) {
  const rg = new ResourceGroup(stack, "rg", { name: "rg-shop-prod-weu", location: "westeurope", tags: rgTags });
  new VirtualNetwork(stack, "vnet", {
    name: "vnet-shop-prod-weu",
    location: "westeurope",
    resourceGroupName: rg.name,
    addressSpace: ["10.10.0.0/16"],
  });
  new RoleAssignment(stack, "ra", {
    scope: rg.id,
    roleDefinitionName: "Reader",
    principalId: "00000000-0000-0000-0000-000000000000",
  });
  return rg;
}

const synth = (stack: TerraformStack): Synthesized => JSON.parse(Testing.synth(stack)) as Synthesized;

describe("StandardTagsAspect", () => {
  test("tags every taggable azurerm resource in the stack with the standard tags", () => {
    const stack = newStack();
    addResources(stack);
    StandardTagsAspect.applyTo(stack, TAGS);
    const output = Testing.synth(stack);
    expect(output).toHaveResourceWithProperties(ResourceGroup, { name: "rg-shop-prod-weu", tags: STANDARD });
    expect(output).toHaveResourceWithProperties(VirtualNetwork, { name: "vnet-shop-prod-weu", tags: STANDARD });
    const json = synth(stack);
    expect(json.resource.azurerm_resource_group.rg.tags).toEqual(STANDARD);
    expect(json.resource.azurerm_virtual_network.vnet.tags).toEqual(STANDARD);
  });

  test("does not touch a resource that cannot carry tags", () => {
    const stack = newStack();
    addResources(stack);
    StandardTagsAspect.applyTo(stack, TAGS);
    const assignment = synth(stack).resource.azurerm_role_assignment.ra;
    expect(assignment).toBeDefined();
    expect(assignment).not.toHaveProperty("tags");
    // Not even an ignored JavaScript property on the construct.
    expect(Object.prototype.hasOwnProperty.call(stack.node.findChild("ra"), "tags")).toBe(false);
  });

  test("leaves resources untagged without the aspect", () => {
    const stack = newStack();
    addResources(stack);
    const json = synth(stack);
    expect(json.resource.azurerm_resource_group.rg).not.toHaveProperty("tags");
    expect(json.resource.azurerm_virtual_network.vnet).not.toHaveProperty("tags");
  });

  test("tags a resource sets itself win over the standard ones; other standard tags stay", () => {
    const stack = newStack();
    addResources(stack, { "owner-team": "data", purpose: "checkout" });
    StandardTagsAspect.applyTo(stack, TAGS);
    const json = synth(stack);
    expect(json.resource.azurerm_resource_group.rg.tags).toEqual({ ...STANDARD, "owner-team": "data", purpose: "checkout" });
    expect(json.resource.azurerm_virtual_network.vnet.tags).toEqual(STANDARD);
  });

  test("an aspect on a deeper scope wins over the stack's, whatever order they were added in; own tags still win", () => {
    const stack = newStack();
    const team = new Construct(stack, "team");
    new ResourceGroup(team, "rg", { name: "rg-team", location: "westeurope", tags: { purpose: "orders" } });
    new ResourceGroup(stack, "other", { name: "rg-other", location: "westeurope" });
    StandardTagsAspect.applyTo(team, { ...TAGS, ownerTeam: "commerce", costCenter: "cc-2000" });
    StandardTagsAspect.applyTo(stack, TAGS);
    const json = synth(stack);
    const teamRg = Object.entries(json.resource.azurerm_resource_group).find(([key]) => key.startsWith("team_rg"))![1];
    expect(teamRg.tags).toEqual({ ...STANDARD, "owner-team": "commerce", "cost-center": "cc-2000", purpose: "orders" });
    expect(json.resource.azurerm_resource_group.other.tags).toEqual(STANDARD);
    // A second synthesis of the same tree gives the same tags.
    expect(synth(stack)).toEqual(json);
  });

  test("merges with tags given as a token at apply time, the resource's own tags last, instead of spreading the token", () => {
    const stack = newStack();
    const own = new TerraformVariable(stack, "own_tags", { type: "map(string)" });
    new ResourceGroup(stack, "rg", { name: "rg", location: "westeurope", tags: own.value });
    StandardTagsAspect.applyTo(stack, TAGS);
    const tags = synth(stack).resource.azurerm_resource_group.rg.tags;
    expect(tags).toBe(
      '${merge({"environment" = "prod", "owner-team" = "platform", "cost-center" = "cc-4711", "managed-by" = "cdktf"}, var.own_tags)}',
    );
  });

  test("keeps a token inside a plain tag map as a value", () => {
    const stack = newStack();
    const owner = new TerraformVariable(stack, "owner", { type: "string" });
    new ResourceGroup(stack, "rg", { name: "rg", location: "westeurope", tags: { "owner-team": owner.stringValue } });
    StandardTagsAspect.applyTo(stack, TAGS);
    expect(synth(stack).resource.azurerm_resource_group.rg.tags).toEqual({ ...STANDARD, "owner-team": "${var.owner}" });
  });

  test("adds extra tags and honours managedBy", () => {
    const stack = newStack();
    addResources(stack);
    StandardTagsAspect.applyTo(stack, { ...TAGS, managedBy: "platform-pipeline", extra: { "data-classification": "internal" } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetwork, {
      tags: { ...STANDARD, "managed-by": "platform-pipeline", "data-classification": "internal" },
    });
  });

  test("touches only the scope it is applied to", () => {
    const app = Testing.app();
    const tagged = new TerraformStack(app, "tagged");
    const untagged = new TerraformStack(app, "untagged");
    addResources(tagged);
    addResources(untagged);
    StandardTagsAspect.applyTo(tagged, TAGS);
    expect(synth(tagged).resource.azurerm_resource_group.rg.tags).toEqual(STANDARD);
    expect(synth(untagged).resource.azurerm_resource_group.rg).not.toHaveProperty("tags");
  });

  test("works when added by hand with Aspects.of", () => {
    const stack = newStack();
    addResources(stack);
    Aspects.of(stack).add(new StandardTagsAspect({ ...TAGS, environment: "dev" }));
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ResourceGroup, { tags: { ...STANDARD, environment: "dev" } });
  });

  test("applyTo returns the aspect it registered", () => {
    const stack = newStack();
    const aspect = StandardTagsAspect.applyTo(stack, TAGS);
    expect(aspect).toBeInstanceOf(StandardTagsAspect);
    expect(Aspects.of(stack).all).toContain(aspect);
  });

  test("fails when the tags are invalid, before anything is added", () => {
    const stack = newStack();
    expectValidationError(
      () => StandardTagsAspect.applyTo(stack, { ...TAGS, costCenter: "" }),
      'tags.cost-center: is not a valid tag value (got ""); use 1-256 characters',
    );
    expect(Aspects.of(stack).all).toHaveLength(0);
  });
});

describe("standardTagMap", () => {
  test("maps the standard tags to their keys, defaulting managed-by to cdktf", () => {
    expect(standardTagMap(TAGS)).toEqual(STANDARD);
    expect(Object.values(TAG_KEYS)).toEqual(["environment", "owner-team", "cost-center", "managed-by"]);
  });

  test("merges extra tags after the standard ones, so an extra tag can override one", () => {
    expect(standardTagMap({ ...TAGS, extra: { app: "shop", environment: "production" } })).toEqual({ ...STANDARD, app: "shop", environment: "production" });
  });

  test("accepts 50 tags and values of 256 characters", () => {
    const extra = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`extra-${i}`, "v".repeat(256)]));
    expect(Object.keys(standardTagMap({ ...TAGS, extra }))).toHaveLength(50);
  });

  test("accepts a tag name of 512 characters with spaces and punctuation", () => {
    const name = `Cost Center: ${"n".repeat(499)}`;
    expect(name).toHaveLength(512);
    expect(standardTagMap({ ...TAGS, extra: { [name]: "x" } })[name]).toBe("x");
  });

  test("fails when a standard tag is empty", () => {
    const error = expectValidationError(() => standardTagMap({ ...TAGS, environment: "" }), 'tags.environment: is not a valid tag value (got ""); use 1-256 characters');
    expect(error.path).toBe("tags.environment");
  });

  test("fails when a tag value is longer than 256 characters, under the given path", () => {
    const value = "v".repeat(257);
    expectValidationError(
      () => standardTagMap({ ...TAGS, extra: { note: value } }, "environments.prod.tags"),
      /^environments\.prod\.tags\.note: is not a valid tag value \(got "v{196}\.\.\.\); use 1-256 characters$/,
    );
  });

  test("fails when a tag value is not a string", () => {
    expectValidationError(
      () => standardTagMap({ ...TAGS, extra: { replicas: 3 as unknown as string } }),
      "tags.replicas: is not a valid tag value (got 3); use 1-256 characters",
    );
  });

  test.each(["a/b", "a<b", "a>b", "100%", "a&b", "a\\b", "why?"])("fails when a tag name contains a forbidden character: %j", (name) => {
    expectValidationError(
      () => standardTagMap({ ...TAGS, extra: { [name]: "x" } }),
      `tags.${name}: has an invalid format (got ${JSON.stringify(name)}); tag names are 1-512 characters without < > % & \\ ? /`,
    );
  });

  test("fails when a tag name is empty", () => {
    expectValidationError(
      () => standardTagMap({ ...TAGS, extra: { "": "x" } }),
      'tags.: has an invalid format (got ""); tag names are 1-512 characters without < > % & \\ ? /',
    );
  });

  test("fails when a tag name is longer than 512 characters", () => {
    const name = "n".repeat(513);
    expectValidationError(
      () => standardTagMap({ ...TAGS, extra: { [name]: "x" } }),
      new RegExp(`^tags\\.n{513}: has an invalid format \\(got "n{196}\\.\\.\\.\\); tag names are 1-512 characters`),
    );
  });

  test("fails when there are more than 50 tags", () => {
    const extra = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`extra-${i}`, "v"]));
    const error = expectValidationError(() => standardTagMap({ ...TAGS, extra }), "tags: has too many tags (got 51); Azure allows 50 tags a resource");
    expect(error.path).toBe("tags");
  });

  test("fails when the aspect is built with too many tags, reporting the same error", () => {
    const extra = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, "v"]));
    expectValidationError(() => new StandardTagsAspect({ ...TAGS, extra }), "tags: has too many tags (got 64); Azure allows 50 tags a resource");
  });
});
