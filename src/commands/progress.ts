import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runProgress(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach progress` is not available yet");
}
