import type { DraftArticleInput, DraftFieldsFragment } from '../../../gql/graphql';

/** WeChat's limits on a news draft (the server checks the same). */
export const ARTICLES_MAX = 8;
export const TITLE_MAX = 32;
export const AUTHOR_MAX = 16;
export const DIGEST_MAX = 128;
export const CONTENT_MAX_CHARS = 20_000;

/** The cover as the editor shows it. */
export interface ArticleCover {
  id: string;
  name?: string | null;
  previewUrl?: string | null;
}

/** One article as the editor holds it; `key` tells articles apart while they move. */
export interface ArticleState {
  key: string;
  title: string;
  author: string;
  digest: string;
  content: string;
  contentSourceUrl: string;
  cover: ArticleCover | null;
  /** The cover's media id when the library does not know the material (synced drafts before a library sync). */
  coverMediaId: string | null;
  openComment: boolean;
  onlyFansCanComment: boolean;
}

export type ArticleField = 'title' | 'author' | 'digest' | 'content' | 'contentSourceUrl' | 'coverMaterialId';

/** Problems per article key, then per field: translated messages. */
export type ArticleErrors = Record<string, Partial<Record<ArticleField, string[]>>>;

let nextKey = 0;
function newKey(): string {
  nextKey += 1;
  return `a${nextKey}`;
}

export function emptyArticle(): ArticleState {
  return {
    key: newKey(),
    title: '',
    author: '',
    digest: '',
    content: '',
    contentSourceUrl: '',
    cover: null,
    coverMediaId: null,
    openComment: false,
    onlyFansCanComment: false,
  };
}

export function articlesOf(draft: DraftFieldsFragment): ArticleState[] {
  return draft.articles.map((article) => ({
    key: newKey(),
    title: article.title,
    author: article.author ?? '',
    digest: article.digest ?? '',
    content: article.content,
    contentSourceUrl: article.contentSourceUrl ?? '',
    cover: article.cover ? { id: article.cover.id, name: article.cover.name, previewUrl: article.cover.previewUrl ?? article.cover.fileUrl } : null,
    coverMediaId: article.coverMediaId,
    openComment: article.openComment,
    onlyFansCanComment: article.onlyFansCanComment,
  }));
}

function optional(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** What draftCreate/draftUpdate get for the article. */
export function toInput(article: ArticleState): DraftArticleInput {
  return {
    title: article.title.trim(),
    author: optional(article.author),
    digest: optional(article.digest),
    content: article.content,
    contentSourceUrl: optional(article.contentSourceUrl),
    coverMaterialId: article.cover?.id ?? '',
    openComment: article.openComment,
    onlyFansCanComment: article.openComment && article.onlyFansCanComment,
  };
}

/** Characters as WeChat counts them (code points). */
export function lengthOf(value: string): number {
  return Array.from(value).length;
}

/** The content's length as the server counts it: the HTML without its tags, in code points (must stay under the limit). */
export function textLengthOf(html: string): number {
  return lengthOf(html.replace(/<[^>]*>/g, ''));
}

/** True when the HTML shows nothing: no text and no image. */
export function isBlankHtml(html: string): boolean {
  if (/<img\b/i.test(html)) return false;
  return html.replace(/<[^>]*>/g, '').replace(/&nbsp;|\s/g, '') === '';
}

/** A problem found before saving, as an error code of the server's contract on a field of an article. */
export interface ArticleProblem {
  index: number;
  field: ArticleField;
  code: string;
}

/** The checks the server makes that the browser can make first (all problems at once). */
export function checkArticles(articles: readonly ArticleState[]): ArticleProblem[] {
  const problems: ArticleProblem[] = [];
  articles.forEach((article, index) => {
    const add = (field: ArticleField, code: string) => problems.push({ index, field, code });
    const title = article.title.trim();
    if (title === '') add('title', 'TITLE_REQUIRED');
    else if (lengthOf(title) > TITLE_MAX) add('title', 'TITLE_TOO_LONG');
    if (lengthOf(article.author.trim()) > AUTHOR_MAX) add('author', 'AUTHOR_TOO_LONG');
    if (lengthOf(article.digest.trim()) > DIGEST_MAX) add('digest', 'DIGEST_TOO_LONG');
    const url = article.contentSourceUrl.trim();
    if (url !== '' && !/^https?:\/\/[^\s/]+\S*$/i.test(url)) add('contentSourceUrl', 'CONTENT_SOURCE_URL_INVALID');
    if (isBlankHtml(article.content)) add('content', 'CONTENT_REQUIRED');
    else if (textLengthOf(article.content) >= CONTENT_MAX_CHARS) add('content', 'CONTENT_TOO_LONG');
    if (!article.cover) add('coverMaterialId', 'COVER_REQUIRED');
  });
  return problems;
}

const FIELDS: readonly ArticleField[] = ['title', 'author', 'digest', 'content', 'contentSourceUrl', 'coverMaterialId'];

/** `articles.2.title` → { index: 2, field: 'title' }; `articles.2` → { index: 2 }; anything else → null. */
export function parseArticleField(field: string | null | undefined): { index: number; field: ArticleField | null } | null {
  const match = /^articles[.[](\d+)\]?(?:\.(\w+))?/.exec(field ?? '');
  if (!match) return null;
  const name = match[2] as ArticleField | undefined;
  return { index: Number(match[1]), field: name && FIELDS.includes(name) ? name : null };
}

/** Moves the article at `from` to `to`. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/**
 * HTML safe to show in the preview: the server sends sanitised content and the editor produces its own schema's
 * markup, but the preview never trusts that: scripts, frames, forms, styles-as-elements and event handlers go, and
 * links and images keep http(s), same-origin and data:image sources only.
 */
export function previewHtml(html: string): string {
  if (typeof DOMParser === 'undefined') return '';
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  doc.body.querySelectorAll('script,style,iframe,frame,object,embed,form,input,button,textarea,select,link,meta,base').forEach((node) => node.remove());
  doc.body.querySelectorAll('*').forEach((element) => {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction') element.removeAttribute(attribute.name);
      else if ((name === 'href' || name === 'src' || name === 'data-src') && !/^(https?:|\/(?!\/)|#|data:image\/(png|jpe?g|gif);)/i.test(value)) {
        element.removeAttribute(attribute.name);
      }
    }
    // WeChat's own articles keep image addresses in data-src
    if (element.tagName === 'IMG' && !element.getAttribute('src') && element.getAttribute('data-src')) {
      element.setAttribute('src', element.getAttribute('data-src') ?? '');
    }
    if (element.tagName === 'A') {
      element.setAttribute('target', '_blank');
      element.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return doc.body.innerHTML;
}
