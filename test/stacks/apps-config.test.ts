import { Testing } from "cdktf";
import { ValidationError } from "../../lib/core/errors";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { buildEnvironment } from "../../stacks/environment";
import { prod } from "../../stacks/environments/prod";

type Team = NonNullable<EnvironmentConfig["teams"]>[number];
type Service = NonNullable<Team["services"]>[string];

/** prod with one service of the commerce team changed (or added). */
function withService(name: string, service: Partial<Service>): EnvironmentConfig {
  const teams = prod.teams!.map((team) =>
    team.name === "commerce" ? { ...team, services: { ...team.services, [name]: { ...(team.services?.[name] ?? { image: "crshop.azurecr.io/x:1.0.0", paths: [`/${name}`] }), ...service } as Service } } : team,
  );
  return { ...prod, teams };
}

function expectBuildError(config: EnvironmentConfig, message: string | RegExp): void {
  let caught: unknown;
  try {
    buildEnvironment(Testing.app(), config);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as Error).message).toMatch(message);
}

describe("apps config of an environment", () => {
  it("fails when two services claim the same path on the host", () => {
    expectBuildError(withService("search", { paths: ["/catalog"] }), 'environments.prod.teams[1].services.search.paths[0]: is already routed to catalog (got "/catalog"); route each path prefix to one service');
  });

  it("fails when a hostname is not a DNS name", () => {
    expectBuildError({ ...prod, gateway: { ...prod.gateway!, hostnames: ["shop_example.com"] } }, /^environments\.prod\.regions\[0\]\(westeurope\)\.gateway\.hostnames\[0\]: .*\(got "shop_example\.com"\)/);
  });

  it("fails when the autoscaler's minimum exceeds its maximum", () => {
    expectBuildError(withService("catalog", { replicas: { min: 5, max: 4 } }), /^environments\.prod\.teams\[1\]\.services\.catalog\.microservice\.catalog\.autoscaling\.minReplicas: .*\(got 5\)/);
  });

  it("fails when a production service with a disruption budget runs fewer than two replicas", () => {
    expectBuildError(withService("catalog", { replicas: { min: 1, max: 4 } }), /^environments\.prod\.teams\[1\]\.services\.catalog\.microservice\.catalog\..*\(got 1\)/);
  });

  it("fails when the load-balancing algorithm is unknown", () => {
    expectBuildError(withService("catalog", { loadBalancing: "weighted-random" as never }), /^environments\.prod\.teams\[1\]\.services\.catalog\.loadBalancing: is invalid \(got "weighted-random"\); Invalid option: expected one of "round-robin"\|"least-connections"\|"ip-hash"$/);
  });

  it("fails when the container port is out of range", () => {
    expectBuildError(withService("catalog", { port: 70000 }), /^environments\.prod\.teams\[1\]\.services\.catalog\.microservice\.catalog\.port: is out of range \(got 70000\); use 1 to 65535$/);
  });

  it("fails when an image has neither tag nor digest", () => {
    expectBuildError(withService("catalog", { image: "crshop.azurecr.io/commerce/catalog" }), /^environments\.prod\.teams\[1\]\.services\.catalog\.microservice\.catalog\.image: .*\(got "crshop\.azurecr\.io\/commerce\/catalog"\)/);
  });

  it("fails when production runs a :latest image", () => {
    expectBuildError(withService("catalog", { image: "crshop.azurecr.io/commerce/catalog:latest" }), /^environments\.prod\.teams\[1\]\.services\.catalog\.microservice\.catalog\.image: .*latest/);
  });

  it("fails when a service calls a service that does not exist", () => {
    expectBuildError(withService("order", { calls: ["shipping"] }), 'environments.prod.teams[1].services.order.calls[0]: names a service that does not exist (got "shipping"); use one of catalog, order, payment, inventory, user, notification');
  });

  it("fails when a service scales on a queue that does not exist", () => {
    expectBuildError(withService("inventory", { queueScaling: { queue: "stock" } }), /^environments\.prod\.teams\[1\]\.services\.inventory\.queueScaling\.queue: names a queue that does not exist \(got "stock"\)/);
  });

  it("fails when a service requires a JWT but the gateway has no issuer", () => {
    expectBuildError({ ...prod, gateway: { ...prod.gateway!, jwt: undefined } }, 'environments.prod.teams[1].services.order.requireJwt: needs a JWT issuer (got true); configure apps.gateway.jwt (issuer, audiences, jwksUri)');
  });

  it("fails when teams run services but no gateway is configured", () => {
    expectBuildError({ ...prod, gateway: undefined }, /^environments\.prod\.gateway: is missing while teams run services/);
  });

  it("builds no addons or apps stacks for an environment without a gateway or services", () => {
    const stacks = buildEnvironment(Testing.app(), { ...prod, gateway: undefined, teams: [{ name: "platform" }] });
    expect(stacks.addons).toHaveLength(0);
    expect(stacks.apps).toHaveLength(0);
  });
});
