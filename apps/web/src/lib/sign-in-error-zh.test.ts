import { describe, expect, it } from 'vitest';

import { ErrorCode, ProtocolError } from '@parley/sdk';

import { signInErrorMessageZh } from './sign-in-error-zh';

describe('signInErrorMessageZh', () => {
  it('words each sign-in failure in Chinese', () => {
    expect(
      signInErrorMessageZh(new ProtocolError(ErrorCode.ERROR_CODE_INVALID_CREDENTIALS, 'x')),
    ).toBe('账号或密码错误。');
    expect(
      signInErrorMessageZh(
        new ProtocolError(ErrorCode.ERROR_CODE_ACCOUNT_LOCKED, 'x', { retryAfterMs: 90_000 }),
      ),
    ).toBe('失败次数过多，请 2 分钟后再试。');
    expect(signInErrorMessageZh(new Error('boom'))).toBe('出错了，请重试。');
  });
});
