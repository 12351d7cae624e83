import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { CdnFrontdoorCustomDomain, CdnFrontdoorCustomDomainConfig } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain";
import { CdnFrontdoorEndpoint } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-endpoint";
import { CdnFrontdoorFirewallPolicy, CdnFrontdoorFirewallPolicyConfig } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-firewall-policy";
import { CdnFrontdoorOrigin, CdnFrontdoorOriginConfig } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-origin";
import { CdnFrontdoorOriginGroup } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-origin-group";
import { CdnFrontdoorProfile } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-profile";
import { CdnFrontdoorRoute, CdnFrontdoorRouteConfig } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-route";
import { CdnFrontdoorSecurityPolicy } from "@cdktf/provider-azurerm/lib/cdn-frontdoor-security-policy";
import { ContainerRegistry, ContainerRegistryConfig } from "@cdktf/provider-azurerm/lib/container-registry";
import { DashboardGrafana, DashboardGrafanaConfig } from "@cdktf/provider-azurerm/lib/dashboard-grafana";
import { EventgridEventSubscription, EventgridEventSubscriptionConfig } from "@cdktf/provider-azurerm/lib/eventgrid-event-subscription";
import { EventgridSystemTopic, EventgridSystemTopicConfig } from "@cdktf/provider-azurerm/lib/eventgrid-system-topic";
import { EventgridTopic, EventgridTopicConfig } from "@cdktf/provider-azurerm/lib/eventgrid-topic";
import { Eventhub, EventhubConfig } from "@cdktf/provider-azurerm/lib/eventhub";
import { EventhubNamespace, EventhubNamespaceConfig } from "@cdktf/provider-azurerm/lib/eventhub-namespace";
import { FederatedIdentityCredential, FederatedIdentityCredentialConfig } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { KeyVault, KeyVaultConfig } from "@cdktf/provider-azurerm/lib/key-vault";
import { KubernetesCluster, KubernetesClusterConfig, KubernetesClusterDefaultNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool, KubernetesClusterNodePoolConfig } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { LogAnalyticsWorkspace, LogAnalyticsWorkspaceConfig } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { ManagementLock } from "@cdktf/provider-azurerm/lib/management-lock";
import { MonitorDiagnosticSetting, MonitorDiagnosticSettingConfig } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { MonitorWorkspace, MonitorWorkspaceConfig } from "@cdktf/provider-azurerm/lib/monitor-workspace";
import { NetworkSecurityGroup, NetworkSecurityGroupSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule, NetworkSecurityRuleConfig } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { PostgresqlFlexibleServer, PostgresqlFlexibleServerConfig } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server";
import { PostgresqlFlexibleServerConfiguration } from "@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration";
import { PrivateEndpoint, PrivateEndpointConfig } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { PublicIp, PublicIpConfig } from "@cdktf/provider-azurerm/lib/public-ip";
import { RedisCache, RedisCacheConfig } from "@cdktf/provider-azurerm/lib/redis-cache";
import { RedisLinkedServer } from "@cdktf/provider-azurerm/lib/redis-linked-server";
import { RoleAssignment, RoleAssignmentConfig } from "@cdktf/provider-azurerm/lib/role-assignment";
import { ServicebusNamespace, ServicebusNamespaceConfig } from "@cdktf/provider-azurerm/lib/servicebus-namespace";
import { ServicebusQueue, ServicebusQueueConfig } from "@cdktf/provider-azurerm/lib/servicebus-queue";
import { StorageAccount, StorageAccountConfig } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer, StorageContainerConfig } from "@cdktf/provider-azurerm/lib/storage-container";
import { Subnet, SubnetConfig } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { DeploymentV1, DeploymentV1SpecTemplateSpec, DeploymentV1SpecTemplateSpecContainer } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { CronJobV1 } from "@cdktf/provider-kubernetes/lib/cron-job-v1";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1, NetworkPolicyV1SpecEgress } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ServiceV1, ServiceV1Config } from "@cdktf/provider-kubernetes/lib/service-v1";
import { Release, ReleaseConfig } from "@cdktf/provider-helm/lib/release";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PodDisruptionBudgetV1, PodDisruptionBudgetV1Spec } from "@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1";
import { HorizontalPodAutoscalerV2, HorizontalPodAutoscalerV2Spec } from "@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2";
import { ResourceQuotaV1 } from "@cdktf/provider-kubernetes/lib/resource-quota-v1";
import { LimitRangeV1, LimitRangeV1SpecLimit } from "@cdktf/provider-kubernetes/lib/limit-range-v1";
import { PriorityClassV1 } from "@cdktf/provider-kubernetes/lib/priority-class-v1";
import { evaluateStack, PolicyFinding } from "../../lib/policy/engine";
import type { PolicyRule } from "../../lib/policy/rule";

