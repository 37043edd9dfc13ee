import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, List, Popconfirm, Result, Row, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { PageHeader } from '../../../../components/PageHeader';
import type { DraftFieldsFragment } from '../../../../gql/graphql';
import { useCan } from '../../../../lib/auth';
import { useCurrentAccount } from '../../../../lib/currentAccount';
import { formatDateTime } from '../../../../lib/format';
import type { UserErrorLike } from '../../../../lib/userErrors';
import { translateMaterialError } from '../../rules';
import { DraftCreateMutation, DraftQuery, DraftUpdateMutation } from '../api/operations';
import type { ArticleErrors, ArticleField, ArticleState } from '../articles';
import { ARTICLES_MAX, articlesOf, checkArticles, emptyArticle, move, parseArticleField, toInput } from '../articles';
import { ArticleForm } from './ArticleForm';
import { NewsPhonePreview } from './NewsPhonePreview';
import '../news.css';

/** `/accounts/:id/news/new` and `/accounts/:id/news/:draftId`: a news draft of 1–8 articles with a phone preview. */
export function NewsEditorPage() {
  const { draftId } = useParams();
  // a saved new draft moves to its own address: start again from what the server has
  return draftId ? <ExistingDraft key={draftId} id={draftId} /> : <NewsEditor key="new" draft={null} />;
}

