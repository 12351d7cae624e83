/** The whole-project checks under test/slow (see jest.config.js). */
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ["<rootDir>/test/slow"], testPathIgnorePatterns: ["/node_modules/"] };
