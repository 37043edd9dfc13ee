import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { TagJobFieldsFragment } from '../../../gql/graphql';
import i18n from '../../../lib/i18n';
import { api, FakeSubscriptionServer } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { anUpload, aTag, aTagJob, connectionOf } from '../testData';
import { TagsPage } from './TagsPage';

function serveTags({ jobs = [] as TagJobFieldsFragment[] } = {}) {
  const calls = { creates: [] as unknown[], jobStarts: [] as unknown[], uploads: [] as { url: URL; csrf: string | null; body: string }[] };
  server.use(
    api.query('Tags', () => HttpResponse.json({ data: { tags: [aTag({ id: 2, name: '星标组', reserved: true, wechatCount: 3, fanCount: 3 }), aTag()] } })),
    api.query('TagJobs', () => HttpResponse.json({ data: { tagJobs: connectionOf('TagJob', jobs) } })),
    api.query('Uploads', () => HttpResponse.json({ data: { uploads: connectionOf('Upload', [anUpload({ id: 'up-1', name: 'old.csv' })]) } })),
    api.mutation('TagCreate', ({ variables }) => {
      calls.creates.push(variables);
      return HttpResponse.json({
        data: {
          tagCreate: {
            tag: null,
            userErrors: [{ __typename: 'UserError', code: 'TAG_NAME_TAKEN', field: 'name', message: 'A tag with this name already exists.' }],
          },
        },
      });
    }),
    api.mutation('TagJobStart', ({ variables }) => {
      calls.jobStarts.push(variables);
      return HttpResponse.json({ data: { tagJobStart: { job: aTagJob({ id: 'job-9' }), userErrors: [] } } });
    }),
    http.post('*/api/audiences/uploads', async ({ request }) => {
      calls.uploads.push({ url: new URL(request.url), csrf: request.headers.get('X-Fanmail-Csrf'), body: await request.text() });
      return HttpResponse.json({ id: 'up-7' }, { status: 201 });
    }),
  );
  return calls;
}

function renderTags() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="tags" element={<TagsPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/tags' },
  );
}

describe('TagsPage', () => {
  it('lists the tags with both counts; reserved tags cannot be changed', async () => {
    serveTags();
    renderTags();
    expect(await screen.findByTestId('tag-name-100')).toHaveTextContent('VIP');
    expect(screen.getByTestId('tag-fan-count-100')).toHaveTextContent('10');
    expect(within(screen.getByTestId('tags-table')).getByText('12')).toBeInTheDocument();
    expect(screen.getByTestId('tag-delete-2')).toBeDisabled();
    expect(screen.getByTestId('tag-delete-100')).toBeEnabled();
  });

  it('shows a tagCreate userError under the name, in the user language', async () => {
    const calls = serveTags();
    const user = setupUser();
    renderTags();
    await user.click(await screen.findByTestId('tag-create'));
    await enterText(user, await screen.findByTestId('tag-name-input'), 'VIP');
    await user.click(screen.getByTestId('tag-form-submit'));

    expect(await screen.findByText('已存在同名标签。')).toBeInTheDocument();
    expect(calls.creates).toEqual([{ input: { accountId: 'acc-1', name: 'VIP' } }]);
    // the dialog stays open for a correction
    expect(screen.getByTestId('tag-name-input')).toBeInTheDocument();

    await act(() => i18n.changeLanguage('en-US'));
    await user.click(screen.getByTestId('tag-form-submit'));
    expect(await screen.findByText('A tag with that name already exists.')).toBeInTheDocument();
  });

  it('uploads a CSV with the CSRF header, starts the job from the upload and follows it with tagJobProgress', async () => {
    const live = new FakeSubscriptionServer();
    server.use(live.handler);
    const calls = serveTags();
    const user = setupUser();
    renderTags();
    await user.click(await screen.findByTestId('tag-fans-100'));

    const input = await waitFor(() => {
      const found = document.querySelector('.ant-modal input[type="file"]');
      if (!found) throw new Error('no file input');
      return found as HTMLInputElement;
    });
    const csv = 'openid,name\noFan_0000000000000000000001,Alice\nbad\n';
    await user.upload(input, new File([csv], 'vip.csv', { type: 'text/csv' }));
    await waitFor(() => expect(screen.getByTestId('upload-progress')).toHaveAttribute('data-percent', '100'));
    expect(calls.uploads).toHaveLength(1);
    expect(calls.uploads[0].url.searchParams.get('accountId')).toBe('acc-1');
    expect(calls.uploads[0].url.searchParams.get('name')).toBe('vip.csv');
    expect(calls.uploads[0].csrf).toBe('1');
    expect(calls.uploads[0].body).toBe(csv);

    await user.click(screen.getByTestId('tag-job-submit'));
    await waitFor(() =>
      expect(calls.jobStarts).toEqual([
        { input: { accountId: 'acc-1', tagId: 100, action: 'TAG', uploadId: 'up-7', filter: null, openids: null } },
      ]),
    );
    expect(await screen.findByTestId('tag-job-progress-job-9')).toHaveAttribute('data-percent', '0');

    await waitFor(() => expect(live.subscriptions.map((s) => s.operationName)).toContain('TagJobProgress'));
    live.emit('TagJobProgress', { tagJobProgress: aTagJob({ id: 'job-9', status: 'SUCCEEDED', done: 4, succeeded: 3, failed: 1 }) });
    await waitFor(() => expect(screen.getByTestId('tag-job-progress-job-9')).toHaveAttribute('data-percent', '100'));
    expect(screen.getByTestId('tag-job-failures-job-9')).toBeInTheDocument();
  });

  it('shows a job failure report per openid with its line, code and message', async () => {
    serveTags({ jobs: [aTagJob({ id: 'job-3', status: 'SUCCEEDED', done: 4, succeeded: 2, failed: 2 })] });
    server.use(
      api.query('TagJobFailures', ({ variables }) =>
        HttpResponse.json({
          data: {
            tagJob: {
              ...aTagJob({ id: String(variables.id), status: 'SUCCEEDED', done: 4, succeeded: 2, failed: 2 }),
              failures: connectionOf('TagJobFailure', [
                { __typename: 'TagJobFailure', openid: 'oFan_unknown', line: 3, code: 'UNKNOWN_OPENID', message: 'Not a fan of the account.' },
                { __typename: 'TagJobFailure', openid: 'oFan_full', line: 5, code: 'FAN_TAG_LIMIT', message: 'The fan has 20 tags.' },
              ]),
            },
          },
        }),
      ),
    );
    const user = setupUser();
    renderTags();
    await user.click(await screen.findByTestId('tag-job-failures-job-3'));
    const table = await screen.findByTestId('tag-job-failures');
    await waitFor(() => expect(within(table).getByText('oFan_unknown')).toBeInTheDocument());
    const row = within(table).getByText('oFan_full').closest('tr') as HTMLElement;
    expect(within(row).getByText('5')).toBeInTheDocument();
    expect(within(row).getByText('粉丝已有 20 个标签')).toBeInTheDocument();
    expect(within(row).getByText('The fan has 20 tags.')).toBeInTheDocument();
  });
});
