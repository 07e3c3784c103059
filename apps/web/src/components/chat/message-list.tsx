'use client';

import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

import type { ChatMessage, ParleyClient, UserInfo } from '@parley/sdk';

import { dayKey, dayLabel } from '../../lib/day-label';
import { quoteOf } from '../../lib/message-extras';
import { visibleRange } from '../../lib/virtual/visible-range';
import { MessageRow } from './message-row';
import { useI18n } from '../../lib/i18n/i18n-provider';

interface MessageListProps {
  client: ParleyClient;
  messages: readonly ChatMessage[];
  users: ReadonlyMap<number, UserInfo>;
  meId: number;
  hasOlder: boolean;
  /** Loads the previous page of history; resolves when it is in the store. */
  onLoadOlder(): Promise<void>;
  /** seq -> "Read" / "Read by N", for the own messages that show a receipt. */
  readLabels: ReadonlyMap<number, string>;
  onEdit(message: ChatMessage): void;
  onRecall(message: ChatMessage): void;
  onReply(message: ChatMessage): void;
  onReact(message: ChatMessage, emoji: string, remove: boolean): void;
  onHide(message: ChatMessage): void;
}

/** Pages of history a jump to a quoted message may load before it gives up. */
const JUMP_MAX_PAGES = 20;
/** How long the target of a jump stays outlined. */
const HIGHLIGHT_MS = 2000;

/** A row's height before it has been measured. */
const ESTIMATED_ROW = 72;
/** Rows are rendered this far (px) beyond the viewport, so fast scrolling shows no gaps. */
const OVERSCAN = 600;
/** History is fetched when the view comes this close (px) to the top. */
const LOAD_OLDER_AT = 400;

const rowKey = (m: ChatMessage) => (m.seq > 0 ? `s${m.seq}` : `p${m.clientMsgId}`);

/**
 * Messages oldest first, windowed: only the rows near the viewport are in the DOM (measured
 * as they render), so a conversation of 10,000+ messages scrolls like one of 50. Sticks to the
 * bottom as messages arrive, and fetches older history when scrolled near the top, keeping
 * the view still while it is inserted above.
 */
