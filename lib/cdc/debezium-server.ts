import { Fn } from "cdktf";
import { Construct } from "constructs";
import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { UserAssignedIdentity } from "@cdktf/provider-azurerm/lib/user-assigned-identity";
import { ConfigMapV1 } from "@cdktf/provider-kubernetes/lib/config-map-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { StatefulSetV1 } from "@cdktf/provider-kubernetes/lib/stateful-set-v1";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { parseCidr } from "../core/cidr";
import { ValidationError } from "../core/errors";
import { ResourceNamer } from "../core/naming";
import { isUnresolved, validateEnum, validatePattern, validateUnique } from "../core/validate";
import { DNS_1035_LABEL, DNS_1123_SUBDOMAIN, dnsEgressRule, parseQuantity, validateImage, validateQuantityOrder } from "../workloads/private/kubernetes";
import { TEAM_LABEL, TeamNamespace } from "../workloads/team-namespace";
import { CdcPipeline } from "./cdc-pipeline";
import { escapeRegex, renderProperties } from "./private/properties";
import { EVENT_HUBS_TOKEN_FILE, REFRESH_TOKENS_SCRIPT, SCRIPTS_DIR, START_SCRIPT, TOKEN_DIR } from "./private/token-scripts";
import { federatedIdentity, WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION, WORKLOAD_IDENTITY_USE_LABEL } from "../core/workload-identity";

/**
 * Debezium Server image: the 3.5 line's latest Final in the project's own image repository (debezium/container-images
 * `server/3.5/Dockerfile`: `DEBEZIUM_VERSION=3.5.2.Final`), Java 21 on UBI, running as user 185 (`jboss`). Debezium 3.5
 * is built on the Kafka 4.1 clients (kafka-clients 4.1.1 in its distribution): OAUTHBEARER with a `file:` token endpoint
 * (KIP-768) works, and Kafka 4.x refuses token URLs and files not allowed by the `org.apache.kafka.sasl.oauthbearer.allowed.urls`
 * and `…allowed.files` system properties, which the construct sets.
 */
export const DEBEZIUM_SERVER_IMAGE = "quay.io/debezium/server:3.5.2.Final";

/**
 * Image of the token refresher (init container and sidecar): curl on Alpine, with a POSIX shell and sed for the
 * token script. Mirror it into your registry for production pulls.
 */
export const TOKEN_REFRESHER_IMAGE = "docker.io/curlimages/curl:8.16.0";

/** User and group the Debezium Server image runs as (`jboss`, 185, in the UBI OpenJDK images). */
const DEBEZIUM_UID = 185;
const HTTP_PORT = 8080;
const CONFIG_FILE = "application.properties";
const DATA_DIR = "/debezium/data";
const OFFSETS_FILE = `${DATA_DIR}/offsets.dat`;
const CLIENT_ID_ANNOTATION = WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION;
const USE_LABEL = WORKLOAD_IDENTITY_USE_LABEL;
const NAME_LABEL = "app.kubernetes.io/name";
const COMPONENT_LABEL = "app.kubernetes.io/component";
/** Seconds between token refreshes; Entra ID access tokens live 60–90 minutes and Kafka re-reads the file at 80% of its life. */
const REFRESH_SECONDS = 300;
/** Keys whose value would be a credential; none may be given through `additionalProperties` (they would land in a ConfigMap). */
const SECRET_KEY = /(password|secret|jaas\.config|credential|connectionstring|sas\.?key|access\.?key)/i;
const PROPERTY_KEY = /^(debezium|quarkus)\.[A-Za-z0-9._-]+$/;

/** Debezium's `snapshot.mode` values this construct offers (https://debezium.io/documentation/reference/stable/connectors/postgresql.html#postgresql-property-snapshot-mode). */
export type DebeziumSnapshotMode = "initial" | "initial_only" | "no_data" | "when_needed" | "always";
const SNAPSHOT_MODES: readonly DebeziumSnapshotMode[] = ["initial", "initial_only", "no_data", "when_needed", "always"];

