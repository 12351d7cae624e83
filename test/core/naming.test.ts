import { Lazy } from "cdktf";
import {
  isValidResourceName,
  namedResourceTypes,
  NamingContext,
  namingRule,
  ResourceNamer,
  shortHash,
  validateResourceName,
} from "../../lib/core/naming";
import { region } from "../../lib/core/regions";
import { expectValidationError } from "../support/expect-validation-error";

const SHOP: NamingContext = { workload: "shop", environment: "prod", region: "westeurope" };
const shop = () => new ResourceNamer(SHOP);

/** The unique suffix of a generated name (its last 5 characters). */
const suffixOf = (name: string) => name.slice(-5);

const GLOBAL_TYPES = [
  "key_vault",
  "storage_account",
  "redis_cache",
  "postgresql_flexible_server",
  "eventhub_namespace",
  "servicebus_namespace",
  "cdn_frontdoor_endpoint",
  "dashboard_grafana",
];

describe("ResourceNamer: Cloud Adoption Framework format", () => {
  test.each([
    ["kubernetes_cluster", "aks-shop-prod-weu"],
    ["resource_group", "rg-shop-prod-weu"],
    ["virtual_network", "vnet-shop-prod-weu"],
    ["user_assigned_identity", "uai-shop-prod-weu"],
    ["monitor_workspace", "amw-shop-prod-weu"],
    ["log_analytics_workspace", "log-shop-prod-weu"],
  ])("names a %s %s", (type, expected) => {
    expect(shop().name(type)).toBe(expected);
  });

  test("uses the region's short code", () => {
    const namer = new ResourceNamer({ workload: "shop", environment: "prod", region: "eastus2" });
    expect(namer.regionShortCode).toBe("eus2");
    expect(namer.name("kubernetes_cluster")).toBe("aks-shop-prod-eus2");
    expect(new ResourceNamer({ ...SHOP, region: "northeurope" }).name("resource_group")).toBe("rg-shop-prod-neu");
  });

  test("puts the qualifier after the workload", () => {
    expect(shop().name("kubernetes_cluster", { qualifier: "system" })).toBe("aks-shop-system-prod-weu");
    expect(shop().name("resource_group", { qualifier: "network" })).toBe("rg-shop-network-prod-weu");
  });

  test("puts the instance last", () => {
    expect(shop().name("kubernetes_cluster", { instance: "001" })).toBe("aks-shop-prod-weu-001");
    expect(shop().name("kubernetes_cluster", { instance: 2 })).toBe("aks-shop-prod-weu-2");
    expect(shop().name("kubernetes_cluster", { qualifier: "blue", instance: 0 })).toBe("aks-shop-blue-prod-weu-0");
  });

  test("joins without dashes, in lower case, for types that forbid dashes", () => {
    expect(shop().name("container_registry", { unique: false })).toBe("acrshopprodweu");
  });

  test("treats container registries as globally unique (the supplement corrects the upstream scope)", () => {
    expect(shop().name("container_registry")).toMatch(/^acrshopprodweu[a-z0-9]{5}$/);
    expect(namingRule("container_registry")).toMatchObject({ scope: "global", length: { min: 5, max: 50 } });
  });

  test("accepts the azurerm_ prefix on the resource type", () => {
    expect(shop().name("azurerm_kubernetes_cluster")).toBe("aks-shop-prod-weu");
  });

  test("forRegion keeps workload and environment and switches the region code", () => {
    const secondary = shop().forRegion("northeurope");
    expect(secondary.context).toEqual({ ...SHOP, region: "northeurope" });
    expect(secondary.regionShortCode).toBe("neu");
    expect(secondary.name("kubernetes_cluster")).toBe("aks-shop-prod-neu");
  });

  test("exposes the context it was built from", () => {
    expect(shop().context).toEqual(SHOP);
  });
});