function ExistingDraft({ id }: { id: string }) {
  const { t } = useTranslation();
  const { account } = useCurrentAccount();
  const [{ data, error }] = useQuery({ query: DraftQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  if (error && !data) return <Alert type="error" showIcon message={t('common.errors.loadFailed')} />;
  if (!data) return <Skeleton active />;
  if (!data.draft || data.draft.accountId !== account.id) {
    return (
      <Result
        status="404"
        title={t('news.editor.notFound')}
        extra={
          <Link to={`/accounts/${account.id}/news`}>
            <Button>{t('news.editor.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  return <NewsEditor draft={data.draft} />;
}

function NewsEditor({ draft }: { draft: DraftFieldsFragment | null }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { account } = useCurrentAccount();
  const canChange = useCan('manageAccounts');
  const [saved, setSaved] = useState<DraftFieldsFragment | null>(draft);
  const [articles, setArticles] = useState<ArticleState[]>(() => (draft ? articlesOf(draft) : [emptyArticle()]));
  const [active, setActive] = useState(0);
  const [errors, setErrors] = useState<ArticleErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [{ fetching: creating }, create] = useMutation(DraftCreateMutation);
  const [{ fetching: updating }, update] = useMutation(DraftUpdateMutation);
  const saving = creating || updating;
  const listPath = `/accounts/${account.id}/news`;
  const current = articles[active] ?? articles[0];
  const savedInput = useMemo(() => JSON.stringify(saved ? articlesOf(saved).map(toInput) : [toInput(emptyArticle())]), [saved]);
  const dirty = canChange && JSON.stringify(articles.map(toInput)) !== savedInput;

  // leaving the page (reload, close) with unsaved changes asks first
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (key: string, patch: Partial<ArticleState>, field: ArticleField | null) => {
    setArticles((list) => list.map((article) => (article.key === key ? { ...article, ...patch } : article)));
    if (field) setErrors((all) => (all[key]?.[field] ? { ...all, [key]: { ...all[key], [field]: undefined } } : all));
  };

  const add = () => {
    if (articles.length >= ARTICLES_MAX) return;
    setArticles((list) => [...list, emptyArticle()]);
    setActive(articles.length);
  };

  const remove = (index: number) => {
    setArticles((list) => list.filter((_, i) => i !== index));
    setActive((a) => (a > index ? a - 1 : Math.min(a, articles.length - 2)));
  };

  const reorder = (index: number, to: number) => {
    setArticles((list) => move(list, index, to));
    setActive(to);
  };

  /** Shows problems (codes on `articles.N.field`) under their fields; those of no field above the form. */
  const show = (problems: readonly UserErrorLike[]) => {
    const byKey: ArticleErrors = {};
    const general: string[] = [];
    let first: number | null = null;
    for (const problem of problems) {
      const text = translateMaterialError(t, problem);
      const place = parseArticleField(problem.field);
      const article = place ? articles[place.index] : undefined;
      if (place && article && place.field) {
        const fields = (byKey[article.key] ??= {});
        fields[place.field] = [...(fields[place.field] ?? []), text];
        first ??= place.index;
      } else {
        general.push(place && article ? t('news.editor.articleProblem', { n: place.index + 1, problem: text }) : text);
      }
    }
    setErrors(byKey);
    setFormErrors(general);
    if (first !== null) setActive(first);
  };

  const save = async () => {
    const problems = checkArticles(articles);
    if (problems.length > 0) {
      show(problems.map(({ index, field, code }) => ({ code, field: `articles.${index}.${field}`, message: code })));
      message.error(t('news.editor.fixProblems'));
      return;
    }
    const input = articles.map(toInput);
    const result = saved
      ? await update({ input: { id: saved.id, articles: input } }).then((r) => ({ error: r.error, payload: r.data?.draftUpdate }))
      : await create({ input: { accountId: account.id, articles: input } }).then((r) => ({ error: r.error, payload: r.data?.draftCreate }));
    if (result.error || !result.payload) {
      message.error(t('common.errors.saveFailed'));
      return;
    }
    if (result.payload.userErrors.length > 0 || !result.payload.draft) {
      show(result.payload.userErrors);
      message.error(t('news.editor.fixProblems'));
      return;
    }
    const draftSaved = result.payload.draft;
    setErrors({});
    setFormErrors([]);
    message.success(t('news.editor.saved'));
    if (!saved) {
      navigate(`${listPath}/${draftSaved.id}`, { replace: true });
    } else {
      setSaved(draftSaved);
      // what the server keeps (sanitised content, its image addresses) is what the editor shows from now on
      setArticles(articlesOf(draftSaved));
      setActive((a) => Math.min(a, draftSaved.articles.length - 1));
    }
  };

  return (
    <>
      <PageHeader
        title={account.name}
        subtitle={
          saved ? (
            <span data-testid="news-editing">
              {t('news.editor.editTitle')} ·{' '}
              {t('news.editor.updated', { when: formatDateTime(saved.updatedAt, i18n.language), who: saved.updatedBy ?? t('news.list.bySync') })}
            </span>
          ) : (
            t('news.editor.newTitle')
          )
        }
        extra={
          <>
            <Link to={listPath}>
              <Button icon={<ArrowLeftOutlined aria-hidden />}>{t('news.editor.backToList')}</Button>
            </Link>
            {dirty && (
              <Tag color="warning" data-testid="news-dirty">
                {t('news.editor.unsaved')}
              </Tag>
            )}
            {canChange && (
              <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={saving} onClick={save} data-testid="news-save">
                {t('news.editor.save')}
              </Button>
            )}
          </>
        }
      />
      {formErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="news-errors"
          message={t('common.errors.formHasErrors')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {formErrors.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6} xxl={5}>
          <Card size="small" title={t('news.editor.articles', { count: articles.length, max: ARTICLES_MAX })}>
            <List
              size="small"
              dataSource={articles}
              renderItem={(article, index) => {
                const hasErrors = Object.values(errors[article.key] ?? {}).some((list) => list && list.length > 0);
                return (
                  <List.Item
                    className={`news-article-list-item${index === active ? ' news-article-list-item-active' : ''}`}
                    data-testid={`article-item-${index}`}
                    aria-current={index === active ? 'true' : undefined}
                    onClick={() => setActive(index)}
                  >
                    <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                      <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                        {article.cover?.previewUrl ? (
                          <img className="news-list-thumb" src={article.cover.previewUrl} alt="" />
                        ) : (
                          <span className="news-list-thumb" />
                        )}
                        <Typography.Paragraph
                          ellipsis={{ rows: 2 }}
                          type={hasErrors ? 'danger' : undefined}
                          style={{ margin: 0, flex: 1, minWidth: 0 }}
                        >
                          {index + 1}. {article.title.trim() || t('news.preview.untitled')}
                        </Typography.Paragraph>
                      </Flex>
                      {canChange && (
                        <Flex justify="end" gap={2}>
                          <Tooltip title={t('news.editor.moveUp')}>
                            <Button
                              size="small"
                              type="text"
                              icon={<ArrowUpOutlined aria-hidden />}
                              aria-label={t('news.editor.moveUp')}
                              disabled={index === 0}
                              data-testid={`article-up-${index}`}
                              onClick={(event) => {
                                event.stopPropagation();
                                reorder(index, index - 1);
                              }}
                            />
                          </Tooltip>
                          <Tooltip title={t('news.editor.moveDown')}>
                            <Button
                              size="small"
                              type="text"
                              icon={<ArrowDownOutlined aria-hidden />}
                              aria-label={t('news.editor.moveDown')}
                              disabled={index === articles.length - 1}
                              data-testid={`article-down-${index}`}
                              onClick={(event) => {
                                event.stopPropagation();
                                reorder(index, index + 1);
                              }}
                            />
                          </Tooltip>
                          <Popconfirm
                            title={t('news.editor.removeConfirm')}
                            okText={t('news.editor.remove')}
                            cancelText={t('common.actions.cancel')}
                            okButtonProps={{ danger: true, 'data-testid': 'article-remove-confirm' }}
                            onConfirm={() => remove(index)}
                            disabled={articles.length === 1}
                          >
                            <Button
                              size="small"
                              type="text"
                              danger
                              icon={<DeleteOutlined aria-hidden />}
                              aria-label={t('news.editor.remove')}
                              disabled={articles.length === 1}
                              data-testid={`article-remove-${index}`}
                              onClick={(event) => event.stopPropagation()}
                            />
                          </Popconfirm>
                        </Flex>
                      )}
                    </Flex>
                  </List.Item>
                );
              }}
            />
            {canChange && (
              <Button block type="dashed" icon={<PlusOutlined aria-hidden />} disabled={articles.length >= ARTICLES_MAX} onClick={add} data-testid="article-add" style={{ marginTop: 8 }}>
                {t('news.editor.add')}
              </Button>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={11} xxl={12}>
          <Card size="small" title={t('news.editor.articleN', { n: active + 1 })} data-testid="news-editor" data-draft-id={saved?.id}>
            {current && (
              <ArticleForm
                key={`${current.key}@${active}`}
                accountId={account.id}
                index={active}
                article={current}
                errors={errors[current.key] ?? {}}
                readOnly={!canChange}
                onChange={(patch, field) => change(current.key, patch, field)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <NewsPhonePreview articles={articles} active={active} accountName={account.name} onActivate={setActive} />
        </Col>
      </Row>
    </>
  );
}
