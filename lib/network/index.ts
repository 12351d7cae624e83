export * from "./virtual-network";
export * from "./private-dns-zone";
