import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { AppProviders } from '../app/providers';

export interface RenderOptions {
  /** Initial URL (path + search), and optional router state. */
  route?: string;
  state?: unknown;
}

/**
 * Renders `ui` inside the real providers (i18n, antd, auth session, urql pointed at
 * MSW, subscriptions over MSW's mocked WebSocket) and a MemoryRouter.
 */
export function renderWithProviders(ui: ReactNode, { route = '/', state }: RenderOptions = {}) {
  return render(
    <AppProviders graphql={{ url: 'http://localhost:3000/graphql', webSocketUrl: 'ws://localhost:3000/graphql' }}>
      <MemoryRouter initialEntries={[{ pathname: route.split('?')[0], search: route.includes('?') ? `?${route.split('?')[1]}` : '', state }]}>
        {ui}
        <LocationProbe />
      </MemoryRouter>
    </AppProviders>,
  );
}

/** Exposes the current location for assertions: `screen.getByTestId('location')`. */
function LocationProbe() {
  const location = useLocation();
  return (
    <output data-testid="location" hidden>
      {location.pathname}
      {location.search}
    </output>
  );
}

/** user-event tuned for antd in jsdom: no artificial delay, no slow pointer-events check. */
export function setupUser() {
  return userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
}
