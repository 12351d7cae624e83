export * from "./team-namespace";
export * from "./microservice";
export * from "./deployment-strategy";
