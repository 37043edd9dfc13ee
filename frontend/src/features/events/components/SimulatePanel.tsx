import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { FanActivity } from '../../../gql/graphql';
import { applyUserErrors } from '../../../lib/userErrors';
import { SandboxFanActivitySimulateMutation } from '../api/operations';
import { ACTIVITIES_WITH_CONTENT, ACTIVITIES_WITH_EVENT_KEY, FAN_ACTIVITIES } from '../eventTypes';

interface SimulateValues {
  activity: FanActivity;
  openid?: string;
  content?: string;
  eventKey?: string;
}

const DEFAULTS: Partial<SimulateValues> = { activity: 'TEXT' };

function blankToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Makes a simulated fan act in the WeChat sandbox, which then pushes the callback
 * (it shows up in the console through the subscription). SANDBOX accounts, OPERATOR+.
 */
export function SimulatePanel({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SimulateValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [{ fetching }, simulate] = useMutation(SandboxFanActivitySimulateMutation);
  const activity: FanActivity = Form.useWatch('activity', form) ?? 'TEXT';

  const handleFinish = async (values: SimulateValues) => {
    setFormErrors([]);
    const result = await simulate({
      input: {
        accountId,
        activity: values.activity,
        openid: blankToNull(values.openid),
        content: ACTIVITIES_WITH_CONTENT.has(values.activity) && values.content ? values.content : null,
        eventKey: ACTIVITIES_WITH_EVENT_KEY.has(values.activity) ? blankToNull(values.eventKey) : null,
      },
    });
    const payload = result.data?.sandboxFanActivitySimulate;
    if (result.error || !payload) {
      setFormErrors([t('events.simulate.failed')]);
      return;
    }
    if (payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, payload.userErrors, t, { resource: 'events' }));
      return;
    }
    if (payload.pushed) {
      message.success(t('events.simulate.pushed', { openid: payload.openid ?? '—' }));
    } else {
      message.warning(t('events.simulate.notPushed'));
    }
  };

  return (
    <Card
      size="small"
      title={
        <>
          <ExperimentOutlined aria-hidden /> {t('events.simulate.title')}
        </>
      }
      style={{ height: '100%' }}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('events.simulate.description')}
      </Typography.Paragraph>
      <Form<SimulateValues>
        form={form}
        name="simulate"
        aria-label={t('events.simulate.title')}
        layout="vertical"
        size="small"
        initialValues={DEFAULTS}
        onFinish={(values) => void handleFinish(values)}
        onValuesChange={() => formErrors.length > 0 && setFormErrors([])}
      >
        {formErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            message={formErrors.join(' ')}
          />
        )}
        <Form.Item name="activity" label={t('events.simulate.activity')} required>
          <Select<FanActivity>
            data-testid="simulate-activity"
            aria-label={t('events.simulate.activity')}
            showSearch
            optionFilterProp="label"
            virtual={false}
            options={FAN_ACTIVITIES.map((value) => ({ value, label: t(`events.activities.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="openid" label={t('events.simulate.openid')} extra={t('events.simulate.openidHint')}>
          <Input data-testid="simulate-openid" autoComplete="off" spellCheck={false} allowClear />
        </Form.Item>
        {ACTIVITIES_WITH_CONTENT.has(activity) && (
          <Form.Item name="content" label={t('events.simulate.content')}>
            <Input.TextArea data-testid="simulate-content" rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {ACTIVITIES_WITH_EVENT_KEY.has(activity) && (
          <Form.Item
            name="eventKey"
            label={t('events.simulate.eventKey')}
            extra={activity === 'VIEW' ? t('events.simulate.eventKeyUrlHint') : t('events.simulate.eventKeyHint')}
          >
            <Input data-testid="simulate-event-key" autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={fetching} data-testid="simulate-submit">
          {t('events.simulate.submit')}
        </Button>
      </Form>
    </Card>
  );
}
