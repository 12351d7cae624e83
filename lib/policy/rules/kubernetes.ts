import { attr, blocks, defineRule, expectBool, fail, isExpression, notApplicable, pass, PolicyResource, PolicyRule, RuleOutcome, strings } from "../rule";

/** Where the pod template sits in each typed workload resource of the kubernetes provider. */
const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  kubernetes_pod: "spec",
  kubernetes_pod_v1: "spec",
  kubernetes_deployment: "spec.template.spec",
  kubernetes_deployment_v1: "spec.template.spec",
  kubernetes_stateful_set: "spec.template.spec",
  kubernetes_stateful_set_v1: "spec.template.spec",
  kubernetes_daemonset: "spec.template.spec",
  kubernetes_daemon_set_v1: "spec.template.spec",
  kubernetes_replication_controller: "spec.template.spec",
  kubernetes_replication_controller_v1: "spec.template.spec",
  kubernetes_job: "spec.template.spec",
  kubernetes_job_v1: "spec.template.spec",
  kubernetes_cron_job: "spec.job_template.spec.template.spec",
  kubernetes_cron_job_v1: "spec.job_template.spec.template.spec",
};
const WORKLOADS = Object.keys(POD_SPEC_PATHS);
/** Workloads that run until stopped, and so need probes. */
const LONG_RUNNING = WORKLOADS.filter((t) => !/job/.test(t));
/** Kinds of kubernetes_manifest objects that live outside namespaces. */
const CLUSTER_SCOPED_KINDS = new Set(["ClusterIssuer", "GatewayClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Namespace", "PriorityClass", "StorageClass", "PersistentVolume", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]);

interface Container {
  readonly name: string;
  readonly init: boolean;
  readonly config: Record<string, unknown>;
}

function podSpec(resource: PolicyResource): Record<string, unknown> | undefined {
  return blocks(attr(resource.config, POD_SPEC_PATHS[resource.type]))[0];
}

function containersOf(spec: Record<string, unknown>, includeInit = true): Container[] {
  const main = blocks(spec.container).map((c) => ({ name: String(c.name), init: false, config: c }));
  const init = includeInit ? blocks(spec.init_container).map((c) => ({ name: String(c.name), init: true, config: c })) : [];
  return [...main, ...init];
}

/**
 * Applies a per-container check to every container of a workload's pod template; the resource is compliant when
 * every container is. `check` returns a problem description, or undefined when the container is fine.
 */
function everyContainer(resource: PolicyResource, check: (container: Container, pod: Record<string, unknown>) => string | undefined, options: { includeInit?: boolean } = {}): RuleOutcome {
  const spec = podSpec(resource);
  if (!spec) return notApplicable("no pod template");
  const containers = containersOf(spec, options.includeInit ?? true);
  if (containers.length === 0) return notApplicable("no containers");
  const problems = containers.map((c) => [c, check(c, spec)] as const).filter(([, p]) => p !== undefined);
  return problems.length === 0 ? pass() : fail(problems.map(([c, p]) => `${c.init ? "init container" : "container"} ${c.name}: ${p}`).join("; "));
}

function containerContext(container: Container): Record<string, unknown> {
  return (attr(container.config, "security_context") as Record<string, unknown> | undefined) ?? {};
}

function podContext(pod: Record<string, unknown>): Record<string, unknown> {
  return (attr(pod, "security_context") as Record<string, unknown> | undefined) ?? {};
}

/** The image reference has a tag other than `latest`, or a digest. */
function pinnedImage(image: string): boolean {
  if (image.includes("@sha256:")) return true;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.lastIndexOf(":");
  if (colon < 0) return false;
  const tag = lastSegment.slice(colon + 1);
  return tag.length > 0 && tag !== "latest";
}

function manifestOf(resource: PolicyResource): Record<string, unknown> | undefined {
  const manifest = resource.config.manifest;
  return manifest !== null && typeof manifest === "object" && !Array.isArray(manifest) ? (manifest as Record<string, unknown>) : undefined;
}

