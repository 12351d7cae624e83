// Validates Kubernetes custom resources against the JSON schemas compiled into the @kubernetes-models packages.
//
// Input on stdin: a JSON array of { index, module, className, manifest }, where `module` is the package subpath of the
// model class (e.g. "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute") and `className` its
// export. Output on stdout: a JSON array of { index, errors: string[] }, one entry per input.
//
// The packages are ESM-only, so this runs as its own Node process (jest runs the tests as CommonJS). The schema
// validators check types, enums, required fields and bounds, but not unknown fields: crd-validation.ts adds a
// TypeScript excess-property check for those.

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const entries = JSON.parse(Buffer.concat(chunks).toString("utf8") || "[]");
if (!Array.isArray(entries)) throw new Error("validate-crds: expected a JSON array on stdin");

const modules = new Map();
async function load(module) {
  if (!modules.has(module)) modules.set(module, await import(module));
  return modules.get(module);
}

const results = [];
for (const entry of entries) {
  const errors = [];
  try {
    const Model = (await load(entry.module))[entry.className];
    if (typeof Model !== "function") throw new Error(`${entry.module} has no export ${entry.className}`);
    new Model(entry.manifest).validate();
  } catch (error) {
    if (Array.isArray(error?.errors) && error.errors.length > 0) {
      for (const e of error.errors) {
        const params = e.params?.allowedValues ? ` (allowed: ${e.params.allowedValues.join(", ")})` : "";
        errors.push(`${e.instancePath || "/"} ${e.message}${params}`);
      }
    } else {
      errors.push(String(error?.message ?? error));
    }
  }
  results.push({ index: entry.index, errors });
}
process.stdout.write(JSON.stringify(results));
