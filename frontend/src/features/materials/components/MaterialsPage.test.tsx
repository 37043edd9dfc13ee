import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { MaterialKind } from '../../../gql/graphql';
import { api, sessionAs, viewer } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { aLibrary, aMaterial, aMaterialSync, connectionOf } from '../testData';
import { MaterialsPage } from './MaterialsPage';

const images = [aMaterial({ id: 'm-1', name: 'banner.png' }), aMaterial({ id: 'm-2', name: 'logo.png', previewState: 'PENDING', previewUrl: null, fileUrl: null })];
const voice = aMaterial({ id: 'v-1', kind: 'VOICE', name: 'hello.mp3', durationMillis: 7000, width: null, height: null, previewUrl: null, contentType: 'audio/mpeg' });

function serveLibrary() {
  const calls = { materials: [] as Record<string, unknown>[], uploads: [] as URL[], deletes: [] as unknown[], syncs: 0 };
  server.use(
    api.query('MaterialLibrary', () => HttpResponse.json({ data: { materialLibrary: aLibrary({ IMAGE: 2, VOICE: 1 }, aMaterialSync()) } })),
    api.query('Materials', ({ variables }) => {
      calls.materials.push(variables);
      const kind = variables.kind as MaterialKind;
      if (kind === 'VOICE') return HttpResponse.json({ data: { materials: connectionOf('Material', [voice]) } });
      if (kind !== 'IMAGE') return HttpResponse.json({ data: { materials: connectionOf('Material', []) } });
      if (variables.after === 'cur-m-1') return HttpResponse.json({ data: { materials: connectionOf('Material', [images[1]], { totalCount: 2 }) } });
      const matching = images.filter((m) => !variables.search || m.name.includes(String(variables.search)));
      return HttpResponse.json({
        data: { materials: connectionOf('Material', matching.slice(0, 1), { hasNextPage: matching.length > 1, totalCount: matching.length }) },
      });
    }),
    api.mutation('MaterialDelete', ({ variables }) => {
      calls.deletes.push(variables.input);
      return HttpResponse.json({ data: { materialDelete: { __typename: 'MaterialDeletePayload', deletedMaterialId: 'm-1', userErrors: [] } } });
    }),
    api.mutation('MaterialSyncStart', () => {
      calls.syncs += 1;
      return HttpResponse.json({
        data: { materialSyncStart: { __typename: 'MaterialSyncStartPayload', sync: aMaterialSync({ status: 'RUNNING' }), userErrors: [] } },
      });
    }),
    http.post('*/api/materials/uploads', ({ request }) => {
      calls.uploads.push(new URL(request.url));
      return HttpResponse.json({ id: 'm-9', kind: 'IMAGE', mediaId: 'media-9', name: 'new.png' }, { status: 201 });
    }),
  );
  return calls;
}

function renderPage(route = '/accounts/acc-1/materials') {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="materials" element={<MaterialsPage />} />
      </Route>
    </Routes>,
    { route },
  );
}

