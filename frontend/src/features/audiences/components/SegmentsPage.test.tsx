import { screen, waitFor, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import i18n from '../../../lib/i18n';
import { api } from '../../../test/handlers';
import { enterText, renderWithProviders, setupUser } from '../../../test/render';
import { server } from '../../../test/server';
import { AccountLayout } from '../../accounts';
import { aSegment, aTag } from '../testData';
import { SegmentsPage } from './SegmentsPage';

function serveSegments() {
  const calls = { counts: [] as Record<string, unknown>[], fanCounts: [] as Record<string, unknown>[], creates: [] as unknown[] };
  server.use(
    api.query('Segments', () => HttpResponse.json({ data: { segments: [aSegment()] } })),
    api.query('Tags', () => HttpResponse.json({ data: { tags: [aTag()] } })),
    api.query('FanCount', ({ variables }) => {
      calls.fanCounts.push(variables);
      return HttpResponse.json({ data: { fanCount: 42 } });
    }),
    api.query('AudienceCount', ({ variables }) => {
      calls.counts.push(variables);
      const customerService = variables.purpose === 'CUSTOMER_SERVICE';
      return HttpResponse.json({
        data: {
          audienceCount: {
            __typename: 'AudienceCount',
            total: 42,
            reachable: customerService ? 5 : 40,
            excluded: [
              { __typename: 'AudienceExclusion', reason: 'UNSUBSCRIBED', count: 2 },
              ...(customerService ? [{ __typename: 'AudienceExclusion', reason: 'WINDOW_CLOSED', count: 35 }] : []),
            ],
          },
        },
      });
    }),
    api.mutation('SegmentCreate', ({ variables }) => {
      calls.creates.push(variables);
      return HttpResponse.json({ data: { segmentCreate: { segment: aSegment({ id: 'seg-2', name: 'Openers' }), userErrors: [] } } });
    }),
  );
  return calls;
}

function renderSegments() {
  renderWithProviders(
    <Routes>
      <Route path="/accounts/:id" element={<AccountLayout />}>
        <Route path="segments" element={<SegmentsPage />} />
      </Route>
    </Routes>,
    { route: '/accounts/acc-1/segments' },
  );
}

describe('SegmentsPage', () => {
  it('shows a saved segment count and its reachable / excluded split for the chosen purpose', async () => {
    await i18n.changeLanguage('en-US');
    const calls = serveSegments();
    const user = setupUser();
    renderSegments();
    await user.click(await screen.findByTestId('segment-seg-1'));

    expect(await screen.findByTestId('audience-total')).toHaveTextContent('42');
    expect(screen.getByTestId('audience-reachable')).toHaveTextContent('40');
    expect(screen.getByTestId('audience-row-UNSUBSCRIBED')).toHaveTextContent('Unfollowed2');
    expect(calls.counts.at(-1)).toEqual({ input: { accountId: 'acc-1', kind: 'SEGMENT', segmentId: 'seg-1' }, purpose: 'TEMPLATE' });
    // the builder shows the segment's filter and how many fans it matches
    expect(screen.getByTestId('segment-name')).toHaveValue('Active VIPs');
    await waitFor(() => expect(calls.fanCounts.at(-1)?.filter).toEqual({ tagIds: [100], tagMatch: 'ANY', subscribed: true }));
    expect(screen.getByTestId('segment-fan-count')).toHaveTextContent('42');

    await user.click(within(screen.getByTestId('segment-audience')).getByRole('radio', { name: 'Customer service' }));
    await waitFor(() => expect(screen.getByTestId('audience-reachable')).toHaveTextContent('5'));
    expect(screen.getByTestId('audience-row-WINDOW_CLOSED')).toHaveTextContent('Window closed or used up35');
    expect(calls.counts.at(-1)?.purpose).toBe('CUSTOMER_SERVICE');
  });

  it('saves a new segment from the filter controls and then shows its reach', async () => {
    const calls = serveSegments();
    const user = setupUser();
    renderSegments();
    await screen.findByTestId('segment-seg-1');
    await enterText(user, screen.getByTestId('segment-name'), 'Openers');
    await user.click(within(screen.getByTestId('fan-filter-window')).getByRole('radio', { name: '开放' }));
    await user.click(screen.getByTestId('segment-save'));

    await waitFor(() =>
      expect(calls.creates).toEqual([{ input: { accountId: 'acc-1', name: 'Openers', filter: { window: 'OPEN' } } }]),
    );
    await waitFor(() => expect(calls.counts.at(-1)).toMatchObject({ input: { kind: 'SEGMENT', segmentId: 'seg-2' } }));
    expect(await screen.findByTestId('audience-total')).toHaveTextContent('42');
  });
});