/** Where the connector's traffic may go: the namespace's default-deny policy blocks everything else. */
export interface DebeziumEgress {
  /** CIDR of the server's delegated subnet (`network.subnet("database").cidr`); port 5432. */
  readonly postgresCidr: string;
  /** CIDR of the Event Hubs namespace's private endpoint (`network.subnet("privateEndpoints").cidr`); port 9093 (Kafka). */
  readonly eventHubsCidr: string;
  /**
   * CIDRs of Microsoft Entra ID's token endpoint (`login.microsoftonline.com`); port 443. Network policies cannot name
   * hosts, so the default is every address on 443 only (the policy pack's AZ-K8S-013 flags it): narrow it to the
   * `AzureActiveDirectory` service tag's ranges, or route egress through Azure Firewall with an FQDN rule.
   * @default ["0.0.0.0/0"]
   */
  readonly entraIdCidrs?: string[];
}

/** Where the connector keeps its offsets (the last WAL position it published). */
export interface DebeziumOffsetStorage {
  /**
   * StorageClass of the offsets volume. Zone-redundant storage lets the single pod restart in another zone with its
   * offsets.
   * @default - a StorageClass the construct creates: Azure Disk CSI, `StandardSSD_ZRS`, `Retain`, `WaitForFirstConsumer`
   */
  readonly storageClassName?: string;
  /**
   * Size of the volume (offsets take kilobytes; Azure bills disks by size tier).
   * @default "4Gi"
   */
  readonly size?: string;
}

/** CPU and memory of the Debezium container (the token refresher adds 10m CPU and 16Mi, limited to 32Mi). */
export interface DebeziumResources {
  /**
   * Requests.
   * @default { cpu: "500m", memory: "1Gi" }
   */
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  /**
   * Memory limit (no CPU limit, as for every workload of the library). The JVM sizes its heap at 75% of it.
   * @default "2Gi"
   */
  readonly memoryLimit?: string;
}

/** Props for {@link DebeziumServer}. */
export interface DebeziumServerProps {
  /** The pipeline whose changes the connector publishes (from the platform stack). */
  readonly pipeline: CdcPipeline;
  /** The team namespace the connector runs in. */
  readonly namespace: TeamNamespace;
  /** Resource group of the connector's workload identity (the apps region's). */
  readonly resourceGroup: ResourceGroup;
  /** Namer of the environment and region; names the workload identity. */
  readonly namer: ResourceNamer;
  /** OIDC issuer URL of the cluster (`AksCluster.oidcIssuerUrl`), trusted by the federated credential. */
  readonly oidcIssuerUrl: string;
  /** Where the connector may connect to. */
  readonly egress: DebeziumEgress;
  /**
   * Name of the StatefulSet, service account and the other objects (an RFC 1035 label).
   * @default "debezium"
   */
  readonly name?: string;
  /**
   * Debezium Server image, pinned by tag or digest.
   * @default {@link DEBEZIUM_SERVER_IMAGE}
   */
  readonly image?: string;
  /**
   * Image of the token refresher; needs `/bin/sh`, `curl`, `sed`, `cat` and `mv`.
   * @default {@link TOKEN_REFRESHER_IMAGE}
   */
  readonly tokenRefresherImage?: string;
  /**
   * `snapshot.mode`: `initial` copies the tables once, then streams; `no_data` streams from now on; `when_needed`
   * copies the tables when there are no offsets, and again when the recorded position is no longer in the WAL (a slot
   * that was dropped or lost), so a lost slot is healed by a fresh snapshot instead of silently skipping the changes in
   * between.
   * @default "when_needed"
   */
  readonly snapshotMode?: DebeziumSnapshotMode;
  /**
   * The offsets volume.
   * @default - see {@link DebeziumOffsetStorage}
   */
  readonly offsetStorage?: DebeziumOffsetStorage;
  /**
   * CPU and memory.
   * @default - see {@link DebeziumResources}
   */
  readonly resources?: DebeziumResources;
  /**
   * More `debezium.*` or `quarkus.*` properties (e.g. `debezium.source.decimal.handling.mode`). Properties the construct
   * sets cannot be overridden here, and nothing that looks like a credential is accepted: the file is a ConfigMap.
   * @default - none
   */
  readonly additionalProperties?: Readonly<Record<string, string>>;
  /**
   * PriorityClass of the pod.
   * @default - the cluster default
   */
  readonly priorityClassName?: string;
  /**
   * Qualifier of the workload identity's Azure name (`id-<workload>-<qualifier>-<env>-<region>`).
   * @default - the name without hyphens, at most 16 characters
   */
  readonly identityQualifier?: string;
}

