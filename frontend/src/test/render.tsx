import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { StyleProvider } from '@ant-design/cssinjs';
import { render } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { AppProviders } from '../app/providers';

export interface RenderOptions {
  /** Initial URL (path + search), and optional router state. */
  route?: string;
  state?: unknown;
}

/**
 * antd tuned for tests; wrap every test render in it.
 * - CSS-in-JS styles are computed but never inserted into the document: every inserted <style>
 *   makes jsdom parse the sheet again (a third of a page render's time in a CPU profile), and the
 *   tests never read stylesheet rules (getComputedStyle is stubbed to inline styles in setup.ts).
 * - No motion and no click wave: popups and modals open and close at once instead of on timers,
 *   so a test waits for the state it expects, not for an animation.
 * The app's own ConfigProvider inside inherits these settings.
 */
export function TestStyles({ children }: { children: ReactNode }) {
  return (
    <StyleProvider mock="server">
      <ConfigProvider theme={{ token: { motion: false } }} wave={{ disabled: true }}>
        {children}
      </ConfigProvider>
    </StyleProvider>
  );
}

/**
 * Renders `ui` inside the real providers (i18n, antd, auth session, urql pointed at
 * MSW, subscriptions over MSW's mocked WebSocket) and a MemoryRouter.
 */
export function renderWithProviders(ui: ReactNode, { route = '/', state }: RenderOptions = {}) {
  return render(
    <TestStyles>
      <AppProviders graphql={{ url: 'http://localhost:3000/graphql', webSocketUrl: 'ws://localhost:3000/graphql' }}>
        <MemoryRouter initialEntries={[{ pathname: route.split('?')[0], search: route.includes('?') ? `?${route.split('?')[1]}` : '', state }]}>
          {ui}
          <LocationProbe />
        </MemoryRouter>
      </AppProviders>
    </TestStyles>,
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

/**
 * Puts `text` into a field as one input (click, then paste), for tests where the keystrokes are not
 * what is tested: typing re-renders an antd form per character, which costs seconds on a busy machine.
 */
export async function enterText(user: ReturnType<typeof setupUser>, element: HTMLElement, text: string) {
  await user.click(element);
  await user.paste(text);
}
