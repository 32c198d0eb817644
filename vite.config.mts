import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files loaded by Electron (loadFile) and by the web host.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
    // A desktop app loaded from disk: one bundle is fine.
    chunkSizeWarningLimit: 2000,
  },
});
