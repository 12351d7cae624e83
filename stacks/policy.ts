import { TerraformStack } from "cdktf";
import { PolicyAspect, PolicyAspectOptions } from "../lib/policy/policy-aspect";
import { suppress } from "../lib/policy/suppressions";
import type { ResolvedEnvironment } from "./config/resolve";
import type { RegionalAppsStack } from "./apps-stack";
import type { GlobalEdgeStack } from "./global-stack";
import type { RegionalPlatformStack } from "./platform-stack";

/** The stacks of an environment the policy pack runs on (the shape `buildEnvironment` returns). */
export interface PolicyTargets {
  readonly environment: ResolvedEnvironment;
  readonly platform: readonly RegionalPlatformStack[];
  readonly addons: readonly TerraformStack[];
  readonly apps: readonly RegionalAppsStack[];
  /** The `<env>-global` stack, when the environment has one. */
  readonly global?: GlobalEdgeStack;
}

/**
 * Where the blueprints knowingly depart from the policy pack, and why. Each reason points at the documentation of the
 * gap or the opt-out; docs/policy.md lists them. A reason that stops being true must go with the suppression: an
 * unused suppression is reported as a warning at synthesis.
 */
export const BLUEPRINT_SUPPRESSION_REASONS = {
  grafanaPublic:
    "Managed Grafana keeps public network access with Entra ID sign-in required: closing it needs a Grafana private endpoint, not built yet (docs/data-and-messaging.md, What is not there yet)",
  monitorWorkspacePublic:
    "The Azure Monitor workspace keeps public network access with Entra ID authentication: Grafana reads it over its public endpoint and closing it needs an Azure Monitor Private Link Scope, not built yet (docs/data-and-messaging.md)",
  grafanaDiagnostics:
    "Grafana sign-ins go through Entra ID and are recorded in its sign-in logs; exporting Grafana's own resource logs to Log Analytics is a follow-up (docs/policy.md, Known gaps)",
  nsgDiagnostics:
    "NSG resource logs only count rule hits; traffic visibility needs virtual network flow logs (Network Watcher), not configured yet (docs/policy.md, Known gaps)",
  publicIpDiagnostics:
    "Public IP resource logs are DDoS mitigation reports, produced only with DDoS Network Protection, which the platform does not buy; the IP's metrics are in Azure Monitor without a diagnostic setting",
  freeTier: "dev preset opt-out: the Free AKS control plane has no uptime SLA, accepted for development (docs/configuration.md, presets)",
  purgeProtection: "dev preset opt-out: Key Vault without purge protection, so a torn-down dev vault frees its name (docs/configuration.md, presets)",
  geoBackup: "dev preset opt-out: Burstable PostgreSQL with locally redundant backups; dev data is disposable (docs/configuration.md, presets)",
  postgresHa: "dev preset opt-out: Burstable PostgreSQL without zone-redundant high availability, which Burstable SKUs cannot have (docs/configuration.md, presets)",
  storageReplication: "dev preset opt-out: locally redundant storage; dev data is disposable (docs/configuration.md, presets)",
  serviceBusPublic:
    "dev preset opt-out: Standard Service Bus has no private endpoints, so the namespace stays public with SAS keys off and Entra ID data roles only (docs/decisions/0003-data-defaults.md)",
  unprotected: "The environment sets data.protect to false (dev preset): no delete locks or prevent_destroy, so the environment can be torn down (docs/configuration.md)",
  gatewayNamespace:
    "The gateway namespace holds only Gateway and HTTPRoute objects; no pods run in it (the Envoy proxies run in envoy-gateway-system, installed by the Helm chart)",
  replicaAuthentication:
    "A read replica takes its authentication settings from its primary, which allows Entra ID only (PostgresFlexibleServer.addReadReplica); Azure copies them when it creates the replica",
  replicaMaintenance:
    "A read replica follows Azure's system-managed maintenance schedule; its primary has the planned window, and a replica restart does not interrupt writes (docs/high-availability.md)",
  wafDetection:
    "dev preset opt-out: the WAF runs in Detection mode (custom rules on Front Door Standard), so developers see in the WAF log what production would block without being blocked (docs/high-availability.md)",
  internetEgress:
    "Known gap: services need HTTPS egress to Entra ID's token endpoint and public-only Azure services; FQDN-based egress policies would narrow it (docs/workloads.md, In the blueprints)",
} as const;

