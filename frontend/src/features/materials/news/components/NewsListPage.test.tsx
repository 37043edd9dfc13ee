import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { api, sessionAs, viewer } from '../../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../../test/render';
import { server } from '../../../../test/server';
import { AccountLayout } from '../../../accounts';
import { aDraft, connectionOf } from '../../testData';
import { NewsListPage } from './NewsListPage';

const two = aDraft({
  id: 'd-2',
  title: '周末特惠',
  updatedBy: null,
  articles: [
    { ...aDraft().articles[0], title: '周末特惠', cover: null },
    { ...aDraft().articles[0], title: '会员日' },
  ],
});

function serveList() {
  const calls = { lists: [] as Record<string, unknown>[], deletes: [] as unknown[], syncs: [] as unknown[] };
  server.use(
    api.query('Drafts', ({ variables }) => {
      calls.lists.push(variables);
      const drafts = [aDraft(), two].filter((d) => !variables.search || d.articles.some((a) => a.title.includes(String(variables.search))));
      return HttpResponse.json({ data: { drafts: connectionOf('Draft', drafts) } });
    }),
    api.mutation('DraftDelete', ({ variables }) => {
      calls.deletes.push(variables.input);
      return HttpResponse.json({ data: { draftDelete: { __typename: 'DraftDeletePayload', deletedDraftId: 'd-1', userErrors: [] } } });
    }),
    api.mutation('DraftSync', ({ variables }) => {
      calls.syncs.push(variables.input);
      return HttpResponse.json({ data: { draftSync: { __typename: 'DraftSyncPayload', listed: 2, added: 1, removed: 0, userErrors: [] } } });
    }),
  );
  return calls;
}

function renderList() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="news" element={<NewsListPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/news' },
  );
}

describe('NewsListPage', () => {
  it('lists the drafts with cover, titles, article count and who updated them', async () => {
    serveList();
    renderList();
    const row = await screen.findByTestId('draft-row-d-1');
    expect(within(row).getByTestId('draft-cover-d-1')).toHaveAttribute('src', '/api/materials/m-1/preview');
    expect(within(row).getByTestId('draft-open-d-1')).toHaveAttribute('href', '/accounts/acc-1/news/d-1');
    const other = screen.getByTestId('draft-row-d-2');
    expect(other).toHaveTextContent('周末特惠');
    expect(other).toHaveTextContent('2. 会员日');
    expect(other).toHaveTextContent('微信同步');
    expect(within(other).getAllByRole('cell')[2]).toHaveTextContent('2');
  });

  it('searches, syncs and deletes', async () => {
    const calls = serveList();
    const user = setupUser();
    renderList();
    await screen.findByTestId('draft-row-d-1');

    await user.click(screen.getByRole('searchbox', { name: '按文章标题搜索' }));
    await user.paste('会员');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByTestId('draft-row-d-1')).not.toBeInTheDocument());
    expect(calls.lists.at(-1)).toMatchObject({ accountId: 'acc-1', search: '会员', after: null });

    await user.click(screen.getByTestId('news-sync'));
    await waitFor(() => expect(calls.syncs).toEqual([{ accountId: 'acc-1' }]));
    expect(await screen.findByText('已同步：微信列出 2 篇，新增 1 篇，移除 0 篇')).toBeInTheDocument();

    await user.click(screen.getByTestId('draft-delete-d-2'));
    await user.click(await screen.findByTestId('draft-delete-confirm'));
    await waitFor(() => expect(calls.deletes).toEqual([{ id: 'd-2' }]));
  });

  it('offers viewers no new draft, sync or delete', async () => {
    serveList();
    server.use(sessionAs(viewer));
    renderList();
    await screen.findByTestId('draft-row-d-1');
    expect(screen.queryByTestId('news-new')).not.toBeInTheDocument();
    expect(screen.queryByTestId('news-sync')).not.toBeInTheDocument();
    expect(screen.queryByTestId('draft-delete-d-1')).not.toBeInTheDocument();
  });
});
