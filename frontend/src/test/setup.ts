import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import i18n from '../lib/i18n';
import { server } from './server';

// findBy*/waitFor return as soon as what they wait for shows; the deadline allows for a machine whose
// 2 cores are shared with other builds (the default 1 s flakes there)
configure({ asyncUtilTimeout: 10_000 });

// --- jsdom gaps antd relies on (test files marked `@vitest-environment node` have no window) ---
const jsdom = typeof window !== 'undefined';
if (jsdom && !window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string): MediaQueryList => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

// jsdom's getComputedStyle does not support pseudo elements (antd asks for them) and,
// with antd's CSS-in-JS style tags in the document, is slow enough to make every
// role query crawl. Tests only need inline styles (antd hides closed popups inline).
if (jsdom) {
  window.getComputedStyle = ((element: Element) => (element as HTMLElement).style) as typeof window.getComputedStyle;
}

if (jsdom && !('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { value: ResizeObserverStub, configurable: true });
}

if (jsdom && (!window.scrollTo || String(window.scrollTo).includes('not implemented'))) {
  window.scrollTo = () => {};
}
if (jsdom) Element.prototype.scrollIntoView ??= function scrollIntoView() {};

// --- network: MSW; any request without a handler fails the test ---------------
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(async () => {
  if (jsdom) window.localStorage.clear();
  await i18n.changeLanguage('zh-CN');
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
