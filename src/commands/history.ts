import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runHistory(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach history` is not available yet");
}
export async function runHistoryShow(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach history` is not available yet");
}
