import { readFileSync } from 'node:fs';

/** Self size and count of one kind of heap object (by constructor or type name). */
export interface HeapGroup {
  name: string;
  count: number;
  selfBytes: number;
}

/**
 * Sums a V8 heap snapshot (`v8.writeHeapSnapshot()`) by object name: constructor for objects,
 * type for the rest ("(string)", "(closure) name", …). Self sizes only (no retained sizes).
 */
export function heapBreakdown(snapshotPath: string): Map<string, HeapGroup> {
  const snap = JSON.parse(readFileSync(snapshotPath, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] ?? 0] ?? '?';
    const rawName = snap.strings[snap.nodes[i + nameAt] ?? 0] ?? '?';
    const name =
      type === 'object' ? rawName : type === 'closure' ? `(closure) ${rawName}` : `(${type})`;
    const g = groups.get(name) ?? { name, count: 0, selfBytes: 0 };
    g.count += 1;
    g.selfBytes += snap.nodes[i + sizeAt] ?? 0;
    groups.set(name, g);
  }
  return groups;
}

/** The groups that grew most between two breakdowns, per `per` (e.g. per connection). */
export function heapGrowth(
  before: Map<string, HeapGroup>,
  after: Map<string, HeapGroup>,
  per: number,
  top = 15,
): { name: string; countPer: number; bytesPer: number }[] {
  const rows = [...after.values()].map((g) => {
    const b = before.get(g.name);
    return {
      name: g.name,
      countPer: Math.round(((g.count - (b?.count ?? 0)) / per) * 100) / 100,
      bytesPer: Math.round((g.selfBytes - (b?.selfBytes ?? 0)) / per),
    };
  });
  return rows.sort((a, b) => b.bytesPer - a.bytesPer).slice(0, top);
}
