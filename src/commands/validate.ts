/**
 * `coach validate [PATH...]`: checks scenario and rubric files (YAML, schema, references across
 * files, turn graphs, rules) and reports every problem with its file, line and column.
 * Exit 0 clean, 1 errors (or warnings with --strict), 2 usage.
 */
import { modelAnswerDiagnostics } from "../authoring/examples.js";
import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
import { sortDiagnostics } from "../content/diagnostics.js";
import { makeStyle } from "../report/style.js";
import { renderValidateGithub, renderValidateJunit } from "../report/validate-ci.js";
import { buildValidateReport, renderValidateJson } from "../report/validate-report.js";
import { renderValidateText } from "../report/validate-text.js";
import { sourcesOf } from "./content.js";
import { loadChecked, type TargetCommandOptions } from "./targets.js";

export const VALIDATE_FORMATS = ["text", "json", "github", "junit"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface ValidateOptions extends TargetCommandOptions {
  format?: string;
  json?: boolean;
  strict?: boolean;
}

export function formatOf<F extends string>(options: { format?: string | undefined; json?: boolean | undefined }, formats: readonly F[]): F {
  const format = options.json === true ? "json" : (options.format ?? "text");
  if (!(formats as readonly string[]).includes(format))
    throw new UsageError(`unknown format \`${format}\``, `formats: ${formats.join(", ")}`);
  return format as F;
}

export async function runValidate(options: ValidateOptions, io: Io): Promise<number> {
  const format = formatOf(options, VALIDATE_FORMATS);
  const checked = loadChecked(options, io);
  const kinds = new Map(checked.files.map((f) => [f.file, f.kind]));
  // Model answers are scored only here: the other commands load content without scoring it.
  const diagnostics = sortDiagnostics([...checked.diagnostics, ...modelAnswerDiagnostics(checked.catalog, checked.names)]);
  const report = buildValidateReport(
    checked.names.map((file) => ({ file, kind: kinds.get(file) })),
    diagnostics,
    options.strict === true,
  );
  switch (format) {
    case "json":
      io.stdout.write(renderValidateJson(report));
      break;
    case "github":
      io.stdout.write(renderValidateGithub(report));
      break;
    case "junit":
      io.stdout.write(renderValidateJunit(report));
      break;
    default:
      io.stdout.write(renderValidateText(report, makeStyle(io.color), sourcesOf(checked.catalog)));
  }
  return report.ok ? 0 : 1;
}
