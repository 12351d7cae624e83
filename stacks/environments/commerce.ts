import type { DataConfig } from "../config/data-config";

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
