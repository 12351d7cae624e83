import { TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";

/** Options for {@link protectDataStore}. */
export interface DataProtectionOptions {
  /**
   * Add a `CanNotDelete` management lock, so neither Terraform nor the portal can delete the resource until the lock
   * is removed on purpose.
   * @default true
   */
  readonly lock?: boolean;
  /**
   * Set Terraform's `lifecycle.prevent_destroy`, so a plan that would destroy the resource fails.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/** Whether a construct protects its stateful resources: production does, development opts out. */
export interface ProtectionProps {
  /**
   * Protect the stateful resource against deletion: `lifecycle.prevent_destroy` and a `CanNotDelete` lock.
   * @default true
   */
  readonly protect?: boolean;
}

/**
 * Guards a stateful resource (database, cache, storage, namespace, vault) against deletion: Terraform's
 * `prevent_destroy` and an Azure `CanNotDelete` lock. Returns the lock, if one was created.
 */
export function protectDataStore(scope: Construct, resource: TerraformResource & { readonly id: string }, options: DataProtectionOptions = {}): ManagementLock | undefined {
  if (options.preventDestroy ?? true) {
    resource.lifecycle = { ...(resource.lifecycle ?? {}), preventDestroy: true };
  }
  if (!(options.lock ?? true)) return undefined;
  return new ManagementLock(scope, "DeleteLock", {
    name: "lock-cannot-delete",
    scope: resource.id,
    lockLevel: "CanNotDelete",
    notes: "Stateful resource managed by the platform blueprints; remove the lock deliberately before deleting.",
  });
}
