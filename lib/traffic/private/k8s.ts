import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { dependenciesWithin } from "../../core/dependencies";
import { ValidationError } from "../../core/errors";
import { isUnresolved, validatePattern } from "../../core/validate";

/** A Kubernetes object name or namespace: an RFC 1123 label (1–63 lowercase letters, digits and hyphens). */
export const K8S_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const K8S_NAME_RULE = "use 1-63 lowercase letters, digits and hyphens, starting and ending with a letter or digit";

/** Asserts the value is a Kubernetes object name (RFC 1123 label). */
export function validateK8sName(path: string, value: string): string {
  return validatePattern(path, value, K8S_NAME, K8S_NAME_RULE)!;
}

/** An HTTP header name (RFC 7230 token), as Gateway API and Envoy Gateway accept it. */
export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;

/** Asserts the value is an HTTP header name. */
export function validateHeaderName(path: string, value: string): string {
  return validatePattern(path, value, HEADER_NAME, 'use an HTTP header name such as "x-api-key"')!;
}

/**
 * Renders a duration in seconds as a Gateway API duration (`30s`, `1500ms`): whole seconds when the value is whole,
 * milliseconds otherwise. Gateway API allows at most five digits per unit.
 */
export function gatewayDuration(path: string, seconds: number, min = 0.001, max = 86400): string {
  if (isUnresolved(seconds)) return `${seconds}s`;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < min || seconds > max) {
    throw new ValidationError(path, "is out of range", seconds, `use ${min} to ${max} seconds`);
  }
  const ms = Math.round(seconds * 1000);
  if (Math.abs(ms - seconds * 1000) > 1e-6) {
    throw new ValidationError(path, "is finer than a millisecond", seconds, "use at most three decimal places");
  }
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  if (ms > 99999) {
    throw new ValidationError(path, "cannot be written as a Gateway API duration", seconds, "use whole seconds above 99.999 seconds");
  }
  return `${ms}ms`;
}

/**
 * A `kubernetes_manifest` for a CRD-based object. `manifest` is typed by the caller with the schema package's
 * interface; it is handed to the provider as plain data. Dependencies in another stack (a Helm release of the addons
 * stack) become a stack dependency.
 */
export function crdManifest(scope: Construct, id: string, manifest: object, dependsOn: readonly ITerraformDependable[]): Manifest {
  return new Manifest(scope, id, {
    manifest: manifest as Record<string, unknown>,
    dependsOn: dependenciesWithin(scope, dependsOn),
  });
}

/** Group and kind of an HTTPRoute, for policy target references. */
export const HTTP_ROUTE_REF = { group: "gateway.networking.k8s.io", kind: "HTTPRoute" } as const;
