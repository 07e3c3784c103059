import { describe, expect, it } from 'vitest';

import { createBatchedLookup } from './batched-lookup.js';

/** A loader that records its batches and answers key * 10 (or fails on key 13). */
function recordingLoader(delayMs = 5) {
  const batches: number[][] = [];
  let running = 0;
  let maxRunning = 0;
  const load = async (keys: number[]) => {
    batches.push(keys);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    running--;
    if (keys.includes(13)) throw new Error('unlucky batch');
    return (key: number) => key * 10;
  };
  return { load, batches, maxRunning: () => maxRunning };
}

describe('createBatchedLookup', () => {
  it('answers keys asked for together with one load, each key once', async () => {
    const loader = recordingLoader();
    const lookup = createBatchedLookup(loader.load);
    const answers = await Promise.all([1, 2, 2, 3].map((k) => lookup(k)));
    expect(answers).toEqual([10, 20, 20, 30]);
    expect(loader.batches).toEqual([[1, 2, 3]]);
  });

  it('queues what arrives while loads run into the next batch, with at most `concurrency` at once', async () => {
    const loader = recordingLoader(20);
    const lookup = createBatchedLookup(loader.load, { concurrency: 1, maxBatch: 3 });
    const first = lookup(1);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is running
    const rest = [2, 3, 4, 5, 6].map((k) => lookup(k));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(loader.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(loader.maxRunning()).toBe(1);
  });

  it('rejects every key of a failed batch and keeps serving later ones', async () => {
    const loader = recordingLoader();
    const lookup = createBatchedLookup(loader.load);
    const failed = await Promise.allSettled([lookup(12), lookup(13)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await lookup(12)).toBe(120);
  });
});