/**
 * Minimal L1 resources for rule tests: each factory builds a resource that satisfies every rule of its type (the
 * secure base), and takes overrides (the provider's camelCase config) that make it violate one. The resource under
 * test is the construct with id `Subject`.
 */
export const SUBJECT = "Subject";
const RG = { location: "westeurope", resourceGroupName: "rg-test" };
const ZONES = ["1", "2", "3"];

export function aksCluster(scope: Construct, over: Partial<KubernetesClusterConfig> = {}, pool: Partial<KubernetesClusterDefaultNodePool> = {}): KubernetesCluster {
  return new KubernetesCluster(scope, SUBJECT, {
    ...RG,
    name: "aks-test",
    dnsPrefix: "aks-test",
    skuTier: "Standard",
    localAccountDisabled: true,
    roleBasedAccessControlEnabled: true,
    azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true },
    privateClusterEnabled: true,
    azurePolicyEnabled: true,
    omsAgent: { logAnalyticsWorkspaceId: "/subscriptions/x/workspaces/log", msiAuthForMonitoringEnabled: true },
    automaticUpgradeChannel: "patch",
    nodeOsUpgradeChannel: "NodeImage",
    keyVaultSecretsProvider: { secretRotationEnabled: true },
    oidcIssuerEnabled: true,
    workloadIdentityEnabled: true,
    imageCleanerEnabled: true,
    imageCleanerIntervalHours: 48,
    identity: { type: "SystemAssigned" },
    networkProfile: { networkPlugin: "azure", networkPluginMode: "overlay", networkPolicy: "cilium", networkDataPlane: "cilium" },
    ...over,
    defaultNodePool: {
      name: "system",
      vmSize: "Standard_D4ds_v5",
      onlyCriticalAddonsEnabled: true,
      autoScalingEnabled: true,
      minCount: 3,
      maxCount: 6,
      maxPods: 110,
      zones: ZONES,
      osDiskType: "Ephemeral",
      ...pool,
    },
  });
}

export function nodePool(scope: Construct, over: Partial<KubernetesClusterNodePoolConfig> = {}): KubernetesClusterNodePool {
  return new KubernetesClusterNodePool(scope, SUBJECT, {
    name: "apps",
    kubernetesClusterId: "/subscriptions/x/managedClusters/aks",
    vmSize: "Standard_D4ds_v5",
    autoScalingEnabled: true,
    minCount: 3,
    maxCount: 10,
    maxPods: 110,
    zones: ZONES,
    upgradeSettings: { maxSurge: "33%", drainTimeoutInMinutes: 30 },
    ...over,
  });
}

export function redis(scope: Construct, over: Partial<RedisCacheConfig> = {}, id = SUBJECT): RedisCache {
  return new RedisCache(scope, id, {
    ...RG,
    name: `redis-${id.toLowerCase()}`,
    skuName: "Premium",
    family: "P",
    capacity: 1,
    zones: ZONES,
    replicasPerPrimary: 2,
    nonSslPortEnabled: false,
    minimumTlsVersion: "1.2",
    publicNetworkAccessEnabled: false,
    accessKeysAuthenticationEnabled: false,
    redisConfiguration: { activeDirectoryAuthenticationEnabled: true },
    patchSchedule: [{ dayOfWeek: "Sunday", startHourUtc: 2 }],
    ...over,
  });
}