/** Rules for Kubernetes objects: workloads, namespaces, services, network policies, Gateway API objects, Helm releases. */
export const KUBERNETES_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-K8S-001",
    resourceTypes: WORKLOADS,
    severity: "error",
    title: "No container is privileged",
    description: "A privileged container has every capability and the host's devices: escaping to the node is trivial.",
    fix: "security_context { privileged = false } on every container (Microservice sets it)",
    scannerEquivalent: ["CKV_K8S_16"],
    check: (r) => everyContainer(r, (c) => (containerContext(c).privileged === true ? "privileged is true" : undefined)),
  }),
  defineRule({
    id: "AZ-K8S-002",
    resourceTypes: WORKLOADS,
    severity: "error",
    title: "Containers cannot gain privileges (allowPrivilegeEscalation false)",
    description: "With privilege escalation allowed, a setuid binary in the image can become root inside the container.",
    fix: "security_context { allow_privilege_escalation = false } on every container (Microservice sets it)",
    scannerEquivalent: ["CKV_K8S_20"],
    scannerNote: "CKV_K8S_20 checks kubernetes_pod only, not deployments, and passes when the field is unset (Kubernetes then allows escalation).",
    check: (r) => everyContainer(r, (c) => (containerContext(c).allow_privilege_escalation === false ? undefined : "allow_privilege_escalation is not false")),
  }),
  defineRule({
    id: "AZ-K8S-003",
    resourceTypes: WORKLOADS,
    severity: "error",
    title: "Containers run as a non-root user",
    description: "A container running as root turns any container escape or writable host mount into root on the node.",
    fix: "run_as_non_root = true and a non-zero run_as_user in the pod or container security_context (Microservice runs as 10001)",
    scannerNote: "checkov checks runAsNonRoot only in the retired PodSecurityPolicy (kubernetes_pod_security_policy).",
    check: (r) =>
      everyContainer(r, (c, pod) => {
        const own = containerContext(c);
        const inherited = podContext(pod);
        const nonRoot = own.run_as_non_root ?? inherited.run_as_non_root;
        const user = own.run_as_user ?? inherited.run_as_user;
        if (nonRoot !== true) return "run_as_non_root is not true";
        if (user !== undefined && !isExpression(user) && Number(user) === 0) return "run_as_user is 0";
        return undefined;
      }),
  }),
  defineRule({
    id: "AZ-K8S-004",
    resourceTypes: WORKLOADS,
    severity: "error",
    title: "Every container has a memory limit",
    description: "A container without a memory limit can consume the node's memory and get other pods, system pods included, OOM-killed.",
    fix: "resources { limits = { memory = \"512Mi\" } } on every container (Microservice and the team LimitRange set one)",
    scannerEquivalent: ["CKV_K8S_12"],
    scannerNote: "CKV_K8S_12 checks kubernetes_pod only, not deployments.",
    check: (r) => everyContainer(r, (c) => (attr(c.config, "resources.limits.memory") === undefined ? "resources.limits.memory is not set" : undefined)),
  }),
  defineRule({
    id: "AZ-K8S-005",
    resourceTypes: WORKLOADS,
    severity: "warning",
    title: "Every container requests CPU and memory",
    description: "Without requests the scheduler packs pods blindly and the HPA cannot compute utilisation.",
    fix: "resources { requests = { cpu, memory } } on every container",
    scannerEquivalent: ["CKV_K8S_10", "CKV_K8S_13"],
    check: (r) =>
      everyContainer(r, (c) => {
        const missing = ["cpu", "memory"].filter((k) => attr(c.config, `resources.requests.${k}`) === undefined);
        return missing.length > 0 ? `resources.requests.${missing.join(" and ")} not set` : undefined;
      }),
  }),
  defineRule({
    id: "AZ-K8S-006",
    resourceTypes: LONG_RUNNING,
    severity: "warning",
    title: "Containers have liveness and readiness probes",
    description: "Without readiness probes traffic reaches pods that are not ready; without liveness probes a hung process is never restarted.",
    fix: "liveness_probe and readiness_probe on every container (Microservice sets /healthz and /readyz)",
    scannerEquivalent: ["CKV_K8S_8", "CKV_K8S_9"],
    scannerNote: "CKV_K8S_8 and CKV_K8S_9 check kubernetes_pod only, not deployments.",
    check: (r) =>
      everyContainer(
        r,
        (c) => {
          const missing = ["liveness_probe", "readiness_probe"].filter((k) => c.config[k] === undefined);
          return missing.length > 0 ? `${missing.join(" and ")} not set` : undefined;
        },
        { includeInit: false },
      ),
  }),
  defineRule({
    id: "AZ-K8S-007",
    resourceTypes: WORKLOADS,
    severity: "warning",
    title: "Containers have a read-only root filesystem and drop all capabilities",
    description: "A writable root filesystem lets an attacker drop tools into the container; default capabilities (NET_RAW among them) allow spoofing.",
    fix: 'security_context { read_only_root_filesystem = true, capabilities { drop = ["ALL"] } } (Microservice sets both; mount an emptyDir for scratch space)',
    scannerEquivalent: ["CKV_K8S_22", "CKV_K8S_28"],
    check: (r) =>
      everyContainer(r, (c) => {
        const sc = containerContext(c);
        if (sc.read_only_root_filesystem !== true) return "read_only_root_filesystem is not true";
        return strings(attr(sc, "capabilities.drop")).includes("ALL") ? undefined : 'capabilities.drop does not include "ALL"';
      }),
  }),
  defineRule({
    id: "AZ-K8S-008",
    resourceTypes: WORKLOADS,
    severity: "error",
    title: "Pods do not share the host's network, PID or IPC namespaces and mount no host paths",
    description: "Host namespaces and hostPath volumes let a pod see and tamper with the node and every other pod on it.",
    fix: "leave host_network, host_pid and host_ipc unset (false) and use emptyDir or persistent volumes instead of host_path",
    scannerEquivalent: ["CKV_K8S_17", "CKV_K8S_19"],
    check: (r) => {
      const spec = podSpec(r);
      if (!spec) return notApplicable("no pod template");
      const shared = ["host_network", "host_pid", "host_ipc"].filter((k) => spec[k] === true);
      if (shared.length > 0) return fail(`${shared.join(", ")} is true`);
      const hostPaths = blocks(spec.volume).filter((v) => v.host_path !== undefined).map((v) => String(v.name));
      return hostPaths.length > 0 ? fail(`volume ${hostPaths.join(", ")} mounts a host path`) : pass();
    },
  }),
  defineRule({
    id: "AZ-K8S-009",
    resourceTypes: WORKLOADS,
    severity: "warning",
    title: "Images are pinned by tag or digest (never latest)",
    description: "An untagged or latest image changes under a running deployment, so a restart can roll out untested code.",
    fix: 'image = "registry/name:1.2.3" or "registry/name@sha256:…"',
    scannerEquivalent: ["CKV_K8S_14"],
    scannerNote: "CKV_K8S_14 checks kubernetes_pod only, not deployments.",
    check: (r) =>
      everyContainer(r, (c) => {
        const image = c.config.image;
        if (typeof image !== "string") return "image is not set";
        if (isExpression(image)) return undefined;
        return pinnedImage(image) ? undefined : `image ${image} is not pinned`;
      }),
  }),
  defineRule({
    id: "AZ-K8S-010",
    resourceTypes: WORKLOADS,
    severity: "warning",
    title: "Pods use the RuntimeDefault seccomp profile and do not mount the API token",
    description: "Without seccomp every syscall is open to an attacker; an automounted service-account token hands them the pod's Kubernetes API rights.",
    fix: 'security_context { seccomp_profile { type = "RuntimeDefault" } } and automount_service_account_token = false (Microservice sets both)',
    scannerEquivalent: ["CKV_K8S_50"],
    scannerNote: "CKV_K8S_50 checks the token mount only.",
    check: (r) => {
      const spec = podSpec(r);
      if (!spec) return notApplicable("no pod template");
      if (spec.automount_service_account_token !== false) return fail("automount_service_account_token is not false");
      return everyContainer(r, (c, pod) => {
        const type = attr(containerContext(c), "seccomp_profile.type") ?? attr(podContext(pod), "seccomp_profile.type");
        return type === "RuntimeDefault" || type === "Localhost" ? undefined : "no RuntimeDefault or Localhost seccomp profile";
      });
    },
  }),
  defineRule({
    id: "AZ-K8S-011",
    resourceTypes: [...WORKLOADS, "kubernetes_service_v1", "kubernetes_service", "kubernetes_service_account_v1", "kubernetes_service_account", "kubernetes_config_map_v1", "kubernetes_secret_v1", "kubernetes_manifest"],
    severity: "warning",
    title: "Objects live in a team namespace, not default",
    description: "The default namespace has no quota, no default-deny network policy and no pod security labels from the platform.",
    fix: "metadata { namespace = <a TeamNamespace> }",
    scannerEquivalent: ["CKV_K8S_21"],
    scannerNote: "CKV_K8S_21 checks the provider's v0 resource types, not the *_v1 types.",
    check: (r) => {
      if (r.type === "kubernetes_manifest") {
        const manifest = manifestOf(r);
        if (!manifest || CLUSTER_SCOPED_KINDS.has(String(manifest.kind))) return notApplicable("cluster-scoped object");
        const namespace = attr(manifest, "metadata.namespace");
        return namespace === undefined || namespace === "default" ? fail(`metadata.namespace is ${namespace === undefined ? "unset" : '"default"'}`) : pass();
      }
      const namespace = attr(r.config, "metadata.namespace");
      return namespace === undefined || namespace === "default" ? fail(`metadata.namespace is ${namespace === undefined ? "unset" : '"default"'}`) : pass();
    },
  }),
  defineRule({
    id: "AZ-K8S-012",
    resourceTypes: ["kubernetes_namespace_v1", "kubernetes_namespace"],
    severity: "warning",
    title: "Namespaces enforce a Pod Security Standard",
    description: "Without the pod-security.kubernetes.io/enforce label the namespace admits privileged pods from any manifest or Helm chart.",
    fix: 'metadata { labels = { "pod-security.kubernetes.io/enforce" = "restricted" } } (TeamNamespace sets it)',
    check: (r) => {
      const labels = (attr(r.config, "metadata.labels") as Record<string, unknown> | undefined) ?? {};
      const level = labels["pod-security.kubernetes.io/enforce"];
      return level === "restricted" || level === "baseline" ? pass() : fail(`pod-security.kubernetes.io/enforce is ${level === undefined ? "unset" : JSON.stringify(level)}`);
    },
  }),
  defineRule({
    id: "AZ-K8S-013",
    resourceTypes: ["kubernetes_network_policy_v1", "kubernetes_network_policy"],
    severity: "warning",
    title: "Network policies do not allow egress to the whole internet",
    description: "Egress to 0.0.0.0/0 lets a compromised pod exfiltrate data and reach command-and-control servers anywhere.",
    fix: "allow egress to the CIDRs the service needs (private endpoints, the database subnet) or through an egress gateway or Azure Firewall with FQDN rules",
    check: (r) => {
      const open = blocks(attr(r.config, "spec"))
        .flatMap((spec) => blocks(spec.egress))
        .flatMap((rule) => blocks(rule.to))
        .map((peer) => attr(peer, "ip_block"))
        .filter((block) => block !== undefined && ["0.0.0.0/0", "::/0"].includes(String(attr(block, "cidr"))) && strings(attr(block, "except")).length === 0);
      return open.length === 0 ? pass() : fail("an egress rule allows 0.0.0.0/0");
    },
  }),
  defineRule({
    id: "AZ-K8S-014",
    resourceTypes: ["kubernetes_service_v1", "kubernetes_service"],
    severity: "warning",
    title: "Services are not public load balancers (traffic enters through the gateway)",
    description: "A LoadBalancer service outside the gateway gets its own public IP, without TLS, WAF, rate limits or authentication.",
    fix: 'type = "ClusterIP" behind a ServiceRoute, or the annotation service.beta.kubernetes.io/azure-load-balancer-internal = "true"',
    check: (r) => {
      if (attr(r.config, "spec.type") !== "LoadBalancer") return pass();
      const annotations = (attr(r.config, "metadata.annotations") as Record<string, unknown> | undefined) ?? {};
      return annotations["service.beta.kubernetes.io/azure-load-balancer-internal"] === "true" ? pass() : fail("a public LoadBalancer service");
    },
  }),
  defineRule({
    id: "AZ-GW-001",
    resourceTypes: ["kubernetes_manifest"],
    severity: "error",
    title: "Gateways serve application routes over HTTPS only",
    description: "A plain-HTTP listener that admits routes from other namespaces serves those services, cookies and tokens included, unencrypted.",
    fix: 'HTTP listeners admit routes from their own namespace only (allowedRoutes.namespaces.from = "Same", for the HTTPS redirect); HTTPS listeners terminate TLS with a certificate (TrafficGateway does both)',
    check: (r) => {
      const manifest = manifestOf(r);
      if (manifest?.kind !== "Gateway") return notApplicable("not a Gateway");
      const problems: string[] = [];
      for (const listener of blocks(attr(manifest, "spec.listeners"))) {
        const name = String(listener.name);
        if (listener.protocol === "HTTP") {
          const from = attr(listener, "allowedRoutes.namespaces.from") ?? "Same";
          if (from !== "Same") problems.push(`HTTP listener ${name} admits routes from ${String(from)} namespaces`);
        }
        if (listener.protocol === "HTTPS") {
          const mode = attr(listener, "tls.mode") ?? "Terminate";
          if (mode === "Terminate" && blocks(attr(listener, "tls.certificateRefs")).length === 0) problems.push(`HTTPS listener ${name} has no certificate`);
        }
      }
      return problems.length === 0 ? pass() : fail(problems.join("; "));
    },
  }),
  defineRule({
    id: "AZ-GW-002",
    resourceTypes: ["kubernetes_manifest"],
    severity: "error",
    title: "JWT authentication fetches signing keys over HTTPS",
    description: "Keys fetched over HTTP can be swapped in transit, letting anyone mint tokens the gateway accepts.",
    fix: "SecurityPolicy jwt.providers[].remoteJWKS.uri starts with https:// (ApiGatewayPolicy checks the JWKS URI)",
    check: (r) => {
      const manifest = manifestOf(r);
      if (manifest?.kind !== "SecurityPolicy") return notApplicable("not a SecurityPolicy");
      const providers = blocks(attr(manifest, "spec.jwt.providers"));
      if (providers.length === 0) return notApplicable("no JWT providers");
      const insecure = providers.map((p) => attr(p, "remoteJWKS.uri")).filter((uri) => typeof uri === "string" && !isExpression(uri) && !uri.startsWith("https://"));
      return insecure.length === 0 ? pass() : fail(`JWKS URI ${insecure.join(", ")} is not https`);
    },
  }),
  defineRule({
    id: "AZ-GW-003",
    resourceTypes: ["kubernetes_manifest"],
    severity: "warning",
    title: "Certificate issuers use a production ACME endpoint over HTTPS",
    description: "A staging ACME endpoint issues certificates no browser trusts; the gateway then fails TLS for every client.",
    fix: 'spec.acme.server = "https://acme-v02.api.letsencrypt.org/directory" (AcmeClusterIssuer defaults to it)',
    check: (r) => {
      const manifest = manifestOf(r);
      if (manifest?.kind !== "ClusterIssuer" && manifest?.kind !== "Issuer") return notApplicable("not a cert-manager issuer");
      const server = attr(manifest, "spec.acme.server");
      if (server === undefined) return notApplicable("not an ACME issuer");
      if (typeof server !== "string" || !server.startsWith("https://")) return fail(`spec.acme.server is ${JSON.stringify(server)}`);
      return /staging/i.test(server) ? fail(`spec.acme.server ${server} is a staging endpoint`) : pass();
    },
  }),
  defineRule({
    id: "AZ-GW-004",
    resourceTypes: ["kubernetes_manifest"],
    severity: "warning",
    title: "Gateway proxies have a memory limit and more than one replica",
    description: "An unlimited proxy can exhaust its node; a single replica makes every node drain or restart an outage for all services.",
    fix: "EnvoyProxy spec.provider.kubernetes.envoyDeployment { replicas >= 2, container.resources.limits.memory } (EnvoyGatewayController sets both)",
    check: (r) => {
      const manifest = manifestOf(r);
      if (manifest?.kind !== "EnvoyProxy") return notApplicable("not an EnvoyProxy");
      const deployment = attr(manifest, "spec.provider.kubernetes.envoyDeployment");
      if (deployment === undefined) return fail("spec.provider.kubernetes.envoyDeployment is not set");
      if (attr(deployment, "container.resources.limits.memory") === undefined) return fail("envoyDeployment.container.resources.limits.memory is not set");
      const replicas = attr(deployment, "replicas");
      return typeof replicas === "number" && replicas >= 2 ? pass() : fail(`envoyDeployment.replicas is ${JSON.stringify(replicas)}`);
    },
  }),
  defineRule({
    id: "AZ-HELM-001",
    resourceTypes: ["helm_release"],
    severity: "error",
    title: "Charts are pinned to a version and come from an HTTPS or OCI repository",
    description: "An unpinned chart upgrades itself on the next apply; a plain-HTTP repository lets anyone in the path replace the chart.",
    fix: 'version = "1.2.3" and repository = "https://…" or "oci://…" (the traffic and cert-manager constructs pin both)',
    check: (r) => {
      const version = r.config.version;
      if (typeof version !== "string" || version.length === 0) return fail("version is not set");
      const repository = r.config.repository;
      if (repository === undefined) return pass("a local chart");
      if (isExpression(repository)) return notApplicable("the repository is known only at apply time");
      return typeof repository === "string" && /^(https|oci):\/\//.test(repository) ? pass() : fail(`repository ${JSON.stringify(repository)} is not https:// or oci://`);
    },
  }),
  defineRule({
    id: "AZ-HELM-002",
    resourceTypes: ["helm_release"],
    severity: "warning",
    title: "Releases roll back a failed install or upgrade (atomic)",
    description: "A half-applied release leaves the cluster with a broken controller until someone intervenes.",
    fix: "atomic = true with cleanup_on_fail = true",
    check: (r) => (r.config.atomic === true ? pass() : fail("atomic is not true")),
  }),
  defineRule({
    id: "AZ-K8S-015",
    resourceTypes: ["kubernetes_pod_disruption_budget_v1", "kubernetes_pod_disruption_budget"],
    severity: "warning",
    title: "Disruption budgets let at least one pod be evicted",
    description: "A budget of zero unavailable pods blocks node drains, so cluster and node-image upgrades stall on that node.",
    fix: 'max_unavailable = "1" (Microservice sets it), or a min_available below the replica count',
    check: (r) => {
      const maxUnavailable = attr(r.config, "spec.max_unavailable");
      if (maxUnavailable === undefined) return attr(r.config, "spec.min_available") === "100%" ? fail('min_available is "100%"') : pass();
      return ["0", "0%", 0].includes(maxUnavailable as string | number) ? fail(`max_unavailable is ${JSON.stringify(maxUnavailable)}`) : pass();
    },
  }),
  defineRule({
    id: "AZ-K8S-016",
    resourceTypes: ["kubernetes_horizontal_pod_autoscaler_v2", "kubernetes_horizontal_pod_autoscaler"],
    severity: "warning",
    title: "Autoscalers have room to scale and a metric to scale on",
    description: "An autoscaler whose maximum equals its minimum, or without a metric, never scales: load peaks then hit a fixed capacity.",
    fix: "max_replicas above min_replicas and a metric (Microservice scales on CPU utilisation)",
    check: (r) => {
      const min = attr(r.config, "spec.min_replicas") ?? 1;
      const max = attr(r.config, "spec.max_replicas");
      if (isExpression(min) || isExpression(max)) return notApplicable("replica bounds are known only at apply time");
      if (typeof max !== "number" || typeof min !== "number" || max <= min) return fail(`max_replicas ${JSON.stringify(max)} is not above min_replicas ${JSON.stringify(min)}`);
      return blocks(attr(r.config, "spec.metric")).length > 0 || attr(r.config, "spec.target_cpu_utilization_percentage") !== undefined ? pass() : fail("no metric is set");
    },
  }),
  defineRule({
    id: "AZ-K8S-017",
    resourceTypes: ["kubernetes_resource_quota_v1", "kubernetes_resource_quota", "kubernetes_limit_range_v1", "kubernetes_limit_range"],
    severity: "warning",
    title: "Namespace quotas cap CPU requests and memory limits; limit ranges give containers a default memory limit",
    description: "Without caps one team's namespace can take the whole cluster; without a default limit a pod without limits can take a whole node.",
    fix: 'ResourceQuota hard { "requests.cpu", "limits.memory" } and LimitRange limit { type = "Container", default = { memory } } (TeamNamespace sets both)',
    check: (r) => {
      if (r.type.startsWith("kubernetes_resource_quota")) {
        const hard = (attr(r.config, "spec.hard") as Record<string, unknown> | undefined) ?? {};
        const missing = ["requests.cpu", "limits.memory"].filter((k) => hard[k] === undefined);
        return missing.length === 0 ? pass() : fail(`spec.hard has no ${missing.join(" or ")}`);
      }
      const container = blocks(attr(r.config, "spec.limit")).find((l) => l.type === "Container");
      if (!container) return fail("no limit of type Container");
      return attr(container, "default.memory") === undefined ? fail("the Container limit has no default memory") : pass();
    },
  }),
  defineRule({
    id: "AZ-K8S-018",
    resourceTypes: ["kubernetes_priority_class_v1", "kubernetes_priority_class"],
    severity: "warning",
    title: "Priority classes are not the global default",
    description: "A global-default priority class silently raises every pod without a class, so nothing is preempted when capacity runs out.",
    fix: "global_default = false; pods opt in with priorityClassName (the apps stack's business-critical class does)",
    check: (r) => expectBool(r.config, "global_default", false, false),
  }),
];
