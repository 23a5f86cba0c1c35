import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runReport(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach report` is not available yet");
}
