import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useMutationForm } from '../../../lib/useMutationForm';
import { confirmPasswordRules, passwordRules } from '../validation';

export const UserPasswordResetMutation = graphql(`
  mutation UserPasswordReset($input: UserPasswordResetInput!) {
    userPasswordReset(input: $input) {
      user {
        ...UserFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

interface Values {
  password: string;
  confirmPassword: string;
}

export interface ResetPasswordModalProps {
  /** The user whose password is reset; null = closed. */
  user: { id: string; username: string } | null;
  onClose: () => void;
}

export function ResetPasswordModal({ user, onClose }: ResetPasswordModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, resetPassword] = useMutation(UserPasswordResetMutation);
  const { submit, formErrors, clearErrors } = useMutationForm(form, {
    resource: 'users',
    run: async (values) => {
      if (!user) return {};
      const result = await resetPassword({ input: { id: user.id, password: values.password } });
      return { error: result.error, payload: result.data?.userPasswordReset };
    },
    onSuccess: () => {
      message.success(t('users.messages.passwordReset', { username: user?.username ?? '' }));
      close();
    },
  });

  const close = () => {
    clearErrors();
    onClose();
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetPassword.title', { username: user?.username ?? '' })}
      okText={t('users.actions.resetPassword')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form<Values> form={form} name="resetPassword" layout="vertical" onFinish={() => void submit()} preserve={false}>
        {formErrors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={formErrors.join(' ')} />
        )}
        <Form.Item name="password" label={t('users.fields.newPassword')} rules={passwordRules(t)} extra={t('users.hints.password')}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('users.fields.confirmPassword')}
          dependencies={['password']}
          rules={confirmPasswordRules(t, 'password')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
