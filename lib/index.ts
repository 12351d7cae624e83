export * from "./core";
export * from "./network";
export * from "./observability";
export * from "./aks";
export * from "./security";
export * from "./data";
