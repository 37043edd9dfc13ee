import { PictureOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MaterialPicker } from '../../components/MaterialPicker';
import type { ArticleField, ArticleState } from '../articles';
import { AUTHOR_MAX, DIGEST_MAX, TITLE_MAX, lengthOf } from '../articles';
import { RichTextEditor } from './RichTextEditor';

const countByCodePoints = (max: number) => ({ show: true, max, strategy: lengthOf });

function status(errors: string[] | undefined) {
  return errors && errors.length > 0 ? ({ validateStatus: 'error', help: errors.join(' ') } as const) : {};
}

/** The fields of one article: title, author, digest, cover (from the library), content, source link, comments. */
export function ArticleForm({
  accountId,
  index,
  article,
  errors,
  readOnly,
  onChange,
}: {
  accountId: string;
  index: number;
  article: ArticleState;
  errors: Partial<Record<ArticleField, string[]>>;
  readOnly: boolean;
  onChange: (change: Partial<ArticleState>, field: ArticleField | null) => void;
}) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  return (
    <Form layout="vertical" component="div" disabled={readOnly} data-testid={`article-form-${index}`}>
      <Form.Item label={t('news.fields.title')} required {...status(errors.title)}>
        <Input
          value={article.title}
          onChange={(event) => onChange({ title: event.target.value }, 'title')}
          count={countByCodePoints(TITLE_MAX)}
          data-testid={`article-title-${index}`}
          placeholder={t('news.fields.titlePlaceholder')}
        />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item label={t('news.fields.author')} style={{ flex: '1 1 200px' }} {...status(errors.author)}>
          <Input
            value={article.author}
            onChange={(event) => onChange({ author: event.target.value }, 'author')}
            count={countByCodePoints(AUTHOR_MAX)}
            data-testid={`article-author-${index}`}
          />
        </Form.Item>
        <Form.Item label={t('news.fields.contentSourceUrl')} style={{ flex: '2 1 280px' }} {...status(errors.contentSourceUrl)}>
          <Input
            value={article.contentSourceUrl}
            placeholder="https://"
            onChange={(event) => onChange({ contentSourceUrl: event.target.value }, 'contentSourceUrl')}
            data-testid={`article-source-${index}`}
          />
        </Form.Item>
      </Flex>
      <Form.Item label={t('news.fields.cover')} required {...status(errors.coverMaterialId)}>
        <Flex gap={12} align="center" wrap>
          {article.cover?.previewUrl ? (
            <img className="news-cover" src={article.cover.previewUrl} alt={article.cover.name ?? ''} data-testid={`article-cover-image-${index}`} />
          ) : (
            article.coverMediaId && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('news.fields.coverUnknown')}
              </Typography.Text>
            )
          )}
          <Space direction="vertical" size={2}>
            <Button icon={<PictureOutlined aria-hidden />} onClick={() => setPicking(true)} data-testid={`article-cover-${index}`}>
              {article.cover ? t('news.fields.coverChange') : t('news.fields.coverChoose')}
            </Button>
            {article.cover?.name && <Typography.Text type="secondary">{article.cover.name}</Typography.Text>}
          </Space>
        </Flex>
      </Form.Item>
      <Form.Item label={t('news.fields.digest')} extra={t('news.fields.digestHint')} {...status(errors.digest)}>
        <Input.TextArea
          value={article.digest}
          rows={2}
          onChange={(event) => onChange({ digest: event.target.value }, 'digest')}
          count={countByCodePoints(DIGEST_MAX)}
          style={{ marginBottom: 22 }} // the counter sits below the box: keep the hint clear of it
          data-testid={`article-digest-${index}`}
        />
      </Form.Item>
      <Form.Item label={t('news.fields.content')} required {...status(errors.content)}>
        <RichTextEditor
          accountId={accountId}
          index={index}
          initialHtml={article.content}
          readOnly={readOnly}
          invalid={Boolean(errors.content?.length)}
          label={t('news.fields.content')}
          onChange={(content) => onChange({ content }, 'content')}
        />
      </Form.Item>
      <Flex gap={24} wrap align="center">
        <Space>
          <Switch
            checked={article.openComment}
            onChange={(openComment) => onChange({ openComment }, null)}
            data-testid={`article-comments-${index}`}
            aria-label={t('news.fields.openComment')}
          />
          <span>{t('news.fields.openComment')}</span>
        </Space>
        <Checkbox
          checked={article.openComment && article.onlyFansCanComment}
          disabled={readOnly || !article.openComment}
          onChange={(event) => onChange({ onlyFansCanComment: event.target.checked }, null)}
          data-testid={`article-fans-only-${index}`}
        >
          {t('news.fields.onlyFansCanComment')}
        </Checkbox>
      </Flex>
      <MaterialPicker
        accountId={accountId}
        kinds={['IMAGE', 'THUMB']}
        open={picking}
        title={t('news.fields.coverChoose')}
        onCancel={() => setPicking(false)}
        onPick={(material) => {
          setPicking(false);
          onChange(
            { cover: { id: material.id, name: material.name, previewUrl: material.previewUrl ?? material.fileUrl }, coverMediaId: material.mediaId },
            'coverMaterialId',
          );
        }}
      />
    </Form>
  );
}
