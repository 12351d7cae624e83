import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import type { ISecurityPolicy } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/SecurityPolicy";
import type { ICORS } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/CORS";
import type { IJWT } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/JWT";
import type { IRateLimitSpec } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/RateLimitSpec";
import type { IRateLimitSelectCondition } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/RateLimitSelectCondition";
import { parseCidr } from "../core/cidr";
import { ValidationError } from "../core/errors";
import { isUnresolved, validateEnum, validatePattern, validateRange, validateUnique } from "../core/validate";
import { crdManifest, gatewayDuration, HTTP_ROUTE_REF, validateHeaderName } from "./private/k8s";

/** An OIDC/JWT issuer whose tokens the gateway verifies. */
export interface JwtProvider {
  /** Name of the provider, unique on the route (appears in Envoy's metadata). */
  readonly name: string;
  /** The `iss` claim tokens must carry; an https URL. */
  readonly issuer: string;
  /**
   * Accepted `aud` claims; a token must carry one of them.
   * @default - any audience
   */
  readonly audiences?: string[];
  /** https URL of the issuer's JSON Web Key Set (fetched and cached by Envoy). */
  readonly remoteJwksUri: string;
  /**
   * Claims copied into request headers for the backend, e.g. `{ claim: "sub", header: "x-user-id" }`.
   * @default - none
   */
  readonly claimToHeaders?: { readonly claim: string; readonly header: string }[];
}

/** JWT authentication of a route (Envoy Gateway `SecurityPolicy.jwt`). */
export interface JwtAuthentication {
  /** Issuers accepted, 1–4; a request passes with a valid token from any of them. */
  readonly providers: JwtProvider[];
  /**
   * Let requests without a token through (a present but invalid token is still rejected).
   * @default false
   */
  readonly optional?: boolean;
}

/** Cross-origin resource sharing of a route (Envoy Gateway `SecurityPolicy.cors`). */
export interface CorsPolicy {
  /** Origins allowed, e.g. `https://shop.example.com`, `https://*.example.com`, or `*`. */
  readonly allowOrigins: string[];
  /**
   * Methods allowed in cross-origin requests.
   * @default ["GET", "HEAD", "POST"]
   */
  readonly allowMethods?: string[];
  /**
   * Request headers allowed in cross-origin requests.
   * @default - none beyond the CORS-safelisted headers
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers exposed to the browser.
   * @default - none beyond the CORS-safelisted headers
   */
  readonly exposeHeaders?: string[];
  /**
   * Seconds browsers may cache a preflight answer.
   * @default 600
   */
  readonly maxAgeSeconds?: number;
  /**
   * Allow cookies and credentials (never with the `*` origin).
   * @default false
   */
  readonly allowCredentials?: boolean;
}

/** A header condition that selects the clients a rate limit applies to. */
export interface RateLimitHeaderMatch {
  /** Header name, e.g. `x-api-key` or `x-user-id`. */
  readonly name: string;
  /** Value to match. */
  readonly value: string;
  /**
   * How `value` matches.
   * @default "Exact"
   */
  readonly type?: "Exact" | "RegularExpression";
  /**
   * Select requests whose header does NOT match.
   * @default false
   */
  readonly invert?: boolean;
}

/** The clients a rate limit rule counts. */
export interface RateLimitClients {
  /**
   * Header conditions, all of which must hold (e.g. one API key or user id).
   * @default - no header condition
   */
  readonly headers?: RateLimitHeaderMatch[];
  /**
   * Source range of the clients (needs the client IP: externalTrafficPolicy Local).
   * @default - any source
   */
  readonly sourceCidr?: string;
}

/**
 * A local rate limit rule (Envoy Gateway `BackendTrafficPolicy.rateLimit`, type Local): each proxy replica allows
 * `requests` per `unit` for the selected clients and answers 429 beyond that. Local limits count per proxy and cannot
 * count each distinct client separately; that needs a global rate limit service.
 */
export interface RateLimitRule {
  /** Requests allowed per unit, per proxy; at least 1. */
  readonly requests: number;
  /** The time unit. */
  readonly unit: "Second" | "Minute" | "Hour";
  /**
   * Which clients the rule counts.
   * @default - every request of the route, in one bucket
   */
  readonly clients?: RateLimitClients;
}

/** Rate limit units accepted. */
export const RATE_LIMIT_UNITS = ["Second", "Minute", "Hour"] as const;

const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/;
// Envoy Gateway's CRD pattern for CORS origins.
const ORIGIN = /^(\*|https?:\/\/(\*|(\*\.)?(([\w-]+\.?)+)?[\w-]+)(:\d{1,5})?)$/u;
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "*"] as const;

