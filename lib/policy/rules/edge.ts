import { attr, blocks, defineRule, expectBool, expectOneOf, fail, isExpression, notApplicable, pass, PolicyContext, PolicyResource, PolicyRule, strings } from "../rule";

const NOTE = "CKV_AZURE_121 checks the classic azurerm_frontdoor only; no scanner checks Front Door Standard/Premium (azurerm_cdn_frontdoor_*).";

/** The domains a Front Door route serves: its endpoint (when linked to the default domain) and its custom domains. */
function servedDomains(route: PolicyResource): string[] {
  const domains = strings(route.config.cdn_frontdoor_custom_domain_ids);
  if (route.config.link_to_default_domain !== false && typeof route.config.cdn_frontdoor_endpoint_id === "string") domains.push(route.config.cdn_frontdoor_endpoint_id);
  return domains;
}

/** The domain IDs (endpoint or custom domain) that a security policy with a WAF policy covers. */
function wafCoveredDomains(context: PolicyContext): Set<string> {
  const covered = new Set<string>();
  for (const policy of context.ofType("azurerm_cdn_frontdoor_security_policy")) {
    for (const firewall of blocks(attr(policy.config, "security_policies.firewall"))) {
      if (firewall.cdn_frontdoor_firewall_policy_id === undefined) continue;
      for (const association of blocks(firewall.association)) {
        for (const domain of blocks(association.domain)) {
          if (typeof domain.cdn_frontdoor_domain_id === "string") covered.add(normaliseId(domain.cdn_frontdoor_domain_id));
        }
      }
    }
  }
  return covered;
}

/** The path prefix of ACME HTTP-01 challenges, which RFC 8555 (§8.3) serves over plain HTTP on port 80. */
const ACME_CHALLENGE_PREFIX = "/.well-known/acme-challenge/";

/** Whether a route carries nothing but ACME HTTP-01 challenges (no cookies, no tokens, no content). */
function onlyAcmeChallenges(route: PolicyResource): boolean {
  const patterns = strings(route.config.patterns_to_match);
  return patterns.length > 0 && patterns.every((p) => p.startsWith(ACME_CHALLENGE_PREFIX));
}

/** Compares resource IDs and references regardless of whitespace. */
function normaliseId(id: string): string {
  return id.replace(/\s+/g, "");
}

/** Rules for Azure Front Door Standard/Premium (azurerm_cdn_frontdoor_*). */
export const EDGE_RULES: readonly PolicyRule[] = [
  defineRule({
    id: "AZ-FD-001",
    resourceTypes: ["azurerm_cdn_frontdoor_route"],
    severity: "error",
    title: "Every domain a route serves is protected by a WAF policy",
    description: "A Front Door domain without a WAF security policy passes SQL injection, XSS and bot traffic straight to the origins.",
    fix: "an azurerm_cdn_frontdoor_security_policy whose firewall association lists the route's endpoint and custom domains",
    scannerNote: NOTE,
    check: (r, ctx) => {
      const domains = servedDomains(r);
      if (domains.length === 0) return notApplicable("the route serves no domain");
      const covered = wafCoveredDomains(ctx);
      const missing = domains.filter((d) => !covered.has(normaliseId(d)));
      return missing.length === 0 ? pass() : fail(`no WAF security policy covers ${missing.join(", ")}`);
    },
  }),
  defineRule({
    id: "AZ-FD-002",
    resourceTypes: ["azurerm_cdn_frontdoor_firewall_policy"],
    severity: "warning",
    title: "The WAF policy is enabled in Prevention mode with rules",
    description: "A WAF in Detection mode only logs attacks; a policy without managed or custom rules blocks nothing.",
    fix: 'enabled = true, mode = "Prevention", and a managed_rule (Premium) or custom_rule',
    scannerNote: NOTE,
    check: (r) => {
      if (r.config.enabled === false) return fail("enabled is false");
      if (r.config.mode !== "Prevention") return fail(`mode is ${JSON.stringify(r.config.mode)}`);
      return blocks(r.config.managed_rule).length + blocks(r.config.custom_rule).length > 0 ? pass() : fail("the policy has no managed_rule or custom_rule");
    },
  }),
  defineRule({
    id: "AZ-FD-003",
    resourceTypes: ["azurerm_cdn_frontdoor_route"],
    severity: "error",
    title: "Clients reach routes over HTTPS only (HTTP redirects to HTTPS)",
    description: "A route that serves HTTP sends cookies and tokens in clear text. A route that carries only ACME HTTP-01 challenges (/.well-known/acme-challenge/*) is exempt.",
    fix: 'supported_protocols = ["Http", "Https"] with https_redirect_enabled = true, or supported_protocols = ["Https"]',
    scannerNote: NOTE,
    check: (r) => {
      if (onlyAcmeChallenges(r)) return notApplicable("the route carries only ACME HTTP-01 challenges, which are plain HTTP by definition");
      const protocols = strings(r.config.supported_protocols);
      if (!protocols.includes("Http")) return pass();
      return expectBool(r.config, "https_redirect_enabled", true, true);
    },
  }),
  defineRule({
    id: "AZ-FD-004",
    resourceTypes: ["azurerm_cdn_frontdoor_route"],
    severity: "warning",
    title: "Front Door forwards to origins over HTTPS",
    description: "MatchRequest or HttpOnly forwarding sends requests to the origin unencrypted across the internet. A route that carries only ACME HTTP-01 challenges is exempt.",
    fix: 'forwarding_protocol = "HttpsOnly"',
    scannerNote: NOTE,
    check: (r) =>
      onlyAcmeChallenges(r)
        ? notApplicable("the route carries only ACME HTTP-01 challenges, which the origin answers on its HTTP listener")
        : expectOneOf(r.config, "forwarding_protocol", ["HttpsOnly"], "MatchRequest"),
  }),
  defineRule({
    id: "AZ-FD-005",
    resourceTypes: ["azurerm_cdn_frontdoor_custom_domain"],
    severity: "error",
    title: "Custom domains require TLS 1.2 or later",
    description: "TLS 1.0 and 1.1 have known weaknesses and are retired across Azure.",
    fix: 'tls { minimum_tls_version = "TLS12" }',
    scannerNote: NOTE,
    check: (r) => expectOneOf(r.config, "tls.minimum_tls_version", ["TLS12", "TLS13"], "TLS12"),
  }),
  defineRule({
    id: "AZ-FD-006",
    resourceTypes: ["azurerm_cdn_frontdoor_origin"],
    severity: "error",
    title: "Front Door validates the origin's certificate name",
    description: "Without the name check Front Door accepts any certificate, so a spoofed origin can intercept traffic.",
    fix: "certificate_name_check_enabled = true",
    scannerNote: NOTE,
    check: (r) => (isExpression(r.config.certificate_name_check_enabled) ? notApplicable("known only at apply time") : r.config.certificate_name_check_enabled === true ? pass() : fail("certificate_name_check_enabled is not true")),
  }),
];
