import { SyncOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Progress, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { FanSyncFieldsFragment, FanSyncKind, FanSyncStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';
import { translateUserError } from '../../../lib/userErrors';
import { FanSyncCancelMutation, FanSyncStartMutation, FanSyncsQuery } from '../api/operations';
import { useFanSyncProgress } from '../hooks/useLiveMessages';
import { laterState, newlyEnded, POLL_WHILE_RUNNING_MS } from '../progress';

const KINDS: readonly FanSyncKind[] = ['FOLLOWERS', 'DETAILS'];

const STATUS_COLORS: Record<FanSyncStatus, string> = {
  RUNNING: 'processing',
  SUCCEEDED: 'success',
  FAILED: 'error',
  CANCELLED: 'default',
};

/** Percent done: done/total while running (0 while the total is unknown), 100 once it succeeded. */
export function syncPercent(sync: Pick<FanSyncFieldsFragment, 'status' | 'done' | 'total'>): number {
  if (sync.status === 'SUCCEEDED') return 100;
  if (!sync.total || sync.total <= 0) return 0;
  return Math.min(100, Math.floor((sync.done * 100) / sync.total));
}

/** The latest run per kind: what `fanSyncs` said on load, overtaken by newer or same runs seen since. */
function latestByKind(initial: readonly FanSyncFieldsFragment[], updates: readonly FanSyncFieldsFragment[]) {
  const latest = new Map<FanSyncKind, FanSyncFieldsFragment>();
  for (const sync of [...initial, ...updates]) {
    const current = latest.get(sync.kind);
    if (!current || (current.id !== sync.id && sync.startedAt >= current.startedAt)) latest.set(sync.kind, sync);
    else if (current.id === sync.id) latest.set(sync.kind, laterState(current, sync));
  }
  return latest;
}

/**
 * Starts the followers sync (openids and tag memberships) and the details enrichment, and shows each
 * one's latest run with a live progress bar (`fanSyncProgress`); the runs are loaded again on every
 * visit, so a sync started earlier is seen running. `onFinished` runs when a run ends.
 */
export function FanSyncPanel({
  accountId,
  canStart,
  onFinished,
}: {
  accountId: string;
  canStart: boolean;
  onFinished?: (sync: FanSyncFieldsFragment) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [{ data, error }, reload] = useQuery({ query: FanSyncsQuery, variables: { accountId }, requestPolicy: 'network-only' });
  const [updates, setUpdates] = useState<FanSyncFieldsFragment[]>([]);
  const [, start] = useMutation(FanSyncStartMutation);
  const [, cancel] = useMutation(FanSyncCancelMutation);
  const [starting, setStarting] = useState<FanSyncKind | null>(null);
  const [startErrors, setStartErrors] = useState<Partial<Record<FanSyncKind, string>>>({});
  useFanSyncProgress(accountId, (pushed) => setUpdates((list) => [...list.slice(-20), pushed]));

  const latest = useMemo(() => latestByKind(data?.fanSyncs ?? [], updates), [data, updates]);
  // while a run is going, ask again now and then: a missed subscription message (a reconnect) must not freeze the bar
  const anyRunning = [...latest.values()].some((sync) => sync.status === 'RUNNING');
  useEffect(() => {
    if (!anyRunning) return;
    const timer = window.setInterval(() => reload({ requestPolicy: 'network-only' }), POLL_WHILE_RUNNING_MS);
    return () => window.clearInterval(timer);
  }, [anyRunning, reload]);

  // a run that has ended since the page listed the runs (by the subscription or by polling) changed the fans
  const knownEnded = useRef<{ ids: Set<string> | null }>({ ids: null });
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  useEffect(() => {
    for (const sync of newlyEnded([...latest.values()], data?.fanSyncs, knownEnded.current)) onFinishedRef.current?.(sync);
  }, [latest, data]);

  const startSync = async (kind: FanSyncKind) => {
    setStarting(kind);
    setStartErrors((errors) => ({ ...errors, [kind]: undefined }));
    const result = await start({ input: { accountId, kind } });
    setStarting(null);
    const payload = result.data?.fanSyncStart;
    if (result.error || !payload) {
      setStartErrors((errors) => ({ ...errors, [kind]: t('common.errors.saveFailed') }));
      return;
    }
    if (payload.userErrors.length > 0) {
      setStartErrors((errors) => ({
        ...errors,
        [kind]: payload.userErrors.map((e) => translateUserError(t, e, 'audiences')).join(' '),
      }));
      return;
    }
    if (payload.sync) {
      const sync = payload.sync;
      // a resumed run keeps its id: its next end is news again
      knownEnded.current.ids?.delete(sync.id);
      setUpdates((list) => [...list, sync]);
    }
    message.success(t('audiences.sync.started'));
  };

  const cancelSync = async (sync: FanSyncFieldsFragment) => {
    const result = await cancel({ input: { syncId: sync.id } });
    const payload = result.data?.fanSyncCancel;
    if (payload?.sync) {
      const cancelled = payload.sync;
      setUpdates((list) => [...list, cancelled]);
    }
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateUserError(t, e, 'audiences')).join(' '));
  };

  return (
    <Card title={t('audiences.sync.title')} size="small" data-testid="fan-sync-panel">
      {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
      <Flex vertical gap={16}>
        {KINDS.map((kind) => {
          const sync = latest.get(kind);
          const running = sync?.status === 'RUNNING';
          const percent = sync ? syncPercent(sync) : 0;
          return (
            <Flex key={kind} vertical gap={4} data-testid={`fan-sync-${kind}`} data-status={sync?.status ?? 'NONE'}>
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Space wrap>
                  <Typography.Text strong>{t(`audiences.sync.kinds.${kind}`)}</Typography.Text>
                  {sync ? (
                    <Tag color={STATUS_COLORS[sync.status]} data-testid={`fan-sync-status-${kind}`}>
                      {t(`audiences.sync.status.${sync.status}`)}
                    </Tag>
                  ) : (
                    <Typography.Text type="secondary">{t('audiences.sync.never')}</Typography.Text>
                  )}
                  {sync?.phase && running && (
                    <Typography.Text type="secondary">{t(`audiences.sync.phases.${sync.phase}`, { defaultValue: sync.phase })}</Typography.Text>
                  )}
                </Space>
                <Space>
                  {canStart && running && sync && (
                    <Button size="small" onClick={() => void cancelSync(sync)} data-testid={`fan-sync-cancel-${kind}`}>
                      {t('common.actions.cancel')}
                    </Button>
                  )}
                  {canStart && (
                    <Button
                      size="small"
                      type={kind === 'FOLLOWERS' ? 'primary' : 'default'}
                      icon={<SyncOutlined aria-hidden />}
                      disabled={running}
                      loading={starting === kind}
                      onClick={() => void startSync(kind)}
                      data-testid={`fan-sync-start-${kind}`}
                    >
                      {t(`audiences.sync.start.${kind}`)}
                    </Button>
                  )}
                </Space>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`audiences.sync.descriptions.${kind}`)}
              </Typography.Text>
              {sync && (
                <>
                  <Progress
                    percent={percent}
                    status={sync.status === 'FAILED' ? 'exception' : running ? 'active' : sync.status === 'SUCCEEDED' ? 'success' : 'normal'}
                    data-testid={`fan-sync-progress-${kind}`}
                    data-percent={percent}
                    aria-label={t(`audiences.sync.kinds.${kind}`)}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`fan-sync-counts-${kind}`}>
                    {sync.total !== null && sync.total !== undefined
                      ? t('audiences.sync.doneOfTotal', { done: sync.done, total: sync.total })
                      : t('audiences.sync.doneSoFar', { done: sync.done })}
                    {' · '}
                    {t('audiences.sync.startedAt', { time: formatDateTime(sync.startedAt, i18n.language) })}
                    {sync.finishedAt ? ` · ${t('audiences.sync.finishedAt', { time: formatDateTime(sync.finishedAt, i18n.language) })}` : ''}
                  </Typography.Text>
                  {sync.status === 'FAILED' && (
                    <Alert
                      type="error"
                      showIcon
                      data-testid={`fan-sync-error-${kind}`}
                      message={
                        sync.errorCode
                          ? translateUserError(t, { code: sync.errorCode, message: sync.errorMessage ?? sync.errorCode }, 'audiences')
                          : (sync.errorMessage ?? t('audiences.sync.failed'))
                      }
                      description={sync.errorCode && sync.errorMessage ? sync.errorMessage : undefined}
                    />
                  )}
                </>
              )}
              {startErrors[kind] && <Alert type="error" showIcon message={startErrors[kind]} data-testid={`fan-sync-start-error-${kind}`} />}
            </Flex>
          );
        })}
      </Flex>
    </Card>
  );
}
