import { TerraformStack } from "cdktf";
import { DEFAULT_RULES } from "../../lib/policy/rules";
import * as f from "./fixtures";

type Build = (stack: TerraformStack) => void;

/** One rule with a resource that complies and one that does not; `subject` is the construct id of the checked resource. */
interface RuleCase {
  readonly rule: string;
  readonly compliant: Build;
  readonly nonCompliant: Build;
  /** What the non-compliant finding's detail must say. */
  readonly detail: RegExp;
  readonly subject?: string;
}

const container = (over: Parameters<typeof f.secureContainer>[0]) => (s: TerraformStack) => f.deployment(s, { container: over });
const gateway = (listeners: unknown[]) => (s: TerraformStack) =>
  f.manifest(s, { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gateway", namespace: "ingress" }, spec: { gatewayClassName: "envoy", listeners } });
const httpsListener = { name: "https", port: 443, protocol: "HTTPS", tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: "tls" }] }, allowedRoutes: { namespaces: { from: "All" } } };
const securityPolicy = (uri: string) => (s: TerraformStack) =>
  f.manifest(s, { apiVersion: "gateway.envoyproxy.io/v1alpha1", kind: "SecurityPolicy", metadata: { name: "orders", namespace: "commerce" }, spec: { jwt: { providers: [{ name: "entra", issuer: "https://login.microsoftonline.com/t/v2.0", remoteJWKS: { uri } }] } } });
const issuer = (server: string) => (s: TerraformStack) =>
  f.manifest(s, { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: "letsencrypt" }, spec: { acme: { server, email: "ops@example.com", privateKeySecretRef: { name: "acme" }, solvers: [] } } });
const envoyProxy = (deployment: Record<string, unknown>) => (s: TerraformStack) =>
  f.manifest(s, { apiVersion: "gateway.envoyproxy.io/v1alpha1", kind: "EnvoyProxy", metadata: { name: "proxy", namespace: "envoy-gateway-system" }, spec: { provider: { type: "Kubernetes", kubernetes: { envoyDeployment: deployment } } } });
const httpsEgress = { to: [{ ipBlock: { cidr: "10.10.20.0/24" } }], ports: [{ port: "443", protocol: "TCP" }] };

