/**
 * What changes between two synthesized stacks, resource by resource: the answer to "what does this config change do
 * to my infrastructure?" that the deployment-strategy tests assert (flipping a blue-green slot must change the
 * Services' selectors and nothing else).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The differences between two synthesized stacks (JSON from `Testing.synth`), sorted:
 * - `+ <type>.<key>` / `- <type>.<key>` for a resource added or removed;
 * - `~ <type>.<key> <path>: <before> -> <after>` for each changed leaf of a resource present in both, with `path`
 *   in dotted form (`spec.selector.slot`, `manifest.spec.rules[1].backendRefs[0].weight`).
 * cdktf's metadata (`//`) is ignored.
 */
export function synthDiff(before: string, after: string): string[] {
  const resources = (json: string) => (JSON.parse(json) as { resource?: Record<string, Record<string, Json>> }).resource ?? {};
  const a = resources(before);
  const b = resources(after);
  const out: string[] = [];
  for (const type of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const keysA = a[type] ?? {};
    const keysB = b[type] ?? {};
    for (const key of new Set([...Object.keys(keysA), ...Object.keys(keysB)])) {
      if (!(key in keysB)) out.push(`- ${type}.${key}`);
      else if (!(key in keysA)) out.push(`+ ${type}.${key}`);
      else leafDiff(keysA[key], keysB[key], "", (path, x, y) => out.push(`~ ${type}.${key} ${path}: ${JSON.stringify(x)} -> ${JSON.stringify(y)}`));
    }
  }
  return out.sort();
}

function leafDiff(x: Json | undefined, y: Json | undefined, path: string, report: (path: string, x: Json | undefined, y: Json | undefined) => void): void {
  const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.max(x.length, y.length); i++) leafDiff(x[i], y[i], `${path}[${i}]`, report);
    return;
  }
  if (isObject(x) && isObject(y)) {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (k === "//") continue;
      leafDiff(x[k], y[k], path === "" ? k : `${path}.${k}`, report);
    }
    return;
  }
  if (JSON.stringify(x) !== JSON.stringify(y)) report(path, x, y);
}

/** The diff lines reduced to `<sign> <type>.<key without its hash> [<path>]`, for assertions that ignore values. */
export function changedFields(diff: readonly string[]): string[] {
  return diff.map((line) => {
    const match = /^([~+-]) ([a-z0-9_]+)\.(\S+?)_[0-9A-F]{8}(?: ([^:]+):)?/.exec(line);
    return match ? `${match[1]} ${match[2]}.${match[3]}${match[4] ? ` ${match[4]}` : ""}` : line;
  });
}
