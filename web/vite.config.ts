import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server (casebook serve) listens on port 3000 by default; the dev
// server forwards /api there so the console runs against a live backend.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
