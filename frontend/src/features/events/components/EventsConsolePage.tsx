import { ArrowLeftOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Result, Row, Space, Switch, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import type { ApiTarget } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { useLiveStatus } from '../../../lib/liveStatus';
import { EVENT_TYPES, MESSAGE_TYPES, eventsFilter, parseTypes } from '../eventTypes';
import { MAX_EVENTS } from '../hooks/eventsState';
import { useCallbackEvents } from '../hooks/useCallbackEvents';
import { DeadLettersPanel } from './DeadLettersPanel';
import { EventsTable } from './EventsTable';
import { EventTypeChart } from './EventTypeChart';
import { EventTypeFilter } from './EventTypeFilter';
import { LiveIndicator } from './LiveIndicator';
import { SimulatePanel } from './SimulatePanel';
import { WeChatConnectionCard } from './WeChatConnectionCard';

interface ConsoleAccount {
  id: string;
  name: string;
  apiTarget: ApiTarget;
}

/** `/accounts/:id/events`: WeChat's pushes to the account, live. */
export function EventsConsolePage() {
  const { account } = useCurrentAccount();
  return <EventsConsole key={account.id} account={account} />;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set([...MESSAGE_TYPES, ...EVENT_TYPES]);

function EventsConsole({ account }: { account: ConsoleAccount }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canManage = useCan('manageAccounts');
  const canSeeRawXml = useCan('viewRawXml');
  const [searchParams, setSearchParams] = useSearchParams();
  const typesParam = searchParams.get('types');
  const types = useMemo(() => parseTypes(typesParam), [typesParam]);
  // delivery reports (TEMPLATESENDJOBFINISH) belong to the sent history: left out by the server unless asked for or chosen
  const showReports = searchParams.get('reports') === '1';
  const requested = useMemo(() => eventsFilter(types, showReports), [types, showReports]);
  const { state, liveError, canLoadOlder, loadOlder, reload, resubscribe } = useCallbackEvents(account.id, requested);
  const socket = useLiveStatus();
  const otherTypes = useMemo(
    () => [...new Set(state.rows.map((row) => row.type))].filter((type) => !KNOWN_TYPES.has(type)),
    [state.rows],
  );
  const showSimulate = canManage && account.apiTarget === 'SANDBOX';

  const setTypes = (next: string[]) => {
    setSearchParams(
      (params) => {
        const copy = new URLSearchParams(params);
        if (next.length > 0) copy.set('types', next.join(','));
        else copy.delete('types');
        return copy;
      },
      { replace: true },
    );
  };

  const setShowReports = (show: boolean) => {
    setSearchParams(
      (params) => {
        const copy = new URLSearchParams(params);
        if (show) copy.set('reports', '1');
        else copy.delete('reports');
        return copy;
      },
      { replace: true },
    );
  };

  return (
    <>
      <PageHeader
        title={
          <>
            {account.name}{' '}
            <Tag color={account.apiTarget === 'WECHAT' ? 'green' : 'orange'} style={{ verticalAlign: 'middle' }}>
              {t(`accounts.apiTarget.${account.apiTarget}`)}
            </Tag>
          </>
        }
        subtitle={
          <Space size={12} wrap>
            <span>{t('events.console.title')}</span>
            <LiveIndicator status={liveError ? 'failed' : socket} onRetry={resubscribe} />
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate(`/accounts/${account.id}`)}>
            {t('events.actions.accountDetails')}
          </Button>
        }
      />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={showSimulate ? 8 : 12}>
          <WeChatConnectionCard accountId={account.id} />
        </Col>
        <Col xs={24} lg={showSimulate ? 8 : 12}>
          <EventTypeChart events={state.rows} />
        </Col>
        {showSimulate && (
          <Col xs={24} lg={8}>
            <SimulatePanel accountId={account.id} />
          </Col>
        )}
      </Row>

      {canSeeRawXml && <DeadLettersPanel accountId={account.id} />}

      <Card size="small">
        <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Flex wrap gap={12} align="center" style={{ flex: 1 }}>
            <EventTypeFilter value={types} onChange={setTypes} otherTypes={otherTypes} />
            {types.length === 0 && (
              <Space size={6}>
                <Switch size="small" checked={showReports} onChange={setShowReports} data-testid="events-show-reports" aria-label={t('events.filter.showReports')} />
                <Typography.Text type="secondary">{t('events.filter.showReports')}</Typography.Text>
              </Space>
            )}
          </Flex>
          {state.status === 'ready' && (
            <Typography.Text type="secondary" data-testid="events-count">
              {t('events.list.showing', { shown: state.rows.length, total: Math.max(state.total ?? 0, state.rows.length) })}
            </Typography.Text>
          )}
        </Flex>
        {state.status === 'error' ? (
          <Result
            status="error"
            title={t('common.errors.loadFailed')}
            extra={
              <Button type="primary" onClick={reload}>
                {t('common.actions.retry')}
              </Button>
            }
          />
        ) : (
          <EventsTable
            rows={state.rows}
            loading={state.status === 'loading'}
            fresh={state.fresh}
            showRawXml={canSeeRawXml}
            filtered={types.length > 0}
          />
        )}
        {state.olderError ? (
          <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} message={t('events.list.olderFailed')} />
        ) : null}
        {state.status === 'ready' && state.hasMore && (
          <Flex justify="center" align="center" gap={12} style={{ marginTop: 12 }}>
            {state.rows.length >= MAX_EVENTS && (
              <Typography.Text type="secondary">{t('events.list.capped', { max: MAX_EVENTS })}</Typography.Text>
            )}
            <Button
              icon={<HistoryOutlined aria-hidden />}
              data-testid="events-load-older"
              disabled={!canLoadOlder}
              loading={state.loadingOlder}
              onClick={loadOlder}
            >
              {t('events.actions.loadOlder')}
            </Button>
          </Flex>
        )}
      </Card>
    </>
  );
}