describe("ResourceNamer: globally unique names", () => {
  test.each(GLOBAL_TYPES)("%s is a global type and gets a 5-character suffix", (type) => {
    expect(namingRule(type)!.scope).toBe("global");
    const name = shop().name(type);
    const sep = namingRule(type)!.dashes ? "-" : "";
    expect(name).toMatch(new RegExp(`^${namingRule(type)!.slug}${sep}shop${sep}prod${sep}weu${sep}[a-z0-9]{5}$`));
  });

  test("key vault, Grafana and PostgreSQL follow the format with a suffix", () => {
    expect(shop().name("key_vault")).toMatch(/^kv-shop-prod-weu-[a-z0-9]{5}$/);
    expect(shop().name("dashboard_grafana")).toMatch(/^amg-shop-prod-weu-[a-z0-9]{5}$/);
    expect(shop().name("postgresql_flexible_server")).toMatch(/^psql-shop-prod-weu-[a-z0-9]{5}$/);
  });

  test("storage account names have no dashes and are lower case", () => {
    const name = shop().name("storage_account");
    expect(name).toMatch(/^stshopprodweu[a-z0-9]{5}$/);
    expect(name).not.toContain("-");
    expect(name).toBe(name.toLowerCase());
  });

  test.each(GLOBAL_TYPES)("%s: the suffix is deterministic across two namer instances", (type) => {
    const first = new ResourceNamer({ ...SHOP }).name(type);
    const second = new ResourceNamer({ ...SHOP }).name(type);
    expect(second).toBe(first);
    expect(shop().name(type, { qualifier: "data" })).toBe(shop().name(type, { qualifier: "data" }));
  });

  test.each(GLOBAL_TYPES)("%s: the suffix changes with environment, region and unique seed", (type) => {
    const base = suffixOf(shop().name(type));
    const others = [
      new ResourceNamer({ ...SHOP, environment: "test" }),
      new ResourceNamer({ ...SHOP, environment: "prod2" }),
      new ResourceNamer({ ...SHOP, region: "northeurope" }),
      new ResourceNamer({ ...SHOP, region: "westus2" }),
      new ResourceNamer({ ...SHOP, uniqueSeed: "00000000-0000-0000-0000-000000000001" }),
      new ResourceNamer({ ...SHOP, uniqueSeed: "00000000-0000-0000-0000-000000000002" }),
    ].map((namer) => suffixOf(namer.name(type)));
    for (const suffix of others) expect(suffix).not.toBe(base);
    expect(new Set(others).size).toBe(others.length);
  });

  test("the suffix differs between types, qualifiers and instances", () => {
    const suffixes = [
      shop().name("key_vault"),
      shop().name("redis_cache"),
      shop().name("key_vault", { qualifier: "aks" }),
      shop().name("key_vault", { instance: 1 }),
      shop().name("key_vault", { instance: 2 }),
    ].map(suffixOf);
    expect(new Set(suffixes).size).toBe(suffixes.length);
  });

  test("the unique seed defaults to the workload", () => {
    expect(new ResourceNamer({ ...SHOP, uniqueSeed: "shop" }).name("key_vault")).toBe(shop().name("key_vault"));
  });

  test("a unique seed replaces the workload in the suffix, so another workload with the same seed differs only by its text", () => {
    const seeded = (workload: string) => new ResourceNamer({ ...SHOP, workload, uniqueSeed: "sub-1234" }).name("key_vault");
    expect(suffixOf(seeded("shop"))).toBe(suffixOf(seeded("cart")));
    expect(seeded("shop")).not.toBe(seeded("cart"));
  });

  test("names are stable across releases (a change renames, and so replaces, every global resource)", () => {
    expect(shop().name("key_vault")).toBe("kv-shop-prod-weu-hyvag");
    expect(shop().name("storage_account")).toBe("stshopprodweun1uw9");
    expect(shop().name("dashboard_grafana")).toBe("amg-shop-prod-weu-b57bd");
    expect(new ResourceNamer({ ...SHOP, workload: "abcdefghijklmnop" }).name("storage_account")).toBe("stabcdefghijprodweukw9s0");
    expect(new ResourceNamer({ ...SHOP, workload: "abcdefghijklmnop" }).name("key_vault")).toBe("kv-abcdef-prod-weu-v6va2");
  });

  test("unique: false drops the suffix of a global type", () => {
    expect(shop().name("key_vault", { unique: false })).toBe("kv-shop-prod-weu");
    expect(shop().name("storage_account", { unique: false })).toBe("stshopprodweu");
  });

  test("unique: true adds a suffix to a type that is not global", () => {
    expect(namingRule("kubernetes_cluster")!.scope).not.toBe("global");
    expect(shop().name("kubernetes_cluster", { unique: true })).toMatch(/^aks-shop-prod-weu-[a-z0-9]{5}$/);
  });
});

