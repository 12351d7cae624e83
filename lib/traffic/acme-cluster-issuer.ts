import { Construct } from "constructs";
import type { IClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ValidationError } from "../core/errors";
import { validateResourceName } from "../core/naming";
import { isUnresolved, validateGuid, validatePattern } from "../core/validate";
import { CertManager } from "./cert-manager";
import { HTTP_LISTENER_NAME, TrafficGateway } from "./gateway";
import { crdManifest, validateK8sName } from "./private/k8s";

/** Let's Encrypt's production ACME directory. */
export const LETSENCRYPT_PRODUCTION = "https://acme-v02.api.letsencrypt.org/directory";
/** Let's Encrypt's staging ACME directory (untrusted certificates, generous rate limits). */
export const LETSENCRYPT_STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";

/**
 * How the issuer proves control of a domain: HTTP-01 through the gateway's plain-HTTP listener, or DNS-01 with a TXT
 * record in an Azure DNS zone.
 */
export type AcmeSolver = AcmeHttp01Solver | AcmeAzureDnsSolver;

/**
 * HTTP-01: cert-manager creates a short-lived HTTPRoute on the gateway's HTTP listener per challenge, and the CA
 * fetches `http://<host>/.well-known/acme-challenge/<token>`. Works only when the hostname resolves to this gateway:
 * behind a global edge (Front Door, Traffic Manager) the CA's request reaches one region, so the others never get a
 * certificate. Use {@link AcmeAzureDnsSolver} there.
 */
export interface AcmeHttp01Solver {
  readonly type: "http01";
}

/**
 * DNS-01 with Azure DNS: cert-manager writes the `_acme-challenge` TXT record into the zone, authenticating as a
 * user-assigned managed identity through Azure workload identity. Every region can prove control, whichever region
 * the hostname points at, and wildcard hostnames can be issued. The controller must run with workload identity
 * ({@link CertManagerProps.workloadIdentity}), the identity must trust the controller's service account
 * ({@link CertManager.workloadIdentitySubject}) and hold `DNS Zone Contributor` on the zone
 * (https://cert-manager.io/docs/configuration/acme/dns01/azuredns/).
 */
export interface AcmeAzureDnsSolver {
  readonly type: "azureDns";
  /** Name of the Azure DNS zone the hostnames are in, e.g. `shop.example.com`. */
  readonly hostedZoneName: string;
  /** Resource group of the zone. */
  readonly resourceGroupName: string;
  /** Subscription of the zone (a GUID). */
  readonly subscriptionId: string;
  /** Client ID of the managed identity cert-manager authenticates as (`UserAssignedIdentity.clientId`). */
  readonly managedIdentityClientId: string;
}

/** Props for {@link AcmeClusterIssuer}. */
export interface AcmeClusterIssuerProps {
  /** The cert-manager installation (the ClusterIssuer CRD comes with it). */
  readonly certManager: CertManager;
  /**
   * The gateway whose HTTP listener serves the HTTP-01 challenges.
   * @default - none; required with the HTTP-01 solver, unused with DNS-01
   */
  readonly gateway?: TrafficGateway;
  /** Contact e-mail of the ACME account (expiry and policy notices). */
  readonly email: string;
  /**
   * Name of the ClusterIssuer.
   * @default "letsencrypt-prod"
   */
  readonly name?: string;
  /**
   * ACME directory: `production`, `staging`, or the https URL of another ACME server.
   * @default "production" (Let's Encrypt)
   */
  readonly server?: "production" | "staging" | string;
  /**
   * How domain control is proved.
   * @default { type: "http01" } (through `gateway`)
   */
  readonly solver?: AcmeSolver;
}

/** The ACME challenge solvers of the ClusterIssuer's spec, as the cert-manager model types them. */
type Solvers = NonNullable<NonNullable<IClusterIssuer["spec"]["acme"]>["solvers"]>;

/** An Azure DNS zone name: at least two RFC 1123 labels, lowercase, no trailing dot, no wildcard. */
export const DNS_ZONE_NAME_PATTERN = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * A cert-manager `ClusterIssuer` for an ACME CA (Let's Encrypt production by default). By default it proves domain
 * control with HTTP-01 challenges served through the gateway's plain-HTTP listener (cert-manager creates a short-lived
 * HTTPRoute per challenge); behind a global edge, use DNS-01 with Azure DNS ({@link AcmeAzureDnsSolver}), since the
 * edge sends the CA's HTTP-01 request to one region only. Name it in the gateway's
 * `tls: { mode: "certManager", issuerName }`.
 *
 * @example
 * new AcmeClusterIssuer(this, "AcmeIssuer", {
 *   certManager,
 *   email: "platform@example.com",
 *   solver: { type: "azureDns", hostedZoneName: "shop.example.com", resourceGroupName: "rg-shop-dns", subscriptionId, managedIdentityClientId: identity.clientId },
 * });
 */
