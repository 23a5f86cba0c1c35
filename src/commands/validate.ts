import { UsageError } from "../cli/errors.js";
import type { Io } from "../cli/io.js";
export async function runValidate(_options: unknown, _io: Io): Promise<number> {
  throw new UsageError("`coach validate` is not available yet");
}
