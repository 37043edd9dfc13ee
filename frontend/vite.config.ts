/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = process.env.FANMAIL_BACKEND_URL ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  // GraphiQL's Monaco workers are code-split: they need ES module workers.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd + GraphiQL (Monaco) are big; the warning is noise for an admin UI.
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL ships "use no memo" directives meant for the React Compiler
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('./graphiql/index.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: backend, ws: true, changeOrigin: false },
      '/api': { target: backend, changeOrigin: false },
      '/wechat': { target: backend, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // The machine has 2 shared cores: keep the test run modest.
    maxWorkers: 2,
    testTimeout: 45_000,
    // graphql-ws rejects an internal promise when a lazy client's last subscription ends while it
    // reconnects (enisdenjo/graphql-ws#565); the app is unaffected. Ignore exactly that one.
    onUnhandledError(error) {
      const reason = (error as { reason?: unknown }).reason;
      const text = `${error.message ?? ''} ${typeof reason === 'string' ? reason : ''} ${JSON.stringify(error) ?? ''}`;
      if (text.includes('All Subscriptions Gone')) return false;
    },
  },
});
