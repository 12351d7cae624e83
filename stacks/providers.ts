import { TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";

/**
 * The azurerm provider every stack uses: Entra ID for storage data-plane calls, resource groups that refuse to be
 * deleted while they hold resources, and storage managed through Resource Manager only (accounts are private).
 */
export function addAzurermProvider(stack: TerraformStack): AzurermProvider {
  return new AzurermProvider(stack, "azurerm", {
    features: [{ resourceGroup: [{ preventDeletionIfContainsResources: true }], storage: [{ dataPlaneAvailable: false }] }],
    storageUseAzuread: true,
  });
}
