import { describe, expect, it } from 'vitest';

import { diffJson } from './json-diff';

describe('audit diff', () => {
  it('compares fields by dotted path', () => {
    expect(
      diffJson(
        '{"displayName":"Dana","title":"Dev","dept":{"id":1},"tags":["a"]}',
        '{"displayName":"Dana","title":"Lead","dept":{"id":2},"role":"admin","tags":["a","b"]}',
      ),
    ).toEqual([
      { field: 'dept.id', before: '1', after: '2', kind: 'changed' },
      { field: 'displayName', before: '"Dana"', after: '"Dana"', kind: 'same' },
      { field: 'role', before: '', after: '"admin"', kind: 'added' },
      { field: 'tags', before: '["a"]', after: '["a","b"]', kind: 'changed' },
      { field: 'title', before: '"Dev"', after: '"Lead"', kind: 'changed' },
    ]);
  });

  it('treats an empty side as "none"', () => {
    expect(diffJson('', '{"name":"Ops"}')).toEqual([
      { field: 'name', before: '', after: '"Ops"', kind: 'added' },
    ]);
    expect(diffJson('{"name":"Ops"}', '')).toEqual([
      { field: 'name', before: '"Ops"', after: '', kind: 'removed' },
    ]);
    expect(diffJson('', '')).toEqual([]);
  });

  it('shows text that is not JSON, and scalars, as one value', () => {
    expect(diffJson('not json', '42')).toEqual([
      { field: '', before: 'not json', after: '42', kind: 'changed' },
    ]);
    expect(diffJson('{"a":{}}', '{"a":{}}')).toEqual([
      { field: 'a', before: '{}', after: '{}', kind: 'same' },
    ]);
  });
});
