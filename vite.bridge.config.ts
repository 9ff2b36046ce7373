import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The browser shell's bridge script: one classic script, loaded before the renderer. */
export default defineConfig({
  build: {
    outDir: 'out/browser-shell',
    emptyOutDir: true,
    lib: {
      entry: resolve('src/browser-shell/bridge-client.ts'),
      formats: ['iife'],
      name: 'ParleyBridge',
      fileName: () => 'bridge.js',
    },
  },
});
