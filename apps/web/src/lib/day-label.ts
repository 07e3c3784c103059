/**
 * Day separators in a conversation: which calendar day a message is on, and how to name it.
 */

/**
 * A key that is equal for two times on the same local calendar day.
 *
 * @example
 * dayKey(Date.now()) === dayKey(Date.now() - 1000); // usually true
 */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/**
 * "Today", "Yesterday", or the date (with the year when it is not this year).
 *
 * @example
 * dayLabel(Date.now()); // 'Today'
 */
export function dayLabel(
  ms: number,
  now: number = Date.now(),
  words: { today: string; yesterday: string } = { today: 'Today', yesterday: 'Yesterday' },
  locale?: string,
): string {
  if (dayKey(ms) === dayKey(now)) return words.today;
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (dayKey(ms) === dayKey(yesterday.getTime())) return words.yesterday;
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(new Date(ms));
}