export function postgres(scope: Construct, over: Partial<PostgresqlFlexibleServerConfig> = {}): PostgresqlFlexibleServer {
  return new PostgresqlFlexibleServer(scope, SUBJECT, {
    ...RG,
    name: "psql-test",
    skuName: "GP_Standard_D4ds_v5",
    version: "16",
    delegatedSubnetId: "/subscriptions/x/subnets/db",
    privateDnsZoneId: "/subscriptions/x/privateDnsZones/db",
    publicNetworkAccessEnabled: false,
    geoRedundantBackupEnabled: true,
    highAvailability: { mode: "ZoneRedundant" },
    authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: false, tenantId: "00000000-0000-0000-0000-000000000000" },
    maintenanceWindow: { dayOfWeek: 0, startHour: 3 },
    ...over,
  });
}

export function postgresParameter(scope: Construct, name: string, value: string): PostgresqlFlexibleServerConfiguration {
  return new PostgresqlFlexibleServerConfiguration(scope, SUBJECT, { name, value, serverId: "/subscriptions/x/flexibleServers/psql" });
}

export function storage(scope: Construct, over: Partial<StorageAccountConfig> = {}): StorageAccount {
  return new StorageAccount(scope, SUBJECT, {
    ...RG,
    name: "sttest",
    accountTier: "Standard",
    accountReplicationType: "ZRS",
    httpsTrafficOnlyEnabled: true,
    minTlsVersion: "TLS1_2",
    publicNetworkAccessEnabled: false,
    allowNestedItemsToBePublic: false,
    sharedAccessKeyEnabled: false,
    crossTenantReplicationEnabled: false,
    networkRules: { defaultAction: "Deny", bypass: ["AzureServices"] },
    blobProperties: { deleteRetentionPolicy: { days: 30 }, containerDeleteRetentionPolicy: { days: 30 } },
    ...over,
  });
}

export function storageContainer(scope: Construct, over: Partial<StorageContainerConfig> = {}): StorageContainer {
  return new StorageContainer(scope, SUBJECT, { name: "images", storageAccountId: "/subscriptions/x/storageAccounts/st", containerAccessType: "private", ...over });
}

export function keyVault(scope: Construct, over: Partial<KeyVaultConfig> = {}): KeyVault {
  return new KeyVault(scope, SUBJECT, {
    ...RG,
    name: "kv-test",
    skuName: "standard",
    tenantId: "00000000-0000-0000-0000-000000000000",
    rbacAuthorizationEnabled: true,
    purgeProtectionEnabled: true,
    publicNetworkAccessEnabled: false,
    networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    ...over,
  });
}

export function registry(scope: Construct, over: Partial<ContainerRegistryConfig> = {}): ContainerRegistry {
  return new ContainerRegistry(scope, SUBJECT, {
    ...RG,
    name: "crtest",
    sku: "Premium",
    adminEnabled: false,
    anonymousPullEnabled: false,
    publicNetworkAccessEnabled: false,
    zoneRedundancyEnabled: true,
    retentionPolicyInDays: 7,
    ...over,
  });
}

export function serviceBus(scope: Construct, over: Partial<ServicebusNamespaceConfig> = {}): ServicebusNamespace {
  return new ServicebusNamespace(scope, SUBJECT, {
    ...RG,
    name: "sb-test",
    sku: "Premium",
    capacity: 1,
    premiumMessagingPartitions: 1,
    localAuthEnabled: false,
    minimumTlsVersion: "1.2",
    publicNetworkAccessEnabled: false,
    ...over,
  });
}

export function serviceBusQueue(scope: Construct, over: Partial<ServicebusQueueConfig> = {}): ServicebusQueue {
  return new ServicebusQueue(scope, SUBJECT, { name: "orders", namespaceId: "/subscriptions/x/namespaces/sb", deadLetteringOnMessageExpiration: true, maxDeliveryCount: 10, ...over });
}

export function eventHubs(scope: Construct, over: Partial<EventhubNamespaceConfig> = {}): EventhubNamespace {
  return new EventhubNamespace(scope, SUBJECT, {
    ...RG,
    name: "ehn-test",
    sku: "Standard",
    capacity: 1,
    localAuthenticationEnabled: false,
    minimumTlsVersion: "1.2",
    publicNetworkAccessEnabled: false,
    ...over,
  });
}

export function eventHub(scope: Construct, over: Partial<EventhubConfig> = {}): Eventhub {
  return new Eventhub(scope, SUBJECT, { name: "analytics", namespaceId: "/subscriptions/x/namespaces/ehn", partitionCount: 4, messageRetention: 7, ...over });
}

