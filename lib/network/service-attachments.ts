import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { ResourceNamer } from "../core/naming";
import { protectDataStore, ProtectionProps } from "../core/protection";
import { DiagnosticSettings, DiagnosticSettingsProps } from "../observability/diagnostic-settings";
import { LogAnalytics } from "../observability/log-analytics";
import { PrivateEndpoint, PrivateEndpointPlacement } from "./private-endpoint";

/**
 * The props of a service construct that {@link addServiceAttachments} reads. Every private PaaS construct of the
 * library has them under these names, so it passes its own props.
 */
export interface ServiceAttachmentProps extends ProtectionProps {
  /** Resource group of the service; the private endpoint goes into it. */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region, for the private endpoint's names. */
  readonly namer: ResourceNamer;
  /**
   * Where to place a private endpoint for the service.
   * @default - no private endpoint
   */
  readonly privateEndpoint?: PrivateEndpointPlacement;
  /**
   * Workspace that receives the service's logs and metrics.
   * @default - no diagnostic settings
   */
  readonly logAnalytics?: LogAnalytics;
}

/** What only the service construct knows: how its private endpoint and diagnostics are set up. */
export interface ServiceAttachmentOptions {
  /**
   * The service's sub-resource (group ID: `vault`, `redisCache`, `namespace`, `topic`, …) and the word that tells its
   * endpoint apart in names (`kv`, `sbpayments`).
   * @default - the service takes no private endpoint: `props.privateEndpoint` is not read
   */
  readonly privateEndpoint?: { readonly subresource: string; readonly qualifier: string };
  /**
   * Settings of the diagnostic setting beyond its target and workspace, e.g. `{ dedicatedTables: false }` for services
   * that write to `AzureDiagnostics` only.
   * @default - the {@link DiagnosticSettings} defaults
   */
  readonly diagnostics?: Omit<DiagnosticSettingsProps, "targetResourceId" | "workspace">;
}

/** What {@link addServiceAttachments} created. */
export interface ServiceAttachments {
  /** The private endpoint, when the props place one. */
  readonly privateEndpoint?: PrivateEndpoint;
  /** The diagnostic settings, when the props name a workspace. */
  readonly diagnostics?: DiagnosticSettings;
  /** The `CanNotDelete` lock, when the resource is protected. */
  readonly deleteLock?: ManagementLock;
}

/**
 * Adds what every private PaaS construct of the library puts next to its main resource, in this order: a private
 * endpoint (construct id `PrivateEndpoint`) when `props.privateEndpoint` is set and the service names its sub-resource
 * in `options`, diagnostic settings (`Diagnostics`) when `props.logAnalytics` is set, and deletion protection
 * ({@link protectDataStore}: `prevent_destroy` and `DeleteLock`) unless `props.protect` is false. The ids are fixed
 * because they are Terraform addresses. Call it once from the service construct's constructor, after `resource`
 * exists; a resource that holds no data passes `protect: false`.
 *
 * @example
 * const attached = addServiceAttachments(this, this.resource, props, {
 *   privateEndpoint: { subresource: "namespace", qualifier: `sb${props.qualifier ?? ""}` },
 * });
 */
export function addServiceAttachments(
  scope: Construct,
  resource: TerraformResource & { readonly id: string },
  props: ServiceAttachmentProps,
  options: ServiceAttachmentOptions = {},
): ServiceAttachments {
  const privateEndpoint = props.privateEndpoint && options.privateEndpoint
    ? new PrivateEndpoint(scope, "PrivateEndpoint", {
        network: props.privateEndpoint.network,
        dnsZone: props.privateEndpoint.dnsZone,
        resourceGroup: props.resourceGroup,
        namer: props.namer,
        targetResourceId: resource.id,
        subresource: options.privateEndpoint.subresource,
        qualifier: options.privateEndpoint.qualifier,
      })
    : undefined;
  const diagnostics = props.logAnalytics
    ? new DiagnosticSettings(scope, "Diagnostics", { ...options.diagnostics, targetResourceId: resource.id, workspace: props.logAnalytics })
    : undefined;
  const deleteLock = (props.protect ?? true) ? protectDataStore(scope, resource) : undefined;
  return { privateEndpoint, diagnostics, deleteLock };
}
