import {
  carriesVersions,
  CanaryStrategy,
  DeploymentStrategy,
  nextCanaryWeight,
  otherSlot,
  resolveDeploymentStrategy,
  strategyImages,
  surgePods,
} from "../../lib/workloads/deployment-strategy";
import { expectValidationError } from "../support/expect-validation-error";

const IMAGE = "myacr.azurecr.io/orders:1.4.2";
const NEXT = "myacr.azurecr.io/orders:1.5.0";
const resolve = (strategy: DeploymentStrategy | undefined, image: string | undefined = undefined, production = true) => resolveDeploymentStrategy("s", strategy, image, "image", production);
const fails = (strategy: unknown, message: string | RegExp, image?: string) => expectValidationError(() => resolve(strategy as DeploymentStrategy, image), message);
const canary = (extra: Partial<CanaryStrategy> = {}): CanaryStrategy => ({ type: "canary", stable: IMAGE, canary: NEXT, canaryWeight: 10, ...extra });

describe("deployment strategies", () => {
  describe("rolling", () => {
    it("is the default: one Deployment, 25% surge and nothing unavailable", () => {
      expect(resolve(undefined, IMAGE)).toEqual({ type: "rolling", tracks: [{ name: "primary", image: IMAGE, role: "live" }], update: { type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "0" } });
    });

    it("takes counts and percentages, minReadySeconds and progressDeadlineSeconds", () => {
      expect(resolve({ type: "rolling", maxSurge: 2, maxUnavailable: "10%", minReadySeconds: 10, progressDeadlineSeconds: 300 }, IMAGE)).toMatchObject({
        update: { type: "RollingUpdate", maxSurge: "2", maxUnavailable: "10%" },
        minReadySeconds: 10,
        progressDeadlineSeconds: 300,
      });
    });

    it("fails when both maxSurge and maxUnavailable are 0", () => {
      fails({ type: "rolling", maxSurge: 0 }, 's: sets both maxSurge and maxUnavailable to 0, so a rollout could never replace a pod (got {"maxSurge":0,"maxUnavailable":0}); allow a surge (e.g. maxSurge "25%") or some unavailability (e.g. maxUnavailable 1)', IMAGE);
    });

    it('fails when both are "0%"', () => {
      fails({ type: "rolling", maxSurge: "0%", maxUnavailable: "0%" }, /^s: sets both maxSurge and maxUnavailable to 0/, IMAGE);
    });

    it("fails when maxSurge is neither a count nor a percentage", () => {
      fails({ type: "rolling", maxSurge: "25 percent" }, 's.maxSurge: has an invalid format (got "25 percent"); use a count such as 1 or a percentage such as "25%"', IMAGE);
    });

    it("fails when maxUnavailable is a negative count", () => {
      fails({ type: "rolling", maxUnavailable: -1 }, "s.maxUnavailable: is out of range (got -1); use 0 to 1000", IMAGE);
    });

    it("fails when the progress deadline does not exceed minReadySeconds", () => {
      fails({ type: "rolling", minReadySeconds: 60, progressDeadlineSeconds: 60 }, "s.progressDeadlineSeconds: must exceed minReadySeconds (60) (got 60); give a rollout more time than one pod needs to count as available", IMAGE);
    });

    it("fails when the image is missing", () => {
      fails({ type: "rolling" }, "image: is missing (got undefined); give the container image, or a blue-green, canary or shadow strategy that carries the versions");
    });
  });

  describe("recreate", () => {
    it("is one Deployment with the Recreate update", () => {
      expect(resolve({ type: "recreate" }, IMAGE)).toEqual({ type: "recreate", tracks: [{ name: "primary", image: IMAGE, role: "live" }], update: { type: "Recreate" } });
    });

    it("fails when given a rolling field", () => {
      fails({ type: "recreate", maxSurge: 1 }, 's.maxSurge: belongs to the rolling strategy, but the service\'s strategy is recreate: a service runs one strategy (got 1); drop maxSurge, or switch the whole strategy to type "rolling"', IMAGE);
    });
  });

  describe("blue-green", () => {
    const blueGreen = { type: "blue-green" as const, slots: { blue: IMAGE, green: NEXT }, activeSlot: "blue" as const };

    it("runs both slots, the active one live, and previews the idle one by header x-preview: true", () => {
      expect(resolve(blueGreen)).toEqual({
        type: "blue-green",
        tracks: [
          { name: "blue", image: IMAGE, label: { key: "slot", value: "blue" }, role: "live" },
          { name: "green", image: NEXT, label: { key: "slot", value: "green" }, role: "idle" },
        ],
        update: { type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "0" },
        blueGreen: { activeSlot: "blue", idleSlot: "green", preview: { header: "x-preview", value: "true" }, scaleDownIdle: false },
      });
    });

    it("puts the active slot first after a flip", () => {
      expect(resolve({ ...blueGreen, activeSlot: "green" }).tracks.map((t) => [t.name, t.role])).toEqual([
        ["green", "live"],
        ["blue", "idle"],
      ]);
    });

    it("previews on a hostname of its own", () => {
      expect(resolve({ ...blueGreen, preview: { hostname: "preview.shop.example.com" } }).blueGreen!.preview).toEqual({ hostname: "preview.shop.example.com" });
    });

    it("fails when the active slot does not exist", () => {
      fails({ ...blueGreen, activeSlot: "purple" }, 's.activeSlot: names a slot that does not exist (got "purple"); use "blue" or "green"');
    });

    it("fails when a third slot is given", () => {
      fails({ ...blueGreen, slots: { ...blueGreen.slots, red: IMAGE } }, 's.slots.red: is not a slot (got "red"); use the slots "blue" and "green"');
    });

    it("fails when a slot has no image", () => {
      fails({ ...blueGreen, slots: { blue: IMAGE } }, "s.slots.green: is missing (got undefined); give the green slot's image");
    });

    it("fails when a slot runs :latest in production", () => {
      fails({ ...blueGreen, slots: { blue: IMAGE, green: "myacr.azurecr.io/orders:latest" } }, /^s\.slots\.green: uses the moving "latest" tag in production/);
    });

    it("fails when the preview is a wildcard hostname", () => {
      fails({ ...blueGreen, preview: { hostname: "*.shop.example.com" } }, 's.preview.hostname: is a wildcard (got "*.shop.example.com"); give the preview its own hostname, e.g. preview.shop.example.com');
    });

    it("fails when the preview sets both a header and a hostname", () => {
      fails({ ...blueGreen, preview: { header: "x-preview", hostname: "preview.shop.example.com" } }, /^s\.preview: must set exactly one of header, cookie and hostname/);
    });

    it("fails when the image is also given (two strategies on one service)", () => {
      fails(blueGreen, 'image: is set together with the blue-green strategy, which carries the service\'s versions (slots.blue, slots.green): a service runs one strategy (got "myacr.azurecr.io/orders:1.4.2"); drop image and keep the versions in the strategy, or use a rolling or recreate strategy with image', IMAGE);
    });
  });

  describe("canary", () => {
    it("runs stable live and the canary on its weight, with the default plan", () => {
      expect(resolve(canary())).toEqual({
        type: "canary",
        tracks: [
          { name: "stable", image: IMAGE, label: { key: "track", value: "stable" }, role: "live" },
          { name: "canary", image: NEXT, label: { key: "track", value: "canary" }, role: "canary" },
        ],
        update: { type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "0" },
        canary: { weight: 10, steps: [10, 25, 50, 100] },
      });
    });

    it.each([0, 100])("accepts weight %i (rollback and promotion)", (weight) => {
      expect(resolve(canary({ canaryWeight: weight })).canary!.weight).toBe(weight);
    });

    it("sends testers with a cookie", () => {
      expect(resolve(canary({ testers: { cookie: "canary" } })).canary!.testers).toEqual({ cookie: "canary", value: "true" });
    });

    it("takes its own plan", () => {
      expect(resolve(canary({ steps: [5, 100], canaryWeight: 5 })).canary!.steps).toEqual([5, 100]);
    });

    it.each([-1, 101])("fails when the weight is %i (outside 0–100)", (weight) => {
      fails(canary({ canaryWeight: weight }), `s.canaryWeight: is out of range (got ${weight}); use 0 to 100`);
    });

    it("fails when the weight is not a step of the plan", () => {
      fails(canary({ canaryWeight: 30 }), "s.canaryWeight: is not a step of the rollout plan (got 30); use 0 (rollback) or one of the steps 10, 25, 50, 100");
    });

    it("fails when the plan does not end at 100", () => {
      fails(canary({ steps: [10, 50] }), "s.steps: does not end at 100, so the plan never promotes the canary (got [10,50]); end the plan with 100");
    });

    it("fails when the plan does not increase", () => {
      fails(canary({ steps: [25, 10, 100] }), "s.steps[1]: does not exceed the step before it (25) (got 10); list increasing weights");
    });

    it("fails without a stable version", () => {
      fails({ type: "canary", canary: NEXT, canaryWeight: 10 }, "s.stable: is missing (got undefined); give the stable version's image: the canary is measured against it and rollback returns to it");
    });

    it("fails when testers are matched by hostname", () => {
      fails(canary({ testers: { hostname: "canary.shop.example.com" } }), /^s\.testers\.hostname: cannot select testers: the route's hostnames serve every user/);
    });

    it("fails when a cookie value has a semicolon", () => {
      fails(canary({ testers: { cookie: "canary", value: "a;b" } }), /^s\.testers\.value: has an invalid format \(got "a;b"\)/);
    });

    it("fails when it carries blue-green slots too (two strategies on one service)", () => {
      fails({ ...canary(), slots: { blue: IMAGE, green: NEXT } }, /^s\.slots: belongs to the blue-green strategy, but the service's strategy is canary: a service runs one strategy/);
    });
  });

  describe("shadow", () => {
    const shadow = { type: "shadow" as const, stable: IMAGE, shadow: NEXT, mirrorPercent: 20 };

    it("mirrors safe methods only by default", () => {
      expect(resolve(shadow)).toMatchObject({
        tracks: [
          { name: "stable", image: IMAGE, label: { key: "track", value: "stable" }, role: "live" },
          { name: "shadow", image: NEXT, label: { key: "track", value: "shadow" }, role: "shadow" },
        ],
        shadow: { mirrorPercent: 20, methods: ["GET", "HEAD", "OPTIONS"] },
      });
    });

    it.each([-5, 101])("fails when the mirror percentage is %i", (percent) => {
      fails({ ...shadow, mirrorPercent: percent }, `s.mirrorPercent: is out of range (got ${percent}); use 0 to 100`);
    });

    it("fails without a stable version", () => {
      fails({ type: "shadow", shadow: NEXT, mirrorPercent: 20 }, "s.stable: is missing (got undefined); give the image users get; the shadow only receives copies of their requests");
    });

    it("fails when a method is not an HTTP method", () => {
      fails({ ...shadow, methods: ["GET", "FETCH"] }, 's.methods[1]: is not an allowed value (got "FETCH"); use one of "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"');
    });

    it("fails when a method repeats", () => {
      fails({ ...shadow, methods: ["GET", "GET"] }, /^s\.methods\[1\]: repeats the entry at index 0/);
    });
  });

  describe("big bang", () => {
    it("runs the repository at the release, Recreate", () => {
      expect(resolve({ type: "big-bang", release: "2026.03.1" }, "myacr.azurecr.io/orders")).toEqual({
        type: "big-bang",
        tracks: [{ name: "primary", image: "myacr.azurecr.io/orders:2026.03.1", role: "live" }],
        update: { type: "Recreate" },
        release: "2026.03.1",
      });
    });

    it("keeps a registry port", () => {
      expect(resolve({ type: "big-bang", release: "r1" }, "registry.local:5000/orders").tracks[0].image).toBe("registry.local:5000/orders:r1");
    });

    it("fails when the image already carries a tag", () => {
      fails({ type: "big-bang", release: "2026.03.1" }, 'image: carries a tag or digest, but the big-bang release sets every service\'s tag (got "myacr.azurecr.io/orders:1.4.2"); give the repository only, e.g. "myacr.azurecr.io/orders"', IMAGE);
    });

    it("fails when the release is latest in production", () => {
      fails({ type: "big-bang", release: "latest" }, /^s\.release: is the moving "latest" tag in production/, "myacr.azurecr.io/orders");
    });

    it("fails when the release is not a tag", () => {
      fails({ type: "big-bang", release: "2026/03" }, /^s\.release: has an invalid format \(got "2026\/03"\)/, "myacr.azurecr.io/orders");
    });
  });

  it("fails when the type is unknown", () => {
    fails({ type: "linear" }, 's.type: is not an allowed value (got "linear"); use one of "rolling", "recreate", "blue-green", "canary", "shadow", "big-bang"', IMAGE);
  });

  it("fails when a field belongs to no strategy", () => {
    fails({ type: "rolling", surge: 1 }, 's.surge: is not a field of the rolling strategy (got "surge"); use type, maxSurge, maxUnavailable, minReadySeconds, progressDeadlineSeconds', IMAGE);
  });

  describe("helpers", () => {
    it("knows which strategies carry the versions", () => {
      expect([undefined, { type: "rolling" }, { type: "canary" }, { type: "shadow" }, { type: "blue-green" }, { type: "big-bang" }].map((s) => carriesVersions(s as DeploymentStrategy))).toEqual([false, false, true, true, true, false]);
    });

    it("lists a strategy's images by field", () => {
      expect(strategyImages(canary())).toEqual({ stable: IMAGE, canary: NEXT });
    });

    it("walks the canary plan up to promotion", () => {
      expect([0, 10, 25, 50, 100].map((w) => nextCanaryWeight(canary({ canaryWeight: w })))).toEqual([10, 25, 50, 100, 100]);
    });

    it("flips slots", () => {
      expect([otherSlot("blue"), otherSlot("green")]).toEqual(["green", "blue"]);
    });

    it("counts the surge of a rollout", () => {
      expect([
        surgePods({ type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "0" }, 10),
        surgePods({ type: "RollingUpdate", maxSurge: "2", maxUnavailable: "0" }, 10),
        surgePods({ type: "Recreate" }, 10),
      ]).toEqual([3, 2, 0]);
    });
  });
});
