import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A `deb` source of the system's apt configuration: the mirror and the suites it serves. */
export interface AptSource {
  uri: string;
  suites: string[];
}

/** Sources from one-line `sources.list` text (`deb [opts] URI SUITE COMPONENT...`). */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const match = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
    if (match) sources.push({ uri: match[1]!, suites: [match[2]!] });
  }
  return sources;
}

/** Sources from deb822 `.sources` text (stanzas of `Types:`, `URIs:`, `Suites:`). */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line.trim());
      if (match && !line.trimStart().startsWith('#')) fields.set(match[1]!.toLowerCase(), match[2]!);
    }
    if (!(fields.get('types') ?? '').split(/\s+/).includes('deb')) continue;
    if (/^no$/i.test(fields.get('enabled') ?? 'yes')) continue;
    const suites = (fields.get('suites') ?? '').split(/\s+/).filter(Boolean);
    for (const uri of (fields.get('uris') ?? '').split(/\s+/).filter(Boolean)) sources.push({ uri, suites });
  }
  return sources;
}

/** Every `deb` source the system's apt uses. */
export function systemAptSources(etcApt = '/etc/apt'): AptSource[] {
  const sources: AptSource[] = [];
  const list = join(etcApt, 'sources.list');
  if (existsSync(list)) sources.push(...parseOneLineSources(readFileSync(list, 'utf8')));
  const dir = join(etcApt, 'sources.list.d');
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).sort()) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (file.endsWith('.list')) sources.push(...parseOneLineSources(text));
      if (file.endsWith('.sources')) sources.push(...parseDeb822Sources(text));
    }
  }
  return sources;
}

const DEBIAN_MAIN_SUITES = /^(buster|bullseye|bookworm|trixie|forky|sid|stable|testing|unstable)$/;

/**
 * The system's own Debian mirror (the URI of a source serving a main Debian suite, not security
 * or updates), so that a package of another release can be fetched from the mirror this machine
 * already trusts, without adding that release to its sources.
 */
export function debianMirror(sources: readonly AptSource[]): string | undefined {
  return sources.find((s) => s.suites.some((suite) => DEBIAN_MAIN_SUITES.test(suite)))?.uri;
}
