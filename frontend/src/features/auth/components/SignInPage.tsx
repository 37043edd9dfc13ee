import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Layout, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Location } from 'react-router';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { useAuth } from '../../../lib/auth';
import type { SignInResult } from '../../../lib/auth';

interface Values {
  username: string;
  password: string;
}

type SignInFailure = Exclude<SignInResult, { ok: true }>;

/** Where to go after signing in: the page the user wanted, else the accounts list. */
export function redirectTarget(state: unknown): string {
  const from = (state as { from?: Partial<Location> } | null)?.from;
  if (from?.pathname && from.pathname !== '/login') {
    return `${from.pathname}${from.search ?? ''}${from.hash ?? ''}`;
  }
  return '/accounts';
}

/** `/login` */
export function SignInPage() {
  const { t } = useTranslation();
  const { status, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<SignInFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const target = redirectTarget(location.state);

  if (status === 'authenticated' && !submitting) return <Navigate to={target} replace />;

  const onFinish = async ({ username, password }: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      const result = await signIn(username.trim(), password);
      if (result.ok) {
        navigate(target, { replace: true });
      } else {
        setFailure(result);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const failureText = (f: SignInFailure) => {
    if (f.code === 'TOO_MANY_ATTEMPTS') {
      return f.retryAfterSeconds
        ? t('auth.errors.TOO_MANY_ATTEMPTS_RETRY', { seconds: f.retryAfterSeconds })
        : t('auth.errors.TOO_MANY_ATTEMPTS');
    }
    return t(`auth.errors.${f.code}`);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Flex justify="end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <Flex justify="center" align="flex-start" style={{ paddingTop: '8vh' }}>
        <Card style={{ width: 380, maxWidth: '92vw' }}>
          <Typography.Title level={1} style={{ fontSize: 26, textAlign: 'center', marginBottom: 4 }}>
            Fanmail
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('auth.signIn.subtitle')}
          </Typography.Paragraph>
          <Form<Values>
            name="signIn"
            aria-label={t('auth.signIn.title')}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void onFinish(values)}
          >
            {failure && (
              <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={failureText(failure)} />
            )}
            <Form.Item
              name="username"
              label={t('auth.fields.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.validation.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus spellCheck={false} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.fields.password')}
              rules={[{ required: true, message: t('auth.validation.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('auth.signIn.submit')}
            </Button>
          </Form>
        </Card>
      </Flex>
    </Layout>
  );
}
