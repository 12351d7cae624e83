import { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import type { IGateway } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import type { IHTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import type { IListener } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Listener";
import type { IHTTPRouteFilter } from "@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/HTTPRouteFilter";
import { ValidationError } from "../core/errors";
import { isUnresolved, validateEnum, validatePattern, validateUnique } from "../core/validate";
import { hostnamesIntersect, httpsListenerName, validateHostname } from "./private/hostname";
import { crdManifest, validateK8sName } from "./private/k8s";
import { ITrafficController } from "./traffic-controller";

/** Where the gateway's TLS certificates come from. */
export type GatewayTls =
  | {
      /**
       * cert-manager issues one certificate per HTTPS listener: the Gateway carries the `cert-manager.io/cluster-issuer`
       * annotation and cert-manager's Gateway API support creates the Certificates (Secrets `<gateway>-<listener>-tls`).
       */
      readonly mode: "certManager";
      /** Name of the cert-manager ClusterIssuer, e.g. {@link AcmeClusterIssuer.issuerName}. */
      readonly issuerName: string;
    }
  | {
      /** An existing `kubernetes.io/tls` Secret in the gateway's namespace serves every HTTPS listener. */
      readonly mode: "secret";
      /** Name of the Secret (a certificate covering all hostnames, e.g. a wildcard). */
      readonly secretName: string;
    };

/** Props for {@link TrafficGateway}. */
export interface TrafficGatewayProps {
  /** The traffic controller whose GatewayClass serves this Gateway. */
  readonly controller: ITrafficController;
  /** Hostnames served over HTTPS, one listener each; a leading `*.` serves every subdomain. */
  readonly hostnames: string[];
  /** TLS certificates of the HTTPS listeners. */
  readonly tls: GatewayTls;
  /**
   * Name of the Gateway.
   * @default "gateway"
   */
  readonly name?: string;
  /**
   * Namespace of the Gateway (and of its redirect route and certificates).
   * @default "ingress"
   */
  readonly namespace?: string;
  /**
   * Create the namespace (labelled so the gateway's own routes may attach).
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Which namespaces may attach routes to the HTTPS listeners: `selector` admits namespaces labelled
   * {@link GATEWAY_ACCESS_LABEL}`: "true"`, `all` admits every namespace.
   * @default "selector"
   */
  readonly allowedRoutes?: "selector" | "all";
}

/** The namespace label that admits a namespace's routes to the gateway's HTTPS listeners. */
export const GATEWAY_ACCESS_LABEL = "gateway-access";

/** Name of the plain-HTTP listener (port 80): HTTPS redirect and ACME HTTP-01 challenges only. */
export const HTTP_LISTENER_NAME = "http";

/** Options for {@link TrafficGateway.addHealthRoute}. */
export interface GatewayHealthRouteOptions {
  /**
   * Exact path the gateway answers itself, on every HTTPS hostname.
   * @default "/healthz"
   */
  readonly path?: string;
}

/** The health endpoint a gateway answers without a backend: what a global load balancer probes. */
export interface GatewayHealthRoute {
  /** The path answered. */
  readonly path: string;
  /** The Envoy Gateway `HTTPRouteFilter` holding the direct response. */
  readonly filter: Manifest;
  /** The `HTTPRoute` that applies the filter to the path. */
  readonly route: Manifest;
}

/** A host and path match claimed by a route on a gateway. */
export interface RouteClaim {
  /** Hostname of the match. */
  readonly hostname: string;
  /** `PathPrefix` or `Exact`. */
  readonly pathType: string;
  /** The path. */
  readonly path: string;
  /** Header matches, rendered (`name=value`), that narrow the match; empty when none. */
  readonly headers: readonly string[];
}

/**
 * A Gateway API `Gateway` on a traffic controller: a plain-HTTP listener on port 80 that redirects every request to
 * HTTPS (301) and serves ACME HTTP-01 challenges, and one HTTPS listener on port 443 per hostname that terminates TLS
 * with a cert-manager certificate or an existing Secret. Service routes attach to the HTTPS listeners from namespaces
 * labelled `gateway-access: "true"` (or from every namespace). The gateway keeps a registry of the host and path
 * matches its routes claim, so two services cannot claim the same one.
 *
 * @example
 * const gateway = new TrafficGateway(this, "Gateway", {
 *   controller,
 *   hostnames: ["shop.example.com", "api.example.com"],
 *   tls: { mode: "certManager", issuerName: "letsencrypt-prod" },
 * });
 */
export class TrafficGateway extends Construct {
  /** The Gateway manifest, as an escape hatch. */
  public readonly resource: Manifest;
  /** The HTTP-to-HTTPS redirect route. */
  public readonly redirectRoute: Manifest;
  /** The namespace, when this construct created it. */
  public readonly namespaceResource?: NamespaceV1;
  /** Name of the Gateway. */
  public readonly name: string;
  /** Namespace of the Gateway. */
  public readonly namespace: string;
  /** The controller serving the Gateway. */
  public readonly controller: ITrafficController;
  /** HTTPS listener section names by hostname. */
  public readonly httpsListeners: ReadonlyMap<string, string>;
  /** How TLS certificates are provided. */
  public readonly tls: GatewayTls;
  private readonly claims = new Map<string, string>();
  private healthRoute?: GatewayHealthRoute;

  constructor(scope: Construct, id: string, props: TrafficGatewayProps) {
    super(scope, id);
    const path = "gateway";

    // --- validation, before anything is created ---
    this.controller = props.controller;
    this.name = validateK8sName(`${path}.name`, props.name ?? "gateway");
    this.namespace = validateK8sName(`${path}.namespace`, props.namespace ?? "ingress");
    const allowed = validateEnum(`${path}.allowedRoutes`, props.allowedRoutes ?? "selector", ["selector", "all"])!;
    if (!Array.isArray(props.hostnames) || props.hostnames.length === 0) {
      throw new ValidationError(`${path}.hostnames`, "is empty", props.hostnames, 'name at least one hostname, e.g. ["shop.example.com"]');
    }
    if (props.hostnames.length > 63) {
      throw new ValidationError(`${path}.hostnames`, "has more hostnames than a Gateway has listeners (64, one is HTTP)", props.hostnames.length, "use at most 63 hostnames, or a wildcard");
    }
    props.hostnames.forEach((h, i) => validateHostname(`${path}.hostnames[${i}]`, h));
    validateUnique(`${path}.hostnames`, props.hostnames);
    const listeners = new Map<string, string>();
    const names = new Map<string, string>();
    props.hostnames.forEach((hostname, i) => {
      const section = httpsListenerName(hostname);
      if (names.has(section)) {
        throw new ValidationError(`${path}.hostnames[${i}]`, `gives the same listener name "${section}" as ${names.get(section)}`, hostname, "shorten one of the hostnames (listener names keep their first 63 characters)");
      }
      names.set(section, hostname);
      listeners.set(hostname, section);
    });
    this.httpsListeners = listeners;
    this.tls = validateTls(`${path}.tls`, props.tls);

    // --- namespace ---
    if (props.createNamespace ?? true) {
      this.namespaceResource = new NamespaceV1(this, "Namespace", {
        metadata: { name: this.namespace, labels: { [GATEWAY_ACCESS_LABEL]: "true", "app.kubernetes.io/part-of": "traffic" } },
      });
    }
    const base: ITerraformDependable[] = [...props.controller.crdDependencies, ...(this.namespaceResource ? [this.namespaceResource] : [])];

    // --- the Gateway ---
    const routeNamespaces = allowed === "all" ? { from: "All" } : { from: "Selector", selector: { matchLabels: { [GATEWAY_ACCESS_LABEL]: "true" } } };
    const httpsListeners: IListener[] = [...listeners].map(([hostname, section]) => ({
      name: section,
      protocol: "HTTPS",
      port: 443,
      hostname,
      tls: {
        mode: "Terminate",
        certificateRefs: [{ kind: "Secret", group: "", name: this.tls.mode === "secret" ? this.tls.secretName : `${this.name}-${section}-tls` }],
      },
      allowedRoutes: { namespaces: routeNamespaces, kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }] },
    }));
    const annotations: Record<string, string> = { ...(props.controller.gatewayAnnotations ?? {}) };
    if (this.tls.mode === "certManager") annotations["cert-manager.io/cluster-issuer"] = this.tls.issuerName;
    const gateway: IGateway = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: this.name, namespace: this.namespace, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
      spec: {
        gatewayClassName: props.controller.gatewayClassName,
        listeners: [
          // Only the gateway's own namespace may attach here: the redirect and cert-manager's HTTP-01 solver routes.
          { name: HTTP_LISTENER_NAME, protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } },
          ...httpsListeners,
        ],
      },
    };
    this.resource = crdManifest(this, "Resource", gateway, base);

    // --- HTTP to HTTPS ---
    const redirect: IHTTPRoute = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: `${this.name}-https-redirect`.slice(0, 63), namespace: this.namespace },
      spec: {
        parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: this.name, sectionName: HTTP_LISTENER_NAME }],
        rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
      },
    };
    this.redirectRoute = crdManifest(this, "HttpsRedirect", redirect, [...base, this.resource]);
  }

  /** What a route or policy on this gateway must depend on: the controller's CRDs and the Gateway. */
  public get routeDependencies(): ITerraformDependable[] {
    return [...this.controller.crdDependencies, this.resource];
  }

  /**
   * Makes the gateway answer `GET`/`HEAD <path>` on every HTTPS hostname with `200 ok` itself (an Envoy Gateway
   * `HTTPRouteFilter` direct response), so a global load balancer (Front Door, Traffic Manager) can probe the region's
   * entry point through the same listener, certificate and load balancer that clients use. The answer proves the
   * region's ingress path works; each service's own health is the gateway's business (passive health checks), so one
   * failing service does not take a whole region out of rotation. Envoy Gateway only.
   */
  public addHealthRoute(options: GatewayHealthRouteOptions = {}): GatewayHealthRoute {
    const path = "gateway.healthRoute";
    if (this.healthRoute) {
      throw new ValidationError(path, "is already configured on this gateway", this.healthRoute.path, "add the health route once");
    }
    if (!this.controller.supportsEnvoyGatewayPolicies) {
      throw new ValidationError(path, `needs an Envoy Gateway direct response, which controller ${this.controller.controllerName} does not implement`, this.name, "use the Envoy Gateway controller, or probe a service's own health path");
    }
    const probePath = options.path ?? "/healthz";
    validatePattern(`${path}.path`, probePath, /^\/[A-Za-z0-9._~\/-]{0,255}$/, 'use an absolute path of letters, digits and "._~/-", e.g. "/healthz"');
    const name = `${this.name}-health`.slice(0, 63);
    this.claimRoute(name, [...this.httpsListeners.keys()].map((hostname) => ({ hostname, pathType: "Exact", path: probePath, headers: [] })));
    const filter: IHTTPRouteFilter = {
      apiVersion: "gateway.envoyproxy.io/v1alpha1",
      kind: "HTTPRouteFilter",
      metadata: { name, namespace: this.namespace },
      spec: { directResponse: { statusCode: 200, contentType: "text/plain", body: { type: "Inline", inline: "ok" } } },
    };
    const filterResource = crdManifest(this, "HealthFilter", filter, this.routeDependencies);
    const route: IHTTPRoute = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name, namespace: this.namespace },
      spec: {
        parentRefs: [...this.httpsListeners.values()].map((sectionName) => ({ group: "gateway.networking.k8s.io", kind: "Gateway", name: this.name, sectionName })),
        rules: [
          {
            matches: [{ path: { type: "Exact", value: probePath } }],
            filters: [{ type: "ExtensionRef", extensionRef: { group: "gateway.envoyproxy.io", kind: "HTTPRouteFilter", name } }],
          },
        ],
      },
    };
    const routeResource = crdManifest(this, "HealthRoute", route, [...this.routeDependencies, filterResource]);
    this.healthRoute = { path: probePath, filter: filterResource, route: routeResource };
    return this.healthRoute;
  }

  /** The health route, once {@link addHealthRoute} was called. */
  public get health(): GatewayHealthRoute | undefined {
    return this.healthRoute;
  }

  /**
   * The HTTPS listener section names serving any of `hostnames`. Fails (at `path`) for a hostname no listener serves.
   */
  public listenersFor(path: string, hostnames: readonly string[]): string[] {
    const sections = new Set<string>();
    hostnames.forEach((host, i) => {
      const matching = [...this.httpsListeners].filter(([listenerHost]) => hostnamesIntersect(listenerHost, host)).map(([, section]) => section);
      if (matching.length === 0) {
        throw new ValidationError(`${path}[${i}]`, `is not served by gateway ${this.name}`, host, `use a hostname covered by ${[...this.httpsListeners.keys()].map((h) => `"${h}"`).join(", ")}`);
      }
      matching.forEach((s) => sections.add(s));
    });
    return [...sections];
  }

  /**
   * Records the host and path matches of route `routeName`; fails at `gateway.routes.<routeName>.paths` when another
   * route already claims one of them (same host, match type, path and header matches).
   */
  public claimRoute(routeName: string, claims: readonly RouteClaim[]): void {
    const keys = claims.map((c) => ({ claim: c, key: `${c.hostname}|${c.pathType}|${c.path}|${[...c.headers].sort().join("&")}` }));
    for (const { claim, key } of keys) {
      const owner = this.claims.get(key);
      if (owner !== undefined && owner !== routeName) {
        const headers = claim.headers.length > 0 ? ` with headers ${claim.headers.join(", ")}` : "";
        throw new ValidationError(`gateway.routes.${routeName}.paths`, `claims ${claim.hostname}${claim.path} (${claim.pathType}${headers}), which route ${owner} already routes`, claim.path, "route each host and path to one service (or tell them apart with header matches)");
      }
    }
    for (const { key } of keys) this.claims.set(key, routeName);
  }
}

function validateTls(path: string, tls: GatewayTls): GatewayTls {
  validateEnum(`${path}.mode`, tls?.mode, ["certManager", "secret"]);
  if (tls.mode === "certManager") validateK8sNameOrSubdomain(`${path}.issuerName`, tls.issuerName);
  else validateK8sNameOrSubdomain(`${path}.secretName`, tls.secretName);
  return tls;
}

/** Secrets and ClusterIssuers take DNS subdomain names (dots allowed, at most 253 characters). */
function validateK8sNameOrSubdomain(path: string, value: string): string {
  if (isUnresolved(value)) return value;
  if (typeof value !== "string" || value.length > 253 || !value.split(".").every((part) => /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(part))) {
    throw new ValidationError(path, "is not a valid Kubernetes name", value, "use lowercase letters, digits, '-' and '.', at most 253 characters");
  }
  return value;
}
