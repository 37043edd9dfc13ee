import { App, Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { PageHeader } from '../../../components/PageHeader';
import { graphql } from '../../../gql';
import { applyUserErrors } from '../../../lib/userErrors';
import { AccountForm, cleanAccountValues } from './AccountForm';
import type { AccountFormValues } from './AccountForm';

export const AccountCreateMutation = graphql(`
  mutation AccountCreate($input: AccountCreateInput!) {
    accountCreate(input: $input) {
      account {
        ...AccountFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export interface AccountCreatePageProps {
  /** Called with the new account's id; default: open its edit page. */
  onCreated?: (id: string) => void;
}

/** `/accounts/new` */
export function AccountCreatePage({ onCreated }: AccountCreatePageProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<AccountFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [{ fetching }, createAccount] = useMutation(AccountCreateMutation);

  const handleFinish = async (values: AccountFormValues) => {
    setFormErrors([]);
    const result = await createAccount({ input: cleanAccountValues(values) });
    if (result.error) {
      setFormErrors([t('common.errors.saveFailed')]);
      return;
    }
    const payload = result.data?.accountCreate;
    if (!payload) return;
    if (payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, payload.userErrors, t, { resource: 'accounts' }));
      return;
    }
    if (payload.account) {
      message.success(t('accounts.messages.created', { name: payload.account.name }));
      if (onCreated) onCreated(payload.account.id);
      else navigate(`/accounts/${payload.account.id}`, { replace: true });
    }
  };

  return (
    <>
      <PageHeader title={t('accounts.create.title')} subtitle={t('accounts.create.subtitle')} />
      <AccountForm
        form={form}
        mode="create"
        submitting={fetching}
        formErrors={formErrors}
        onFinish={(values) => void handleFinish(values)}
        actions={<Button onClick={() => navigate('/accounts')}>{t('common.actions.cancel')}</Button>}
      />
    </>
  );
}
