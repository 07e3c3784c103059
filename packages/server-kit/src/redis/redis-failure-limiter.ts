import type { FailureLimit, FailureLimiter } from './failure-limiter.js';
import type { RedisConnection } from './connect-redis.js';

// One round trip, atomic: the first failure of a window starts the window's expiry, so the
// count and its deadline can never be split by a crash between two commands. A counter found
// without an expiry (written by hand, or by an older version) gets one rather than blocking
// its key forever.
const FAIL_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

// 0 when under the limit, otherwise the window's remaining time (at least 1 ms).
const RETRY_SCRIPT = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < tonumber(ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 1 then return 1 end
return ttl`;

export interface RedisFailureLimiterOptions extends FailureLimit {
  redis: RedisConnection;
  /** Prefix of every key (default 'parley:'); tests use a unique one. */
  prefix?: string;
  /** Names this limiter's keys, so two limiters can share a prefix (default 'signin-fail'). */
  name?: string;
}

/**
 * A FailureLimiter in Redis, so that every login-server behind a load balancer counts the same
 * failures for an address. Fixed windows, like the in-memory one: a key's window starts at its
 * first failure and its counter expires with it (Redis's clock, not this process's).
 *
 * Keys: `<prefix><name>:<key>` holding the count, with a PEXPIRE of the window.
 *
 * @example
 * const limiter = createRedisFailureLimiter({ redis, maxFailures: 50, windowMs: 600_000 });
 * const wait = await limiter.retryAfterMs('203.0.113.9');
 */
export function createRedisFailureLimiter(options: RedisFailureLimiterOptions): FailureLimiter {
  const { redis } = options;
  const base = `${options.prefix ?? 'parley:'}${options.name ?? 'signin-fail'}:`;
  const windowMs = Math.max(1, Math.ceil(options.windowMs));
  return {
    async retryAfterMs(key) {
      const ms = await redis.eval(RETRY_SCRIPT, 1, base + key, options.maxFailures);
      return Number(ms);
    },
    async fail(key) {
      await redis.eval(FAIL_SCRIPT, 1, base + key, windowMs);
    },
  };
}
