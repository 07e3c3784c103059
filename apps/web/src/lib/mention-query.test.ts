import { describe, expect, it } from 'vitest';

import { applyMention, matchPeople, mentionAt } from './mention-query';

describe('mentionAt', () => {
  it('finds the @word ending at the caret', () => {
    expect(mentionAt('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionAt('hi @bo there', 6)).toEqual({ start: 3, query: 'bo' });
  });

  it('ignores e-mail addresses and finished mentions', () => {
    expect(mentionAt('mail bob@x', 10)).toBeNull();
    expect(mentionAt('hi @bob ', 8)).toBeNull();
  });
});

describe('applyMention', () => {
  it('replaces the query with the login and a space', () => {
    expect(applyMention('hi @bo!', { start: 3, query: 'bo' }, 'bob')).toEqual({
      text: 'hi @bob !',
      caret: 8,
    });
  });
});

describe('matchPeople', () => {
  const people = [
    { login: 'bob', displayName: 'Bob Li' },
    { login: 'alice', displayName: 'Alice Chen' },
    { login: 'admin', displayName: 'Administrator' },
  ];
  it('ranks prefix matches first, then word and substring matches', () => {
    expect(matchPeople(people, 'a').map((p) => p.login)).toEqual(['admin', 'alice']);
    expect(matchPeople(people, 'li').map((p) => p.login)).toEqual(['bob', 'alice']);
    expect(matchPeople(people, '').map((p) => p.login)).toEqual(['admin', 'alice', 'bob']);
    expect(matchPeople(people, 'zz')).toEqual([]);
  });
});
