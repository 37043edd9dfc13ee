import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MaterialSyncFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../lib/format';
import { translateMaterialError } from '../rules';

/** One line about the library's last sync with WeChat: running with its counts, finished, or why it failed. */
export function MaterialSyncStatus({ sync }: { sync: MaterialSyncFieldsFragment | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!sync) {
    return (
      <Typography.Text type="secondary" data-testid="material-sync-status" data-status="NONE">
        {t('materials.sync.never')}
      </Typography.Text>
    );
  }
  const counts = t('materials.sync.counts', { listed: sync.listed, added: sync.added, removed: sync.removed, downloaded: sync.downloaded });
  if (sync.status === 'FAILED') {
    const reason = sync.errorCode
      ? translateMaterialError(t, { code: sync.errorCode, message: sync.errorMessage ?? sync.errorCode })
      : (sync.errorMessage ?? '');
    return (
      <Alert
        type="error"
        showIcon
        data-testid="material-sync-status"
        data-status={sync.status}
        message={t('materials.sync.failed', { when: formatDateTime(sync.finishedAt ?? sync.startedAt, i18n.language), reason })}
        description={counts}
      />
    );
  }
  return (
    <Typography.Text type={sync.status === 'RUNNING' ? undefined : 'secondary'} data-testid="material-sync-status" data-status={sync.status}>
      {sync.status === 'RUNNING'
        ? t('materials.sync.running', { counts })
        : t('materials.sync.succeeded', { when: formatDateTime(sync.finishedAt ?? sync.startedAt, i18n.language), counts })}
    </Typography.Text>
  );
}
