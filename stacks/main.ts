import { App } from "cdktf";
import { warningsOf } from "../lib/policy/engine";
import { PolicyAspect } from "../lib/policy/policy-aspect";
import { writePolicyReports } from "../lib/policy/report";
import { buildEnvironment } from "./environment";
import { DEFAULT_ENVIRONMENTS } from "./environments";

// cdktf captures a full stack trace for every token it creates; with the source maps the TypeScript loader turns on,
// every frame of every trace is mapped, which costs about a quarter of synthesis. Validation errors name the config
// path in their message, so synthesis runs without them; set BLUEPRINTS_SOURCE_MAPS=1 to map stack traces when
// debugging the app itself.
if (!process.env.BLUEPRINTS_SOURCE_MAPS) process.setSourceMapsEnabled(false);

const app = new App();
const environments = DEFAULT_ENVIRONMENTS.map((environment) => buildEnvironment(app, environment));
try {
  app.synth();
} finally {
  // The policy report of each stack goes next to its cdk.tf.json, also when an error-level finding failed synthesis.
  writePolicyReports(app);
  // `cdktf synth` prints the policy annotations itself; a direct run of this file prints the warnings here.
  if (!process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) {
    for (const stack of environments.flatMap((e) => [...e.platform, ...e.addons, ...e.apps, ...(e.global ? [e.global] : [])])) {
      const report = PolicyAspect.reportOf(stack);
      for (const finding of report ? warningsOf(report) : []) console.warn(`WARN [${finding.path}] [${finding.ruleId}] ${finding.title}: ${finding.detail ?? ""}`);
    }
  }
}
