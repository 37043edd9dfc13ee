import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Input, Progress, Select, Table, Typography } from 'antd';
import type { ComponentProps } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery, useSubscription } from 'urql';
import { CursorPager, useCursorStack } from '../../../components/CursorPager';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import { JobStateTag } from '../../../components/StateTag';
import type {
  DispatchJobKind,
  DispatchJobState,
  HistoryJobFieldsFragment,
  HistoryJobFilter,
  HistoryJobsChangedSubscription as HistoryJobsChangedData,
} from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { HistoryAccountsQuery, HistoryJobsChangedSubscription, HistoryJobsQuery } from '../api/operations';
import { JOB_KINDS, JOB_STATES, applyJobChange, dateRangeToInstants, isRunning, percent } from '../states';
import { OutcomeMiniBar } from './OutcomeMiniBar';
import './history.css';

const PAGE = 20;
type RangeValue = Parameters<NonNullable<ComponentProps<typeof DatePicker.RangePicker>['onChange']>>[0];
type Row = HistoryJobFieldsFragment;

/**
 * `/history` (every account) and `/accounts/:id/history`: the jobs, newest first, filtered by account, kind,
 * state, creation date and creator; running jobs show their progress live.
 */
export function HistoryJobsPage() {
  const { id: routeAccountId } = useParams();
  const { t, i18n } = useTranslation();
  const canSend = useCan('manageAccounts');
  const stack = useCursorStack();
  const [accountId, setAccountId] = useState<string | undefined>(undefined);
  const [kinds, setKinds] = useState<DispatchJobKind[]>([]);
  const [states, setStates] = useState<DispatchJobState[]>([]);
  const [range, setRange] = useState<RangeValue>(null);
  const [createdBy, setCreatedBy] = useState('');
  const [search, setSearch] = useState('');
  const account = routeAccountId ?? accountId ?? null;

  const filter = useMemo<HistoryJobFilter>(
    () => ({
      accountId: account,
      kinds: kinds.length > 0 ? kinds : null,
      states: states.length > 0 ? states : null,
      ...dateRangeToInstants(range?.[0]?.toDate() ?? null, range?.[1]?.toDate() ?? null),
      createdBy: createdBy.trim() || null,
      search: search.trim() || null,
    }),
    [account, kinds, states, range, createdBy, search],
  );
  // a new filter starts again on the first page (adjusting state while rendering)
  const filterKey = JSON.stringify(filter);
  const [shownFilter, setShownFilter] = useState(filterKey);
  if (shownFilter !== filterKey) {
    setShownFilter(filterKey);
    stack.reset();
  }

  const [{ data, error, fetching }, reexecute] = useQuery({ query: HistoryJobsQuery, variables: { filter, first: PAGE, after: stack.after } });
  const [{ data: accounts }] = useQuery({ query: HistoryAccountsQuery, pause: routeAccountId !== undefined });
  // every live change, the newest copy per job (urql folds the items with this handler)
  const [{ data: changes }] = useSubscription(
    { query: HistoryJobsChangedSubscription, variables: { accountId: account } },
    (seen: Record<string, Row> = {}, item: HistoryJobsChangedData) => ({ ...seen, [item.dispatchJobsChanged.id]: item.dispatchJobsChanged }),
  );
  const listed = useMemo(() => data?.historyJobs.edges.map((e) => e.node) ?? [], [data]);
  const rows = useMemo(() => Object.values(changes ?? {}).reduce<readonly Row[]>((acc, job) => applyJobChange(acc, job), listed), [listed, changes]);
  // on the first page, a change of a job not listed (most likely a new one): offer to reload
  const newJobs = stack.after === null && Object.keys(changes ?? {}).some((jobId) => !listed.some((row) => row.id === jobId));

  if (error && !data) return <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  const accountName = (id: string) => accounts?.accounts.edges.find((e) => e.node.id === id)?.node.name ?? id;

  return (
    <>
      <PageHeader
        title={t('history.title')}
        subtitle={t('history.subtitle')}
        extra={
          routeAccountId && canSend ? (
            <Link to={`/accounts/${routeAccountId}/dispatch/new`}>
              <Button type="primary" icon={<SendOutlined aria-hidden />} data-testid="history-new-send">
                {t('history.newSend')}
              </Button>
            </Link>
          ) : undefined
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="history-filters">
          {routeAccountId === undefined && (
            <Select
              allowClear
              data-testid="history-filter-account"
              aria-label={t('history.filters.account')}
              placeholder={t('history.filters.account')}
              value={accountId}
              onChange={(value?: string) => setAccountId(value)}
              showSearch
              optionFilterProp="label"
              virtual={false}
              options={accounts?.accounts.edges.map((e) => ({ value: e.node.id, label: e.node.name })) ?? []}
              style={{ minWidth: 200 }}
            />
          )}
          <Select
            mode="multiple"
            allowClear
            data-testid="history-filter-kind"
            aria-label={t('history.filters.kind')}
            placeholder={t('history.filters.kind')}
            value={kinds}
            onChange={setKinds}
            options={JOB_KINDS.map((kind) => ({ value: kind, label: t(`dispatch.kinds.${kind}`) }))}
            style={{ minWidth: 180 }}
          />
          <Select
            mode="multiple"
            allowClear
            data-testid="history-filter-state"
            aria-label={t('history.filters.state')}
            placeholder={t('history.filters.state')}
            value={states}
            onChange={setStates}
            options={JOB_STATES.map((state) => ({ value: state, label: t(`dispatch.jobStates.${state}`) }))}
            maxTagCount="responsive"
            style={{ minWidth: 200 }}
          />
          <DatePicker.RangePicker
            data-testid="history-filter-dates"
            aria-label={t('history.filters.dates')}
            placeholder={[t('history.filters.from'), t('history.filters.to')]}
            value={range}
            onChange={setRange}
            allowEmpty={[true, true]}
          />
          <Input.Search
            allowClear
            data-testid="history-filter-creator"
            aria-label={t('history.filters.creator')}
            placeholder={t('history.filters.creator')}
            onSearch={setCreatedBy}
            style={{ width: 180 }}
          />
          <Input.Search
            allowClear
            data-testid="history-filter-search"
            aria-label={t('history.filters.search')}
            placeholder={t('history.filters.search')}
            onSearch={setSearch}
            style={{ width: 220 }}
          />
          {newJobs && (
            <Button icon={<ReloadOutlined aria-hidden />} data-testid="history-new-jobs" onClick={() => reexecute({ requestPolicy: 'network-only' })}>
              {t('history.newJobs')}
            </Button>
          )}
        </Flex>
        <Table<Row>
          data-testid="history-jobs"
          rowKey="id"
          size="small"
          loading={fetching && !data}
          pagination={false}
          dataSource={[...rows]}
          scroll={{ x: 960 }}
          tableLayout="fixed"
          locale={{ emptyText: t('history.empty') }}
          columns={[
            {
              title: t('history.columns.title'),
              dataIndex: 'title',
              width: 260,
              render: (title: string, job) => (
                <Link to={`/accounts/${job.accountId}/dispatch/jobs/${job.id}`} data-testid={`history-job-${job.id}`}>
                  <Typography.Text ellipsis={{ tooltip: title }} style={{ maxWidth: '100%', color: 'inherit' }}>
                    {title}
                  </Typography.Text>
                </Link>
              ),
            },
            ...(routeAccountId === undefined
              ? [{ title: t('history.columns.account'), dataIndex: 'accountId', width: 140, ellipsis: true, render: (id: string) => accountName(id) }]
              : []),
            { title: t('history.columns.kind'), dataIndex: 'kind', width: 110, render: (kind: DispatchJobKind) => t(`dispatch.kinds.${kind}`) },
            {
              title: t('history.columns.state'),
              dataIndex: 'state',
              width: 110,
              render: (state: DispatchJobState, job) => (
                <JobStateTag state={state} testId={`history-state-${job.id}`} />
              ),
            },
            {
              title: t('history.columns.progress'),
              key: 'progress',
              width: 220,
              render: (_: unknown, job) =>
                isRunning(job.state) ? (
                  <Progress
                    size="small"
                    percent={percent(job.counts.done, job.counts.total)}
                    status={job.state === 'PAUSED' ? 'normal' : 'active'}
                    data-testid={`history-progress-${job.id}`}
                    data-percent={percent(job.counts.done, job.counts.total)}
                  />
                ) : (
                  <OutcomeMiniBar counts={job.counts} />
                ),
            },
            { title: t('history.columns.total'), dataIndex: 'total', width: 80, align: 'right' as const },
            { title: t('history.columns.createdBy'), dataIndex: 'createdBy', width: 120, ellipsis: true },
            { title: t('history.columns.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at, i18n.language) },
          ]}
        />
        <CursorPager stack={stack} pageInfo={data?.historyJobs.pageInfo} />
      </Card>
    </>
  );
}