describe("ResourceNamer: shortening", () => {
  const longWorkload = new ResourceNamer({ workload: "abcdefghijklmnop", environment: "staging", region: "australiasoutheast" });

  test("shortens a long workload into a valid storage account name of at most 24 characters", () => {
    const name = longWorkload.name("storage_account");
    expect(name.length).toBeLessThanOrEqual(24);
    expect(name).toMatch(/^stab[a-z]*stagingause[a-z0-9]{5}$/);
    expect(isValidResourceName("storage_account", name)).toBe(true);
  });

  test("shortens a long workload into a valid key vault name of at most 24 characters", () => {
    const name = longWorkload.name("key_vault");
    expect(name.length).toBeLessThanOrEqual(24);
    expect(name).toMatch(/^kv-a[a-z]*-staging-ause-[a-z0-9]{5}$/);
    expect(isValidResourceName("key_vault", name)).toBe(true);
  });

  test("shortens a key vault name with a qualifier, keeping both parts", () => {
    const name = shop().name("key_vault", { qualifier: "frontendcache" });
    expect(name.length).toBeLessThanOrEqual(24);
    expect(name).toMatch(/^kv-shop-f[a-z]*-prod-weu-[a-z0-9]{5}$/);
    expect(isValidResourceName("key_vault", name)).toBe(true);
  });

  test("shortens a Grafana name with a long workload and a qualifier to at most 23 characters", () => {
    const name = new ResourceNamer({ ...SHOP, workload: "platformservices" }).name("dashboard_grafana", { qualifier: "ops" });
    expect(name.length).toBeLessThanOrEqual(23);
    expect(name).toMatch(/^amg-p[a-z]*-o[a-z]*-prod-weu-[a-z0-9]{5}$/);
    expect(isValidResourceName("dashboard_grafana", name)).toBe(true);
  });

  test("shortens a long qualifier in a name without a unique suffix", () => {
    const qualifier = "q".repeat(60);
    const name = shop().name("kubernetes_cluster", { qualifier });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^aks-shop-q+-prod-weu-[a-z0-9]{4}$/);
    expect(isValidResourceName("kubernetes_cluster", name)).toBe(true);
  });

  test("keeps a name that fits exactly unshortened", () => {
    // "aks-" (4) + workload (16) + "-" (1) + qualifier (33) + "-prod-weu" (9) = 63 characters
    const qualifier = "q".repeat(33);
    expect(new ResourceNamer({ ...SHOP, workload: "abcdefghijklmnop" }).name("kubernetes_cluster", { qualifier })).toBe(
      `aks-abcdefghijklmnop-${qualifier}-prod-weu`,
    );
  });

  test.each([
    ["storage_account", "frontendcache", "frontendqueue"],
    ["key_vault", "frontendcache", "frontendqueue"],
    ["dashboard_grafana", "operationsteam", "operationsteam2"],
    ["kubernetes_cluster", `${"x".repeat(50)}a`, `${"x".repeat(50)}b`],
    ["redis_cache", `${"x".repeat(40)}a`, `${"x".repeat(40)}b`],
  ])("%s: two long qualifiers with the same start do not collapse into one name", (type, a, b) => {
    const nameA = shop().name(type, { qualifier: a });
    const nameB = shop().name(type, { qualifier: b });
    expect(nameA).not.toBe(nameB);
    for (const name of [nameA, nameB]) {
      expect(name.length).toBeLessThanOrEqual(namingRule(type)!.length.max);
      expect(isValidResourceName(type, name)).toBe(true);
    }
  });

  test("two long workloads with the same start and the same unique seed do not collapse", () => {
    const namer = (workload: string) => new ResourceNamer({ ...SHOP, workload, uniqueSeed: "sub-1234" });
    const a = namer("paymentsgatewaya").name("key_vault");
    const b = namer("paymentsgatewayb").name("key_vault");
    expect(a).not.toBe(b);
    expect(isValidResourceName("key_vault", a)).toBe(true);
    expect(isValidResourceName("key_vault", b)).toBe(true);
  });

  test("shortening is deterministic", () => {
    const qualifier = "averylongqualifiername";
    expect(longWorkload.name("storage_account", { qualifier })).toBe(
      new ResourceNamer({ workload: "abcdefghijklmnop", environment: "staging", region: "australiasoutheast" }).name("storage_account", { qualifier }),
    );
  });

  test("redis_cache names stay within the 50 characters its rule's pattern allows", () => {
    expect(namingRule("redis_cache")!.length.max).toBe(50);
    const name = new ResourceNamer({ ...SHOP, workload: "abcdefghijklmnop", environment: "production" }).name("redis_cache", {
      qualifier: "sessionstoreforcheckout",
    });
    expect(name.length).toBeLessThanOrEqual(50);
    expect(isValidResourceName("redis_cache", name)).toBe(true);
  });

  test("fails when even one character of workload and qualifier cannot fit", () => {
    const error = expectValidationError(
      () => shop().name("kubernetes_cluster_node_pool"),
      'name(kubernetes_cluster_node_pool): cannot be shortened to 12 characters (got "npshopprodweu"); use a shorter workload, environment or qualifier',
    );
    expect(error.path).toBe("name(kubernetes_cluster_node_pool)");
  });

  test("fails when a 10-character environment leaves no room in a key vault name", () => {
    expectValidationError(
      () => new ResourceNamer({ ...SHOP, environment: "production" }).name("key_vault", { qualifier: "frontend" }),
      /^name\(key_vault\): cannot be shortened to 24 characters \(got "kv-shop-frontend-production-weu-[a-z0-9]{5}"\); use a shorter workload, environment or qualifier$/,
    );
  });
});

