import { App } from "cdktf";

// Entry point for `npx cdktf synth`; the environments are added as the stacks are built.
const app = new App();
app.synth();
