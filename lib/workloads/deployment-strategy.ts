import { ValidationError } from "../core/errors";
import { isUnresolved, validateEnum, validatePattern, validateRange, validateUnique } from "../core/validate";
import { validateHostname } from "../traffic/private/hostname";
import { validateHeaderName } from "../traffic/private/k8s";
import { LABEL_VALUE, validateImage } from "./private/kubernetes";

/**
 * How a {@link Microservice} rolls out a new version, as one typed value per service. Each strategy's promote and
 * rollback is a one-field change of this value (see docs/deployment-strategies.md):
 *
 * | type | Kubernetes objects | promote | rollback |
 * |---|---|---|---|
 * | `rolling` | one Deployment, `RollingUpdate` | new image | previous image |
 * | `recreate` | one Deployment, `Recreate` (downtime by design) | new image | previous image |
 * | `blue-green` | Deployments `<name>-blue`/`-green`; live Service → active slot, preview Service → idle slot | flip `activeSlot` | flip it back |
 * | `canary` | Deployments `<name>-stable`/`-canary`; HTTPRoute weights | raise `canaryWeight` (100 = promote) | `canaryWeight: 0` |
 * | `shadow` | Deployments `<name>-stable`/`-shadow`; HTTPRoute `RequestMirror` | switch to rolling on the shadow's image | `mirrorPercent: 0` |
 * | `big-bang` | one Deployment, `Recreate`, tag = the environment's release | new `release` | previous `release` |
 */
export type DeploymentStrategy = RollingStrategy | RecreateStrategy | BlueGreenStrategy | CanaryStrategy | ShadowStrategy | BigBangStrategy;

/** The `type` of a {@link DeploymentStrategy}. */
export type DeploymentStrategyType = DeploymentStrategy["type"];

/** Every strategy type, in the order of the docs. */
export const DEPLOYMENT_STRATEGY_TYPES: readonly DeploymentStrategyType[] = ["rolling", "recreate", "blue-green", "canary", "shadow", "big-bang"];

/**
 * Replace pods a few at a time (Deployment `RollingUpdate`): no downtime, old and new versions serve side by side
 * during the rollout. The service's `image` is the version.
 */
export interface RollingStrategy {
  readonly type: "rolling";
  /**
   * Pods created above the desired count during a rollout: a count, or a percentage of the desired count (`"25%"`,
   * rounded up).
   * @default "25%"
   */
  readonly maxSurge?: number | string;
  /**
   * Pods that may be unavailable during a rollout: a count, or a percentage (`"25%"`, rounded down). `0` keeps full
   * capacity at the cost of needing surge room; must not be 0 when `maxSurge` is 0.
   * @default 0
   */
  readonly maxUnavailable?: number | string;
  /**
   * Seconds a new pod must stay ready before it counts as available (and the rollout moves on): catches versions that
   * crash shortly after their readiness probe passes.
   * @default - 0 (Kubernetes' default)
   */
  readonly minReadySeconds?: number;
  /**
   * Seconds a rollout may make no progress before Kubernetes marks it failed (`ProgressDeadlineExceeded`; Terraform's
   * wait for the rollout fails with it). Must exceed `minReadySeconds`.
   * @default - 600 (Kubernetes' default)
   */
  readonly progressDeadlineSeconds?: number;
}

/**
 * Stop every old pod, then start the new ones (Deployment `Recreate`): downtime on every rollout, but two versions
 * never run at once (schema changes that the old version cannot live with, singletons, licences per instance). The
 * service's `image` is the version.
 */
export interface RecreateStrategy {
  readonly type: "recreate";
  /**
   * Seconds a rollout may make no progress before Kubernetes marks it failed.
   * @default - 600 (Kubernetes' default)
   */
  readonly progressDeadlineSeconds?: number;
}

/** A blue-green slot. */
export type BlueGreenSlot = "blue" | "green";

/** The two slots of a blue-green service. */
export const BLUE_GREEN_SLOTS: readonly BlueGreenSlot[] = ["blue", "green"];

