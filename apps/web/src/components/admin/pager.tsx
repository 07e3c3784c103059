'use client';

/** Previous/next paging for an offset-paged list, with "page x of y". */
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';

interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  onChange(offset: number): void;
}

/** The page controls under a table. */
export function Pager({ offset, limit, total, onChange }: PagerProps) {
  const { t } = useAdminI18n();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  return (
    <div className="admin-pager" data-testid="pager">
      <button
        type="button"
        onClick={() => onChange(Math.max(0, offset - limit))}
        disabled={offset === 0}
        data-testid="pager-prev"
      >
        {t('admin.prev')}
      </button>
      <span aria-live="polite">
        {t('admin.pageOf', { page, pages })} · {t('admin.total', { n: total })}
      </span>
      <button
        type="button"
        onClick={() => onChange(offset + limit)}
        disabled={offset + limit >= total}
        data-testid="pager-next"
      >
        {t('admin.next')}
      </button>
    </div>
  );
}
