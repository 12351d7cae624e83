/**
 * The `SecretProviderClass` of the Secrets Store CSI driver (`secrets-store.csi.x-k8s.io/v1`), with the parameters of
 * the Azure Key Vault provider. No schema package covers this CRD, so its shape is written down here from the driver's
 * CRD and the provider's parameter names (pkg/provider/types in Azure/secrets-store-csi-driver-provider-azure:
 * `usePodIdentity`, `clientID`, `keyvaultName`, `tenantId`, `objects`); typing the manifest with it keeps misspelt
 * fields out.
 */
export interface ISecretProviderClass {
  readonly apiVersion: "secrets-store.csi.x-k8s.io/v1";
  readonly kind: "SecretProviderClass";
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels?: Record<string, string> };
  readonly spec: {
    readonly provider: "azure";
    /** Kubernetes Secrets the driver keeps in sync with the mounted objects, while a pod mounts the volume. */
    readonly secretObjects?: readonly SecretObject[];
    readonly parameters: AzureKeyVaultProviderParameters;
  };
}

/** A Kubernetes Secret synced from mounted objects. */
export interface SecretObject {
  readonly secretName: string;
  readonly type: "Opaque";
  readonly labels?: Record<string, string>;
  /** Each key of the Secret and the mounted object (its alias, or name) it is read from. */
  readonly data: readonly { readonly objectName: string; readonly key: string }[];
}

/** Parameters of the Azure Key Vault provider; every value is a string. */
export interface AzureKeyVaultProviderParameters {
  /** `"false"`: not the retired AAD Pod Identity. */
  readonly usePodIdentity: "false";
  /** Client ID of the workload identity the provider exchanges the pod's service account token for. */
  readonly clientID: string;
  readonly keyvaultName: string;
  readonly tenantId: string;
  /** YAML `array:` of block strings, one YAML document per object (see {@link renderObjects}). */
  readonly objects: string;
}

/** One Key Vault object the provider fetches. */
export interface KeyVaultObject {
  readonly objectName: string;
  readonly objectType: "secret";
  readonly objectAlias?: string;
  readonly objectVersion?: string;
}

/**
 * Renders the `objects` parameter as the provider documents it: YAML with an `array` of block strings, each one object's
 * own YAML document. Values are written as double-quoted scalars (JSON string syntax, which YAML reads), so a name such
 * as `123` or `true` stays a string.
 */
export function renderObjects(objects: readonly KeyVaultObject[]): string {
  const lines = ["array:"];
  for (const object of objects) {
    lines.push("  - |");
    for (const [key, value] of Object.entries(object)) lines.push(`    ${key}: ${JSON.stringify(value)}`);
  }
  return `${lines.join("\n")}\n`;
}
