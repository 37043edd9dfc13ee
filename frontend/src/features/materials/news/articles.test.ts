import { describe, expect, it } from 'vitest';
import { CONTENT_MAX_CHARS, checkArticles, emptyArticle, isBlankHtml, move, parseArticleField, previewHtml, textLengthOf, toInput } from './articles';

describe('news articles', () => {
  it('find every problem of every article before saving', () => {
    const ok = { ...emptyArticle(), title: '标题', content: '<p>正文</p>', cover: { id: 'm-1' } };
    const bad = { ...emptyArticle(), title: '长'.repeat(33), author: '作'.repeat(17), digest: 'x'.repeat(129), contentSourceUrl: 'ftp://x', content: '<p> </p>' };
    expect(checkArticles([ok])).toEqual([]);
    expect(checkArticles([ok, bad]).map((p) => `${p.index}.${p.field}:${p.code}`)).toEqual([
      '1.title:TITLE_TOO_LONG',
      '1.author:AUTHOR_TOO_LONG',
      '1.digest:DIGEST_TOO_LONG',
      '1.contentSourceUrl:CONTENT_SOURCE_URL_INVALID',
      '1.content:CONTENT_REQUIRED',
      '1.coverMaterialId:COVER_REQUIRED',
    ]);
    expect(checkArticles([{ ...ok, title: '𠀀'.repeat(32) }])).toEqual([]);
    // content counts as the server counts it: text without tags, under the limit
    expect(textLengthOf('<p>ab<strong>c</strong></p>')).toBe(3);
    const long = `<p>${'字'.repeat(CONTENT_MAX_CHARS)}</p>`;
    expect(checkArticles([{ ...ok, content: long }]).map((p) => p.code)).toEqual(['CONTENT_TOO_LONG']);
  });

  it('send blank optional fields as null and comments for followers only when comments are open', () => {
    const input = toInput({ ...emptyArticle(), title: ' 标题 ', content: '<p>x</p>', cover: { id: 'm-1' }, author: ' ', onlyFansCanComment: true });
    expect(input).toEqual({
      title: '标题',
      author: null,
      digest: null,
      content: '<p>x</p>',
      contentSourceUrl: null,
      coverMaterialId: 'm-1',
      openComment: false,
      onlyFansCanComment: false,
    });
  });

  it('read the article and field of a server problem', () => {
    expect(parseArticleField('articles.2.title')).toEqual({ index: 2, field: 'title' });
    expect(parseArticleField('articles.0.coverMaterialId')).toEqual({ index: 0, field: 'coverMaterialId' });
    expect(parseArticleField('articles.1')).toEqual({ index: 1, field: null });
    expect(parseArticleField('articles')).toBeNull();
    expect(parseArticleField(null)).toBeNull();
  });

  it('move articles', () => {
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });

  it('keep only inert markup in the preview', () => {
    const html = previewHtml(
      '<p onclick="alert(1)">hi<script>alert(2)</script><a href="javascript:alert(3)">x</a><a href="https://example.com">y</a></p><iframe src="https://evil"></iframe><img data-src="https://mmbiz.qpic.cn/a.jpg">',
    );
    expect(html).toBe(
      '<p>hi<a target="_blank" rel="noopener noreferrer">x</a><a href="https://example.com" target="_blank" rel="noopener noreferrer">y</a></p><img data-src="https://mmbiz.qpic.cn/a.jpg" src="https://mmbiz.qpic.cn/a.jpg">',
    );
    expect(isBlankHtml('<p><br></p>')).toBe(true);
    expect(isBlankHtml('<p><img src="/x"></p>')).toBe(false);
  });
});
