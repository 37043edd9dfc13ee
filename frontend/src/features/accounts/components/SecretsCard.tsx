import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReplaceSecretModal } from './ReplaceSecretModal';
import type { SecretField } from './ReplaceSecretModal';

export interface SecretsCardProps {
  accountId: string;
  appSecretSet: boolean;
  tokenSet: boolean;
  encodingAesKeySet: boolean;
  canManage: boolean;
}

/** Write-only secrets: whether each is set, and a Replace dialog per secret. */
export function SecretsCard({ accountId, appSecretSet, tokenSet, encodingAesKeySet, canManage }: SecretsCardProps) {
  const { t } = useTranslation();
  const [replacing, setReplacing] = useState<SecretField | null>(null);
  const secrets: { field: SecretField; set: boolean }[] = [
    { field: 'appSecret', set: appSecretSet },
    { field: 'token', set: tokenSet },
    { field: 'encodingAesKey', set: encodingAesKeySet },
  ];

  return (
    <Card title={t('accounts.secrets.title')} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('accounts.secrets.description')}</Typography.Paragraph>
      <List
        dataSource={secrets}
        renderItem={({ field, set }) => {
          const label = t(`accounts.fields.${field}`);
          return (
            <List.Item
              actions={
                canManage
                  ? [
                      <Button
                        key="replace"
                        size="small"
                        onClick={() => setReplacing(field)}
                        aria-label={t('accounts.secrets.replaceLabel', { secret: label })}
                      >
                        {t('accounts.secrets.replace')}
                      </Button>,
                    ]
                  : []
              }
            >
              <Space>
                <Typography.Text strong>{label}</Typography.Text>
                <Tag color={set ? 'success' : 'default'} data-testid={`secret-status-${field}`}>
                  {set ? t('accounts.secrets.set') : t('accounts.secrets.notSet')}
                </Tag>
              </Space>
            </List.Item>
          );
        }}
      />
      <ReplaceSecretModal accountId={accountId} field={replacing} onClose={() => setReplacing(null)} />
    </Card>
  );
}
