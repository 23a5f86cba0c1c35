/** `coach --version` and `coach list` against `node -e 0`, measured in the same run: within 2x. */
import { bin, medianOf, report, timeCommand } from "./lib.mjs";

const runs = 15;
const env = { ...process.env, NO_COLOR: "1" };
const baseline = medianOf(runs, () => timeCommand(process.execPath, ["-e", "0"], { env }));
const version = medianOf(runs, () => timeCommand(process.execPath, [bin, "--version"], { env }));
const list = medianOf(runs, () => timeCommand(process.execPath, [bin, "list"], { env }));

let ok = true;
report("node -e 0 (baseline)", baseline.toFixed(1), "ms");
ok =
  report("coach --version", version.toFixed(1), "ms", {
    ok: version <= 2 * baseline,
    text: `${(version / baseline).toFixed(2)}x baseline, target <= 2x`,
  }) && ok;
ok =
  report("coach list", list.toFixed(1), "ms", {
    ok: list <= 2 * baseline,
    text: `${(list / baseline).toFixed(2)}x baseline, target <= 2x`,
  }) && ok;
process.exitCode = ok ? 0 : 1;
