/**
 * A small, strict markdown dialect for chat messages, parsed to a plain tree that the UI turns
 * into React elements. Nothing here ever becomes HTML: unknown syntax, raw tags and unsafe
 * links stay text, so a message can never inject markup or script.
 *
 * Supported: **bold**, *italic* / _italic_, `code`, ``` fenced blocks ```, [text](url) and bare
 * http(s) links, line breaks, @mentions.
 */

/** Inline content of a paragraph. */
export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: InlineNode[] }
  | { type: 'em'; children: InlineNode[] }
  | { type: 'link'; href: string; children: InlineNode[] }
  | { type: 'mention'; login: string }
  | { type: 'br' };

/** A block: a paragraph (with line breaks) or a fenced code block. */
export type BlockNode =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'codeBlock'; lang: string; text: string };

/** Link schemes a message may point at; everything else (javascript:, data:, ...) is text. */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The href to use for a link target, or null when it is not an absolute http(s)/mailto URL.
 *
 * @example
 * safeHref('https://parley.dev/a'); // 'https://parley.dev/a'
 * safeHref('javascript:alert(1)'); // null
 */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

/** Each alternative is one inline construct; the leftmost match wins, then the first listed. */
const INLINE =
  /`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^\n]+?)\*\*|\*([^*\n]+)\*|(?<![\w])_([^_\n]+)_(?![\w])|(https?:\/\/[^\s<>"]*[^\s<>".,:;!?'")\]])|(?<![\w@.])@([\w][\w.-]*[\w]|[\w])/g;

/**
 * Parses the inline syntax of one line.
 *
 * @example
 * parseInline('hi **you**'); // [{type:'text',text:'hi '},{type:'strong',children:[...]}]
 */
export function parseInline(source: string, inLink = false): InlineNode[] {
  const out: InlineNode[] = [];
  const text = (value: string) => {
    if (value === '') return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += value;
    else out.push({ type: 'text', text: value });
  };
  const re = new RegExp(INLINE.source, 'g');
  let at = 0;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    text(source.slice(at, m.index));
    at = m.index + m[0].length;
    const [whole, code, linkText, linkUrl, strong, star, under, bare, mention] = m;
    if (code !== undefined) out.push({ type: 'code', text: code });
    else if (linkText !== undefined && linkUrl !== undefined) {
      const href = inLink ? null : safeHref(linkUrl);
      if (href) out.push({ type: 'link', href, children: parseInline(linkText, true) });
      else text(whole);
    } else if (strong !== undefined)
      out.push({ type: 'strong', children: parseInline(strong, inLink) });
    else if (star !== undefined) out.push({ type: 'em', children: parseInline(star, inLink) });
    else if (under !== undefined) out.push({ type: 'em', children: parseInline(under, inLink) });
    else if (bare !== undefined) {
      const href = inLink ? null : safeHref(bare);
      if (href) out.push({ type: 'link', href, children: [{ type: 'text', text: bare }] });
      else text(whole);
    } else if (mention !== undefined) out.push({ type: 'mention', login: mention });
    else text(whole);
  }
  text(source.slice(at));
  return out;
}

/**
 * Parses a whole message into blocks: fenced code blocks, and paragraphs split by blank lines
 * with single line breaks kept.
 *
 * @example
 * parseMarkdown('hi\n```\ncode\n```'); // [{type:'paragraph',...},{type:'codeBlock',...}]
 */
export function parseMarkdown(source: string): BlockNode[] {
  const blocks: BlockNode[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length === 0) return;
    const children: InlineNode[] = [];
    paragraph.forEach((line, i) => {
      if (i > 0) children.push({ type: 'br' });
      children.push(...parseInline(line));
    });
    blocks.push({ type: 'paragraph', children });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^\s*```\s*([\w+-]*)\s*$/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
      // An unclosed fence is just text, as in most chat apps.
      if (end !== -1) {
        flush();
        blocks.push({
          type: 'codeBlock',
          lang: fence[1] ?? '',
          text: lines.slice(i + 1, end).join('\n'),
        });
        i = end;
        continue;
      }
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}
