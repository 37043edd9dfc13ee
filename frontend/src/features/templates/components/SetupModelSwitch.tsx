import { App, Card, Popconfirm, Radio, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { TemplateSetupModel } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { translateUserError } from '../../../lib/userErrors';
import { TemplateSetupModelSetMutation } from '../api/operations';

const MODELS: readonly TemplateSetupModel[] = ['INDUSTRY', 'CATEGORY'];

/**
 * Whether Fanmail manages the account's industries or its service categories; OPERATOR+ switch
 * it after a confirmation (WeChat keeps both, so nothing changes there).
 */
export function SetupModelSwitch({
  accountId,
  model,
  onChanged,
}: {
  accountId: string;
  model: TemplateSetupModel;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('manageAccounts');
  const [pending, setPending] = useState<TemplateSetupModel | null>(null);
  const [, setModel] = useMutation(TemplateSetupModelSetMutation);
  const label = (value: TemplateSetupModel) => t(`templates.model.options.${value}`);

  const confirm = async () => {
    if (!pending) return;
    const result = await setModel({ input: { accountId, model: pending } });
    const payload = result.data?.templateSetupModelSet;
    setPending(null);
    if (result.error || !payload) {
      message.error(t('common.errors.saveFailed'));
      return;
    }
    if (payload.userErrors.length > 0) {
      payload.userErrors.forEach((e) => message.error(translateUserError(t, e, 'templates')));
      return;
    }
    message.success(t('templates.model.switched', { model: label(pending) }));
    onChanged();
  };

  return (
    <Card size="small" title={t('templates.model.title')} data-testid="setup-model-card">
      {canManage ? (
        <Popconfirm
          open={pending !== null}
          onOpenChange={(open) => !open && setPending(null)}
          title={pending ? t('templates.model.confirmTitle', { model: label(pending) }) : ''}
          description={<div style={{ maxWidth: 320 }}>{t('templates.model.confirmDescription')}</div>}
          okText={t('templates.model.confirm')}
          cancelText={t('common.actions.cancel')}
          okButtonProps={{ 'data-testid': 'setup-model-confirm' } as ButtonProps}
          onConfirm={confirm}
          onCancel={() => setPending(null)}
        >
          <div role="radiogroup" aria-label={t('templates.model.title')} style={{ display: 'inline-block' }}>
            <Radio.Group
              data-testid="setup-model-switch"
              optionType="button"
              buttonStyle="solid"
              size="small"
              value={model}
              options={MODELS.map((value) => ({ value, label: label(value) }))}
              onChange={(e) => setPending(e.target.value as TemplateSetupModel)}
            />
          </div>
        </Popconfirm>
      ) : (
        <Typography.Text strong data-testid="setup-model-value">
          {label(model)}
        </Typography.Text>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t(`templates.model.help.${model}`)}
      </Typography.Paragraph>
    </Card>
  );
}
