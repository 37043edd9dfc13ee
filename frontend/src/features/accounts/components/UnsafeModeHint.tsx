import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EncryptionMode } from '../../../gql/graphql';

/** Under the encryption mode: PLAIN and COMPATIBLE sign only the query, so Safe mode is recommended. */
export function UnsafeModeHint({ mode }: { mode: EncryptionMode | undefined }) {
  const { t } = useTranslation();
  if (mode !== 'PLAIN' && mode !== 'COMPATIBLE') return null;
  return (
    <Typography.Text type="warning" role="note" data-testid="unsafe-mode-hint">
      {t('accounts.encryptionModeHint.unsafe')}
    </Typography.Text>
  );
}