export function eventGridTopic(scope: Construct, over: Partial<EventgridTopicConfig> = {}): EventgridTopic {
  return new EventgridTopic(scope, SUBJECT, { ...RG, name: "egt-test", localAuthEnabled: false, publicNetworkAccessEnabled: false, identity: { type: "SystemAssigned" }, ...over });
}

export function systemTopic(scope: Construct, over: Partial<EventgridSystemTopicConfig> = {}): EventgridSystemTopic {
  return new EventgridSystemTopic(scope, SUBJECT, {
    ...RG,
    name: "egst-test",
    sourceResourceId: "/subscriptions/x/storageAccounts/st",
    topicType: "Microsoft.Storage.StorageAccounts",
    identity: { type: "SystemAssigned" },
    ...over,
  });
}

export function eventSubscription(scope: Construct, over: Partial<EventgridEventSubscriptionConfig> = {}): EventgridEventSubscription {
  return new EventgridEventSubscription(scope, SUBJECT, {
    name: "email",
    scope: "/subscriptions/x/topics/egt",
    serviceBusQueueEndpointId: "/subscriptions/x/queues/email",
    deliveryIdentity: { type: "SystemAssigned" },
    deadLetterIdentity: { type: "SystemAssigned" },
    storageBlobDeadLetterDestination: { storageAccountId: "/subscriptions/x/storageAccounts/st", storageBlobContainerName: "deadletter" },
    retryPolicy: { maxDeliveryAttempts: 30, eventTimeToLive: 1440 },
    ...over,
  });
}