describe("ResourceNamer: input validation", () => {
  test.each([
    ["Shop", "upper case"],
    ["s", "one character"],
    ["1shop", "a leading digit"],
    ["shop-eu", "a dash"],
    ["abcdefghijklmnopq", "17 characters"],
    ["", "nothing"],
  ])("fails when the workload is %j (%s)", (workload) => {
    expectValidationError(
      () => new ResourceNamer({ ...SHOP, workload }),
      `naming.workload: has an invalid format (got ${JSON.stringify(workload)}); use 2-16 lowercase letters and digits, starting with a letter`,
    );
  });

  test.each([
    ["Prod", "upper case"],
    ["production1", "11 characters"],
    ["2prod", "a leading digit"],
    ["pr_od", "an underscore"],
  ])("fails when the environment is %j (%s)", (environment) => {
    expectValidationError(
      () => new ResourceNamer({ ...SHOP, environment }),
      `naming.environment: has an invalid format (got ${JSON.stringify(environment)}); use 1-10 lowercase letters and digits, starting with a letter`,
    );
  });

  test("accepts the boundary lengths of workload and environment", () => {
    expect(new ResourceNamer({ ...SHOP, workload: "ab", environment: "p" }).name("kubernetes_cluster")).toBe("aks-ab-p-weu");
    expect(new ResourceNamer({ ...SHOP, workload: "a".repeat(16), environment: "e".repeat(10) }).name("resource_group")).toBe(
      `rg-${"a".repeat(16)}-${"e".repeat(10)}-weu`,
    );
  });

  test("fails when the region is a display name, suggesting the programmatic name", () => {
    expectValidationError(
      () => new ResourceNamer({ ...SHOP, region: "West Europe" }),
      /^naming\.region: is not a supported Azure region \(got "West Europe"\); did you mean "westeurope"\? use a programmatic name such as /,
    );
  });

  test("fails when forRegion is given an unknown region", () => {
    expectValidationError(() => shop().forRegion("mars"), /^naming\.region: is not a supported Azure region \(got "mars"\); use a programmatic name such as /);
  });

  test.each(["System", "sys-tem", "2nd", ""])("fails when the qualifier is %j", (qualifier) => {
    expectValidationError(
      () => shop().name("key_vault", { qualifier }),
      `key_vault.qualifier: has an invalid format (got ${JSON.stringify(qualifier)}); use lowercase letters and digits, starting with a letter`,
    );
  });

  test("fails when the resource type has no naming rule", () => {
    expectValidationError(
      () => shop().name("kubernetes_clusterz"),
      'resourceType: has no naming rule (got "kubernetes_clusterz"); use a resource type from the naming data, without the azurerm_ prefix',
    );
  });

  test("fails when the resource type is one whose upstream rule is dropped as broken", () => {
    expect(namingRule("linux_virtual_machine")).toBeUndefined();
    expectValidationError(
      () => shop().name("linux_virtual_machine"),
      'resourceType: has no naming rule (got "linux_virtual_machine"); use a resource type from the naming data, without the azurerm_ prefix',
    );
  });
});

