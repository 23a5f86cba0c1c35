import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runNew(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach new` is not available yet");
}
