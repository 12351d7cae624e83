/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  // Two cores: one worker per core keeps memory bounded and avoids thrashing.
  maxWorkers: 2,
  // Each worker loads the provider bindings once per test file; recycle workers that grow large.
  workerIdleMemoryLimit: "1GB",
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
