import { Alert, App, Button, Card, Divider, Form, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import type { TemplateFieldsFragment, TemplatePresetFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { formatDateTime } from '../../../lib/format';
import { applyUserErrors } from '../../../lib/userErrors';
import { TemplatePresetSaveMutation } from '../api/operations';
import { LINK_MODE, formValuesToInput, orphanKeys, presetToFormValues, sourceName } from '../preset';
import type { LinkMode, PresetFormValues, SourceChoice } from '../preset';
import { PresetFieldRow } from './PresetFieldRow';
import { PresetLinkFields } from './PresetLinkFields';

/** Form-level errors: one as the message, several as a list. */
function FormErrors({ errors }: { errors: string[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="preset-form-errors"
      style={{ marginBottom: 16 }}
      message={errors.length === 1 ? errors[0] : t('common.errors.formHasErrors')}
      description={
        errors.length > 1 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {errors.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/**
 * How the template's fields are filled (a source per field) and its default link. Everyone reads
 * it; operators and admins save it. Server errors land under the input they name.
 */
export function PresetEditorCard({
  template,
  preset,
  onSaved,
}: {
  template: TemplateFieldsFragment;
  preset: TemplatePresetFieldsFragment | null | undefined;
  onSaved: (preset: TemplatePresetFieldsFragment) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const canEdit = useCan('manageAccounts');
  const [form] = Form.useForm<PresetFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [{ fetching }, save] = useMutation(TemplatePresetSaveMutation);
  // the starting values only: after a save the form already holds what was saved
  const [initialValues] = useState(() => presetToFormValues(template.fields, preset));
  const orphans = useMemo(() => orphanKeys(template.fields, preset), [template.fields, preset]);
  const values = Form.useWatch([], form) as PresetFormValues | undefined;
  const current = values ?? initialValues;
  const linkMode = (current[LINK_MODE] ?? 'NONE') as LinkMode;

  const submit = async (submitted: PresetFormValues) => {
    setFormErrors([]);
    const { input, fieldMap } = formValuesToInput(template.id, template.fields, submitted);
    // the version this edit started from: a save someone made meanwhile is refused, not overwritten
    const result = await save({ input: { ...input, expectedVersion: preset?.version ?? 0 } });
    const payload = result.data?.templatePresetSave;
    if (result.error || !payload) {
      setFormErrors([t('common.errors.saveFailed')]);
      return;
    }
    if (payload.userErrors.length > 0) {
      setFormErrors(applyUserErrors(form, payload.userErrors, t, { resource: 'templates', fieldMap }));
      return;
    }
    if (payload.preset) {
      message.success(t('templates.preset.saved', { version: payload.preset.version }));
      onSaved(payload.preset);
    }
  };

  return (
    <Card title={t('templates.preset.title')} data-testid="preset-card" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary" data-testid="preset-version">
        {preset
          ? t('templates.preset.savedInfo', {
              version: preset.version,
              date: formatDateTime(preset.updatedAt, i18n.language),
            })
          : t('templates.preset.none')}
      </Typography.Paragraph>
      {!canEdit && (
        <Alert type="info" showIcon data-testid="preset-read-only" style={{ marginBottom: 16 }} message={t('templates.preset.readOnly')} />
      )}
      {orphans.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="preset-orphans"
          style={{ marginBottom: 16 }}
          message={t('templates.preset.orphans', { keys: orphans.join(', ') })}
        />
      )}
      <Form<PresetFormValues>
        form={form}
        name="preset"
        aria-label={t('templates.preset.title')}
        layout="vertical"
        initialValues={initialValues}
        disabled={!canEdit}
        onFinish={(submitted) => void submit(submitted)}
        onValuesChange={() => formErrors.length > 0 && setFormErrors([])}
      >
        <FormErrors errors={formErrors} />
        <Typography.Paragraph type="secondary">{t('templates.preset.intro')}</Typography.Paragraph>
        {template.fields.map((field) => (
          <PresetFieldRow key={field.key} field={field} source={current[sourceName(field.key)] as SourceChoice | undefined} />
        ))}
        <Divider style={{ margin: '8px 0 16px' }} />
        <PresetLinkFields mode={linkMode} />
        {canEdit && (
          <Button type="primary" htmlType="submit" loading={fetching} data-testid="preset-save">
            {t('templates.preset.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
