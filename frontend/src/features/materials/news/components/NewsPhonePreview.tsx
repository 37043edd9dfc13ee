import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleState } from '../articles';
import { previewHtml } from '../articles';
import '../news.css';

type View = 'article' | 'message';

/**
 * A phone showing the draft as WeChat would: the article as a reader opens it (title, author and account line, content),
 * or the message card in the chat (one big cover with the first title, then a row per further article).
 */
export function NewsPhonePreview({
  articles,
  active,
  accountName,
  onActivate,
}: {
  articles: readonly ArticleState[];
  active: number;
  accountName: string;
  onActivate?: (index: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<View>('article');
  const article = articles[active] ?? articles[0];
  const html = useMemo(() => previewHtml(article?.content ?? ''), [article?.content]);
  const today = new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

  return (
    <div className="news-preview">
      <Segmented<View>
        block
        value={view}
        onChange={setView}
        options={[
          { value: 'article', label: <span data-testid="phone-preview-article-view">{t('news.preview.article')}</span> },
          { value: 'message', label: <span data-testid="phone-preview-message-view">{t('news.preview.message')}</span> },
        ]}
        style={{ marginBottom: 12 }}
      />
      <div className="news-phone" data-testid="phone-preview" data-view={view} aria-label={t('news.preview.phone')} role="region">
        <div className="news-phone-bar">{accountName}</div>
        {view === 'article' && article && (
          <div className="news-phone-screen news-article">
            <h1 className="news-article-title" data-testid="phone-preview-title">
              {article.title || <span className="news-placeholder">{t('news.preview.untitled')}</span>}
            </h1>
            <div className="news-article-meta" data-testid="phone-preview-meta">
              {article.author.trim() && <span className="news-article-author">{article.author.trim()}</span>}
              <span className="news-article-account">{accountName}</span>
              <span className="news-article-date">{today}</span>
            </div>
            {/* previewHtml() keeps only inert markup: see articles.ts */}
            <div className="news-article-content" data-testid="phone-preview-content" dangerouslySetInnerHTML={{ __html: html }} />
            {article.contentSourceUrl.trim() && <div className="news-article-source">{t('news.preview.readOriginal')}</div>}
          </div>
        )}
        {view === 'message' && (
          <div className="news-phone-screen news-chat">
            {articles.length === 1 ? (
              <div className="news-card" data-testid="phone-preview-card">
                <button type="button" className="news-card-single" onClick={() => onActivate?.(0)} data-testid="phone-preview-card-0">
                  <span className="news-card-single-title">{articles[0].title || t('news.preview.untitled')}</span>
                  {articles[0].cover?.previewUrl ? <img src={articles[0].cover.previewUrl} alt="" /> : <span className="news-card-nocover news-card-single-cover" />}
                  {articles[0].digest.trim() && <span className="news-card-digest">{articles[0].digest.trim()}</span>}
                </button>
              </div>
            ) : (
              <div className="news-card" data-testid="phone-preview-card">
                {articles.map((item, index) =>
                  index === 0 ? (
                    <button type="button" key={item.key} className="news-card-lead" onClick={() => onActivate?.(index)} data-testid="phone-preview-card-0">
                      {item.cover?.previewUrl ? <img src={item.cover.previewUrl} alt="" /> : <div className="news-card-nocover" />}
                      <span className="news-card-lead-title">{item.title || t('news.preview.untitled')}</span>
                    </button>
                  ) : (
                    <button type="button" key={item.key} className="news-card-row" onClick={() => onActivate?.(index)} data-testid={`phone-preview-card-${index}`}>
                      <span className="news-card-row-title">{item.title || t('news.preview.untitled')}</span>
                      {item.cover?.previewUrl ? <img src={item.cover.previewUrl} alt="" /> : <span className="news-card-nocover news-card-thumb" />}
                    </button>
                  ),
                )}
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
