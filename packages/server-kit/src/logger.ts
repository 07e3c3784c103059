import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export interface LoggerSettings {
  level?: string;
  destination?: NodeJS.WritableStream;
}

function options(settings: LoggerSettings, base: Record<string, string>): LoggerOptions {
  return {
    level: settings.level ?? 'info',
    base,
    redact: ['password', '*.password', 'token', '*.token', 'refreshToken', '*.refreshToken'],
  };
}

function make(opts: LoggerOptions, settings: LoggerSettings): Logger {
  return settings.destination ? pino(opts, settings.destination) : pino(opts);
}

/**
 * A structured logger with the component name on every line (one server in its own process).
 *
 * @example
 * const log = createLogger('msg-server', { level: 'info' });
 * log.info({ port }, 'listening');
 */
export function createLogger(component: string, settings: LoggerSettings = {}): Logger {
  return make(options(settings, { component }), settings);
}

/**
 * A logger without a component, for a process that hosts several (the embedded launcher): give
 * each its own `root.child({ component })`. A child of a {@link createLogger} logger would write
 * `component` twice on every line, since pino appends a child's bindings to its parent's.
 *
 * @example
 * const root = createRootLogger({ level: 'info' });
 * createMsgServer({ logger: root.child({ component: 'msg-server' }), ... });
 */
export function createRootLogger(settings: LoggerSettings = {}): Logger {
  return make(options(settings, {}), settings);
}

/** A logger that discards everything (tests that assert on behaviour, not logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
