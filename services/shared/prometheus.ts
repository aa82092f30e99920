/** A tiny Prometheus registry: counters and gauges with optional labels, rendered as text. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, { help: string; type: 'counter' | 'gauge'; values: Map<string, number> }>();

  counter(name: string, help: string): (by?: number, labels?: Record<string, string>) => void {
    this.define(name, help, 'counter');
    return (by = 1, labels = {}) => this.add(name, labels, by);
  }

  gauge(name: string, help: string): (value: number, labels?: Record<string, string>) => void {
    this.define(name, help, 'gauge');
    return (value, labels = {}) => this.metrics.get(name)!.values.set(labelKey(labels), value);
  }

  /** Current value, for tests and health detail. */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.metrics.get(name)?.values.get(labelKey(labels)) ?? 0;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, metric] of this.metrics) {
      lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} ${metric.type}`);
      if (metric.values.size === 0) lines.push(`${name} 0`);
      for (const [labels, value] of metric.values) lines.push(`${name}${labels} ${value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private define(name: string, help: string, type: 'counter' | 'gauge'): void {
    if (!this.metrics.has(name)) this.metrics.set(name, { help, type, values: new Map() });
  }

  private add(name: string, labels: Record<string, string>, by: number): void {
    const values = this.metrics.get(name)!.values;
    const key = labelKey(labels);
    values.set(key, (values.get(key) ?? 0) + by);
  }
}

function labelKey(labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}

/** Parses Prometheus text into `name{labels}` -> value, for probes and tests. */
export function parsePrometheusText(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    out.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return out;
}