describe("validateResourceName and isValidResourceName", () => {
  test("returns a valid name", () => {
    expect(validateResourceName("aks.name", "kubernetes_cluster", "aks-shop-prod-weu")).toBe("aks-shop-prod-weu");
    expect(validateResourceName("aks.name", "azurerm_kubernetes_cluster", "aks-shop-prod-weu")).toBe("aks-shop-prod-weu");
  });

  test("skips an unresolved token", () => {
    const token = Lazy.stringValue({ produce: () => "INVALID NAME" });
    expect(validateResourceName("aks.name", "kubernetes_cluster", token)).toBe(token);
  });

  test("fails when the name breaks the rule, stating length and pattern", () => {
    const error = expectValidationError(
      () => validateResourceName("aks.name", "kubernetes_cluster", "-aks"),
      'aks.name: is not a valid kubernetes_cluster name (got "-aks"); Azure allows 1-63 characters matching ^(?=.{1,63}$)[a-zA-Z0-9][a-zA-Z0-9-_.]+[a-zA-Z0-9]$',
    );
    expect(error.path).toBe("aks.name");
    expect(error.value).toBe("-aks");
  });

  test("fails when a storage account name has upper case or dashes", () => {
    for (const name of ["stShop", "st-shop"]) {
      expectValidationError(
        () => validateResourceName("storage.name", "storage_account", name),
        `storage.name: is not a valid storage_account name (got "${name}"); Azure allows 3-24 characters matching ^(?=.{3,24}$)[a-z0-9]+$`,
      );
    }
  });

  test("fails when a key vault name is too long or has a double dash", () => {
    for (const name of ["kv-" + "a".repeat(22), "kv--shop"]) {
      expectValidationError(
        () => validateResourceName("vault.name", "key_vault", name),
        `vault.name: is not a valid key_vault name (got "${name}"); Azure allows 3-24 characters matching ^(?=.{3,24}$)(?!.*--)[a-zA-Z][a-zA-Z0-9-]+[a-zA-Z0-9]$`,
      );
    }
  });

  test("fails when the name is not a string", () => {
    expectValidationError(() => validateResourceName("aks.name", "kubernetes_cluster", 7 as unknown as string), /^aks\.name: is not a valid kubernetes_cluster name \(got 7\); /);
  });

  test("fails when the resource type is unknown", () => {
    expectValidationError(
      () => validateResourceName("x.name", "not_a_type", "abc"),
      'resourceType: has no naming rule (got "not_a_type"); use a resource type from the naming data, without the azurerm_ prefix',
    );
  });

  test("isValidResourceName answers without throwing, false for unknown types", () => {
    expect(isValidResourceName("storage_account", "stshopprodweu12345")).toBe(true);
    expect(isValidResourceName("azurerm_storage_account", "stshopprodweu12345")).toBe(true);
    expect(isValidResourceName("storage_account", "st-shop")).toBe(false);
    expect(isValidResourceName("not_a_type", "anything")).toBe(false);
  });
});

