import { Alert, App, Form, Input, Modal } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { applyUserErrors } from '../../../lib/userErrors';
import { accountRules } from '../validation';

export type SecretField = 'appSecret' | 'token' | 'encodingAesKey';

export const AccountSecretsReplaceMutation = graphql(`
  mutation AccountSecretsReplace($input: AccountSecretsReplaceInput!) {
    accountSecretsReplace(input: $input) {
      account {
        ...AccountFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export interface ReplaceSecretModalProps {
  accountId: string;
  /** The secret being replaced; null = closed. */
  field: SecretField | null;
  onClose: () => void;
}

/** Asks for one new secret value and sends only that field to accountSecretsReplace. */
export function ReplaceSecretModal({ accountId, field, onClose }: ReplaceSecretModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Partial<Record<SecretField, string>>>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [{ fetching }, replaceSecrets] = useMutation(AccountSecretsReplaceMutation);
  const rules = useMemo(() => accountRules(t, { secretsRequired: true }), [t]);

  const close = () => {
    form.resetFields();
    setFormErrors([]);
    onClose();
  };

  const submit = async () => {
    if (!field) return;
    let values: Partial<Record<SecretField, string>>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormErrors([]);
    const value = (values[field] ?? '').trim();
    const result = await replaceSecrets({ input: { id: accountId, [field]: value } });
    if (result.error) {
      setFormErrors([t('common.errors.saveFailed')]);
      return;
    }
    const payload = result.data?.accountSecretsReplace;
    if (!payload) return;
    if (payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, payload.userErrors, t, { resource: 'accounts' }));
      return;
    }
    message.success(t('accounts.messages.secretReplaced', { secret: t(`accounts.fields.${field}`) }));
    close();
  };

  const fieldLabel = field ? t(`accounts.fields.${field}`) : '';
  const fieldRules =
    field === 'encodingAesKey'
      ? [{ required: true, whitespace: true, message: t('accounts.errors.ENCODING_AES_KEY_INVALID') }, ...rules.encodingAesKey.slice(1)]
      : field
        ? rules[field]
        : [];

  return (
    <Modal
      open={field !== null}
      title={t('accounts.secrets.replaceTitle', { secret: fieldLabel })}
      okText={t('accounts.secrets.replace')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form form={form} name="replaceSecret" layout="vertical" onFinish={() => void submit()}>
        {formErrors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={formErrors.join(' ')} />
        )}
        <p>{t('accounts.secrets.replaceHint')}</p>
        {field && (
          <Form.Item name={field} label={t('accounts.secrets.newValue', { secret: fieldLabel })} rules={fieldRules}>
            {field === 'appSecret' ? (
              <Input.Password autoComplete="new-password" spellCheck={false} autoFocus />
            ) : (
              <Input autoComplete="off" spellCheck={false} autoFocus />
            )}
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
