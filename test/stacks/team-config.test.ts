import { Testing } from "cdktf";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { parseEnvironmentConfig } from "../../stacks/config/environment-config";
import { resolveEnvironment } from "../../stacks/config/resolve";
import { buildEnvironment } from "../../stacks/environment";
import { expectValidationError } from "../support/expect-validation-error";

const ADMINS = "11111111-1111-1111-1111-111111111111";
const DEVELOPERS = "22222222-2222-2222-2222-222222222222";
const READERS = "33333333-3333-3333-3333-333333333333";

/** Two regions, no services (so no gateway is needed): only the platform stacks are built. */
const base: EnvironmentConfig = {
  name: "teams",
  workload: "shop",
  preset: "dev",
  ownerTeam: "platform",
  costCenter: "cc-1000",
  regions: [
    { name: "westeurope", addressSpace: "10.0.0.0/16" },
    { name: "northeurope", addressSpace: "10.1.0.0/16" },
  ],
  failoverMode: "active-passive",
  // The dev preset's Burstable server cannot have the secondary region's read replica.
  data: { postgres: { enabled: false } },
};

type RoleAssignmentBody = { scope: string; role_definition_name: string; principal_id: string; principal_type: string };

function teamRoleAssignments(config: EnvironmentConfig, stackIndex = 0): Array<[string, RoleAssignmentBody]> {
  const app = Testing.app();
  const { platform } = buildEnvironment(app, config);
  const parsed = JSON.parse(Testing.synth(platform[stackIndex], true)) as { resource: Record<string, Record<string, RoleAssignmentBody>> };
  return Object.entries(parsed.resource.azurerm_role_assignment).filter(([key]) => key.includes("_RbacTeam-"));
}

