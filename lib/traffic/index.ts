export * from "./traffic-controller";
export * from "./gateway";
export * from "./cert-manager";
export * from "./acme-cluster-issuer";
export * from "./route";
export * from "./load-balancing";
export * from "./api-gateway";
