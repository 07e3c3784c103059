/**
 * Sign-in failures in Chinese (the English words are signInErrorMessage in ./display).
 */
import { ErrorCode, ProtocolError } from '@parley/sdk';

/**
 * The Chinese message for a sign-in failure.
 *
 * @example
 * setError(lang === 'zh' ? signInErrorMessageZh(err) : signInErrorMessage(err));
 */
export function signInErrorMessageZh(err: unknown): string {
  if (!(err instanceof ProtocolError)) return '出错了，请重试。';
  const wait = waitZh(err.details.retryAfterMs);
  switch (err.code) {
    case ErrorCode.ERROR_CODE_INVALID_CREDENTIALS:
      return '账号或密码错误。';
    case ErrorCode.ERROR_CODE_ACCOUNT_LOCKED:
      return `失败次数过多，请${wait}再试。`;
    case ErrorCode.ERROR_CODE_RATE_LIMITED:
      return `尝试次数过多，请${wait}再试。`;
    case ErrorCode.ERROR_CODE_UNAVAILABLE:
      return '无法连接服务器，请检查网络后重试。';
    case ErrorCode.ERROR_CODE_BAD_REQUEST:
      return '请输入账号和密码。';
    case ErrorCode.ERROR_CODE_FORBIDDEN:
      return '此账号已停用。';
    default:
      return '登录失败。';
  }
}

function waitZh(ms: number | undefined): string {
  if (!ms || ms <= 0) return '稍后';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return ` ${seconds} 秒后`;
  return ` ${Math.ceil(seconds / 60)} 分钟后`;
}
