/**
 * A write the broker's disk refused (full, read-only, I/O error). What was being written is
 * undone, so the log stays as it was before the call, and the client is told to retry later.
 */
export class StorageError extends Error {
  override name = 'StorageError';

  constructor(readonly file: string, readonly errno: NodeJS.ErrnoException) {
    super(`cannot write ${file}: ${errno.code ?? errno.message}`);
  }
}

/** True for an error of the file system, as opposed to a bug or a bad request. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
