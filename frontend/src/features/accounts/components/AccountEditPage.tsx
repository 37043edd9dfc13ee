import { DeleteOutlined, PoweroffOutlined, ProfileOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Popconfirm } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { CopyableText } from '../../../components/CopyableText';
import { PageHeader } from '../../../components/PageHeader';
import { graphql } from '../../../gql';
import type { AccountFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { useCurrentAccount } from '../../../lib/currentAccount';
import { formatDateTime } from '../../../lib/format';
import { applyUserErrors, translateUserError } from '../../../lib/userErrors';
import { AccountForm, cleanAccountValues, destinationChanged } from './AccountForm';
import type { AccountFormValues } from './AccountForm';
import { SecretsCard } from './SecretsCard';
import { AccountStatusTag } from './StatusTag';

export const AccountUpdateMutation = graphql(`
  mutation AccountUpdate($input: AccountUpdateInput!) {
    accountUpdate(input: $input) {
      account {
        ...AccountFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const AccountStatusSetMutation = graphql(`
  mutation AccountStatusSet($input: AccountStatusSetInput!) {
    accountStatusSet(input: $input) {
      account {
        ...AccountFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const AccountDeleteMutation = graphql(`
  mutation AccountDelete($input: AccountDeleteInput!) {
    accountDelete(input: $input) {
      deletedAccountId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

function toFormValues(account: AccountFieldsFragment): AccountFormValues {
  return {
    name: account.name,
    originalId: account.originalId,
    appId: account.appId,
    type: account.type,
    verified: account.verified,
    encryptionMode: account.encryptionMode,
    apiTarget: account.apiTarget,
    apiBaseUrl: account.apiBaseUrl ?? '',
  };
}

export interface AccountEditPageProps {
  /**
   * Cards another feature adds about the account (composed in src/app, e.g. the
   * WeChat connection), shown after the callback card.
   */
  renderCards?: (account: AccountFieldsFragment) => ReactNode;
}

/** `/accounts/:id`: edit, secrets, callback URL, enable/disable, delete. */
export function AccountEditPage({ renderCards }: AccountEditPageProps = {}) {
  const { account } = useCurrentAccount();
  return <AccountEditor key={account.id} account={account} renderCards={renderCards} />;
}

function AccountEditor({ account, renderCards }: { account: AccountFieldsFragment } & AccountEditPageProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const canManage = useCan('manageAccounts');
  const canRedirect = useCan('changeAccountDestination');
  const [form] = Form.useForm<AccountFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [actionError, setActionError] = useState<string | null>(null);
  const [{ fetching: saving }, updateAccount] = useMutation(AccountUpdateMutation);
  const [{ fetching: settingStatus }, setStatus] = useMutation(AccountStatusSetMutation);
  const [{ fetching: deleting }, deleteAccount] = useMutation(AccountDeleteMutation);
  const initialValues = useMemo(() => toFormValues(account), [account]);
  const justSaved = useRef(false);

  // Show the latest server state (own save, or another admin's change) unless the
  // user is in the middle of editing.
  useEffect(() => {
    if (justSaved.current || !form.isFieldsTouched()) {
      justSaved.current = false;
      form.resetFields();
    }
  }, [initialValues, form]);

  const handleSave = async (values: AccountFormValues) => {
    setFormErrors([]);
    const { name, originalId, appId, type, verified, encryptionMode, apiTarget, apiBaseUrl, appSecret, token, encodingAesKey } =
      cleanAccountValues(values);
    // secrets are only asked for (and sent) when the destination changes
    const secrets = destinationChanged(initialValues, values.apiTarget, values.apiBaseUrl)
      ? { appSecret: appSecret || null, token: token || null, encodingAesKey }
      : {};
    const result = await updateAccount({
      input: { id: account.id, name, originalId, appId, type, verified, encryptionMode, apiTarget, apiBaseUrl, ...secrets },
    });
    if (result.error) {
      setFormErrors([t('common.errors.saveFailed')]);
      return;
    }
    const payload = result.data?.accountUpdate;
    if (!payload) return;
    if (payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, payload.userErrors, t, { resource: 'accounts' }));
      return;
    }
    justSaved.current = true;
    message.success(t('accounts.messages.updated', { name: payload.account?.name ?? name }));
  };

  const handleToggleStatus = async () => {
    setActionError(null);
    const next = account.status === 'ACTIVE' ? 'DISABLED' : 'ACTIVE';
    const result = await setStatus({ input: { id: account.id, status: next } });
    const payload = result.data?.accountStatusSet;
    if (result.error || !payload) {
      if (result.error) setActionError(t('common.errors.saveFailed'));
      return;
    }
    if (payload.userErrors.length > 0) {
      setActionError(payload.userErrors.map((e) => translateUserError(t, e, 'accounts')).join(' '));
      return;
    }
    message.success(next === 'ACTIVE' ? t('accounts.messages.enabled') : t('accounts.messages.disabled'));
  };

  const handleDelete = async () => {
    setActionError(null);
    const result = await deleteAccount({ input: { id: account.id } });
    const payload = result.data?.accountDelete;
    if (result.error || !payload) {
      if (result.error) setActionError(t('common.errors.saveFailed'));
      return;
    }
    if (payload.userErrors.length > 0) {
      const text = payload.userErrors.map((e) => translateUserError(t, e, 'accounts')).join(' ');
      setActionError(text);
      message.error(text);
      return;
    }
    message.success(t('accounts.messages.deleted', { name: account.name }));
    navigate('/accounts', { replace: true });
  };

  return (
    <>
      <PageHeader
        title={
          <>
            {account.name} <AccountStatusTag status={account.status} />
          </>
        }
        subtitle={account.appId}
        extra={
          <>
            <Button
              icon={<ThunderboltOutlined aria-hidden />}
              data-testid="events-console-link"
              onClick={() => navigate(`/accounts/${account.id}/events`)}
            >
              {t('accounts.actions.eventsConsole')}
            </Button>
            <Button
              icon={<ProfileOutlined aria-hidden />}
              data-testid="templates-link"
              onClick={() => navigate(`/accounts/${account.id}/templates`)}
            >
              {t('accounts.actions.templates')}
            </Button>
            {canManage && (
              <>
                <Button icon={<PoweroffOutlined aria-hidden />} loading={settingStatus} onClick={() => void handleToggleStatus()}>
                  {account.status === 'ACTIVE' ? t('accounts.actions.disable') : t('accounts.actions.enable')}
                </Button>
                <Popconfirm
                  title={t('accounts.delete.title', { name: account.name })}
                  description={t('accounts.delete.description')}
                  okText={t('accounts.delete.confirm')}
                  cancelText={t('common.actions.cancel')}
                  okButtonProps={{ danger: true, loading: deleting }}
                  onConfirm={() => handleDelete()}
                >
                  <Button danger icon={<DeleteOutlined aria-hidden />}>
                    {t('accounts.actions.delete')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </>
        }
      />
      {actionError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          closable
          onClose={() => setActionError(null)}
          style={{ marginBottom: 16 }}
          message={actionError}
        />
      )}

      <Card title={t('accounts.callback.title')} size="small" style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('accounts.fields.callbackUrl')}>
            <CopyableText
              text={account.callbackUrl}
              copyLabel={t('accounts.callback.copy')}
              testId="callback-url"
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('accounts.fields.updatedAt')}>
            {formatDateTime(account.updatedAt, i18n.language)}
          </Descriptions.Item>
        </Descriptions>
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('accounts.callback.hint')}</span>
      </Card>

      {renderCards?.(account)}

      <SecretsCard
        accountId={account.id}
        appSecretSet={account.appSecretSet}
        tokenSet={account.tokenSet}
        encodingAesKeySet={account.encodingAesKeySet}
        canManage={canManage}
      />

      <AccountForm
        form={form}
        mode="edit"
        initialValues={initialValues}
        readOnly={!canManage}
        destinationLocked={!canRedirect}
        hasAesKey={account.encodingAesKeySet}
        submitting={saving}
        formErrors={formErrors}
        onFinish={(values) => void handleSave(values)}
        actions={<Button onClick={() => form.resetFields()}>{t('common.actions.reset')}</Button>}
      />
    </>
  );
}
