import { FederatedIdentityCredential } from "@cdktf/provider-azurerm/lib/federated-identity-credential";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Testing } from "cdktf";
import { DEBEZIUM_SERVER_IMAGE, DebeziumServerProps, TOKEN_REFRESHER_IMAGE } from "../../lib/cdc/debezium-server";
import { CdcPipelineProps } from "../../lib/cdc/cdc-pipeline";
import { cdcFixture, expectValidationError, ISSUER, resourceList } from "./fixtures";

/** Builds a pipeline and a DebeziumServer over the defaults; returns the synthesized stack and the construct. */
function build(props: Partial<DebeziumServerProps> = {}, pipelineProps: Partial<CdcPipelineProps> = {}) {
  const f = cdcFixture();
  const pipeline = f.pipeline(pipelineProps);
  const debezium = f.debezium(pipeline, props);
  return { f, pipeline, debezium, out: Testing.synth(f.stack) };
}

function only(out: string, type: string): Record<string, any> {
  const list = resourceList(out, type);
  expect(list).toHaveLength(1);
  return list[0];
}

/** Parses the synthesized application.properties (java.util.Properties syntax as the construct writes it). */
function properties(out: string): Record<string, string> {
  const text: string = only(out, "kubernetes_config_map_v1").data["application.properties"];
  const entries = text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const at = line.indexOf("=");
      return [line.slice(0, at), line.slice(at + 1).replace(/\\\\/g, "\\")];
    });
  return Object.fromEntries(entries);
}

const podSpec = (out: string) => only(out, "kubernetes_stateful_set_v1").spec.template.spec;
const container = (out: string, name: string) => [...podSpec(out).container, ...(podSpec(out).init_container ?? [])].find((c: { name: string }) => c.name === name);

