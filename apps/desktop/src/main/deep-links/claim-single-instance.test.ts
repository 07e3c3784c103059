import { describe, expect, it } from 'vitest';

import type { DeepLink } from '../../shared/desktop-api.js';
import { FakeApp, fakeEvent } from '../testing/fakes.js';
import { claimSingleInstance } from './claim-single-instance.js';

describe('claimSingleInstance', () => {
  it('quits when another instance holds the lock', () => {
    const app = new FakeApp('/tmp/unused');
    app.hasLock = false;
    const activations: Array<DeepLink | null> = [];
    expect(claimSingleInstance(app, { onActivate: (l) => activations.push(l) })).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('brings the first instance up and forwards the second launch’s deep link', () => {
    const app = new FakeApp('/tmp/unused');
    const activations: Array<DeepLink | null> = [];
    expect(claimSingleInstance(app, { onActivate: (l) => activations.push(l) })).toBe(true);
    app.emit('second-instance', {}, ['/opt/Parley/parley', 'parley://conversation/31'], '/home/a');
    app.emit('second-instance', {}, ['/opt/Parley/parley'], '/home/a');
    app.emit('second-instance', {}, ['/opt/Parley/parley', 'parley://conversation/1?evil'], '/');
    expect(activations).toEqual([{ kind: 'conversation', conversationId: 31 }, null, null]);
    expect(app.quitCalls).toBe(0);
  });

  it('takes macOS open-url events and stops the default handling', () => {
    const app = new FakeApp('/tmp/unused');
    const activations: Array<DeepLink | null> = [];
    claimSingleInstance(app, { onActivate: (l) => activations.push(l) });
    const event = fakeEvent({});
    app.emit('open-url', event, 'parley://conversation/5');
    expect(event.prevented).toBe(true);
    app.emit('open-url', fakeEvent({}), 'parley://conversation/5/../../x');
    expect(activations).toEqual([{ kind: 'conversation', conversationId: 5 }, null]);
  });
});