const ZONE_REDUNDANT_STORAGE: readonly string[] = ["ZRS", "GZRS", "RAGZRS"];

/**
 * Applies the library's policy pack to every stack of an environment, with the blueprints' suppressions: documented
 * gaps everywhere, and the opt-outs of the environment's preset where the resolved settings take them.
 */
export function applyBlueprintPolicy(targets: PolicyTargets, options: PolicyAspectOptions = {}): void {
  const env = targets.environment;
  const reasons = BLUEPRINT_SUPPRESSION_REASONS;
  for (const stack of [...targets.platform, ...targets.addons, ...targets.apps, ...(targets.global ? [targets.global] : [])]) PolicyAspect.applyTo(stack, options);

  for (const platform of targets.platform) {
    if (platform.prometheus) {
      suppress(platform.prometheus.workspace, "AZ-MON-005", reasons.monitorWorkspacePublic);
      if (platform.prometheus.grafana) {
        suppress(platform.prometheus.grafana, "AZ-MON-004", reasons.grafanaPublic);
        suppress(platform.prometheus.grafana, "AZ-X-002", reasons.grafanaDiagnostics);
      }
    }
    // The diagnostics rule looks at the network's NSGs only (not the virtual network or its subnets).
    suppress(platform.network, "AZ-X-002", reasons.nsgDiagnostics);
    if (platform.gatewayIp) suppress(platform.gatewayIp, "AZ-X-002", reasons.publicIpDiagnostics);
    if (platform.role === "standby") continue;
    if (platform.data.postgresReplica) {
      suppress(platform.data.postgresReplica, "AZ-PG-004", reasons.replicaAuthentication);
      suppress(platform.data.postgresReplica, "AZ-PG-005", reasons.replicaMaintenance);
    }

    // Preset opt-outs are accepted for dev only: the same setting in a production environment stays a finding.
    const data = platform.data;
    if (env.preset === "dev") {
      if (env.aks.skuTier === "Free") suppress(platform.cluster, "AZ-AKS-009", reasons.freeTier);
      if (!env.data.keyVault.purgeProtection) suppress(data.keyVault, "AZ-KV-002", reasons.purgeProtection);
      if (data.postgres && env.data.postgres) {
        if (!env.data.postgres.geoRedundantBackup) suppress(data.postgres, "AZ-PG-002", reasons.geoBackup);
        if (!env.data.postgres.highAvailability) suppress(data.postgres, "AZ-PG-003", reasons.postgresHa);
      }
      if (!ZONE_REDUNDANT_STORAGE.includes(env.data.storage.replication)) suppress(data.storage, "AZ-ST-008", reasons.storageReplication);
      if (!env.data.protect) suppress(data, "AZ-X-003", reasons.unprotected);
    }
    if (env.preset !== "prod" && env.data.serviceBus.sku !== "Premium") suppress(data.serviceBus, "AZ-SB-003", reasons.serviceBusPublic);
  }

  const firewall = targets.global?.frontDoor?.firewallPolicy;
  if (firewall && env.preset === "dev" && env.edge?.type === "front-door" && env.edge.wafMode === "Detection") suppress(firewall, "AZ-FD-002", reasons.wafDetection);

  for (const apps of targets.apps) {
    if (apps.gateway.namespaceResource) suppress(apps.gateway.namespaceResource, "AZ-K8S-012", reasons.gatewayNamespace);
    for (const service of apps.services.values()) suppress(service, "AZ-K8S-013", reasons.internetEgress);
    if (apps.debezium) suppress(apps.debezium, "AZ-K8S-013", reasons.internetEgress);
  }
}
