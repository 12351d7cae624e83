/**
 * `npm run bench`: the synthesis benchmark. Not a test: it measures and reports, and only fails when a measured
 * command cannot run at all.
 *
 *   npm run bench                      # every measurement, 5 measured runs each (plus one warm-up), writes
 *                                      # bench/results/latest.json, bench/results/latest.md and docs/performance.md
 *   npm run bench -- --runs 7          # more runs
 *   npm run bench -- --quick           # 2 runs each; writes bench/results/ only, never docs/performance.md
 *   npm run bench -- --only app,growth # a subset (cli, app, growth, test); bench/results/ only
 *   npm run bench -- --no-gnu-time     # peak RSS from the node preload even where GNU time is installed
 *   npm run bench -- --no-doc          # leave docs/performance.md alone
 *
 * Measurements (each: median, min and max of the measured runs, after one warm-up run that is reported apart):
 *   cli     `npx cdktf synth` of every default environment (into a temporary --output)
 *   app     the app command of cdktf.json (`node --require tsx/cjs stacks/main.ts`), what the CLI spawns
 *   floor   a bare node process that requires exactly the package modules the app loaded and writes as many bytes
 *   app-swc informational: the app under a bare swc require hook instead of tsx, to size the loader's share
 *   app-sm  informational: the app with BLUEPRINTS_SOURCE_MAPS=1, i.e. with the source maps stacks/main.ts turns off
 *   growth  generated environments of 1, 2, 4, 8 regions x 1, 5, 20 teams, one child process each
 *   test    `npx jest --ci --silent` (what `npm test` runs)
 * App, floor, app-swc and app-sm runs are interleaved round by round, and so are the growth configurations, so that a
 * change in the machine's background load hits every series alike. BLUEPRINTS_SOURCE_MAPS is removed from the
 * environment of every measured command except app-sm, so the bench measures synthesis as it runs by default.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeArgv, hasGnuTime, measure, RunResult, summarize } from "./bench/measure";
import { BenchResults, GoalResult, GrowthResult, MeasurementResult, renderMarkdown, RunRecord } from "./bench/report";

const ROOT = path.resolve(__dirname, "..");
const RESULTS_DIR = path.join(ROOT, "bench", "results");
const DOC = path.join(ROOT, "docs", "performance.md");
const RECORD_MODULES = path.join(__dirname, "bench", "record-modules.cjs");
const SWC_REGISTER = path.join(__dirname, "bench", "swc-register.cjs");
/** stacks/main.ts keeps Node's source maps on when this is set (they are off for synthesis otherwise). */
const SOURCE_MAPS_ENV = "BLUEPRINTS_SOURCE_MAPS";
const CHILD_ENTRY = path.join(__dirname, "bench", "synth-child.ts");
const GROWTH_REGIONS = [1, 2, 4, 8] as const;
const GROWTH_TEAMS = [1, 5, 20] as const;
const ALL = ["cli", "app", "growth", "test"] as const;
type Section = (typeof ALL)[number];

interface Options {
  readonly runs: number;
  readonly quick: boolean;
  readonly only: ReadonlySet<Section>;
  readonly writeDoc: boolean;
  readonly noDoc: boolean;
  readonly gnuTime: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  let runs = 5;
  let quick = false;
  let only = new Set<Section>(ALL);
  let noDoc = false;
  let gnuTime = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") {
      quick = true;
      runs = 2;
    } else if (a === "--runs") {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs needs a positive integer");
    } else if (a === "--only") {
      const names = (argv[++i] ?? "").split(",").filter(Boolean);
      const unknown = names.filter((n) => !(ALL as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes a comma-separated list of ${ALL.join(", ")}`);
      only = new Set(names as Section[]);
    } else if (a === "--no-gnu-time") {
      gnuTime = false;
    } else if (a === "--no-doc") {
      noDoc = true;
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(fs.readFileSync(__filename, "utf8").split("*/")[0] + "*/\n");
      process.exit(0);
    } else {
      throw new Error(`unknown option ${a} (see --help)`);
    }
  }
  // docs/performance.md is the committed report: only a complete run with at least 5 runs per measurement writes it.
  const writeDoc = !noDoc && !quick && runs >= 5 && only.size === ALL.length;
  return { runs, quick, only, writeDoc, noDoc, gnuTime };
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

function tmpdir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bench-${prefix}-`));
}

