import { App } from "cdktf";
import { buildEnvironment } from "./environment";
import { DEFAULT_ENVIRONMENTS } from "./environments";

// cdktf captures a full stack trace for every token it creates; with the source maps the TypeScript loader turns on,
// every frame of every trace is mapped, which costs about a quarter of synthesis. Validation errors name the config
// path in their message, so synthesis runs without them; set BLUEPRINTS_SOURCE_MAPS=1 to map stack traces when
// debugging the app itself.
if (!process.env.BLUEPRINTS_SOURCE_MAPS) process.setSourceMapsEnabled(false);

const app = new App();
for (const environment of DEFAULT_ENVIRONMENTS) buildEnvironment(app, environment);
app.synth();