const CASES: readonly RuleCase[] = [
  // --- AKS ---
  { rule: "AZ-AKS-001", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { privateClusterEnabled: false, apiServerAccessProfile: { authorizedIpRanges: ["0.0.0.0/0"] } }), detail: /opens the API server to the internet/ },
  { rule: "AZ-AKS-001", compliant: (s) => f.aksCluster(s, { privateClusterEnabled: false, apiServerAccessProfile: { authorizedIpRanges: ["203.0.113.0/24"] } }), nonCompliant: (s) => f.aksCluster(s, { privateClusterEnabled: false }), detail: /authorized_ip_ranges is empty/ },
  { rule: "AZ-AKS-002", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { localAccountDisabled: false }), detail: /local_account_disabled is false/ },
  { rule: "AZ-AKS-003", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: false } }), detail: /azure_rbac_enabled is not true/ },
  { rule: "AZ-AKS-004", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { networkProfile: { networkPlugin: "azure" } }), detail: /network_policy is unset/ },
  { rule: "AZ-AKS-005", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { azurePolicyEnabled: false }), detail: /azure_policy_enabled is false/ },
  { rule: "AZ-AKS-006", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { omsAgent: { logAnalyticsWorkspaceId: "/subscriptions/x/workspaces/log" } }), detail: /msi_auth_for_monitoring_enabled/ },
  { rule: "AZ-AKS-007", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { nodeOsUpgradeChannel: "Unmanaged" }), detail: /node_os_upgrade_channel is "Unmanaged"/ },
  { rule: "AZ-AKS-008", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { keyVaultSecretsProvider: { secretRotationEnabled: false } }), detail: /secret_rotation_enabled is false/ },
  { rule: "AZ-AKS-009", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { skuTier: "Free" }), detail: /sku_tier is "Free"/ },
  { rule: "AZ-AKS-010", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, {}, { onlyCriticalAddonsEnabled: false }), detail: /only_critical_addons_enabled is false/ },
  { rule: "AZ-AKS-011", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, {}, { nodePublicIpEnabled: true }), detail: /node_public_ip_enabled is true/ },
  { rule: "AZ-AKS-012", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { workloadIdentityEnabled: false }), detail: /workload_identity_enabled is false/ },
  { rule: "AZ-AKS-013", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, {}, { zones: ["1"] }), detail: /zones is \["1"\]/ },
  { rule: "AZ-AKS-014", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { networkProfile: { networkPlugin: "kubenet", networkPolicy: "calico" } }), detail: /network_plugin is "kubenet"/ },
  { rule: "AZ-AKS-015", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, {}, { osDiskType: "Managed" }), detail: /os_disk_type is "Managed"/ },
  { rule: "AZ-AKS-015", compliant: (s) => f.aksCluster(s, {}, { maxPods: 50 }), nonCompliant: (s) => f.aksCluster(s, {}, { maxPods: 30 }), detail: /max_pods is 30/ },
  { rule: "AZ-AKS-016", compliant: (s) => f.aksCluster(s), nonCompliant: (s) => f.aksCluster(s, { imageCleanerEnabled: false }), detail: /image_cleaner_enabled is false/ },
  // --- node pools ---
  { rule: "AZ-NP-001", compliant: (s) => f.nodePool(s), nonCompliant: (s) => f.nodePool(s, { nodePublicIpEnabled: true }), detail: /node_public_ip_enabled is true/ },
  { rule: "AZ-NP-002", compliant: (s) => f.nodePool(s), nonCompliant: (s) => f.nodePool(s, { autoScalingEnabled: false, nodeCount: 3, minCount: undefined, maxCount: undefined }), detail: /auto_scaling_enabled is false/ },
  { rule: "AZ-NP-003", compliant: (s) => f.nodePool(s), nonCompliant: (s) => f.nodePool(s, { zones: [] }), detail: /zones is \[\]/ },
  { rule: "AZ-NP-004", compliant: (s) => f.nodePool(s), nonCompliant: (s) => f.nodePool(s, { maxPods: 20 }), detail: /max_pods is 20/ },
  { rule: "AZ-NP-005", compliant: (s) => f.nodePool(s), nonCompliant: (s) => f.nodePool(s, { upgradeSettings: { maxSurge: "100%", drainTimeoutInMinutes: 30 } }), detail: /max_surge is 100%/ },
  // --- Redis ---
  { rule: "AZ-REDIS-001", compliant: (s) => f.redis(s), nonCompliant: (s) => f.redis(s, { nonSslPortEnabled: true }), detail: /non_ssl_port_enabled is true/ },
  { rule: "AZ-REDIS-002", compliant: (s) => f.redis(s), nonCompliant: (s) => f.redis(s, { minimumTlsVersion: "1.0" }), detail: /minimum_tls_version is "1.0"/ },
  { rule: "AZ-REDIS-003", compliant: (s) => f.redis(s), nonCompliant: (s) => f.redis(s, { publicNetworkAccessEnabled: undefined }), detail: /unset \(azurerm default true\)/ },
  { rule: "AZ-REDIS-004", compliant: (s) => f.redis(s), nonCompliant: (s) => f.redis(s, { accessKeysAuthenticationEnabled: true }), detail: /access_keys_authentication_enabled is true/ },
  { rule: "AZ-REDIS-005", compliant: (s) => f.redis(s), nonCompliant: (s) => f.redis(s, { skuName: "Basic", family: "C", zones: undefined, replicasPerPrimary: undefined }), detail: /sku_name is "Basic"/ },
  { rule: "AZ-REDIS-006", compliant: (s) => f.redis(s), nonCompliant: (s) => f.redis(s, { zones: undefined }), detail: /zones is \[\]/ },
  { rule: "AZ-REDIS-007", compliant: (s) => f.redis(s), nonCompliant: (s) => f.redis(s, { patchSchedule: undefined }), detail: /patch_schedule is not set/ },
  // --- PostgreSQL ---
  { rule: "AZ-PG-001", compliant: (s) => f.postgres(s), nonCompliant: (s) => f.postgres(s, { delegatedSubnetId: undefined, privateDnsZoneId: undefined, publicNetworkAccessEnabled: true }), detail: /public_network_access_enabled is true/ },
  { rule: "AZ-PG-002", compliant: (s) => f.postgres(s), nonCompliant: (s) => f.postgres(s, { geoRedundantBackupEnabled: false }), detail: /geo_redundant_backup_enabled is false/ },
  { rule: "AZ-PG-003", compliant: (s) => f.postgres(s), nonCompliant: (s) => f.postgres(s, { highAvailability: { mode: "SameZone" } }), detail: /high_availability.mode is "SameZone"/ },
  { rule: "AZ-PG-004", compliant: (s) => f.postgres(s), nonCompliant: (s) => f.postgres(s, { authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: true } }), detail: /password_auth_enabled is true/ },
  { rule: "AZ-PG-005", compliant: (s) => f.postgres(s), nonCompliant: (s) => f.postgres(s, { maintenanceWindow: undefined }), detail: /maintenance_window is not set/ },
  { rule: "AZ-PG-006", compliant: (s) => f.postgresParameter(s, "require_secure_transport", "ON"), nonCompliant: (s) => f.postgresParameter(s, "require_secure_transport", "OFF"), detail: /require_secure_transport is off/ },
  { rule: "AZ-PG-006", compliant: (s) => f.postgresParameter(s, "ssl_min_protocol_version", "TLSv1.3"), nonCompliant: (s) => f.postgresParameter(s, "ssl_min_protocol_version", "TLSv1.1"), detail: /ssl_min_protocol_version is TLSv1.1/ },
  // --- storage ---
  { rule: "AZ-ST-001", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { httpsTrafficOnlyEnabled: false }), detail: /https_traffic_only_enabled is false/ },
  { rule: "AZ-ST-002", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { minTlsVersion: "TLS1_1" }), detail: /min_tls_version is "TLS1_1"/ },
  { rule: "AZ-ST-003", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { publicNetworkAccessEnabled: true }), detail: /public_network_access_enabled is true/ },
  { rule: "AZ-ST-004", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { allowNestedItemsToBePublic: undefined }), detail: /unset \(azurerm default true\)/ },
  { rule: "AZ-ST-005", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { sharedAccessKeyEnabled: true }), detail: /shared_access_key_enabled is true/ },
  { rule: "AZ-ST-006", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { networkRules: { defaultAction: "Allow" } }), detail: /default_action is "Allow"/ },
  { rule: "AZ-ST-007", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { blobProperties: { versioningEnabled: true } }), detail: /delete_retention_policy is not set/ },
  { rule: "AZ-ST-008", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { accountReplicationType: "GRS" }), detail: /account_replication_type is "GRS"/ },
  { rule: "AZ-ST-009", compliant: (s) => f.storage(s), nonCompliant: (s) => f.storage(s, { crossTenantReplicationEnabled: true }), detail: /cross_tenant_replication_enabled is true/ },
  { rule: "AZ-ST-010", compliant: (s) => f.storageContainer(s), nonCompliant: (s) => f.storageContainer(s, { containerAccessType: "blob" }), detail: /container_access_type is "blob"/ },
  // --- Key Vault, registry ---
  { rule: "AZ-KV-001", compliant: (s) => f.keyVault(s), nonCompliant: (s) => f.keyVault(s, { rbacAuthorizationEnabled: undefined }), detail: /access policies/ },
  { rule: "AZ-KV-002", compliant: (s) => f.keyVault(s), nonCompliant: (s) => f.keyVault(s, { purgeProtectionEnabled: false }), detail: /purge_protection_enabled is false/ },
  { rule: "AZ-KV-003", compliant: (s) => f.keyVault(s), nonCompliant: (s) => f.keyVault(s, { publicNetworkAccessEnabled: true }), detail: /public_network_access_enabled is true/ },
  { rule: "AZ-KV-004", compliant: (s) => f.keyVault(s), nonCompliant: (s) => f.keyVault(s, { networkAcls: { defaultAction: "Allow", bypass: "AzureServices" } }), detail: /default_action is "Allow"/ },
  { rule: "AZ-ACR-001", compliant: (s) => f.registry(s), nonCompliant: (s) => f.registry(s, { adminEnabled: true }), detail: /admin_enabled is true/ },
  { rule: "AZ-ACR-002", compliant: (s) => f.registry(s), nonCompliant: (s) => f.registry(s, { anonymousPullEnabled: true }), detail: /anonymous_pull_enabled is true/ },
  { rule: "AZ-ACR-003", compliant: (s) => f.registry(s), nonCompliant: (s) => f.registry(s, { publicNetworkAccessEnabled: true }), detail: /public_network_access_enabled is true/ },
  { rule: "AZ-ACR-004", compliant: (s) => f.registry(s), nonCompliant: (s) => f.registry(s, { zoneRedundancyEnabled: false }), detail: /zone_redundancy_enabled is false/ },
  { rule: "AZ-ACR-005", compliant: (s) => f.registry(s), nonCompliant: (s) => f.registry(s, { retentionPolicyInDays: undefined }), detail: /retention_policy_in_days is unset/ },
  // --- messaging ---
  { rule: "AZ-SB-001", compliant: (s) => f.serviceBus(s), nonCompliant: (s) => f.serviceBus(s, { localAuthEnabled: undefined }), detail: /unset \(azurerm default true\)/ },
  { rule: "AZ-SB-002", compliant: (s) => f.serviceBus(s), nonCompliant: (s) => f.serviceBus(s, { minimumTlsVersion: "1.1" }), detail: /minimum_tls_version is "1.1"/ },
  { rule: "AZ-SB-003", compliant: (s) => f.serviceBus(s), nonCompliant: (s) => f.serviceBus(s, { sku: "Standard", capacity: undefined, premiumMessagingPartitions: undefined, publicNetworkAccessEnabled: true }), detail: /public_network_access_enabled is true/ },
  { rule: "AZ-SB-004", compliant: (s) => f.serviceBusQueue(s), nonCompliant: (s) => f.serviceBusQueue(s, { deadLetteringOnMessageExpiration: false }), detail: /dead_lettering_on_message_expiration is not true/ },
  { rule: "AZ-SB-004", compliant: (s) => f.serviceBusQueue(s, { maxDeliveryCount: 100 }), nonCompliant: (s) => f.serviceBusQueue(s, { maxDeliveryCount: 2000 }), detail: /max_delivery_count is 2000/ },
  { rule: "AZ-EH-001", compliant: (s) => f.eventHubs(s), nonCompliant: (s) => f.eventHubs(s, { localAuthenticationEnabled: true }), detail: /local_authentication_enabled is true/ },
  { rule: "AZ-EH-002", compliant: (s) => f.eventHubs(s), nonCompliant: (s) => f.eventHubs(s, { minimumTlsVersion: "1.0" }), detail: /minimum_tls_version is "1.0"/ },
  { rule: "AZ-EH-003", compliant: (s) => f.eventHubs(s), nonCompliant: (s) => f.eventHubs(s, { publicNetworkAccessEnabled: true }), detail: /public_network_access_enabled is true/ },
  { rule: "AZ-EH-004", compliant: (s) => f.eventHubs(s), nonCompliant: (s) => f.eventHubs(s, { sku: "Basic" }), detail: /sku is "Basic"/ },
  { rule: "AZ-EH-005", compliant: (s) => f.eventHub(s), nonCompliant: (s) => f.eventHub(s, { partitionCount: 1 }), detail: /partition_count is 1/ },
  { rule: "AZ-EG-001", compliant: (s) => f.eventGridTopic(s), nonCompliant: (s) => f.eventGridTopic(s, { localAuthEnabled: true }), detail: /local_auth_enabled is true/ },
  { rule: "AZ-EG-002", compliant: (s) => f.eventGridTopic(s), nonCompliant: (s) => f.eventGridTopic(s, { publicNetworkAccessEnabled: undefined }), detail: /unset \(azurerm default true\)/ },
  { rule: "AZ-EG-003", compliant: (s) => f.eventGridTopic(s), nonCompliant: (s) => f.eventGridTopic(s, { identity: undefined }), detail: /identity is not set/ },
  { rule: "AZ-EG-003", compliant: (s) => f.systemTopic(s), nonCompliant: (s) => f.systemTopic(s, { identity: undefined }), detail: /identity is not set/ },
  { rule: "AZ-EG-004", compliant: (s) => f.eventSubscription(s), nonCompliant: (s) => f.eventSubscription(s, { storageBlobDeadLetterDestination: undefined, deadLetterIdentity: undefined }), detail: /storage_blob_dead_letter_destination is not set/ },
  { rule: "AZ-EG-005", compliant: (s) => f.eventSubscription(s), nonCompliant: (s) => f.eventSubscription(s, { deliveryIdentity: undefined }), detail: /delivery_identity is not set/ },
  {
    rule: "AZ-EG-006",
    compliant: (s) => f.eventSubscription(s, { serviceBusQueueEndpointId: undefined, deliveryIdentity: undefined, webhookEndpoint: { url: "https://hooks.example.com/events" } }),
    nonCompliant: (s) => f.eventSubscription(s, { serviceBusQueueEndpointId: undefined, deliveryIdentity: undefined, webhookEndpoint: { url: "http://hooks.example.com/events" } }),
    detail: /webhook_endpoint.url is "http:/,
  },
  // --- Front Door ---
  { rule: "AZ-FD-001", subject: "Route", compliant: (s) => f.frontDoor(s), nonCompliant: (s) => f.frontDoor(s, { waf: "endpoint-only" }), detail: /no WAF security policy covers \$\{azurerm_cdn_frontdoor_custom_domain/ },
  { rule: "AZ-FD-002", subject: "Waf", compliant: (s) => f.frontDoor(s), nonCompliant: (s) => f.frontDoor(s, { policy: { mode: "Detection" } }), detail: /mode is "Detection"/ },
  { rule: "AZ-FD-003", subject: "Route", compliant: (s) => f.frontDoor(s), nonCompliant: (s) => f.frontDoor(s, { route: { httpsRedirectEnabled: false } }), detail: /https_redirect_enabled is false/ },
  { rule: "AZ-FD-004", subject: "Route", compliant: (s) => f.frontDoor(s), nonCompliant: (s) => f.frontDoor(s, { route: { forwardingProtocol: "MatchRequest" } }), detail: /forwarding_protocol is "MatchRequest"/ },
  { rule: "AZ-FD-005", subject: "Domain", compliant: (s) => f.frontDoor(s), nonCompliant: (s) => f.frontDoor(s, { domain: { tls: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS10" } } }), detail: /minimum_tls_version is "TLS10"/ },
  { rule: "AZ-FD-006", subject: "Origin", compliant: (s) => f.frontDoor(s), nonCompliant: (s) => f.frontDoor(s, { origin: { certificateNameCheckEnabled: false } }), detail: /certificate_name_check_enabled is not true/ },
  // --- network ---
  { rule: "AZ-NET-001", compliant: (s) => f.nsgRule(s), nonCompliant: (s) => f.nsgRule(s, { destinationPortRanges: ["22", "443"] }), detail: /AllowHttps allows SSH or RDP from the internet/ },
  {
    rule: "AZ-NET-001",
    compliant: (s) => f.nsg(s, [{ name: "Rdp", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourcePortRange: "*", sourceAddressPrefix: "10.0.0.0/8", destinationPortRange: "3389", destinationAddressPrefix: "*" }]),
    nonCompliant: (s) => f.nsg(s, [{ name: "Rdp", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourcePortRange: "*", sourceAddressPrefix: "*", destinationPortRange: "3000-4000", destinationAddressPrefix: "*" }]),
    detail: /Rdp allows SSH or RDP/,
  },
  { rule: "AZ-NET-002", compliant: (s) => f.nsgRule(s), nonCompliant: (s) => f.nsgRule(s, { destinationPortRanges: undefined, destinationPortRange: "*", sourceAddressPrefix: "0.0.0.0/0" }), detail: /allows every port from the internet/ },
  { rule: "AZ-NET-003", compliant: (s) => f.subnet(s), nonCompliant: (s) => f.subnet(s, {}, false), detail: /no NSG is associated/ },
  { rule: "AZ-NET-004", compliant: (s) => f.subnet(s), nonCompliant: (s) => f.subnet(s, { defaultOutboundAccessEnabled: undefined }), detail: /unset \(azurerm default true\)/ },
  { rule: "AZ-NET-005", compliant: (s) => f.publicIp(s), nonCompliant: (s) => f.publicIp(s, { zones: ["1"] }), detail: /zones is \["1"\]/ },
  {
    rule: "AZ-NET-006",
    subject: "PrivateEndpoint",
    compliant: (s) => f.privateEndpointFor(s, f.keyVault(s)),
    nonCompliant: (s) => f.privateEndpointFor(s, f.keyVault(s), { privateDnsZoneGroup: undefined }),
    detail: /private_dns_zone_group is not set/,
  },
  { rule: "AZ-NET-007", compliant: (s) => f.virtualNetwork(s, ["10.10.0.0/16", "100.64.0.0/16"]), nonCompliant: (s) => f.virtualNetwork(s, ["10.10.0.0/16", "20.0.0.0/16"]), detail: /address_space 20\.0\.0\.0\/16 is not private/ },
  { rule: "AZ-NET-007", compliant: (s) => f.virtualNetwork(s, ["172.16.0.0/12"]), nonCompliant: (s) => f.virtualNetwork(s, ["172.32.0.0/16"]), detail: /172\.32\.0\.0\/16 is not private/ },
  { rule: "AZ-NET-008", compliant: (s) => f.dnsZoneLink(s, "privatelink.vaultcore.azure.net", false), nonCompliant: (s) => f.dnsZoneLink(s, "privatelink.vaultcore.azure.net", true), detail: /registration_enabled is true/ },
  // --- observability ---
  { rule: "AZ-MON-001", compliant: (s) => f.logAnalytics(s), nonCompliant: (s) => f.logAnalytics(s, { localAuthenticationEnabled: undefined }), detail: /azurerm default true/ },
  { rule: "AZ-MON-002", compliant: (s) => f.logAnalytics(s), nonCompliant: (s) => f.logAnalytics(s, { retentionInDays: 7, sku: "Free" }), detail: /retention_in_days is 7/ },
  { rule: "AZ-MON-003", compliant: (s) => f.grafana(s), nonCompliant: (s) => f.grafana(s, { apiKeyEnabled: true }), detail: /api_key_enabled is true/ },
  { rule: "AZ-MON-004", compliant: (s) => f.grafana(s), nonCompliant: (s) => f.grafana(s, { publicNetworkAccessEnabled: true }), detail: /public_network_access_enabled is true/ },
  { rule: "AZ-MON-005", compliant: (s) => f.monitorWorkspace(s), nonCompliant: (s) => f.monitorWorkspace(s, { publicNetworkAccessEnabled: undefined }), detail: /azurerm default true/ },
  { rule: "AZ-MON-006", compliant: (s) => f.diagnosticSetting(s), nonCompliant: (s) => f.diagnosticSetting(s, { enabledLog: undefined }), detail: /no enabled_log or enabled_metric/ },
  // --- Kubernetes ---
  { rule: "AZ-K8S-001", compliant: (s) => f.deployment(s), nonCompliant: container({ securityContext: { privileged: true } }), detail: /container app: privileged is true/ },
  { rule: "AZ-K8S-002", compliant: (s) => f.deployment(s), nonCompliant: container({ securityContext: { runAsNonRoot: true, readOnlyRootFilesystem: true } }), detail: /allow_privilege_escalation is not false/ },
  { rule: "AZ-K8S-003", compliant: (s) => f.deployment(s), nonCompliant: container({ securityContext: { allowPrivilegeEscalation: false, runAsUser: "0" } }), detail: /run_as_user is 0/ },
  { rule: "AZ-K8S-003", compliant: (s) => f.cronJob(s), nonCompliant: (s) => f.deployment(s, { pod: { securityContext: {} }, container: { securityContext: { allowPrivilegeEscalation: false } } }), detail: /run_as_non_root is not true/ },
  { rule: "AZ-K8S-004", compliant: (s) => f.deployment(s), nonCompliant: container({ resources: { requests: { cpu: "250m", memory: "256Mi" } } }), detail: /resources.limits.memory is not set/ },
  { rule: "AZ-K8S-005", compliant: (s) => f.deployment(s), nonCompliant: container({ resources: { limits: { memory: "512Mi" } } }), detail: /resources.requests.cpu and memory not set/ },
  { rule: "AZ-K8S-006", compliant: (s) => f.deployment(s), nonCompliant: container({ readinessProbe: undefined }), detail: /readiness_probe not set/ },
  { rule: "AZ-K8S-007", compliant: (s) => f.deployment(s), nonCompliant: container({ securityContext: { readOnlyRootFilesystem: true, capabilities: { drop: ["NET_RAW"] } } }), detail: /capabilities.drop does not include "ALL"/ },
  { rule: "AZ-K8S-008", compliant: (s) => f.deployment(s), nonCompliant: (s) => f.deployment(s, { pod: { hostNetwork: true } }), detail: /host_network is true/ },
  { rule: "AZ-K8S-008", compliant: (s) => f.cronJob(s), nonCompliant: (s) => f.deployment(s, { pod: { volume: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] } }), detail: /volume docker mounts a host path/ },
  { rule: "AZ-K8S-009", compliant: container({ image: "crtest.azurecr.io:5000/shop/orders@sha256:0123" }), nonCompliant: container({ image: "crtest.azurecr.io:5000/shop/orders" }), detail: /is not pinned/ },
  { rule: "AZ-K8S-009", compliant: (s) => f.deployment(s), nonCompliant: container({ image: "nginx:latest" }), detail: /image nginx:latest is not pinned/ },
  { rule: "AZ-K8S-010", compliant: (s) => f.deployment(s), nonCompliant: (s) => f.deployment(s, { pod: { automountServiceAccountToken: true } }), detail: /automount_service_account_token is not false/ },
  { rule: "AZ-K8S-010", compliant: (s) => f.cronJob(s), nonCompliant: (s) => f.deployment(s, { pod: { securityContext: { runAsNonRoot: true } }, container: { securityContext: { allowPrivilegeEscalation: false } } }), detail: /no RuntimeDefault or Localhost seccomp profile/ },
  { rule: "AZ-K8S-011", compliant: (s) => f.deployment(s), nonCompliant: (s) => f.deployment(s, { namespace: null }), detail: /metadata.namespace is unset/ },
  { rule: "AZ-K8S-011", compliant: gateway([httpsListener]), nonCompliant: (s) => f.manifest(s, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "default" } }), detail: /metadata.namespace is "default"/ },
  { rule: "AZ-K8S-012", compliant: (s) => f.namespace(s), nonCompliant: (s) => f.namespace(s, { "pod-security.kubernetes.io/enforce": "privileged" }), detail: /enforce is "privileged"/ },
  { rule: "AZ-K8S-013", compliant: (s) => f.networkPolicy(s, [httpsEgress]), nonCompliant: (s) => f.networkPolicy(s, [httpsEgress, { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: "443", protocol: "TCP" }] }]), detail: /0\.0\.0\.0\/0/ },
  {
    rule: "AZ-K8S-014",
    compliant: (s) => f.service(s, { type: "LoadBalancer" }, { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" }),
    nonCompliant: (s) => f.service(s, { type: "LoadBalancer" }),
    detail: /public LoadBalancer/,
  },
  { rule: "AZ-K8S-015", compliant: (s) => f.disruptionBudget(s, { maxUnavailable: "1" }), nonCompliant: (s) => f.disruptionBudget(s, { maxUnavailable: "0" }), detail: /max_unavailable is "0"/ },
  { rule: "AZ-K8S-015", compliant: (s) => f.disruptionBudget(s, { minAvailable: "50%" }), nonCompliant: (s) => f.disruptionBudget(s, { minAvailable: "100%" }), detail: /min_available is "100%"/ },
  { rule: "AZ-K8S-016", compliant: (s) => f.autoscaler(s), nonCompliant: (s) => f.autoscaler(s, { minReplicas: 3, maxReplicas: 3 }), detail: /max_replicas 3 is not above min_replicas 3/ },
  { rule: "AZ-K8S-016", compliant: (s) => f.autoscaler(s, { minReplicas: 1 }), nonCompliant: (s) => f.autoscaler(s, { metric: undefined }), detail: /no metric is set/ },
  { rule: "AZ-K8S-017", compliant: (s) => f.quota(s, { "requests.cpu": "16", "limits.memory": "64Gi" }), nonCompliant: (s) => f.quota(s, { pods: "100" }), detail: /spec.hard has no requests.cpu or limits.memory/ },
  { rule: "AZ-K8S-017", compliant: (s) => f.limitRange(s, [{ type: "Container", default: { memory: "512Mi" } }]), nonCompliant: (s) => f.limitRange(s, [{ type: "Container", max: { memory: "8Gi" } }]), detail: /has no default memory/ },
  { rule: "AZ-K8S-018", compliant: (s) => f.priorityClass(s, false), nonCompliant: (s) => f.priorityClass(s, true), detail: /global_default is true/ },
  { rule: "AZ-GW-001", compliant: gateway([{ name: "http", port: 80, protocol: "HTTP" }, httpsListener]), nonCompliant: gateway([{ name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "All" } } }, httpsListener]), detail: /HTTP listener http admits routes from All namespaces/ },
  { rule: "AZ-GW-001", compliant: gateway([httpsListener]), nonCompliant: gateway([{ ...httpsListener, tls: { mode: "Terminate" } }]), detail: /HTTPS listener https has no certificate/ },
  { rule: "AZ-GW-002", compliant: securityPolicy("https://login.microsoftonline.com/t/discovery/v2.0/keys"), nonCompliant: securityPolicy("http://keys.example.com/jwks"), detail: /is not https/ },
  { rule: "AZ-GW-003", compliant: issuer("https://acme-v02.api.letsencrypt.org/directory"), nonCompliant: issuer("https://acme-staging-v02.api.letsencrypt.org/directory"), detail: /staging endpoint/ },
  {
    rule: "AZ-GW-004",
    compliant: envoyProxy({ replicas: 2, container: { resources: { limits: { memory: "1Gi" } } } }),
    nonCompliant: envoyProxy({ replicas: 1, container: { resources: { limits: { memory: "1Gi" } } } }),
    detail: /replicas is 1/,
  },
  { rule: "AZ-HELM-001", compliant: (s) => f.helmRelease(s), nonCompliant: (s) => f.helmRelease(s, { version: undefined }), detail: /version is not set/ },
  { rule: "AZ-HELM-001", compliant: (s) => f.helmRelease(s, { repository: "https://charts.jetstack.io" }), nonCompliant: (s) => f.helmRelease(s, { repository: "http://charts.example.com" }), detail: /is not https:\/\/ or oci:\/\// },
  { rule: "AZ-HELM-002", compliant: (s) => f.helmRelease(s), nonCompliant: (s) => f.helmRelease(s, { atomic: false }), detail: /atomic is not true/ },
  // --- cross-resource ---
  { rule: "AZ-X-001", compliant: (s) => f.privateEndpointFor(s, f.keyVault(s)), nonCompliant: (s) => f.keyVault(s), detail: /no azurerm_private_endpoint connects to it/ },
  { rule: "AZ-X-001", compliant: (s) => f.postgres(s), nonCompliant: (s) => f.postgres(s, { delegatedSubnetId: undefined, privateDnsZoneId: undefined }), detail: /no azurerm_private_endpoint/ },
  { rule: "AZ-X-002", compliant: (s) => diagnosed(s, f.redis(s)), nonCompliant: (s) => f.redis(s), detail: /no diagnostic setting targets it/ },
  { rule: "AZ-X-002", compliant: (s) => f.diagnosticsFor(s, `${f.storage(s).id}/blobServices/default`), nonCompliant: (s) => f.diagnosticsFor(s, f.storage(s).id), detail: /no diagnostic setting targets its blobServices\/default logs/ },
  { rule: "AZ-X-003", compliant: (s) => f.deleteLock(s, f.keyVault(s)), nonCompliant: (s) => f.keyVault(s), detail: /neither lifecycle.prevent_destroy nor a delete lock/ },
  { rule: "AZ-X-003", compliant: (s) => (f.storage(s).lifecycle = { preventDestroy: true }), nonCompliant: (s) => f.storage(s), detail: /neither/ },
  { rule: "AZ-X-004", compliant: (s) => f.roleAssignment(s), nonCompliant: (s) => f.roleAssignment(s, { roleDefinitionName: "Owner" }), detail: /role Owner/ },
  {
    rule: "AZ-X-004",
    compliant: (s) => f.roleAssignment(s, { roleDefinitionName: undefined, roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d" }),
    nonCompliant: (s) => f.roleAssignment(s, { roleDefinitionName: undefined, roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c" }),
    detail: /role definition/,
  },
  { rule: "AZ-X-005", compliant: (s) => f.federatedCredential(s), nonCompliant: (s) => f.federatedCredential(s, { subject: "system:serviceaccount:commerce:*" }), detail: /subject is "system:serviceaccount:commerce:\*"/ },
];

function diagnosed(stack: TerraformStack, resource: { id: string }): void {
  f.diagnosticsFor(stack, resource.id);
}

const rulesById = new Map(DEFAULT_RULES.map((rule) => [rule.id, rule]));

describe("policy rules", () => {
  it("has at least 50 rules, each with a compliant and a non-compliant case below", () => {
    expect(DEFAULT_RULES.length).toBeGreaterThanOrEqual(50);
    const covered = new Set(CASES.map((c) => c.rule));
    expect(DEFAULT_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
    expect(CASES.map((c) => c.rule).filter((id) => !rulesById.has(id))).toEqual([]);
  });

  describe.each(CASES.map((c, i) => [`${c.rule} (case ${i + 1})`, c] as const))("%s", (_name, c) => {
    const rule = rulesById.get(c.rule)!;

    it("passes the compliant resource", () => {
      const finding = f.findingFor(rule, c.compliant, c.subject);
      expect({ result: finding.result, detail: finding.detail }).toEqual({ result: "compliant", detail: finding.detail });
    });

    it("flags the non-compliant resource, saying what it found and how to fix it", () => {
      const finding = f.findingFor(rule, c.nonCompliant, c.subject);
      expect(finding).toMatchObject({ result: "non-compliant", ruleId: rule.id, severity: rule.severity, fix: rule.fix });
      expect(finding.detail).toMatch(c.detail);
    });
  });
});

describe("rule metadata", () => {
  it.each(DEFAULT_RULES.map((r) => [r.id, r] as const))("%s has an ID, a title, a reason, a fix and known scanner IDs", (_id, rule) => {
    expect(rule.id).toMatch(/^AZ-[A-Z0-9]+-\d{3}$/);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.fix.length).toBeGreaterThan(5);
    for (const id of rule.scannerEquivalent ?? []) expect(id).toMatch(/^(CKV2?_AZURE_\d+|CKV_K8S_\d+|AVD-AZU-\d{4})$/);
  });
});

describe("ACME HTTP-01 challenge routes", () => {
  const rulesById = new Map(DEFAULT_RULES.map((r) => [r.id, r]));
  const acme = { patternsToMatch: ["/.well-known/acme-challenge/*"], supportedProtocols: ["Http"], httpsRedirectEnabled: false, forwardingProtocol: "HttpOnly" };

  it.each(["AZ-FD-003", "AZ-FD-004"])("%s does not apply to a route that carries only the challenge path", (id) => {
    const finding = f.findingFor(rulesById.get(id)!, (s) => f.frontDoor(s, { route: acme }), "Route");
    expect(finding.result).toBe("not-applicable");
    expect(finding.detail).toMatch(/only ACME HTTP-01 challenges/);
  });

  it.each(["AZ-FD-003", "AZ-FD-004"])("%s still flags a plain-HTTP route that carries anything besides the challenge path", (id) => {
    const finding = f.findingFor(rulesById.get(id)!, (s) => f.frontDoor(s, { route: { ...acme, patternsToMatch: ["/.well-known/acme-challenge/*", "/login"] } }), "Route");
    expect(finding.result).toBe("non-compliant");
  });
});
