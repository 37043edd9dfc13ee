import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftArticleInput } from '../../../../gql/graphql';
import { api } from '../../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../../test/render';
import { server } from '../../../../test/server';
import { AccountLayout } from '../../../accounts';
import { aDraft, aLibrary, aMaterial, connectionOf } from '../../testData';
import { NewsEditorPage } from './NewsEditorPage';

// ProseMirror measures the selection to scroll it into view; jsdom has no layout
beforeAll(() => {
  const rect = () => ({ x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) }) as DOMRect;
  Range.prototype.getBoundingClientRect = rect;
  Range.prototype.getClientRects = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  document.elementFromPoint = () => null;
});

interface Calls {
  creates: { accountId: string; articles: DraftArticleInput[] }[];
  updates: { id: string; articles: DraftArticleInput[] }[];
  images: URL[];
}

function serveDrafts() {
  const calls: Calls = { creates: [], updates: [], images: [] };
  server.use(
    api.query('Draft', ({ variables }) => HttpResponse.json({ data: { draft: variables.id === 'd-1' ? aDraft() : aDraft({ id: String(variables.id), title: '新图文' }) } })),
    api.mutation('DraftUpdate', ({ variables }) => {
      const input = variables.input as Calls['updates'][number];
      calls.updates.push(input);
      const draft = aDraft({ title: input.articles[0].title, articles: aDraft().articles.map((a) => ({ ...a, title: input.articles[0].title })) });
      return HttpResponse.json({ data: { draftUpdate: { __typename: 'DraftUpdatePayload', draft, userErrors: [] } } });
    }),
    api.mutation('DraftCreate', ({ variables }) => {
      calls.creates.push(variables.input as Calls['creates'][number]);
      return HttpResponse.json({ data: { draftCreate: { __typename: 'DraftCreatePayload', draft: aDraft({ id: 'd-9', title: '新图文' }), userErrors: [] } } });
    }),
    api.query('MaterialLibrary', () => HttpResponse.json({ data: { materialLibrary: aLibrary({ IMAGE: 1 }) } })),
    api.query('Materials', ({ variables }) =>
      HttpResponse.json({ data: { materials: connectionOf('Material', variables.kind === 'IMAGE' ? [aMaterial({ id: 'm-7', name: 'cover.jpg' })] : []) } }),
    ),
    http.post('*/api/materials/article-images', ({ request }) => {
      calls.images.push(new URL(request.url));
      return HttpResponse.json({ id: 'ai-1', url: '/api/materials/article-images/ai-1', wechatUrl: 'http://mmbiz.qpic.cn/ai-1' }, { status: 201 });
    }),
  );
  return calls;
}

function renderEditor(route: string) {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="news/new" element={<NewsEditorPage />} />
        <Route path="news/:draftId" element={<NewsEditorPage />} />
      </Route>
    </Routes>,
    { route },
  );
}