/** Builds the `jwt` section of a SecurityPolicy, validating it at `path`. */
export function jwtSpec(path: string, jwt: JwtAuthentication): IJWT {
  if (!Array.isArray(jwt.providers) || jwt.providers.length < 1 || jwt.providers.length > 4) {
    throw new ValidationError(`${path}.providers`, "must list 1 to 4 providers", jwt.providers?.length ?? jwt.providers, "name between one and four JWT issuers");
  }
  validateUnique(`${path}.providers`, jwt.providers, (p) => p.name);
  return {
    ...(jwt.optional ? { optional: true } : {}),
    providers: jwt.providers.map((p, i) => {
      const at = `${path}.providers[${i}]`;
      validatePattern(`${at}.name`, p.name, /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "use 1-63 lowercase letters, digits and hyphens");
      validatePattern(`${at}.issuer`, p.issuer, HTTPS_URL, 'use the https URL of the issuer, e.g. "https://login.microsoftonline.com/<tenant>/v2.0"');
      validatePattern(`${at}.remoteJwksUri`, p.remoteJwksUri, HTTPS_URL, 'use the https URL of the JWKS, e.g. "https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys"');
      if (p.audiences !== undefined) {
        if (p.audiences.length === 0 || p.audiences.length > 8) {
          throw new ValidationError(`${at}.audiences`, "must list 1 to 8 audiences", p.audiences, "name the accepted audiences, or drop the field to accept any");
        }
        p.audiences.forEach((a, j) => {
          if (!isUnresolved(a) && (typeof a !== "string" || a.length === 0)) throw new ValidationError(`${at}.audiences[${j}]`, "is empty", a, "use the audience (aud) value");
        });
      }
      (p.claimToHeaders ?? []).forEach((c, j) => {
        validatePattern(`${at}.claimToHeaders[${j}].claim`, c.claim, /^[^\s]{1,253}$/, 'use a claim name such as "sub" or "roles"');
        validateHeaderName(`${at}.claimToHeaders[${j}].header`, c.header);
      });
      return {
        name: p.name,
        issuer: p.issuer,
        ...(p.audiences ? { audiences: [...p.audiences] } : {}),
        remoteJWKS: { uri: p.remoteJwksUri },
        ...(p.claimToHeaders && p.claimToHeaders.length > 0 ? { claimToHeaders: p.claimToHeaders.map((c) => ({ claim: c.claim, header: c.header })) } : {}),
      };
    }),
  };
}

/** Builds the `cors` section of a SecurityPolicy, validating it at `path`. */
export function corsSpec(path: string, cors: CorsPolicy): ICORS {
  if (!Array.isArray(cors.allowOrigins) || cors.allowOrigins.length === 0) {
    throw new ValidationError(`${path}.allowOrigins`, "is empty", cors.allowOrigins, 'list the origins, e.g. ["https://shop.example.com"]');
  }
  cors.allowOrigins.forEach((o, i) => validatePattern(`${path}.allowOrigins[${i}]`, o, ORIGIN, 'use "*" or an origin such as "https://shop.example.com" or "https://*.example.com"'));
  const methods = cors.allowMethods ?? ["GET", "HEAD", "POST"];
  methods.forEach((m, i) => validateEnum(`${path}.allowMethods[${i}]`, m as (typeof METHODS)[number], METHODS));
  (cors.allowHeaders ?? []).forEach((h, i) => (h === "*" ? h : validateHeaderName(`${path}.allowHeaders[${i}]`, h)));
  (cors.exposeHeaders ?? []).forEach((h, i) => (h === "*" ? h : validateHeaderName(`${path}.exposeHeaders[${i}]`, h)));
  if (cors.allowCredentials && cors.allowOrigins.includes("*")) {
    throw new ValidationError(`${path}.allowCredentials`, 'cannot be combined with the "*" origin (browsers reject it)', true, "list the allowed origins explicitly");
  }
  return {
    allowOrigins: [...cors.allowOrigins],
    allowMethods: [...methods],
    ...(cors.allowHeaders ? { allowHeaders: [...cors.allowHeaders] } : {}),
    ...(cors.exposeHeaders ? { exposeHeaders: [...cors.exposeHeaders] } : {}),
    maxAge: gatewayDuration(`${path}.maxAgeSeconds`, validateRange(`${path}.maxAgeSeconds`, cors.maxAgeSeconds ?? 600, 1, 86400)!),
    ...(cors.allowCredentials ? { allowCredentials: true } : {}),
  };
}

/**
 * Builds a Local `rateLimit` section of a BackendTrafficPolicy, validating it at `path`. `preservesClientIp` tells
 * whether source-CIDR selectors can work behind the controller's load balancer.
 */
