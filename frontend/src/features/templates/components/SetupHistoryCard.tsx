import { Alert, Card, Timeline, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { formatDateTime } from '../../../lib/format';
import { TemplateSetupChangesQuery } from '../api/operations';
import { categoryName } from '../categories';
import { industryName } from '../industry';

/**
 * Who changed the account's industries or categories through Fanmail, when, and to what: WeChat
 * allows few changes a month, so the team can see who used them. Re-read when `refresh` changes.
 */
export function SetupHistoryCard({ accountId, refresh }: { accountId: string; refresh: number }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, reexecute] = useQuery({ query: TemplateSetupChangesQuery, variables: { accountId } });
  useEffect(() => {
    if (refresh > 0) reexecute({ requestPolicy: 'network-only' });
  }, [refresh, reexecute]);
  const language = i18n.language;
  const changes = data?.templateSetupChanges ?? [];

  const describe = (change: (typeof changes)[number]): string => {
    if (change.model === 'INDUSTRY') {
      return t('templates.history.industries', {
        primary: industryName(change.primaryIndustry, language),
        secondary: industryName(change.secondaryIndustry, language),
      });
    }
    const parts: string[] = [];
    if (change.added.length > 0) {
      parts.push(t('templates.history.added', { names: change.added.map(categoryName).join('、') }));
    }
    if (change.removed.length > 0) {
      parts.push(t('templates.history.removed', { names: change.removed.map(categoryName).join('、') }));
    }
    return parts.join(' ');
  };

  return (
    <Card title={t('templates.history.title')} size="small" data-testid="setup-history">
      {error && !data && <Alert type="error" showIcon message={t('common.errors.loadFailed')} />}
      {data && changes.length === 0 && <Typography.Text type="secondary">{t('templates.history.empty')}</Typography.Text>}
      {changes.length > 0 && (
        <Timeline
          style={{ marginTop: 8, marginBottom: -16 }}
          items={changes.map((change, index) => ({
            key: `${change.changedAt}-${index}`,
            color: change.removed.length > 0 ? 'red' : 'green',
            children: (
              <>
                <div>{describe(change)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(change.changedAt, language)} ·{' '}
                  {change.changedBy ? t('templates.history.by', { user: change.changedBy }) : t('templates.history.byUnknown')}
                </Typography.Text>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
