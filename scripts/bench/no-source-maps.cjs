"use strict";
// Informational only (not used by the app): loaded after the app's loader (`--require tsx/cjs --require <this>`), it
// turns Node's source-map support back off, which tsx turns on. Sizes the share of the loader's cost that comes from
// source-mapping the stack trace cdktf captures for every token it creates.
process.setSourceMapsEnabled(false);
