"use strict";
// Benchmark preload (loaded through NODE_OPTIONS, so every node process of a measured command loads it): at exit,
// appends one JSON line to $BENCH_PROC_LOG with this process's peak RSS and CPU time. Peak RSS is the kernel's
// high-water mark: VmHWM from /proc/self/status on Linux, getrusage's maxRSS (process.resourceUsage) elsewhere.
// Plain CommonJS with no dependencies, so it costs the same in every measured process, the floor included.
const fs = require("fs");

const logFile = process.env.BENCH_PROC_LOG;
if (logFile) {
  process.on("exit", (code) => {
    try {
      const usage = process.resourceUsage();
      let hwmKb;
      try {
        const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
        if (match) hwmKb = Number(match[1]);
      } catch {
        // not Linux: fall back to getrusage below
      }
      const record = {
        pid: process.pid,
        ppid: process.ppid,
        argv: process.argv.slice(1, 4),
        exitCode: code,
        peakRssKb: hwmKb ?? usage.maxRSS,
        peakRssSource: hwmKb === undefined ? "getrusage" : "VmHWM",
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        // Time since this process started (performance.timeOrigin is process start).
        wallMs: performance.now(),
        endEpochMs: Date.now(),
      };
      fs.appendFileSync(logFile, JSON.stringify(record) + "\n");
    } catch {
      // never let the measurement break the measured process
    }
  });
}
