import { Alert, Col, Form, Input, Radio, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { radioGroupRole } from '../../../components/a11y';
import { APP_ID, LINK_MODE, LINK_MODES, PAGE_PATH, URL_FIELD } from '../preset';
import type { LinkMode } from '../preset';

/**
 * The message's default link: none, a web page, or a mini program page. With a mini program an
 * optional URL may be given too: the mini program wins, WeChat versions without mini programs open the URL.
 */
export function PresetLinkFields({ mode }: { mode: LinkMode }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const url = Form.useWatch(URL_FIELD, form) as string | undefined;
  const appId = Form.useWatch(APP_ID, form) as string | undefined;
  const urlRequired = mode === 'URL';
  const bothGiven = mode === 'MINI_PROGRAM' && !!url?.trim() && !!appId?.trim();

  return (
    <div data-testid="preset-link">
      <Form.Item
        name={LINK_MODE}
        label={t('templates.preset.link.title')}
        extra={t('templates.preset.link.rule')}
        style={{ marginBottom: 12 }}
      >
        <Radio.Group {...radioGroupRole} aria-label={t('templates.preset.link.title')}>
          {LINK_MODES.map((value) => (
            <Radio key={value} value={value}>
              {t(`templates.preset.link.modes.${value}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      {mode === 'MINI_PROGRAM' && (
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item
              name={APP_ID}
              label={t('templates.preset.link.appId')}
              rules={[{ required: true, whitespace: true, message: t('templates.errors.MINIPROGRAM_APPID_REQUIRED') }]}
            >
              <Input placeholder="wx0123456789abcdef" autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name={PAGE_PATH}
              label={t('templates.preset.link.pagePath')}
              rules={[{ required: true, whitespace: true, message: t('templates.errors.MINIPROGRAM_PAGEPATH_REQUIRED') }]}
            >
              <Input placeholder="pages/index/index" autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
        </Row>
      )}
      {mode !== 'NONE' && (
        <Form.Item
          name={URL_FIELD}
          label={mode === 'URL' ? t('templates.preset.link.url') : t('templates.preset.link.fallbackUrl')}
          extra={
            mode === 'MINI_PROGRAM' ? (
              <Typography.Text type="secondary">{t('templates.preset.link.fallbackHelp')}</Typography.Text>
            ) : undefined
          }
          rules={urlRequired ? [{ required: true, whitespace: true, message: t('templates.preset.link.urlRequired') }] : []}
        >
          <Input type="url" placeholder="https://example.com/order?id=1" autoComplete="off" spellCheck={false} />
        </Form.Item>
      )}
      {bothGiven && (
        <Alert
          type="info"
          showIcon
          data-testid="preset-link-winner"
          style={{ marginBottom: 12 }}
          message={t('templates.preset.link.miniProgramWins')}
        />
      )}
    </div>
  );
}
