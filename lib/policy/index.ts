export * from "./rule";
export * from "./suppressions";
export * from "./engine";
export * from "./policy-aspect";
export * from "./report";
export * from "./docs";
export * from "./rules";
