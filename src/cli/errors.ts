/** Errors that end a command with a given exit code and a message for the user, never a stack trace. */

export const EXIT_OK = 0;
/** The command ran and found problems: invalid files, failed examples, a score under --min-score. */
export const EXIT_PROBLEMS = 1;
/** Usage error or unreadable input. */
export const EXIT_USAGE = 2;
/** Interrupted with Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export class UsageError extends ExitError {
  constructor(message: string, hint?: string) {
    super(EXIT_USAGE, message, hint);
  }
}

const FS_WORDS: Record<string, string> = {
  ENOENT: "no such file or folder (or its folder does not exist)",
  EISDIR: "it is a folder, not a file",
  ENOTDIR: "a part of the path is not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOSPC: "the disk is full",
  EROFS: "the file system is read-only",
  ENAMETOOLONG: "the name is too long",
  EEXIST: "it already exists",
  EIO: "an input/output error (the terminal or the disk went away)",
  ENXIO: "the device is gone",
  EFBIG: "the file is too large",
  EDQUOT: "the disk quota is used up",
  ELOOP: "the symbolic links go round in a loop",
  EPIPE: "the reader closed the pipe",
};

/** Why a file system call failed, in plain words: "it is a folder, not a file", not EISDIR. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  return FS_WORDS[code] ?? (error as Error).message;
}

/** A file system failure on the user's path, said plainly (exit 2): "cannot write x.yaml: it is a folder". */
export function fileError(error: unknown, action: string, path: string): UsageError {
  return new UsageError(`cannot ${action} ${path}: ${fsReason(error)}`);
}
