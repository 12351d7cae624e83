/**
 * Runs one command as a child process and measures it: wall time (from spawn to exit, in this process), CPU time and
 * peak RSS. Peak RSS comes from GNU time (`/usr/bin/time`, the largest process of the tree that it waited for) when
 * it is installed, and otherwise from the `proc-stats.cjs` preload that every node process of the command loads
 * through NODE_OPTIONS (each process's own high-water mark; the largest one counts). The preload's per-process
 * records are always kept, so a run also shows which process peaked and how long each one lived.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const GNU_TIME = "/usr/bin/time";
const PROC_STATS = path.join(__dirname, "proc-stats.cjs");

/** True when GNU time is installed and works (`-f`/`-o` are GNU options; BusyBox and BSD time lack them). */
export function hasGnuTime(): boolean {
  if (!fs.existsSync(GNU_TIME)) return false;
  const probe = path.join(os.tmpdir(), `bench-time-probe-${process.pid}`);
  try {
    const result = spawnSync(GNU_TIME, ["-f", "%M", "-o", probe, "true"], { stdio: "ignore" });
    return result.status === 0 && /^\d+\s*$/m.test(fs.readFileSync(probe, "utf8"));
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/** What the preload records for one node process. */
export interface ProcRecord {
  readonly pid: number;
  readonly ppid: number;
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly peakRssKb: number;
  readonly peakRssSource: string;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly endEpochMs: number;
}

/** One measured run. */
export interface RunResult {
  readonly wallMs: number;
  /** User + system CPU of the whole tree: GNU time's when installed, else the sum over the node processes. */
  readonly cpuMs: number;
  /** Peak RSS of the largest single process of the tree, in KiB. */
  readonly peakRssKb: number;
  readonly peakRssSource: "gnu-time" | "preload";
  /** The process that peaked, per the preload (its argv). */
  readonly peakProcess?: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly procs: readonly ProcRecord[];
}

export interface MeasureOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Extra `--require` preloads for NODE_OPTIONS (before the stats preload). */
  readonly preloads?: readonly string[];
  readonly useGnuTime: boolean;
}

const MAX_CAPTURE = 4 * 1024 * 1024;

function appendCapped(chunks: Buffer[], size: { n: number }, chunk: Buffer): void {
  if (size.n >= MAX_CAPTURE) return;
  chunks.push(chunk);
  size.n += chunk.length;
}

/** Quotes a path for NODE_OPTIONS, which splits on spaces unless quoted. */
function nodeOption(flag: string, value: string): string {
  return `${flag} "${value.replace(/(["\\])/g, "\\$1")}"`;
}

/** Runs `argv` once and measures it. Never throws for a non-zero exit: the caller decides. */
export async function measure(argv: readonly string[], options: MeasureOptions): Promise<RunResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-run-"));
  const procLog = path.join(scratch, "procs.jsonl");
  const timeFile = path.join(scratch, "time.txt");
  const preloads = [...(options.preloads ?? []), PROC_STATS].map((p) => nodeOption("--require", p)).join(" ");
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...options.env })) if (value !== undefined) env[key] = value;
  env.NODE_OPTIONS = [process.env.NODE_OPTIONS, options.env?.NODE_OPTIONS, preloads].filter(Boolean).join(" ");
  env.BENCH_PROC_LOG = procLog;

  const command = options.useGnuTime ? [GNU_TIME, "-f", "%e %U %S %M", "-o", timeFile, ...argv] : [...argv];
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const outSize = { n: 0 };
  const errSize = { n: 0 };
  const started = process.hrtime.bigint();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c: Buffer) => appendCapped(stdout, outSize, c));
    child.stderr.on("data", (c: Buffer) => appendCapped(stderr, errSize, c));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

  const procs: ProcRecord[] = fs.existsSync(procLog)
    ? fs
        .readFileSync(procLog, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as ProcRecord)
    : [];
  let gnu: { cpuMs: number; peakRssKb: number } | undefined;
  if (options.useGnuTime && fs.existsSync(timeFile)) {
    // With -o, GNU time writes "Command exited with non-zero status N" before the format line on failure.
    const last = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop() ?? "";
    const [, user, sys, rss] = last.split(/\s+/).map(Number);
    if ([user, sys, rss].every(Number.isFinite)) gnu = { cpuMs: (user + sys) * 1000, peakRssKb: rss };
  }
  fs.rmSync(scratch, { recursive: true, force: true });

  const peakProc = procs.reduce<ProcRecord | undefined>((best, p) => (best === undefined || p.peakRssKb > best.peakRssKb ? p : best), undefined);
  return {
    wallMs,
    cpuMs: gnu?.cpuMs ?? procs.reduce((sum, p) => sum + p.cpuMs, 0),
    peakRssKb: gnu?.peakRssKb ?? peakProc?.peakRssKb ?? 0,
    peakRssSource: gnu ? "gnu-time" : "preload",
    peakProcess: peakProc ? describeArgv(peakProc.argv, options.cwd) : undefined,
    exitCode,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
    procs,
  };
}

/** A process's argv for a report: paths under `cwd` relative to it, other absolute paths by their file name. */
export function describeArgv(argv: readonly string[], cwd: string): string {
  return argv
    .map((a) => (!path.isAbsolute(a) ? a : a.startsWith(cwd + path.sep) ? path.relative(cwd, a) : path.basename(a)))
    .join(" ");
}

/** Median, min and max of a list of numbers. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], n };
}
