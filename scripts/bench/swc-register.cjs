"use strict";
// Informational only (not used by the app): the smallest transpile-only TypeScript loader, to size the cost of the
// app's real loader. It registers `.ts` with Node's CommonJS loader, so extensionless relative imports resolve to
// `.ts` files, and transpiles each file with @swc/core (already a devDependency, used by jest). No resolver hooks,
// no source maps, no type-checking.
const fs = require("fs");
const Module = require("module");

let swc;
Module._extensions[".ts"] = function (module, filename) {
  swc ??= require(require.resolve("@swc/core", { paths: [process.cwd()] }));
  const { code } = swc.transformSync(fs.readFileSync(filename, "utf8"), {
    filename,
    swcrc: false,
    configFile: false,
    sourceMaps: false,
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "commonjs" },
  });
  module._compile(code, filename);
};
