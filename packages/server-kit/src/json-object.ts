/**
 * The JSON object in `raw`, or null for bad JSON and anything that is not an object (null, an
 * array, a number…). For text from outside: Redis channels, token parts.
 */
export function readJsonObject<K extends string = string>(
  raw: string,
): Partial<Record<K, unknown>> | null {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
