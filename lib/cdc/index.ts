export * from "./cdc-pipeline";
export * from "./debezium-server";
