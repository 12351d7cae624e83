"use strict";
/**
 * The jest test environment: jest's node environment, except that stack traces captured on anything but an error
 * are formatted the way V8 formats them, without jest's source mapping.
 *
 * cdktf records a full stack trace (`Error.stackTraceLimit` = infinity) each time it creates a token, on a plain
 * `{ stack: "" }` object (`captureStackTrace` in cdktf/lib/tokens/private/stack-trace.js), only to show it if that
 * token later fails to resolve; constructs does the same for metadata. Under jest, every frame of each of those
 * traces goes through jest's source-map support, which copies each call site: measured, that was about half of the
 * suite's time (see docs/performance.md). Errors (anything with an Error's internal slot, from either realm) still
 * go to jest's formatter, so a failing test still points at the TypeScript source.
 *
 * How: Node formats a stack trace with `Error.prepareStackTrace` of the realm the trace was captured in when that is
 * a function, and falls back to the main realm's (where jest installs its source-map support) otherwise. This sets
 * the test realm's and delegates errors to the main realm's at call time.
 */
const { TestEnvironment } = require("jest-environment-node");

const toString = Object.prototype.toString;
const MainRealmError = Error;

function prepareStackTrace(target, frames) {
  const jest = MainRealmError.prepareStackTrace;
  if (toString.call(target) === "[object Error]" && typeof jest === "function") return jest(target, frames);
  let text = "Error";
  for (const frame of frames) text += `\n    at ${frame}`;
  return text;
}

class BlueprintsTestEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    this.global.Error.prepareStackTrace = prepareStackTrace;
  }
}

module.exports = BlueprintsTestEnvironment;