/**
 * Debezium in the apps stack: the PostgreSQL connector of a {@link CdcPipeline} publishing change events (`op`,
 * `before`, `after`, `source`, `ts_ms`, JSON without embedded schemas) to the pipeline's event hubs through their Kafka
 * endpoint.
 *
 * Why Debezium Server rather than Kafka Connect: one connector, one process, configured by a file. Kafka Connect in
 * distributed mode would add three compacted internal topics (config, offsets, status) to a namespace that holds ten
 * event hubs on Standard, and a REST call to register the connector, which Terraform cannot express declaratively.
 * Debezium Server's Kafka sink is an ordinary Kafka producer, which Event Hubs accepts on port 9093.
 *
 * The workload:
 * - a StatefulSet with one replica: a replication slot has one reader, and a StatefulSet never runs two pods of one
 *   ordinal (a Deployment's rolling update would start the new pod while the old one still holds the slot);
 * - offsets in a file on a zone-redundant disk (`StandardSSD_ZRS`, retained when the StatefulSet goes), so the pod
 *   resumes where it stopped in any zone;
 * - no PodDisruptionBudget: a budget on a single pod either blocks every node drain (minAvailable 1) or allows what
 *   no budget allows. A drain pauses the stream; the slot keeps the WAL until the pod is back;
 * - a NetworkPolicy: no ingress; egress to DNS, PostgreSQL (5432), Event Hubs (9093) and Entra ID (443);
 * - `restricted` pod security: non-root (185), read-only root filesystem, no capabilities, RuntimeDefault seccomp.
 *
 * Authentication, with no secret anywhere: a user-assigned identity federated with the service account (workload
 * identity). An init container and a sidecar exchange the projected service-account token for Microsoft Entra ID
 * access tokens (the client credentials grant with the federated token as client assertion) and write them to an in-memory volume every five minutes:
 * - Event Hubs: Kafka's SASL/OAUTHBEARER login reads the token through `sasl.oauthbearer.token.endpoint.url=file:…`
 *   (KIP-768's file retriever, re-read when the file changes); the identity has `Azure Event Hubs Data Sender` on the
 *   pipeline's hubs only;
 * - PostgreSQL: the token is the password of the identity's Entra ID role ({@link DebeziumServer.setupSql}), passed as an environment
 *   variable at start. PostgreSQL checks it only when connecting; after an expiry-time reconnect fails, Debezium Server
 *   exits and restarts with a fresh token.
 *
 * Deploy order: apply both stacks (the pod waits in CrashLoopBackOff; Terraform does not wait for the rollout), then
 * have an Entra ID administrator run {@link DebeziumServer.setupSql}; the pod then starts streaming by itself.
 *
 * @example
 * const cdc = platform.cdc; // a CdcPipeline of the region's platform stack
 * const debezium = new DebeziumServer(this, "Debezium", {
 *   pipeline: cdc, namespace: dataTeam, resourceGroup, namer, oidcIssuerUrl: cluster.oidcIssuerUrl,
 *   egress: { postgresCidr: network.subnet("database").cidr, eventHubsCidr: network.subnet("privateEndpoints").cidr },
 * });
 * new TerraformOutput(this, "CdcSetupSql", { value: debezium.setupSql });
 */
