/**
 * Typed references the messaging constructs take where the library has no construct of its own for the target yet
 * (storage accounts) or where several kinds of object fit (a queue of this library, a raw L1 queue, a data source).
 * Anything with the resource ID satisfies them structurally, so Terraform dependencies follow from the reference.
 */

/** Any Azure resource, referenced by its resource ID. */
export interface ResourceReference {
  /** Resource ID of the target. */
  readonly id: string;
}

/**
 * A storage account (an `azurerm_storage_account` L1, its data source, or a future storage construct of this
 * library), referenced by its resource ID.
 */
export interface StorageAccountReference {
  /** Resource ID of the storage account. */
  readonly id: string;
}
