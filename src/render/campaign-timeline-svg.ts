import type { CampaignRecord } from '../campaign/campaign-record';
import { linearScale, niceTicks, SERIES_COLOURS, tickLabel } from './svg-scale';
import { LEFT, PANEL_GAP, PANEL_HEIGHT, panelsOf, panelSvg, RIGHT, WIDTH } from './timeline-svg';
import { xmlEscape } from './xml-escape';

/** Attachment name of a campaign's timeline (content type `image/svg+xml`). */
export const CAMPAIGN_TIMELINE_ATTACHMENT = 'campaign-timeline.svg';

const TOP = 50;
const ROW_HEIGHT = 18;
const BOTTOM = 44;

/**
 * The whole campaign on one time axis: a row per role with each fault as a band from inject to
 * heal (coloured by kind, numbered as in the schedule), then the timeline's panels (silver trades
 * and ingest lag per exchange). Points are thinned to the pixel width, so a 10-minute run reads
 * as well as a 2-minute one.
 */
export function renderCampaignTimelineSvg(record: CampaignRecord): string {
  const applied = record.runs.filter((r) => r.injectedAtMs !== undefined);
  const roles = [...new Set(applied.map((r) => r.role))].sort();
  const kinds = [...new Set(applied.map((r) => r.kind))];
  const panels = panelsOf(record.timeline.filter((s) => s.points.length > 0));
  const bandsBottom = TOP + Math.max(1, roles.length) * ROW_HEIGHT;
  const panelsTop = bandsBottom + PANEL_GAP;
  const height = panelsTop + panels.length * (PANEL_HEIGHT + PANEL_GAP) + BOTTOM;
  const times = [record.choice.durationMs, ...record.timeline.flatMap((s) => s.points.map(([t]) => t)), ...applied.map((r) => r.healedAtMs ?? 0)];
  const xTicks = niceTicks(Math.max(1_000, ...times) / 1_000, 10);
  const endMs = xTicks.at(-1)! * 1_000;
  const x = linearScale([0, endMs], [LEFT, WIDTH - RIGHT]);
  const headline = `Campaign seed ${record.choice.seed} · ${record.verdict} · ${applied.length} faults on ${roles.length} roles`;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${xmlEscape(headline)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="22" font-size="14" font-weight="bold">${xmlEscape(headline)}</text>`,
  ];
  roles.forEach((role, i) => {
    const y = TOP + i * ROW_HEIGHT;
    out.push(`<text x="${LEFT - 6}" y="${y + ROW_HEIGHT / 2}" text-anchor="end" dominant-baseline="middle">${xmlEscape(role)}</text>`);
    out.push(`<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y + ROW_HEIGHT}" y2="${y + ROW_HEIGHT}" stroke="#eeeeee"/>`);
  });
  for (const r of applied) {
    const y = TOP + roles.indexOf(r.role) * ROW_HEIGHT + 2;
    const from = x(r.injectedAtMs!);
    const to = x(r.healedAtMs ?? endMs);
    const colour = SERIES_COLOURS[kinds.indexOf(r.kind) % SERIES_COLOURS.length]!;
    const label = `#${r.index} ${r.name}: ${(r.injectedAtMs! / 1000).toFixed(1)}s to ${r.healedAtMs === undefined ? 'never healed' : `${(r.healedAtMs / 1000).toFixed(1)}s`}${r.mttrMs === undefined ? '' : `, MTTR ${(r.mttrMs / 1000).toFixed(1)}s`}`;
    out.push(`<g class="fault-band" data-role="${xmlEscape(r.role)}" data-kind="${xmlEscape(r.kind)}"><title>${xmlEscape(label)}</title>` +
      `<rect x="${from.toFixed(1)}" y="${y}" width="${Math.max(2, to - from).toFixed(1)}" height="${ROW_HEIGHT - 4}" fill="${colour}" fill-opacity="0.75"/>` +
      `<text x="${(from + 2).toFixed(1)}" y="${y + ROW_HEIGHT / 2 - 1}" dominant-baseline="middle" fill="#ffffff" font-size="9">#${r.index}</text></g>`);
  }
  kinds.forEach((kind, i) => {
    const ly = TOP + i * 16 + 6;
    out.push(`<rect x="${WIDTH - RIGHT + 12}" y="${ly - 5}" width="18" height="10" fill="${SERIES_COLOURS[i % SERIES_COLOURS.length]}" fill-opacity="0.75"/>`);
    out.push(`<text x="${WIDTH - RIGHT + 36}" y="${ly}" dominant-baseline="middle">${xmlEscape(kind)}</text>`);
  });
  panels.forEach((panel, i) => out.push(...panelSvg(panel, panelsTop + i * (PANEL_HEIGHT + PANEL_GAP), x, i)));
  const axisBottom = height - BOTTOM;
  for (const tick of xTicks) {
    const px = x(tick * 1_000).toFixed(1);
    out.push(`<line x1="${px}" x2="${px}" y1="${TOP}" y2="${axisBottom}" stroke="#e5e5e5" stroke-opacity="0.6"/>`);
    out.push(`<text x="${px}" y="${axisBottom + 16}" text-anchor="middle">${tickLabel(tick)}</text>`);
  }
  out.push(`<text x="${(LEFT + WIDTH - RIGHT) / 2}" y="${height - 8}" text-anchor="middle">seconds since the campaign started</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
