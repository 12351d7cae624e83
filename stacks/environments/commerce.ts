import type { GatewayConfig } from "../config/apps-config";
import type { DataConfig } from "../config/data-config";
import type { TeamConfig } from "../config/environment-config";

/**
 * The data and messaging of the e-commerce example the blueprints are built around:
 * - a `payments` topic whose `payment_success` events fan out to email, inventory and analytics;
 * - an `orders` queue with sessions (orders of one customer in strict order) and duplicate detection;
 * - image uploads: blob-created events of the `images` container fan out to resize, feed and audit;
 * - an `orders` PostgreSQL database; Redis for sessions and cache.
 */
export const COMMERCE_DATA: DataConfig = {
  postgres: { databases: ["orders"] },
  storage: { containers: ["images"] },
  serviceBus: {
    queues: {
      orders: { sessions: true, duplicateDetectionMinutes: 10, maxDeliveryCount: 10 },
      "email-notifications": {},
      "inventory-updates": {},
      "image-resize": {},
      "feed-updates": {},
    },
  },
  eventHubs: {
    hubs: {
      analytics: { partitionCount: 4, consumerGroups: ["analytics"] },
      audit: { partitionCount: 2, consumerGroups: ["audit"] },
    },
  },
  events: {
    topics: {
      payments: {
        subscriptions: {
          email: { queue: "email-notifications", eventTypes: ["payment_success"] },
          inventory: { queue: "inventory-updates", eventTypes: ["payment_success"] },
          analytics: { eventHub: "analytics", eventTypes: ["payment_success"] },
        },
      },
    },
    blobEvents: {
      "image-upload": {
        container: "images",
        subscriptions: {
          resize: { queue: "image-resize" },
          feed: { queue: "feed-updates" },
          audit: { eventHub: "audit" },
        },
      },
    },
  },
};

/** The container registry the example's images come from; a team's fork points at its own. */
const REGISTRY = "crshopplatform.azurecr.io";

/**
 * The example's microservices, by team, routed by path: `/user` to the user service, `/order` to the order service,
 * and so on. Images are pinned by tag; the order service scales on the length of its queue.
 */
export const COMMERCE_TEAMS: TeamConfig[] = [
  { name: "platform" },
  {
    name: "commerce",
    services: {
      catalog: { image: `${REGISTRY}/commerce/catalog:1.8.2`, paths: ["/catalog"], loadBalancing: "round-robin", rateLimitPerMinute: 600, uses: { redis: true, blobContainers: ["images"] } },
      order: {
        image: `${REGISTRY}/commerce/order:2.3.0`,
        paths: ["/order"],
        loadBalancing: "least-connections",
        requireJwt: true,
        calls: ["inventory", "payment"],
        uses: { sendsTo: ["orders"], keyVaultSecrets: true },
        critical: true,
      },
      payment: {
        image: `${REGISTRY}/commerce/payment:1.12.4`,
        paths: ["/payment"],
        loadBalancing: "least-connections",
        requireJwt: true,
        uses: { keyVaultSecrets: true },
        critical: true,
      },
      inventory: { image: `${REGISTRY}/commerce/inventory:1.5.1`, paths: ["/inventory"], uses: { receivesFrom: ["inventory-updates"] } },
    },
  },
  {
    name: "customer",
    services: {
      user: { image: `${REGISTRY}/customer/user:3.0.7`, paths: ["/user"], loadBalancing: "ip-hash", requireJwt: true, uses: { redis: true, keyVaultSecrets: true } },
      notification: {
        image: `${REGISTRY}/customer/notification:1.4.0`,
        paths: ["/notification"],
        queueScaling: { queue: "email-notifications", messagesPerReplica: 20 },
        uses: { receivesFrom: ["email-notifications"] },
      },
    },
  },
];

/**
 * The example's gateway. `example.com` is reserved for documentation: certificates cannot be issued for it, so a fork
 * sets its own domain before deploying.
 */
export function commerceGateway(environment: string): GatewayConfig {
  const host = environment === "prod" ? "shop.example.com" : `${environment}.shop.example.com`;
  return {
    hostnames: [host],
    exposure: "public",
    acmeEmail: "platform-team@example.com",
    jwt: { issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0", audiences: ["api://shop"], jwksUri: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/discovery/v2.0/keys" },
  };
}