describe("naming rules data", () => {
  test("namedResourceTypes is sorted, includes the supplement and excludes the broken upstream types", () => {
    const types = namedResourceTypes();
    expect(types).toEqual([...types].sort());
    expect(types).toEqual(expect.arrayContaining(["kubernetes_cluster", "kubernetes_cluster_node_pool", "monitor_workspace", "monitor_data_collection_rule_association"]));
    for (const broken of ["virtual_machine", "linux_virtual_machine", "windows_virtual_machine_scale_set"]) expect(types).not.toContain(broken);
    expect(new Set(types).size).toBe(types.length);
  });

  test("namingRule accepts the azurerm_ prefix and returns undefined for unknown types", () => {
    expect(namingRule("azurerm_key_vault")).toEqual(namingRule("key_vault"));
    expect(namingRule("key_vault")).toMatchObject({ name: "key_vault", slug: "kv", scope: "global", dashes: true, length: { min: 3, max: 24 } });
    expect(namingRule("nope")).toBeUndefined();
  });

  test("supplement: kubernetes_cluster_node_pool allows 1-12 lower-case letters and digits, starting with a letter", () => {
    expect(namingRule("kubernetes_cluster_node_pool")).toMatchObject({ regex: "^[a-z][a-z0-9]{0,11}$", length: { min: 1, max: 12 }, dashes: false });
    for (const ok of ["system", "user1", "g", "abcdefghijkl"]) expect(isValidResourceName("kubernetes_cluster_node_pool", ok)).toBe(true);
    for (const bad of ["System", "1pool", "user-1", "abcdefghijklm", ""]) expect(isValidResourceName("kubernetes_cluster_node_pool", bad)).toBe(false);
  });

  test("supplement: fails when a node pool name is 13 characters", () => {
    expectValidationError(
      () => validateResourceName("aks.nodePools.abcdefghijklm", "kubernetes_cluster_node_pool", "abcdefghijklm"),
      'aks.nodePools.abcdefghijklm: is not a valid kubernetes_cluster_node_pool name (got "abcdefghijklm"); Azure allows 1-12 characters matching ^[a-z][a-z0-9]{0,11}$',
    );
  });

  test("supplement: dashboard_grafana is global with at most 23 characters", () => {
    expect(namingRule("dashboard_grafana")).toMatchObject({ scope: "global", length: { min: 2, max: 23 } });
    expect(isValidResourceName("dashboard_grafana", `amg-${"a".repeat(19)}`)).toBe(true);
    expect(isValidResourceName("dashboard_grafana", `amg-${"a".repeat(20)}`)).toBe(false);
    expect(isValidResourceName("dashboard_grafana", "amg-shop-")).toBe(false);
    expect(isValidResourceName("dashboard_grafana", "1amg")).toBe(false);
  });

  test("supplement: postgresql_flexible_server is global, lower case, 3-63 characters", () => {
    expect(namingRule("postgresql_flexible_server")).toMatchObject({ scope: "global", length: { min: 3, max: 63 } });
    expect(isValidResourceName("postgresql_flexible_server", "psql-shop-prod-weu-abcde")).toBe(true);
    expect(isValidResourceName("postgresql_flexible_server", "Psql-shop")).toBe(false);
    expect(isValidResourceName("postgresql_flexible_server", "psql-")).toBe(false);
  });

  test("supplement: managed disks and disk encryption sets accept the dashes their names are built with", () => {
    expect(shop().name("managed_disk")).toBe("dsk-shop-prod-weu");
    expect(shop().name("disk_encryption_set")).toBe("des-shop-prod-weu");
    expect(isValidResourceName("managed_disk", "dsk-shop-")).toBe(false);
    expect(isValidResourceName("disk_encryption_set", "des shop")).toBe(false);
  });

  test("supplement: storage blob names may contain the letter s but no whitespace", () => {
    expect(isValidResourceName("storage_blob", "assets-styles.css")).toBe(true);
    expect(isValidResourceName("storage_blob", "has space")).toBe(false);
    expect(isValidResourceName("storage_blob", "a#b")).toBe(false);
  });

  test("every rule's stated length agrees with its pattern's look-ahead", () => {
    for (const type of namedResourceTypes()) {
      const rule = namingRule(type)!;
      const lookahead = /^\^\(\?=\.\{(\d+),(\d+)\}\$\)/.exec(rule.regex);
      if (!lookahead) continue;
      expect({ type, min: rule.length.min >= Number(lookahead[1]), max: rule.length.max <= Number(lookahead[2]) }).toEqual({ type, min: true, max: true });
    }
  });
});

