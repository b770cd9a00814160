import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The SPA lives in client/; the Express server serves dist/client in production
// and owns /api, /healthz and /readyz, so the dev server forwards those to it.
const apiTarget = 'http://localhost:3000';
const proxy = Object.fromEntries(
  ['/api', '/healthz', '/readyz'].map((path) => [path, { target: apiTarget, changeOrigin: false }]),
);

export default defineConfig({
  root: fromRoot('./client'),
  publicDir: fromRoot('./client/public'),
  // Keep Vite's and Vitest's caches in the project's node_modules, not in client/.
  cacheDir: fromRoot('./node_modules/.vite'),
  plugins: [react()],
  css: { postcss: fromRoot('./postcss.config.cjs') },
  build: {
    outDir: fromRoot('./dist/client'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Vendor code changes less often than ours: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|use-sync-external-store)[\\/]/, priority: 30 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-transition-group)/, priority: 20 },
            { name: 'data', test: /node_modules[\\/](@tanstack|@trpc|superjson|zod|i18next|react-i18next)[\\/]/, priority: 10 },
            // Only the pages with charts load it (the overview's chart after its cards).
            { name: 'charts', test: /node_modules[\\/](recharts|victory-vendor|d3-[a-z-]+|@reduxjs|immer|reselect|react-redux|redux|decimal\.js-light|internmap)[\\/]/, priority: 15 },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
});
