import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** The dashboard: built from web/ into dist/web, which `workledger serve` serves at /. */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // ECharts is one lazy chunk of ~500 kB; the overview never waits for it.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `vite --config web/vite.config.ts` during development, against `workledger serve` on 8080.
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
