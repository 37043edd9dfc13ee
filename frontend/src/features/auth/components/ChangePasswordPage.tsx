import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Layout, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { changePasswordRequest, useAuth } from '../../../lib/auth';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Shown instead of the app while the signed-in user must replace a generated password: the server
 * refuses everything else (PASSWORD_CHANGE_REQUIRED) until then.
 */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { user, passwordChanged, signOut } = useAuth();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await changePasswordRequest(currentPassword, newPassword);
      if (result.ok) {
        passwordChanged(result.user);
        return;
      }
      const text = t([`auth.errors.${result.code}`, 'auth.changePassword.failed']);
      const field = result.field === 'currentPassword' || result.field === 'newPassword' ? result.field : null;
      if (field) {
        form.setFields([{ name: field, errors: [text] }]);
      } else {
        setError(text);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Flex justify="end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" align="flex-start" style={{ paddingTop: '8vh' }}>
        <Card style={{ width: 420, maxWidth: '92vw' }}>
          <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 8 }}>
            {t('auth.changePassword.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('auth.changePassword.intro')}</Typography.Paragraph>
          <Form<Values>
            form={form}
            name="changePassword"
            aria-label={t('auth.changePassword.title')}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void onFinish(values)}
          >
            {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={error} />}
            <input type="text" name="username" autoComplete="username" value={user?.username ?? ''} readOnly hidden />
            <Form.Item
              name="currentPassword"
              label={t('auth.changePassword.current')}
              rules={[{ required: true, message: t('auth.changePassword.currentRequired') }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" autoFocus />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label={t('auth.changePassword.new')}
              rules={[
                { required: true, message: t('auth.changePassword.newRequired') },
                { min: 10, message: t('auth.errors.PASSWORD_TOO_SHORT') },
                { max: 128, message: t('auth.errors.PASSWORD_TOO_LONG') },
              ]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('auth.changePassword.confirm')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('auth.changePassword.newRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || getFieldValue('newPassword') === value
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('auth.changePassword.mismatch'))),
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" />
            </Form.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('auth.changePassword.submit')}
              </Button>
              <Button type="link" block onClick={() => void signOut()}>
                {t('auth.signOut')}
              </Button>
            </Space>
          </Form>
        </Card>
      </Flex>
    </Layout>
  );
}
