import { defineConfig } from 'vite';

// The renderer is built to static files loaded by Electron (loadFile) and by the web host.
// JSX is compiled by Vite's own transform (automatic runtime); there is no dev server in use,
// so the React fast-refresh plugin is not needed.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
    // A desktop app loaded from disk: one bundle is fine.
    chunkSizeWarningLimit: 2000,
  },
});
