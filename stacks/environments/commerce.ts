import type { DeploymentConfig, GatewayConfig, ServiceConfig } from "../config/apps-config";
import type { DataConfig } from "../config/data-config";
import type { TeamConfig } from "../config/environment-config";

/**
 * The data and messaging of the e-commerce example the blueprints are built around:
 * - a `payments` topic whose `payment_success` events fan out to email, inventory and analytics;
 * - an `orders` queue with sessions (orders of one customer in strict order) and duplicate detection;
 * - image uploads: blob-created events of the `images` container fan out to resize, feed and audit;
 * - an `orders` PostgreSQL database; Redis for sessions and cache;
 * - change data capture of `public.orders` and `public.order_items` into event hubs `shop.public.orders` and
 *   `shop.public.order_items`, read by search indexing, cache invalidation and inventory (workers below) and by an
 *   analytics job outside the clusters (consumer group `analytics`).
 */
export const COMMERCE_DATA: DataConfig = {
  postgres: { databases: ["orders"] },
  cdc: { database: "orders", tables: ["public.orders", "public.order_items"], externalConsumers: ["analytics"] },
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

/** The example's services, by team. */
type CommerceService = "catalog" | "order" | "payment" | "inventory" | "user" | "notification" | "search-indexer" | "cache-invalidator" | "inventory-sync";

/** Repository of each service's image. */
const REPOSITORIES: Record<CommerceService, string> = {
  catalog: `${REGISTRY}/commerce/catalog`,
  order: `${REGISTRY}/commerce/order`,
  payment: `${REGISTRY}/commerce/payment`,
  inventory: `${REGISTRY}/commerce/inventory`,
  user: `${REGISTRY}/customer/user`,
  notification: `${REGISTRY}/customer/notification`,
  "search-indexer": `${REGISTRY}/commerce/search-indexer`,
  "cache-invalidator": `${REGISTRY}/commerce/cache-invalidator`,
  "inventory-sync": `${REGISTRY}/commerce/inventory-sync`,
};

/** A service's versions: `image`, or a strategy that carries them. */
type Versions = Pick<ServiceConfig, "image" | "strategy">;

/**
 * How prod deploys each service (docs/deployment-strategies.md has the switch and rollback of each):
 * - payment is blue-green: blue runs 1.12.4 for users, green has 1.13.0 behind the `x-preview: true` header; flip
 *   `activeSlot` to release it, flip back to roll back;
 * - order is a canary: 10% of the gateway's traffic (and every request with `x-canary: true`) on 2.4.0; raise
 *   `canaryWeight` through 25, 50, 100 to promote, set 0 to roll back;
 * - catalog is shadowed: half of its GET/HEAD/OPTIONS requests are copied to 1.9.0, whose answers nobody sees;
 * - the others roll pod by pod (25% surge, none unavailable): a new `image` tag is the release.
 */
const PROD_VERSIONS: Record<CommerceService, Versions> = {
  catalog: { strategy: { type: "shadow", stable: `${REPOSITORIES.catalog}:1.8.2`, shadow: `${REPOSITORIES.catalog}:1.9.0`, mirrorPercent: 50 } },
  order: { strategy: { type: "canary", stable: `${REPOSITORIES.order}:2.3.0`, canary: `${REPOSITORIES.order}:2.4.0`, canaryWeight: 10, testers: { header: "x-canary", value: "true" } } },
  payment: { strategy: { type: "blue-green", slots: { blue: `${REPOSITORIES.payment}:1.12.4`, green: `${REPOSITORIES.payment}:1.13.0` }, activeSlot: "blue", preview: { header: "x-preview", value: "true" } } },
  inventory: { image: `${REPOSITORIES.inventory}:1.5.1` },
  user: { image: `${REPOSITORIES.user}:3.0.7` },
  notification: { image: `${REPOSITORIES.notification}:1.4.0` },
  "search-indexer": { image: `${REPOSITORIES["search-indexer"]}:0.9.3` },
  "cache-invalidator": { image: `${REPOSITORIES["cache-invalidator"]}:1.1.0` },
  "inventory-sync": { image: `${REPOSITORIES["inventory-sync"]}:1.0.2` },
};

/**
 * dev releases the whole application at once (big bang): every service runs `<repository>:<release>` and all switch
 * in one apply, old pods stopped before new ones start (Recreate). Release: change `release`; rollback: set the
 * previous one back.
 */
export const COMMERCE_DEV_DEPLOYMENT: DeploymentConfig = { strategy: "big-bang", release: "2026.03.1" };

/** Under big bang a service names only its repository: the environment's release is the tag. */
const DEV_VERSIONS = Object.fromEntries(Object.entries(REPOSITORIES).map(([name, repository]) => [name, { image: repository }])) as Record<CommerceService, Versions>;

/**
 * The example's microservices, by team, routed by path: `/user` to the user service, `/order` to the order service,
 * and so on; `versions` says what each runs and how it rolls out. The order service calls inventory and payment;
 * notification scales on the length of its queue. Three workers without routes consume the orders database's change
 * streams and scale on their consumer lag: search-indexer (orders into the search index), cache-invalidator (evicts
 * changed orders from Redis) and inventory-sync (order lines into stock levels).
 */
function commerceTeams(versions: Record<CommerceService, Versions>, quota?: TeamConfig["quota"]): TeamConfig[] {
  return [
    { name: "platform" },
    {
      name: "commerce",
      ...(quota ? { quota } : {}),
      services: {
        catalog: { ...versions.catalog, paths: ["/catalog"], loadBalancing: "round-robin", rateLimitPerMinute: 600, uses: { redis: true, blobContainers: ["images"] } },
        order: {
          ...versions.order,
          paths: ["/order"],
          loadBalancing: "least-connections",
          requireJwt: true,
          calls: ["inventory", "payment"],
          uses: { sendsTo: ["orders"], keyVaultSecrets: true },
          critical: true,
        },
        payment: {
          ...versions.payment,
          paths: ["/payment"],
          loadBalancing: "least-connections",
          requireJwt: true,
          uses: { keyVaultSecrets: true },
          critical: true,
        },
        inventory: { ...versions.inventory, paths: ["/inventory"], uses: { receivesFrom: ["inventory-updates"] } },
        "search-indexer": { ...versions["search-indexer"], consumesChanges: { table: "public.orders" } },
        "cache-invalidator": { ...versions["cache-invalidator"], consumesChanges: { table: "public.orders", eventsPerReplica: 200 }, uses: { redis: true } },
        "inventory-sync": { ...versions["inventory-sync"], consumesChanges: { table: "public.order_items" } },
      },
    },
    {
      name: "customer",
      services: {
        user: { ...versions.user, paths: ["/user"], loadBalancing: "ip-hash", requireJwt: true, uses: { redis: true, keyVaultSecrets: true } },
        notification: {
          ...versions.notification,
          paths: ["/notification"],
          queueScaling: { queue: "email-notifications", messagesPerReplica: 20 },
          uses: { receivesFrom: ["email-notifications"] },
        },
      },
    },
  ];
}

/**
 * prod's teams. Blue-green and canary run a second full Deployment of payment and order, the shadow a smaller one of
 * catalog, and the three change-stream workers scale up to their hubs' four partitions: the commerce namespace's CPU
 * quota is raised to hold them all at their maximum scale.
 */
export const COMMERCE_PROD_TEAMS: TeamConfig[] = commerceTeams(PROD_VERSIONS, { requestsCpu: "28" });
/** dev's teams: repositories only, the release is {@link COMMERCE_DEV_DEPLOYMENT}'s. */
export const COMMERCE_DEV_TEAMS: TeamConfig[] = commerceTeams(DEV_VERSIONS);

/** The resource group of the example's Azure DNS zones (created outside the blueprints, with their delegations). */
export const COMMERCE_DNS_RESOURCE_GROUP = "rg-shop-dns";

/**
 * The example's gateway: `shop.example.com` in prod, `<environment>.shop.example.com` elsewhere. staging and prod run
 * two regions behind a global edge, so their certificates come through DNS-01 (the edge would send an HTTP-01 challenge
 * to one region only), each in a zone of its own: prod in `shop.example.com`, staging in the delegated child zone
 * `staging.shop.example.com`, so staging's cert-manager identity cannot touch prod's records. dev runs one region and
 * keeps HTTP-01. `example.com` is reserved for documentation: certificates cannot be issued for it, so a fork sets its
 * own domain and zones before deploying.
 */
export function commerceGateway(environment: string): GatewayConfig {
  const host = environment === "prod" ? "shop.example.com" : `${environment}.shop.example.com`;
  const behindEdge = environment === "prod" || environment === "staging";
  return {
    hostnames: [host],
    exposure: "public",
    acmeEmail: "platform-team@example.com",
    ...(behindEdge ? { dnsZone: { name: host, resourceGroupName: COMMERCE_DNS_RESOURCE_GROUP } } : {}),
    jwt: { issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0", audiences: ["api://shop"], jwksUri: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/discovery/v2.0/keys" },
  };
}
