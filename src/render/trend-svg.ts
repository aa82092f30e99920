import type { MttrHistoryEntry } from '../history/mttr-history-entry';
import { formatDurationMs, formatLimitMs } from './format-duration';
import { linearScale, niceTicks, tickLabel } from './svg-scale';
import { xmlEscape } from './xml-escape';

const WIDTH = 720;
const HEIGHT = 280;
const LEFT = 64;
const RIGHT = 24;
const TOP = 44;
const BOTTOM = 56;
const PASS_COLOUR = '#009e73';
const FAIL_COLOUR = '#d55e00';

/**
 * MTTR of one failure mode across runs, oldest left: one point per run (green PASS, orange
 * otherwise), a cross on the axis where nothing was measured, and the MTTR target as a dashed line.
 */
export function renderTrendSvg(failureMode: { number: number; name: string }, entries: readonly MttrHistoryEntry[]): string {
  const title = `${failureMode.number}. ${failureMode.name}: MTTR per run`;
  const targetMs = entries.findLast((e) => e.mttrTargetMs !== undefined)?.mttrTargetMs;
  const measured = entries.map((e) => e.mttrMs).filter((v): v is number => v !== undefined);
  const yTicks = niceTicks(Math.max(1, ...measured, targetMs ?? 0) / 1_000, 5);
  const y = linearScale([0, yTicks.at(-1)!], [HEIGHT - BOTTOM, TOP]);
  const x = linearScale([0, Math.max(1, entries.length - 1)], [LEFT + 12, WIDTH - RIGHT - 12]);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<title>${xmlEscape(title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="14" font-weight="bold">${xmlEscape(title)}</text>`,
    `<rect x="${LEFT}" y="${TOP}" width="${WIDTH - LEFT - RIGHT}" height="${HEIGHT - TOP - BOTTOM}" fill="none" stroke="#999"/>`,
    `<text transform="translate(16 ${(TOP + HEIGHT - BOTTOM) / 2}) rotate(-90)" text-anchor="middle">MTTR (s)</text>`,
  ];
  for (const tick of yTicks) {
    const py = y(tick).toFixed(1);
    out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${py}" y2="${py}" stroke="#eeeeee"/>`);
    out.push(`<text x="${LEFT - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${tickLabel(tick)}</text>`);
  }
  if (targetMs !== undefined) {
    const py = y(targetMs / 1_000).toFixed(1);
    out.push(`<g class="target"><line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${py}" y2="${py}" stroke="#d62728" stroke-dasharray="6 4"/>` +
      `<text x="${WIDTH - RIGHT - 4}" y="${Number(py) - 4}" text-anchor="end" fill="#d62728">target ${formatLimitMs(targetMs)}</text></g>`);
  }
  const line = entries.flatMap((e, i) => (e.mttrMs === undefined ? [] : [`${x(i).toFixed(1)},${y(e.mttrMs / 1_000).toFixed(1)}`]));
  if (line.length > 1) out.push(`<polyline class="trend" fill="none" stroke="#0072b2" stroke-width="1.5" points="${line.join(' ')}"/>`);
  const labelEvery = Math.max(1, Math.ceil(entries.length / 8));
  entries.forEach((e, i) => {
    const px = x(i).toFixed(1);
    const what = `${e.date.slice(0, 16).replace('T', ' ')} ${e.commit ? e.commit.slice(0, 8) : ''} ${e.outcome} MTTR ${formatDurationMs(e.mttrMs)}`;
    const colour = e.outcome === 'PASS' ? PASS_COLOUR : FAIL_COLOUR;
    if (e.mttrMs === undefined) {
      const py = HEIGHT - BOTTOM;
      out.push(`<g class="run unmeasured"><title>${xmlEscape(what)}</title><path d="M${Number(px) - 5},${py - 5} l10,10 m0,-10 l-10,10" stroke="${FAIL_COLOUR}" stroke-width="2"/></g>`);
    } else {
      out.push(`<circle class="run" cx="${px}" cy="${y(e.mttrMs / 1_000).toFixed(1)}" r="4.5" fill="${colour}"><title>${xmlEscape(what)}</title></circle>`);
    }
    if (i % labelEvery === 0 || i === entries.length - 1) {
      out.push(`<text x="${px}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${xmlEscape(e.date.slice(5, 10))}</text>`);
    }
  });
  if (entries.length === 0) out.push(`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" fill="#666">no runs recorded</text>`);
  out.push(`<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${HEIGHT - 12}" text-anchor="middle">run (oldest left)</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
