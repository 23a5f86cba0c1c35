// Loaded with --require by bench/lib.mjs: writes the process's CPU time where COACH_BENCH_CPU says.
const { writeFileSync } = require("node:fs");
process.on("exit", () => {
  if (process.env.COACH_BENCH_CPU) writeFileSync(process.env.COACH_BENCH_CPU, JSON.stringify(process.cpuUsage()));
});
