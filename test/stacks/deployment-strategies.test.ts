import { Testing } from "cdktf";
import type { StrategyConfig } from "../../stacks/config/apps-config";
import type { EnvironmentConfig } from "../../stacks/config/environment-config";
import { buildEnvironment } from "../../stacks/environment";
import { dev } from "../../stacks/environments/dev";
import { prod } from "../../stacks/environments/prod";
import { changedFields, synthDiff } from "../support/synth-diff";

/**
 * The one-line switches of docs/deployment-strategies.md, applied to the default environments: each test changes one
 * field of the config and asserts exactly what changes in the synthesized apps stack, and that nothing else does.
 */

type Service = NonNullable<NonNullable<EnvironmentConfig["teams"]>[number]["services"]>[string];

/** The synthesized apps stack of the environment's first region. */
function apps(config: EnvironmentConfig): string {
  const stacks = buildEnvironment(Testing.app(), config);
  return Testing.synth(stacks.apps[0], true);
}

/** The config with one service changed. */
function withService(config: EnvironmentConfig, name: string, change: (service: Service) => Service): EnvironmentConfig {
  return { ...config, teams: config.teams!.map((team) => (team.services?.[name] ? { ...team, services: { ...team.services, [name]: change(team.services[name]) } } : team)) };
}

/** The config with one service's strategy changed. */
function withStrategy<T extends StrategyConfig>(config: EnvironmentConfig, name: string, change: (strategy: T) => T): EnvironmentConfig {
  return withService(config, name, (service) => ({ ...service, strategy: change(service.strategy as T) }));
}

type BlueGreen = Extract<StrategyConfig, { type: "blue-green" }>;
type Canary = Extract<StrategyConfig, { type: "canary" }>;
type Shadow = Extract<StrategyConfig, { type: "shadow" }>;

const prodApps = apps(prod);
const ORDER_WEIGHTS = /^~ kubernetes_manifest\.Route-order_[0-9A-F]{8} manifest\.spec\.rules\[1\]\.backendRefs\[(0|1)\]\.weight: /;