export function MessageList({
  client,
  messages,
  users,
  meId,
  hasOlder,
  onLoadOlder,
  readLabels,
  onEdit,
  onRecall,
  onReply,
  onReact,
  onHide,
}: MessageListProps) {
  const { t } = useI18n();
  const [highlight, setHighlight] = useState(0);
  const latest = useRef({ messages, hasOlder });
  latest.current = { messages, hasOlder };
  const byId = useMemo(
    () => new Map(messages.filter((m) => m.id > 0).map((m) => [m.id, m])),
    [messages],
  );
  const quoteWords = useMemo(
    () => ({
      you: t('message.you'),
      recalled: t('message.recalled'),
      unknown: t('message.quoteUnknown'),
    }),
    [t],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const stick = useRef(true);
  const loading = useRef(false);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const [, setMeasured] = useState(0);

  const sizes = messages.map((m) => heights.current.get(rowKey(m)) ?? ESTIMATED_ROW);
  const range = visibleRange(sizes, viewport.top, viewport.height, OVERSCAN);

  // Rows report their real height; rows above the view that change size move the scroll
  // position by the same amount, so what the user is reading stays put.
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => {
    observer.current = new ResizeObserver((entries) => {
      const el = scroller.current;
      let changed = false;
      for (const entry of entries) {
        const row = entry.target as HTMLElement;
        const key = row.dataset.key;
        if (!key || !row.isConnected) continue;
        const height = row.offsetHeight;
        const before = heights.current.get(key) ?? ESTIMATED_ROW;
        if (height === before) continue;
        heights.current.set(key, height);
        changed = true;
        if (el && !stick.current && row.offsetTop + before <= el.scrollTop) {
          el.scrollTop += height - before;
        }
      }
      if (changed) setMeasured((n) => n + 1);
    });
    return () => observer.current?.disconnect();
  }, []);
  const measure = useCallback((el: HTMLLIElement | null) => {
    if (!el) return;
    observer.current?.observe(el);
    return () => observer.current?.unobserve(el);
  }, []);

  const loadOlder = useCallback(async () => {
    const el = scroller.current;
    if (!el || loading.current) return;
    loading.current = true;
    const fromBottom = el.scrollHeight - el.scrollTop;
    try {
      await onLoadOlder();
    } finally {
      // Keep the same distance from the bottom: the rows that were on screen stay there.
      requestAnimationFrame(() => {
        el.scrollTop = el.scrollHeight - fromBottom;
        loading.current = false;
      });
    }
  }, [onLoadOlder]);

  // A click on a quote: page older history in until the original is loaded, then bring its
  // row to the middle of the view and outline it for a moment.
  const jumpTo = useCallback(
    async (messageId: number) => {
      const el = scroller.current;
      if (!el) return;
      for (let page = 0; page < JUMP_MAX_PAGES; page++) {
        if (latest.current.messages.some((m) => m.id === messageId)) break;
        if (!latest.current.hasOlder) return;
        await onLoadOlder();
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      const list = latest.current.messages;
      const index = list.findIndex((m) => m.id === messageId);
      if (index < 0) return;
      stick.current = false;
      let top = 0;
      for (let i = 0; i < index; i++) {
        const m = list[i];
        if (m) top += heights.current.get(rowKey(m)) ?? ESTIMATED_ROW;
      }
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
      setHighlight(messageId);
      // The row is rendered (and measured) now: put it exactly in view.
      requestAnimationFrame(() => {
        el.querySelector(`[data-message-id="${messageId}"]`)?.scrollIntoView({ block: 'center' });
      });
      setTimeout(() => setHighlight((h) => (h === messageId ? 0 : h)), HIGHLIGHT_MS);
    },
    [onLoadOlder],
  );
  const onJumpTo = useCallback((id: number) => void jumpTo(id), [jumpTo]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() =>
        setViewport({ top: el.scrollTop, height: el.clientHeight }),
      );
      if (el.scrollTop < LOAD_OLDER_AT && hasOlder) void loadOlder();
    };
    const resize = new ResizeObserver(onScroll);
    resize.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [hasOlder, loadOlder]);

  const newest = messages[messages.length - 1];
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (newest?.senderId === meId && newest.status === 'sending') stick.current = true;
    if (stick.current) el.scrollTop = el.scrollHeight;
  });

  const rows: ReactNode[] = [];
  for (let i = range.start; i < range.end; i++) {
    const m = messages[i];
    if (!m) continue;
    const previous = messages[i - 1];
    // The first loaded message gets a separator only when there is no older history.
    const showDay = previous ? dayKey(previous.createdAt) !== dayKey(m.createdAt) : !hasOlder;
    const key = rowKey(m);
    rows.push(
      <li key={key} data-key={key} ref={measure} className="message-row">
        <MessageRow
          client={client}
          message={m}
          users={users}
          meId={meId}
          dayLabel={
            showDay
              ? dayLabel(m.createdAt, Date.now(), {
                  today: t('messages.today'),
                  yesterday: t('messages.yesterday'),
                })
              : undefined
          }
          readLabel={readLabels.get(m.seq)}
          onEdit={onEdit}
          onRecall={onRecall}
          quote={quoteOf(m.replyTo, byId, users, meId, quoteWords)}
          onJumpTo={onJumpTo}
          onReply={onReply}
          onReact={onReact}
          onHide={onHide}
          highlight={highlight !== 0 && highlight === m.id}
        />
      </li>,
    );
  }

  return (
    <div
      className="message-scroller"
      ref={scroller}
      data-testid="message-list"
      data-count={messages.length}
      tabIndex={0}
      aria-label={t('messages.label')}
    >
      {hasOlder && (
        <div className="load-older">
          <button
            type="button"
            className="link-button"
            onClick={() => void loadOlder()}
            data-testid="load-older"
          >
            {t('messages.loadOlder')}
          </button>
        </div>
      )}
      <ol
        className="message-list"
        style={{ paddingTop: range.padTop, paddingBottom: range.padBottom }}
      >
        {rows}
      </ol>
    </div>
  );
}
