'use client';

/**
 * The admin home: live figures that refresh every few seconds by themselves: connections
 * (in total and per msg-server), messages per second, send-to-ack latency percentiles, storage
 * used and the most recent errors.
 */
import { useCallback } from 'react';

import { errorCodeName } from '@parley/sdk';

import { formatBytes, formatNumber } from '../../lib/admin/chart-scale';
import { HISTORY_LIMIT, seriesOf } from '../../lib/admin/dashboard-series';
import { formatTime } from '../../lib/admin/format';
import { useAdminI18n } from '../../lib/admin/use-admin-i18n';
import { useStatsPoll } from '../../lib/admin/use-stats-poll';
import { useAdmin } from './admin-context';
import { BarChart } from './bar-chart';
import { LineChart } from './line-chart';
import { ErrorNote } from './notice';

/** Seconds between polls. */
const POLL_SECONDS = 3;

/** A labelled figure. */
function Tile({
  label,
  value,
  testId,
  raw,
}: {
  label: string;
  value: string;
  testId: string;
  raw: number;
}) {
  return (
    <div className="admin-tile" data-testid={testId} data-value={raw}>
      <span className="admin-tile-label">{label}</span>
      <span className="admin-tile-value">{value}</span>
    </div>
  );
}

/** The dashboard. */
export function Dashboard() {
  const { stats } = useAdmin();
  const { t, lang } = useAdminI18n();
  const load = useCallback((signal: AbortSignal) => stats(signal), [stats]);
  const poll = useStatsPoll(load, POLL_SECONDS * 1000);
  const { latest, history } = poll;
  const windowSeconds = POLL_SECONDS * HISTORY_LIMIT;
  const last = history[history.length - 1];

  if (!latest) {
    return (
      <section className="admin-section">
        <h1>{t('nav.dashboard')}</h1>
        <ErrorNote error={poll.error} />
        {!poll.error && <p className="muted">{t('admin.loading')}</p>}
      </section>
    );
  }

  const nodes = latest.nodes;
  const storage = latest.storage;
  // When the newest node figures were taken (the node's clock): how fresh the numbers are.
  const reportedAt = Math.max(0, ...nodes.map((n) => Number(n.reportedAt ?? 0)));
  return (
    <section
      className="admin-section"
      aria-labelledby="dash-heading"
      data-testid="dashboard"
      data-reported-at={reportedAt}
    >
      <div className="admin-toolbar">
        <h1 id="dash-heading">{t('nav.dashboard')}</h1>
        <span className="muted" role="status" data-testid="dash-updated" data-at={poll.updatedAt}>
          {t('dash.updated', { time: formatTime(poll.updatedAt, lang) })}
        </span>
      </div>
      <ErrorNote error={poll.error} />
      <div className="admin-tiles">
        <Tile
          label={t('dash.connections')}
          value={formatNumber(last?.connections ?? 0)}
          raw={last?.connections ?? 0}
          testId="stat-connections"
        />
        <Tile
          label={t('dash.messagesPerSecond')}
          value={formatNumber(last?.messagesIn ?? 0)}
          raw={last?.messagesIn ?? 0}
          testId="stat-messages-in"
        />
        <Tile
          label={t('dash.usersOnline')}
          value={formatNumber(latest.usersOnline)}
          raw={latest.usersOnline}
          testId="stat-users-online"
        />
        <Tile
          label={t('dash.servers')}
          value={String(nodes.length)}
          raw={nodes.length}
          testId="stat-nodes"
        />
        <Tile
          label={t('dash.storage')}
          value={`${formatBytes(Number(storage?.usedBytes ?? 0))} · ${t('dash.objects', { n: Number(storage?.objectCount ?? 0) })}`}
          raw={Number(storage?.usedBytes ?? 0)}
          testId="stat-storage"
        />
      </div>
      <div className="admin-charts">
        <LineChart
          title={t('dash.messagesPerSecond')}
          windowSeconds={windowSeconds}
          testId="chart-messages"
          series={[
            {
              key: 'in',
              label: t('dash.in'),
              tone: 1,
              points: seriesOf(history, (s) => s.messagesIn),
            },
            {
              key: 'out',
              label: t('dash.out'),
              tone: 2,
              points: seriesOf(history, (s) => s.messagesOut),
            },
          ]}
        />
        <LineChart
          title={t('dash.latency')}
          windowSeconds={windowSeconds}
          unit=" ms"
          testId="chart-latency"
          series={[
            { key: 'p50', label: 'p50', tone: 1, points: seriesOf(history, (s) => s.latency.p50) },
            { key: 'p95', label: 'p95', tone: 3, points: seriesOf(history, (s) => s.latency.p95) },
            { key: 'p99', label: 'p99', tone: 4, points: seriesOf(history, (s) => s.latency.p99) },
          ]}
        />
        <LineChart
          title={t('dash.connections')}
          windowSeconds={windowSeconds}
          testId="chart-connections"
          series={[
            {
              key: 'connections',
              label: t('dash.total'),
              tone: 2,
              points: seriesOf(history, (s) => s.connections),
            },
          ]}
        />
        <BarChart
          title={t('dash.connectionsPerServer')}
          empty={t('admin.none')}
          testId="chart-nodes"
          bars={nodes.map((n) => ({
            key: n.id ?? '',
            label: n.id ?? '',
            value: Number(n.connections ?? 0),
          }))}
        />
      </div>
      <h2>{t('dash.errors')}</h2>
      {latest.recentErrors.length === 0 ? (
        <p className="muted" data-testid="dash-no-errors">
          {t('dash.noErrors')}
        </p>
      ) : (
        <div className="admin-table-wrap">
          <table className="admin-table" data-testid="dash-errors">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">msg-server</th>
                <th scope="col">{t('dash.code')}</th>
                <th scope="col">{t('dash.request')}</th>
                <th scope="col">{t('dash.message')}</th>
              </tr>
            </thead>
            <tbody>
              {latest.recentErrors.slice(0, 20).map((e, i) => (
                <tr key={`${e.time}-${e.node}-${i}`} data-testid="dash-error-row">
                  <td>{formatTime(Number(e.time), lang)}</td>
                  <td>{e.node}</td>
                  <td>
                    <code>{errorCodeName(e.code ?? 0)}</code>
                  </td>
                  <td>{e.request}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
