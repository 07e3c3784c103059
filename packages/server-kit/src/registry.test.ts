import { describe, expect, it } from 'vitest';

import { createMemoryRegistry } from './registry.js';

const entry = (id: string, load: number) => ({
  id,
  url: `http://${id}`,
  path: '/socket.io',
  connections: load,
  load,
});

describe('memory registry', () => {
  it('lists live servers by load and drops silent ones', async () => {
    let now = 1_000;
    const registry = createMemoryRegistry(() => now);
    await registry.announce(entry('b', 5), 10_000);
    await registry.announce(entry('a', 9), 10_000);
    await registry.announce(entry('c', 1), 2_000);
    expect((await registry.list()).map((e) => e.id)).toEqual(['c', 'b', 'a']);

    now += 5_000; // c stopped announcing
    expect((await registry.list()).map((e) => e.id)).toEqual(['b', 'a']);

    await registry.announce(entry('a', 0), 10_000);
    expect((await registry.list()).map((e) => e.id)).toEqual(['a', 'b']);
    await registry.withdraw('a');
    expect((await registry.list()).map((e) => e.id)).toEqual(['b']);
  });
});
