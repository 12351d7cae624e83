import { attr, defineRule, expectBool, expectOneOf, fail, isExpression, notApplicable, pass, PolicyRule, strings } from "../rule";

const CLUSTER = ["azurerm_kubernetes_cluster"];
const POOL = ["azurerm_kubernetes_cluster_node_pool"];

/** Rules for AKS clusters and their user node pools (azurerm 4.x attribute names). */
export const AKS_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-AKS-001",
    resourceTypes: CLUSTER,
    severity: "error",
    title: "The API server is private, or public only to listed source ranges (never 0.0.0.0/0)",
    description: "A public API server open to any address is one stolen credential or one control-plane CVE away from a cluster takeover.",
    fix: 'AksCluster apiServer { mode: "private" } (private_cluster_enabled = true), or { mode: "public", authorizedIpRanges: [...] } (api_server_access_profile.authorized_ip_ranges)',
    scannerEquivalent: ["CKV_AZURE_6", "CKV_AZURE_115", "AVD-AZU-0041"],
    scannerNote: "CKV_AZURE_6 reads the 3.x attribute api_server_authorized_ip_ranges, which azurerm 4.x replaced by api_server_access_profile.authorized_ip_ranges, so it fails every 4.x cluster.",
    check: (r) => {
      if (attr(r.config, "private_cluster_enabled") === true) return pass();
      const ranges = strings(attr(r.config, "api_server_access_profile.authorized_ip_ranges"));
      if (ranges.length === 0) return fail("the API server is public and api_server_access_profile.authorized_ip_ranges is empty");
      const open = ranges.filter((cidr) => /\/0$/.test(cidr) || cidr === "*");
      return open.length > 0 ? fail(`authorized_ip_ranges opens the API server to the internet (${open.join(", ")})`) : pass();
    },
  }),
  defineRule({
    id: "AZ-AKS-002",
    resourceTypes: CLUSTER,
    severity: "error",
    title: "Local accounts are disabled (Entra ID authentication only)",
    description: "The local cluster-admin kubeconfig is a static credential that bypasses Entra ID, Conditional Access and audit by identity.",
    fix: "local_account_disabled = true (AksCluster sets it)",
    scannerEquivalent: ["CKV_AZURE_141"],
    check: (r) => expectBool(r.config, "local_account_disabled", true, false),
  }),
  defineRule({
    id: "AZ-AKS-003",
    resourceTypes: CLUSTER,
    severity: "error",
    title: "Kubernetes RBAC is on and authorised through Entra ID (Azure RBAC)",
    description: "Without RBAC every authenticated identity can do everything; without Azure RBAC, access is managed outside Entra ID and its reviews.",
    fix: "role_based_access_control_enabled = true and azure_active_directory_role_based_access_control { azure_rbac_enabled = true } (AksCluster sets both)",
    scannerEquivalent: ["CKV_AZURE_5", "AVD-AZU-0042"],
    scannerNote: "The scanners check only that Kubernetes RBAC is on, not that Entra ID authorises it.",
    check: (r) => {
      if (attr(r.config, "role_based_access_control_enabled") === false) return fail("role_based_access_control_enabled is false");
      return attr(r.config, "azure_active_directory_role_based_access_control.azure_rbac_enabled") === true
        ? pass()
        : fail("azure_active_directory_role_based_access_control.azure_rbac_enabled is not true");
    },
  }),
  defineRule({
    id: "AZ-AKS-004",
    resourceTypes: CLUSTER,
    severity: "error",
    title: "A network policy engine is enabled",
    description: "Without a policy engine, Kubernetes NetworkPolicy objects are ignored and every pod can reach every other pod.",
    fix: 'AksCluster networkPolicy "cilium" (network_profile.network_policy)',
    scannerEquivalent: ["CKV_AZURE_7", "AVD-AZU-0043"],
    check: (r) => {
      const policy = attr(r.config, "network_profile.network_policy");
      return typeof policy === "string" && policy !== "none" ? pass() : fail(`network_profile.network_policy is ${policy === undefined ? "unset" : JSON.stringify(policy)}`);
    },
  }),
  defineRule({
    id: "AZ-AKS-005",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "The Azure Policy add-on is enabled",
    description: "Azure Policy for AKS enforces pod security and image rules at admission, a guard that does not depend on each team's manifests.",
    fix: "azure_policy_enabled = true (AksCluster sets it)",
    scannerEquivalent: ["CKV_AZURE_116"],
    check: (r) => expectBool(r.config, "azure_policy_enabled", true, false),
  }),
  defineRule({
    id: "AZ-AKS-006",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "Container Insights sends container logs to Log Analytics with managed identity",
    description: "Without container logs an incident has no evidence; key-based agent authentication leaves a workspace key on every node.",
    fix: "oms_agent { log_analytics_workspace_id, msi_auth_for_monitoring_enabled = true } (AksCluster sets it from logAnalytics)",
    scannerEquivalent: ["CKV_AZURE_4", "AVD-AZU-0040"],
    check: (r) => {
      const workspace = attr(r.config, "oms_agent.log_analytics_workspace_id");
      if (workspace === undefined) return fail("oms_agent is not configured");
      return attr(r.config, "oms_agent.msi_auth_for_monitoring_enabled") === true ? pass() : fail("oms_agent.msi_auth_for_monitoring_enabled is not true");
    },
  }),
  defineRule({
    id: "AZ-AKS-007",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "Kubernetes and node images upgrade automatically",
    description: "Clusters left on one version fall out of support within a year and miss node security patches.",
    fix: 'automatic_upgrade_channel "patch" or "stable" and node_os_upgrade_channel "NodeImage" or "SecurityPatch" (AksCluster defaults)',
    scannerEquivalent: ["CKV_AZURE_171"],
    scannerNote: "CKV_AZURE_171 checks the Kubernetes channel only, not the node OS channel.",
    check: (r) => {
      const channel = attr(r.config, "automatic_upgrade_channel");
      if (channel === undefined || channel === "none") return fail(`automatic_upgrade_channel is ${channel === undefined ? "unset" : '"none"'}`);
      return expectOneOf(r.config, "node_os_upgrade_channel", ["NodeImage", "SecurityPatch"], "NodeImage");
    },
  }),
  defineRule({
    id: "AZ-AKS-008",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "The Key Vault secrets provider rotates secrets",
    description: "Without rotation, pods keep serving a secret after it was rotated or revoked in Key Vault.",
    fix: "key_vault_secrets_provider { secret_rotation_enabled = true } (AksCluster sets it)",
    scannerEquivalent: ["CKV_AZURE_172"],
    check: (r) => (attr(r.config, "key_vault_secrets_provider") === undefined ? notApplicable("the secrets provider add-on is off") : expectBool(r.config, "key_vault_secrets_provider.secret_rotation_enabled", true, false)),
  }),
  defineRule({
    id: "AZ-AKS-009",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "The control plane has an uptime SLA (Standard or Premium tier)",
    description: "The Free tier has no financially backed SLA and fewer API server resources; production clusters should not run on it.",
    fix: 'AksCluster skuTier "Standard" (sku_tier)',
    scannerEquivalent: ["CKV_AZURE_170"],
    scannerNote: 'CKV_AZURE_170 expects sku_tier "Paid", a value azurerm 4.x no longer accepts, so it fails every 4.x cluster.',
    check: (r) => expectOneOf(r.config, "sku_tier", ["Standard", "Premium"], "Free"),
  }),
  defineRule({
    id: "AZ-AKS-010",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "The system node pool runs critical add-ons only",
    description: "Application pods on system nodes compete with CoreDNS and the metrics server, and a noisy workload can take cluster DNS down.",
    fix: "default_node_pool { only_critical_addons_enabled = true } (AksCluster sets it)",
    scannerEquivalent: ["CKV_AZURE_232"],
    check: (r) => expectBool(r.config, "default_node_pool.only_critical_addons_enabled", true, false),
  }),
  defineRule({
    id: "AZ-AKS-011",
    resourceTypes: CLUSTER,
    severity: "error",
    title: "System nodes have no public IP addresses",
    description: "A public IP on every node exposes the kubelet and node ports directly to the internet.",
    fix: "default_node_pool { node_public_ip_enabled = false }",
    scannerEquivalent: ["CKV_AZURE_143"],
    check: (r) => expectBool(r.config, "default_node_pool.node_public_ip_enabled", false, false),
  }),
  defineRule({
    id: "AZ-AKS-012",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "Workload identity and the OIDC issuer are enabled",
    description: "Without workload identity, pods reach Azure with secrets or the node's identity, which every pod on the node shares.",
    fix: "oidc_issuer_enabled = true and workload_identity_enabled = true (AksCluster sets both)",
    check: (r) => {
      if (attr(r.config, "oidc_issuer_enabled") !== true) return fail("oidc_issuer_enabled is not true");
      return expectBool(r.config, "workload_identity_enabled", true, false);
    },
  }),
  defineRule({
    id: "AZ-AKS-013",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "The system node pool spans availability zones and autoscales",
    description: "A system pool in one zone loses cluster DNS and the API server's webhooks with that zone; a fixed-size pool cannot absorb node failures.",
    fix: "default_node_pool { zones = [\"1\", \"2\", \"3\"], auto_scaling_enabled = true } (AksCluster uses the region's zones)",
    check: (r) => {
      if (attr(r.config, "default_node_pool.auto_scaling_enabled") !== true) return fail("default_node_pool.auto_scaling_enabled is not true");
      const zones = strings(attr(r.config, "default_node_pool.zones"));
      return zones.length >= 2 ? pass() : fail(`default_node_pool.zones is ${JSON.stringify(zones)}`);
    },
  }),
  defineRule({
    id: "AZ-AKS-014",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "Nodes use Azure CNI",
    description: "kubenet is being retired and supports neither Azure network policy nor Cilium; Azure CNI (overlay) is the supported data plane.",
    fix: 'network_profile { network_plugin = "azure", network_plugin_mode = "overlay" } (AksCluster sets it)',
    scannerEquivalent: ["CKV2_AZURE_29"],
    check: (r) => expectOneOf(r.config, "network_profile.network_plugin", ["azure"]),
  }),
  defineRule({
    id: "AZ-AKS-015",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "System nodes use ephemeral OS disks and hold at least 50 pods",
    description: "Managed OS disks make reimaging and scaling slower and are billed; fewer than 50 pods per node strands capacity and IP space.",
    fix: 'default_node_pool { os_disk_type = "Ephemeral", max_pods >= 50 } (AksCluster picks ephemeral disks where the VM size allows)',
    scannerEquivalent: ["CKV_AZURE_168", "CKV_AZURE_226"],
    scannerNote: "CKV_AZURE_226 reads os_disk_type on the cluster instead of default_node_pool, so it fails every cluster.",
    check: (r) => {
      const disk = attr(r.config, "default_node_pool.os_disk_type");
      if (disk !== "Ephemeral") return fail(`default_node_pool.os_disk_type is ${disk === undefined ? "unset (Managed)" : JSON.stringify(disk)}`);
      const maxPods = attr(r.config, "default_node_pool.max_pods");
      if (maxPods === undefined || isExpression(maxPods)) return pass();
      return typeof maxPods === "number" && maxPods >= 50 ? pass() : fail(`default_node_pool.max_pods is ${JSON.stringify(maxPods)}`);
    },
  }),
  defineRule({
    id: "AZ-AKS-016",
    resourceTypes: CLUSTER,
    severity: "warning",
    title: "Image cleaner removes unused, vulnerable images from nodes",
    description: "Stale images with known CVEs stay on nodes and can be started again; the image cleaner removes them.",
    fix: "image_cleaner_enabled = true with image_cleaner_interval_hours (AksCluster sets 48 hours)",
    check: (r) => expectBool(r.config, "image_cleaner_enabled", true, false),
  }),
  defineRule({
    id: "AZ-NP-001",
    resourceTypes: POOL,
    severity: "error",
    title: "Node pool nodes have no public IP addresses",
    description: "A public IP on every node exposes the kubelet and node ports directly to the internet.",
    fix: "node_public_ip_enabled = false (NodePool never sets it)",
    scannerEquivalent: [],
    scannerNote: "CKV_AZURE_143 checks the cluster's default pool only, not azurerm_kubernetes_cluster_node_pool.",
    check: (r) => expectBool(r.config, "node_public_ip_enabled", false, false),
  }),
  defineRule({
    id: "AZ-NP-002",
    resourceTypes: POOL,
    severity: "warning",
    title: "Node pools autoscale",
    description: "A fixed-size pool cannot absorb load peaks or node failures, and pays for idle nodes off-peak.",
    fix: "auto_scaling_enabled = true with min_count and max_count (NodePool always autoscales)",
    check: (r) => expectBool(r.config, "auto_scaling_enabled", true, false),
  }),
  defineRule({
    id: "AZ-NP-003",
    resourceTypes: POOL,
    severity: "warning",
    title: "Node pools span availability zones",
    description: "A pool in one zone takes every pod scheduled on it down with that zone.",
    fix: 'zones = ["1", "2", "3"] (NodePool uses the cluster\'s zones)',
    check: (r) => {
      const zones = strings(attr(r.config, "zones"));
      return zones.length >= 2 ? pass() : fail(`zones is ${JSON.stringify(zones)}`);
    },
  }),
  defineRule({
    id: "AZ-NP-004",
    resourceTypes: POOL,
    severity: "warning",
    title: "Node pools hold at least 50 pods per node",
    description: "Fewer than 50 pods per node strands CPU and memory and makes the cluster autoscaler add nodes early.",
    fix: "max_pods >= 50 (NodePool defaults to 110)",
    scannerEquivalent: ["CKV_AZURE_168"],
    check: (r) => {
      const maxPods = attr(r.config, "max_pods");
      if (maxPods === undefined) return notApplicable("max_pods is unset: AKS picks the default of the network plugin");
      if (isExpression(maxPods)) return notApplicable("max_pods is known only at apply time");
      return typeof maxPods === "number" && maxPods >= 50 ? pass() : fail(`max_pods is ${JSON.stringify(maxPods)}`);
    },
  }),
  defineRule({
    id: "AZ-NP-005",
    resourceTypes: POOL,
    severity: "warning",
    title: "Regular node pools upgrade with a surge of at most 33% and drain with a timeout",
    description: "Without surge settings upgrades take nodes away before replacements exist; a surge above 33% can exhaust quota and subnet addresses mid-upgrade.",
    fix: 'upgrade_settings { max_surge = "33%", drain_timeout_in_minutes = 30 } (NodePool defaults)',
    scannerEquivalent: ["CKV_AZURE_243"],
    check: (r) => {
      if (attr(r.config, "priority") === "Spot") return notApplicable("spot pools upgrade without surge");
      const surge = attr(r.config, "upgrade_settings.max_surge");
      if (surge === undefined) return fail("upgrade_settings.max_surge is unset");
      if (isExpression(surge)) return notApplicable("max_surge is known only at apply time");
      const percent = typeof surge === "string" && surge.endsWith("%") ? Number(surge.slice(0, -1)) : undefined;
      if (percent !== undefined && percent > 33) return fail(`upgrade_settings.max_surge is ${surge}`);
      return attr(r.config, "upgrade_settings.drain_timeout_in_minutes") === undefined ? fail("upgrade_settings.drain_timeout_in_minutes is unset") : pass();
    },
  }),
];
