/** The benchmark's results (bench/results/latest.json) and their Markdown report (docs/performance.md). */
import type { Summary } from "./measure";

export interface RunRecord {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssKb: number;
  readonly exitCode: number;
  readonly peakProcess?: string;
}

export interface MeasurementResult {
  readonly id: string;
  readonly label: string;
  readonly command: string;
  /** The warm-up run, not part of the summaries. */
  readonly firstRun?: RunRecord;
  readonly runs: readonly RunRecord[];
  readonly wall: Summary;
  readonly cpu: Summary;
  readonly peakRssKb: Summary;
  readonly peakRssSource: string;
  readonly peakProcess?: string;
  /** app only: app/floor wall time of each round. */
  readonly pairedRatioToFloor?: Summary;
  readonly notes?: readonly string[];
}

export interface GrowthResult {
  readonly regions: number;
  readonly teams: number;
  readonly stacks: number;
  readonly resources: number;
  readonly bytes: number;
  readonly wall: Summary;
  readonly cpu: Summary;
  readonly peakRssKb: Summary;
  readonly inProcessMs: Summary;
  readonly loadMs: Summary;
  readonly buildMs: Summary;
  readonly synthMs: Summary;
}

export interface GoalResult {
  readonly id: string;
  readonly goal: string;
  readonly target: string;
  readonly measured: string;
  readonly value: number;
  readonly met?: boolean;
}

