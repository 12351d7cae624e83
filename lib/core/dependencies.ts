import { ITerraformDependable, TerraformStack } from "cdktf";
import { Construct, IConstruct } from "constructs";

/**
 * The `dependsOn` list for a resource created in `scope`: dependencies in the same stack are kept; a dependency in
 * another stack becomes a dependency between the stacks instead (Terraform's `depends_on` cannot cross states, while
 * cdktf deploys a stack only after the stacks it depends on). This is how an apps stack's manifests wait for the
 * Helm releases of the addons stack that install their CRDs.
 */
export function dependenciesWithin(scope: IConstruct, dependencies: readonly ITerraformDependable[]): ITerraformDependable[] {
  const stack = TerraformStack.of(scope);
  const local: ITerraformDependable[] = [];
  for (const dependency of dependencies) {
    const other = Construct.isConstruct(dependency) ? TerraformStack.of(dependency) : stack;
    if (other === stack) {
      local.push(dependency);
    } else if (!stack.dependencies.includes(other)) {
      stack.addDependency(other);
    }
  }
  return local;
}
