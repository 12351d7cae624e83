import { dependable, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { DataAzurermDnsZone } from "@cdktf/provider-azurerm/lib/data-azurerm-dns-zone";
import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { PriorityClassV1 } from "@cdktf/provider-kubernetes/lib/priority-class-v1";
import { AksClusterConnection } from "../lib/aks/cluster-connection";
import { ValidationError } from "../lib/core/errors";
import { grantRole } from "../lib/core/grants";
import { federatedIdentity } from "../lib/core/workload-identity";
import { StandardTagsAspect } from "../lib/core/tags";
import { AcmeClusterIssuer, AcmeSolver } from "../lib/traffic/acme-cluster-issuer";
import { CertManager } from "../lib/traffic/cert-manager";
import { TerraformOutput } from "cdktf";
import { TrafficGateway } from "../lib/traffic/gateway";
import { ServiceRoute } from "../lib/traffic/route";
import { EnvoyGatewayController } from "../lib/traffic/traffic-controller";
import { DebeziumServer } from "../lib/cdc/debezium-server";
import { Microservice } from "../lib/workloads/microservice";
import { TeamNamespace } from "../lib/workloads/team-namespace";
import type { GatewayConfig, ServiceConfig } from "./config/apps-config";
import type { RegionConfig } from "./config/environment-config";
import type { ResolvedEnvironment } from "./config/resolve";
import { RegionalAddonsStack } from "./addons-stack";
import { CDC_CHECKPOINT_CONTAINER, CDC_NAMESPACE } from "./cdc-names";
import { configureBackend, RegionalPlatformStack } from "./platform-stack";
import { addAzurermProvider } from "./providers";

/** The Terraform stack name of what runs in an environment's cluster in one region: `<env>-<region>-apps`. */
export function appsStackName(environment: string, region: string): string {
  return `${environment}-${region}-apps`;
}

/** Props for {@link RegionalAppsStack}. */
export interface RegionalAppsStackProps {
  readonly environment: ResolvedEnvironment;
  readonly region: RegionConfig;
  readonly platform: RegionalPlatformStack;
  readonly addons: RegionalAddonsStack;
}

/** Priority class of services marked critical: they keep their pods when the cluster runs short of capacity. */
export const CRITICAL_PRIORITY_CLASS = "business-critical";
/** Name of the ACME ClusterIssuer the gateway's certificates come from. */
export const ACME_ISSUER = "letsencrypt-prod";
/** Qualifier of cert-manager's managed identity name (`uai-<workload>-certmgr-<env>-<region>`). */
export const CERT_MANAGER_IDENTITY_QUALIFIER = "certmgr";

/**
 * What lets cert-manager answer DNS-01 challenges in the gateway's Azure DNS zone: its managed identity, the identity's
 * trust in the controller's service account, and its role on the zone.
 */
export interface CertManagerDnsAccess {
  readonly identity: UserAssignedIdentity;
  readonly federatedCredential: FederatedIdentityCredential;
  readonly zone: DataAzurermDnsZone;
  /** `DNS Zone Contributor` on the zone. */
  readonly roleAssignment: RoleAssignment;
}

/**
 * What runs inside a region's cluster: the Envoy Gateway controller behind the platform's load balancer address, the
 * shared HTTPS gateway with Let's Encrypt certificates, a namespace per team, and each team's services with their
 * workload identities, routes, load-balancing algorithms, API-gateway policies, autoscaling, disruption budgets,
 * network policies and data access.
 */
export class RegionalAppsStack extends TerraformStack {
  public readonly connection: AksClusterConnection;
  public readonly controller: EnvoyGatewayController;
  public readonly gateway: TrafficGateway;
  /** Every team's namespaces, by namespace name. */
  public readonly namespaces: ReadonlyMap<string, TeamNamespace>;
  public readonly services: ReadonlyMap<string, Microservice>;
  public readonly routes: ReadonlyMap<string, ServiceRoute>;
  /** Debezium, in the region whose platform runs the change data capture pipeline. */
  public readonly debezium?: DebeziumServer;
  /** cert-manager, installed by the addons stack (its release is a construct of that stack). */
  public readonly certManager: CertManager;
  /** The Let's Encrypt ClusterIssuer the gateway's certificates come from: DNS-01 with a DNS zone, HTTP-01 otherwise. */
  public readonly acmeIssuer: AcmeClusterIssuer;
  /** cert-manager's access to the gateway's DNS zone, when the gateway has one (DNS-01). */
  public readonly dnsAccess?: CertManagerDnsAccess;

  constructor(scope: Construct, props: RegionalAppsStackProps) {
    const env = props.environment;
    const name = appsStackName(env.name, props.region.name);
    super(scope, name);
    const { platform, addons } = props;
    const gw = env.gateway;
    if (!gw) throw new ValidationError(`environments.${env.name}.gateway`, "is missing for an apps stack", undefined, "configure the gateway (hostnames, acmeEmail)");
    const production = env.preset !== "dev";
    const index = env.regions.findIndex((r) => r.name === props.region.name);
    const prefix = `environments.${env.name}.regions[${index}](${props.region.name})`;

    addAzurermProvider(this);
    configureBackend(this, env, name);
    StandardTagsAspect.applyTo(this, env.tags);
    this.connection = new AksClusterConnection(this, "Cluster", { clusterName: platform.cluster.name, resourceGroupName: platform.resourceGroupName });
    this.addDependency(platform);

    const built = ValidationError.within(prefix, () => {
      const exposure =
        (gw.exposure ?? "public") === "public"
          ? { type: "public" as const, publicIp: { name: platform.gatewayIp!.name, resourceGroupName: platform.resourceGroupName, ipAddress: platform.gatewayIp!.ipAddress } }
          : { type: "internal" as const, subnetName: platform.network.subnet("gateway").name };
      const controller = new EnvoyGatewayController(this, "Traffic", {
        exposure,
        installScope: addons,
        controllerReplicas: production ? 2 : 1,
        proxy: { replicas: production ? 3 : 2 },
      });
      // With a DNS zone, the controller runs with workload identity: only the pod label goes into the chart values (the
      // issuer carries the identity's client ID), so the addons stack references nothing of this stack.
      const certManager = new CertManager(addons, "CertManager", {
        gatewayApiCrdsFrom: controller,
        ...(production ? {} : { replicas: 1 }),
        ...(gw.dnsZone ? { workloadIdentity: true } : {}),
      });
      const gateway = new TrafficGateway(this, "Gateway", { controller, hostnames: [...gw.hostnames], tls: { mode: "certManager", issuerName: ACME_ISSUER } });
      const dnsAccess = gw.dnsZone ? this.addCertManagerDnsAccess(props, certManager, gw.dnsZone) : undefined;
      const solver: AcmeSolver = dnsAccess
        ? {
            type: "azureDns",
            hostedZoneName: gw.dnsZone!.name,
            resourceGroupName: gw.dnsZone!.resourceGroupName,
            subscriptionId: gw.dnsZone!.subscriptionId ?? new DataAzurermClientConfig(this, "ClientConfig").subscriptionId,
            managedIdentityClientId: dnsAccess.identity.clientId,
          }
        : { type: "http01" };
      const acmeIssuer = new AcmeClusterIssuer(this, "AcmeIssuer", { certManager, gateway, email: gw.acmeEmail, name: ACME_ISSUER, solver });
      if (dnsAccess) {
        // The first challenge should find the identity trusted and allowed on the zone (the client ID alone only orders
        // the issuer after the identity).
        acmeIssuer.resource.dependsOn = [...(acmeIssuer.resource.dependsOn ?? []), dependable(dnsAccess.federatedCredential), dependable(dnsAccess.roleAssignment)];
      }
      // The global edge probes this path on every region's gateway; the gateway answers it itself.
      if (env.edge) gateway.addHealthRoute({ path: env.edge.probePath });
      return { controller, gateway, certManager, acmeIssuer, dnsAccess };
    });
    this.controller = built.controller;
    this.gateway = built.gateway;
    this.certManager = built.certManager;
    this.acmeIssuer = built.acmeIssuer;
    this.dnsAccess = built.dnsAccess;

    const anyCritical = env.teams.some((t) => Object.values(t.services ?? {}).some((s) => s.critical));
    if (anyCritical) {
      new PriorityClassV1(this, "CriticalPriority", {
        metadata: { name: CRITICAL_PRIORITY_CLASS },
        value: 1000000,
        globalDefault: false,
        preemptionPolicy: "PreemptLowerPriority",
        description: "Services the business cannot run without: scheduled first, evicted last.",
      });
    }

    const namespaces = new Map<string, TeamNamespace>();
    const services = new Map<string, Microservice>();
    const routes = new Map<string, ServiceRoute>();
    const configs = new Map<string, ServiceConfig>();
    for (const [t, team] of env.teams.entries()) {
      const entries = Object.entries(team.services ?? {});
      // Every namespace the team owns, created (or adopted when it exists already) with the team's quota, limits and
      // cost-center label; the first holds the team's services and is the one the gateway routes into.
      const owned = team.namespaces.map((namespaceName, n) =>
        ValidationError.within(`${prefix}.teams[${t}]`, () =>
          new TeamNamespace(this, n === 0 ? `Team-${team.name}` : `Team-${team.name}-${namespaceName}`, {
            team: team.name,
            name: namespaceName,
            existing: team.existingNamespace,
            gatewayAccess: n === 0 && entries.length > 0,
            quota: team.quota,
            containerLimits: team.containerLimits,
            costCenter: team.tags.costCenter,
          }),
        ),
      );
      owned.forEach((namespace) => namespaces.set(namespace.name, namespace));
      const namespace = owned[0];
      for (const [serviceName, service] of entries) {
        const at = `environments.${env.name}.teams[${t}].services.${serviceName}`;
        // Change-stream consumers run where the stream runs: the region whose platform captures changes.
        if (service.consumesChanges && !platform.cdc) continue;
        const microservice = ValidationError.within(at, () => this.addService(props, namespace, serviceName, service, production));
        const certManagerIdentity = this.dnsAccess?.identity.nameInput;
        if (certManagerIdentity !== undefined && microservice.identity.nameInput === certManagerIdentity) {
          throw new ValidationError(at, `derives the workload identity name "${certManagerIdentity}" that cert-manager's DNS-01 identity uses`, serviceName, "rename the service");
        }
        // The service's Azure resources (its workload identity) are the team's: its owner and cost-center tags.
        StandardTagsAspect.applyTo(microservice, team.tags);
        services.set(serviceName, microservice);
        configs.set(serviceName, service);
        // A worker (no paths) gets no route: nothing reaches it through the gateway.
        const paths = service.paths;
        if (!paths) continue;
        routes.set(
          serviceName,
          ValidationError.within(at, () =>
            new ServiceRoute(this, `Route-${serviceName}`, {
              gateway: this.gateway,
              backend: microservice,
              hostnames: [...gw.hostnames],
              paths: paths.map((path) => ({ path, type: "PathPrefix" as const })),
              loadBalancing: { algorithm: service.loadBalancing ?? "least-connections" },
              rateLimits: service.rateLimitPerMinute ? [{ requests: service.rateLimitPerMinute, unit: "Minute" as const }] : undefined,
              authentication: service.requireJwt && gw.jwt
                ? { providers: [{ name: "entra-id", issuer: gw.jwt.issuer, audiences: [...gw.jwt.audiences], remoteJwksUri: gw.jwt.jwksUri }] }
                : undefined,
            }),
          ),
        );
      }
    }
    for (const [serviceName, service] of configs) {
      for (const callee of service.calls ?? []) {
        const target = services.get(callee);
        if (target) services.get(serviceName)!.dependsOnService(target);
      }
    }

    if (platform.cdc) {
      const pipeline = platform.cdc;
      this.debezium = ValidationError.within(`${prefix}.data.cdc`, () => {
        const namespace = new TeamNamespace(this, "CdcNamespace", { team: env.tags.ownerTeam, name: CDC_NAMESPACE, costCenter: env.tags.costCenter });
        return new DebeziumServer(this, "Debezium", {
          pipeline,
          namespace,
          resourceGroup: platform.resourceGroup,
          namer: platform.namer,
          oidcIssuerUrl: this.connection.oidcIssuerUrl,
          snapshotMode: env.data.cdc?.snapshotMode,
          egress: { postgresCidr: platform.network.subnet("database").cidr, eventHubsCidr: platform.network.subnet("privateEndpoints").cidr },
          priorityClassName: anyCritical ? CRITICAL_PRIORITY_CLASS : undefined,
        });
      });
      new TerraformOutput(this, "cdc_setup_sql", {
        value: this.debezium.setupSql,
        description: "Run once as an Entra ID administrator of the database: the connector's least-privilege role and the publication (docs/cdc.md)",
      });
    }
    this.namespaces = namespaces;
    this.services = services;
    this.routes = routes;
  }

  /**
   * cert-manager's managed identity for DNS-01 (in the region's resource group, like the services' identities), trusted
   * for the controller's service account through the cluster's OIDC issuer, with `DNS Zone Contributor` on the
   * gateway's zone. It lives in this stack, not in the addons stack that installs cert-manager: the chart values need
   * no client ID (the ClusterIssuer here carries it), and the addons stack must not depend on this one.
   */
  private addCertManagerDnsAccess(props: RegionalAppsStackProps, certManager: CertManager, dnsZone: NonNullable<GatewayConfig["dnsZone"]>): CertManagerDnsAccess {
    const { platform } = props;
    const { identity, credential: federatedCredential } = federatedIdentity(this, {
      resourceGroup: platform.resourceGroup,
      name: platform.namer.name("user_assigned_identity", { qualifier: CERT_MANAGER_IDENTITY_QUALIFIER }),
      oidcIssuerUrl: this.connection.oidcIssuerUrl,
      serviceAccount: { namespace: certManager.namespace, name: certManager.serviceAccountName },
      credentialName: "cert-manager",
      ids: { identity: "CertManagerIdentity", credential: "CertManagerFederatedCredential" },
    });
    // A zone in another subscription is read through a provider for that subscription.
    const provider = dnsZone.subscriptionId
      ? new AzurermProvider(this, "azurerm-dns-zone", { alias: "dns_zone", subscriptionId: dnsZone.subscriptionId, features: [{}], storageUseAzuread: true, resourceProviderRegistrations: "none" })
      : undefined;
    const zone = new DataAzurermDnsZone(this, "DnsZone", { name: dnsZone.name, resourceGroupName: dnsZone.resourceGroupName, provider });
    const roleAssignment = grantRole(this, "CertManagerDnsZoneContributor", { scopeId: zone.id, roleDefinitionName: "DNS Zone Contributor" }, identity);
    return { identity, federatedCredential, zone, roleAssignment };
  }

  /** One service: the workload, and the roles its identity needs on the region's data services. */
  private addService(props: RegionalAppsStackProps, namespace: TeamNamespace, name: string, service: ServiceConfig, production: boolean): Microservice {
    const { platform } = props;
    const data = platform.data;
    const network = platform.network;
    const queueScaling = service.queueScaling;
    const release = props.environment.deployment;
    const changes = service.consumesChanges;
    const hub = changes ? platform.cdc!.hub(changes.table) : undefined;
    const changeStream =
      changes && hub
        ? {
            eventHubsNamespace: data.eventHubs.fullyQualifiedNamespace,
            eventHubName: hub.name,
            consumerGroup: name,
            checkpointStorageAccountName: data.storage.name,
            checkpointContainerName: CDC_CHECKPOINT_CONTAINER,
            partitionCount: platform.cdc!.partitionCount,
            unprocessedEventsPerReplica: changes.eventsPerReplica,
            maxReplicas: service.replicas?.max,
          }
        : undefined;
    const microservice = new Microservice(this, `Service-${name}`, {
      namespace,
      name,
      image: service.image,
      strategy: release ? { type: "big-bang", release: release.release } : service.strategy,
      port: service.port,
      resourceGroup: platform.resourceGroup,
      namer: platform.namer,
      oidcIssuerUrl: this.connection.oidcIssuerUrl,
      production,
      ...(changeStream
        ? { autoscaling: false as const, eventHubScaling: changeStream }
        : queueScaling
        ? {
            autoscaling: false as const,
            queueScaling: {
              serviceBusNamespace: data.serviceBus.fullyQualifiedNamespace,
              queueName: queueScaling.queue,
              messagesPerReplica: queueScaling.messagesPerReplica,
              maxReplicas: service.replicas?.max,
            },
          }
        : { autoscaling: { minReplicas: service.replicas?.min ?? (production ? 3 : 1), maxReplicas: service.replicas?.max ?? (production ? 10 : 3) } }),
      allowFrom: [{ namespace: this.controller.namespace }],
      // Private endpoints and the database; Entra ID's token endpoint (and public-only services) over HTTPS.
      azureEgress: [
        { cidr: network.subnet("privateEndpoints").cidr, ports: [443, 5671, 6380, 9093] },
        { cidr: network.subnet("database").cidr, ports: [5432] },
        { cidr: "0.0.0.0/0", ports: [443, ...(data.serviceBus.sku === "Premium" ? [] : [5671])] },
      ],
      priorityClassName: service.critical ? CRITICAL_PRIORITY_CLASS : undefined,
    });
    const identity = microservice.identity;
    const uses = service.uses ?? {};
    if (uses.keyVaultSecrets) data.keyVault.grantSecretsRead(identity);
    if (uses.redis && data.redis) data.redis.grantDataAccess(name, identity);
    for (const queue of uses.sendsTo ?? []) data.serviceBus.queues.get(queue)!.grantSend(identity);
    for (const queue of [...(uses.receivesFrom ?? []), ...(queueScaling ? [queueScaling.queue] : [])]) {
      data.serviceBus.queues.get(queue)!.grantReceive(identity);
    }
    for (const container of uses.blobContainers ?? []) data.storage.grantBlobDataRead(identity, { container: data.storage.containers.get(container)! });
    if (hub) {
      hub.grantReceive(identity);
      data.storage.grantBlobDataWrite(identity, { container: data.storage.containers.get(CDC_CHECKPOINT_CONTAINER)! });
    }
    return microservice;
  }
}
