/**
 * The before/after view of an audit entry: both JSON documents flattened to dotted paths and
 * compared field by field.
 */

/** How one field differs. */
export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

/** One field of the comparison; values are shown as JSON text ('' when absent). */
export interface DiffRow {
  field: string;
  before: string;
  after: string;
  kind: DiffKind;
}

/** A parsed document, or the raw text when it is not JSON. */
function parse(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Leaf values by dotted path; arrays are compared whole, as one value. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (value === undefined) return out;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  out.set(prefix, typeof value === 'string' && prefix === '' ? value : JSON.stringify(value));
  return out;
}

/**
 * Compares two JSON documents (either may be '' for "none", or not JSON at all).
 * Rows are sorted by field; unchanged fields are included with kind 'same'.
 *
 * @example
 * diffJson('{"title":"Dev"}', '{"title":"Lead"}');
 * // [{ field: 'title', before: '"Dev"', after: '"Lead"', kind: 'changed' }]
 */
export function diffJson(beforeText: string, afterText: string): DiffRow[] {
  const before = flatten(parse(beforeText), '', new Map());
  const after = flatten(parse(afterText), '', new Map());
  const fields = [...new Set([...before.keys(), ...after.keys()])].sort();
  return fields.map((field) => {
    const b = before.get(field);
    const a = after.get(field);
    const kind: DiffKind =
      b === undefined ? 'added' : a === undefined ? 'removed' : a === b ? 'same' : 'changed';
    return { field, before: b ?? '', after: a ?? '', kind };
  });
}