describe("deployment strategy switches on the default environments", () => {
  describe("blue-green (prod payment)", () => {
    const flipped = apps(withStrategy<BlueGreen>(prod, "payment", (s) => ({ ...s, activeSlot: "green" })));

    it("promotes by flipping activeSlot: the live and preview Services swap slots, nothing else changes", () => {
      expect(synthDiff(prodApps, flipped)).toEqual([
        expect.stringMatching(/^~ kubernetes_service_v1\.Service-payment_Service-preview_[0-9A-F]{8} spec\.selector\.slot: "green" -> "blue"$/),
        expect.stringMatching(/^~ kubernetes_service_v1\.Service-payment_Service_[0-9A-F]{8} spec\.selector\.slot: "blue" -> "green"$/),
      ]);
    });

    it("rolls back by flipping it back to exactly the configuration before", () => {
      expect(apps(withStrategy<BlueGreen>(withStrategy<BlueGreen>(prod, "payment", (s) => ({ ...s, activeSlot: "green" })), "payment", (s) => ({ ...s, activeSlot: "blue" })))).toBe(prodApps);
    });

    it("deploys the next version to the idle slot without touching the live one", () => {
      const next = apps(withStrategy<BlueGreen>(prod, "payment", (s) => ({ ...s, slots: { ...s.slots, green: "crshopplatform.azurecr.io/commerce/payment:1.14.0" } })));
      expect(changedFields(synthDiff(prodApps, next))).toEqual(["~ kubernetes_deployment_v1.Service-payment_Deployment-green spec.template.spec.container[0].image"]);
    });
  });

  describe("canary (prod order)", () => {
    const atWeight = (canaryWeight: number) => apps(withStrategy<Canary>(prod, "order", (s) => ({ ...s, canaryWeight })));

    it("rolls back with weight 0: the route sends all traffic to stable, and only the weights change", () => {
      const diff = synthDiff(prodApps, atWeight(0));
      expect(diff).toEqual([expect.stringMatching(ORDER_WEIGHTS), expect.stringMatching(ORDER_WEIGHTS)]);
      expect(diff.map((line) => line.replace(/^.*backendRefs/, "backendRefs"))).toEqual(["backendRefs[0].weight: 90 -> 100", "backendRefs[1].weight: 10 -> 0"]);
    });

    it("takes the next step of the plan (25%) by changing the weights only", () => {
      expect(synthDiff(prodApps, atWeight(25)).map((line) => line.replace(/^.*backendRefs/, "backendRefs"))).toEqual(["backendRefs[0].weight: 90 -> 75", "backendRefs[1].weight: 10 -> 25"]);
    });

    it("promotes with weight 100: all traffic on the canary, which is already scaled to the service's minimum", () => {
      expect(synthDiff(prodApps, atWeight(100)).map((line) => line.replace(/^~ ([a-z0-9_]+)\.(\S+?)_[0-9A-F]{8}/, "$1.$2"))).toEqual([
        "kubernetes_horizontal_pod_autoscaler_v2.Service-order_Autoscaler-canary spec.min_replicas: 2 -> 3",
        "kubernetes_manifest.Route-order manifest.spec.rules[1].backendRefs[0].weight: 90 -> 0",
        "kubernetes_manifest.Route-order manifest.spec.rules[1].backendRefs[1].weight: 10 -> 100",
      ]);
    });
  });

  describe("shadow (prod catalog)", () => {
    it("stops shadowing with mirrorPercent 0: the mirror filter copies nothing and the shadow shrinks to one pod", () => {
      const off = apps(withStrategy<Shadow>(prod, "catalog", (s) => ({ ...s, mirrorPercent: 0 })));
      expect(synthDiff(prodApps, off).map((line) => line.replace(/^~ ([a-z0-9_]+)\.(\S+?)_[0-9A-F]{8}/, "$1.$2"))).toEqual([
        "kubernetes_horizontal_pod_autoscaler_v2.Service-catalog_Autoscaler-shadow spec.max_replicas: 5 -> 1",
        "kubernetes_manifest.Route-catalog manifest.spec.rules[0].filters[0].requestMirror.percent: 50 -> 0",
      ]);
    });
  });

  describe("rolling (prod inventory)", () => {
    it("releases a new image by changing the Deployment's image only", () => {
      const next = apps(withService(prod, "inventory", (s) => ({ ...s, image: "crshopplatform.azurecr.io/commerce/inventory:1.6.0" })));
      expect(changedFields(synthDiff(prodApps, next))).toEqual(["~ kubernetes_deployment_v1.Service-inventory spec.template.spec.container[0].image"]);
    });
  });

  describe("big bang (dev)", () => {
    const devApps = apps(dev);
    const diff = synthDiff(devApps, apps({ ...dev, deployment: { strategy: "big-bang", release: "2026.04.0" } }));

    it("releases every service at once: each Deployment's image changes to the new release", () => {
      const images = diff.filter((line) => line.includes("container[0].image"));
      expect(images.map((line) => line.replace(/^~ kubernetes_deployment_v1\.Service-([a-z-]+)_.*-> "(.*)"$/, "$1 $2")).sort()).toEqual([
        "cache-invalidator crshopplatform.azurecr.io/commerce/cache-invalidator:2026.04.0",
        "catalog crshopplatform.azurecr.io/commerce/catalog:2026.04.0",
        "inventory crshopplatform.azurecr.io/commerce/inventory:2026.04.0",
        "inventory-sync crshopplatform.azurecr.io/commerce/inventory-sync:2026.04.0",
        "notification crshopplatform.azurecr.io/customer/notification:2026.04.0",
        "order crshopplatform.azurecr.io/commerce/order:2026.04.0",
        "payment crshopplatform.azurecr.io/commerce/payment:2026.04.0",
        "search-indexer crshopplatform.azurecr.io/commerce/search-indexer:2026.04.0",
        "user crshopplatform.azurecr.io/customer/user:2026.04.0",
      ]);
    });

    it("changes nothing but images and release labels: no route, Service or selector", () => {
      const fields = [...new Set(changedFields(diff).map((line) => line.replace(/^~ ([a-z0-9_]+)\.\S+ /, "$1 ")))].sort();
      expect(fields).toEqual([
        "kubernetes_deployment_v1 metadata.labels.app.kubernetes.io/version",
        "kubernetes_deployment_v1 spec.template.metadata.labels.app.kubernetes.io/version",
        "kubernetes_deployment_v1 spec.template.spec.container[0].image",
        "kubernetes_horizontal_pod_autoscaler_v2 metadata.labels.app.kubernetes.io/version",
        "kubernetes_pod_disruption_budget_v1 metadata.labels.app.kubernetes.io/version",
      ]);
    });

    it("rolls back by setting the previous release, back to exactly the configuration before", () => {
      expect(apps({ ...dev, deployment: { strategy: "big-bang", release: "2026.03.1" } })).toBe(devApps);
    });
  });
});