export class DebeziumServer extends Construct {
  /** The StatefulSet (L1), an escape hatch. */
  public readonly statefulSet: StatefulSetV1;
  /** The ConfigMap with `application.properties` and the scripts (L1). */
  public readonly configMap: ConfigMapV1;
  /** The service account (L1). */
  public readonly serviceAccount: ServiceAccountV1;
  /** The NetworkPolicy (L1). */
  public readonly networkPolicy: NetworkPolicyV1;
  /** The zone-redundant StorageClass (L1), unless a storage class was given. */
  public readonly storageClass?: StorageClassV1;
  /** The workload identity (it satisfies `IPrincipal`). */
  public readonly identity: UserAssignedIdentity;
  /** Federated credential trusting the service account's tokens. */
  public readonly federatedCredential: FederatedIdentityCredential;
  /** `Azure Event Hubs Data Sender` on each change hub and the heartbeat hub. */
  public readonly roleAssignments: readonly RoleAssignment[];
  /** `application.properties`, key by key, in file order. */
  public readonly configuration: ReadonlyMap<string, string>;
  /** The name of the StatefulSet and the other objects. */
  public readonly name: string;
  /** The namespace name. */
  public readonly namespaceName: string;
  /** The PostgreSQL role the connector logs in as: the identity's name in Entra ID. */
  public readonly databaseUser: string;
  /** The SQL an Entra ID administrator runs once (see {@link CdcPipeline.setupSql}), for this connector's role. */
  public readonly setupSql: string;
  /** The pipeline. */
  public readonly pipeline: CdcPipeline;

