import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { api } from '../../../test/handlers';
import { renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { aLibrary, aMaterial, connectionOf } from '../testData';
import { MaterialPicker } from './MaterialPicker';

describe('MaterialPicker', () => {
  it('picks a material of the kinds offered, and picks one uploaded inside at once', async () => {
    const kinds: unknown[] = [];
    server.use(
      api.query('MaterialLibrary', () => HttpResponse.json({ data: { materialLibrary: aLibrary({ IMAGE: 1 }) } })),
      api.query('Materials', ({ variables }) => {
        kinds.push(variables.kind);
        const nodes = variables.kind === 'IMAGE' ? [aMaterial({ id: 'm-1' })] : [];
        return HttpResponse.json({ data: { materials: connectionOf('Material', nodes) } });
      }),
      api.query('Material', ({ variables }) =>
        HttpResponse.json({ data: { material: aMaterial({ id: String(variables.id), kind: 'THUMB', name: 'thumb.jpg' }) } }),
      ),
      http.post('*/api/materials/uploads', () => HttpResponse.json({ id: 'm-5', kind: 'THUMB', mediaId: 'media-5', name: 'thumb.jpg' }, { status: 201 })),
    );
    const onPick = vi.fn();
    const user = setupUser();
    renderWithProviders(<MaterialPicker accountId="acc-1" kinds={['IMAGE', 'THUMB']} open onPick={onPick} onCancel={() => {}} />);

    await user.click(await screen.findByTestId('material-card-m-1'));
    await user.click(screen.getByTestId('material-picker-ok'));
    expect(onPick).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'm-1', kind: 'IMAGE' }));

    await user.click(screen.getByTestId('material-picker-kind-THUMB'));
    await waitFor(() => expect(kinds).toContain('THUMB'));
    expect(screen.getByTestId('material-picker-ok')).toBeDisabled();
    await user.upload(screen.getByTestId('material-upload-input'), new File(['jpg'], 'thumb.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(screen.getByTestId('material-picker-ok')).toBeEnabled());
    await user.click(screen.getByTestId('material-picker-ok'));
    expect(onPick).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'm-5', kind: 'THUMB' }));
  });
});
