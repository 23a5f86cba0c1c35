/** `npm run bench`: every benchmark in this folder, one after another (they share two cores). */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("./", import.meta.url));
const only = process.argv.slice(2);
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".mjs") && f !== "run.mjs" && f !== "lib.mjs")
  .sort()) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  console.log(`\n# ${file}`);
  const result = spawnSync(process.execPath, [`${dir}${file}`], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
