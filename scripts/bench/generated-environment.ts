import type { EnvironmentConfig } from "../../stacks/config/environment-config";

/**
 * The environment the growth curve synthesizes: `regions` zonal regions (in the order given, so the same names for
 * the same count) with address spaces 10.<i>.0.0/16, `teams` teams named team1..teamN, on the `prod` preset with an
 * azurerm backend, so every region gets the full production platform (zonal pools, general and spot pools, private
 * API server, managed Prometheus and Grafana). Each team runs one service, team<i>'s `svc<i>` on the path `/svc<i>`
 * (so service names, the identity names derived from them and the path prefixes are all distinct), and the
 * environment has a gateway, so every region also gets an addons stack (the Helm releases) and an apps stack (a
 * namespace per team, a Microservice and a ServiceRoute per service), plus the environment's global stack (Front Door
 * over every region's gateway, active-active). PostgreSQL is left out: a primary has at most five read replicas, fewer
 * than the eight regions measured. No runtime imports: the caller times its own loading.
 */
export function generatedEnvironment(zonalRegions: readonly string[], regions: number, teams: number): EnvironmentConfig {
  if (regions > zonalRegions.length) throw new Error(`only ${zonalRegions.length} zonal regions are known, asked for ${regions}`);
  return {
    name: "bench",
    workload: "bench",
    preset: "prod",
    ownerTeam: "platform",
    costCenter: "cc-1000",
    regions: zonalRegions.slice(0, regions).map((name, i) => ({ name, addressSpace: `10.${i}.0.0/16` })),
    // Front Door has five origin priorities; active-active gives every region priority 1 and equal weights.
    ...(regions > 1 ? { failoverMode: "active-active" as const } : {}),
    data: { postgres: { enabled: false } },
    backend: { resourceGroupName: "rg-bench-tfstate", storageAccountName: "stbenchtfstate", containerName: "tfstate" },
    teams: Array.from({ length: teams }, (_, i) => ({
      name: `team${i + 1}`,
      services: { [`svc${i + 1}`]: { image: `crbench.azurecr.io/team${i + 1}/svc${i + 1}:1.0.0`, paths: [`/svc${i + 1}`] } },
    })),
    // With several regions behind the edge, every region's certificate comes over DNS-01 from this zone.
    gateway: { hostnames: ["bench.example.com"], acmeEmail: "platform@example.com", dnsZone: { name: "bench.example.com", resourceGroupName: "rg-bench-dns" } },
  };
}