describe('NewsEditorPage', () => {
  it('loads a draft into the editor and the phone, and saves the changed title with everything else as it was', async () => {
    const calls = serveDrafts();
    const user = setupUser();
    renderEditor('/accounts/acc-1/news/d-1');

    const title = await screen.findByTestId('article-title-0');
    expect(title).toHaveValue('双十一活动预告');
    const phone = screen.getByTestId('phone-preview');
    expect(within(phone).getByTestId('phone-preview-title')).toHaveTextContent('双十一活动预告');
    expect(within(phone).getByTestId('phone-preview-meta')).toHaveTextContent('小编Fanmail Demo');
    expect(within(phone).getByTestId('phone-preview-content').innerHTML).toBe('<p>全场<strong>五折</strong>，欢迎光临。</p>');
    expect(await screen.findByTestId('article-editor-0')).toHaveTextContent('全场五折，欢迎光临。');
    expect(screen.queryByTestId('news-dirty')).not.toBeInTheDocument();

    await user.clear(title);
    await enterText(user, title, '双十一来了');
    expect(within(phone).getByTestId('phone-preview-title')).toHaveTextContent('双十一来了');
    expect(screen.getByTestId('news-dirty')).toHaveTextContent('有未保存的修改');
    await user.click(screen.getByTestId('news-save'));

    await waitFor(() => expect(calls.updates).toHaveLength(1));
    expect(calls.updates[0]).toEqual({
      id: 'd-1',
      articles: [
        {
          title: '双十一来了',
          author: '小编',
          digest: '全场五折',
          content: '<p>全场<strong>五折</strong>，欢迎光临。</p>',
          contentSourceUrl: null,
          coverMaterialId: 'm-1',
          openComment: true,
          onlyFansCanComment: false,
        },
      ],
    });
    await waitFor(() => expect(screen.queryByTestId('news-dirty')).not.toBeInTheDocument());
  });

  it('shows the server refusing a field under that field of the right article', async () => {
    serveDrafts();
    server.use(
      api.mutation('DraftUpdate', () =>
        HttpResponse.json({
          data: {
            draftUpdate: {
              __typename: 'DraftUpdatePayload',
              draft: null,
              userErrors: [
                { __typename: 'UserError', code: 'DIGEST_TOO_LONG', field: 'articles.0.digest', message: 'A digest has at most 128 characters.' },
                { __typename: 'UserError', code: 'WECHAT_REFUSED', field: null, message: 'errcode 45002' },
              ],
            },
          },
        }),
      ),
    );
    const user = setupUser();
    renderEditor('/accounts/acc-1/news/d-1');
    await user.click(await screen.findByTestId('news-save'));
    expect(await screen.findByText('摘要不能超过 128 个字。')).toBeInTheDocument();
    expect(screen.getByTestId('news-errors')).toHaveTextContent('微信拒绝了此请求：errcode 45002');
  });

  it('checks the articles before saving: a new draft needs a title, a cover and content', async () => {
    const calls = serveDrafts();
    const user = setupUser();
    renderEditor('/accounts/acc-1/news/new');
    await user.click(await screen.findByTestId('news-save'));
    expect(await screen.findByText('请填写标题。')).toBeInTheDocument();
    expect(screen.getByText('请选择封面。')).toBeInTheDocument();
    expect(screen.getByText('请填写正文。')).toBeInTheDocument();
    expect(calls.creates).toEqual([]);
  });

  it('shows why an image for the content was refused', async () => {
    serveDrafts();
    server.use(
      http.post('*/api/materials/article-images', () =>
        HttpResponse.json({ code: 'FILE_BROKEN', field: 'file', message: 'Not an image.' }, { status: 400 }),
      ),
    );
    const user = setupUser();
    renderEditor('/accounts/acc-1/news/d-1');
    await user.upload(await screen.findByTestId('article-image-upload-0'), new File(['x'], 'scan.png', { type: 'image/png' }));
    expect(await screen.findByTestId('article-image-error-0')).toHaveTextContent('文件已损坏或无法识别。');
    expect(screen.getByTestId('article-editor-0').querySelector('img')).toBeNull();
  });

  it('creates a draft of two articles with a cover from the library and an uploaded image, then opens it', async () => {
    const calls = serveDrafts();
    const user = setupUser();
    renderEditor('/accounts/acc-1/news/new');

    await enterText(user, await screen.findByTestId('article-title-0'), '新图文');
    await user.click(screen.getByTestId('article-cover-0'));
    await user.click(await screen.findByTestId('material-card-m-7'));
    await user.click(screen.getByTestId('material-picker-ok'));
    expect(await screen.findByTestId('article-cover-image-0')).toHaveAttribute('src', '/api/materials/m-7/preview');

    await user.upload(screen.getByTestId('article-image-upload-0'), new File(['jpg'], 'photo.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(screen.getByTestId('article-editor-0').querySelector('img')).toHaveAttribute('src', '/api/materials/article-images/ai-1'));
    expect(calls.images.map((url) => url.searchParams.get('accountId'))).toEqual(['acc-1']);

    await user.click(screen.getByTestId('article-add'));
    await enterText(user, await screen.findByTestId('article-title-1'), '第二篇');
    await user.click(screen.getByTestId('article-cover-1'));
    await user.click(await screen.findByTestId('material-card-m-7'));
    await user.click(screen.getByTestId('material-picker-ok'));
    await user.upload(await screen.findByTestId('article-image-upload-1'), new File(['jpg'], 'two.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(screen.getByTestId('article-editor-1').querySelector('img')).not.toBeNull());

    // the message card lists both articles
    await user.click(screen.getByTestId('phone-preview-message-view'));
    expect(within(screen.getByTestId('phone-preview-card')).getByTestId('phone-preview-card-1')).toHaveTextContent('第二篇');

    await user.click(screen.getByTestId('news-save'));
    await waitFor(() => expect(calls.creates).toHaveLength(1));
    expect(calls.creates[0].accountId).toBe('acc-1');
    expect(calls.creates[0].articles.map((a) => [a.title, a.coverMaterialId])).toEqual([
      ['新图文', 'm-7'],
      ['第二篇', 'm-7'],
    ]);
    expect(calls.creates[0].articles[0].content).toContain('<img src="/api/materials/article-images/ai-1" alt="photo">');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1/news/d-9'));
  });
});
