/**
 * `coach test [PATH...]`: runs the example replies in scenarios and rubrics and reports each as
 * passed or failed, with the evidence for a failure. `--update` rewrites failing expectations from
 * the current scores, keeping the files' comments and layout, and says what it changed.
 * Exit 0 all pass, 1 failures or invalid files, 2 usage.
 */
import { readFileSync } from "node:fs";
import { sep } from "node:path";
import { type ExampleResult, runExamples } from "../authoring/examples.js";
import { type ExpectationChange, planUpdates } from "../authoring/expectation-edits.js";
import { type CheckedContent, loadTargets, type Targets } from "../authoring/targets.js";
import { EXIT_OK, EXIT_PROBLEMS, fsReason } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import type { ParsedFile } from "../content/load.js";
import { renderCappedDiagnostics } from "../report/diagnostics-text.js";
import { visible } from "../report/safe-text.js";
import { makeStyle } from "../report/style.js";
import { renderTestGithub, renderTestJunit, renderTestTap } from "../report/test-ci.js";
import { buildTestReport, renderTestJson, type TestReport } from "../report/test-report.js";
import { renderTestText } from "../report/test-text.js";
import { sourcesOf } from "./content.js";
import { type TargetCommandOptions, targetsOf } from "./targets.js";
import { formatOf } from "./validate.js";
import { writeWhole } from "./write-whole.js";

export const TEST_FORMATS = ["text", "json", "github", "junit", "tap"] as const;

export interface TestOptions extends TargetCommandOptions {
  format?: string;
  json?: boolean;
  update?: boolean;
}

/** Invalid content cannot be tested: show its errors and stop (exit 1, like validate). */
function contentErrors(checked: CheckedContent, io: Io): boolean {
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0) return false;
  const style = makeStyle(io.color && io.stderr.isTTY === true);
  io.stderr.write(`${renderCappedDiagnostics(errors, style, sourcesOf(checked.catalog))}\n\n`);
  io.stderr.write(`coach: ${errors.length} error${errors.length === 1 ? "" : "s"} in the content; the examples were not run\n`);
  io.stderr.write("hint: run `coach validate` for every problem, warnings included\n");
  return true;
}

function run(targets: Targets, io: Io): { checked: CheckedContent; results: ExampleResult[] } | undefined {
  const checked = loadTargets(targets);
  if (contentErrors(checked, io)) return undefined;
  return { checked, results: runExamples(checked.catalog, checked.names) };
}

/**
 * Whether the file can be rewritten with only its expectations changed: its bytes, read again,
 * must decode without loss to the text the edits were planned on. A byte-order mark is kept (the
 * text was read without it); a file that is not valid UTF-8, or that changed meanwhile, is left
 * alone, with the reason.
 */
function keptBytes(path: string, planned: string | undefined): { bom: boolean } | string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return `cannot read it again (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "it is not valid UTF-8 text, so rewriting it would change more than its expectations";
  }
  if (text !== planned) return "it changed while the examples ran; run `coach test --update` again";
  return { bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf };
}

/** The installed package's own files are not the trainer's to rewrite. */
function insideNodeModules(path: string): boolean {
  return path.split(sep).includes("node_modules");
}

function update(
  targets: Targets,
  checked: CheckedContent,
  results: ExampleResult[],
): { changes: ExpectationChange[]; notUpdated: Array<{ file: string; message: string }> } {
  const paths = new Map(targets.targets.map((t) => [t.display, t.path]));
  const notUpdated: Array<{ file: string; message: string }> = [];
  const allowed = results.filter((r) => {
    if (r.passed || !insideNodeModules(paths.get(r.file) ?? "")) return true;
    if (!notUpdated.some((n) => n.file === r.file))
      notUpdated.push({
        file: r.file,
        message: "it is inside node_modules (the installed package); copy it into your own scenarios/ or rubrics/ first",
      });
    return false;
  });
  const files = new Map<string, ParsedFile>(checked.files.map((f) => [f.file, f]));
  const plan = planUpdates(allowed, files);
  notUpdated.push(...plan.problems);
  const changes: ExpectationChange[] = [];
  for (const u of plan.updates) {
    const path = paths.get(u.file) as string;
    const bytes = keptBytes(path, files.get(u.file)?.text);
    if (typeof bytes === "string") {
      notUpdated.push({ file: u.file, message: bytes });
      continue;
    }
    // Written whole or not at all: a full disk leaves the trainer's file as it was.
    try {
      writeWhole(path, bytes.bom ? `\uFEFF${u.text}` : u.text, { overwrite: true });
    } catch (error) {
      notUpdated.push({ file: u.file, message: `could not be written: ${fsReason(error)}` });
      continue;
    }
    changes.push(...u.changes);
  }
  return { changes, notUpdated };
}

function render(report: TestReport, format: (typeof TEST_FORMATS)[number], io: Io): string {
  switch (format) {
    case "json":
      return renderTestJson(report);
    case "github":
      return renderTestGithub(report);
    case "junit":
      return renderTestJunit(report);
    case "tap":
      return renderTestTap(report);
    default:
      return renderTestText(report, makeStyle(io.color));
  }
}

export async function runTest(options: TestOptions, io: Io): Promise<number> {
  const format = formatOf(options, TEST_FORMATS);
  const targets = targetsOf(options, io);
  if (targets.note !== undefined) io.stderr.write(`coach: ${targets.note}\n`);
  const first = run(targets, io);
  if (first === undefined) return EXIT_PROBLEMS;
  let report = buildTestReport(first.checked.names, first.results);
  if (options.update === true && report.summary.failed > 0) {
    const { changes, notUpdated } = update(targets, first.checked, first.results);
    // Run again from the files as written: the report shows where things really stand.
    const second = changes.length > 0 ? run(targets, io) : first;
    if (second === undefined) return EXIT_PROBLEMS;
    report = buildTestReport(second.checked.names, second.results, changes, notUpdated);
    // Changes go to stderr in the machine formats, so standard output stays one document.
    if (format !== "text" && format !== "json")
      for (const c of changes)
        io.stderr.write(`updated ${visible(`${c.file}:${c.line}:${c.column} ${c.example}: ${c.what} ${c.from} -> ${c.to}`)}\n`);
  }
  io.stdout.write(render(report, format, io));
  return report.ok ? EXIT_OK : EXIT_PROBLEMS;
}
