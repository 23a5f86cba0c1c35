import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runTest(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach test` is not available yet");
}
