import { validateManifestsDetailed } from "../support/crd-validation";
import { resourcesOf, synthEnvironments } from "./synth-helpers";

const { stacks } = synthEnvironments();
const stack = (name: string) => stacks.find((s) => s.name === name)!;
const ofType = (name: string, type: string): any[] => resourcesOf(stack(name)).filter(([t]) => t === type).map(([, , body]) => body);
const manifests = (name: string) => ofType(name, "kubernetes_manifest").map((b) => b.manifest as Record<string, any>);
const manifest = (name: string, kind: string, metadataName: string) => manifests(name).find((m) => m.kind === kind && m.metadata.name === metadataName)!;
const appsStacks = stacks.filter((s) => s.name.endsWith("-apps")).map((s) => s.name);
const SERVICES = ["catalog", "inventory", "notification", "order", "payment", "user"];
/** The Azure DNS zone of an environment's hostname: prod's apex zone, staging's delegated child zone. */
const zoneOf = (stackName: string) => (stackName.startsWith("prod-") ? "shop.example.com" : `${stackName.split("-")[0]}.shop.example.com`);
/** The change-stream consumers: workers without routes, in the primary region only. */
const WORKERS = ["cache-invalidator", "inventory-sync", "search-indexer"];

/** The BackendTrafficPolicy attached to a service's HTTPRoute. */
function trafficPolicyOf(name: string, service: string) {
  return manifests(name).find((m) => m.kind === "BackendTrafficPolicy" && m.spec.targetRefs?.some((r: any) => r.kind === "HTTPRoute" && r.name === service))!;
}

