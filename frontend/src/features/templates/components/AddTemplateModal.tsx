import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';
import type { TemplateSetupModel } from '../../../gql/graphql';
import { useMutationForm } from '../../../lib/useMutationForm';
import { TemplateAddMutation, TemplateLibraryQuery } from '../api/operations';
import { LibraryPicker } from './LibraryPicker';
import type { Library, LibraryEntry } from './LibraryPicker';

interface Values {
  shortId: string;
  /** Category model only: the library template's keywords to keep, in order. */
  keywordNames?: string[];
}

/** The server names a keyword's error `keywordNames.N`; the form shows them all under the one Select. */
const KEYWORD_FIELDS: Readonly<Record<string, string>> = Object.fromEntries(
  Array.from({ length: 50 }, (_, i) => [`keywordNames.${i}`, 'keywordNames']),
);

/**
 * Adds a template from WeChat's public library by its short id (e.g. TM00015); in the category
 * model, optionally with the keywords to keep. Where the library can be browsed (sandbox accounts)
 * a picker fills the short id and offers the template's keywords; real WeChat has no such API,
 * so the dialog says where to find short ids instead.
 */
export function AddTemplateModal({
  open,
  accountId,
  model,
  onClose,
  onAdded,
}: {
  open: boolean;
  accountId: string;
  model: TemplateSetupModel;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, add] = useMutation(TemplateAddMutation);
  // read afresh each time the dialog opens, once (a query hook would read it again whenever an added
  // template invalidates the cache); a failure just leaves the short id field on its own
  const client = useClient();
  const [loaded, setLoaded] = useState<Library>();
  useEffect(() => {
    if (!open) return undefined;
    let current = true;
    void client
      .query(TemplateLibraryQuery, { accountId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (current) setLoaded(result.data?.templateLibrary);
      });
    return () => {
      current = false;
      setLoaded(undefined);
    };
  }, [client, accountId, open]);
  const library = open ? loaded : undefined;
  const shortId = Form.useWatch('shortId', form);
  const picked: LibraryEntry | undefined =
    library?.browsable && typeof shortId === 'string'
      ? library.entries.find((e) => e.shortId === shortId.trim())
      : undefined;
  const keywordOptions = model === 'CATEGORY' ? (picked?.keywordNames ?? []).map((k) => ({ value: k, label: k })) : [];

  const pick = (entry: LibraryEntry) => {
    if (entry.shortId === picked?.shortId) return;
    clearErrors();
    form.setFields([{ name: 'shortId', value: entry.shortId, errors: [] }]);
    // another template's keywords would not apply
    if (model === 'CATEGORY') form.setFields([{ name: 'keywordNames', value: [], errors: [] }]);
  };
  const { submit, formErrors, clearErrors } = useMutationForm(form, {
    resource: 'templates',
    fieldMap: KEYWORD_FIELDS,
    run: async (values) => {
      const keywordNames = (values.keywordNames ?? []).map((k) => k.trim()).filter((k) => k !== '');
      const input = {
        accountId,
        shortId: values.shortId.trim(),
        ...(model === 'CATEGORY' && keywordNames.length > 0 ? { keywordNames } : {}),
      };
      const result = await add({ input });
      return { error: result.error, payload: result.data?.templateAdd };
    },
    onSuccess: (payload, values) => {
      message.success(t('templates.messages.added', { title: payload.template?.title ?? values.shortId }));
      clearErrors();
      onAdded();
    },
  });

  const close = () => {
    clearErrors();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('templates.add.title')}
      okText={t('templates.add.submit')}
      cancelText={t('common.actions.cancel')}
      confirmLoading={fetching}
      onOk={() => void submit()}
      onCancel={close}
      okButtonProps={{ 'data-testid': 'template-add-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form<Values> form={form} name="addTemplate" layout="vertical" onFinish={() => void submit()} preserve={false}>
        {formErrors.length > 0 && (
          <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={formErrors.join(' ')} />
        )}
        {library?.browsable && <LibraryPicker entries={library.entries} picked={picked} onPick={pick} />}
        <Form.Item
          name="shortId"
          label={t('templates.add.shortId')}
          extra={t('templates.add.shortIdHint')}
          rules={[{ required: true, whitespace: true, message: t('templates.errors.TEMPLATE_SHORT_ID_REQUIRED') }]}
        >
          <Input data-testid="template-short-id" placeholder="TM00015" autoComplete="off" spellCheck={false} autoFocus />
        </Form.Item>
        {library && !library.browsable && (
          <Typography.Paragraph type="secondary" data-testid="template-library-unavailable" style={{ marginTop: -8 }}>
            {t('templates.add.libraryUnavailable')}
          </Typography.Paragraph>
        )}
        {model === 'CATEGORY' && (
          <Form.Item
            name="keywordNames"
            label={t('templates.categories.keywords')}
            extra={t('templates.categories.keywordsHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('templates.errors.TEMPLATE_KEYWORDS_REQUIRED') }]}
          >
            <Select
              mode="tags"
              data-testid="template-keywords"
              aria-label={t('templates.categories.keywords')}
              tokenSeparators={[',', '，']}
              options={keywordOptions}
              notFoundContent={null}
              suffixIcon={keywordOptions.length > 0 ? undefined : null}
              virtual={false}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