function packageVersion(name: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return undefined;
  }
}

function git(args: string[]): string | undefined {
  const r = spawnSync("git", args, { cwd: ROOT, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** sha256 over every file of a directory (relative path and content), plus the file count and byte count. */
function digestDir(dir: string): { sha256: string; files: number; bytes: number } {
  const hash = createHash("sha256");
  let files = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const content = fs.readFileSync(full);
        hash.update(path.relative(dir, full)).update("\0").update(content).update("\0");
        files += 1;
        bytes += content.length;
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return { sha256: hash.digest("hex"), files, bytes };
}

/** The app command of cdktf.json, split into argv. Only `node [flags] <entry>` without shell syntax is supported. */
function appCommand(): { command: string; argv: string[]; loaderArgv: string[]; entry: string } {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app?: string };
  const command = (config.app ?? "").trim();
  const argv = command.split(/\s+/);
  if (argv[0] !== "node" || argv.length < 2 || /["'`$|&;<>()\\*?]/.test(command) || !/\.[cm]?[jt]s$/.test(argv[argv.length - 1])) {
    throw new Error(`cdktf.json "app" must be "node [flags] <entry file>" for the benchmark, got ${JSON.stringify(command)}`);
  }
  return { command, argv, loaderArgv: argv.slice(0, -1), entry: argv[argv.length - 1] };
}

function toRecord(r: RunResult): RunRecord {
  return { wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssKb: r.peakRssKb, exitCode: r.exitCode, peakProcess: r.peakProcess };
}

function summarizeRuns(id: string, label: string, command: string, first: RunResult | undefined, runs: readonly RunResult[], extra: Partial<MeasurementResult> = {}): MeasurementResult {
  const peaks = runs.map((r) => r.peakProcess).filter((p): p is string => p !== undefined);
  return {
    id,
    label,
    command,
    firstRun: first ? toRecord(first) : undefined,
    runs: runs.map(toRecord),
    wall: summarize(runs.map((r) => r.wallMs)),
    cpu: summarize(runs.map((r) => r.cpuMs)),
    peakRssKb: summarize(runs.map((r) => r.peakRssKb)),
    peakRssSource: runs[0]?.peakRssSource ?? "preload",
    peakProcess: mostCommon(peaks),
    ...extra,
  };
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function must(r: RunResult, what: string): RunResult {
  if (r.exitCode !== 0) {
    throw new Error(`${what} exited with ${r.exitCode}:\n${r.stderr.slice(-4000)}${r.stdout.slice(-2000)}`);
  }
  return r;
}

/** Writes the floor script: the app's package modules, required in the order the app first loaded them. */
function writeFloor(modulesFile: string, floorFile: string, appCmd: string): { modules: number; loaderModules: string[]; ownModules: number; files: number; bytes: number; packages: number } {
  const recorded = JSON.parse(fs.readFileSync(modulesFile, "utf8")) as { atMain: string[]; atExit: string[]; outputFiles: Array<[string, number]> };
  const loader = new Set(recorded.atMain);
  const nodeModules = `${path.sep}node_modules${path.sep}`;
  const modules = recorded.atExit.filter((file) => file.includes(nodeModules) && !loader.has(file));
  const loaderModules = recorded.atMain.filter((file) => file.includes(nodeModules)).map((f) => path.relative(ROOT, f));
  // The app's own files (sources and data), i.e. everything else it loaded outside node_modules.
  const ownModules = recorded.atExit.filter((file) => !file.includes(nodeModules) && !loader.has(file) && file.startsWith(ROOT + path.sep)).length;
  const packages = new Set(modules.map((file) => {
    const rest = file.slice(file.lastIndexOf(nodeModules) + nodeModules.length).split(path.sep);
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }));
  const bytes = recorded.outputFiles.reduce((sum, [, size]) => sum + size, 0);
  if (modules.length === 0 || recorded.outputFiles.length === 0) throw new Error("the recording run loaded no package module or wrote no file");
  const source = [
    `"use strict";`,
    `// Generated by scripts/bench.ts, do not edit. The floor for: ${appCmd}`,
    `// Requires exactly the ${modules.length} package modules (${packages.size} packages) that the app loaded, loader excluded,`,
    `// then writes the same ${recorded.outputFiles.length} files (${bytes} bytes) into $CDKTF_OUTDIR.`,
    `const fs = require("fs");`,
    `const path = require("path");`,
    ...modules.map((file) => `require(${JSON.stringify(file)});`),
    `const outdir = process.env.CDKTF_OUTDIR;`,
    `if (!outdir) throw new Error("set CDKTF_OUTDIR");`,
    `for (const [file, size] of ${JSON.stringify(recorded.outputFiles)}) {`,
    `  const target = path.join(outdir, file);`,
    `  fs.mkdirSync(path.dirname(target), { recursive: true });`,
    `  fs.writeFileSync(target, Buffer.alloc(size, 0x20));`,
    `}`,
    ``,
  ].join("\n");
  fs.writeFileSync(floorFile, source);
  return { modules: modules.length, loaderModules, ownModules, files: recorded.outputFiles.length, bytes, packages: packages.size };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const useGnuTime = options.gnuTime && hasGnuTime();
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const startedAt = new Date();
  const loadStart = os.loadavg();
  log(`bench: ${options.runs} measured runs per measurement (plus one warm-up); peak RSS from ${useGnuTime ? "GNU time" : options.gnuTime ? "the node preload (GNU time is not installed)" : "the node preload (--no-gnu-time)"}`);
  const run = (argv: readonly string[], env: Record<string, string | undefined> = {}, preloads: string[] = []): Promise<RunResult> =>
    measure(argv, { cwd: ROOT, env: { [SOURCE_MAPS_ENV]: undefined, ...env }, preloads, useGnuTime });

  const app = appCommand();
  const measurements: MeasurementResult[] = [];
  const outputs: Array<{ what: string; sha256: string; files: number; bytes: number }> = [];
  let floorInfo: BenchResults["floor"];
  let growth: GrowthResult[] | undefined;
  let cliInside: BenchResults["cliBreakdown"];
  let appPhases: BenchResults["appPhases"];

  if (options.only.has("app")) {
    const floorFile = path.join(RESULTS_DIR, "floor.generated.cjs");
    const modulesFile = path.join(RESULTS_DIR, "app-modules.json");
    // Warm-up and recording run: which modules the app loads and which files it writes.
    const out0 = tmpdir("app");
    const first = must(await run(app.argv, { CDKTF_OUTDIR: out0, BENCH_MODULES_OUT: modulesFile }, [RECORD_MODULES]), app.command);
    outputs.push({ what: "app (warm-up)", ...digestDir(out0) });
    fs.rmSync(out0, { recursive: true, force: true });
    const floor = writeFloor(modulesFile, floorFile, app.command);
    floorInfo = { ...floor, script: path.relative(ROOT, floorFile) };
    log(`app: first run ${fmt(first.wallMs)}; floor: ${floor.modules} modules from ${floor.packages} packages, ${floor.files} files, ${floor.bytes} bytes`);
    // The series of each round: the app, the floor, two informational variants of the app (another loader, source
    // maps on), and the app's work split into phases (the same environments built by scripts/bench/synth-child.ts
    // with the app's loader).
    const variants: ReadonlyArray<{ key: string; argv: readonly string[]; env?: Record<string, string>; output?: string }> = [
      { key: "app", argv: app.argv, output: "app" },
      { key: "floor", argv: ["node", floorFile] },
      { key: "swc", argv: ["node", "--require", SWC_REGISTER, app.entry], output: "app-swc" },
      { key: "sm", argv: app.argv, env: { [SOURCE_MAPS_ENV]: "1" }, output: "app-source-maps" },
      { key: "phases", argv: [...app.loaderArgv, CHILD_ENTRY, "--defaults"], output: "app-phases" },
    ];
    const firsts = new Map<string, RunResult>([["app", first]]);
    for (const v of variants.slice(1)) {
      const out = tmpdir(v.key);
      firsts.set(v.key, must(await run(v.argv, { ...v.env, CDKTF_OUTDIR: out }), describeArgv(v.argv, ROOT)));
      if (v.output) outputs.push({ what: `${v.output} (warm-up)`, ...digestDir(out) });
      fs.rmSync(out, { recursive: true, force: true });
    }
    const series = new Map<string, RunResult[]>(variants.map((v) => [v.key, []]));
    for (let i = 0; i < options.runs; i++) {
      for (const v of variants) {
        const out = tmpdir(v.key);
        const r = must(await run(v.argv, { ...v.env, CDKTF_OUTDIR: out }), describeArgv(v.argv, ROOT));
        if (v.output) outputs.push({ what: v.output, ...digestDir(out) });
        fs.rmSync(out, { recursive: true, force: true });
        series.get(v.key)!.push(r);
      }
      log(`app round ${i + 1}/${options.runs}: ${variants.map((v) => `${v.key} ${fmt(series.get(v.key)![i].wallMs)}`).join(", ")}`);
    }
    const runsOf = (key: string) => series.get(key)!;
    const ratios = runsOf("app").map((r, i) => r.wallMs / runsOf("floor")[i].wallMs);
    const loader = app.loaderArgv.slice(1).join(" ");
    measurements.push(summarizeRuns("app", "app synthesis (cdktf.json app command)", app.command, first, runsOf("app"), { pairedRatioToFloor: summarize(ratios) }));
    measurements.push(summarizeRuns("floor", "floor", `node ${path.relative(ROOT, floorFile)}`, firsts.get("floor"), runsOf("floor")));
    measurements.push(summarizeRuns("app-swc", "app under a bare swc require hook (informational)", `node --require ${path.relative(ROOT, SWC_REGISTER)} ${app.entry}`, firsts.get("swc"), runsOf("swc")));
    measurements.push(summarizeRuns("app-sm", "app with source maps on (informational)", `${SOURCE_MAPS_ENV}=1 ${app.command}`, firsts.get("sm"), runsOf("sm")));
    const phases = runsOf("phases").map((r) => JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as InsideRecord);
    appPhases = {
      command: `node ${loader} ${path.relative(ROOT, CHILD_ENTRY)} --defaults`,
      wall: summarize(runsOf("phases").map((r) => r.wallMs)),
      startupMs: summarize(phases.map((p) => p.startupMs)),
      loadMs: summarize(phases.map((p) => p.loadMs)),
      buildMs: summarize(phases.map((p) => p.buildMs)),
      synthMs: summarize(phases.map((p) => p.synthMs)),
      inProcessMs: summarize(phases.map((p) => p.inProcessMs)),
      resources: phases[0]?.resources ?? 0,
      stacks: phases[0]?.stacks ?? 0,
    };
  }

  if (options.only.has("cli")) {
    const cliArgv = ["npx", "cdktf", "synth", "--output"];
    const runs: RunResult[] = [];
    let first: RunResult | undefined;
    for (let i = 0; i <= options.runs; i++) {
      const out = tmpdir("cli");
      const r = must(await run([...cliArgv, out]), "npx cdktf synth");
      outputs.push({ what: i === 0 ? "cli (warm-up)" : "cli", ...digestDir(out) });
      fs.rmSync(out, { recursive: true, force: true });
      if (i === 0) first = r;
      else runs.push(r);
      log(`cli ${i === 0 ? "warm-up" : `${i}/${options.runs}`}: ${fmt(r.wallMs)}, peak RSS ${Math.round(r.peakRssKb / 1024)} MiB`);
    }
    measurements.push(summarizeRuns("cli", "`npx cdktf synth`, all default environments", "npx cdktf synth --output <tmp>", first, runs));
    // Inside each CLI run: how long the app process lived, and the CLI's own share of the wall time.
    const appInside = runs.map((r) => r.procs.find((p) => p.argv.some((a) => a.endsWith(app.entry)))?.wallMs ?? NaN);
    cliInside = {
      appProcessMs: summarize(appInside.filter(Number.isFinite)),
      cliOverheadMs: summarize(runs.map((r, i) => r.wallMs - appInside[i]).filter(Number.isFinite)),
      processes: (runs[0]?.procs ?? []).map((p) => ({ argv: describeArgv(p.argv, ROOT), wallMs: p.wallMs, peakRssKb: p.peakRssKb })),
    };
  }

  if (options.only.has("growth")) {
    const configs = GROWTH_REGIONS.flatMap((regions) => GROWTH_TEAMS.map((teams) => ({ regions, teams })));
    const argvFor = (regions: number, teams: number) => [...app.loaderArgv, CHILD_ENTRY, "--regions", String(regions), "--teams", String(teams)];
    const warmOut = tmpdir("growth");
    must(await run(argvFor(1, 1), { CDKTF_OUTDIR: warmOut }), "generated environment (warm-up)");
    fs.rmSync(warmOut, { recursive: true, force: true });
    const runsBy = new Map<string, Array<{ r: RunResult; inside: InsideRecord }>>();
    for (let i = 0; i < options.runs; i++) {
      for (const { regions, teams } of configs) {
        const out = tmpdir("growth");
        const r = must(await run(argvFor(regions, teams), { CDKTF_OUTDIR: out }), `generated environment ${regions}x${teams}`);
        fs.rmSync(out, { recursive: true, force: true });
        const inside = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as InsideRecord;
        const key = `${regions}x${teams}`;
        runsBy.set(key, [...(runsBy.get(key) ?? []), { r, inside }]);
      }
      log(`growth round ${i + 1}/${options.runs}: ${configs.map(({ regions, teams }) => `${regions}x${teams} ${fmt(runsBy.get(`${regions}x${teams}`)![i].r.wallMs)}`).join(", ")}`);
    }
    growth = configs.map(({ regions, teams }) => {
      const rs = runsBy.get(`${regions}x${teams}`)!;
      const last = rs[rs.length - 1].inside;
      return {
        regions,
        teams,
        stacks: last.stacks,
        resources: last.resources,
        bytes: last.bytes,
        wall: summarize(rs.map((x) => x.r.wallMs)),
        cpu: summarize(rs.map((x) => x.r.cpuMs)),
        peakRssKb: summarize(rs.map((x) => x.r.peakRssKb)),
        inProcessMs: summarize(rs.map((x) => x.inside.inProcessMs)),
        loadMs: summarize(rs.map((x) => x.inside.loadMs)),
        buildMs: summarize(rs.map((x) => x.inside.buildMs)),
        synthMs: summarize(rs.map((x) => x.inside.synthMs)),
      };
    });
  }

  if (options.only.has("test")) {
    const testArgv = ["npx", "jest", "--ci", "--silent"];
    const runs: RunResult[] = [];
    let first: RunResult | undefined;
    for (let i = 0; i <= options.runs; i++) {
      const r = await run(testArgv);
      if (r.exitCode !== 0 && !/Tests:/.test(r.stderr)) throw new Error(`npx jest did not run:\n${r.stderr.slice(-4000)}`);
      if (i === 0) first = r;
      else runs.push(r);
      log(`test ${i === 0 ? "warm-up" : `${i}/${options.runs}`}: ${fmt(r.wallMs)}${r.exitCode === 0 ? "" : ` (jest exited ${r.exitCode})`}`);
    }
    const summaryLine = (r: RunResult) => (/^Tests:.*$/m.exec(r.stderr)?.[0] ?? "").replace(/\s+/g, " ");
    measurements.push(
      summarizeRuns("test", "`npm test` (jest)", testArgv.join(" "), first, runs, {
        notes: [...new Set(runs.map((r) => `${summaryLine(r)}${r.exitCode === 0 ? "" : ` (exit ${r.exitCode})`}`))],
      }),
    );
  }

  const results: BenchResults = {
    schema: 1,
    generatedAt: startedAt.toISOString(),
    durationS: (Date.now() - startedAt.getTime()) / 1000,
    options: { runs: options.runs, quick: options.quick, only: [...options.only] },
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryBytes: os.totalmem(),
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverageStart: loadStart,
      loadAverageEnd: os.loadavg(),
      gnuTime: useGnuTime,
    },
    versions: Object.fromEntries(
      ["cdktf", "cdktf-cli", "constructs", "@cdktf/provider-azurerm", "@cdktf/provider-kubernetes", "@cdktf/provider-helm", "tsx", "jest", "@swc/core", "@swc/jest", "zod"].map((p) => [p, packageVersion(p) ?? "?"]),
    ),
    git: { commit: git(["rev-parse", "--short", "HEAD"]), dirty: (git(["status", "--porcelain"]) ?? "") !== "" },
    appCommand: app.command,
    measurements,
    floor: floorInfo,
    cliBreakdown: cliInside,
    appPhases,
    growth,
    outputs: summarizeOutputs(outputs),
    goals: [],
  };
  results.goals = evaluateGoals(results);

  fs.writeFileSync(path.join(RESULTS_DIR, "latest.json"), JSON.stringify(results, null, 2) + "\n");
  const markdown = renderMarkdown(results);
  fs.writeFileSync(path.join(RESULTS_DIR, "latest.md"), markdown);
  if (options.writeDoc) fs.writeFileSync(DOC, markdown);
  log(`\nwrote bench/results/latest.json, bench/results/latest.md${options.writeDoc ? " and docs/performance.md" : options.noDoc ? " (--no-doc: docs/performance.md left alone)" : " (docs/performance.md is written only by a complete run of 5 or more runs)"}`);
  for (const g of results.goals) log(`${g.met === undefined ? "n/a    " : g.met ? "met    " : "NOT MET"}  ${g.goal}: ${g.measured}`);
}

interface InsideRecord {
  readonly stacks: number;
  readonly startupMs: number;
  readonly resources: number;
  readonly bytes: number;
  readonly inProcessMs: number;
  readonly loadMs: number;
  readonly buildMs: number;
  readonly synthMs: number;
}

/** Groups output digests: every run of the same app must write the same bytes. */
function summarizeOutputs(outputs: ReadonlyArray<{ what: string; sha256: string; files: number; bytes: number }>): BenchResults["outputs"] {
  const digests = [...new Set(outputs.map((o) => o.sha256))];
  return {
    runs: outputs.length,
    identical: digests.length <= 1,
    distinct: digests.map((sha256) => {
      const first = outputs.find((o) => o.sha256 === sha256)!;
      return { sha256, files: first.files, bytes: first.bytes, from: [...new Set(outputs.filter((o) => o.sha256 === sha256).map((o) => o.what))] };
    }),
  };
}

const MB = 1e6;
function mb(kb: number): string {
  return `${Math.round((kb * 1024) / MB)} MB`;
}

function evaluateGoals(r: BenchResults): GoalResult[] {
  const by = (id: string) => r.measurements.find((m) => m.id === id);
  const goals: GoalResult[] = [];
  const app = by("app");
  const floor = by("floor");
  if (app && floor) {
    const ratio = app.wall.median / floor.wall.median;
    goals.push({ id: "app-vs-floor", goal: "app synthesis vs. the floor", target: "≤ 1.5×", measured: `${ratio.toFixed(2)}× (${fmt(app.wall.median)} / ${fmt(floor.wall.median)})`, value: ratio, met: ratio <= 1.5 });
  }
  const cli = by("cli");
  if (cli) goals.push({ id: "cli", goal: "`npx cdktf synth`, all defaults", target: "≤ 5 s", measured: fmt(cli.wall.median), value: cli.wall.median, met: cli.wall.median <= 5000 });
  const g = (regions: number, teams: number) => r.growth?.find((x) => x.regions === regions && x.teams === teams);
  const small = g(1, 1);
  const large = g(8, 20);
  if (small && large) {
    const ratio = large.wall.median / small.wall.median;
    const inProcess = large.inProcessMs.median / small.inProcessMs.median;
    const work = (large.buildMs.median + large.synthMs.median) / (small.buildMs.median + small.synthMs.median);
    goals.push({
      id: "growth",
      goal: "8 regions × 20 teams vs. 1 × 1",
      target: "≤ 10×",
      measured: `${ratio.toFixed(2)}× wall (${fmt(large.wall.median)} / ${fmt(small.wall.median)}); in-process ${inProcess.toFixed(2)}×, build + synth alone ${work.toFixed(2)}× for ${(large.resources / small.resources).toFixed(0)}× the resources`,
      value: ratio,
      met: ratio <= 10,
    });
  }
  const test = by("test");
  if (test) goals.push({ id: "test", goal: "`npm test` on 2 cores", target: "≤ 60 s", measured: fmt(test.wall.median), value: test.wall.median, met: test.wall.median <= 60000 });
  const peaks: Array<[string, number]> = [];
  if (cli) peaks.push([`\`npx cdktf synth\` (${cli.peakProcess ?? "largest process"})`, cli.peakRssKb.max]);
  if (app) peaks.push(["app", app.peakRssKb.max]);
  for (const x of r.growth ?? []) peaks.push([`generated ${x.regions} × ${x.teams}`, x.peakRssKb.max]);
  if (peaks.length > 0) {
    const [where, kb] = peaks.reduce((a, b) => (b[1] > a[1] ? b : a));
    goals.push({ id: "rss", goal: "synthesis peak RSS", target: "≤ 500 MB", measured: `${mb(kb)} (largest of all synthesis runs: ${where})`, value: (kb * 1024) / MB, met: (kb * 1024) / MB <= 500 });
  }
  return goals;
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