export interface BenchResults {
  readonly schema: 1;
  readonly generatedAt: string;
  readonly durationS: number;
  readonly options: { readonly runs: number; readonly quick: boolean; readonly only: readonly string[] };
  readonly machine: {
    readonly cores: number;
    readonly cpuModel: string;
    readonly memoryBytes: number;
    readonly node: string;
    readonly os: string;
    readonly loadAverageStart: readonly number[];
    readonly loadAverageEnd: readonly number[];
    readonly gnuTime: boolean;
  };
  readonly versions: Readonly<Record<string, string>>;
  readonly git: { readonly commit?: string; readonly dirty: boolean };
  readonly appCommand: string;
  readonly measurements: readonly MeasurementResult[];
  readonly floor?: { readonly modules: number; readonly packages: number; readonly loaderModules: readonly string[]; readonly ownModules: number; readonly files: number; readonly bytes: number; readonly script: string };
  readonly cliBreakdown?: {
    readonly appProcessMs: Summary;
    readonly cliOverheadMs: Summary;
    readonly processes: ReadonlyArray<{ readonly argv: string; readonly wallMs: number; readonly peakRssKb: number }>;
  };
  /** The default environments built by synth-child.ts with the app's loader: where the app's time goes. */
  readonly appPhases?: {
    readonly command: string;
    readonly wall: Summary;
    readonly startupMs: Summary;
    readonly loadMs: Summary;
    readonly buildMs: Summary;
    readonly synthMs: Summary;
    readonly inProcessMs: Summary;
    readonly resources: number;
    readonly stacks: number;
  };
  readonly growth?: readonly GrowthResult[];
  readonly outputs: {
    readonly runs: number;
    readonly identical: boolean;
    readonly distinct: ReadonlyArray<{ readonly sha256: string; readonly files: number; readonly bytes: number; readonly from: readonly string[] }>;
  };
  goals: GoalResult[];
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return "–";
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

function mb(kb: number): string {
  return Number.isFinite(kb) ? `${Math.round((kb * 1024) / 1e6)} MB` : "–";
}

function range(s: Summary, unit: (n: number) => string = ms): string {
  return `${unit(s.min)} – ${unit(s.max)}`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly ("l" | "r")[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? "l") === "r" ? "---:" : "---"));
  return [header, sep, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function goalCell(g: GoalResult): string {
  return g.met === undefined ? "n/a" : g.met ? "met" : "**not met**";
}

/** Why a goal is not met, from the numbers measured. */
function whyNotMet(r: BenchResults, g: GoalResult): string {
  const by = (id: string) => r.measurements.find((m) => m.id === id);
  switch (g.id) {
    case "app-vs-floor": {
      const app = by("app")!;
      const floor = by("floor")!;
      const swc = by("app-swc");
      const sm = by("app-sm");
      const ph = r.appPhases;
      const F = floor.wall.median;
      const parts = [`**App synthesis vs. the floor.** The app takes ${ms(app.wall.median)} against the floor's ${ms(F)}; 1.5× would be ${ms(F * 1.5)}.`];
      if (ph) {
        parts.push(
          `Inside the app's process (default environments, medians): ${ms(ph.startupMs.median)} until the entry file runs (node and the loader), ${ms(ph.loadMs.median)} loading cdktf, the provider classes and the project's sources, ${ms(ph.buildMs.median)} building the ${ph.stacks} stacks (${ph.resources} resources) and ${ms(ph.synthMs.median)} in \`app.synth()\`; the floor spends its whole ${ms(F)} starting node and loading the same packages.`,
        );
      }
      if (sm) {
        parts.push(
          `The app already runs without Node's source maps: \`stacks/main.ts\` turns off the ones \`tsx\` enables, because cdktf captures a full stack trace for every token it creates and with source maps on each frame of each trace is mapped. With them back on (\`BLUEPRINTS_SOURCE_MAPS=1\`, same output) the app takes ${ms(sm.wall.median)}, ${(sm.wall.median / F).toFixed(2)}× the floor.`,
        );
      }
      if (swc) {
        parts.push(
          `A bare swc require hook instead of \`tsx\` (no resolver hook on every \`require\`, no transform cache to read), with byte-identical output, brings it to ${ms(swc.wall.median)} (${(swc.wall.median / F).toFixed(2)}×); that loader is not used (see "What would make it faster").`,
        );
        const rest = swc.wall.median - F;
        parts.push(
          swc.wall.median <= F * 1.5
            ? `So the goal needs a cheaper loader on the synth path; the app's own work fits within it.`
            : `Even with the bare hook, ${ms(rest)} stays above the floor: transpiling the project's ${r.floor?.ownModules ?? "?"} source and data files, building the zod schemas and the constructs, and above all cdktf's own token machinery (a stack trace per token, resolving every token, sorting keys while writing the JSON). That is the work the app exists to do, most of it inside cdktf; 1.5× would leave it ${ms(F / 2)}, which no change of loader gives.`,
        );
      }
      return parts.join(" ");
    }
    case "cli": {
      const b = r.cliBreakdown;
      return `**\`npx cdktf synth\`.** ${g.measured} against a 5 s goal${b ? `; the app process inside it lives ${ms(b.appProcessMs.median)}, the rest (${ms(b.cliOverheadMs.median)}) is npx and the cdktf CLI starting, spawning the app and reading its output` : ""}.`;
    }
    case "growth":
      return `**Growth.** ${g.measured}: the larger configuration costs more than 10× the smallest.`;
    case "test":
      return `**\`npm test\`.** ${g.measured} against 60 s.`;
    case "rss":
      return `**Peak RSS.** ${g.measured} against 500 MB.`;
    default:
      return "";
  }
}

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  const by = (id: string) => r.measurements.find((m) => m.id === id);
  const m = r.machine;
  out.push("# Performance");
  out.push("");
  out.push(
    `Measured by \`npm run bench\` ([scripts/bench.ts](../scripts/bench.ts)) on ${r.generatedAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")}` +
      `${r.git.commit ? ` at commit \`${r.git.commit}\`${r.git.dirty ? " with uncommitted changes" : ""}` : ""}, ` +
      `${r.options.runs} measured runs per measurement after one warm-up run, ${Math.round(r.durationS)} s in all. ` +
      `Raw numbers: \`bench/results/latest.json\` (not committed). Rerun with \`npm run bench\` after \`npm ci\`.`,
  );
  if (r.options.quick || r.options.runs < 5) out.push("", `> Quick run (${r.options.runs} runs each): indicative only, not valid for the goals.`);
  out.push("");
  out.push("## Machine");
  out.push("");
  out.push(
    table(
      ["cores", "CPU", "memory", "Node.js", "OS", "load average (1 min) at start / end", "peak RSS from"],
      [
        [
          String(m.cores),
          m.cpuModel,
          `${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
          m.node,
          m.os,
          `${m.loadAverageStart[0].toFixed(2)} / ${m.loadAverageEnd[0].toFixed(2)}`,
          m.gnuTime ? "GNU time (`/usr/bin/time`)" : "the node preload (no GNU time)",
        ],
      ],
    ),
  );
  out.push("");
  out.push(`Versions: ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(", ")}.`);
  out.push("");
  out.push(
    "A load average above the core count means other work shared the machine while the benchmark ran: wall times then vary more and grow, CPU times less so. Medians of interleaved runs keep the comparisons (app vs. floor, growth) fair under such load, but absolute numbers on a busy machine are pessimistic.",
  );

  if (r.goals.length > 0) {
    out.push("");
    out.push("## Goals");
    out.push("");
    out.push(table(["goal", "target", "measured (medians)", "result"], r.goals.map((g) => [g.goal, g.target, g.measured, goalCell(g)])));
    const unmet = r.goals.filter((g) => g.met === false);
    out.push("");
    if (unmet.length === 0) out.push("Every goal is met.");
    else for (const g of unmet) out.push(whyNotMet(r, g), "");
  }

  const synthRows = ["cli", "app", "floor", "app-swc", "app-sm"].map(by).filter((x): x is MeasurementResult => x !== undefined);
  if (synthRows.length > 0) {
    out.push("");
    out.push("## Synthesis of the default environments");
    out.push("");
    out.push(
      table(
        ["measurement", "command", "wall median", "wall min – max", "CPU median", "peak RSS median (max)", "first run"],
        synthRows.map((x) => [
          x.label,
          `\`${x.command}\``,
          ms(x.wall.median),
          range(x.wall),
          ms(x.cpu.median),
          `${mb(x.peakRssKb.median)} (${mb(x.peakRssKb.max)})`,
          x.firstRun ? ms(x.firstRun.wallMs) : "–",
        ]),
        ["l", "l", "r", "r", "r", "r", "r"],
      ),
    );
    out.push("");
    const app = by("app");
    const floor = by("floor");
    if (app && floor && app.pairedRatioToFloor) {
      out.push(`App / floor per round (runs interleaved): median ${app.pairedRatioToFloor.median.toFixed(2)}×, ${app.pairedRatioToFloor.min.toFixed(2)}× – ${app.pairedRatioToFloor.max.toFixed(2)}×.`);
    }
    if (r.appPhases) {
      const ph = r.appPhases;
      out.push("");
      out.push(`Where the app's time goes, measured inside the process by \`${ph.command}\` (the same environments and calls as \`stacks/main.ts\`, with timestamps; median of ${ph.wall.n} runs, ${ms(ph.wall.median)} wall):`);
      out.push("");
      out.push(
        table(
          ["phase", "median", "min – max"],
          [
            ["node start-up and the loader, until the entry file runs", ms(ph.startupMs.median), range(ph.startupMs)],
            ["loading cdktf, the provider classes and the project's sources", ms(ph.loadMs.median), range(ph.loadMs)],
            [`build: \`buildEnvironment\` (config validation, ${ph.stacks} stacks, ${ph.resources} resources)`, ms(ph.buildMs.median), range(ph.buildMs)],
            ["synth: `app.synth()` (aspects, token resolution, JSON files)", ms(ph.synthMs.median), range(ph.synthMs)],
            ["in-process total", ms(ph.inProcessMs.median), range(ph.inProcessMs)],
          ],
          ["l", "r", "r"],
        ),
      );
      out.push("");
    }
    if (r.floor) {
      out.push(
        `The floor requires the ${r.floor.modules} package modules (${r.floor.packages} packages) that the app loaded, in the order it loaded them, and writes the same ${r.floor.files} files and ${r.floor.bytes.toLocaleString("en-US")} bytes. ` +
          `It leaves out the ${r.floor.loaderModules.length} modules of the app command's TypeScript loader (${r.floor.loaderModules.map((f) => `\`${f}\``).join(", ")}): they are not something the app needs but the cost of running TypeScript source, so they count against the app.`,
      );
    }
    const cli = by("cli");
    if (cli) {
      out.push("");
      out.push(`Peak RSS of \`npx cdktf synth\` is that of its largest process, \`${cli.peakProcess ?? "?"}\`.`);
    }
    if (r.cliBreakdown) {
      out.push(
        `Inside \`npx cdktf synth\` the app process lives ${ms(r.cliBreakdown.appProcessMs.median)} (median); the remaining ${ms(r.cliBreakdown.cliOverheadMs.median)} is npx and the CLI: ` +
          r.cliBreakdown.processes.map((p) => `\`${p.argv}\` ${ms(p.wallMs)}, ${mb(p.peakRssKb)}`).join("; ") +
          " (one run; each process's own lifetime and peak).",
      );
    }
    out.push("");
    out.push(
      r.outputs.identical
        ? `Output: every one of the ${r.outputs.runs} runs above that synthesizes the default environments (the app, its two variants, the phase runs and the CLI) wrote the same ${r.outputs.distinct[0]?.files ?? 0} files, byte for byte (${(r.outputs.distinct[0]?.bytes ?? 0).toLocaleString("en-US")} bytes).`
        : `Output: **the runs did not all write the same bytes**: ${r.outputs.distinct.map((d) => `${d.sha256.slice(0, 12)} from ${d.from.join(", ")}`).join("; ")}.`,
    );
  }

  if (r.growth && r.growth.length > 0) {
    const base = r.growth.find((x) => x.regions === 1 && x.teams === 1) ?? r.growth[0];
    // Resources each further team adds in one region, from the single-region rows.
    const oneRegion = r.growth.filter((x) => x.regions === 1).sort((a, b) => a.teams - b.teams);
    const wide = oneRegion[oneRegion.length - 1];
    const perTeam = oneRegion.length > 1 && wide.teams > oneRegion[0].teams ? Math.round((wide.resources - oneRegion[0].resources) / (wide.teams - oneRegion[0].teams)) : undefined;
    out.push("");
    out.push("## Growth: generated environments");
    out.push("");
    out.push(
      "Each configuration is one `prod` environment of R zonal regions and T teams, generated by [scripts/bench/generated-environment.ts](../scripts/bench/generated-environment.ts) and synthesized in its own process by [scripts/bench/synth-child.ts](../scripts/bench/synth-child.ts) with the app's loader. " +
        "Each team runs one service behind the environment's gateway, so every region gets a platform stack, an addons stack (the Helm releases) and an apps stack, in which each team adds a namespace (quota, limit range, network policies), a Microservice (workload identity and its federated credentials, deployment, autoscaler, disruption budget, network policy) and a ServiceRoute" +
        (perTeam === undefined ? "." : `: ${perTeam} resources per team and region here. `) +
        "The team axis therefore grows the apps stacks, the region axis every stack. Each environment also has its global stack (Front Door over the regional gateways; active-active from two regions on), and no PostgreSQL, since a server has at most five read replicas.",
    );
    out.push("");
    out.push(
      table(
        ["regions × teams", "resources", "output", "wall median", "wall min – max", "× 1 × 1", "in-process", "load", "build", "synth", "build + synth per stack", "peak RSS"],
        r.growth.map((x) => [
          `${x.regions} × ${x.teams}`,
          String(x.resources),
          `${Math.round(x.bytes / 1000)} kB`,
          ms(x.wall.median),
          range(x.wall),
          `${(x.wall.median / base.wall.median).toFixed(2)}×`,
          ms(x.inProcessMs.median),
          ms(x.loadMs.median),
          ms(x.buildMs.median),
          ms(x.synthMs.median),
          ms((x.buildMs.median + x.synthMs.median) / x.stacks),
          mb(x.peakRssKb.median),
        ]),
        ["l", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r", "r"],
      ),
    );
    out.push("");
    out.push(
      "Wall time includes starting node and the loader; *in-process* is from the process start to the end of `app.synth()`, split into *load* (requiring cdktf, the provider classes and the stacks), *build* (`buildEnvironment`: config validation and every construct) and *synth* (`app.synth()`: aspects, token resolution, JSON).",
    );
  }

  const test = by("test");
  if (test) {
    out.push("");
    out.push("## Tests");
    out.push("");
    out.push(
      table(
        ["command", "wall median", "wall min – max", "CPU median", "peak RSS median (max)", "first run", "jest summary"],
        [[`\`${test.command}\``, ms(test.wall.median), range(test.wall), ms(test.cpu.median), `${mb(test.peakRssKb.median)} (${mb(test.peakRssKb.max)})`, test.firstRun ? ms(test.firstRun.wallMs) : "–", (test.notes ?? []).join("; ")]],
        ["l", "r", "r", "r", "r", "r", "l"],
      ),
    );
    out.push("");
    out.push(
      "`npm test` runs `jest`; jest transforms TypeScript with `@swc/jest` (transpile only, no type-checking: `npm run typecheck` does that) and runs 2 workers, one per core (1 worker was about 40% slower, 3 no faster). Its test environment ([scripts/jest/environment.cjs](../scripts/jest/environment.cjs)) is jest's node environment except that the stack traces cdktf captures for every token skip jest's source mapping (errors keep it): that was about a third of the suite's wall time. The first run fills jest's transform cache; a clean clone pays that once. A failing test is reported in the summary but its time still counts.",
    );
  }

  out.push("");
  out.push("## How each number is measured");
  out.push("");
  out.push(
    [
      "- Every measurement runs its command as a child process: one warm-up run (reported as *first run*, it fills the tsx and jest caches) and then the measured runs; the tables give the median, minimum and maximum. *Wall* is from spawning the child to its exit, measured in the benchmark process. *CPU* is user + system time of the whole process tree.",
      "- *Peak RSS* is the resident-set high-water mark of the largest single process of the tree, in MB of 10^6 bytes: from GNU time (`/usr/bin/time -f %M`) where it is installed, otherwise from [scripts/bench/proc-stats.cjs](../scripts/bench/proc-stats.cjs), a preload that every node process of the command loads through `NODE_OPTIONS` and that records its own `VmHWM` (Linux) or `getrusage` maxRSS at exit. That preload runs in every measured process either way, so each run also knows which process peaked and how long each lived.",
      "- *`npx cdktf synth`*: the CLI as a user runs it, synthesizing every default environment into a temporary `--output` directory (the working tree's `cdktf.out` is left alone). The CLI's telemetry check (`CHECKPOINT_DISABLE`) is left as the environment has it.",
      `- *App synthesis*: the \`app\` command of \`cdktf.json\` (\`${r.appCommand}\`) run directly with \`CDKTF_OUTDIR\` set to a temporary directory, exactly what the CLI spawns; the difference to \`npx cdktf synth\` is the CLI's own overhead.`,
      "- *Floor*: the warm-up run of the app records, through the preload [scripts/bench/record-modules.cjs](../scripts/bench/record-modules.cjs), every file in `require.cache` when the main module starts (the loader) and at exit, and the files it wrote. The benchmark then generates `bench/results/floor.generated.cjs`, which requires exactly the package modules (`node_modules`) the app loaded, loader excluded, and writes the same files with the same sizes. It runs as a bare `node` process: the cheapest possible process that loads what the app loads and writes what it writes.",
      "- *App under a bare swc hook* and *app with source maps on* (informational): the same entry file with [scripts/bench/swc-register.cjs](../scripts/bench/swc-register.cjs) instead of the app command's loader (it transpiles each `.ts` file with `@swc/core` and does nothing else), and the app command itself with `BLUEPRINTS_SOURCE_MAPS=1` in its environment, which makes `stacks/main.ts` keep the Node source maps that `tsx` turns on (synthesis otherwise runs without them). Every other command runs with `BLUEPRINTS_SOURCE_MAPS` removed from its environment. The variants' outputs are checked to be byte-identical to the app's; their differences to the app size the loader's cost and what turning source maps off saves.",
      "- *Where the app's time goes*: [scripts/bench/synth-child.ts](../scripts/bench/synth-child.ts) `--defaults` builds the default environments with the same calls as `stacks/main.ts` (source maps off included) under the app's loader and prints timestamps of each phase (`performance.now()`, from the process's start).",
      "- The app, the floor, the two variants and the phase run are interleaved round by round, and the growth configurations too, so a change in background load affects every series alike. Every synthesis run's output is hashed and compared.",
      "- *Growth*: 1, 2, 4 and 8 regions × 1, 5 and 20 teams of one service each, each configuration synthesized in a child process by `scripts/bench/synth-child.ts`; the child also reports the time of each phase inside the process.",
      "- *`npm test`*: `npx jest --ci --silent`, the suite `npm test` runs.",
    ].join("\n"),
  );
  out.push("");
  out.push("## What would make it faster");
  out.push("");
  out.push(recommendations(r));
  out.push("");
  return out.join("\n");
}

