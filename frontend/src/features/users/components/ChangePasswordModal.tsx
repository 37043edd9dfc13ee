import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import { useMutationForm } from '../../../lib/useMutationForm';
import { confirmPasswordRules, passwordRules } from '../validation';

export const ViewerPasswordChangeMutation = graphql(`
  mutation ViewerPasswordChange($input: ViewerPasswordChangeInput!) {
    viewerPasswordChange(input: $input) {
      user {
        id
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** "Change my password" (viewerPasswordChange), opened from the user menu. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, changePassword] = useMutation(ViewerPasswordChangeMutation);
  const { submit, formErrors, clearErrors } = useMutationForm(form, {
    resource: 'users',
    // tolerate a server that names the new password `password`
    fieldMap: { password: 'newPassword' },
    run: async (values) => {
      const result = await changePassword({ input: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
      return { error: result.error, payload: result.data?.viewerPasswordChange };
    },
    onSuccess: () => {
      message.success(t('users.messages.ownPasswordChanged'));
      close();
    },
  });

  const close = () => {
    clearErrors();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('users.changePassword.title')}
      okText={t('users.changePassword.submit')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form<Values> form={form} name="changePassword" layout="vertical" onFinish={() => void submit()} preserve={false}>
        {formErrors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={formErrors.join(' ')} />
        )}
        <Form.Item
          name="currentPassword"
          label={t('users.fields.currentPassword')}
          rules={[{ required: true, message: t('users.validation.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item name="newPassword" label={t('users.fields.newPassword')} rules={passwordRules(t)} extra={t('users.hints.password')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('users.fields.confirmPassword')}
          dependencies={['newPassword']}
          rules={confirmPasswordRules(t, 'newPassword')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
