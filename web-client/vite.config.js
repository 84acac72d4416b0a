// Vite builds the browser editor into dist/, which the Maven build packs into the server jar (served
// at /). Relative asset URLs ('./') keep it working under any path. `npm run dev` proxies the API and
// the ShareDB WebSocket to a server on 127.0.0.1:8080 (e.g. `java -jar ../server/target/collab-server.jar
// --in-memory`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const SERVER = process.env.COLLAB_DEV_SERVER || 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  resolve: {
    // The sharedb client's only Node built-in besides `events` (an npm package of that name).
    alias: [{ find: /^util$/, replacement: fileURLToPath(new URL('./src/shims/node-util.js', import.meta.url)) }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: false },
      '/ws': { target: SERVER, ws: true },
    },
  },
});
