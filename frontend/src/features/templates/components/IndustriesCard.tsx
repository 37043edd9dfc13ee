import { Alert, Button, Card, Descriptions, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { TemplateIndustryFieldsFragment, TemplateSetupFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { formatChinaDate } from '../../../lib/format';
import { useMutationForm } from '../../../lib/useMutationForm';
import { TemplateIndustriesSetMutation } from '../api/operations';
import { industryName } from '../industry';

interface Values {
  primaryIndustryId?: number;
  secondaryIndustryId?: number;
}

/** The account's two industries, and (OPERATOR+) a form to change them once a month. */
export function IndustriesCard({
  accountId,
  setup,
  catalog,
  onChanged,
}: {
  accountId: string;
  setup: TemplateSetupFieldsFragment;
  catalog: readonly TemplateIndustryFieldsFragment[];
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const canManage = useCan('manageAccounts');
  const [form] = Form.useForm<Values>();
  const [{ fetching }, setIndustries] = useMutation(TemplateIndustriesSetMutation);
  const { submit, formErrors, clearErrors } = useMutationForm(form, {
    resource: 'templates',
    run: async (values) => {
      const result = await setIndustries({
        input: {
          accountId,
          primaryIndustryId: values.primaryIndustryId ?? 0,
          secondaryIndustryId: values.secondaryIndustryId ?? 0,
        },
      });
      const payload = result.data?.templateIndustriesSet;
      // a refusal for "too soon" comes with a date we only learn by asking again
      if (payload?.userErrors.some((e) => e.code === 'INDUSTRY_CHANGE_TOO_SOON')) onChanged();
      return { error: result.error, payload };
    },
    onSuccess: () => onChanged(),
  });
  const language = i18n.language;
  const options = catalog.map((industry) => ({ value: industry.id, label: industryName(industry, language) }));
  const nextChange = setup.nextIndustryChangeAt ? formatChinaDate(setup.nextIndustryChangeAt, language) : null;
  // WeChat allows one change a month: after this month's, the form waits for the next allowed date
  const locked = nextChange != null;

  return (
    <Card title={t('templates.industries.title')} data-testid="industries-card" style={{ height: '100%' }}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('templates.industries.primary')}>
          <span data-testid="industry-primary">{industryName(setup.primaryIndustry, language)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('templates.industries.secondary')}>
          <span data-testid="industry-secondary">{industryName(setup.secondaryIndustry, language)}</span>
        </Descriptions.Item>
      </Descriptions>
      {nextChange && (
        <Typography.Paragraph type="secondary" data-testid="industry-next-change">
          {t('templates.industries.nextChange', { date: nextChange })}
        </Typography.Paragraph>
      )}
      {canManage && (
        <Form<Values>
          form={form}
          name="industries"
          aria-label={t('templates.industries.change')}
          layout="vertical"
          size="small"
          initialValues={{ primaryIndustryId: setup.primaryIndustry?.id, secondaryIndustryId: setup.secondaryIndustry?.id }}
          onFinish={() => void submit()}
          onValuesChange={() => formErrors.length > 0 && clearErrors()}
          disabled={locked}
        >
          {locked && (
            <Typography.Paragraph type="warning" data-testid="industries-locked">
              {t('templates.industries.locked', { date: nextChange })}
            </Typography.Paragraph>
          )}
          {formErrors.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 12 }}
              message={formErrors.join(' ')}
              description={nextChange ? t('templates.industries.nextChange', { date: nextChange }) : undefined}
            />
          )}
          <Form.Item
            name="primaryIndustryId"
            label={t('templates.industries.primary')}
            rules={[{ required: true, message: t('templates.validation.industryRequired') }]}
          >
            <Select
              data-testid="industry-primary-select"
              aria-label={t('templates.industries.primary')}
              showSearch
              optionFilterProp="label"
              virtual={false}
              options={options}
            />
          </Form.Item>
          <Form.Item
            name="secondaryIndustryId"
            label={t('templates.industries.secondary')}
            dependencies={['primaryIndustryId']}
            rules={[
              { required: true, message: t('templates.validation.industryRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value != null && value === getFieldValue('primaryIndustryId')
                    ? Promise.reject(new Error(t('templates.errors.INDUSTRIES_IDENTICAL')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Select
              data-testid="industry-secondary-select"
              aria-label={t('templates.industries.secondary')}
              showSearch
              optionFilterProp="label"
              virtual={false}
              options={options}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={fetching} data-testid="industries-submit">
            {t('templates.industries.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
