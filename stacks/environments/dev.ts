import type { EnvironmentConfig } from "../config/environment-config";
import { COMMERCE_DATA, COMMERCE_DEV_DEPLOYMENT, COMMERCE_DEV_TEAMS, commerceGateway } from "./commerce";

/**
 * `dev`: one region on the dev preset. The API server is public but only reachable from the ranges listed here, so
 * `cdktf deploy` works from an operator's machine without a VPN. Replace the documentation range (TEST-NET-3) with
 * your office or VPN egress range before deploying.
 */
export const dev: EnvironmentConfig = {
  name: "dev",
  workload: "shop",
  preset: "dev",
  ownerTeam: "platform",
  costCenter: "cc-1000",
  regions: [{ name: "westeurope", addressSpace: "10.0.0.0/16" }],
  aks: {
    apiServer: { mode: "public", authorizedIpRanges: ["203.0.113.0/24"] },
  },
  // Where the platform's alerts go; example.com is a placeholder for the team's on-call address.
  monitoring: { alertEmails: ["platform-oncall@example.com"] },
  teams: COMMERCE_DEV_TEAMS,
  data: COMMERCE_DATA,
  gateway: commerceGateway("dev"),
  // Big bang: every service runs <repository>:2026.03.1; change the release to release (or roll back) everything at once.
  deployment: COMMERCE_DEV_DEPLOYMENT,
};
