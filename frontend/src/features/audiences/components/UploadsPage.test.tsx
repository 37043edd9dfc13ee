import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { api } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { anUpload, connectionOf } from '../testData';
import { UploadsPage } from './UploadsPage';

const problems = [
  { __typename: 'UploadProblem', line: 2, openid: 'not an openid', code: 'INVALID_OPENID', message: 'Not an openid.' },
  { __typename: 'UploadProblem', line: 3, openid: 'oFan_stranger', code: 'UNKNOWN_OPENID', message: 'Not a fan of the account.' },
  { __typename: 'UploadProblem', line: 4, openid: 'oFan_0000000000000000000001', code: 'DUPLICATE', message: 'Also on line 1.' },
];

function serveUploads() {
  const calls = { uploads: [] as URL[], details: [] as unknown[] };
  server.use(
    api.query('Uploads', () => HttpResponse.json({ data: { uploads: connectionOf('Upload', [anUpload()]) } })),
    api.query('Upload', ({ variables }) => {
      calls.details.push(variables);
      return HttpResponse.json({
        data: { upload: { ...anUpload({ id: String(variables.id) }), problems: connectionOf('UploadProblem', problems) } },
      });
    }),
    http.post('*/api/audiences/uploads', ({ request }) => {
      calls.uploads.push(new URL(request.url));
      return HttpResponse.json({ id: 'up-2' }, { status: 201 });
    }),
  );
  return calls;
}

function renderUploads() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="uploads" element={<UploadsPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/uploads' },
  );
}

describe('UploadsPage', () => {
  it('lists the uploads and shows one with its counts, columns and problem lines', async () => {
    const calls = serveUploads();
    const user = setupUser();
    renderUploads();
    await user.click(await screen.findByTestId('upload-open-up-1'));

    const detail = await screen.findByTestId('upload-detail');
    expect(within(detail).getByTestId('upload-count-totalLines')).toHaveTextContent('5');
    expect(within(detail).getByTestId('upload-count-invalid')).toHaveTextContent('1');
    expect(within(detail).getByTestId('upload-columns')).toHaveTextContent('openidname');
    const table = within(detail).getByTestId('upload-problems');
    const lines = Array.from(table.querySelectorAll('tbody tr[data-row-key]')).map((row) => row.textContent);
    expect(lines).toEqual([
      '2not an openidopenid 无效Not an openid.',
      '3oFan_stranger未知粉丝Not a fan of the account.',
      '4oFan_0000000000000000000001重复Also on line 1.',
    ]);
    expect(calls.details[0]).toMatchObject({ id: 'up-1', first: 50, after: null });
  });

  it('uploads a file with a progress bar and opens the new upload', async () => {
    const calls = serveUploads();
    const user = setupUser();
    renderUploads();
    await screen.findByTestId('upload-open-up-1');
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['oFan_0000000000000000000001\n'], 'list.txt', { type: 'text/plain' }));

    await waitFor(() => expect(screen.getByTestId('upload-progress')).toHaveAttribute('data-percent', '100'));
    expect(calls.uploads.map((url) => url.searchParams.get('name'))).toEqual(['list.txt']);
    await waitFor(() => expect(calls.details).toContainEqual(expect.objectContaining({ id: 'up-2' })));
  });

  it('shows the server refusing an upload', async () => {
    serveUploads();
    server.use(
      http.post('*/api/audiences/uploads', () =>
        HttpResponse.json({ code: 'UPLOAD_TOO_LARGE', message: 'The file is larger than 50 MB.' }, { status: 413 }),
      ),
    );
    const user = setupUser();
    renderUploads();
    await screen.findByTestId('upload-open-up-1');
    await user.upload(document.querySelector('input[type="file"]') as HTMLInputElement, new File(['x'], 'big.csv', { type: 'text/csv' }));
    expect(await screen.findByTestId('upload-error')).toHaveTextContent('文件过大。');
  });
});