/** Findings from profiling the synth path (`node --cpu-prof`), kept with the numbers they explain. */
function recommendations(r: BenchResults): string {
  const by = (id: string) => r.measurements.find((m) => m.id === id);
  const app = by("app");
  const sm = by("app-sm");
  const swc = by("app-swc");
  const delta = (other: MeasurementResult, base: MeasurementResult): string => {
    const d = other.wall.median - base.wall.median;
    return `${d >= 0 ? "+" : "−"}${ms(Math.abs(d))}, ${d >= 0 ? "+" : "−"}${Math.round((Math.abs(d) / base.wall.median) * 100)}%`;
  };
  const sourceMaps =
    app && sm
      ? ` Measured here: the app takes ${ms(app.wall.median)} with them off and ${ms(sm.wall.median)} with them on (the *app with source maps on* row, ${delta(sm, app)}), with identical output.`
      : " The *app with source maps on* row measures what it saves.";
  const hook =
    app && swc
      ? `The *app under a bare swc hook* row takes ${ms(swc.wall.median)} against the app's ${ms(app.wall.median)} (${delta(swc, app)}), with identical output.`
      : "The *app under a bare swc hook* row measures it.";
  const small = r.growth?.find((x) => x.regions === 1 && x.teams === 1);
  const large = r.growth?.find((x) => x.regions === 8 && x.teams === 20);
  const growthFactors =
    small && large
      ? ` (from 1 region × 1 team to 8 × 20: ${(large.resources / small.resources).toFixed(0)}× the resources, ${((large.buildMs.median + large.synthMs.median) / (small.buildMs.median + small.synthMs.median)).toFixed(1)}× the build + synth time)`
      : "";
  const modules = r.floor ? `the ${r.floor.modules} package modules` : "the package modules";
  return [
    "Found with CPU profiles (`node --cpu-prof`) of the app, of the largest generated environment and of the slowest test files. None of them changes the synthesized output.",
    "",
    "- **Done: jest's source mapping of token stack traces.** cdktf captures a full stack trace (`Error.stackTraceLimit` set to infinity) every time it creates a token (`Intrinsic`, `Lazy`, every complex attribute), only to print it if that token fails to resolve later. Under jest, each frame of each of those traces went through jest's source-map support, which copies every call site: in the profile of `test/aks/aks-cluster.test.ts` that was more than half of the file's time. `jest.config.js` now uses [scripts/jest/environment.cjs](../scripts/jest/environment.cjs), which formats traces captured on non-errors the way V8 does and leaves errors (failing assertions included) to jest.",
    `- **Done: no source maps during synthesis.** The same thing happened in the app: \`tsx\` enables Node's source maps for the whole process, so each token's stack trace was mapped frame by frame, the largest single cost of building the stacks in the app's profile. \`stacks/main.ts\` now calls \`process.setSourceMapsEnabled(false)\` before it builds anything, unless \`BLUEPRINTS_SOURCE_MAPS=1\` is set for debugging the app itself; the blueprints' validation errors carry property paths, not stack traces, so they lose nothing.${sourceMaps}`,
    `- **Recommended, not taken: a transpile-only loader on the synth path.** \`tsx\` also wraps module resolution for every \`require\` (${modules} included), not only for the project's TypeScript files, and reads its transform cache. ${hook} Replacing \`--require tsx/cjs\` in \`cdktf.json\`'s \`app\` with a small committed transpile-only hook on \`@swc/core\` (which jest already uses) would save that. Not done: \`tsx\` stays because it is the maintained loader, where the hook would be the project's own code to keep working for every TypeScript and module feature the sources come to use.`,
    "- **Deep imports.** `lib/` and `stacks/` import the provider classes by deep path already. `cdktf` itself comes in through its barrel, which also loads archiver, glob, lodash and their dependencies for asset support the blueprints do not use; but the generated provider classes `require(\"cdktf\")` themselves, so deep imports of `cdktf` in `lib/` and `stacks/` would not avoid it. Those modules are part of the floor, not of the app's overhead.",
    `- **Per-resource work.** Build and synth grow more slowly than the output${growthFactors}, as one-off costs (first calls, JIT warm-up, the zod schemas) are shared. In the *build + synth per stack* column of the growth table, more regions lower the cost per stack and more teams raise it, since each team adds its namespace, service and route to every apps stack. In a profile of the 8-region, 20-team environment the project's own functions are a few percent of the time; the rest is cdktf's token machinery (a stack trace per token, resolving every token, writing the JSON), the loader and garbage collection.`,
  ].join("\n");
}
