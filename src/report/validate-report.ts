/** The result of `coach validate` as one object, built by a pure function; every format renders it. */
import type { Diagnostic } from "../content/diagnostics.js";

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
  summary: { files: number; errors: number; warnings: number };
  files: ValidatedFile[];
  diagnostics: Diagnostic[];
}

export function buildValidateReport(
  files: ReadonlyArray<{ file: string; kind: "scenario" | "rubric" | undefined }>,
  diagnostics: readonly Diagnostic[],
  strict: boolean,
): ValidateReport {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return {
    ok: errors === 0 && (!strict || warnings === 0),
    strict,
    summary: { files: files.length, errors, warnings },
    files: files.map(({ file, kind }) => {
      const own = diagnostics.filter((d) => d.file === file);
      const fileErrors = own.filter((d) => d.severity === "error").length;
      return { file, kind: kind ?? null, errors: fileErrors, warnings: own.length - fileErrors };
    }),
    diagnostics: [...diagnostics],
  };
}

/** `--format json`: the report as it is, pretty-printed. */
export function renderValidateJson(report: ValidateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