export class AcmeClusterIssuer extends Construct {
  /** The ClusterIssuer manifest, as an escape hatch. */
  public readonly resource: Manifest;
  /** Name of the ClusterIssuer. */
  public readonly issuerName: string;
  /** The ACME directory URL. */
  public readonly server: string;
  /** The solver type: `http01` or `azureDns`. */
  public readonly solverType: AcmeSolver["type"];

  constructor(scope: Construct, id: string, props: AcmeClusterIssuerProps) {
    super(scope, id);
    const path = "acmeIssuer";
    this.issuerName = validateK8sName(`${path}.name`, props.name ?? "letsencrypt-prod");
    validatePattern(`${path}.email`, props.email, EMAIL, 'use the e-mail address of the team that owns the certificates, e.g. "platform@example.com"');
    const server = props.server ?? "production";
    this.server = server === "production" ? LETSENCRYPT_PRODUCTION : server === "staging" ? LETSENCRYPT_STAGING : server;
    if (!isUnresolved(this.server) && !/^https:\/\/[^\s/$.?#][^\s]*$/.test(this.server)) {
      throw new ValidationError(`${path}.server`, "is not production, staging or an https URL", server, 'use "production", "staging" or the https URL of an ACME directory');
    }
    const solver = props.solver ?? { type: "http01" };
    this.solverType = solver.type;
    const solvers = renderSolvers(`${path}.solver`, solver, props.gateway);

    const issuer: IClusterIssuer = {
      apiVersion: "cert-manager.io/v1",
      kind: "ClusterIssuer",
      metadata: { name: this.issuerName },
      spec: {
        acme: {
          email: props.email,
          server: this.server,
          privateKeySecretRef: { name: `${this.issuerName}-account-key` },
          solvers,
        },
      },
    };
    const dependencies = [...props.certManager.crdDependencies, ...(solver.type === "http01" && props.gateway ? [props.gateway.resource] : [])];
    this.resource = crdManifest(this, "Resource", issuer, dependencies);
  }
}

/** Checks the solver and renders it as the issuer's `solvers` list. */
function renderSolvers(path: string, solver: AcmeSolver, gateway: TrafficGateway | undefined): Solvers {
  switch (solver.type) {
    case "http01":
      if (!gateway) {
        throw new ValidationError("acmeIssuer.gateway", "is missing, and the HTTP-01 solver serves challenges through a gateway's HTTP listener", undefined, 'pass the gateway, or use solver { type: "azureDns", ... }');
      }
      return [
        {
          http01: {
            gatewayHTTPRoute: {
              parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.name, namespace: gateway.namespace, sectionName: HTTP_LISTENER_NAME }],
            },
          },
        },
      ];
    case "azureDns":
      validatePattern(`${path}.hostedZoneName`, solver.hostedZoneName, DNS_ZONE_NAME_PATTERN, 'use the Azure DNS zone\'s name, e.g. "shop.example.com" (lowercase labels, no trailing dot, no wildcard)');
      validateResourceName(`${path}.resourceGroupName`, "resource_group", solver.resourceGroupName);
      validateGuid(`${path}.subscriptionId`, solver.subscriptionId, "the zone's subscription ID");
      validateGuid(`${path}.managedIdentityClientId`, solver.managedIdentityClientId, "the managed identity's client ID");
      return [
        {
          dns01: {
            azureDNS: {
              hostedZoneName: solver.hostedZoneName,
              resourceGroupName: solver.resourceGroupName,
              subscriptionID: solver.subscriptionId,
              environment: "AzurePublicCloud",
              // Overrides the AZURE_CLIENT_ID the workload identity webhook injects, so the chart needs no client ID.
              managedIdentity: { clientID: solver.managedIdentityClientId },
            },
          },
        },
      ];
    default:
      throw new ValidationError(`${path}.type`, "is not a solver type", (solver as { type?: unknown }).type, 'use "http01" or "azureDns"');
  }
}