/**
 * How requests reach a version that users do not get by default (a blue-green preview, a canary's testers): a request
 * header (exact value), a cookie, or — for a blue-green preview — a hostname of its own.
 */
export type VersionMatch =
  | {
      /** Header name, e.g. `x-preview`. */
      readonly header: string;
      /**
       * Exact header value.
       * @default "true"
       */
      readonly value?: string;
    }
  | {
      /** Cookie name, e.g. `canary`. */
      readonly cookie: string;
      /**
       * Cookie value.
       * @default "true"
       */
      readonly value?: string;
    }
  | {
      /** A hostname of the gateway that serves only this version (its own HTTPRoute, same paths and policies). */
      readonly hostname: string;
    };

/**
 * Two complete Deployments, slots `blue` and `green`, each with its own version. The live Service (what users, through
 * the gateway, and other services call) selects the active slot; a preview Service selects the idle one, reachable
 * through the gateway with the preview match. Deploy a new version to the idle slot, test it on the preview, then flip
 * `activeSlot`: the Services' selectors change, nothing else. Rollback: flip it back (the old version is still running).
 */
export interface BlueGreenStrategy {
  readonly type: "blue-green";
  /** Image of each slot, pinned by tag or digest. */
  readonly slots: { readonly blue: string; readonly green: string };
  /** The slot users get. */
  readonly activeSlot: BlueGreenSlot;
  /**
   * How testers reach the idle slot through the gateway.
   * @default { header: "x-preview", value: "true" }
   */
  readonly preview?: VersionMatch;
  /**
   * Run the idle slot at a single pod (its autoscaler pinned to 1) to halve the cost between releases. A flip then
   * sends all traffic to one pod until the autoscaler catches up, so turn it off (idle slot back to full scale) before
   * flipping; see docs/deployment-strategies.md.
   * @default false
   */
  readonly scaleDownIdle?: boolean;
}

/** The default rollout plan of a canary: the weights to go through, in order; 100 promotes. */
export const DEFAULT_CANARY_STEPS: readonly number[] = [10, 25, 50, 100];

/**
 * A stable and a canary Deployment, each with its own version; the gateway's HTTPRoute splits the service's traffic
 * between them by weight (and may send testers, by header or cookie, to the canary). In-cluster callers keep the
 * stable version. Raise `canaryWeight` through the plan's `steps`; 100 promotes (all traffic on the canary), 0 rolls
 * back (all traffic on stable).
 */
export interface CanaryStrategy {
  readonly type: "canary";
  /** Image of the stable version, pinned by tag or digest. */
  readonly stable: string;
  /** Image of the canary version, pinned by tag or digest. */
  readonly canary: string;
  /** Percentage of the gateway's traffic on the canary: 0 (rollback) or one of `steps` (100 = promoted). */
  readonly canaryWeight: number;
  /**
   * The rollout plan: increasing weights from 1 to 100, ending at 100. `canaryWeight` must be 0 or one of them.
   * @default [10, 25, 50, 100]
   */
  readonly steps?: number[];
  /**
   * Requests that always go to the canary (testers), whatever the weight.
   * @default - none
   */
  readonly testers?: VersionMatch;
}

/** HTTP methods a route can match. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "CONNECT" | "OPTIONS" | "TRACE" | "PATCH";

/** Every HTTP method a route can match. */
export const HTTP_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];

/** Methods without side effects (RFC 9110 "safe"): the only ones a shadow gets copies of by default. */
export const SAFE_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "OPTIONS"];

/**
 * A stable Deployment serves every user; the gateway copies a share of the live requests (Gateway API
 * `RequestMirror`) to a shadow Deployment running another version, and discards its responses. Only safe methods are
 * copied by default, so the shadow does not write twice what users wrote once. Promote: switch the service to rolling
 * on the shadow's image; rollback: `mirrorPercent: 0`.
 */
