import type { Logger, MsgServerEntry, ServerRegistry } from '@parley/server-kit';

/**
 * Announces this node to the discovery registry now and every `intervalMs`, with a time to
 * live of three intervals: a node that dies silently drops out of the list within seconds.
 * `stop` withdraws the entry at once.
 */
export function startAnnouncing(options: {
  registry: ServerRegistry;
  entry: () => MsgServerEntry;
  intervalMs: number;
  logger: Logger;
}): { stop(): Promise<void> } {
  const { registry, intervalMs, logger } = options;
  const announce = () =>
    registry.announce(options.entry(), intervalMs * 3).catch((err: unknown) => {
      logger.warn({ err }, 'registry announce failed');
    });
  void announce();
  const timer = setInterval(() => void announce(), intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await registry.withdraw(options.entry().id).catch((err: unknown) => {
        logger.warn({ err }, 'registry withdraw failed');
      });
    },
  };
}
