import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { ValidationError } from "../core/errors";
import { isUnresolved, validatePattern } from "../core/validate";
import { CertManager } from "./cert-manager";
import { HTTP_LISTENER_NAME, TrafficGateway } from "./gateway";
import { crdManifest, validateK8sName } from "./private/k8s";

/** Let's Encrypt's production ACME directory. */
export const LETSENCRYPT_PRODUCTION = "https://acme-v02.api.letsencrypt.org/directory";
/** Let's Encrypt's staging ACME directory (untrusted certificates, generous rate limits). */
export const LETSENCRYPT_STAGING = "https://acme-staging-v02.api.letsencrypt.org/directory";

/** Props for {@link AcmeClusterIssuer}. */
export interface AcmeClusterIssuerProps {
  /** The cert-manager installation (the ClusterIssuer CRD comes with it). */
  readonly certManager: CertManager;
  /** The gateway whose HTTP listener serves the HTTP-01 challenges. */
  readonly gateway: TrafficGateway;
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
}

/**
 * The shape of the cert-manager `ClusterIssuer` (cert-manager.io/v1) fields written here. `@kubernetes-models/cert-manager`
 * is not a dev dependency, so this local subset types the manifest until it is.
 */
interface ClusterIssuerManifest {
  readonly apiVersion: "cert-manager.io/v1";
  readonly kind: "ClusterIssuer";
  readonly metadata: { readonly name: string };
  readonly spec: {
    readonly acme: {
      readonly email: string;
      readonly server: string;
      readonly privateKeySecretRef: { readonly name: string };
      readonly solvers: {
        readonly http01: {
          readonly gatewayHTTPRoute: { readonly parentRefs: { readonly group: string; readonly kind: string; readonly name: string; readonly namespace: string; readonly sectionName: string }[] };
        };
      }[];
    };
  };
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * A cert-manager `ClusterIssuer` for an ACME CA (Let's Encrypt production by default) that proves domain control with
 * HTTP-01 challenges served through the gateway's plain-HTTP listener (cert-manager creates a short-lived HTTPRoute
 * per challenge). Name it in the gateway's `tls: { mode: "certManager", issuerName }`.
 */
export class AcmeClusterIssuer extends Construct {
  /** The ClusterIssuer manifest, as an escape hatch. */
  public readonly resource: Manifest;
  /** Name of the ClusterIssuer. */
  public readonly issuerName: string;
  /** The ACME directory URL. */
  public readonly server: string;

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

    const issuer: ClusterIssuerManifest = {
      apiVersion: "cert-manager.io/v1",
      kind: "ClusterIssuer",
      metadata: { name: this.issuerName },
      spec: {
        acme: {
          email: props.email,
          server: this.server,
          privateKeySecretRef: { name: `${this.issuerName}-account-key` },
          solvers: [
            {
              http01: {
                gatewayHTTPRoute: {
                  parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: props.gateway.name, namespace: props.gateway.namespace, sectionName: HTTP_LISTENER_NAME }],
                },
              },
            },
          ],
        },
      },
    };
    this.resource = crdManifest(this, "Resource", issuer, [...props.certManager.crdDependencies, props.gateway.resource]);
  }
}
