import type { ChaosRecord, FaultRecord, RecoveryMarks, TimelineSeries } from '../report-model/chaos-record';
import { formatDurationMs, formatLimitMs } from './format-duration';
import { decimatePoints } from './decimate-points';
import { linearScale, niceTicks, SERIES_COLOURS, tickLabel } from './svg-scale';
import { xmlEscape } from './xml-escape';

/** Attachment name of the evidence timeline (content type `image/svg+xml`). */
export const TIMELINE_ATTACHMENT = 'evidence-timeline.svg';

/** The geometry the campaign timeline shares. */
export const WIDTH = 900;
export const LEFT = 70;
export const RIGHT = 170;
const TOP = 80;
/** Longest fault line drawn; the whole of it is in the line's tooltip. */
const FAULT_LINE_CHARS = 140;
export const PANEL_HEIGHT = 150;
export const PANEL_GAP = 40;
const BOTTOM = 44;
const MARKS: Array<{ key: keyof RecoveryMarks; label: string; colour: string }> = [
  { key: 'injectMs', label: 'inject', colour: '#d62728' },
  { key: 'healMs', label: 'heal', colour: '#2ca02c' },
  { key: 'firstProgressMs', label: 'firstProgress', colour: '#1f77b4' },
  { key: 'steadyMs', label: 'steady', colour: '#7f7f7f' },
];

/** Series grouped by unit, one panel per unit, in the order they first appear. */
export function panelsOf(timeline: readonly TimelineSeries[]): Array<{ unit: string; series: TimelineSeries[] }> {
  const panels: Array<{ unit: string; series: TimelineSeries[] }> = [];
  for (const s of timeline) {
    const panel = panels.find((p) => p.unit === s.unit);
    if (panel) panel.series.push(s);
    else panels.push({ unit: s.unit, series: [s] });
  }
  return panels;
}

function headline(record: ChaosRecord): string {
  const { failureMode, outcome, durations, mttrTargetMs } = record;
  return `${failureMode.number}. ${failureMode.name} · ${outcome} · MTTR ${formatDurationMs(durations.mttrMs)} (target ${formatLimitMs(mttrTargetMs)})`;
}

/** A fault's kind, service and parameters: "degrade-link broker (lossPercent 5, rateKbit 4000)". */
export function faultLabel(fault: Pick<FaultRecord, 'action' | 'service' | 'parameters'>): string {
  const parameters = Object.entries(fault.parameters ?? {}).map(([name, value]) => `${name} ${value}`);
  return `${fault.action} ${fault.service}${parameters.length > 0 ? ` (${parameters.join(', ')})` : ''}`;
}

function faultLine(record: ChaosRecord): string {
  return record.faults.length === 0 ? 'faults: none injected' : `faults: ${record.faults.map(faultLabel).join(' · ')}`;
}

/**
 * The evidence timeline of one test as a standalone SVG: one panel per unit (ingest rate per
 * exchange, end-to-end lag), the fault window (inject..heal) and the recovery wait
 * (heal..firstProgress) shaded, and the four recovery marks drawn across every panel. Under the
 * headline, each fault's kind, service and parameters.
 */
