export * from "./virtual-network";
export * from "./private-dns-zone";
export * from "./private-endpoint";
export * from "./public-ip";
export * from "./service-attachments";
