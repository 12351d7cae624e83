import { Testing } from "cdktf";
// Brings the global declarations of the cdktf jest matchers (toHaveResourceWithProperties, …) into the type check.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
