import { App, TerraformStack, Testing } from "cdktf";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { EnvoyGatewayController, EnvoyGatewayControllerProps } from "../../lib/traffic/traffic-controller";
import { TrafficGateway, TrafficGatewayProps } from "../../lib/traffic/gateway";
import { ServiceRoute, ServiceRouteProps } from "../../lib/traffic/route";

export { expectValidationError } from "../support/expect-validation-error";

/** The platform's static public IP as the apps stack receives it. */
export const PUBLIC_IP = { name: "pip-shop-gateway-prod-weu", resourceGroupName: "rg-shop-prod-weu", ipAddress: "20.0.0.10" };

/** An apps stack with the kubernetes and helm providers. */
export function appsStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "apps");
  new KubernetesProvider(stack, "kubernetes", {});
  new HelmProvider(stack, "helm", {});
  return { app, stack };
}

/** A stack with an Envoy Gateway controller (public exposure unless told) with id `Traffic`. */
export function controllerFixture(props: Partial<EnvoyGatewayControllerProps> = {}) {
  const { app, stack } = appsStack();
  const controller = new EnvoyGatewayController(stack, "Traffic", { exposure: { type: "public", publicIp: PUBLIC_IP }, ...props });
  return { app, stack, controller };
}

/** A stack with a controller and a gateway for `shop.example.com` and `*.api.example.com`, with id `Gateway`. */
export function gatewayFixture(props: Partial<TrafficGatewayProps> = {}, controllerProps: Partial<EnvoyGatewayControllerProps> = {}) {
  const base = controllerFixture(controllerProps);
  const gateway = new TrafficGateway(base.stack, "Gateway", {
    controller: base.controller,
    hostnames: ["shop.example.com", "*.api.example.com"],
    tls: { mode: "certManager", issuerName: "letsencrypt-prod" },
    ...props,
  });
  return { ...base, gateway };
}

/** A synthesized resource: its Terraform arguments in snake_case. */
export type Synthesized = Record<string, any>;

/** The synthesized resources of one type, in logical-id order. */
export function resources(synthesized: string, type: string): Synthesized[] {
  return Object.values((JSON.parse(synthesized) as { resource?: Record<string, Record<string, Synthesized>> }).resource?.[type] ?? {});
}

/** The `manifest` of every `kubernetes_manifest`, in logical-id order. */
export function manifests(synthesized: string): Record<string, any>[] {
  return resources(synthesized, "kubernetes_manifest").map((r) => r.manifest);
}

/** The one manifest of `kind` (and `name`, when given); fails when there is not exactly one. */
export function manifestOf(synthesized: string, kind: string, name?: string): Record<string, any> {
  const found = manifests(synthesized).filter((m) => m.kind === kind && (name === undefined || m.metadata?.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` named ${name}` : ""}, found ${found.length}`);
  return found[0];
}

/** The `kubernetes_manifest` resource (with depends_on) whose manifest is of `kind` and `name`. */
export function manifestResource(synthesized: string, kind: string, name: string): Synthesized {
  const found = resources(synthesized, "kubernetes_manifest").filter((r) => r.manifest.kind === kind && r.manifest.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} named ${name}, found ${found.length}`);
  return found[0];
}

/** The parsed values of the one helm_release named `name`. */
export function helmValues(synthesized: string, name: string): Record<string, any> {
  const release = resources(synthesized, "helm_release").find((r) => r.name === name);
  if (!release) throw new Error(`no helm_release named ${name}`);
  return JSON.parse(release.values[0]);
}

/** The order service behind the gateway of {@link gatewayFixture}. */
export const ORDER_BACKEND = { serviceName: "order", namespace: "shop", port: 8080 };

/** Creates a ServiceRoute `Route` for the order service (plus `props`) on a fresh gateway and synthesizes the stack. */
export function synthRoute(props: Partial<ServiceRouteProps> = {}, controllerProps: Partial<EnvoyGatewayControllerProps> = {}): string {
  const { stack, gateway } = gatewayFixture({}, controllerProps);
  new ServiceRoute(stack, "Route", { gateway, backend: ORDER_BACKEND, hostnames: ["shop.example.com"], paths: [{ path: "/order" }], ...props });
  return Testing.synth(stack);
}
