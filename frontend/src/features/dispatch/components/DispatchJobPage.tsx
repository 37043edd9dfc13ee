import { ArrowLeftOutlined, CaretRightOutlined, PauseOutlined, RedoOutlined, StopOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Progress, Result, Row, Skeleton, Statistic, Table, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { QueryErrorResult } from '../../../components/QueryErrorResult';
import { JobStateTag } from '../../../components/StateTag';
import type { DispatchJobFieldsFragment, DispatchProgressSubscription as ProgressData } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { formatDateTime } from '../../../lib/format';
import { translateUserError } from '../../../lib/userErrors';
import {
  DispatchCancelMutation,
  DispatchJobQuery,
  DispatchPauseMutation,
  DispatchProgressSubscription,
  DispatchResendInDoubtMutation,
  DispatchResumeMutation,
  DispatchRetryFailedMutation,
  DispatchStartMutation,
} from '../api/operations';
import { RECIPIENT_STATES, allowedActions, isEnded, laterProgress, percentDone, splitDuration } from '../progress';
import { OutcomeBar } from './OutcomeBar';
import { PlanSummary } from './PlanSummary';
import './dispatch.css';

type Job = DispatchJobFieldsFragment;

/** How often an ended job is read again while delivery reports come in, and for how long after it ended. */
const REPORTS_POLL_MS = 3000;
const REPORTS_WAIT_MS = 10 * 60 * 1000;

function recentlyFinished(finishedAt: string | null | undefined): boolean {
  return !finishedAt || Date.now() - new Date(finishedAt).getTime() < REPORTS_WAIT_MS;
}
type Progress = ProgressData['dispatchProgress'];

export interface DispatchJobPageProps {
  /** The per-recipient table (the history feature's), composed by the app. */
  renderRecipients?: (job: Job) => ReactNode;
}

/**
 * `/accounts/:id/dispatch/jobs/:jobId`: one job, live: the progress bar, counts by state, rate and ETA
 * (dispatchProgress), its outcome, the operator's actions, who did what when, the content and plan as
 * stored, and the recipients.
 */
export function DispatchJobPage({ renderRecipients }: DispatchJobPageProps) {
  const { account } = useCurrentAccount();
  const { jobId = '' } = useParams();
  const { t } = useTranslation();
  const [{ data, error }, reexecute] = useQuery({ query: DispatchJobQuery, variables: { id: jobId } });
  const job = data?.dispatchJob;
  const ended = job ? isEnded(job.state) : false;
  const [{ data: live }] = useSubscription({ query: DispatchProgressSubscription, variables: { jobId }, pause: !job || ended });
  const progress = live?.dispatchProgress.jobId === jobId ? live.dispatchProgress : null;

  // a state change seen live brings the job's events, times and follow-ups up to date
  const liveState = progress?.state;
  useEffect(() => {
    if (liveState && job && liveState !== job.state) reexecute({ requestPolicy: 'network-only' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [liveState]);

  // an ended job's SENT recipients await WeChat's delivery reports: read the job again for a while
  const awaitingReports = job !== null && job !== undefined && ended && job.counts.sent > 0 && recentlyFinished(job.finishedAt);
  useEffect(() => {
    if (!awaitingReports) return;
    const timer = setInterval(() => reexecute({ requestPolicy: 'network-only' }), REPORTS_POLL_MS);
    return () => clearInterval(timer);
  }, [awaitingReports, reexecute]);

  if (error && !data) return <QueryErrorResult error={error} onRetry={() => reexecute({ requestPolicy: 'network-only' })} />;
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!job) {
    return (
      <Result
        status="404"
        title={t('dispatch.errors.JOB_NOT_FOUND')}
        extra={
          <Link to={`/accounts/${account.id}/history`}>
            <Button>{t('dispatch.job.backToHistory')}</Button>
          </Link>
        }
      />
    );
  }
  const shown = laterProgress(job, progress);
  return (
    <>
      <PageHeader
        title={
          <Typography.Text className="dispatch-break" style={{ fontSize: 'inherit' }} data-testid="job-title">
            {job.title}
          </Typography.Text>
        }
        subtitle={
          <Flex gap={8} align="center" wrap>
            <JobStateTag state={shown.state} testId="job-state" />
            <span>{t(`dispatch.kinds.${job.kind}`)}</span>
            <span>·</span>
            <span>{account.name}</span>
          </Flex>
        }
        extra={<JobActions job={job} state={shown.state} counts={shown.counts} onChanged={() => reexecute({ requestPolicy: 'network-only' })} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <ProgressCard job={job} progress={progress} shown={shown} />
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('dispatch.outcome.title')} size="small">
            <OutcomeBar counts={shown.counts} testId="job-outcome" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <DetailsCard job={job} />
          <ContentCard job={job} />
        </Col>
        <Col xs={24} xl={12}>
          <EventsCard job={job} />
          <Card title={t('dispatch.job.plan')} size="small" style={{ marginTop: 16 }}>
            {job.plan ? <PlanSummary plan={job.plan} /> : <Empty description={t('dispatch.job.noPlan')} />}
          </Card>
        </Col>
        {renderRecipients && <Col span={24}>{renderRecipients(job)}</Col>}
      </Row>
    </>
  );
}

function ProgressCard({ job, progress, shown }: { job: Job; progress: Progress | null; shown: { state: Job['state']; counts: Job['counts'] } }) {
  const { t, i18n } = useTranslation();
  const counts = shown.counts;
  const percent = percentDone(counts);
  const eta = progress?.etaSeconds != null ? splitDuration(progress.etaSeconds) : null;
  const status = shown.state === 'FAILED' ? 'exception' : shown.state === 'COMPLETED' ? 'success' : shown.state === 'SENDING' || shown.state === 'QUEUED' ? 'active' : 'normal';
  return (
    <Card title={t('dispatch.job.progress')} size="small" data-testid="job-progress-card">
      <Progress percent={percent} status={status} data-testid="job-progress" data-percent={percent} data-done={counts.done} data-total={counts.total} />
      <Flex gap={32} wrap style={{ marginTop: 12 }}>
        <Statistic title={t('dispatch.job.done')} value={`${counts.done} / ${counts.total}`} valueRender={(n) => <span data-testid="job-done">{n}</span>} />
        <Statistic title={t('dispatch.job.rate')} value={progress ? progress.ratePerSecond.toFixed(1) : '—'} suffix={progress ? t('dispatch.job.perSecond') : undefined} />
        <Statistic
          title={t('dispatch.job.eta')}
          value={eta ? [eta.h ? t('dispatch.duration.h', { count: eta.h }) : '', eta.min ? t('dispatch.duration.min', { count: eta.min }) : '', eta.s != null && !eta.h ? t('dispatch.duration.s', { count: eta.s }) : ''].filter(Boolean).join(' ') : '—'}
        />
      </Flex>
      <Row gutter={[8, 8]} style={{ marginTop: 12 }}>
        {RECIPIENT_STATES.map(({ state, count }) => (
          <Col key={state} xs={12} sm={8} md={6} lg={4}>
            <Statistic
              title={t(`dispatch.recipientStates.${state}`)}
              value={counts[count] as number}
              valueStyle={{ fontSize: 18 }}
              valueRender={(n) => <span data-testid={`job-count-${state}`}>{n}</span>}
            />
          </Col>
        ))}
      </Row>
      {shown.state === 'PAUSED' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="job-paused"
          message={job.pausedUntil ? t('dispatch.job.pausedUntil', { at: formatDateTime(job.pausedUntil, i18n.language) }) : t('dispatch.job.paused')}
          description={job.pauseReason ? t(`dispatch.pauseReasons.${job.pauseReason}`, { defaultValue: job.pauseReason }) : undefined}
        />
      )}
      {job.failure && <Alert type="error" showIcon style={{ marginTop: 12 }} message={<span className="dispatch-break">{job.failure}</span>} />}
    </Card>
  );
}

/** Start (a planned job), pause, resume, cancel; retry the failed and resend the in-doubt recipients as follow-up jobs. */
function JobActions({ job, state, counts, onChanged }: { job: Job; state: Job['state']; counts: Job['counts']; onChanged(): void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const canOperate = useCan('manageAccounts');
  const [, start] = useMutation(DispatchStartMutation);
  const [, pause] = useMutation(DispatchPauseMutation);
  const [, resume] = useMutation(DispatchResumeMutation);
  const [, cancel] = useMutation(DispatchCancelMutation);
  const [, retryFailed] = useMutation(DispatchRetryFailedMutation);
  const [, resendInDoubt] = useMutation(DispatchResendInDoubtMutation);
  const [busy, setBusy] = useState(false);
  const back = (
    <Link to={`/accounts/${job.accountId}/history`}>
      <Button icon={<ArrowLeftOutlined aria-hidden />}>{t('dispatch.job.backToHistory')}</Button>
    </Link>
  );
  if (!canOperate) return back;
  const allowed = allowedActions(state, counts);
  const input = { jobId: job.id };

  type Outcome = { error?: unknown; data?: Record<string, { job?: { id: string } | null; userErrors: { code: string; field?: string | null; message: string }[] } | undefined> };
  const run = async (call: () => Promise<Outcome>, field: string, followUp = false) => {
    setBusy(true);
    try {
      const result = await call();
      const payload = result.data?.[field];
      if (result.error || !payload) return void message.error(t('common.errors.saveFailed'));
      if (payload.userErrors.length > 0) return void message.error(payload.userErrors.map((e) => translateUserError(t, e, 'dispatch')).join(' '));
      if (followUp && payload.job) {
        message.success(t('dispatch.job.followUpCreated'));
        navigate(`/accounts/${job.accountId}/dispatch/jobs/${payload.job.id}`);
      } else onChanged();
    } finally {
      setBusy(false);
    }
  };

  const confirmResend = () =>
    modal.confirm({
      title: t('dispatch.job.resendInDoubtTitle', { count: counts.inDoubt }),
      icon: <WarningOutlined aria-hidden />,
      content: t('dispatch.job.resendInDoubtWarning'),
      okText: t('dispatch.actions.resendInDoubt'),
      okButtonProps: { danger: true },
      cancelText: t('common.actions.cancel'),
      onOk: () => run(() => resendInDoubt({ input }) as Promise<Outcome>, 'dispatchResendInDoubt', true),
    });

  return (
    <Flex gap={8} wrap>
      {allowed.start && (
        <Button type="primary" icon={<CaretRightOutlined aria-hidden />} loading={busy} data-testid="job-start" onClick={() => void run(() => start({ input }) as Promise<Outcome>, 'dispatchStart')}>
          {t('dispatch.actions.start')}
        </Button>
      )}
      {allowed.pause && (
        <Popconfirm title={t('dispatch.job.pauseConfirm')} okText={t('dispatch.actions.pause')} cancelText={t('common.actions.cancel')} onConfirm={() => run(() => pause({ input }) as Promise<Outcome>, 'dispatchPause')}>
          <Button icon={<PauseOutlined aria-hidden />} loading={busy} data-testid="job-pause">
            {t('dispatch.actions.pause')}
          </Button>
        </Popconfirm>
      )}
      {allowed.resume && (
        <Popconfirm title={t('dispatch.job.resumeConfirm')} okText={t('dispatch.actions.resume')} cancelText={t('common.actions.cancel')} onConfirm={() => run(() => resume({ input }) as Promise<Outcome>, 'dispatchResume')}>
          <Button type="primary" icon={<CaretRightOutlined aria-hidden />} loading={busy} data-testid="job-resume">
            {t('dispatch.actions.resume')}
          </Button>
        </Popconfirm>
      )}
      {allowed.cancel && (
        <Popconfirm
          title={t('dispatch.job.cancelConfirm')}
          description={t('dispatch.job.cancelHint')}
          okText={t('dispatch.actions.cancel')}
          okButtonProps={{ danger: true }}
          cancelText={t('dispatch.job.keepSending')}
          onConfirm={() => run(() => cancel({ input }) as Promise<Outcome>, 'dispatchCancel')}
        >
          <Button danger icon={<StopOutlined aria-hidden />} loading={busy} data-testid="job-cancel">
            {t('dispatch.actions.cancel')}
          </Button>
        </Popconfirm>
      )}
      {allowed.retryFailed && (
        <Popconfirm
          title={t('dispatch.job.retryFailedConfirm', { count: counts.failed + counts.systemFailed })}
          okText={t('dispatch.actions.retryFailed')}
          cancelText={t('common.actions.cancel')}
          onConfirm={() => run(() => retryFailed({ input }) as Promise<Outcome>, 'dispatchRetryFailed', true)}
        >
          <Button icon={<RedoOutlined aria-hidden />} loading={busy} data-testid="job-retry-failed">
            {t('dispatch.actions.retryFailed')}
          </Button>
        </Popconfirm>
      )}
      {allowed.resendInDoubt && (
        <Button danger icon={<WarningOutlined aria-hidden />} loading={busy} data-testid="job-resend-in-doubt" onClick={confirmResend}>
          {t('dispatch.actions.resendInDoubt')}
        </Button>
      )}
      {back}
    </Flex>
  );
}

function DetailsCard({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t('dispatch.job.details')} size="small">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('dispatch.job.audience')}>
          <span className="dispatch-break" data-testid="job-audience">
            {job.audience}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('dispatch.job.total')}>{job.total}</Descriptions.Item>
        <Descriptions.Item label={t('dispatch.job.createdBy')}>{job.createdBy}</Descriptions.Item>
        <Descriptions.Item label={t('dispatch.job.createdAt')}>{formatDateTime(job.createdAt, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('dispatch.job.startedAt')}>{formatDateTime(job.startedAt, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('dispatch.job.finishedAt')}>{formatDateTime(job.finishedAt, i18n.language)}</Descriptions.Item>
        {job.followUpOf && (
          <Descriptions.Item label={t('dispatch.job.followUpOf')}>
            <Link to={`/accounts/${job.accountId}/dispatch/jobs/${job.followUpOf}`}>{t('dispatch.job.originalJob')}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** What was sent, as stored: the template and each field's source. */
function ContentCard({ job }: { job: Job }) {
  const { t } = useTranslation();
  const content = job.content;
  return (
    <Card title={t('dispatch.job.content')} size="small" style={{ marginTop: 16 }} data-testid="job-content">
      {!content ? (
        <Empty />
      ) : (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('dispatch.send.template')}>
              <span className="dispatch-break">{content.title ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('dispatch.job.wechatTemplateId')}>
              <Typography.Text code className="dispatch-break">
                {content.wechatTemplateId}
              </Typography.Text>
            </Descriptions.Item>
            {content.url && (
              <Descriptions.Item label={t('dispatch.link.url')}>
                <span className="dispatch-break">{content.url}</span>
              </Descriptions.Item>
            )}
            {content.miniProgramAppId && (
              <Descriptions.Item label={t('dispatch.link.modes.MINI_PROGRAM')}>
                <span className="dispatch-break">
                  {content.miniProgramAppId} {content.miniProgramPagePath}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={content.fields}
            columns={[
              { title: t('dispatch.job.field'), dataIndex: 'key', width: 140, render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
              { title: t('dispatch.job.source'), dataIndex: 'source', width: 140, render: (source: string) => t(`dispatch.sources.${source}`) },
              {
                title: t('dispatch.job.value'),
                key: 'value',
                render: (_: unknown, f) => <span className="dispatch-break">{f.source === 'FIXED' ? f.text : f.source === 'CSV_COLUMN' ? f.column : '—'}</span>,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** Who changed the job's state, when and why. */
function EventsCard({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t('dispatch.job.events')} size="small" data-testid="job-events">
      <Timeline
        items={job.events.map((e, i) => ({
          key: `${e.at}-${i}`,
          children: (
            <>
              <Typography.Text strong>
                {e.from ? `${t(`dispatch.jobStates.${e.from}`)} → ` : ''}
                {t(`dispatch.jobStates.${e.to}`)}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">
                {t('dispatch.job.eventBy', { actor: e.actor, at: formatDateTime(e.at, i18n.language) })}
              </Typography.Text>
              {e.reason && <div className="dispatch-break">{e.reason}</div>}
            </>
          ),
        }))}
      />
    </Card>
  );
}