export function renderTimelineSvg(record: ChaosRecord): string {
  const panels = panelsOf(record.timeline.filter((s) => s.points.length > 0));
  const panelCount = Math.max(1, panels.length);
  const height = TOP + panelCount * PANEL_HEIGHT + (panelCount - 1) * PANEL_GAP + BOTTOM;
  const plotBottom = height - BOTTOM;
  const times = [...record.timeline.flatMap((s) => s.points.map(([t]) => t)), ...Object.values(record.marks).filter((v): v is number => v !== undefined)];
  const xTicks = niceTicks(Math.max(1_000, ...times) / 1_000, 8);
  const x = linearScale([0, xTicks.at(-1)! * 1_000], [LEFT, WIDTH - RIGHT]);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<title>${xmlEscape(`Evidence timeline: ${headline(record)}`)}</title>`);
  out.push(`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${LEFT}" y="22" font-size="14" font-weight="bold">${xmlEscape(headline(record))}</text>`);
  const faults = faultLine(record);
  const shown = faults.length > FAULT_LINE_CHARS ? `${faults.slice(0, FAULT_LINE_CHARS - 1)}…` : faults;
  out.push(`<text class="faults" x="${LEFT}" y="40" fill="#444"><title>${xmlEscape(faults)}</title>${xmlEscape(shown)}</text>`);

  const { injectMs, healMs, firstProgressMs } = record.marks;
  const endMs = xTicks.at(-1)! * 1_000;
  const band = (cls: string, fromMs: number, toMs: number, fill: string, label: string) =>
    out.push(`<rect class="${cls}" x="${x(fromMs).toFixed(1)}" y="${TOP}" width="${Math.max(1, x(toMs) - x(fromMs)).toFixed(1)}" height="${plotBottom - TOP}" fill="${fill}" fill-opacity="0.14"><title>${xmlEscape(label)}</title></rect>`);
  const kinds = [...new Set(record.faults.map((f) => f.action))].join(', ');
  const window = healMs === undefined ? 'fault window (never healed)' : 'fault window (inject to heal)';
  if (injectMs !== undefined) band('fault-window', injectMs, healMs ?? endMs, '#d62728', kinds ? `${window}: ${kinds}` : window);
  if (healMs !== undefined) band('recovery-window', healMs, firstProgressMs ?? endMs, '#ff7f0e', firstProgressMs === undefined ? 'no progress after heal' : 'MTTR (heal to firstProgress)');

  for (const tick of xTicks) {
    const px = x(tick * 1_000).toFixed(1);
    out.push(`<line x1="${px}" x2="${px}" y1="${TOP}" y2="${plotBottom}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${px}" y="${plotBottom + 16}" text-anchor="middle">${tickLabel(tick)}</text>`);
  }
  out.push(`<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${height - 8}" text-anchor="middle">seconds since the experiment started</text>`);

  if (panels.length === 0) {
    out.push(`<text class="no-readings" x="${(LEFT + WIDTH - RIGHT) / 2}" y="${TOP + PANEL_HEIGHT / 2}" text-anchor="middle" fill="#666">no timeline readings recorded</text>`);
  }
  panels.forEach((panel, index) => out.push(...panelSvg(panel, TOP + index * (PANEL_HEIGHT + PANEL_GAP), x, index)));

  for (const mark of MARKS) {
    const at = record.marks[mark.key];
    if (at === undefined) continue;
    const px = x(at).toFixed(1);
    out.push(`<g class="mark" data-mark="${mark.label}"><title>${mark.label} at ${(at / 1_000).toFixed(1)}s</title>` +
      `<line x1="${px}" x2="${px}" y1="${TOP - 6}" y2="${plotBottom}" stroke="${mark.colour}" stroke-width="1.5" stroke-dasharray="5 3"/>` +
      `<text x="${px}" y="${TOP - 10 - (MARKS.indexOf(mark) % 2) * 12}" text-anchor="middle" fill="${mark.colour}">${mark.label}</text></g>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** One panel of series sharing a unit, `PANEL_HEIGHT` high from `top` (shared with the campaign timeline). */
export function panelSvg(panel: { unit: string; series: TimelineSeries[] }, top: number, x: (ms: number) => number, panelIndex: number): string[] {
  const values = panel.series.flatMap((s) => s.points.map(([, v]) => v)).filter(Number.isFinite);
  const yTicks = niceTicks(Math.max(0, ...values), 4);
  const y = linearScale([0, yTicks.at(-1)!], [top + PANEL_HEIGHT, top]);
  const out = [`<g class="panel" data-unit="${xmlEscape(panel.unit)}">`];
  out.push(`<rect x="${LEFT}" y="${top}" width="${WIDTH - LEFT - RIGHT}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`);
  for (const tick of yTicks) {
    const py = y(tick).toFixed(1);
    out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${py}" y2="${py}" stroke="#eeeeee"/>`);
    out.push(`<text x="${LEFT - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${tickLabel(tick)}</text>`);
  }
  out.push(`<text transform="translate(14 ${top + PANEL_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${xmlEscape(panel.unit)}</text>`);
  panel.series.forEach((series, i) => {
    const colour = SERIES_COLOURS[(panelIndex * 3 + i) % SERIES_COLOURS.length]!;
    const finite = series.points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
    const points = decimatePoints(finite, x).map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`);
    out.push(`<polyline class="series" data-series="${xmlEscape(series.name)}" fill="none" stroke="${colour}" stroke-width="1.8" points="${points.join(' ')}"><title>${xmlEscape(`${series.name} (${series.unit})`)}</title></polyline>`);
    const ly = top + 12 + i * 16;
    out.push(`<line x1="${WIDTH - RIGHT + 12}" x2="${WIDTH - RIGHT + 30}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="3"/>`);
    out.push(`<text x="${WIDTH - RIGHT + 36}" y="${ly}" dominant-baseline="middle">${xmlEscape(series.name)}</text>`);
  });
  out.push('</g>');
  return out;
}