/** A Front Door profile with an endpoint, a route and a custom domain; `waf` attaches a WAF security policy. */
export function frontDoor(
  scope: Construct,
  options: { route?: Partial<CdnFrontdoorRouteConfig>; waf?: "all" | "endpoint-only" | "none"; domain?: Partial<CdnFrontdoorCustomDomainConfig>; origin?: Partial<CdnFrontdoorOriginConfig>; policy?: Partial<CdnFrontdoorFirewallPolicyConfig> } = {},
): { route: CdnFrontdoorRoute } {
  const profile = new CdnFrontdoorProfile(scope, "Profile", { name: "afd-test", resourceGroupName: RG.resourceGroupName, skuName: "Premium_AzureFrontDoor" });
  const endpoint = new CdnFrontdoorEndpoint(scope, "Endpoint", { name: "shop", cdnFrontdoorProfileId: profile.id });
  const group = new CdnFrontdoorOriginGroup(scope, "Origins", { name: "regions", cdnFrontdoorProfileId: profile.id, loadBalancing: {} });
  const origin = new CdnFrontdoorOrigin(scope, "Origin", {
    name: "westeurope",
    cdnFrontdoorOriginGroupId: group.id,
    hostName: "weu.shop.example.com",
    certificateNameCheckEnabled: true,
    ...options.origin,
  });
  const domain = new CdnFrontdoorCustomDomain(scope, "Domain", { name: "shop", cdnFrontdoorProfileId: profile.id, hostName: "shop.example.com", tls: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" }, ...options.domain });
  const route = new CdnFrontdoorRoute(scope, "Route", {
    name: "default",
    cdnFrontdoorEndpointId: endpoint.id,
    cdnFrontdoorOriginGroupId: group.id,
    cdnFrontdoorOriginIds: [origin.id],
    cdnFrontdoorCustomDomainIds: [domain.id],
    patternsToMatch: ["/*"],
    supportedProtocols: ["Http", "Https"],
    httpsRedirectEnabled: true,
    forwardingProtocol: "HttpsOnly",
    ...options.route,
  });
  const policy = new CdnFrontdoorFirewallPolicy(scope, "Waf", {
    name: "waftest",
    resourceGroupName: RG.resourceGroupName,
    skuName: "Premium_AzureFrontDoor",
    mode: "Prevention",
    enabled: true,
    managedRule: [{ type: "Microsoft_DefaultRuleSet", version: "2.1", action: "Block" }],
    ...options.policy,
  });
  const waf = options.waf ?? "all";
  if (waf !== "none") {
    const domains = waf === "all" ? [{ cdnFrontdoorDomainId: endpoint.id }, { cdnFrontdoorDomainId: domain.id }] : [{ cdnFrontdoorDomainId: endpoint.id }];
    new CdnFrontdoorSecurityPolicy(scope, "SecurityPolicy", {
      name: "waf",
      cdnFrontdoorProfileId: profile.id,
      securityPolicies: { firewall: { cdnFrontdoorFirewallPolicyId: policy.id, association: { patternsToMatch: ["/*"], domain: domains } } },
    });
  }
  return { route };
}

/** The secure base NSG rule (HTTPS from the internet); overrides make it worse. */
export function nsgRule(scope: Construct, over: Partial<NetworkSecurityRuleConfig> = {}): NetworkSecurityRule {
  return new NetworkSecurityRule(scope, SUBJECT, {
    name: "AllowHttps",
    resourceGroupName: RG.resourceGroupName,
    networkSecurityGroupName: "nsg-test",
    priority: 200,
    direction: "Inbound",
    access: "Allow",
    protocol: "Tcp",
    sourcePortRange: "*",
    sourceAddressPrefix: "Internet",
    destinationAddressPrefix: "10.0.0.4",
    destinationPortRanges: ["443"],
    ...over,
  });
}

export function nsg(scope: Construct, rules: NetworkSecurityGroupSecurityRule[]): NetworkSecurityGroup {
  return new NetworkSecurityGroup(scope, SUBJECT, { ...RG, name: "nsg-test", securityRule: rules });
}

export function subnet(scope: Construct, over: Partial<SubnetConfig> = {}, withNsg = true): Subnet {
  const subnetResource = new Subnet(scope, SUBJECT, { name: "snet-apps", resourceGroupName: RG.resourceGroupName, virtualNetworkName: "vnet", addressPrefixes: ["10.0.0.0/24"], defaultOutboundAccessEnabled: false, ...over });
  if (withNsg) {
    const group = new NetworkSecurityGroup(scope, "Nsg", { ...RG, name: "nsg-apps" });
    new SubnetNetworkSecurityGroupAssociation(scope, "NsgAssociation", { subnetId: subnetResource.id, networkSecurityGroupId: group.id });
  }
  return subnetResource;
}

export function publicIp(scope: Construct, over: Partial<PublicIpConfig> = {}): PublicIp {
  return new PublicIp(scope, SUBJECT, { ...RG, name: "pip-test", allocationMethod: "Static", sku: "Standard", zones: ZONES, ...over });
}

export function privateEndpointFor(scope: Construct, target: { id: string }, over: Partial<PrivateEndpointConfig> = {}, id = "PrivateEndpoint"): PrivateEndpoint {
  return new PrivateEndpoint(scope, id, {
    ...RG,
    name: `pep-${id.toLowerCase()}`,
    subnetId: "/subscriptions/x/subnets/pep",
    privateServiceConnection: { name: "psc", isManualConnection: false, privateConnectionResourceId: target.id, subresourceNames: ["vault"] },
    privateDnsZoneGroup: { name: "default", privateDnsZoneIds: ["/subscriptions/x/privateDnsZones/privatelink.vaultcore.azure.net"] },
    ...over,
  });
}

export function diagnosticsFor(scope: Construct, targetResourceId: string, over: Partial<MonitorDiagnosticSettingConfig> = {}, id = "Diagnostics"): MonitorDiagnosticSetting {
  return new MonitorDiagnosticSetting(scope, id, { name: "diag", targetResourceId, logAnalyticsWorkspaceId: "/subscriptions/x/workspaces/log", enabledLog: [{ categoryGroup: "allLogs" }], ...over });
}

export function deleteLock(scope: Construct, target: { id: string }): ManagementLock {
  return new ManagementLock(scope, "Lock", { name: "lock", scope: target.id, lockLevel: "CanNotDelete" });
}

export function redisGeoLink(scope: Construct, primary: RedisCache, secondary: RedisCache): RedisLinkedServer {
  return new RedisLinkedServer(scope, "GeoLink", { targetRedisCacheName: primary.name, resourceGroupName: RG.resourceGroupName, linkedRedisCacheId: secondary.id, linkedRedisCacheLocation: "northeurope", serverRole: "Secondary" });
}

export function logAnalytics(scope: Construct, over: Partial<LogAnalyticsWorkspaceConfig> = {}): LogAnalyticsWorkspace {
  return new LogAnalyticsWorkspace(scope, SUBJECT, { ...RG, name: "log-test", sku: "PerGB2018", retentionInDays: 90, localAuthenticationEnabled: false, ...over });
}

export function grafana(scope: Construct, over: Partial<DashboardGrafanaConfig> = {}): DashboardGrafana {
  return new DashboardGrafana(scope, SUBJECT, { ...RG, name: "amg-test", grafanaMajorVersion: "11", apiKeyEnabled: false, publicNetworkAccessEnabled: false, identity: { type: "SystemAssigned" }, ...over });
}

export function monitorWorkspace(scope: Construct, over: Partial<MonitorWorkspaceConfig> = {}): MonitorWorkspace {
  return new MonitorWorkspace(scope, SUBJECT, { ...RG, name: "amw-test", publicNetworkAccessEnabled: false, ...over });
}

export function diagnosticSetting(scope: Construct, over: Partial<MonitorDiagnosticSettingConfig> = {}): MonitorDiagnosticSetting {
  return diagnosticsFor(scope, "/subscriptions/x/vaults/kv", over, SUBJECT);
}

export function roleAssignment(scope: Construct, over: Partial<RoleAssignmentConfig> = {}): RoleAssignment {
  return new RoleAssignment(scope, SUBJECT, { scope: "/subscriptions/x/vaults/kv", roleDefinitionName: "Key Vault Secrets User", principalId: "00000000-0000-0000-0000-000000000001", ...over });
}

export function federatedCredential(scope: Construct, over: Partial<FederatedIdentityCredentialConfig> = {}): FederatedIdentityCredential {
  return new FederatedIdentityCredential(scope, SUBJECT, {
    name: "orders",
    resourceGroupName: RG.resourceGroupName,
    parentId: "/subscriptions/x/userAssignedIdentities/orders",
    audience: ["api://AzureADTokenExchange"],
    issuer: "https://westeurope.oic.prod-aks.azure.com/tenant/cluster/",
    subject: "system:serviceaccount:commerce:orders",
    ...over,
  });
}

/** A hardened container: the one Microservice builds. */
export function secureContainer(over: Partial<DeploymentV1SpecTemplateSpecContainer> = {}): DeploymentV1SpecTemplateSpecContainer {
  return {
    name: "app",
    image: "crtest.azurecr.io/shop/orders:1.2.3",
    resources: { limits: { memory: "512Mi" }, requests: { cpu: "250m", memory: "256Mi" } },
    livenessProbe: { httpGet: { path: "/healthz", port: "8080" } },
    readinessProbe: { httpGet: { path: "/readyz", port: "8080" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: "10001",
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
    ...over,
  };
}

export function deployment(scope: Construct, options: { container?: Partial<DeploymentV1SpecTemplateSpecContainer>; pod?: Partial<DeploymentV1SpecTemplateSpec>; namespace?: string | null } = {}): DeploymentV1 {
  return new DeploymentV1(scope, SUBJECT, {
    metadata: { name: "orders", ...(options.namespace === null ? {} : { namespace: options.namespace ?? "commerce" }) },
    spec: {
      selector: { matchLabels: { app: "orders" } },
      template: {
        metadata: { labels: { app: "orders" } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: "10001", seccompProfile: { type: "RuntimeDefault" } },
          container: [secureContainer(options.container)],
          ...options.pod,
        },
      },
    },
  });
}

export function cronJob(scope: Construct): CronJobV1 {
  return new CronJobV1(scope, SUBJECT, {
    metadata: { name: "cleanup", namespace: "commerce" },
    spec: {
      schedule: "0 3 * * *",
      jobTemplate: {
        metadata: {},
        spec: {
          template: {
            metadata: {},
            spec: {
              automountServiceAccountToken: false,
              securityContext: { runAsNonRoot: true, runAsUser: "10001", seccompProfile: { type: "RuntimeDefault" } },
              container: [secureContainer({ livenessProbe: undefined, readinessProbe: undefined })],
            },
          },
        },
      },
    },
  });
}

export function namespace(scope: Construct, labels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "restricted" }): NamespaceV1 {
  return new NamespaceV1(scope, SUBJECT, { metadata: { name: "commerce", labels } });
}

export function networkPolicy(scope: Construct, egress: NetworkPolicyV1SpecEgress[]): NetworkPolicyV1 {
  return new NetworkPolicyV1(scope, SUBJECT, {
    metadata: { name: "orders", namespace: "commerce" },
    spec: { podSelector: { matchLabels: { app: "orders" } }, policyTypes: ["Ingress", "Egress"], egress },
  });
}

export function service(scope: Construct, over: Partial<ServiceV1Config["spec"]> = {}, annotations: Record<string, string> = {}): ServiceV1 {
  return new ServiceV1(scope, SUBJECT, {
    metadata: { name: "orders", namespace: "commerce", annotations },
    spec: { selector: { app: "orders" }, port: [{ port: 80, targetPort: "8080" }], type: "ClusterIP", ...over },
  });
}

export function manifest(scope: Construct, body: Record<string, unknown>): Manifest {
  return new Manifest(scope, SUBJECT, { manifest: body });
}

export function helmRelease(scope: Construct, over: Partial<ReleaseConfig> = {}): Release {
  return new Release(scope, SUBJECT, { name: "eg", chart: "gateway-helm", repository: "oci://docker.io/envoyproxy", version: "v1.9.1", namespace: "envoy-gateway-system", atomic: true, cleanupOnFail: true, ...over });
}

export function virtualNetwork(scope: Construct, addressSpace: string[]): VirtualNetwork {
  return new VirtualNetwork(scope, SUBJECT, { ...RG, name: "vnet-test", addressSpace });
}

export function dnsZoneLink(scope: Construct, zone: string, registrationEnabled?: boolean): PrivateDnsZoneVirtualNetworkLink {
  return new PrivateDnsZoneVirtualNetworkLink(scope, SUBJECT, { name: "link", resourceGroupName: RG.resourceGroupName, privateDnsZoneName: zone, virtualNetworkId: "/subscriptions/x/virtualNetworks/vnet", registrationEnabled });
}

export function disruptionBudget(scope: Construct, spec: Partial<PodDisruptionBudgetV1Spec>): PodDisruptionBudgetV1 {
  return new PodDisruptionBudgetV1(scope, SUBJECT, { metadata: { name: "orders", namespace: "commerce" }, spec: { selector: { matchLabels: { app: "orders" } }, ...spec } });
}

export function autoscaler(scope: Construct, spec: Partial<HorizontalPodAutoscalerV2Spec> = {}): HorizontalPodAutoscalerV2 {
  return new HorizontalPodAutoscalerV2(scope, SUBJECT, {
    metadata: { name: "orders", namespace: "commerce" },
    spec: {
      minReplicas: 2,
      maxReplicas: 10,
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "orders" },
      metric: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      ...spec,
    },
  });
}

export function quota(scope: Construct, hard: Record<string, string>): ResourceQuotaV1 {
  return new ResourceQuotaV1(scope, SUBJECT, { metadata: { name: "team-quota", namespace: "commerce" }, spec: { hard } });
}

export function limitRange(scope: Construct, limit: LimitRangeV1SpecLimit[]): LimitRangeV1 {
  return new LimitRangeV1(scope, SUBJECT, { metadata: { name: "defaults", namespace: "commerce" }, spec: { limit } });
}

export function priorityClass(scope: Construct, globalDefault: boolean): PriorityClassV1 {
  return new PriorityClassV1(scope, SUBJECT, { metadata: { name: "critical" }, value: 1000000, globalDefault });
}

/** A fresh stack for one test. */
export function testStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "policy-test");
}

/** Evaluates one rule on a stack built by `build` and returns its finding for the resource with construct id `subject`. */
export function findingFor(rule: PolicyRule, build: (stack: TerraformStack) => void, subject: string = SUBJECT): PolicyFinding {
  const stack = testStack();
  build(stack);
  const report = evaluateStack(stack, [rule]);
  const finding = report.findings.find((f) => f.path === `${stack.node.id}/${subject}`);
  if (!finding) throw new Error(`rule ${rule.id} produced no finding for ${subject}; findings: ${JSON.stringify(report.findings.map((f) => f.path))}`);
  return finding;
}
