import { Alert, App, Button, Card, Flex, Form, Progress, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import type { TemplateCategoryPlanQuery, TemplateSetupModelFieldsFragment } from '../../../gql/graphql';
import { useCan } from '../../../lib/auth';
import { formatChinaDate } from '../../../lib/format';
import {
  TemplateCategoriesSetMutation,
  TemplateCategoryCatalogQuery,
  TemplateCategoryPlanQuery as PlanQuery,
} from '../api/operations';
import {
  categoryErrorText,
  categoryName,
  categoryOptions,
  categoryQueryErrorText,
  sameIds,
} from '../categories';
import { CategoryChangeModal } from './CategoryChangeModal';
import type { CategoryReview } from './CategoryChangeModal';

export type CategoryPlan = TemplateCategoryPlanQuery['templateCategoryPlan'];

/**
 * The account's service categories (category model) and this month's change allowance; for
 * OPERATOR+ an editor whose change is reviewed first (what WeChat deletes, changes used).
 */
export function CategoriesCard({
  accountId,
  setup,
  onChanged,
}: {
  accountId: string;
  setup: TemplateSetupModelFieldsFragment;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useClient();
  const canManage = useCan('manageAccounts');
  const [{ data: catalogData, error: catalogError, fetching: catalogLoading }] = useQuery({
    query: TemplateCategoryCatalogQuery,
    variables: { accountId },
    pause: !canManage,
  });
  const [{ fetching: applying }, setCategories] = useMutation(TemplateCategoriesSetMutation);

  const current = setup.categories;
  const currentIds = current.map((c) => c.id);
  const currentKey = currentIds.join('\n');
  // the choice starts again from the account's categories whenever those change
  const [choice, setChoice] = useState({ key: currentKey, ids: currentIds });
  const selected = choice.key === currentKey ? choice.ids : currentIds;
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<string | null>(null);
  const [review, setReview] = useState<CategoryReview | null>(null);

  const catalog = catalogData?.templateCategoryCatalog ?? [];
  const known = new Map([...catalog, ...current].map((c) => [c.id, c]));
  const nameOf = (id: string) => {
    const category = known.get(id);
    return category ? categoryName(category) : id;
  };
  const limit = setup.categoryLimit;
  const allowance = setup.categoryChanges;
  const language = i18n.language;
  const changesLeft = t('templates.categories.changesLeft', {
    remaining: allowance.remaining,
    limit: allowance.limit,
    date: formatChinaDate(allowance.resetsAt, language),
  });

  const plan = async (ids: string[]): Promise<{ plan?: CategoryPlan; error?: string }> => {
    const result = await client
      .query(PlanQuery, { accountId, categoryIds: ids }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error || !result.data) {
      return { error: result.error ? categoryQueryErrorText(t, result.error) : t('common.errors.loadFailed') };
    }
    return { plan: result.data.templateCategoryPlan };
  };

  const startReview = async () => {
    setPlanError(null);
    setPlanning(true);
    const outcome = await plan(selected);
    setPlanning(false);
    if (!outcome.plan) {
      setPlanError(outcome.error ?? null);
      return;
    }
    setReview({ ids: selected, plan: outcome.plan, acknowledged: false, errors: [] });
  };

  const apply = async () => {
    if (!review) return;
    const { ids, plan: reviewed } = review;
    const result = await setCategories(
      {
        input: { accountId, categoryIds: ids, confirmDeletedTemplateIds: reviewed.deletedTemplates.map((d) => d.id) },
      },
      // WeChat deleted templates and the library was synced: the templates list is stale
      { additionalTypenames: ['TemplateConnection', 'Template'] },
    );
    const payload = result.data?.templateCategoriesSet;
    if (result.error || !payload) {
      setReview({ ...review, errors: [t('common.errors.saveFailed')] });
      return;
    }
    if (payload.userErrors.length > 0) {
      const errors = payload.userErrors.map((e) => categoryErrorText(t, e, ids, nameOf));
      if (payload.userErrors.some((e) => e.code === 'CATEGORY_CHANGE_UNCONFIRMED')) {
        // another template would now be deleted: show the new list and ask again
        const again = await plan(ids);
        setReview({
          ids,
          plan: again.plan ?? reviewed,
          acknowledged: false,
          errors: again.error ? [...errors, again.error] : errors,
        });
        return;
      }
      setReview({ ...review, errors });
      // a refusal part-way through may already have changed some categories
      onChanged();
      return;
    }
    setReview(null);
    message.success(t('templates.categories.changed'));
    onChanged();
  };

  const options = categoryOptions(catalog, current, t('templates.categories.otherGroup'));
  const unchanged = sameIds(selected, currentIds);

  return (
    <Card title={t('templates.categories.title')} data-testid="categories-card" style={{ height: '100%' }}>
      <Flex wrap gap={4} data-testid="categories-current" style={{ marginBottom: 12 }}>
        {current.length === 0 ? (
          <Typography.Text type="secondary">{t('templates.categories.none')}</Typography.Text>
        ) : (
          current.map((category) => (
            <Tag key={category.id} color="blue" style={{ marginInlineEnd: 0 }}>
              {categoryName(category)}
            </Tag>
          ))
        )}
      </Flex>
      <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="categories-count">
        {t('templates.categories.count', { chosen: current.length, limit })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }} data-testid="categories-changes-left">
        {changesLeft}
      </Typography.Paragraph>
      <Progress
        size="small"
        percent={allowance.limit > 0 ? Math.round((allowance.remaining / allowance.limit) * 100) : 0}
        status={allowance.remaining === 0 ? 'exception' : 'normal'}
        showInfo={false}
        style={{ maxWidth: 240, marginBottom: 16 }}
        aria-label={changesLeft}
      />
      {canManage && (
        <Form layout="vertical" size="small" component="div">
          {catalogError && !catalogData && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('templates.categories.catalogFailed')}
              description={categoryQueryErrorText(t, catalogError)}
            />
          )}
          {planError && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} message={planError} />}
          <Form.Item label={t('templates.categories.select')} extra={t('templates.categories.selectHint', { limit })}>
            <Select<string[]>
              mode="multiple"
              data-testid="categories-select"
              aria-label={t('templates.categories.select')}
              maxCount={limit}
              value={selected}
              loading={catalogLoading}
              options={options}
              optionFilterProp="search"
              virtual={false}
              onChange={(ids) => {
                setPlanError(null);
                setChoice({ key: currentKey, ids });
              }}
            />
          </Form.Item>
          <Button
            type="primary"
            loading={planning}
            disabled={unchanged}
            onClick={() => void startReview()}
            data-testid="categories-review"
          >
            {t('templates.categories.review')}
          </Button>
        </Form>
      )}
      {review && (
        <CategoryChangeModal
          review={review}
          applying={applying}
          nameOf={nameOf}
          onAcknowledge={(acknowledged) => setReview({ ...review, acknowledged })}
          onApply={() => void apply()}
          onClose={() => setReview(null)}
        />
      )}
    </Card>
  );
}