describe("shortHash", () => {
  test("returns the requested number of base-36 characters", () => {
    for (const length of [1, 4, 5, 12]) expect(shortHash(["a", "b"], length)).toMatch(new RegExp(`^[a-z0-9]{${length}}$`));
  });

  test("is deterministic", () => {
    expect(shortHash(["prod", "westeurope"], 5)).toBe(shortHash(["prod", "westeurope"], 5));
  });

  test("changes with the parts and with where they are split", () => {
    const hashes = [shortHash(["ab", "c"], 8), shortHash(["a", "bc"], 8), shortHash(["abc"], 8), shortHash(["ab", "d"], 8)];
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  test("a shorter hash is a prefix of a longer one", () => {
    expect(shortHash(["x"], 8).startsWith(shortHash(["x"], 5))).toBe(true);
  });
});

/**
 * Property: for every resource type the naming data covers, the namer produces a name that passes the type's own rule,
 * in the documented format when it fits and shortened when it does not. It may give up only when the full name is
 * too long and the fixed parts (abbreviation, environment, region code, hash) plus one character per workload and
 * qualifier exceed the type's maximum length too: the case for the shortest rules (node pools at 12, Windows dev-test
 * VMs at 15, key vaults at 24 with a qualifier) with longer environments. No type is skipped: each one must produce a
 * valid name for at least one of the contexts below.
 */
describe("ResourceNamer: every named resource type", () => {
  const workloads = ["ab", "shop", "abcdefghijklmnop"];
  const environments = ["p", "prod", "staging"];
  const regions = ["westeurope", "eastus2", "eastasia"];
  const qualifiers = [undefined, "system", "averylongqualifiername"];

  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

  test("produces a valid name, or fails only when the fixed parts cannot fit", () => {
    const generated = new Map<string, number>(namedResourceTypes().map((type) => [type, 0]));
    const gaveUp = new Set<string>();
    for (const workload of workloads) {
      for (const environment of environments) {
        for (const regionName of regions) {
          const namer = new ResourceNamer({ workload, environment, region: regionName });
          const code = region(regionName).shortCode;
          for (const type of namedResourceTypes()) {
            const rule = namingRule(type)!;
            const unique = rule.scope === "global";
            const sep = rule.dashes ? "-" : "";
            for (const qualifier of qualifiers) {
              const flexible = qualifier ? [workload, qualifier] : [workload];
              const fullParts = [rule.slug, ...flexible, environment, code];
              const fullLength = fullParts.join(sep).length + (unique ? sep.length + 5 : 0);
              const fixed = [rule.slug, environment, code, "h".repeat(unique ? 5 : 4)];
              const minimumLength = [...fixed, ...flexible.map(() => "x")].join(sep).length;
              const label = `${type} ${workload}/${qualifier ?? "-"}/${environment}/${regionName}`;
              const hash = unique ? `${sep}[a-z0-9]{5}` : "";

              if (fullLength > rule.length.max && minimumLength > rule.length.max) {
                expectValidationError(
                  () => namer.name(type, { qualifier }),
                  new RegExp(`^name\\(${type}\\): cannot be shortened to ${rule.length.max} characters \\(got "${escape(fullParts.join(sep))}${hash}"\\); `),
                );
                gaveUp.add(type);
                continue;
              }

              let name: string;
              try {
                name = namer.name(type, { qualifier });
              } catch (error) {
                throw new Error(`${label}: ${(error as Error).message}`);
              }
              expect({ label, valid: isValidResourceName(type, name) }).toEqual({ label, valid: true });
              expect({ label, short: name.length <= rule.length.max }).toEqual({ label, short: true });
              if (fullLength <= rule.length.max) {
                expect(name).toMatch(new RegExp(`^${escape(fullParts.join(sep))}${hash}$`));
              } else {
                const tail = `${escape(sep + environment + sep + code + sep)}[a-z0-9]{${unique ? 5 : 4}}`;
                expect(name).toMatch(new RegExp(`^${rule.slug}${sep}${workload[0]}[a-z0-9${sep}]*${tail}$`));
              }
              generated.set(type, generated.get(type)! + 1);
            }
          }
        }
      }
    }
    const neverGenerated = [...generated].filter(([, count]) => count === 0).map(([type]) => type);
    expect(neverGenerated).toEqual([]);
    // Only the rules of at most 24 characters run out of room, and only with a qualifier or a longer environment.
    expect([...gaveUp].sort()).toEqual([
      "batch_pool", // 24, with the 6-letter abbreviation "bapool"
      "dashboard_grafana", // 23
      "dev_test_windows_virtual_machine", // 15
      "key_vault", // 24
      "kubernetes_cluster_node_pool", // 12
      "service_fabric_cluster", // 23
    ]);
  });
});
