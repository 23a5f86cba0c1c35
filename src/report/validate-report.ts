/** The result of `coach validate` as one object, built by a pure function; every format renders it. */
import { capRepeats, type Diagnostic, type OmittedDiagnostics } from "../content/diagnostics.js";

export interface ValidatedFile {
  file: string;
  kind: "scenario" | "rubric" | null;
  errors: number;
  warnings: number;
}

export interface ValidateReport {
  /** No errors, and no warnings under --strict. */
  ok: boolean;
  strict: boolean;
  /** Every problem counted, including those only counted in `omitted`. */
  summary: { files: number; errors: number; warnings: number };
  files: ValidatedFile[];
  /** The problems listed: at most MAX_REPEATS of one code per file. */
  diagnostics: Diagnostic[];
  /** The repeats beyond those, counted per file and code. */
  omitted: OmittedDiagnostics[];
}

export function buildValidateReport(
  files: ReadonlyArray<{ file: string; kind: "scenario" | "rubric" | undefined }>,
  diagnostics: readonly Diagnostic[],
  strict: boolean,
): ValidateReport {
  // One pass for the counts per file: filtering the list once per file was files x problems.
  const counts = new Map<string, { errors: number; warnings: number }>();
  let errors = 0;
  for (const d of diagnostics) {
    let own = counts.get(d.file);
    if (own === undefined) {
      own = { errors: 0, warnings: 0 };
      counts.set(d.file, own);
    }
    if (d.severity === "error") {
      own.errors++;
      errors++;
    } else own.warnings++;
  }
  const warnings = diagnostics.length - errors;
  const { shown, omitted } = capRepeats(diagnostics);
  return {
    ok: errors === 0 && (!strict || warnings === 0),
    strict,
    summary: { files: files.length, errors, warnings },
    files: files.map(({ file, kind }) => ({ file, kind: kind ?? null, ...(counts.get(file) ?? { errors: 0, warnings: 0 }) })),
    diagnostics: shown,
    omitted,
  };
}

/** "2 errors, 1 warning" from the report's counts. */
export function countsLine(summary: ValidateReport["summary"]): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")}`;
}

/** `--format json`: the report as it is, pretty-printed. */
export function renderValidateJson(report: ValidateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
