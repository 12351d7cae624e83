export * from "./errors";
export * from "./validate";
export * from "./cidr";
export * from "./regions";
export * from "./naming";
export * from "./tags";
export * from "./grants";
export * from "./protection";
