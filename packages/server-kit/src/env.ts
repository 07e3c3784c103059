import { z } from 'zod';

export { z };

/**
 * Validates configuration from the environment once, at start-up, and fails with every
 * problem listed (never a half-configured server).
 *
 * @example
 * const config = readEnv(z.object({ PORT: z.coerce.number().int().default(3001) }));
 */
export function readEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** A TCP port: 0 lets the OS choose (tests). */
export const port = () => z.coerce.number().int().min(0).max(65535);

/**
 * Parses a CORS_ORIGINS value: `*` allows any origin (auth is a bearer token, not a cookie);
 * otherwise a comma-separated list of origins.
 *
 * @example
 * parseCorsOrigins('https://chat.example.com, https://admin.example.com');
 */
export function parseCorsOrigins(value: string): string[] | true {
  const origins = value.trim();
  if (origins === '*') return true;
  return origins
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}
