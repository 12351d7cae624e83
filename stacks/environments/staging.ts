import type { EnvironmentConfig } from "../config/environment-config";
import { COMMERCE_DATA, COMMERCE_PROD_TEAMS, commerceGateway } from "./commerce";

/**
 * `staging`: production's shape at a smaller size (the staging preset), so a release and a regional failover are
 * rehearsed here before prod: the same two paired regions, active-passive behind Front Door Premium with the WAF in
 * Prevention, zones everywhere, a read replica of the database in the secondary region, and the same services and
 * deployment strategies as prod. State lives in its own azurerm backend.
 */
export const staging: EnvironmentConfig = {
  name: "staging",
  workload: "shop",
  preset: "staging",
  ownerTeam: "platform",
  costCenter: "cc-1000",
  failoverMode: "active-passive",
  regions: [
    { name: "westeurope", addressSpace: "10.30.0.0/16" },
    { name: "northeurope", addressSpace: "10.40.0.0/16" },
  ],
  backend: {
    resourceGroupName: "rg-shop-tfstate",
    storageAccountName: "stshoptfstatestg",
    containerName: "tfstate",
  },
  // Where the platform's alerts go; example.com is a placeholder for the team's on-call address.
  monitoring: { alertEmails: ["platform-oncall@example.com"] },
  teams: COMMERCE_PROD_TEAMS,
  data: COMMERCE_DATA,
  gateway: commerceGateway("staging"),
};