describe("DebeziumServer", () => {
  test("synthesizes the connector's Kubernetes objects", () => {
    const { out } = build();
    expect({
      statefulSet: resourceList(out, "kubernetes_stateful_set_v1"),
      networkPolicy: resourceList(out, "kubernetes_network_policy_v1").filter((p) => p.metadata.name === "debezium"),
      storageClass: resourceList(out, "kubernetes_storage_class_v1"),
    }).toMatchSnapshot();
  });

  describe("Debezium configuration", () => {
    test("sets every key of application.properties, with no credential", () => {
      const { out, f } = build();
      const host = `${f.eventHubs.name}.servicebus.windows.net`;
      expect(properties(out)).toEqual({
        "debezium.sink.type": "kafka",
        "debezium.sink.kafka.producer.bootstrap.servers": `${host}:9093`,
        "debezium.sink.kafka.producer.security.protocol": "SASL_SSL",
        "debezium.sink.kafka.producer.sasl.mechanism": "OAUTHBEARER",
        "debezium.sink.kafka.producer.sasl.jaas.config": "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;",
        "debezium.sink.kafka.producer.sasl.login.callback.handler.class": "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler",
        "debezium.sink.kafka.producer.sasl.oauthbearer.token.endpoint.url": "file:///var/run/cdc-tokens/eventhubs",
        "debezium.sink.kafka.producer.key.serializer": "org.apache.kafka.common.serialization.StringSerializer",
        "debezium.sink.kafka.producer.value.serializer": "org.apache.kafka.common.serialization.StringSerializer",
        "debezium.sink.kafka.producer.acks": "all",
        "debezium.sink.kafka.producer.request.timeout.ms": "60000",
        "debezium.sink.kafka.producer.metadata.max.age.ms": "180000",
        "debezium.sink.kafka.producer.connections.max.idle.ms": "180000",
        "debezium.sink.kafka.producer.max.request.size": "1000000",
        "debezium.format.key": "json",
        "debezium.format.value": "json",
        "debezium.format.key.schemas.enable": "false",
        "debezium.format.value.schemas.enable": "false",
        "debezium.source.connector.class": "io.debezium.connector.postgresql.PostgresConnector",
        "debezium.source.database.hostname": expect.stringMatching(/^\$\{azurerm_postgresql_flexible_server\.Db_[0-9A-F]{8}\.fqdn\}$/),
        "debezium.source.database.port": "5432",
        "debezium.source.database.user": "uai-shop-debezium-prod-weu",
        "debezium.source.database.dbname": "shop",
        "debezium.source.database.sslmode": "verify-full",
        "debezium.source.database.sslfactory": "org.postgresql.ssl.DefaultJavaSSLFactory",
        "debezium.source.plugin.name": "pgoutput",
        "debezium.source.slot.name": "debezium_shop",
        "debezium.source.publication.name": "debezium_shop",
        "debezium.source.publication.autocreate.mode": "disabled",
        "debezium.source.table.include.list": "public.orders,public.order_lines,public.debezium_heartbeat",
        "debezium.source.topic.prefix": "shop",
        "debezium.source.snapshot.mode": "when_needed",
        "debezium.source.tombstones.on.delete": "true",
        "debezium.source.decimal.handling.mode": "string",
        "debezium.source.skipped.operations": "none",
        "debezium.source.heartbeat.interval.ms": "10000",
        "debezium.source.topic.heartbeat.prefix": "debezium-heartbeat",
        "debezium.source.heartbeat.action.query": "INSERT INTO public.debezium_heartbeat (id, beat_at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET beat_at = EXCLUDED.beat_at",
        "debezium.source.offset.storage": "org.apache.kafka.connect.storage.FileOffsetBackingStore",
        "debezium.source.offset.storage.file.filename": "/debezium/data/offsets.dat",
        "debezium.source.offset.flush.interval.ms": "10000",
        "debezium.source.errors.max.retries": "10",
        "debezium.transforms": "heartbeat",
        "debezium.transforms.heartbeat.type": "io.debezium.transforms.ByLogicalTableRouter",
        "debezium.transforms.heartbeat.topic.regex": "shop\\.public\\.debezium_heartbeat",
        "debezium.transforms.heartbeat.topic.replacement": "debezium-heartbeat.shop",
        "debezium.transforms.heartbeat.key.enforce.uniqueness": "false",
        "quarkus.http.port": "8080",
      });
    });

    test("escapes the regex's backslashes for the properties format", () => {
      const text: string = only(build().out, "kubernetes_config_map_v1").data["application.properties"];
      expect(text).toContain("debezium.transforms.heartbeat.topic.regex=shop\\\\.public\\\\.debezium_heartbeat\n");
    });

    test("exposes the configuration key by key", () => {
      const { debezium } = build({ snapshotMode: "no_data" });
      expect([debezium.configuration.get("debezium.source.snapshot.mode"), debezium.configuration.get("debezium.source.plugin.name")]).toEqual(["no_data", "pgoutput"]);
    });

    test("takes the snapshot mode", () => {
      expect(properties(build({ snapshotMode: "when_needed" }).out)["debezium.source.snapshot.mode"]).toBe("when_needed");
    });

    test("asks for a failover slot on PostgreSQL 17", () => {
      const f = cdcFixture();
      Object.defineProperty(f.server, "version", { value: "17" });
      f.debezium(f.pipeline());
      expect(properties(Testing.synth(f.stack))["debezium.source.slot.failover"]).toBe("true");
    });

    test("has no heartbeat query or routing without a heartbeat table, but keeps heartbeats", () => {
      const p = properties(build({}, { heartbeatTable: false }).out);
      expect([p["debezium.source.heartbeat.action.query"], p["debezium.transforms"], p["debezium.source.heartbeat.interval.ms"], p["debezium.source.table.include.list"]]).toEqual([
        undefined,
        undefined,
        "10000",
        "public.orders,public.order_lines",
      ]);
    });

    test("adds further properties", () => {
      expect(properties(build({ additionalProperties: { "debezium.source.decimal.handling.mode": "string" } }).out)["debezium.source.decimal.handling.mode"]).toBe("string");
    });
  });

  describe("workload", () => {
    test("is a StatefulSet of one replica (one reader per slot) that Terraform does not wait for", () => {
      const set = only(build().out, "kubernetes_stateful_set_v1");
      expect([set.spec.replicas, set.spec.service_name, set.spec.pod_management_policy, set.spec.update_strategy, set.wait_for_rollout]).toEqual(["1", "debezium", "OrderedReady", [{ type: "RollingUpdate" }], false]);
    });

    test("runs the pinned Debezium Server image through the start script", () => {
      const c = container(build().out, "debezium");
      expect([c.image, c.command, c.working_dir]).toEqual(["quay.io/debezium/server:3.5.2.Final", ["/bin/sh", "/opt/cdc/start.sh"], "/debezium"]);
      expect(DEBEZIUM_SERVER_IMAGE).toBe("quay.io/debezium/server:3.5.2.Final");
    });

    test("allows the Kafka client to read the token file (Kafka 4 refuses unlisted OAUTHBEARER URLs and files)", () => {
      expect(container(build().out, "debezium").env).toEqual([
        { name: "JAVA_OPTS", value: "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=file:///var/run/cdc-tokens/eventhubs -Dorg.apache.kafka.sasl.oauthbearer.allowed.files=/var/run/cdc-tokens/eventhubs -XX:MaxRAMPercentage=75" },
      ]);
    });

    test("fetches tokens in an init container and refreshes them in a sidecar", () => {
      const out = build().out;
      const init = container(out, "token-init");
      const sidecar = container(out, "token-refresher");
      expect([init.image, init.command, sidecar.image, sidecar.command, sidecar.env]).toEqual([
        TOKEN_REFRESHER_IMAGE,
        ["/bin/sh", "/opt/cdc/refresh-tokens.sh", "once"],
        TOKEN_REFRESHER_IMAGE,
        ["/bin/sh", "/opt/cdc/refresh-tokens.sh"],
        [
          { name: "EVENT_HUBS_SCOPE", value: expect.stringMatching(/^https:\/\/ehn-shop-prod-weu-[a-z0-9]{5}\.servicebus\.windows\.net\/\.default$/) },
          { name: "REFRESH_SECONDS", value: "300" },
        ],
      ]);
    });

    test("keeps the tokens in memory only", () => {
      expect(podSpec(build().out).volume.find((v: { name: string }) => v.name === "tokens")).toEqual({ name: "tokens", empty_dir: { medium: "Memory", size_limit: "1Mi" } });
    });

    test("uses workload identity: labelled pods, an annotated service account, no API token", () => {
      const out = build().out;
      const set = only(out, "kubernetes_stateful_set_v1");
      expect([set.spec.template.metadata.labels["azure.workload.identity/use"], set.spec.template.spec.automount_service_account_token]).toEqual(["true", false]);
      expect(out).toHaveResourceWithProperties(ServiceAccountV1, {
        metadata: expect.objectContaining({ name: "debezium", annotations: { "azure.workload.identity/client-id": expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.Debezium_Identity_[0-9A-F]{8}\.client_id\}$/) } }),
        automount_service_account_token: false,
      });
    });

    test("federates the identity with the service account", () => {
      expect(build().out).toHaveResourceWithProperties(FederatedIdentityCredential, { name: "data-debezium", subject: "system:serviceaccount:data:debezium", issuer: ISSUER, audience: ["api://AzureADTokenExchange"] });
    });

    test("runs every container non-root, read-only, without capabilities, under RuntimeDefault seccomp", () => {
      const out = build().out;
      const contexts = ["debezium", "token-refresher", "token-init"].map((n) => container(out, n).security_context);
      for (const context of contexts) {
        expect(context).toEqual({
          run_as_non_root: true,
          run_as_user: "185",
          allow_privilege_escalation: false,
          privileged: false,
          read_only_root_filesystem: true,
          capabilities: { drop: ["ALL"] },
          seccomp_profile: { type: "RuntimeDefault" },
        });
      }
    });

    test("probes Debezium's health endpoints and the sidecar's token age", () => {
      const out = build().out;
      const d = container(out, "debezium");
      const s = container(out, "token-refresher");
      expect([d.liveness_probe.http_get.path, d.readiness_probe.http_get.path, d.startup_probe.http_get.path, s.liveness_probe.exec.command]).toEqual([
        "/q/health/live",
        "/q/health/ready",
        "/q/health/live",
        ["/bin/sh", "-c", "find /var/run/cdc-tokens/eventhubs -mmin -15 | grep -q ."],
      ]);
    });

    test("keeps offsets on a zone-redundant disk that outlives the StatefulSet", () => {
      const out = build().out;
      const set = only(out, "kubernetes_stateful_set_v1");
      expect([set.spec.volume_claim_template, set.spec.persistent_volume_claim_retention_policy]).toEqual([
        [{ metadata: expect.objectContaining({ name: "data" }), spec: { access_modes: ["ReadWriteOnce"], storage_class_name: "data-debezium-zrs", resources: { requests: { storage: "4Gi" } } } }],
        [{ when_deleted: "Retain", when_scaled: "Retain" }],
      ]);
      expect(out).toHaveResourceWithProperties(StorageClassV1, {
        metadata: expect.objectContaining({ name: "data-debezium-zrs" }),
        storage_provisioner: "disk.csi.azure.com",
        parameters: { skuName: "StandardSSD_ZRS" },
        reclaim_policy: "Retain",
        volume_binding_mode: "WaitForFirstConsumer",
        allow_volume_expansion: true,
      });
    });

    test("takes a storage class instead of creating one", () => {
      const out = build({ offsetStorage: { storageClassName: "managed-csi-premium-zrs", size: "8Gi" } }).out;
      expect([resourceList(out, "kubernetes_storage_class_v1"), only(out, "kubernetes_stateful_set_v1").spec.volume_claim_template[0].spec.storage_class_name]).toEqual([[], "managed-csi-premium-zrs"]);
    });

    test("rolls the pod when the configuration changes", () => {
      expect(only(build().out, "kubernetes_stateful_set_v1").spec.template.metadata.annotations).toEqual({
        "checksum/config": expect.stringMatching(/^\$\{sha256\(jsonencode\(kubernetes_config_map_v1\.Debezium_Config_[0-9A-F]{8}\.data\)\)\}$/),
      });
    });

    test("registers with the namespace's quota: one pod with its sidecar", () => {
      const { f } = build();
      const namespace = f.stack.node.findChild("DataTeam") as import("../../lib/workloads/team-namespace").TeamNamespace;
      expect(namespace.registeredWorkloads).toEqual([{ path: "debezium.debezium", name: "debezium", maxPods: 1, requestsCpu: 0.51, requestsMemory: 2 ** 30 + 16 * 2 ** 20, limitsMemory: 2 * 2 ** 30 + 32 * 2 ** 20, loadBalancer: false, services: 0 }]);
    });
  });

  describe("network policy", () => {
    test("admits no ingress and allows egress to DNS, PostgreSQL, Event Hubs' Kafka port and Entra ID only", () => {
      const { out, f } = build();
      const policy = resourceList(out, "kubernetes_network_policy_v1").find((p) => p.metadata.name === "debezium")!;
      expect([policy.spec.policy_types, policy.spec.ingress, policy.spec.egress.slice(1)]).toEqual([
        ["Ingress", "Egress"],
        undefined,
        [
          { to: [{ ip_block: { cidr: f.network.subnet("database").cidr } }], ports: [{ protocol: "TCP", port: "5432" }] },
          { to: [{ ip_block: { cidr: f.network.subnet("privateEndpoints").cidr } }], ports: [{ protocol: "TCP", port: "9093" }] },
          { to: [{ ip_block: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: "443" }] },
        ],
      ]);
    });

    test("takes narrower Entra ID ranges", () => {
      const { out } = build({ egress: { postgresCidr: "10.10.5.0/24", eventHubsCidr: "10.10.4.0/24", entraIdCidrs: ["20.190.128.0/18", "40.126.0.0/18"] } });
      const policy = resourceList(out, "kubernetes_network_policy_v1").find((p) => p.metadata.name === "debezium")!;
      expect(policy.spec.egress[3].to).toEqual([{ ip_block: { cidr: "20.190.128.0/18" } }, { ip_block: { cidr: "40.126.0.0/18" } }]);
    });
  });

  describe("Azure access", () => {
    test("grants the identity Azure Event Hubs Data Sender on the pipeline's hubs only", () => {
      const assignments = resourceList(build().out, "azurerm_role_assignment");
      expect(assignments.map((a) => [a.role_definition_name, a.principal_id, a.scope.replace(/_[0-9A-F]{8}\.id\}$/, "}")]).sort()).toEqual(
        [
          ["Azure Event Hubs Data Sender", expect.stringMatching(/Debezium_Identity_[0-9A-F]{8}\.principal_id/), "${azurerm_eventhub.Streams_Hub-debezium-heartbeatshop}"],
          ["Azure Event Hubs Data Sender", expect.stringMatching(/Debezium_Identity_[0-9A-F]{8}\.principal_id/), "${azurerm_eventhub.Streams_Hub-shoppublicorder_lines}"],
          ["Azure Event Hubs Data Sender", expect.stringMatching(/Debezium_Identity_[0-9A-F]{8}\.principal_id/), "${azurerm_eventhub.Streams_Hub-shoppublicorders}"],
        ].sort(),
      );
    });

    test("logs in to PostgreSQL as the identity's Entra ID role, created by the setup SQL", () => {
      const { debezium } = build();
      expect([debezium.databaseUser, debezium.setupSql.split("\n")[2]]).toEqual(["uai-shop-debezium-prod-weu", "SELECT * FROM pgaadauth_create_principal('uai-shop-debezium-prod-weu', false, false);"]);
    });
  });

  describe("fails when", () => {
    test("a further property would carry a credential", () => {
      expectValidationError(
        () => build({ additionalProperties: { "debezium.sink.kafka.producer.ssl.truststore.password": "changeit" } }),
        'debezium.debezium.additionalProperties.debezium.sink.kafka.producer.ssl.truststore.password: looks like a credential, and application.properties is a ConfigMap (got "debezium.sink.kafka.producer.ssl.truststore.password"); leave credentials to workload identity; the construct authenticates with Entra ID tokens',
      );
    });

    test("a further property overrides one the construct sets", () => {
      expectValidationError(() => build({ additionalProperties: { "debezium.source.plugin.name": "decoderbufs" } }), /^debezium\.debezium\.additionalProperties\.debezium\.source\.plugin\.name: is set by the construct/);
    });

    test("a further property has a Terraform or MicroProfile expression", () => {
      expectValidationError(() => build({ additionalProperties: { "debezium.source.skipped.operations": "${foo}" } }), /^debezium\.debezium\.additionalProperties\.debezium\.source\.skipped\.operations: must be a literal single-line string without "\$\{"/);
    });

    test("a further property is neither debezium.* nor quarkus.*", () => {
      expectValidationError(() => build({ additionalProperties: { "kafka.bootstrap.servers": "x" } }), /^debezium\.debezium\.additionalProperties\.kafka\.bootstrap\.servers: has an invalid format/);
    });

    test("the image floats on latest", () => {
      expectValidationError(() => build({ image: "quay.io/debezium/server:latest" }), /^debezium\.debezium\.image: uses the moving "latest" tag in production/);
    });

    test("the snapshot mode is unknown", () => {
      expectValidationError(() => build({ snapshotMode: "sometimes" as never }), /^debezium\.debezium\.snapshotMode: is not an allowed value \(got "sometimes"\)/);
    });

    test("the PostgreSQL CIDR is not a CIDR", () => {
      expectValidationError(() => build({ egress: { postgresCidr: "10.10.5.0", eventHubsCidr: "10.10.4.0/24" } }), /^debezium\.debezium\.egress\.postgresCidr: /);
    });

    test("no Entra ID range is left", () => {
      expectValidationError(() => build({ egress: { postgresCidr: "10.10.5.0/24", eventHubsCidr: "10.10.4.0/24", entraIdCidrs: [] } }), /^debezium\.debezium\.egress\.entraIdCidrs: is empty, so the token refresher could not reach Entra ID/);
    });

    test("the name is not an RFC 1035 label", () => {
      expectValidationError(() => build({ name: "Debezium" }), /^debezium\.name: has an invalid format \(got "Debezium"\)/);
    });

    test("the memory request exceeds the limit", () => {
      expectValidationError(() => build({ resources: { requests: { memory: "4Gi" } } }), /^debezium\.debezium\.resources\.requests\.memory: exceeds debezium\.debezium\.resources\.memoryLimit \("2Gi"\)/);
    });

    test("the pipeline is not a CdcPipeline", () => {
      const f = cdcFixture();
      expectValidationError(() => f.debezium({} as never), /^debezium\.pipeline: is not a CdcPipeline/);
    });
  });
});
