import { ValidationError } from "../../core/errors";
import { isUnresolved, validatePattern } from "../../core/validate";

/**
 * Validators and helpers the workload constructs share: Kubernetes object names, label syntax, resource quantities and
 * container image references.
 */

/** RFC 1123 label: namespaces and most object names (≤ 63 lowercase letters, digits and hyphens). */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** RFC 1035 label: Service names, which must start with a letter (≤ 63 characters). */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** RFC 1123 subdomain: PriorityClass and other cluster-scoped names (≤ 253 characters). */
export const DNS_1123_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A label value: empty, or ≤ 63 alphanumerics, `-`, `_`, `.`, starting and ending alphanumeric. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
/** A label key: optional DNS-subdomain prefix and a name part of ≤ 63 characters. */
export const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Label Kubernetes (1.21+) puts on every namespace with its name; network policies select namespaces by it. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Asserts a Kubernetes namespace name: an RFC 1123 label that is not one of the system namespaces. */
export function validateNamespaceName(path: string, name: string): string {
  validatePattern(path, name, DNS_1123_LABEL, "use 1-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit (RFC 1123 label)");
  if (name === "default" || name.startsWith("kube-")) {
    throw new ValidationError(path, "is a namespace Kubernetes reserves for itself", name, 'choose a team namespace name that is not "default" and does not start with "kube-"');
  }
  return name;
}

/** Asserts a map of extra labels: valid keys and values. */
export function validateLabels(path: string, labels: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(labels)) {
    validatePattern(`${path}.${key}`, key, LABEL_KEY, "use a label key: an optional DNS-subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.'");
    validatePattern(`${path}.${key}`, value, LABEL_VALUE, "use a label value: up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
  }
}

/** What a quantity measures; decides which suffixes make sense. */
export type QuantityKind = "cpu" | "memory";

// CPU: whole millicores ("250m") or cores with at most three decimals ("0.5", "2"); Kubernetes rounds anything finer.
const CPU_QUANTITY = /^([0-9]+m|[0-9]+(\.[0-9]{1,3})?)$/;
// Memory: bytes with a binary (Ki..Pi) or decimal (k..P) suffix. A lower-case "m" means milli-bytes ("512m" is half a
// byte), a classic typo for "512Mi", so it is rejected.
const MEMORY_QUANTITY = /^[0-9]+(\.[0-9]+)?(k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$/;
const MEMORY_FACTORS: Record<string, number> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};

/**
 * Asserts a Kubernetes resource quantity in the syntax of its kind (`"250m"`/`"0.5"` CPU, `"256Mi"`/`"1Gi"` memory) and
 * returns its value in base units (cores or bytes); `undefined` for unresolved tokens.
 */
export function parseQuantity(path: string, value: string, kind: QuantityKind): number | undefined {
  if (isUnresolved(value)) return undefined;
  if (kind === "cpu") {
    validatePattern(path, value, CPU_QUANTITY, 'use a CPU quantity such as "250m" (millicores) or "0.5" or "2" (cores)');
    return value.endsWith("m") ? Number(value.slice(0, -1)) / 1000 : Number(value);
  }
  validatePattern(path, value, MEMORY_QUANTITY, 'use a memory quantity such as "256Mi", "1Gi" or "512M" (not "m", which means milli-bytes)');
  const match = /^([0-9.]+)([A-Za-z]*)$/.exec(value)!;
  return Number(match[1]) * MEMORY_FACTORS[match[2]];
}

/** Asserts `lower <= upper` for two quantities already parsed (skipped when either is unknown). */
export function validateQuantityOrder(lowerPath: string, lower: string, lowerValue: number | undefined, upperPath: string, upper: string, upperValue: number | undefined): void {
  if (lowerValue === undefined || upperValue === undefined) return;
  if (lowerValue > upperValue) {
    // Name both sides relative to their common parent: "requests.memory <= limits.memory".
    const a = lowerPath.split(".");
    const b = upperPath.split(".");
    let common = 0;
    while (common < Math.min(a.length, b.length) - 1 && a[common] === b[common]) common++;
    throw new ValidationError(lowerPath, `exceeds ${upperPath} (${JSON.stringify(upper)})`, lower, `set ${a.slice(common).join(".")} <= ${b.slice(common).join(".")}`);
  }
}

/** Renders a number of cores or bytes back as a short quantity, for messages. */
export function formatQuantity(value: number, kind: QuantityKind): string {
  if (kind === "cpu") return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
  for (const unit of ["Ti", "Gi", "Mi", "Ki"]) {
    const factor = MEMORY_FACTORS[unit];
    if (value >= factor && Number.isInteger((value / factor) * 100)) return `${Math.round((value / factor) * 100) / 100}${unit}`;
  }
  return String(value);
}

// distribution/reference grammar: [domain[:port]/]path-component(/path-component)*[:tag][@digest]
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "sha256:[a-f0-9]{64}";
const IMAGE_REFERENCE = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The parts of a container image reference. */
export interface ImageReference {
  /** Registry host (and port), when the reference names one. */
  readonly registry?: string;
  /** Repository path. */
  readonly repository: string;
  /** Tag, when given. */
  readonly tag?: string;
  /** `sha256:<64 hex>` digest, when given. */
  readonly digest?: string;
}

/**
 * Asserts a container image reference `[registry/]repository[:tag][@sha256:<64 hex>]` that is pinned by a tag or a
 * digest, and (in production) not by the moving `latest` tag alone. Returns its parts; `undefined` for tokens.
 */
export function validateImage(path: string, image: string, production: boolean): ImageReference | undefined {
  if (isUnresolved(image)) return undefined;
  const match = typeof image === "string" && image.length <= 4096 ? IMAGE_REFERENCE.exec(image) : null;
  // A single leading component with a port or dot is a registry without a repository ("myacr.azurecr.io:5000").
  if (!match) {
    throw new ValidationError(path, "is not a valid container image reference", image, 'use "[registry/]repository:tag" or "[registry/]repository@sha256:<64 hex digits>", e.g. "myacr.azurecr.io/orders:1.4.2"');
  }
  const [, registry, repository, tag, digest] = match;
  if (tag === undefined && digest === undefined) {
    throw new ValidationError(path, "has neither a tag nor a digest, so every pull may run a different build", image, `pin it, e.g. "${image}:1.0.0" or "${image}@sha256:<digest>"`);
  }
  if (production && tag === "latest" && digest === undefined) {
    throw new ValidationError(path, 'uses the moving "latest" tag in production, so a node restart can silently change the running version', image, "use a version tag or a sha256 digest");
  }
  return { registry, repository, tag, digest };
}

/** Egress rule allowing DNS (UDP and TCP 53) to CoreDNS in kube-system (AKS labels its pods `k8s-app: kube-dns`). */
export function dnsEgressRule() {
  return {
    to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
    ports: [
      { protocol: "UDP", port: "53" },
      { protocol: "TCP", port: "53" },
    ],
  };
}
