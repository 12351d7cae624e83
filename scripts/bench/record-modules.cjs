"use strict";
// Benchmark preload: records which files the measured app loads, for the floor. Put it in NODE_OPTIONS so it runs
// before the app's own `--require` loader; it then snapshots require.cache when the main module starts (everything
// loaded until then belongs to the loader, e.g. tsx and esbuild) and again at exit, and writes both to
// $BENCH_MODULES_OUT as JSON. It also lists the files the app wrote under $CDKTF_OUTDIR, with their sizes.
const fs = require("fs");
const path = require("path");
const Module = require("module");

const outFile = process.env.BENCH_MODULES_OUT;
if (outFile) {
  let atMain;
  const originalLoad = Module._load;
  Module._load = function (request, parent, isMain) {
    if (isMain && atMain === undefined) atMain = Object.keys(Module._cache);
    return originalLoad.apply(this, arguments);
  };

  const listFiles = (root) => {
    const files = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) files.push([path.relative(root, full), fs.statSync(full).size]);
      }
    };
    if (root && fs.existsSync(root)) walk(root);
    return files.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };

  process.on("exit", () => {
    const atExit = Object.keys(Module._cache);
    fs.writeFileSync(
      outFile,
      JSON.stringify({ atMain: atMain ?? [], atExit, self: __filename, outputFiles: listFiles(process.env.CDKTF_OUTDIR) }, null, 1),
    );
  });
}