export interface ShadowStrategy {
  readonly type: "shadow";
  /** Image of the version users get, pinned by tag or digest. */
  readonly stable: string;
  /** Image of the shadow version, pinned by tag or digest. */
  readonly shadow: string;
  /** Percentage (0–100) of the matching live requests copied to the shadow; 0 stops mirroring. */
  readonly mirrorPercent: number;
  /**
   * Methods whose requests are mirrored. The shadow shares the service's identity and data access: add a method with
   * side effects only when the shadow version cannot reach anything users' data lives in.
   * @default ["GET", "HEAD", "OPTIONS"]
   */
  readonly methods?: HttpMethod[];
}

/**
 * One release of the whole application: every service of the environment runs `<its image repository>:<release>`
 * and switches in the same apply, with `Recreate` semantics (all old pods stop before new ones start). Downtime on
 * every release, no gradual traffic; rollback is redeploying the previous release. The service's `image` is the
 * repository without a tag.
 */
export interface BigBangStrategy {
  readonly type: "big-bang";
  /** The release tag every service of the environment runs, e.g. `2026.03.1` (also the `app.kubernetes.io/version` label). */
  readonly release: string;
}

/** A track: one Deployment of a service, with its role in the strategy. */
export type TrackName = "primary" | BlueGreenSlot | "stable" | "canary" | "shadow";

/** A Deployment of the service after the strategy is resolved. */
export interface StrategyTrack {
  /** `primary` for the single Deployment of rolling, recreate and big bang. */
  readonly name: TrackName;
  /** The container image the track runs. */
  readonly image: string;
  /** The label that tells the track's pods apart from the other track's; none for `primary`. */
  readonly label?: { readonly key: string; readonly value: string };
  /**
   * `live`: users get it through the live Service; `idle`: the blue-green slot behind the preview; `canary`: a
   * weighted share of the gateway's traffic; `shadow`: mirrored copies only.
   */
  readonly role: "live" | "idle" | "canary" | "shadow";
}

/** How a Deployment replaces its pods. */
export type DeploymentUpdate = { readonly type: "RollingUpdate"; readonly maxSurge: string; readonly maxUnavailable: string } | { readonly type: "Recreate" };

/** A {@link DeploymentStrategy} after validation, with its defaults. */
export interface ResolvedDeploymentStrategy {
  readonly type: DeploymentStrategyType;
  /** The Deployments, live one first. */
  readonly tracks: readonly StrategyTrack[];
  /** Update strategy of every Deployment. */
  readonly update: DeploymentUpdate;
  readonly minReadySeconds?: number;
  readonly progressDeadlineSeconds?: number;
  /** Blue-green: the slots, the preview match and whether the idle slot is scaled down. */
  readonly blueGreen?: { readonly activeSlot: BlueGreenSlot; readonly idleSlot: BlueGreenSlot; readonly preview: VersionMatch; readonly scaleDownIdle: boolean };
  /** Canary: the weight, the plan and the testers' match. */
  readonly canary?: { readonly weight: number; readonly steps: readonly number[]; readonly testers?: VersionMatch };
  /** Shadow: the share and the methods mirrored. */
  readonly shadow?: { readonly mirrorPercent: number; readonly methods: readonly HttpMethod[] };
  /** Big bang: the release tag. */
  readonly release?: string;
}

/** Label telling blue-green slots apart (`slot: blue`). */
export const SLOT_LABEL = "slot";
/** Label telling the stable, canary and shadow tracks apart (`track: canary`). */
export const TRACK_LABEL = "track";

/** The production-safe rolling update: surge a quarter, never go below the desired count. */
export const DEFAULT_ROLLING_UPDATE: DeploymentUpdate = { type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "0" };

