import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../../gql';
import type { Role } from '../../../gql/graphql';
import { useMutationForm } from '../../../lib/useMutationForm';
import { passwordRules, usernameRules } from '../validation';
import { RoleChoice } from './RoleTag';

export const UserCreateMutation = graphql(`
  mutation UserCreate($input: UserCreateInput!) {
    userCreate(input: $input) {
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
  username: string;
  password: string;
  role: Role;
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, createUser] = useMutation(UserCreateMutation);
  const { submit, formErrors, clearErrors } = useMutationForm(form, {
    resource: 'users',
    run: async (values) => {
      const result = await createUser({ input: { username: values.username.trim(), password: values.password, role: values.role } });
      return { error: result.error, payload: result.data?.userCreate };
    },
    onSuccess: (payload, values) => {
      message.success(t('users.messages.created', { username: payload.user?.username ?? values.username }));
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
      title={t('users.create.title')}
      okText={t('users.actions.create')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={close}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="createUser"
        layout="vertical"
        initialValues={{ role: 'OPERATOR' }}
        onFinish={() => void submit()}
        preserve={false}
      >
        {formErrors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={formErrors.join(' ')} />
        )}
        <Form.Item name="username" label={t('users.fields.username')} rules={usernameRules(t)} extra={t('users.hints.username')}>
          <Input autoComplete="off" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('users.fields.password')} rules={passwordRules(t)} extra={t('users.hints.password')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.fields.role')} rules={[{ required: true }]}>
          <RoleChoice label={t('users.fields.role')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
