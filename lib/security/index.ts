export * from "./access-rules";
export * from "./key-vault";
