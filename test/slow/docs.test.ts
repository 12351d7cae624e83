import { spawnSync } from "node:child_process";
import * as path from "node:path";

const PROJECT = path.resolve(__dirname, "../..");

describe("npm run docs (the API reference from TSDoc)", () => {
  it("converts lib/index.ts offline with no warnings: every link resolves, every referenced type is exported", () => {
    // --emit none: convert and validate only; `npm run docs` writes the HTML to docs/api/ (git-ignored).
    const run = spawnSync(process.execPath, [path.join(PROJECT, "node_modules/typedoc/bin/typedoc"), "--emit", "none", "--treatWarningsAsErrors"], { cwd: PROJECT, encoding: "utf8", timeout: 180_000 });
    expect({ status: run.status, output: `${run.stdout}${run.stderr}`.replace(/\u001b\[\d+m/g, "") }).toEqual({ status: 0, output: "" });
  });
});
