import { expect, test } from '@playwright/test';
import { debianMirror, parseDeb822Sources, parseOneLineSources } from '../../src/targets/compose/install/apt-sources';

test('reads deb822 and one-line sources, skipping deb-src, disabled stanzas and comments', () => {
  const deb822 = [
    'Types: deb deb-src', 'URIs: http://mirror.example/debian', 'Suites: bookworm bookworm-updates', 'Components: main', '',
    'Types: deb', 'URIs: http://mirror.example/debian-security', 'Suites: bookworm-security', '',
    'Types: deb', 'Enabled: no', 'URIs: http://off.example/debian', 'Suites: trixie', '',
    'Types: deb-src', 'URIs: http://src.example/debian', 'Suites: bookworm',
  ].join('\n');
  expect(parseDeb822Sources(deb822)).toEqual([
    { uri: 'http://mirror.example/debian', suites: ['bookworm', 'bookworm-updates'] },
    { uri: 'http://mirror.example/debian-security', suites: ['bookworm-security'] },
  ]);
  expect(parseOneLineSources('# a comment\ndeb [arch=amd64 signed-by=/k.gpg] http://m.example/debian bookworm main\ndeb-src http://m.example/debian bookworm main\n'))
    .toEqual([{ uri: 'http://m.example/debian', suites: ['bookworm'] }]);
});

test('the Debian mirror is the source of a main suite; Ubuntu sources have none', () => {
  expect(debianMirror([{ uri: 'http://sec.example/debian-security', suites: ['bookworm-security'] }, { uri: 'http://m.example/debian', suites: ['bookworm'] }]))
    .toBe('http://m.example/debian');
  expect(debianMirror([{ uri: 'http://archive.ubuntu.example/ubuntu', suites: ['noble', 'noble-updates'] }])).toBeUndefined();
});
