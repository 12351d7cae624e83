/** @type {import('jest').Config} */
module.exports = {
  // jest's node environment, minus source mapping of the stack traces cdktf captures per token (errors keep it):
  // about half of the suite's time. See scripts/jest/environment.cjs and docs/performance.md.
  testEnvironment: "<rootDir>/scripts/jest/environment.cjs",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // test/slow holds whole-project checks (a fork's full type-check and nested test run, the API reference build):
  // `npm run test:slow` and .ci/run run them; `npm test` stays fast.
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/slow/"],
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
