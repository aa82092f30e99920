/** Options of the MTTR reporter in playwright.config.ts; environment variables override them. */
export interface MttrReporterOptions {
  /** Reports folder, relative to the config's folder. Env K2_REPORTS_DIR; default `reports`. */
  outputDir?: string;
  /** Fail the run on an MTTR or outcome regression. Env K2_REGRESSION_GATE=1; default off. */
  regressionGate?: boolean;
  /** 0.5 = MTTR may exceed the history median by 50%. Env K2_REGRESSION_MARGIN; default 0.5. */
  regressionMargin?: number;
  /** Earlier runs the median is taken over. Env K2_HISTORY_WINDOW; default 10. */
  historyWindow?: number;
  /**
   * MTTR history folder, relative to the config's folder. Env K2_HISTORY_DIR; default
   * `<outputDir>/history`. Targets may share one: every entry names its target.
   */
  historyDir?: string;
}

export type ResolvedMttrReporterOptions = Required<MttrReporterOptions>;

function parseBoolean(value: string, name: string): boolean {
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off|)$/i.test(value)) return false;
  throw new Error(`${name} must be 1 or 0 (true/false), got "${value}"`);
}

function checkNumber(value: unknown, name: string, isValid: (n: number) => boolean, rule: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || !isValid(n)) {
    throw new Error(`${name} must be ${rule}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** Env > config > default, with errors naming the exact option or variable. */
export function resolveReporterOptions(options: MttrReporterOptions, env: NodeJS.ProcessEnv): ResolvedMttrReporterOptions {
  const gateEnv = env.K2_REGRESSION_GATE;
  if (options.regressionGate !== undefined && typeof options.regressionGate !== 'boolean') {
    throw new Error(`mttr-reporter option regressionGate must be a boolean, got ${JSON.stringify(options.regressionGate)}`);
  }
  const outputDir = env.K2_REPORTS_DIR || options.outputDir || 'reports';
  if (typeof outputDir !== 'string') throw new Error(`mttr-reporter option outputDir must be a string, got ${JSON.stringify(outputDir)}`);
  const historyDir = env.K2_HISTORY_DIR || options.historyDir || `${outputDir}/history`;
  if (typeof historyDir !== 'string') throw new Error(`mttr-reporter option historyDir must be a string, got ${JSON.stringify(historyDir)}`);
  return {
    outputDir,
    historyDir,
    regressionGate: gateEnv !== undefined ? parseBoolean(gateEnv, 'K2_REGRESSION_GATE') : options.regressionGate ?? false,
    regressionMargin: env.K2_REGRESSION_MARGIN !== undefined
      ? checkNumber(env.K2_REGRESSION_MARGIN, 'K2_REGRESSION_MARGIN', (n) => n >= 0, 'a non-negative number (0.5 = 50%)')
      : checkNumber(options.regressionMargin ?? 0.5, 'mttr-reporter option regressionMargin', (n) => n >= 0, 'a non-negative number (0.5 = 50%)'),
    historyWindow: env.K2_HISTORY_WINDOW !== undefined
      ? checkNumber(env.K2_HISTORY_WINDOW, 'K2_HISTORY_WINDOW', (n) => Number.isInteger(n) && n > 0, 'a positive integer')
      : checkNumber(options.historyWindow ?? 10, 'mttr-reporter option historyWindow', (n) => Number.isInteger(n) && n > 0, 'a positive integer'),
  };
}
