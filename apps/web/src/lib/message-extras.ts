/**
 * What replies and reactions show, as pure functions: the quoted snippet of a reply's
 * original, and who reacted with an emoji.
 */
import type { ChatMessage, ReactionInfo, UserInfo } from '@parley/sdk';

import { userName } from './display';

/** The longest quoted snippet, in characters. */
export const SNIPPET_LENGTH = 90;

/**
 * One line of a message's text for a quote: markdown marks dropped, whitespace folded, cut
 * at `max` characters with an ellipsis.
 *
 * @example
 * snippet('**Ship** it\nnow'); // 'Ship it now'
 */
export function snippet(text: string, max = SNIPPET_LENGTH): string {
  const plain = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_`~>#]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...plain];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : plain;
}

/** The quote shown above a reply, or in the composer while replying. */
export interface Quote {
  /** The original's server id. */
  id: number;
  /** Loaded: the original is in the list (else only its id is known). */
  loaded: boolean;
  sender: string;
  text: string;
}

/**
 * The quote of a message's original (by server id); `loaded` false when it is not in `byId`
 * (older history not loaded yet, or hidden).
 *
 * @example
 * const quote = quoteOf(message.replyTo, byId, users, 'You', meId, 'message recalled');
 */
export function quoteOf(
  replyTo: number,
  byId: ReadonlyMap<number, ChatMessage>,
  users: ReadonlyMap<number, UserInfo>,
  meId: number,
  words: { you: string; recalled: string; unknown: string },
): Quote | undefined {
  if (replyTo <= 0) return undefined;
  const original = byId.get(replyTo);
  if (!original) return { id: replyTo, loaded: false, sender: '', text: words.unknown };
  return {
    id: replyTo,
    loaded: true,
    sender: original.senderId === meId ? words.you : userName(users, original.senderId),
    text: original.recalledAt > 0 ? words.recalled : snippet(original.text),
  };
}

/**
 * The names of who reacted (the user as `you`, first), joined with commas.
 *
 * @example
 * reactorNames(reaction, users, me.id, 'You'); // 'You, Bob Li'
 */
export function reactorNames(
  reaction: ReactionInfo,
  users: ReadonlyMap<number, UserInfo>,
  meId: number,
  you: string,
): string {
  const mine = reaction.userIds.includes(meId);
  const others = reaction.userIds.filter((id) => id !== meId).map((id) => userName(users, id));
  return (mine ? [you, ...others] : others).join(', ');
}