const FIELDS: Record<DeploymentStrategyType, readonly string[]> = {
  rolling: ["type", "maxSurge", "maxUnavailable", "minReadySeconds", "progressDeadlineSeconds"],
  recreate: ["type", "progressDeadlineSeconds"],
  "blue-green": ["type", "slots", "activeSlot", "preview", "scaleDownIdle"],
  canary: ["type", "stable", "canary", "canaryWeight", "steps", "testers"],
  shadow: ["type", "stable", "shadow", "mirrorPercent", "methods"],
  "big-bang": ["type", "release"],
};
/** Strategies whose value carries the service's versions (so the service has no `image` of its own). */
const VERSIONED: readonly DeploymentStrategyType[] = ["blue-green", "canary", "shadow"];
const PERCENT_OR_COUNT = /^(100|[1-9]?[0-9])%$/;
const RELEASE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$/;
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;
const COOKIE_VALUE = /^[A-Za-z0-9!#$%&'()*+\-./:<=>?@[\]^_`{|}~]{1,1024}$/;

/** True when the strategy carries the service's versions itself (blue-green, canary, shadow). */
export function carriesVersions(strategy: DeploymentStrategy | undefined): boolean {
  return strategy !== undefined && VERSIONED.includes(strategy.type);
}

/** The images a strategy carries, by field (`slots.blue`, `stable`, `canary`, …); empty for the others. */
export function strategyImages(strategy: DeploymentStrategy): Record<string, string> {
  switch (strategy.type) {
    case "blue-green":
      return { "slots.blue": strategy.slots?.blue, "slots.green": strategy.slots?.green };
    case "canary":
      return { stable: strategy.stable, canary: strategy.canary };
    case "shadow":
      return { stable: strategy.stable, shadow: strategy.shadow };
    default:
      return {};
  }
}

/** The other blue-green slot. */
export function otherSlot(slot: BlueGreenSlot): BlueGreenSlot {
  return slot === "blue" ? "green" : "blue";
}

/** The canary's next weight in its plan: the first step above the current weight (100 once promoted). */
export function nextCanaryWeight(strategy: CanaryStrategy): number {
  const steps = strategy.steps ?? DEFAULT_CANARY_STEPS;
  return steps.find((s) => s > strategy.canaryWeight) ?? 100;
}

/** Pods a rollout adds above `replicas`: the surge of a rolling update, none for Recreate. */
export function surgePods(update: DeploymentUpdate, replicas: number): number {
  if (update.type === "Recreate") return 0;
  return update.maxSurge.endsWith("%") ? Math.ceil((replicas * Number(update.maxSurge.slice(0, -1))) / 100) : Number(update.maxSurge);
}

/**
 * Validates a strategy (at `path`) against the service's `image` (at `imagePath`) and resolves its Deployments.
 * Fails when the image and a strategy carrying versions are both given, or fields of two strategies are mixed: a
 * service runs one strategy.
 */
export function resolveDeploymentStrategy(path: string, strategy: DeploymentStrategy | undefined, image: string | undefined, imagePath: string, production: boolean): ResolvedDeploymentStrategy {
  const s: DeploymentStrategy = strategy ?? { type: "rolling" };
  if (s === null || typeof s !== "object") {
    throw new ValidationError(path, "is not a deployment strategy", s, `use an object with a type: ${DEPLOYMENT_STRATEGY_TYPES.map((t) => `"${t}"`).join(", ")}`);
  }
  validateEnum(`${path}.type`, s.type, DEPLOYMENT_STRATEGY_TYPES);
  for (const key of Object.keys(s)) {
    if (FIELDS[s.type].includes(key)) continue;
    const owner = DEPLOYMENT_STRATEGY_TYPES.find((t) => FIELDS[t].includes(key));
    if (owner) {
      throw new ValidationError(`${path}.${key}`, `belongs to the ${owner} strategy, but the service's strategy is ${s.type}: a service runs one strategy`, (s as unknown as Record<string, unknown>)[key], `drop ${key}, or switch the whole strategy to type "${owner}"`);
    }
    throw new ValidationError(`${path}.${key}`, `is not a field of the ${s.type} strategy`, key, `use ${FIELDS[s.type].join(", ")}`);
  }

  if (VERSIONED.includes(s.type)) {
    if (image !== undefined) {
      throw new ValidationError(imagePath, `is set together with the ${s.type} strategy, which carries the service's versions (${Object.keys(strategyImages(s)).join(", ")}): a service runs one strategy`, image, "drop image and keep the versions in the strategy, or use a rolling or recreate strategy with image");
    }
  } else if (image === undefined) {
    throw new ValidationError(imagePath, "is missing", image, s.type === "big-bang" ? "give the image repository; the release is its tag" : "give the container image, or a blue-green, canary or shadow strategy that carries the versions");
  }

  switch (s.type) {
    case "rolling": {
      const maxSurge = surgeOrUnavailable(`${path}.maxSurge`, s.maxSurge ?? "25%");
      const maxUnavailable = surgeOrUnavailable(`${path}.maxUnavailable`, s.maxUnavailable ?? 0);
      if (isZero(maxSurge) && isZero(maxUnavailable)) {
        throw new ValidationError(path, "sets both maxSurge and maxUnavailable to 0, so a rollout could never replace a pod", { maxSurge: s.maxSurge, maxUnavailable: s.maxUnavailable ?? 0 }, 'allow a surge (e.g. maxSurge "25%") or some unavailability (e.g. maxUnavailable 1)');
      }
      validateImage(imagePath, image!, production);
      return {
        type: "rolling",
        tracks: [{ name: "primary", image: image!, role: "live" }],
        update: { type: "RollingUpdate", maxSurge, maxUnavailable },
        ...progress(path, s.minReadySeconds, s.progressDeadlineSeconds),
      };
    }
    case "recreate":
      validateImage(imagePath, image!, production);
      return { type: "recreate", tracks: [{ name: "primary", image: image!, role: "live" }], update: { type: "Recreate" }, ...progress(path, undefined, s.progressDeadlineSeconds) };
    case "big-bang": {
      const release = validatePattern(`${path}.release`, s.release, RELEASE, "use an image tag of at most 63 letters, digits, '_', '.' and '-', starting with a letter, digit or '_' (it is also a label value)")!;
      if (s.release === undefined) throw new ValidationError(`${path}.release`, "is missing", undefined, 'give the release tag every service runs, e.g. "2026.03.1"');
      if (!isUnresolved(release) && !LABEL_VALUE.test(release)) {
        throw new ValidationError(`${path}.release`, "is not a valid label value", release, "end it with a letter or digit");
      }
      if (production && release === "latest") {
        throw new ValidationError(`${path}.release`, 'is the moving "latest" tag in production, so a node restart can silently change the running version', release, "use a release tag such as 2026.03.1");
      }
      if (!isUnresolved(image) && typeof image === "string" && (image.includes("@") || /:[^/]*$/.test(image))) {
        throw new ValidationError(imagePath, "carries a tag or digest, but the big-bang release sets every service's tag", image, `give the repository only, e.g. "${image.replace(/@.*$/, "").replace(/:[^/:]*$/, "")}"`);
      }
      validateImage(imagePath, `${image!}:${release}`, production);
      return { type: "big-bang", tracks: [{ name: "primary", image: `${image!}:${release}`, role: "live" }], update: { type: "Recreate" }, release };
    }
    case "blue-green": {
      if (s.slots === undefined || s.slots === null || typeof s.slots !== "object") {
        throw new ValidationError(`${path}.slots`, "is missing", s.slots, "give the image of each slot: { blue, green }");
      }
      for (const key of Object.keys(s.slots)) {
        if (!BLUE_GREEN_SLOTS.includes(key as BlueGreenSlot)) {
          throw new ValidationError(`${path}.slots.${key}`, "is not a slot", key, 'use the slots "blue" and "green"');
        }
      }
      for (const slot of BLUE_GREEN_SLOTS) requireImage(`${path}.slots.${slot}`, s.slots[slot], production, `give the ${slot} slot's image`);
      if (s.activeSlot === undefined) throw new ValidationError(`${path}.activeSlot`, "is missing", undefined, 'use "blue" or "green"');
      if (!BLUE_GREEN_SLOTS.includes(s.activeSlot)) {
        throw new ValidationError(`${path}.activeSlot`, "names a slot that does not exist", s.activeSlot, 'use "blue" or "green"');
      }
      const preview = versionMatch(`${path}.preview`, s.preview ?? { header: "x-preview", value: "true" }, true);
      const active = s.activeSlot;
      const idle = otherSlot(active);
      return {
        type: "blue-green",
        tracks: [
          { name: active, image: s.slots[active], label: { key: SLOT_LABEL, value: active }, role: "live" },
          { name: idle, image: s.slots[idle], label: { key: SLOT_LABEL, value: idle }, role: "idle" },
        ],
        update: DEFAULT_ROLLING_UPDATE,
        blueGreen: { activeSlot: active, idleSlot: idle, preview, scaleDownIdle: s.scaleDownIdle ?? false },
      };
    }
    case "canary": {
      requireImage(`${path}.stable`, s.stable, production, "give the stable version's image: the canary is measured against it and rollback returns to it");
      requireImage(`${path}.canary`, s.canary, production, "give the canary version's image");
      const steps = s.steps ?? [...DEFAULT_CANARY_STEPS];
      if (!Array.isArray(steps) || steps.length === 0) throw new ValidationError(`${path}.steps`, "is empty", steps, "list the weights of the plan, e.g. [10, 25, 50, 100]");
      steps.forEach((w, i) => validateRange(`${path}.steps[${i}]`, w, 1, 100));
      steps.forEach((w, i) => {
        if (i > 0 && w <= steps[i - 1]) throw new ValidationError(`${path}.steps[${i}]`, `does not exceed the step before it (${steps[i - 1]})`, w, "list increasing weights");
      });
      if (steps[steps.length - 1] !== 100) throw new ValidationError(`${path}.steps`, "does not end at 100, so the plan never promotes the canary", steps, "end the plan with 100");
      if (s.canaryWeight === undefined) throw new ValidationError(`${path}.canaryWeight`, "is missing", undefined, "use 0 (all traffic on stable) to 100 (promoted)");
      const weight = validateRange(`${path}.canaryWeight`, s.canaryWeight, 0, 100)!;
      if (weight !== 0 && !steps.includes(weight)) {
        throw new ValidationError(`${path}.canaryWeight`, "is not a step of the rollout plan", weight, `use 0 (rollback) or one of the steps ${steps.join(", ")}`);
      }
      return {
        type: "canary",
        tracks: [
          { name: "stable", image: s.stable, label: { key: TRACK_LABEL, value: "stable" }, role: "live" },
          { name: "canary", image: s.canary, label: { key: TRACK_LABEL, value: "canary" }, role: "canary" },
        ],
        update: DEFAULT_ROLLING_UPDATE,
        canary: { weight, steps, ...(s.testers !== undefined ? { testers: versionMatch(`${path}.testers`, s.testers, false) } : {}) },
      };
    }
    case "shadow": {
      requireImage(`${path}.stable`, s.stable, production, "give the image users get; the shadow only receives copies of their requests");
      requireImage(`${path}.shadow`, s.shadow, production, "give the shadow version's image");
      if (s.mirrorPercent === undefined) throw new ValidationError(`${path}.mirrorPercent`, "is missing", undefined, "use 0 (mirror nothing) to 100 (every matching request)");
      const mirrorPercent = validateRange(`${path}.mirrorPercent`, s.mirrorPercent, 0, 100)!;
      const methods = s.methods ?? [...SAFE_METHODS];
      if (!Array.isArray(methods) || methods.length === 0) throw new ValidationError(`${path}.methods`, "is empty", methods, 'list the methods to mirror, e.g. ["GET", "HEAD", "OPTIONS"]');
      methods.forEach((m, i) => validateEnum(`${path}.methods[${i}]`, m, HTTP_METHODS));
      validateUnique(`${path}.methods`, methods);
      return {
        type: "shadow",
        tracks: [
          { name: "stable", image: s.stable, label: { key: TRACK_LABEL, value: "stable" }, role: "live" },
          { name: "shadow", image: s.shadow, label: { key: TRACK_LABEL, value: "shadow" }, role: "shadow" },
        ],
        update: DEFAULT_ROLLING_UPDATE,
        shadow: { mirrorPercent, methods },
      };
    }
  }
}

function requireImage(path: string, image: string | undefined, production: boolean, missing: string): void {
  if (image === undefined || image === null || image === "") throw new ValidationError(path, "is missing", image, missing);
  validateImage(path, image, production);
}

function surgeOrUnavailable(path: string, value: number | string): string {
  if (typeof value === "number") return String(validateRange(path, value, 0, 1000));
  validatePattern(path, value, PERCENT_OR_COUNT, 'use a count such as 1 or a percentage such as "25%"');
  return value;
}

function isZero(value: string): boolean {
  return value === "0" || value === "0%";
}

function progress(path: string, minReadySeconds: number | undefined, progressDeadlineSeconds: number | undefined): { minReadySeconds?: number; progressDeadlineSeconds?: number } {
  const minReady = validateRange(`${path}.minReadySeconds`, minReadySeconds, 0, 3600);
  const deadline = validateRange(`${path}.progressDeadlineSeconds`, progressDeadlineSeconds, 1, 86400);
  if (deadline !== undefined && deadline <= (minReady ?? 0)) {
    throw new ValidationError(`${path}.progressDeadlineSeconds`, `must exceed minReadySeconds (${minReady ?? 0})`, deadline, "give a rollout more time than one pod needs to count as available");
  }
  return { ...(minReady !== undefined ? { minReadySeconds: minReady } : {}), ...(deadline !== undefined ? { progressDeadlineSeconds: deadline } : {}) };
}

function versionMatch(path: string, match: VersionMatch, hostnameAllowed: boolean): VersionMatch {
  if (match === null || typeof match !== "object") {
    throw new ValidationError(path, "is not a match", match, hostnameAllowed ? "use { header, value? }, { cookie, value? } or { hostname }" : "use { header, value? } or { cookie, value? }");
  }
  const kinds = (["header", "cookie", "hostname"] as const).filter((k) => k in match);
  if (kinds.length !== 1) {
    throw new ValidationError(path, "must set exactly one of header, cookie and hostname", match, hostnameAllowed ? "use { header, value? }, { cookie, value? } or { hostname }" : "use { header, value? } or { cookie, value? }");
  }
  const allowedKeys = kinds[0] === "hostname" ? ["hostname"] : [kinds[0], "value"];
  for (const key of Object.keys(match)) {
    if (!allowedKeys.includes(key)) throw new ValidationError(`${path}.${key}`, `does not apply to a ${kinds[0]} match`, key, `use ${allowedKeys.join(", ")}`);
  }
  if ("hostname" in match) {
    if (!hostnameAllowed) throw new ValidationError(`${path}.hostname`, "cannot select testers: the route's hostnames serve every user", match.hostname, "match testers by header or cookie");
    validateHostname(`${path}.hostname`, match.hostname);
    if (match.hostname.startsWith("*.")) throw new ValidationError(`${path}.hostname`, "is a wildcard", match.hostname, "give the preview its own hostname, e.g. preview.shop.example.com");
    return { hostname: match.hostname };
  }
  const value = match.value ?? "true";
  if ("header" in match) {
    validateHeaderName(`${path}.header`, match.header);
    if (!isUnresolved(value) && (typeof value !== "string" || value.length === 0 || value.length > 4096)) {
      throw new ValidationError(`${path}.value`, "is empty or longer than 4096 characters", value, "give the header value to match");
    }
    return { header: match.header, value };
  }
  validatePattern(`${path}.cookie`, match.cookie, COOKIE_NAME, "use a cookie name (letters, digits and !#$%&'*+-.^_`|~)");
  validatePattern(`${path}.value`, value, COOKIE_VALUE, "use a cookie value without spaces, quotes, commas, semicolons or backslashes");
  return { cookie: match.cookie, value };
}
