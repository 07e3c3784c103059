import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * A structured logger with the component name on every line.
 *
 * @example
 * const log = createLogger('msg-server', { level: 'info' });
 * log.info({ port }, 'listening');
 */
export function createLogger(
  component: string,
  options: { level?: string; destination?: NodeJS.WritableStream } = {},
): Logger {
  const opts: LoggerOptions = {
    level: options.level ?? 'info',
    base: { component },
    redact: ['password', '*.password', 'token', '*.token', 'refreshToken', '*.refreshToken'],
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

/** A logger that discards everything (tests that assert on behaviour, not logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
