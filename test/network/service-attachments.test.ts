import { Testing } from "cdktf";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { PrivateEndpoint as AzPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { PRIVATE_DNS_ZONE_NAMES, PrivateDnsZone } from "../../lib/network/private-dns-zone";
import { addServiceAttachments } from "../../lib/network/service-attachments";
import { VirtualNetwork } from "../../lib/network/virtual-network";
import { LogAnalytics } from "../../lib/observability/log-analytics";
import { resourceList, testStack } from "./fixtures";

function fixture() {
  const f = testStack();
  const network = new VirtualNetwork(f.stack, "Network", { resourceGroup: f.resourceGroup, namer: f.namer, addressSpace: "10.10.0.0/16" });
  const dnsZone = new PrivateDnsZone(f.stack, "KeyVaultZone", { resourceGroup: f.resourceGroup, zoneName: PRIVATE_DNS_ZONE_NAMES.keyVault });
  const logs = new LogAnalytics(f.stack, "Logs", { resourceGroup: f.resourceGroup, namer: f.namer });
  // Any resource with an ID stands in for a service's main resource.
  const resource = new ResourceGroup(f.stack, "Target", { name: "rg-target", location: "westeurope" });
  const props = { resourceGroup: f.resourceGroup, namer: f.namer };
  return { ...f, network, dnsZone, logs, resource, props };
}

const VAULT_ENDPOINT = { privateEndpoint: { subresource: "vault", qualifier: "kv" } };

describe("addServiceAttachments", () => {
  it("adds only deletion protection by default", () => {
    const f = fixture();
    const attached = addServiceAttachments(f.stack, f.resource, f.props, VAULT_ENDPOINT);
    const out = Testing.synth(f.stack);
    expect(attached.privateEndpoint).toBeUndefined();
    expect(attached.diagnostics).toBeUndefined();
    expect(attached.deleteLock?.node.id).toBe("DeleteLock");
    expect(out).toHaveResourceWithProperties(ManagementLock, { scope: "${azurerm_resource_group.Target.id}", lock_level: "CanNotDelete" });
    expect(f.resource.lifecycle?.preventDestroy).toBe(true);
    expect(resourceList(out, "azurerm_private_endpoint")).toHaveLength(0);
    expect(resourceList(out, "azurerm_monitor_diagnostic_setting")).toHaveLength(0);
  });

  it("places the private endpoint for the sub-resource, with the construct id PrivateEndpoint", () => {
    const f = fixture();
    const attached = addServiceAttachments(f.stack, f.resource, { ...f.props, privateEndpoint: { network: f.network, dnsZone: f.dnsZone } }, VAULT_ENDPOINT);
    expect(attached.privateEndpoint?.node.id).toBe("PrivateEndpoint");
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(AzPrivateEndpoint, {
      name: "pep-shop-kv-prod-weu",
      private_service_connection: { name: "psc-kv", is_manual_connection: false, private_connection_resource_id: "${azurerm_resource_group.Target.id}", subresource_names: ["vault"] },
    });
  });

  it("places no private endpoint for a service that names no sub-resource", () => {
    const f = fixture();
    const attached = addServiceAttachments(f.stack, f.resource, { ...f.props, privateEndpoint: { network: f.network, dnsZone: f.dnsZone } });
    expect(attached.privateEndpoint).toBeUndefined();
    expect(resourceList(Testing.synth(f.stack), "azurerm_private_endpoint")).toHaveLength(0);
  });

  it("sends the resource's logs and metrics to the workspace, with the diagnostic options given", () => {
    const f = fixture();
    const attached = addServiceAttachments(f.stack, f.resource, { ...f.props, logAnalytics: f.logs }, { diagnostics: { dedicatedTables: false } });
    expect(attached.diagnostics?.node.id).toBe("Diagnostics");
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      target_resource_id: "${azurerm_resource_group.Target.id}",
      log_analytics_destination_type: "AzureDiagnostics",
    });
  });

  it("leaves the resource unprotected when protect is false", () => {
    const f = fixture();
    const attached = addServiceAttachments(f.stack, f.resource, { ...f.props, protect: false });
    expect(attached.deleteLock).toBeUndefined();
    expect(f.resource.lifecycle?.preventDestroy).toBeUndefined();
    expect(resourceList(Testing.synth(f.stack), "azurerm_management_lock")).toHaveLength(0);
  });
});
