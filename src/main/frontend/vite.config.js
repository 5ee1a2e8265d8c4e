import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// Where the built page goes. Maven's war plugin picks it up from target/ and puts it at the WAR root,
// so the page never lands in the source tree.
const outDir = process.env.PARLEY_WEB_OUT
  ?? fileURLToPath(new URL('../../../target/frontend', import.meta.url));

// `npm run dev` serves the page with hot reload and forwards the API and Socket.IO traffic to a
// running Parley (default http://localhost:8080), so cookies stay same-origin as in production.
const target = process.env.PARLEY_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs: the WAR may be deployed under any context root.
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: Number(process.env.PARLEY_WEB_PORT ?? 5173),
    strictPort: true,
    proxy: {
      '/api': { target, changeOrigin: false },
      '/socket.io': { target, ws: true, changeOrigin: false },
    },
  },
});
