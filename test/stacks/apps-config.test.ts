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

  // inventory rolls with its own image in prod (catalog, order and payment carry their versions in their strategies).
  it("fails when an image has neither tag nor digest", () => {
    expectBuildError(withService("inventory", { image: "crshop.azurecr.io/commerce/inventory" }), /^environments\.prod\.teams\[1\]\.services\.inventory\.microservice\.inventory\.image: .*\(got "crshop\.azurecr\.io\/commerce\/inventory"\)/);
  });

  it("fails when production runs a :latest image", () => {
    expectBuildError(withService("inventory", { image: "crshop.azurecr.io/commerce/inventory:latest" }), /^environments\.prod\.teams\[1\]\.services\.inventory\.microservice\.inventory\.image: .*latest/);
  });

  describe("deployment strategies", () => {
    const IMG = "crshop.azurecr.io/commerce/order";
    const canary = { type: "canary" as const, stable: `${IMG}:2.3.0`, canary: `${IMG}:2.4.0`, canaryWeight: 10 };
    /** prod released big bang: every service names its repository, none has a strategy. */
    const bigBang = (): EnvironmentConfig => ({
      ...prod,
      deployment: { strategy: "big-bang", release: "2026.03.1" },
      teams: prod.teams!.map((team) => ({ ...team, services: team.services && Object.fromEntries(Object.entries(team.services).map(([n, svc]) => [n, { ...svc, strategy: undefined, image: `crshop.azurecr.io/${n}` }])) })),
    });
    const withBigBangService = (name: string, service: Partial<Service>): EnvironmentConfig => {
      const config = bigBang();
      return { ...config, teams: config.teams!.map((team) => (team.services?.[name] ? { ...team, services: { ...team.services, [name]: { ...team.services[name], ...service } } } : team)) };
    };

    it("fails when a service gives an image and a strategy that carries versions (two strategies on one service)", () => {
      expectBuildError(
        withService("order", { image: `${IMG}:2.3.0` }),
        'environments.prod.teams[1].services.order.image: is set together with the canary strategy, which carries the service\'s versions (stable, canary): a service runs one strategy (got "crshop.azurecr.io/commerce/order:2.3.0"); drop image and keep the versions in the strategy, or use a rolling or recreate strategy with image',
      );
    });

    it("fails when a strategy carries another strategy's fields (two strategies on one service)", () => {
      expectBuildError(withService("order", { strategy: { ...canary, slots: { blue: `${IMG}:2.3.0`, green: `${IMG}:2.4.0` } } as never }), /^environments\.prod\.teams\[1\]\.services\.order\.strategy\.slots: is not a known field/);
    });

    it("fails when a service has its own strategy in a big-bang environment (two strategies on one service)", () => {
      expectBuildError(
        withBigBangService("order", { image: undefined, strategy: canary }),
        'environments.prod.teams[1].services.order.strategy: is set while the environment deploys big bang (environments.prod.deployment: every service switches to release "2026.03.1" at once): a service runs one strategy (got "canary"); drop the service\'s strategy, or the environment\'s big-bang deployment',
      );
    });

    it("fails when a service has neither an image nor versions in its strategy", () => {
      expectBuildError(withService("order", { strategy: { type: "recreate" } }), /^environments\.prod\.teams\[1\]\.services\.order\.image: is missing \(got undefined\)/);
    });

    it("fails when the active slot is unknown", () => {
      expectBuildError(
        withService("payment", { strategy: { type: "blue-green", slots: { blue: `${IMG}:1`, green: `${IMG}:2` }, activeSlot: "purple" } as never }),
        'environments.prod.teams[1].services.payment.strategy.activeSlot: is invalid (got "purple"); Invalid option: expected one of "blue"|"green"',
      );
    });

    it("fails when a canary has no stable version", () => {
      expectBuildError(withService("order", { strategy: { type: "canary", canary: `${IMG}:2.4.0`, canaryWeight: 10 } as never }), /^environments\.prod\.teams\[1\]\.services\.order\.strategy\.stable: is invalid \(got undefined\)/);
    });

    it("fails when the canary weight is outside 0–100", () => {
      expectBuildError(withService("order", { strategy: { ...canary, canaryWeight: 110 } }), "environments.prod.teams[1].services.order.microservice.order.strategy.canaryWeight: is out of range (got 110); use 0 to 100");
    });

    it("fails when the mirror percentage is outside 0–100", () => {
      expectBuildError(
        withService("catalog", { strategy: { type: "shadow", stable: `${IMG}:1`, shadow: `${IMG}:2`, mirrorPercent: 150 } }),
        "environments.prod.teams[1].services.catalog.microservice.catalog.strategy.mirrorPercent: is out of range (got 150); use 0 to 100",
      );
    });

    it("fails when rolling allows neither surge nor unavailability", () => {
      expectBuildError(withService("inventory", { strategy: { type: "rolling", maxSurge: 0, maxUnavailable: 0 } }), /^environments\.prod\.teams\[1\]\.services\.inventory\.microservice\.inventory\.strategy: sets both maxSurge and maxUnavailable to 0/);
    });

    it("fails when a big-bang service's image carries a tag", () => {
      expectBuildError(
        withBigBangService("inventory", { image: "crshop.azurecr.io/inventory:1.5.1" }),
        /^environments\.prod\.teams\[1\]\.services\.inventory\.microservice\.inventory\.image: carries a tag or digest, but the big-bang release sets every service's tag/,
      );
    });

    it("builds prod as one big bang when every service names its repository", () => {
      expect(() => buildEnvironment(Testing.app(), bigBang())).not.toThrow();
    });

    it("fails when a canary meets queue scaling", () => {
      expectBuildError(withService("order", { queueScaling: { queue: "orders" } }), /^environments\.prod\.teams\[1\]\.services\.order\.microservice\.order\.strategy\.type: splits or copies HTTP traffic/);
    });
  });

  it("fails when a service calls a service that does not exist", () => {
    expectBuildError(withService("order", { calls: ["shipping"] }), 'environments.prod.teams[1].services.order.calls[0]: names a service that does not exist (got "shipping"); use one of catalog, order, payment, inventory, search-indexer, cache-invalidator, inventory-sync, user, notification');
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

  describe("the gateway's DNS zone (DNS-01)", () => {
    const withGateway = (gateway: Partial<NonNullable<EnvironmentConfig["gateway"]>>): EnvironmentConfig => ({ ...prod, gateway: { ...prod.gateway!, ...gateway } });

    it("fails when a hostname is outside the zone", () => {
      expectBuildError(
        withGateway({ hostnames: ["shop.example.org"] }),
        'environments.prod.gateway.hostnames[0]: is outside the gateway\'s DNS zone "shop.example.com" (gateway.dnsZone.name), where cert-manager writes the DNS-01 challenge records (got "shop.example.org"); use shop.example.com or a name under it, or set gateway.dnsZone to the zone that holds this hostname',
      );
    });

    it("fails when a hostname only ends like the zone", () => {
      expectBuildError(withGateway({ hostnames: ["myshop.example.com"] }), /^environments\.prod\.gateway\.hostnames\[0\]: is outside the gateway's DNS zone "shop\.example\.com" .*\(got "myshop\.example\.com"\)/);
    });

    it("fails when a later hostname is outside the zone", () => {
      expectBuildError({ ...withGateway({ hostnames: ["shop.example.com", "*.shop.example.org"] }), edge: { type: "none" } }, /^environments\.prod\.gateway\.hostnames\[1\]: is outside the gateway's DNS zone "shop\.example\.com" .*\(got "\*\.shop\.example\.org"\)/);
    });

    it("accepts the zone's apex, names under it and a wildcard under it", () => {
      // Without an edge, which takes one hostname only.
      const stacks = buildEnvironment(Testing.app(), { ...withGateway({ hostnames: ["shop.example.com", "api.shop.example.com", "*.shop.example.com"] }), edge: { type: "none" } });
      expect(stacks.apps.map((a) => a.dnsAccess !== undefined)).toEqual([true, true]);
    });

    it("fails when the zone name is not a DNS name", () => {
      expectBuildError(withGateway({ dnsZone: { name: "Shop.Example.com", resourceGroupName: "rg-shop-dns" } }), /^environments\.prod\.gateway\.dnsZone\.name: is invalid \(got "Shop\.Example\.com"\); use the zone's DNS name/);
    });

    it("fails when the zone's resource group name is not one Azure allows", () => {
      expectBuildError(withGateway({ dnsZone: { name: "shop.example.com", resourceGroupName: "rg shop dns" } }), /^environments\.prod\.gateway\.dnsZone\.resourceGroupName: is not a valid resource_group name \(got "rg shop dns"\)/);
    });

    it("fails when the zone's subscription is not a GUID", () => {
      expectBuildError(withGateway({ dnsZone: { name: "shop.example.com", resourceGroupName: "rg-shop-dns", subscriptionId: "shop" } }), /^environments\.prod\.gateway\.dnsZone\.subscriptionId: is invalid \(got "shop"\); use the subscription ID \(a GUID\)$/);
    });

    it("reads a zone of another subscription through a provider for that subscription, and names that subscription in the issuer", () => {
      const subscriptionId = "11111111-2222-3333-4444-555555555555";
      const apps = buildEnvironment(Testing.app(), withGateway({ dnsZone: { name: "shop.example.com", resourceGroupName: "rg-shop-dns", subscriptionId } })).apps[0];
      const synthesized = JSON.parse(Testing.synth(apps, true));
      expect(synthesized.provider.azurerm).toContainEqual(expect.objectContaining({ alias: "dns_zone", subscription_id: subscriptionId }));
      expect(synthesized.data.azurerm_dns_zone.DnsZone.provider).toBe("azurerm.dns_zone");
      expect(synthesized.data.azurerm_client_config).toBeUndefined();
      const issuer = Object.values(synthesized.resource.kubernetes_manifest as Record<string, any>).find((r) => r.manifest.kind === "ClusterIssuer")!;
      expect(issuer.manifest.spec.acme.solvers[0].dns01.azureDNS.subscriptionID).toBe(subscriptionId);
    });

    it("fails when a service's workload identity would take cert-manager's identity name", () => {
      expectBuildError(withService("certmgr", {}), 'environments.prod.teams[1].services.certmgr: derives the workload identity name "uai-shop-certmgr-prod-weu" that cert-manager\'s DNS-01 identity uses (got "certmgr"); rename the service');
    });
  });

  it("builds no addons or apps stacks for an environment without a gateway or services", () => {
    const stacks = buildEnvironment(Testing.app(), { ...prod, gateway: undefined, teams: [{ name: "platform" }] });
    expect(stacks.addons).toHaveLength(0);
    expect(stacks.apps).toHaveLength(0);
  });
});
