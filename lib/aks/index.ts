export * from "./aks-cluster";
export * from "./node-pool";
export * from "./cluster-connection";
