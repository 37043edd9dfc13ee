import { Alert, Button, Card, Col, Form, Input, Radio, Row, Space, Switch } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountType, ApiTarget, EncryptionMode } from '../../../gql/graphql';
import { radioGroupRole } from '../../../components/a11y';
import { accountRules } from '../validation';
import { UnsafeModeHint } from './UnsafeModeHint';

export interface AccountFormValues {
  name: string;
  originalId: string;
  appId: string;
  appSecret?: string;
  token?: string;
  encodingAesKey?: string;
  type: AccountType;
  verified: boolean;
  encryptionMode: EncryptionMode;
  apiTarget: ApiTarget;
  apiBaseUrl?: string;
}

export const ACCOUNT_FORM_DEFAULTS: Partial<AccountFormValues> = {
  type: 'SERVICE',
  verified: false,
  encryptionMode: 'SAFE',
  apiTarget: 'SANDBOX',
};

export const ACCOUNT_TYPES: AccountType[] = ['SERVICE', 'SUBSCRIPTION'];
export const ENCRYPTION_MODES: EncryptionMode[] = ['PLAIN', 'COMPATIBLE', 'SAFE'];
export const API_TARGETS: ApiTarget[] = ['SANDBOX', 'WECHAT'];

export interface AccountFormProps {
  form: FormInstance<AccountFormValues>;
  /** create: every field incl. secrets; edit: secrets are replaced separately. */
  mode: 'create' | 'edit';
  initialValues?: Partial<AccountFormValues>;
  /** Read-only (VIEWER). */
  readOnly?: boolean;
  submitting?: boolean;
  /** Form-level errors (userErrors with a null field). */
  formErrors?: string[];
  onFinish: (values: AccountFormValues) => void;
  /** Extra buttons next to submit (e.g. Cancel). */
  actions?: ReactNode;
  /** Edit mode: the user may not change the API target or base URL (only admins may redirect secrets). */
  destinationLocked?: boolean;
  /** Edit mode: the account has an EncodingAESKey (it must be entered again when the destination changes). */
  hasAesKey?: boolean;
}

const withoutSlash = (url: string | undefined) => (url ?? '').trim().replace(/\/+$/, '');

/** Edit mode: whether the form now sends the account's secrets somewhere else than `initial`. */
export function destinationChanged(
  initial: Partial<AccountFormValues> | undefined,
  apiTarget: ApiTarget | undefined,
  apiBaseUrl: string | undefined,
): boolean {
  if (!initial) return false;
  return apiTarget !== initial.apiTarget || withoutSlash(apiBaseUrl) !== withoutSlash(initial.apiBaseUrl);
}