  constructor(scope: Construct, id: string, props: DebeziumServerProps) {
    super(scope, id);

    // --- validation, before anything is created ---
    if (!(props.pipeline instanceof CdcPipeline)) {
      throw new ValidationError("debezium.pipeline", "is not a CdcPipeline", String(props.pipeline), "pass the CdcPipeline of the platform stack");
    }
    const name = validatePattern("debezium.name", props.name ?? "debezium", DNS_1035_LABEL, "use 1-63 lowercase letters, digits and hyphens, starting with a letter (RFC 1035 label)")!;
    const path = `debezium.${name}`;
    const ns = props.namespace;
    const pipeline = props.pipeline;
    this.pipeline = pipeline;
    this.name = name;
    this.namespaceName = ns.name;
    if (props.oidcIssuerUrl === undefined || props.oidcIssuerUrl === "") {
      throw new ValidationError(`${path}.oidcIssuerUrl`, "is required", props.oidcIssuerUrl, "pass the cluster's OIDC issuer URL (AksCluster.oidcIssuerUrl)");
    }
    validatePattern(`${path}.oidcIssuerUrl`, props.oidcIssuerUrl, /^https:\/\/[^\s]+$/, "use the cluster's https:// OIDC issuer URL (AksCluster.oidcIssuerUrl)");
    const image = props.image ?? DEBEZIUM_SERVER_IMAGE;
    validateImage(`${path}.image`, image, true);
    const refresherImage = props.tokenRefresherImage ?? TOKEN_REFRESHER_IMAGE;
    validateImage(`${path}.tokenRefresherImage`, refresherImage, true);
    const snapshotMode = validateEnum(`${path}.snapshotMode`, props.snapshotMode ?? "when_needed", SNAPSHOT_MODES)!;

    const egress = props.egress ?? ({} as DebeziumEgress);
    const cidr = (at: string, value: string | undefined): string => {
      if (value === undefined) throw new ValidationError(at, "is required", value, "pass the subnet's CIDR, e.g. network.subnet(\"database\").cidr");
      if (!isUnresolved(value)) parseCidr(at, value);
      return value;
    };
    const postgresCidr = cidr(`${path}.egress.postgresCidr`, egress.postgresCidr);
    const eventHubsCidr = cidr(`${path}.egress.eventHubsCidr`, egress.eventHubsCidr);
    const entraIdCidrs = egress.entraIdCidrs ?? ["0.0.0.0/0"];
    if (entraIdCidrs.length === 0) {
      throw new ValidationError(`${path}.egress.entraIdCidrs`, "is empty, so the token refresher could not reach Entra ID and the connector could not authenticate", entraIdCidrs, "list the AzureActiveDirectory service tag's ranges, or leave it unset");
    }
    entraIdCidrs.forEach((c, i) => cidr(`${path}.egress.entraIdCidrs[${i}]`, c));
    validateUnique(`${path}.egress.entraIdCidrs`, entraIdCidrs);

    const storage = props.offsetStorage ?? {};
    if (storage.storageClassName !== undefined) validatePattern(`${path}.offsetStorage.storageClassName`, storage.storageClassName, DNS_1123_SUBDOMAIN, "use a StorageClass name (RFC 1123 subdomain)");
    const volumeSize = storage.size ?? "4Gi";
    parseQuantity(`${path}.offsetStorage.size`, volumeSize, "memory");

    const requestsCpu = props.resources?.requests?.cpu ?? "500m";
    const requestsMemory = props.resources?.requests?.memory ?? "1Gi";
    const limitsMemory = props.resources?.memoryLimit ?? "2Gi";
    const requestsCpuValue = parseQuantity(`${path}.resources.requests.cpu`, requestsCpu, "cpu");
    const requestsMemoryValue = parseQuantity(`${path}.resources.requests.memory`, requestsMemory, "memory");
    const limitsMemoryValue = parseQuantity(`${path}.resources.memoryLimit`, limitsMemory, "memory");
    validateQuantityOrder(`${path}.resources.requests.memory`, requestsMemory, requestsMemoryValue, `${path}.resources.memoryLimit`, limitsMemory, limitsMemoryValue);

    if (props.priorityClassName !== undefined) validatePattern(`${path}.priorityClassName`, props.priorityClassName, DNS_1123_SUBDOMAIN, "use a PriorityClass name (RFC 1123 subdomain)");
    const qualifier = props.identityQualifier ?? name.replace(/-/g, "").slice(0, 16);
    validatePattern(`${path}.identityQualifier`, qualifier, /^[a-z][a-z0-9]{0,15}$/, "use 1-16 lowercase letters and digits, starting with a letter");
    const identityName = props.namer.name("user_assigned_identity", { qualifier });

    const source = pipeline.debezium;
    const entries: [string, string][] = [
      ["debezium.sink.type", "kafka"],
      ["debezium.sink.kafka.producer.bootstrap.servers", source.bootstrapServers],
      ["debezium.sink.kafka.producer.security.protocol", "SASL_SSL"],
      ["debezium.sink.kafka.producer.sasl.mechanism", "OAUTHBEARER"],
      // No credential in the JAAS entry: the login callback handler fetches the token from the endpoint URL below.
      ["debezium.sink.kafka.producer.sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"],
      ["debezium.sink.kafka.producer.sasl.login.callback.handler.class", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"],
      ["debezium.sink.kafka.producer.sasl.oauthbearer.token.endpoint.url", `file://${EVENT_HUBS_TOKEN_FILE}`],
      ["debezium.sink.kafka.producer.key.serializer", "org.apache.kafka.common.serialization.StringSerializer"],
      ["debezium.sink.kafka.producer.value.serializer", "org.apache.kafka.common.serialization.StringSerializer"],
      ["debezium.sink.kafka.producer.acks", "all"],
      // Event Hubs' recommended client settings (https://learn.microsoft.com/azure/event-hubs/apache-kafka-configurations):
      // it closes idle connections after 240 s and requests over 1,046,528 bytes.
      ["debezium.sink.kafka.producer.request.timeout.ms", "60000"],
      ["debezium.sink.kafka.producer.metadata.max.age.ms", "180000"],
      ["debezium.sink.kafka.producer.connections.max.idle.ms", "180000"],
      ["debezium.sink.kafka.producer.max.request.size", "1000000"],
      ["debezium.format.key", "json"],
      ["debezium.format.value", "json"],
      ["debezium.format.key.schemas.enable", "false"],
      ["debezium.format.value.schemas.enable", "false"],
      ["debezium.source.connector.class", "io.debezium.connector.postgresql.PostgresConnector"],
      ["debezium.source.database.hostname", source.hostname],
      ["debezium.source.database.port", String(source.port)],
      ["debezium.source.database.user", identityName],
      ["debezium.source.database.dbname", source.database],
      // TLS with the server certificate checked against the JVM's trust store and the host name.
      ["debezium.source.database.sslmode", "verify-full"],
      ["debezium.source.database.sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"],
      ["debezium.source.plugin.name", "pgoutput"],
      ["debezium.source.slot.name", source.slotName],
      ...(source.slotFailover ? ([["debezium.source.slot.failover", "true"]] as [string, string][]) : []),
      ["debezium.source.publication.name", source.publicationName],
      // The tables' owner creates the publication (see setupSql); the connector's role needs no ownership to read it.
      ["debezium.source.publication.autocreate.mode", "disabled"],
      // Identifiers are [a-z0-9_], so the unescaped "." can only match the separator: each entry matches one table.
      ["debezium.source.table.include.list", source.tableIncludeList.join(",")],
      ["debezium.source.topic.prefix", source.topicPrefix],
      ["debezium.source.snapshot.mode", snapshotMode],
      ["debezium.source.tombstones.on.delete", "true"],
      ["debezium.source.heartbeat.interval.ms", String(source.heartbeatIntervalMs)],
      ["debezium.source.topic.heartbeat.prefix", source.heartbeatTopicPrefix],
      ...(source.heartbeatActionQuery ? ([["debezium.source.heartbeat.action.query", source.heartbeatActionQuery]] as [string, string][]) : []),
      ["debezium.source.offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore"],
      ["debezium.source.offset.storage.file.filename", OFFSETS_FILE],
      ["debezium.source.offset.flush.interval.ms", "10000"],
      // Retry transient failures a bounded number of times, then exit: a restart reads a fresh database token.
      ["debezium.source.errors.max.retries", "10"],
      ...(source.heartbeatTableTopic
        ? ([
            // The heartbeat table's events go to the heartbeat hub instead of needing an event hub of their own.
            ["debezium.transforms", "heartbeat"],
            ["debezium.transforms.heartbeat.type", "io.debezium.transforms.ByLogicalTableRouter"],
            ["debezium.transforms.heartbeat.topic.regex", escapeRegex(source.heartbeatTableTopic)],
            ["debezium.transforms.heartbeat.topic.replacement", source.heartbeatTopic],
            ["debezium.transforms.heartbeat.key.enforce.uniqueness", "false"],
          ] as [string, string][])
        : []),
      ["quarkus.http.port", String(HTTP_PORT)],
    ];
    const managed = new Set(entries.map(([key]) => key));
    // Defaults that additionalProperties may override: numeric/decimal columns as strings ("299.99") rather than
    // base64-encoded bytes, which JSON consumers cannot read; TRUNCATE published as an event (op "t") instead of dropped.
    const overridable: Array<[string, string]> = [
      ["debezium.source.decimal.handling.mode", "string"],
      ["debezium.source.skipped.operations", "none"],
    ];
    for (const [key, value] of overridable) if (props.additionalProperties?.[key] === undefined) entries.push([key, value]);
    for (const [key, value] of Object.entries(props.additionalProperties ?? {})) {
      const at = `${path}.additionalProperties.${key}`;
      validatePattern(at, key, PROPERTY_KEY, 'use a "debezium." or "quarkus." property name');
      if (managed.has(key) || key === "debezium.source.database.password") {
        throw new ValidationError(at, "is set by the construct", key, "use the matching prop, or leave it to the construct");
      }
      if (SECRET_KEY.test(key)) {
        throw new ValidationError(at, "looks like a credential, and application.properties is a ConfigMap", key, "leave credentials to workload identity; the construct authenticates with Entra ID tokens");
      }
      // "${" would be read as an interpolation by Terraform and as an expression by MicroProfile Config.
      if (typeof value !== "string" || isUnresolved(value) || /[\r\n]/.test(value) || value.includes("${") || value.includes("%{")) {
        throw new ValidationError(at, 'must be a literal single-line string without "${" or "%{"', value, "pass the value as Debezium reads it");
      }
      entries.push([key, value]);
    }
    this.configuration = new Map(entries);
    const properties = renderProperties(entries, [`Debezium Server for CDC pipeline "${source.topicPrefix}", generated by DebeziumServer. No credentials: see the construct's documentation.`]);

    ns.registerWorkload({
      path,
      name,
      maxPods: 1,
      requestsCpu: requestsCpuValue === undefined ? undefined : requestsCpuValue + 0.01,
      requestsMemory: requestsMemoryValue === undefined ? undefined : requestsMemoryValue + 16 * 2 ** 20,
      limitsMemory: limitsMemoryValue === undefined ? undefined : limitsMemoryValue + 32 * 2 ** 20,
      loadBalancer: false,
      services: 0,
    });

    // --- Azure: workload identity and grants ---
    const federated = federatedIdentity(this, {
      resourceGroup: props.resourceGroup,
      name: identityName,
      oidcIssuerUrl: props.oidcIssuerUrl,
      serviceAccount: { namespace: ns.name, name },
      credentialName: `${ns.name}-${name}`,
    });
    this.identity = federated.identity;
    this.federatedCredential = federated.credential;
    this.databaseUser = identityName;
    this.roleAssignments = pipeline.grantSend(this.identity);
    this.setupSql = pipeline.setupSql(identityName);

    // --- Kubernetes ---
    const namespace = ns.resource.metadata.name;
    const selector = { [NAME_LABEL]: name };
    const labels = { ...selector, [COMPONENT_LABEL]: "cdc", [TEAM_LABEL]: ns.team, "app.kubernetes.io/managed-by": "cdktf" };

    this.serviceAccount = new ServiceAccountV1(this, "ServiceAccount", {
      metadata: { name, namespace, labels, annotations: { [CLIENT_ID_ANNOTATION]: this.identity.clientId } },
      automountServiceAccountToken: false,
    });

    this.configMap = new ConfigMapV1(this, "Config", {
      metadata: { name: `${name}-config`, namespace, labels },
      data: { [CONFIG_FILE]: properties, "refresh-tokens.sh": REFRESH_TOKENS_SCRIPT, "start.sh": START_SCRIPT },
    });

    let storageClassName = storage.storageClassName;
    if (storageClassName === undefined) {
      storageClassName = `${ns.name}-${name}-zrs`;
      this.storageClass = new StorageClassV1(this, "StorageClass", {
        metadata: { name: storageClassName, labels },
        storageProvisioner: "disk.csi.azure.com",
        parameters: { skuName: "StandardSSD_ZRS" },
        // Losing the offsets means a new snapshot of every table: keep the disk when the claim goes.
        reclaimPolicy: "Retain",
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
      });
    }

    const restrictedContainer = {
      runAsNonRoot: true,
      runAsUser: String(DEBEZIUM_UID),
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    };
    const refresherEnv = [
      { name: "EVENT_HUBS_SCOPE", value: source.eventHubsTokenScope },
      { name: "REFRESH_SECONDS", value: String(REFRESH_SECONDS) },
    ];
    const refresherMounts = [
      { name: "tokens", mountPath: TOKEN_DIR },
      { name: "scripts", mountPath: SCRIPTS_DIR, readOnly: true },
    ];
    const refresherResources = { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } };
    const tokenFresh = { exec: { command: ["/bin/sh", "-c", `find ${EVENT_HUBS_TOKEN_FILE} -mmin -${Math.ceil((REFRESH_SECONDS * 3) / 60)} | grep -q .`] } };
    const httpProbe = (probePath: string, periodSeconds: number, failureThreshold: number) => ({ httpGet: { path: probePath, port: "http" }, periodSeconds, failureThreshold, timeoutSeconds: 5 });
    const javaOpts = [
      // Kafka 4.x reads OAUTHBEARER tokens only from URLs and files allowed here (CVE-2025-27817).
      `-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=file://${EVENT_HUBS_TOKEN_FILE}`,
      `-Dorg.apache.kafka.sasl.oauthbearer.allowed.files=${EVENT_HUBS_TOKEN_FILE}`,
      "-XX:MaxRAMPercentage=75",
    ].join(" ");

    this.statefulSet = new StatefulSetV1(this, "Resource", {
      metadata: { name, namespace, labels },
      spec: {
        replicas: "1",
        serviceName: name,
        podManagementPolicy: "OrderedReady",
        selector: { matchLabels: selector },
        updateStrategy: [{ type: "RollingUpdate" }],
        persistentVolumeClaimRetentionPolicy: [{ whenDeleted: "Retain", whenScaled: "Retain" }],
        template: {
          metadata: {
            labels: { ...labels, [USE_LABEL]: "true" },
            // A new configuration rolls the pod (the file is mounted by subPath, which is not updated in place). Hashed by
            // Terraform, because the file holds values (the server's host name) only known at apply time.
            annotations: { "checksum/config": Fn.sha256(Fn.jsonencode(this.configMap.data)) },
          },
          spec: {
            serviceAccountName: this.serviceAccount.metadata.name,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            priorityClassName: props.priorityClassName,
            // Time to flush the last offsets on shutdown.
            terminationGracePeriodSeconds: 60,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: String(DEBEZIUM_UID),
              runAsGroup: String(DEBEZIUM_UID),
              fsGroup: String(DEBEZIUM_UID),
              seccompProfile: { type: "RuntimeDefault" },
            },
            initContainer: [
              {
                name: "token-init",
                image: refresherImage,
                command: ["/bin/sh", `${SCRIPTS_DIR}/refresh-tokens.sh`, "once"],
                env: refresherEnv,
                resources: refresherResources,
                securityContext: restrictedContainer,
                volumeMount: refresherMounts,
              },
            ],
            container: [
              {
                name: "debezium",
                image,
                command: ["/bin/sh", `${SCRIPTS_DIR}/start.sh`],
                workingDir: "/debezium",
                port: [{ name: "http", containerPort: HTTP_PORT, protocol: "TCP" }],
                env: [{ name: "JAVA_OPTS", value: javaOpts }],
                resources: { requests: { cpu: requestsCpu, memory: requestsMemory }, limits: { memory: limitsMemory } },
                // The snapshot of large tables can take long before the engine reports healthy: up to 10 minutes.
                startupProbe: httpProbe("/q/health/live", 10, 60),
                livenessProbe: httpProbe("/q/health/live", 20, 3),
                readinessProbe: httpProbe("/q/health/ready", 10, 3),
                securityContext: restrictedContainer,
                volumeMount: [
                  { name: "config", mountPath: `/debezium/config/${CONFIG_FILE}`, subPath: CONFIG_FILE, readOnly: true },
                  { name: "scripts", mountPath: SCRIPTS_DIR, readOnly: true },
                  { name: "tokens", mountPath: TOKEN_DIR, readOnly: true },
                  { name: "data", mountPath: DATA_DIR },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
              {
                name: "token-refresher",
                image: refresherImage,
                command: ["/bin/sh", `${SCRIPTS_DIR}/refresh-tokens.sh`],
                env: refresherEnv,
                resources: refresherResources,
                livenessProbe: { ...tokenFresh, periodSeconds: 60, failureThreshold: 3 },
                readinessProbe: { ...tokenFresh, periodSeconds: 30, failureThreshold: 1 },
                securityContext: restrictedContainer,
                volumeMount: refresherMounts,
              },
            ],
            volume: [
              { name: "config", configMap: { name: this.configMap.metadata.name, items: [{ key: CONFIG_FILE, path: CONFIG_FILE }] } },
              { name: "scripts", configMap: { name: this.configMap.metadata.name, defaultMode: "0444", items: [{ key: "refresh-tokens.sh", path: "refresh-tokens.sh" }, { key: "start.sh", path: "start.sh" }] } },
              // Tokens never touch a disk.
              { name: "tokens", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
              { name: "tmp", emptyDir: { sizeLimit: "512Mi" } },
            ],
          },
        },
        volumeClaimTemplate: [
          {
            metadata: { name: "data", labels },
            spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: volumeSize } } },
          },
        ],
      },
      // Until an administrator has run setupSql the connector cannot log in; Terraform must not wait for it.
      waitForRollout: false,
      dependsOn: [this.federatedCredential, ...this.roleAssignments, ...(this.storageClass ? [this.storageClass] : [])],
    });

    const tcp = (port: number) => [{ protocol: "TCP", port: String(port) }];
    this.networkPolicy = new NetworkPolicyV1(this, "NetworkPolicy", {
      metadata: { name, namespace, labels },
      spec: {
        podSelector: { matchLabels: selector },
        // Ingress listed with no rule: nothing reaches the pod (kubelet probes are not subject to policies).
        policyTypes: ["Ingress", "Egress"],
        egress: [
          dnsEgressRule(),
          { to: [{ ipBlock: { cidr: postgresCidr } }], ports: tcp(source.port) },
          { to: [{ ipBlock: { cidr: eventHubsCidr } }], ports: tcp(9093) },
          { to: entraIdCidrs.map((c) => ({ ipBlock: { cidr: c } })), ports: tcp(443) },
        ],
      },
    });
  }

  /** Client ID of the workload identity. */
  public get clientId(): string {
    return this.identity.clientId;
  }

  /** Object ID of the workload identity, so the connector can be passed where an `IPrincipal` is expected. */
  public get principalId(): string {
    return this.identity.principalId;
  }
}
