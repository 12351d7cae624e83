import { ValidationError } from "../../core/errors";
import { isUnresolved } from "../../core/validate";

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Asserts `value` is a hostname as Gateway API listeners and routes take it: RFC 1123 labels of 1–63 lowercase
 * letters, digits and hyphens, at most 253 characters, at least two labels, optionally prefixed by a single `*.`
 * wildcard label; never an IP address.
 */
export function validateHostname(path: string, value: string): string {
  if (isUnresolved(value)) return value;
  const rule = 'use a DNS name such as "api.example.com" or a wildcard such as "*.example.com" (lowercase letters, digits, hyphens and dots)';
  if (typeof value !== "string" || value.length === 0 || value.length > 253) {
    throw new ValidationError(path, "is not a valid hostname", value, rule);
  }
  if (IPV4.test(value)) {
    throw new ValidationError(path, "is an IP address, not a hostname", value, rule);
  }
  const bare = value.startsWith("*.") ? value.slice(2) : value;
  const labels = bare.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    throw new ValidationError(path, "is not a valid hostname", value, rule);
  }
  return value;
}

/** True when `host` (exact or `*.` wildcard) is served by a listener or route hostname `pattern` (exact or wildcard). */
export function hostnamesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const matches = (wildcard: string, host: string) => wildcard.startsWith("*.") && host.endsWith(wildcard.slice(1)) && host.length > wildcard.length - 1;
  return matches(a, b) || matches(b, a);
}

/** The listener section name for an HTTPS hostname: `https-api-example-com`, `https-wildcard-example-com`. */
export function httpsListenerName(hostname: string): string {
  const base = hostname.replace(/^\*\./, "wildcard.").replace(/\./g, "-");
  return `https-${base}`.slice(0, 63).replace(/-+$/, "");
}
