import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Testing } from "cdktf";
import { KeyVault } from "../../lib/security/key-vault";
import { Microservice, MicroserviceProps } from "../../lib/workloads/microservice";
import { TeamNamespace, TeamNamespaceProps } from "../../lib/workloads/team-namespace";
import { StackFixture, testStack } from "../network/fixtures";

export { expectValidationError, resourceList, resourceNamed, resourcesOf } from "../network/fixtures";

export const ISSUER = "https://westeurope.oic.prod-aks.azure.com/11111111-2222-3333-4444-555555555555/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/";
export const TENANT = "11111111-2222-3333-4444-555555555555";
export const IMAGE = "myacr.azurecr.io/orders:1.4.2";

/** A stack with the azurerm and kubernetes providers, a resource group and a namer. */
export function appsStack(region?: string): StackFixture {
  const f = testStack(region);
  new KubernetesProvider(f.stack, "kubernetes", {});
  return f;
}

/** A stack with a TeamNamespace `Team` built from `props` over `{ team: "payments" }`. */
export function namespaceFixture(props: Partial<TeamNamespaceProps> = {}): StackFixture & { readonly namespace: TeamNamespace } {
  const f = appsStack();
  const namespace = new TeamNamespace(f.stack, "Team", { team: "payments", ...props });
  return { ...f, namespace };
}

/** Everything a Microservice needs besides its own settings. */
export interface ServiceFixture extends StackFixture {
  readonly namespace: TeamNamespace;
  /** Builds the required props over `props`. */
  readonly props: (props?: Partial<MicroserviceProps>) => MicroserviceProps;
}

/** A stack with a namespace `payments` (gateway access) and a props builder for services in it. */
export function serviceFixture(namespaceProps: Partial<TeamNamespaceProps> = {}): ServiceFixture {
  const f = namespaceFixture({ gatewayAccess: true, ...namespaceProps });
  const props = (extra: Partial<MicroserviceProps> = {}): MicroserviceProps => ({
    namespace: f.namespace,
    name: "orders",
    image: IMAGE,
    resourceGroup: f.resourceGroup,
    namer: f.namer,
    oidcIssuerUrl: ISSUER,
    ...extra,
  });
  return { ...f, props };
}

/** A Microservice `Orders` built from `props`, with its fixture. */
export function microservice(props: Partial<MicroserviceProps> = {}, namespaceProps: Partial<TeamNamespaceProps> = {}): ServiceFixture & { readonly service: Microservice } {
  const f = serviceFixture(namespaceProps);
  const service = new Microservice(f.stack, "Orders", f.props(props));
  return { ...f, service };
}

/** Synthesizes a Microservice `Orders` built from `props`. */
export function synthService(props: Partial<MicroserviceProps> = {}, namespaceProps: Partial<TeamNamespaceProps> = {}): string {
  return Testing.synth(microservice(props, namespaceProps).stack);
}

/** A Key Vault in the fixture's stack. */
export function vault(f: StackFixture): KeyVault {
  return new KeyVault(f.stack, "Vault", { resourceGroup: f.resourceGroup, namer: f.namer, tenantId: TENANT });
}

/** The `manifest` argument of the one kubernetes_manifest whose manifest has `kind`. */
export function manifestOfKind(synthesized: string, kind: string): Record<string, any> {
  const parsed = JSON.parse(synthesized) as { resource?: Record<string, Record<string, { manifest: Record<string, any> }>> };
  const matches = Object.values(parsed.resource?.kubernetes_manifest ?? {}).filter((r) => r.manifest.kind === kind);
  if (matches.length !== 1) throw new Error(`expected one kubernetes_manifest of kind ${kind}, found ${matches.length}`);
  return matches[0].manifest;
}