describe("team config", () => {
  it("defaults a team's namespaces to its name, its groups to none and its tags to the team and its cost center", () => {
    const env = resolveEnvironment({ ...base, teams: [{ name: "payments", costCenter: "cc-2000" }, { name: "search" }] });
    expect(env.teams[0]).toMatchObject({
      namespaces: ["payments"],
      existingNamespace: false,
      entraGroups: { admins: [], developers: [], readers: [] },
      tags: { environment: "teams", ownerTeam: "payments", costCenter: "cc-2000" },
    });
    expect(env.teams[1].tags).toEqual({ environment: "teams", ownerTeam: "search", costCenter: "cc-1000" });
  });

  it("keeps the namespaces a team lists, its services' namespace first, and adopts existing ones when asked", () => {
    const env = resolveEnvironment({ ...base, teams: [{ name: "payments", namespaces: ["payments-api", "payments-jobs"], existingNamespace: true }] });
    expect(env.teams[0]).toMatchObject({ namespaces: ["payments-api", "payments-jobs"], existingNamespace: true });
  });

  it("accepts quotas and container limits in the TeamNamespace construct's terms", () => {
    const config = { ...base, teams: [{ name: "payments", quota: { requestsCpu: "8", pods: 50 }, containerLimits: { maxMemory: "4Gi" } }] };
    expect(parseEnvironmentConfig(config)).toEqual(config);
  });

  it("fails when a namespace is claimed by two teams", () => {
    expectValidationError(
      () => parseEnvironmentConfig({ ...base, teams: [{ name: "payments" }, { name: "checkout", namespaces: ["checkout", "payments"] }] }),
      'environment.teams[1].namespaces[1]: is a namespace already claimed by team payments (teams[0]) (got "payments"); give every namespace one owning team: rename one, or list it under one team\'s namespaces',
    );
  });

  it("fails when a team's default namespace is one another team lists", () => {
    expectValidationError(
      () => parseEnvironmentConfig({ ...base, teams: [{ name: "checkout", namespaces: ["payments"] }, { name: "payments" }] }),
      /^environment\.teams\[1\]\.name: is a namespace already claimed by team checkout \(teams\[0\]\) \(the team's default namespace\) \(got "payments"\)/,
    );
  });

  it("fails when a team lists a namespace twice", () => {
    expectValidationError(
      () => parseEnvironmentConfig({ ...base, teams: [{ name: "payments", namespaces: ["payments", "payments"] }] }),
      /^environment\.teams\[0\]\.namespaces\[1\]: is a namespace already claimed by this team already \(got "payments"\)/,
    );
  });

  it("fails when a team claims a reserved namespace", () => {
    expectValidationError(() => parseEnvironmentConfig({ ...base, teams: [{ name: "ops", namespaces: ["kube-system"] }] }), /^environment\.teams\[0\]\.namespaces\[0\]: is a namespace reserved for Kubernetes or the platform \(got "kube-system"\)/);
    expectValidationError(() => parseEnvironmentConfig({ ...base, teams: [{ name: "cert-manager" }] }), /^environment\.teams\[0\]\.name: is a namespace reserved for Kubernetes or the platform \(the team's default namespace\) \(got "cert-manager"\)/);
  });

  it("fails when a namespace is not a DNS label", () => {
    expectValidationError(() => parseEnvironmentConfig({ ...base, teams: [{ name: "ops", namespaces: ["Ops_Team"] }] }), /^environment\.teams\[0\]\.namespaces\[0\]: is invalid \(got "Ops_Team"\); use 1-63 lowercase letters/);
  });

  it("fails when a team lists no namespaces", () => {
    expectValidationError(() => parseEnvironmentConfig({ ...base, teams: [{ name: "ops", namespaces: [] }] }), /^environment\.teams\[0\]\.namespaces: is invalid \(got \[\]\); name at least one namespace/);
  });

  it("fails when an Entra ID group is not a GUID", () => {
    expectValidationError(() => parseEnvironmentConfig({ ...base, teams: [{ name: "ops", entraGroups: { admins: ["sre-admins"] } }] }), 'environment.teams[0].entraGroups.admins[0]: is invalid (got "sre-admins"); use an Entra ID group object ID (a GUID)');
  });

  it("fails when a group is listed twice for one role", () => {
    expectValidationError(
      () => parseEnvironmentConfig({ ...base, teams: [{ name: "ops", entraGroups: { readers: [READERS, READERS.toUpperCase()] } }] }),
      /^environment\.teams\[0\]\.entraGroups\.readers\[1\]: repeats entraGroups\.readers\[0\]/,
    );
  });

  it("fails when a team field is misspelt", () => {
    expectValidationError(() => parseEnvironmentConfig({ ...base, teams: [{ name: "ops", entraGroup: {} }] }), /^environment\.teams\[0\]\.entraGroup: is not a known field/);
  });
});

describe("team RBAC in the platform stacks", () => {
  const config: EnvironmentConfig = {
    ...base,
    teams: [
      { name: "platform" },
      { name: "payments", namespaces: ["payments", "payments-jobs"], entraGroups: { admins: [ADMINS], developers: [DEVELOPERS], readers: [READERS] } },
    ],
  };
  const west = teamRoleAssignments(config, 0);

  it("grants each group its role on each of the team's namespaces, scoped to the namespace", () => {
    const grants = west.map(([, body]) => ({ role: body.role_definition_name, principal: body.principal_id, type: body.principal_type, namespace: body.scope.replace(/^.*\/namespaces\//, "") }));
    // Synthesized resources are sorted by key; compare as sets.
    expect(grants).toHaveLength(6);
    expect(grants).toEqual(expect.arrayContaining([
      { role: "Azure Kubernetes Service RBAC Admin", principal: ADMINS, type: "Group", namespace: "payments" },
      { role: "Azure Kubernetes Service RBAC Writer", principal: DEVELOPERS, type: "Group", namespace: "payments" },
      { role: "Azure Kubernetes Service RBAC Reader", principal: READERS, type: "Group", namespace: "payments" },
      { role: "Azure Kubernetes Service RBAC Admin", principal: ADMINS, type: "Group", namespace: "payments-jobs" },
      { role: "Azure Kubernetes Service RBAC Writer", principal: DEVELOPERS, type: "Group", namespace: "payments-jobs" },
      { role: "Azure Kubernetes Service RBAC Reader", principal: READERS, type: "Group", namespace: "payments-jobs" },
    ]));
    for (const [, body] of west) expect(body.scope).toMatch(/^\$\{azurerm_kubernetes_cluster\.[A-Za-z0-9_-]+\.id\}\/namespaces\/payments(-jobs)?$/);
  });

  it("grants the same in every region's cluster", () => {
    const north = teamRoleAssignments(config, 1);
    expect(north.map(([, b]) => [b.role_definition_name, b.principal_id, b.scope.replace(/^.*\/namespaces\//, "")])).toEqual(west.map(([, b]) => [b.role_definition_name, b.principal_id, b.scope.replace(/^.*\/namespaces\//, "")]));
  });

  it("names each assignment after team, namespace, role and group, so reordering the lists replaces nothing", () => {
    const reordered: EnvironmentConfig = {
      ...config,
      teams: [config.teams![1], config.teams![0]].map((t) => (t.entraGroups ? { ...t, entraGroups: { readers: [READERS], developers: [DEVELOPERS], admins: [ADMINS] } } : t)),
    };
    const keys = west.map(([key]) => key).sort();
    expect(teamRoleAssignments(reordered, 0).map(([key]) => key).sort()).toEqual(keys);
    expect(keys).toContainEqual(expect.stringMatching(`_RbacTeam-payments-payments-jobs-reader-${READERS}_`));
  });

  it("creates no assignments for teams without groups", () => {
    expect(teamRoleAssignments({ ...base, teams: [{ name: "platform" }, { name: "payments" }] }, 0)).toEqual([]);
  });
});
