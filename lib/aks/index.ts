export * from "./aks-cluster";
export * from "./node-pool";
