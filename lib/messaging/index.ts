export * from "./references";
export * from "./service-bus";
export * from "./event-hubs";
export * from "./geo-disaster-recovery";
export * from "./event-grid";
export * from "./event-grid-system-topic";
export type { MessagingGrantOptions } from "./private/grants";