/** All fields of AccountCreateInput (or AccountUpdateInput in edit mode). */
export function AccountForm({
  form,
  mode,
  initialValues,
  readOnly = false,
  submitting = false,
  formErrors = [],
  onFinish,
  actions,
  destinationLocked = false,
  hasAesKey = false,
}: AccountFormProps) {
  const { t } = useTranslation();
  const rules = useMemo(() => accountRules(t, { secretsRequired: true }), [t]);
  const apiTarget = Form.useWatch('apiTarget', form) ?? initialValues?.apiTarget ?? 'SANDBOX';
  const apiBaseUrl = Form.useWatch('apiBaseUrl', form) ?? initialValues?.apiBaseUrl;
  const encryptionMode = Form.useWatch('encryptionMode', form) ?? initialValues?.encryptionMode;
  const redirecting = mode === 'edit' && !destinationLocked && destinationChanged(initialValues, apiTarget, apiBaseUrl);
  const showSecrets = mode === 'create' || redirecting;
  const aesKeyRequired = encryptionMode === 'COMPATIBLE' || encryptionMode === 'SAFE' || (redirecting && hasAesKey);

  return (
    <Form<AccountFormValues>
      form={form}
      name="account"
      data-testid="account-form"
      aria-label={mode === 'create' ? t('accounts.create.title') : t('accounts.edit.formTitle')}
      layout="vertical"
      initialValues={{ ...ACCOUNT_FORM_DEFAULTS, ...initialValues }}
      onFinish={onFinish}
      disabled={readOnly}
      requiredMark={!readOnly}
      scrollToFirstError
    >
      {formErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={formErrors.length === 1 ? formErrors[0] : t('common.errors.formHasErrors')}
          description={
            formErrors.length > 1 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {formErrors.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      <Card title={t('accounts.sections.basic')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('accounts.fields.name')} rules={rules.name} required>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="originalId"
              label={t('accounts.fields.originalId')}
              rules={rules.originalId}
              extra={t('accounts.hints.originalId')}
              required
            >
              <Input placeholder="gh_0123456789ab" autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="appId"
              label={t('accounts.fields.appId')}
              rules={rules.appId}
              extra={t('accounts.hints.appId')}
              required
            >
              <Input placeholder="wx0123456789abcdef" autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t('accounts.fields.type')} required>
              <Radio.Group {...radioGroupRole} aria-label={t('accounts.fields.type')}>
                {ACCOUNT_TYPES.map((value) => (
                  <Radio key={value} value={value}>
                    {t(`accounts.type.${value}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="verified" label={t('accounts.fields.verified')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('accounts.sections.security')} size="small" style={{ marginBottom: 16 }}>
        {redirecting && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="secrets-again"
            message={t('accounts.destination.secretsAgainTitle')}
            description={t('accounts.destination.secretsAgain')}
          />
        )}
        <Row gutter={16}>
          {showSecrets && (
            <>
              <Col xs={24} md={12}>
                <Form.Item
                  name="appSecret"
                  label={t('accounts.fields.appSecret')}
                  rules={rules.appSecret}
                  extra={t('accounts.hints.appSecret')}
                  required
                >
                  <Input.Password autoComplete="new-password" spellCheck={false} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="token"
                  label={t('accounts.fields.token')}
                  rules={rules.token}
                  extra={t('accounts.hints.token')}
                  required
                >
                  <Input autoComplete="off" spellCheck={false} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="encryptionMode"
              label={t('accounts.fields.encryptionMode')}
              required
              extra={<UnsafeModeHint mode={encryptionMode} />}
            >
              <Radio.Group {...radioGroupRole} aria-label={t('accounts.fields.encryptionMode')}>
                {ENCRYPTION_MODES.map((value) => (
                  <Radio key={value} value={value}>
                    {t(`accounts.encryptionMode.${value}`)}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          {showSecrets && (
            <Col xs={24} md={12}>
              <Form.Item
                name="encodingAesKey"
                label={t('accounts.fields.encodingAesKey')}
                rules={
                  redirecting && hasAesKey
                    ? [...rules.encodingAesKey, { required: true, message: t('accounts.errors.SECRETS_REQUIRED') }]
                    : rules.encodingAesKey
                }
                dependencies={['encryptionMode']}
                extra={t('accounts.hints.encodingAesKey')}
                required={aesKeyRequired}
              >
                <Input autoComplete="off" spellCheck={false} maxLength={64} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>

      <Card title={t('accounts.sections.api')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="apiTarget"
              label={t('accounts.fields.apiTarget')}
              required
              extra={mode === 'edit' && destinationLocked && !readOnly ? t('accounts.destination.adminOnly') : undefined}
            >
              <Radio.Group
                {...radioGroupRole}
                aria-label={t('accounts.fields.apiTarget')}
                optionType="button"
                disabled={readOnly || (mode === 'edit' && destinationLocked)}
              >
                {API_TARGETS.map((value) => (
                  <Radio.Button key={value} value={value}>
                    {t(`accounts.apiTarget.${value}`)}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="apiBaseUrl"
              label={t('accounts.fields.apiBaseUrl')}
              rules={rules.apiBaseUrl}
            >
              <Input
                autoComplete="off"
                spellCheck={false}
                disabled={readOnly || (mode === 'edit' && destinationLocked)}
                placeholder={
                  apiTarget === 'WECHAT'
                    ? 'https://api.weixin.qq.com'
                    : t('accounts.placeholders.apiBaseUrlSandbox')
                }
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      {!readOnly && (
        <Space>
          <Button type="primary" htmlType="submit" loading={submitting}>
            {mode === 'create' ? t('accounts.actions.create') : t('common.actions.save')}
          </Button>
          {actions}
        </Space>
      )}
    </Form>
  );
}

/** Trims strings; empty optional strings become null (the API's "not given"). */
export function cleanAccountValues(values: AccountFormValues) {
  const trim = (value: string | undefined) => (value ?? '').trim();
  const optional = (value: string | undefined) => (trim(value) === '' ? null : trim(value));
  return {
    name: trim(values.name),
    originalId: trim(values.originalId),
    appId: trim(values.appId),
    appSecret: trim(values.appSecret),
    token: trim(values.token),
    encodingAesKey: optional(values.encodingAesKey),
    type: values.type,
    verified: Boolean(values.verified),
    encryptionMode: values.encryptionMode,
    apiTarget: values.apiTarget,
    apiBaseUrl: optional(values.apiBaseUrl),
  };
}