export function localRateLimitSpec(path: string, rules: readonly RateLimitRule[], preservesClientIp: boolean): IRateLimitSpec {
  if (rules.length > 16) {
    throw new ValidationError(path, "has more than 16 rules", rules.length, "use at most 16 rate limit rules per route");
  }
  return {
    type: "Local",
    local: {
      rules: rules.map((rule, i) => {
        const at = `${path}[${i}]`;
        validateRange(`${at}.requests`, rule.requests, 1, 1_000_000_000);
        validateEnum(`${at}.unit`, rule.unit, RATE_LIMIT_UNITS);
        const selector: IRateLimitSelectCondition = {};
        const clients = rule.clients;
        if (clients?.headers !== undefined) {
          if (clients.headers.length === 0 || clients.headers.length > 16) {
            throw new ValidationError(`${at}.clients.headers`, "must list 1 to 16 header conditions", clients.headers, "name the headers that select the clients, or drop the field");
          }
          selector.headers = clients.headers.map((h, j) => {
            validateHeaderName(`${at}.clients.headers[${j}].name`, h.name);
            const type = validateEnum(`${at}.clients.headers[${j}].type`, h.type ?? "Exact", ["Exact", "RegularExpression"])!;
            if (!isUnresolved(h.value) && (typeof h.value !== "string" || h.value.length === 0)) {
              throw new ValidationError(`${at}.clients.headers[${j}].value`, "is empty", h.value, "give the header value (local limits cannot count each distinct value; that needs a global rate limit)");
            }
            return { name: h.name, type, value: h.value, ...(h.invert ? { invert: true } : {}) };
          });
        }
        if (clients?.sourceCidr !== undefined) {
          const cidr = parseCidr(`${at}.clients.sourceCidr`, clients.sourceCidr);
          if (!preservesClientIp) {
            throw new ValidationError(`${at}.clients.sourceCidr`, "needs the client IP, but the controller's load balancer replaces it (externalTrafficPolicy Cluster)", clients.sourceCidr, 'use externalTrafficPolicy "Local" on the controller, or select clients by header');
          }
          selector.sourceCIDR = { type: "Exact", value: cidr.text };
        }
        return {
          ...(Object.keys(selector).length > 0 ? { clientSelectors: [selector] } : {}),
          limit: { requests: rule.requests, unit: rule.unit },
        };
      }),
    },
  };
}

/** Props for {@link ApiSecurityPolicy}. */
export interface ApiSecurityPolicyProps {
  /** Name of the HTTPRoute the policy applies to (and of the policy). */
  readonly routeName: string;
  /**
   * Further HTTPRoutes of the same namespace the policy applies to, e.g. a blue-green preview hostname's route.
   * @default - none
   */
  readonly additionalRouteNames?: string[];
  /** Namespace of the route (and of the policy). */
  readonly namespace: string;
  /**
   * JWT authentication.
   * @default - none
   */
  readonly jwt?: JwtAuthentication;
  /**
   * CORS.
   * @default - none
   */
  readonly cors?: CorsPolicy;
  /** What the policy manifest must wait for (the controller's CRDs and the route). */
  readonly dependsOn: ITerraformDependable[];
  /**
   * Property path prefix for validation errors.
   * @default "securityPolicy"
   */
  readonly path?: string;
}

/**
 * An Envoy Gateway `SecurityPolicy` on one HTTPRoute: the API-gateway duties of authentication (JWT from OIDC issuers,
 * verified against their remote JWKS) and CORS. Created by {@link ServiceRoute} when a route asks for either.
 */
export class ApiSecurityPolicy extends Construct {
  /** The SecurityPolicy manifest, as an escape hatch. */
  public readonly resource: Manifest;

  constructor(scope: Construct, id: string, props: ApiSecurityPolicyProps) {
    super(scope, id);
    const path = props.path ?? "securityPolicy";
    if (!props.jwt && !props.cors) {
      throw new ValidationError(path, "sets neither jwt nor cors", {}, "configure jwt, cors or both");
    }
    const policy: ISecurityPolicy = {
      apiVersion: "gateway.envoyproxy.io/v1alpha1",
      kind: "SecurityPolicy",
      metadata: { name: props.routeName, namespace: props.namespace },
      spec: {
        targetRefs: [props.routeName, ...(props.additionalRouteNames ?? [])].map((name) => ({ ...HTTP_ROUTE_REF, name })),
        ...(props.jwt ? { jwt: jwtSpec(`${path}.jwt`, props.jwt) } : {}),
        ...(props.cors ? { cors: corsSpec(`${path}.cors`, props.cors) } : {}),
      },
    };
    this.resource = crdManifest(this, "Resource", policy, props.dependsOn);
  }
}
