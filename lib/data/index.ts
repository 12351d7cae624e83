export * from "./storage-account";
export * from "./redis-cache";
export * from "./postgresql-flexible-server";
