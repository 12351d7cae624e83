import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * Schema validation of Kubernetes custom resources (Gateway API, Envoy Gateway, KEDA, cert-manager) for tests.
 *
 * Two checks, because neither is enough alone:
 * - runtime: `validate-crds.mjs` validates each object with the JSON-schema validator of its @kubernetes-models class
 *   (types, enums, required fields, bounds) — but those validators accept unknown fields;
 * - compile time: the TypeScript compiler checks each object as an object literal typed with the package's interface,
 *   so excess-property checking rejects a misspelled field (`loadBalancr`).
 */

const ROOT = path.resolve(__dirname, "..", "..");
const SCRIPT = path.join(__dirname, "validate-crds.mjs");

/** Where the schema model of one apiVersion/kind lives. */
export interface CrdModel {
  readonly apiVersion: string;
  readonly kind: string;
  /** npm package holding the model. */
  readonly packageName: string;
  /** Module path of the model (the class `kind` and the interface `I<kind>` are exported from it). */
  readonly module: string;
  /** Name of the TypeScript interface. */
  readonly interfaceName: string;
}

function models(packageName: string, apiVersion: string, kinds: readonly string[]): CrdModel[] {
  return kinds.map((kind) => ({ apiVersion, kind, packageName, module: `${packageName}/${apiVersion}/${kind}`, interfaceName: `I${kind}` }));
}

/** apiVersion/kind → schema model: the one table both checks use. */
export const CRD_MODELS: readonly CrdModel[] = [
  ...models("@kubernetes-models/gateway-api", "gateway.networking.k8s.io/v1", ["GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "ReferenceGrant", "BackendTLSPolicy", "ListenerSet", "TLSRoute"]),
  ...models("@kubernetes-models/gateway-api", "gateway.networking.k8s.io/v1beta1", ["ReferenceGrant"]),
  ...models("@kubernetes-models/envoy-gateway", "gateway.envoyproxy.io/v1alpha1", [
    "EnvoyProxy",
    "BackendTrafficPolicy",
    "ClientTrafficPolicy",
    "SecurityPolicy",
    "EnvoyExtensionPolicy",
    "EnvoyPatchPolicy",
    "HTTPRouteFilter",
    "Backend",
  ]),
  ...models("@kubernetes-models/keda", "keda.sh/v1alpha1", ["ScaledObject", "ScaledJob", "TriggerAuthentication", "ClusterTriggerAuthentication"]),
  // Checked once @kubernetes-models/cert-manager is a dev dependency; skipped (and reported) until then.
  ...models("@kubernetes-models/cert-manager", "cert-manager.io/v1", ["ClusterIssuer", "Issuer", "Certificate"]),
];

/** True when the npm package is installed in the project. */
export function isModelPackageInstalled(packageName: string): boolean {
  return fs.existsSync(path.join(ROOT, "node_modules", packageName, "package.json"));
}

/** The outcome of {@link validateManifestsDetailed}. */
export interface ManifestValidation {
  /** Every error, each prefixed with the manifest's index, kind and name. */
  readonly errors: string[];
  /** Errors per manifest, by index. */
  readonly byIndex: string[][];
  /** Indexes of manifests not checked because their model package is not installed, with the reason. */
  readonly skipped: { readonly index: number; readonly reason: string }[];
}

interface Manifest {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown };
}

/**
 * Validates custom resources against their schemas (runtime validator and TypeScript interface). Runs one Node process
 * and one TypeScript program for the whole list, so call it once per test file with every manifest.
 */
export function validateManifestsDetailed(manifests: readonly object[]): ManifestValidation {
  const byIndex: string[][] = manifests.map(() => []);
  const skipped: { index: number; reason: string }[] = [];
  const checked: { index: number; model: CrdModel; manifest: object }[] = [];

  manifests.forEach((manifest, index) => {
    const m = manifest as Manifest;
    const model = CRD_MODELS.find((x) => x.apiVersion === m.apiVersion && x.kind === m.kind);
    if (!model) {
      byIndex[index].push(`no schema model is mapped for ${String(m.apiVersion)} ${String(m.kind)}; add it to CRD_MODELS`);
    } else if (!isModelPackageInstalled(model.packageName)) {
      skipped.push({ index, reason: `${model.packageName} is not installed` });
    } else {
      checked.push({ index, model, manifest });
    }
  });

  if (checked.length > 0) {
    for (const { index, errors } of runtimeCheck(checked)) byIndex[index].push(...errors);
    for (const { index, message } of typeCheck(checked)) byIndex[index].push(message);
  }

  const errors = byIndex.flatMap((list, index) => {
    const m = manifests[index] as Manifest;
    return list.map((e) => `manifest[${index}] ${String(m.kind)}/${String(m.metadata?.name ?? "?")}: ${e}`);
  });
  return { errors, byIndex, skipped };
}

/** The errors of {@link validateManifestsDetailed}: empty when every manifest matches its schema. */
export function validateManifests(manifests: object[]): string[] {
  return validateManifestsDetailed(manifests).errors;
}

function runtimeCheck(checked: readonly { index: number; model: CrdModel; manifest: object }[]): { index: number; errors: string[] }[] {
  const input = JSON.stringify(checked.map(({ index, model, manifest }) => ({ index, module: model.module, className: model.kind, manifest })));
  const result = spawnSync(process.execPath, [SCRIPT], { input, cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`validate-crds.mjs failed (exit ${result.status}): ${result.stderr || result.error?.message}`);
  }
  return JSON.parse(result.stdout) as { index: number; errors: string[] }[];
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  types: [],
  lib: ["lib.es2022.d.ts"],
};

function typeCheck(checked: readonly { index: number; model: CrdModel; manifest: object }[]): { index: number; message: string }[] {
  const fileName = path.join(ROOT, "test", "support", "__crd_typecheck__.ts");
  const aliases = new Map<string, string>();
  const imports: string[] = [];
  for (const { model } of checked) {
    const key = `${model.module}#${model.interfaceName}`;
    if (!aliases.has(key)) {
      const alias = `T${aliases.size}`;
      aliases.set(key, alias);
      imports.push(`import type { ${model.interfaceName} as ${alias} } from ${JSON.stringify(model.module)};`);
    }
  }
  const lines = [...imports];
  const starts: { line: number; index: number }[] = [];
  for (const { index, model, manifest } of checked) {
    starts.push({ line: lines.length, index });
    const body = JSON.stringify(manifest, null, 1).split("\n");
    lines.push(`export const m${index}: ${aliases.get(`${model.module}#${model.interfaceName}`)} = ${body[0]}`, ...body.slice(1));
    lines[lines.length - 1] += ";";
  }
  const source = lines.join("\n");

  const host = ts.createCompilerHost(COMPILER_OPTIONS, true);
  const original = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
    path.resolve(name) === fileName ? ts.createSourceFile(name, source, languageVersion, true) : original.getSourceFile(name, languageVersion, onError, shouldCreate);
  host.fileExists = (name) => path.resolve(name) === fileName || original.fileExists(name);
  host.readFile = (name) => (path.resolve(name) === fileName ? source : original.readFile(name));

  const program = ts.createProgram({ rootNames: [fileName], options: COMPILER_OPTIONS, host });
  const sourceFile = program.getSourceFile(fileName)!;
  const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
  return diagnostics.map((d) => {
    const line = d.start !== undefined ? sourceFile.getLineAndCharacterOfPosition(d.start).line : 0;
    const owner = [...starts].reverse().find((s) => s.line <= line);
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!owner) throw new Error(`type check of the schema imports failed: ${message}`);
    return { index: owner.index, message: `type: ${message}` };
  });
}