describe("apps and addons stacks of the default environments", () => {
  it("validates every CRD-based object of every apps stack against its published schema", () => {
    const all = appsStacks.flatMap((name) => manifests(name));
    expect(all.length).toBeGreaterThan(40);
    const result = validateManifestsDetailed(all);
    expect(result.skipped).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it.each(appsStacks)("routes each service of %s by path on the environment's host", (name) => {
    const host = name.startsWith("prod-") ? "shop.example.com" : `${name.split("-")[0]}.shop.example.com`;
    for (const service of SERVICES) {
      const route = manifest(name, "HTTPRoute", service);
      expect(route.spec.hostnames).toEqual([host]);
      // The last rule is the plain path match; strategies add more specific rules before it.
      const rule = route.spec.rules[route.spec.rules.length - 1];
      expect(rule.matches).toEqual([{ path: { type: "PathPrefix", value: `/${service}` } }]);
      expect(rule.backendRefs[0]).toMatchObject({ group: "", kind: "Service", name: service, port: 80 });
    }
  });

  it("routes dev's services (big bang) to one Service each, with no other rule", () => {
    for (const service of SERVICES) {
      expect(manifest("dev-westeurope-apps", "HTTPRoute", service).spec.rules.map((r: any) => r.backendRefs)).toEqual([[{ group: "", kind: "Service", name: service, port: 80 }]]);
    }
  });

  it("previews prod's idle payment slot (green) behind x-preview: true and sends everyone else to the live Service", () => {
    const rules = manifest("prod-westeurope-apps", "HTTPRoute", "payment").spec.rules;
    expect(rules.map((r: any) => [r.matches[0].headers ?? [], r.backendRefs])).toEqual([
      [[{ name: "x-preview", value: "true", type: "Exact" }], [{ group: "", kind: "Service", name: "payment-preview", port: 80 }]],
      [[], [{ group: "", kind: "Service", name: "payment", port: 80 }]],
    ]);
    const selectors = Object.fromEntries(ofType("prod-westeurope-apps", "kubernetes_service_v1").filter((s) => s.metadata.name.startsWith("payment")).map((s) => [s.metadata.name, s.spec.selector.slot]));
    expect(selectors).toEqual({ payment: "blue", "payment-preview": "green" });
  });

  it("sends 10% of prod's order traffic, and every x-canary: true request, to the canary", () => {
    const rules = manifest("prod-westeurope-apps", "HTTPRoute", "order").spec.rules;
    expect(rules.map((r: any) => [r.matches[0].headers ?? [], r.backendRefs.map((b: any) => [b.name, b.weight])])).toEqual([
      [[{ name: "x-canary", value: "true", type: "Exact" }], [["order-canary", undefined]]],
      [[], [["order", 90], ["order-canary", 10]]],
    ]);
  });

  it("mirrors half of prod's catalog reads to the shadow, and only reads", () => {
    const [mirror, rest] = manifest("prod-westeurope-apps", "HTTPRoute", "catalog").spec.rules;
    expect(mirror.matches.map((m: any) => m.method)).toEqual(["GET", "HEAD", "OPTIONS"]);
    expect(mirror.filters).toEqual([{ type: "RequestMirror", requestMirror: { backendRef: { group: "", kind: "Service", name: "catalog-shadow", port: 80 }, percent: 50 } }]);
    expect([mirror.backendRefs, rest.backendRefs]).toEqual([
      [{ group: "", kind: "Service", name: "catalog", port: 80 }],
      [{ group: "", kind: "Service", name: "catalog", port: 80 }],
    ]);
  });

  it("rolls prod's other services pod by pod, and releases dev as one big bang with Recreate", () => {
    const deployments = (name: string) => Object.fromEntries(ofType(name, "kubernetes_deployment_v1").map((d) => [d.metadata.name, [d.spec.strategy.type, d.spec.template.spec.container[0].image.replace(/^.*\//, "")]]));
    expect(deployments("prod-westeurope-apps")).toEqual({
      "catalog-stable": ["RollingUpdate", "catalog:1.8.2"],
      "catalog-shadow": ["RollingUpdate", "catalog:1.9.0"],
      "order-stable": ["RollingUpdate", "order:2.3.0"],
      "order-canary": ["RollingUpdate", "order:2.4.0"],
      "payment-blue": ["RollingUpdate", "payment:1.12.4"],
      "payment-green": ["RollingUpdate", "payment:1.13.0"],
      inventory: ["RollingUpdate", "inventory:1.5.1"],
      user: ["RollingUpdate", "user:3.0.7"],
      notification: ["RollingUpdate", "notification:1.4.0"],
      "search-indexer": ["RollingUpdate", "search-indexer:0.9.3"],
      "cache-invalidator": ["RollingUpdate", "cache-invalidator:1.1.0"],
      "inventory-sync": ["RollingUpdate", "inventory-sync:1.0.2"],
    });
    expect(deployments("dev-westeurope-apps")).toEqual(Object.fromEntries([...SERVICES, ...WORKERS].map((s) => [s, ["Recreate", `${s}:2026.03.1`]])));
    expect(ofType("dev-westeurope-apps", "kubernetes_deployment_v1").map((d) => d.spec.template.metadata.labels["app.kubernetes.io/version"])).toEqual([...SERVICES, ...WORKERS].map(() => "2026.03.1"));
  });

  it("applies each service's load-balancing algorithm", () => {
    const lb = (service: string) => trafficPolicyOf("prod-westeurope-apps", service).spec.loadBalancer;
    expect(lb("catalog")).toEqual({ type: "RoundRobin" });
    expect(lb("order")).toEqual({ type: "LeastRequest" });
    expect(lb("inventory")).toEqual({ type: "LeastRequest" });
    expect(lb("user")).toEqual({ type: "ConsistentHash", consistentHash: { type: "SourceIP" } });
  });

  it("requires a JWT from the Entra ID issuer on order, payment and user, and nowhere else", () => {
    const secured = manifests("prod-westeurope-apps")
      .filter((m) => m.kind === "SecurityPolicy")
      .map((m) => m.spec.targetRefs[0].name)
      .sort();
    expect(secured).toEqual(["order", "payment", "user"]);
    const jwt = manifests("prod-westeurope-apps").find((m) => m.kind === "SecurityPolicy")!.spec.jwt.providers[0];
    expect(jwt).toMatchObject({ issuer: expect.stringMatching(/^https:\/\/login\.microsoftonline\.com\//), audiences: ["api://shop"], remoteJWKS: { uri: expect.stringMatching(/^https:/) } });
  });

  it("rate-limits the catalog at the gateway", () => {
    expect(trafficPolicyOf("prod-westeurope-apps", "catalog").spec.rateLimit).toMatchObject({ type: "Local", local: { rules: [{ limit: { requests: 600, unit: "Minute" } }] } });
    expect(trafficPolicyOf("prod-westeurope-apps", "order").spec.rateLimit).toBeUndefined();
  });

  it("autoscales prod services from 3 to 10 pods and dev services from 1 to 3, and scales notification on its queue", () => {
    const hpas = (name: string) => Object.fromEntries(ofType(name, "kubernetes_horizontal_pod_autoscaler_v2").map((h) => [h.metadata.name, [h.spec.min_replicas, h.spec.max_replicas]]));
    // Both blue-green slots at full scale; the canary's floor at 10% is 2 pods; the shadow up to its mirrored half.
    expect(hpas("prod-westeurope-apps")).toEqual({
      "catalog-stable": [3, 10],
      "catalog-shadow": [1, 5],
      inventory: [3, 10],
      "order-stable": [3, 10],
      "order-canary": [2, 10],
      "payment-blue": [3, 10],
      "payment-green": [3, 10],
      user: [3, 10],
    });
    expect(hpas("dev-westeurope-apps")).toEqual({ catalog: [1, 3], inventory: [1, 3], order: [1, 3], payment: [1, 3], user: [1, 3] });
    const scaled = manifest("prod-westeurope-apps", "ScaledObject", "notification");
    expect(scaled.spec.triggers[0]).toMatchObject({ type: "azure-servicebus", metadata: expect.objectContaining({ queueName: "email-notifications" }) });
  });

  it("gives every prod Deployment that serves users or consumes streams a disruption budget and critical services the business-critical priority", () => {
    expect(ofType("prod-westeurope-apps", "kubernetes_pod_disruption_budget_v1").map((p) => p.metadata.name).sort()).toEqual([
      "cache-invalidator",
      "catalog-stable",
      "inventory",
      "inventory-sync",
      "notification",
      "order-canary",
      "order-stable",
      "payment-blue",
      "payment-green",
      "search-indexer",
      "user",
    ]);
    const priority = (deployment: string) => ofType("prod-westeurope-apps", "kubernetes_deployment_v1").find((d) => d.metadata.name === deployment)!.spec.template.spec.priority_class_name;
    expect(["order-stable", "order-canary", "payment-blue", "payment-green"].map(priority)).toEqual(Array(4).fill("business-critical"));
    expect(priority("catalog-stable")).toBeUndefined();
    expect(ofType("prod-westeurope-apps", "kubernetes_priority_class_v1")).toEqual([expect.objectContaining({ metadata: { name: "business-critical" }, value: 1000000 })]);
  });

  it("puts each team in a labelled namespace with a quota and a limit range, services or not", () => {
    const namespaces = ofType("prod-westeurope-apps", "kubernetes_namespace_v1").map((n) => n.metadata.name).sort();
    expect(namespaces).toEqual(["cdc", "commerce", "customer", "ingress", "platform"]);
    const teamRef = (team: string) => expect.stringMatching(new RegExp(`^\\$\\{kubernetes_namespace_v1\\.Team-${team}_[0-9A-F]+\\.metadata\\[0\\]\\.name\\}$`));
    const cdc = expect.stringMatching(/^\$\{kubernetes_namespace_v1\.CdcNamespace_[0-9A-F]+\.metadata\[0\]\.name\}$/);
    const all = [cdc, teamRef("commerce"), teamRef("customer"), teamRef("platform")];
    expect(ofType("prod-westeurope-apps", "kubernetes_resource_quota_v1").map((q) => q.metadata.namespace).sort()).toEqual(all);
    expect(ofType("prod-westeurope-apps", "kubernetes_limit_range_v1").map((q) => q.metadata.namespace).sort()).toEqual(all);
  });

  it("labels each team's namespace with its team and cost center, and admits only namespaces with services to the gateway", () => {
    const labels = Object.fromEntries(ofType("prod-westeurope-apps", "kubernetes_namespace_v1").map((n) => [n.metadata.name, n.metadata.labels]));
    expect(labels.commerce).toMatchObject({ team: "commerce", "cost-center": "cc-1000", "gateway-access": "true" });
    expect(labels.platform).toMatchObject({ team: "platform", "cost-center": "cc-1000" });
    expect(labels.platform["gateway-access"]).toBeUndefined();
  });

  it("tags each service's workload identity with its team as owner", () => {
    const owners = Object.fromEntries(ofType("prod-westeurope-apps", "azurerm_user_assigned_identity").map((i) => [i.name, i.tags["owner-team"]]));
    expect(owners).toMatchObject({ "uai-shop-order-prod-weu": "commerce", "uai-shop-user-prod-weu": "customer" });
  });

  it("grants workload identities exactly the data roles their services declare, in the apps stack", () => {
    const roles = ofType("prod-westeurope-apps", "azurerm_role_assignment").map((r) => r.role_definition_name).sort();
    // notification receives from email-notifications both for its work and for KEDA: one assignment serves both.
    // Debezium sends to the two change hubs and the heartbeat hub; each change-stream worker receives from its hub and
    // checkpoints into the checkpoint container.
    // cert-manager's identity writes the DNS-01 challenge records in the zone (see the DNS-01 tests below).
    expect(roles).toEqual([
      "Azure Event Hubs Data Receiver",
      "Azure Event Hubs Data Receiver",
      "Azure Event Hubs Data Receiver",
      "Azure Event Hubs Data Sender",
      "Azure Event Hubs Data Sender",
      "Azure Event Hubs Data Sender",
      "Azure Service Bus Data Receiver",
      "Azure Service Bus Data Receiver",
      "Azure Service Bus Data Sender",
      "DNS Zone Contributor",
      "Key Vault Secrets User",
      "Key Vault Secrets User",
      "Key Vault Secrets User",
      "Storage Blob Data Contributor",
      "Storage Blob Data Contributor",
      "Storage Blob Data Contributor",
      "Storage Blob Data Reader",
    ]);
    expect(ofType("prod-westeurope-apps", "azurerm_redis_cache_access_policy_assignment").map((a) => a.name).sort()).toEqual(["cache-invalidator", "catalog", "user"]);
    expect(ofType("prod-westeurope-platform", "azurerm_redis_cache_access_policy_assignment")).toEqual([]);
  });

  it("federates each service account with the cluster's OIDC issuer", () => {
    const credentials = ofType("prod-westeurope-apps", "azurerm_federated_identity_credential");
    expect(credentials.map((c) => c.subject).sort()).toContain("system:serviceaccount:commerce:order");
    for (const credential of credentials) {
      expect(credential.issuer).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\..*\.oidc_issuer_url\}$/);
      expect(credential.audience).toEqual(["api://AzureADTokenExchange"]);
    }
  });

  describe("certificates", () => {
    /** The one resource or data source of `type` under the construct id `key` of a stack. */
    const byKey = (name: string, type: string, key: string): any => stack(name).parsed.resource?.[type]?.[key];
    const dataOf = (name: string, type: string, key: string): any => (stack(name).parsed as any).data?.[type]?.[key];
    const multiRegion = appsStacks.filter((name) => !name.startsWith("dev-"));

    it("covers both regions of staging and prod", () => {
      expect(multiRegion.sort()).toEqual(["prod-northeurope-apps", "prod-westeurope-apps", "staging-northeurope-apps", "staging-westeurope-apps"]);
    });

    it.each(multiRegion)("gives cert-manager in %s a managed identity of its own, in the region's resource group", (name) => {
      const identity = byKey(name, "azurerm_user_assigned_identity", "CertManagerIdentity");
      const [env, region] = name.split("-");
      expect(identity).toMatchObject({ name: `uai-shop-certmgr-${env}-${region === "westeurope" ? "weu" : "neu"}`, resource_group_name: "${azurerm_resource_group.ResourceGroup.name}" });
    });

    it.each(multiRegion)("federates cert-manager's identity in %s with the controller's service account through the cluster's OIDC issuer", (name) => {
      expect(byKey(name, "azurerm_federated_identity_credential", "CertManagerFederatedCredential")).toEqual({
        name: "cert-manager",
        parent_id: "${azurerm_user_assigned_identity.CertManagerIdentity.id}",
        resource_group_name: "${azurerm_resource_group.ResourceGroup.name}",
        issuer: expect.stringMatching(/^\$\{data\.azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.oidc_issuer_url\}$/),
        subject: "system:serviceaccount:cert-manager:cert-manager",
        audience: ["api://AzureADTokenExchange"],
      });
    });

    it.each(multiRegion)("grants cert-manager's identity in %s DNS Zone Contributor on the zone it looks up, and nothing else", (name) => {
      // Each environment has a zone of its own: staging cannot touch prod's records.
      expect(dataOf(name, "azurerm_dns_zone", "DnsZone")).toEqual({ name: zoneOf(name), resource_group_name: "rg-shop-dns" });
      const grants = ofType(name, "azurerm_role_assignment").filter((r) => r.principal_id === "${azurerm_user_assigned_identity.CertManagerIdentity.principal_id}");
      expect(grants).toEqual([expect.objectContaining({ role_definition_name: "DNS Zone Contributor", scope: "${data.azurerm_dns_zone.DnsZone.id}", principal_type: "ServicePrincipal" })]);
    });

    it.each(multiRegion)("issues %s's certificates with DNS-01 in the zone as cert-manager's identity, once it is trusted and allowed", (name) => {
      expect(manifest(name, "ClusterIssuer", "letsencrypt-prod").spec.acme.solvers).toEqual([
        {
          dns01: {
            azureDNS: {
              hostedZoneName: zoneOf(name),
              resourceGroupName: "rg-shop-dns",
              subscriptionID: "${data.azurerm_client_config.ClientConfig.subscription_id}",
              environment: "AzurePublicCloud",
              managedIdentity: { clientID: "${azurerm_user_assigned_identity.CertManagerIdentity.client_id}" },
            },
          },
        },
      ]);
      const issuer = ofType(name, "kubernetes_manifest").find((r) => r.manifest.kind === "ClusterIssuer");
      expect(issuer.depends_on).toEqual(["azurerm_federated_identity_credential.CertManagerFederatedCredential", "azurerm_role_assignment.CertManagerDnsZoneContributor"]);
    });

    it.each(multiRegion.map((name) => name.replace(/-apps$/, "-addons")))("runs the cert-manager controller of %s with workload identity, with no client ID in the chart values", (name) => {
      const values = JSON.parse(ofType(name, "helm_release").find((r) => r.name === "cert-manager")!.values[0]);
      expect([values.podLabels, values.serviceAccount]).toEqual([{ "azure.workload.identity/use": "true" }, undefined]);
      expect(stack(name).json).not.toMatch(/CertManagerIdentity|azurerm_user_assigned_identity/);
    });

    it("keeps HTTP-01 through the gateway in dev (one region), with no cert-manager identity and no workload identity", () => {
      expect(manifest("dev-westeurope-apps", "ClusterIssuer", "letsencrypt-prod").spec.acme.solvers).toEqual([
        { http01: { gatewayHTTPRoute: { parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "gateway", namespace: "ingress", sectionName: "http" }] } } },
      ]);
      expect(byKey("dev-westeurope-apps", "azurerm_user_assigned_identity", "CertManagerIdentity")).toBeUndefined();
      expect(dataOf("dev-westeurope-apps", "azurerm_dns_zone", "DnsZone")).toBeUndefined();
      const values = JSON.parse(ofType("dev-westeurope-addons", "helm_release").find((r) => r.name === "cert-manager")!.values[0]);
      expect(values.podLabels).toBeUndefined();
    });
  });

  it.each(stacks.filter((s) => s.name.endsWith("-addons") || s.name.endsWith("-apps")).map((s) => s.name))("connects %s to its cluster through kubelogin, with no credentials in the configuration", (name) => {
    const providers = stack(name).parsed as { provider: Record<string, any[]> };
    expect(providers.provider.kubernetes[0].exec[0].command).toBe("kubelogin");
    expect(providers.provider.helm[0].kubernetes.exec.command).toBe("kubelogin");
    expect(stack(name).json).not.toMatch(/client_key|client_certificate"|"token"|kube_admin_config/);
  });

  it("installs exactly the pinned Envoy Gateway and cert-manager charts in each addons stack", () => {
    for (const name of stacks.filter((s) => s.name.endsWith("-addons")).map((s) => s.name)) {
      const releases = ofType(name, "helm_release").map((r) => `${r.chart}@${r.version}`).sort();
      expect(releases).toEqual(["cert-manager@v1.21.2", "gateway-helm@v1.9.1"]);
    }
  });

  it("exposes the prod gateway on the region's static public IP", () => {
    const proxy = manifests("prod-westeurope-apps").find((m) => m.kind === "EnvoyProxy")!;
    expect(proxy.spec.provider.kubernetes.envoyService.annotations).toMatchObject({ "service.beta.kubernetes.io/azure-pip-name": "pip-shop-gateway-prod-weu" });
    expect(proxy.spec.provider.kubernetes.envoyService.externalTrafficPolicy).toBe("Local");
  });
});
