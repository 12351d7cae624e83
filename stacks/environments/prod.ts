import type { EnvironmentConfig } from "../config/environment-config";
import { COMMERCE_DATA, COMMERCE_PROD_TEAMS, commerceGateway } from "./commerce";

/**
 * `prod`: two paired regions (West Europe primary, North Europe secondary) on the prod preset, state in an azurerm
 * backend. Create the state storage once before the first deploy (see README, "Remote state").
 */
export const prod: EnvironmentConfig = {
  name: "prod",
  workload: "shop",
  preset: "prod",
  ownerTeam: "platform",
  costCenter: "cc-1000",
  failoverMode: "active-passive",
  regions: [
    { name: "westeurope", addressSpace: "10.10.0.0/16" },
    { name: "northeurope", addressSpace: "10.20.0.0/16" },
  ],
  backend: {
    resourceGroupName: "rg-shop-tfstate",
    storageAccountName: "stshoptfstateprod",
    containerName: "tfstate",
  },
  // Where the platform's alerts go; example.com is a placeholder for the team's on-call address.
  monitoring: { alertEmails: ["platform-oncall@example.com"] },
  teams: COMMERCE_PROD_TEAMS,
  data: COMMERCE_DATA,
  gateway: commerceGateway("prod"),
};
