/**
 * The data flows one way (docs/architecture.md): content reads files and holds the schemas, the
 * engine scores, authoring checks content with the engine. A lower room never imports a higher one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "../../src");

function importsOf(folder: string): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  for (const file of readdirSync(join(src, folder))) {
    if (!file.endsWith(".ts")) continue;
    const text = readFileSync(join(src, folder, file), "utf8");
    for (const m of text.matchAll(/from "(\.\.?\/[^"]+)"/g)) out.push({ file: `${folder}/${file}`, target: m[1] as string });
  }
  return out;
}

describe("layers", () => {
  it.each([
    ["content", ["../engine/", "../authoring/", "../commands/", "../play/", "../report/", "../history/"]],
    ["engine", ["../authoring/", "../commands/", "../play/", "../report/", "../history/", "../cli/"]],
    ["authoring", ["../commands/", "../play/", "../report/", "../cli/"]],
  ])("src/%s imports nothing above it", (folder, forbidden) => {
    const wrong = importsOf(folder).filter((i) => forbidden.some((f) => i.target.startsWith(f)));
    expect(wrong).toEqual([]);
  });
});