describe('MaterialsPage', () => {
  it('shows the images with counts against the caps, loads more, and switches to voice with a player', async () => {
    const calls = serveLibrary();
    const user = setupUser();
    renderPage();

    const card = await screen.findByTestId('material-card-m-1');
    expect(within(card).getByTestId('material-image-m-1')).toHaveAttribute('src', '/api/materials/m-1/preview');
    expect(within(card).getByTestId('material-facts-m-1')).toHaveTextContent('900×383 · 47.1 KB');
    expect(await screen.findByTestId('materials-count-IMAGE')).toHaveTextContent('2/5000');
    expect(screen.getByTestId('material-sync-status')).toHaveTextContent('新增 3 个');

    await user.click(screen.getByTestId('materials-load-more'));
    expect(await screen.findByTestId('material-nopreview-m-2')).toHaveTextContent('等待同步下载');
    expect(calls.materials.at(-1)).toMatchObject({ kind: 'IMAGE', after: 'cur-m-1', first: 24 });

    await user.click(screen.getByTestId('materials-tab-VOICE'));
    const audio = await screen.findByTestId('material-audio-v-1');
    expect(audio).toHaveAttribute('src', '/api/materials/v-1/file');
    expect(screen.getByTestId('material-facts-v-1')).toHaveTextContent('0:07');
    expect(screen.getByTestId('location')).toHaveTextContent('/accounts/acc-1/materials?kind=VOICE');
  });

  it('searches by name', async () => {
    const calls = serveLibrary();
    const user = setupUser();
    renderPage();
    await screen.findByTestId('material-card-m-1');
    const search = screen.getByRole('searchbox', { name: '按名称搜索' });
    await user.click(search);
    await user.paste('logo');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(calls.materials.at(-1)).toMatchObject({ search: 'logo', after: null }));
  });

  it('uploads an image with a progress bar and reloads the grid', async () => {
    const calls = serveLibrary();
    const user = setupUser();
    renderPage();
    await screen.findByTestId('material-card-m-1');
    const before = calls.materials.length;
    await user.upload(screen.getByTestId('material-upload-input'), new File(['png-bytes'], 'new.png', { type: 'image/png' }));

    await waitFor(() => expect(screen.getByTestId('material-upload-progress')).toHaveAttribute('data-percent', '100'));
    expect(calls.uploads.map((url) => Object.fromEntries(url.searchParams))).toEqual([{ accountId: 'acc-1', kind: 'IMAGE', name: 'new.png' }]);
    await waitFor(() => expect(calls.materials.length).toBeGreaterThan(before));
  });

  it('refuses a file of the wrong format before sending it, and shows the server refusing one', async () => {
    const calls = serveLibrary();
    server.use(
      http.post('*/api/materials/uploads', () =>
        HttpResponse.json({ code: 'FILE_BROKEN', field: 'file', message: 'The file is not an image.' }, { status: 400 }),
      ),
    );
    // the input's accept only filters the browser's dialog ("all files" still picks any file)
    const user = userEvent.setup({ applyAccept: false, delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    renderPage();
    await screen.findByTestId('material-card-m-1');
    const input = screen.getByTestId('material-upload-input');
    await user.upload(input, new File(['x'], 'notes.txt', { type: 'text/plain' }));
    expect(await screen.findByTestId('material-upload-error')).toHaveTextContent('格式不支持：此类素材只能是 jpg, png, gif, bmp。');
    expect(calls.uploads).toEqual([]);

    await user.upload(input, new File(['x'], 'broken.png', { type: 'image/png' }));
    await waitFor(() => expect(screen.getByTestId('material-upload-error')).toHaveTextContent('文件已损坏或无法识别。'));
  });

  it('asks a video for its title and description before uploading it', async () => {
    const calls = serveLibrary();
    const user = setupUser();
    renderPage('/accounts/acc-1/materials?kind=VIDEO');
    await screen.findByTestId('materials-empty');
    await user.upload(screen.getByTestId('material-upload-input'), new File(['mp4'], 'intro.mp4', { type: 'video/mp4' }));
    const title = await screen.findByTestId('material-video-title');
    expect(title).toHaveValue('intro');
    await user.click(screen.getByTestId('material-video-description'));
    await user.paste('Our first video');
    await user.click(screen.getByTestId('material-video-ok'));
    await waitFor(() => expect(calls.uploads).toHaveLength(1));
    expect(Object.fromEntries(calls.uploads[0].searchParams)).toEqual({
      accountId: 'acc-1',
      kind: 'VIDEO',
      name: 'intro.mp4',
      title: 'intro',
      description: 'Our first video',
    });
  });

  it('deletes a material after confirmation and starts a sync', async () => {
    const calls = serveLibrary();
    const user = setupUser();
    renderPage();
    await user.click(await screen.findByTestId('material-delete-m-1'));
    await user.click(await screen.findByTestId('material-delete-confirm'));
    await waitFor(() => expect(calls.deletes).toEqual([{ id: 'm-1' }]));

    await user.click(screen.getByTestId('material-sync'));
    await waitFor(() => expect(calls.syncs).toBe(1));
  });

  it('follows a running sync until it ends, then shows the library again', async () => {
    const calls = serveLibrary();
    let libraryCalls = 0;
    server.use(
      api.query('MaterialLibrary', () => {
        libraryCalls += 1;
        const sync = libraryCalls < 3 ? aMaterialSync({ status: 'RUNNING', finishedAt: null, listed: 40, added: 2, downloaded: 10 }) : aMaterialSync();
        return HttpResponse.json({ data: { materialLibrary: aLibrary({ IMAGE: 2 }, sync) } });
      }),
    );
    renderPage();
    const status = await screen.findByTestId('material-sync-status');
    expect(status).toHaveAttribute('data-status', 'RUNNING');
    expect(status).toHaveTextContent('正在与微信同步：微信列出 40 个，新增 2 个，移除 1 个，已下载 10 个');
    expect(screen.getByTestId('material-sync')).toBeDisabled();
    await screen.findByTestId('material-card-m-1');
    const before = calls.materials.length;

    await waitFor(() => expect(screen.getByTestId('material-sync-status')).toHaveAttribute('data-status', 'SUCCEEDED'));
    await waitFor(() => expect(calls.materials.length).toBeGreaterThan(before));
    expect(screen.getByTestId('material-sync')).toBeEnabled();
  });

  it('lets viewers look but not upload, delete or sync', async () => {
    serveLibrary();
    server.use(sessionAs(viewer));
    renderPage();
    await screen.findByTestId('material-card-m-1');
    expect(screen.queryByTestId('material-upload-input')).not.toBeInTheDocument();
    expect(screen.queryByTestId('material-delete-m-1')).not.toBeInTheDocument();
    expect(screen.queryByTestId('material-sync')).not.toBeInTheDocument();
  });
});
