import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runExport(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach export` is not available yet");
}
export async function runImport(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach export` is not available yet");
}
