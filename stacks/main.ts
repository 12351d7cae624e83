import { App } from "cdktf";
import { buildEnvironment } from "./environment";
import { DEFAULT_ENVIRONMENTS } from "./environments";

const app = new App();
for (const environment of DEFAULT_ENVIRONMENTS) buildEnvironment(app, environment);
app.synth();
