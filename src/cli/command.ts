/** One `k2-chaos <name>` subcommand. Modules export it as `command`. */
export interface CliCommand {
  /** One line for `k2-chaos --help`. */
  summary: string;
  /** Full usage text printed for `k2-chaos <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. Long-running services resolve when they stop. */
  run(argv: string[]): Promise<number>;
}

/** Thrown for bad command-line input; the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
