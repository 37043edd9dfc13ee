import { App, Button, Card, Drawer, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import type { TagJobFieldsFragment, TagJobStatus } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';
import { translateUserError } from '../../../lib/userErrors';
import { TagJobCancelMutation, TagJobFailuresQuery, TagJobsQuery } from '../api/operations';
import { useTagJobProgress } from '../hooks/useLiveMessages';
import { inProgress, laterState, newlyEnded, POLL_WHILE_RUNNING_MS } from '../progress';

const STATUS_COLORS: Record<TagJobStatus, string> = {
  PREPARING: 'processing',
  RUNNING: 'processing',
  SUCCEEDED: 'success',
  FAILED: 'error',
  CANCELLED: 'default',
};

/** Percent of the openids handled; 100 once the job succeeded. */
export function jobPercent(job: Pick<TagJobFieldsFragment, 'status' | 'done' | 'total'>): number {
  if (job.status === 'SUCCEEDED') return 100;
  if (job.total <= 0) return 0;
  return Math.min(100, Math.floor((job.done * 100) / job.total));
}

/**
 * The account's bulk tagging jobs, newest first, with live progress (`tagJobProgress`) and each job's
 * failure report. `started` adds a job just started from this page. `onFinished` runs when a job ends.
 */
export function TagJobsCard({
  accountId,
  started,
  onFinished,
  canCancel = false,
}: {
  accountId: string;
  started: readonly TagJobFieldsFragment[];
  onFinished?: () => void;
  canCancel?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [, cancel] = useMutation(TagJobCancelMutation);
  const stack = useCursorStack();
  const [{ data }, reload] = useQuery({
    query: TagJobsQuery,
    variables: { accountId, first: 10, after: stack.after },
    requestPolicy: 'cache-and-network',
  });
  const [updates, setUpdates] = useState<Record<string, TagJobFieldsFragment>>({});
  const [failuresOf, setFailuresOf] = useState<TagJobFieldsFragment | null>(null);

  const cancelJob = async (job: TagJobFieldsFragment) => {
    const result = await cancel({ input: { jobId: job.id } });
    const payload = result.data?.tagJobCancel;
    if (result.error || !payload) message.error(t('common.errors.saveFailed'));
    else if (payload.userErrors.length > 0) message.error(payload.userErrors.map((e) => translateUserError(t, e, 'audiences')).join(' '));
    else if (payload.job) {
      const cancelled = payload.job;
      setUpdates((all) => ({ ...all, [cancelled.id]: all[cancelled.id] ? laterState(all[cancelled.id], cancelled) : cancelled }));
    }
  };

  useTagJobProgress(accountId, (pushed) => {
    setUpdates((all) => ({ ...all, [pushed.id]: all[pushed.id] ? laterState(all[pushed.id], pushed) : pushed }));
  });

  const jobs = useMemo(() => {
    const listed = data?.tagJobs.edges.map((edge) => edge.node) ?? [];
    const known = new Set(listed.map((job) => job.id));
    // jobs started or announced since the list was loaded go on top (first page only)
    const fresh = stack.after
      ? []
      : [...started, ...Object.values(updates)].filter((job) => !known.has(job.id) && (known.add(job.id), true)).reverse();
    return [...fresh, ...listed].map((job) => (updates[job.id] ? laterState(job, updates[job.id]) : job));
  }, [data, started, updates, stack.after]);

  // a job that has ended since the list was loaded (by the subscription, the mutation or polling) changed the tags' counts
  const knownEnded = useRef<{ ids: Set<string> | null }>({ ids: null });
  const onFinishedRef = useRef(onFinished);
  useEffect(() => {
    onFinishedRef.current = onFinished;
  });
  const running = jobs.some(inProgress);
  useEffect(() => {
    if (newlyEnded(jobs, data?.tagJobs.edges.map((edge) => edge.node), knownEnded.current).length > 0) onFinishedRef.current?.();
  }, [jobs, data]);
  // while a job runs, ask again now and then: a missed subscription message must not freeze its bar
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => reload({ requestPolicy: 'network-only' }), POLL_WHILE_RUNNING_MS);
    return () => window.clearInterval(timer);
  }, [running, reload]);

  const columns: TableColumnsType<TagJobFieldsFragment> = [
    { title: t('audiences.jobs.tag'), dataIndex: 'tagName' },
    {
      title: t('audiences.jobs.action'),
      dataIndex: 'action',
      render: (action: TagJobFieldsFragment['action']) => t(`audiences.tagJob.actions.${action}`),
    },
    {
      title: t('audiences.jobs.status'),
      dataIndex: 'status',
      render: (status: TagJobStatus, job) => (
        <Tag color={STATUS_COLORS[status]} data-testid={`tag-job-status-${job.id}`}>
          {t(`audiences.jobs.statuses.${status}`)}
        </Tag>
      ),
    },
    {
      title: t('audiences.jobs.progress'),
      key: 'progress',
      render: (_: unknown, job) => (
        <div style={{ minWidth: 160 }}>
          <Progress
            percent={jobPercent(job)}
            size="small"
            status={job.status === 'FAILED' ? 'exception' : inProgress(job) ? 'active' : undefined}
            data-testid={`tag-job-progress-${job.id}`}
            data-percent={jobPercent(job)}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`tag-job-counts-${job.id}`}>
            {t('audiences.jobs.counts', { done: job.done, total: job.total, succeeded: job.succeeded, failed: job.failed })}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('audiences.jobs.startedAt'), dataIndex: 'startedAt', render: (value: string) => formatDateTime(value, i18n.language) },
    {
      title: t('common.actions.label'),
      key: 'actions',
      render: (_: unknown, job) => (
        <Space size={4}>
          {job.failed > 0 && (
            <Button size="small" onClick={() => setFailuresOf(job)} data-testid={`tag-job-failures-${job.id}`}>
              {t('audiences.jobs.failures', { count: job.failed })}
            </Button>
          )}
          {canCancel && inProgress(job) && (
            <Button size="small" onClick={() => void cancelJob(job)} data-testid={`tag-job-cancel-${job.id}`}>
              {t('audiences.jobs.cancel')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('audiences.jobs.title')} size="small" data-testid="tag-jobs">
      <Table<TagJobFieldsFragment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={jobs}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('audiences.jobs.empty') }}
      />
      <CursorPager stack={stack} pageInfo={data?.tagJobs.pageInfo} />
      <Drawer
        open={failuresOf !== null}
        width={720}
        title={failuresOf ? t('audiences.jobs.failuresTitle', { tag: failuresOf.tagName }) : ''}
        onClose={() => setFailuresOf(null)}
        destroyOnHidden
      >
        {failuresOf && <TagJobFailures jobId={failuresOf.id} />}
      </Drawer>
    </Card>
  );
}

/** A job's failure report: openid, line of the upload, code and message, a page at a time. */
export function TagJobFailures({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const stack = useCursorStack();
  const [{ data, fetching }] = useQuery({ query: TagJobFailuresQuery, variables: { id: jobId, first: 50, after: stack.after } });
  const failures = data?.tagJob?.failures.edges.map((edge) => ({ key: edge.cursor, ...edge.node })) ?? [];
  return (
    <>
      <Table
        data-testid="tag-job-failures"
        rowKey="key"
        size="small"
        loading={fetching && !data}
        pagination={false}
        dataSource={failures}
        columns={[
          { title: t('audiences.jobs.failureColumns.line'), dataIndex: 'line', render: (line: number | null) => line ?? '—' },
          { title: t('audiences.jobs.failureColumns.openid'), dataIndex: 'openid', render: (openid: string) => <Typography.Text code>{openid}</Typography.Text> },
          {
            title: t('audiences.jobs.failureColumns.code'),
            dataIndex: 'code',
            render: (code: string) => (
              <Tag color="red" title={code}>
                {t(`audiences.jobs.failureCodes.${code}`, { defaultValue: code })}
              </Tag>
            ),
          },
          { title: t('audiences.jobs.failureColumns.message'), dataIndex: 'message' },
        ]}
      />
      <CursorPager stack={stack} pageInfo={data?.tagJob?.failures.pageInfo} />
    </>
  );
}
