import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from '@playwright/test';

/** Asserts `svg` is well-formed XML with an <svg> root in the SVG namespace, and returns its tree. */
export function parseSvg(svg: string): Record<string, unknown> {
  const valid = XMLValidator.validate(svg);
  expect(valid, typeof valid === 'object' ? `${valid.err.msg} at line ${valid.err.line}` : '').toBe(true);
  const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(svg) as { svg?: Record<string, unknown> };
  expect(tree.svg?.['@xmlns']).toBe('http://www.w3.org/2000/svg');
  return tree.svg!;
}

/** Every element with class `cls`, as attribute maps, found by a walk of the parsed tree. */
export function elementsWithClass(node: unknown, cls: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record['@class'] === 'string' && record['@class'].split(' ').includes(cls)) found.push(record);
    Object.values(record).forEach(walk);
  };
  walk(node);
  return found;
}
