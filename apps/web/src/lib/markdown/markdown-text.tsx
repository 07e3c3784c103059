'use client';

import { Fragment, memo, type ReactNode } from 'react';

import { parseMarkdown, type InlineNode } from './parse-markdown';

interface MarkdownTextProps {
  text: string;
  /** The signed-in user's login, so mentions of them stand out. */
  meLogin?: string;
}

/**
 * A message body rendered from the strict markdown tree: React elements only (never
 * dangerouslySetInnerHTML), so any HTML in a message is shown as the text it is.
 */
export const MarkdownText = memo(function MarkdownText({ text, meLogin }: MarkdownTextProps) {
  const blocks = parseMarkdown(text);
  return (
    <div className="message-text markdown" data-testid="message-text">
      {blocks.map((block, i) =>
        block.type === 'codeBlock' ? (
          <pre key={i} className="code-block" data-lang={block.lang || undefined}>
            <code>{block.text}</code>
          </pre>
        ) : (
          <p key={i}>{renderInline(block.children, meLogin)}</p>
        ),
      )}
    </div>
  );
});

function renderInline(nodes: InlineNode[], meLogin: string | undefined): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children, meLogin)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children, meLogin)}</em>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            {renderInline(node.children, meLogin)}
          </a>
        );
      case 'mention':
        return (
          <span
            key={i}
            className={`mention${node.login === meLogin ? ' mention-me' : ''}`}
            data-testid="mention"
          >
            @{node.login}
          </span>
        );
      case 'br':
        return <br key={i} />;
    }
  });
}
