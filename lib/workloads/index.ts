export * from "./team-namespace";
export * from "./microservice";
