/** An event emitter with the `on` shape of Electron's objects, and cancellable events. */
type Listener = (...args: never[]) => unknown;

/** A minimal event emitter with the `on` shape of Electron's objects. */
export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  /** Calls every listener of `event`; returns how many there were. */
  emit(event: string, ...args: unknown[]): number {
    const listeners = this.listeners.get(event) ?? [];
    for (const listener of listeners) (listener as (...a: unknown[]) => unknown)(...args);
    return listeners.length;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** A cancellable event; `prevented` tells whether the code cancelled it. */
export function fakeEvent<T extends object>(
  fields: T,
): T & { prevented: boolean; preventDefault(): void } {
  const event = {
    ...fields,
    prevented: false,
    preventDefault() {
      event.prevented = true;
    },
  };
  return event;
}
