import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { CopyableText } from '../../../components/CopyableText';
import type { TemplateBlockedMessagesQuery as BlockedData } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';
import { TemplateBlockedMessagesQuery } from '../api/operations';
import { BLOCKED_PAGE_SIZE, largestId, queryErrorText } from '../blocked';

type Message = BlockedData['templateBlockedMessages'][number];

interface Loaded {
  rows: Message[];
  /** The largest record id seen: the next page's cursor. */
  cursor: string;
  /** False once WeChat answered fewer than a page. */
  hasMore: boolean;
}

/**
 * Messages of the template WeChat intercepted. Looking them up asks WeChat, so it happens on
 * request only; "Load more" continues after the largest id seen.
 */
export function BlockedMessagesCard({ templateId }: { templateId: string }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState<'lookup' | 'more' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = async (more: boolean) => {
    const cursor = more && loaded ? loaded.cursor : '0';
    setLoading(more ? 'more' : 'lookup');
    setError(null);
    const result = await client
      .query(TemplateBlockedMessagesQuery, { templateId, first: BLOCKED_PAGE_SIZE, largestId: cursor }, { requestPolicy: 'network-only' })
      .toPromise();
    setLoading(null);
    const page = result.data?.templateBlockedMessages;
    if (result.error || !page) {
      setError(result.error ? queryErrorText(t, result.error, 'templates') : t('common.errors.loadFailed'));
      return;
    }
    setLoaded((previous) => {
      const before = more && previous ? previous.rows : [];
      const seen = new Set(before.map((row) => row.id));
      return {
        rows: [...before, ...page.filter((row) => !seen.has(row.id))],
        cursor: largestId(page.map((row) => row.id), cursor),
        hasMore: page.length >= BLOCKED_PAGE_SIZE,
      };
    });
  };

  return (
    <Card
      title={t('templates.blocked.title')}
      data-testid="blocked-card"
      style={{ marginTop: 16 }}
      extra={
        <Button icon={<SearchOutlined aria-hidden />} loading={loading === 'lookup'} disabled={loading === 'more'} onClick={() => void fetchPage(false)}>
          {t('templates.blocked.lookUp')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon role="alert" data-testid="blocked-error" style={{ marginBottom: 12 }} message={error} />}
      {!loaded ? (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('templates.blocked.intro')}
        </Typography.Paragraph>
      ) : (
        <>
          <Table<Message>
            data-testid="blocked-messages"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={loaded.rows}
            locale={{ emptyText: t('templates.blocked.empty') }}
            scroll={{ x: true }}
            columns={[
              {
                key: 'sentAt',
                title: t('templates.blocked.sentAt'),
                width: 160,
                render: (_, m) => formatDateTime(m.sentAt, i18n.language),
              },
              {
                key: 'openid',
                title: t('templates.blocked.openid'),
                render: (_, m) =>
                  m.openid ? <CopyableText text={m.openid} copyLabel={t('templates.blocked.copyOpenid')} /> : '—',
              },
              { key: 'title', title: t('templates.blocked.messageTitle'), render: (_, m) => m.title || '—' },
              {
                key: 'content',
                title: t('templates.blocked.content'),
                render: (_, m) => <span style={{ whiteSpace: 'pre-wrap' }}>{m.content || '—'}</span>,
              },
            ]}
          />
          {loaded.hasMore && (
            <Button
              block
              style={{ marginTop: 12 }}
              loading={loading === 'more'}
              disabled={loading === 'lookup'}
              onClick={() => void fetchPage(true)}
              data-testid="blocked-load-more"
            >
              {t('templates.blocked.loadMore')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
