import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runPlay(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach play` is not available yet");
}
