#!/usr/bin/env node
// `npm start`: builds the web app with Vite when dist/web is missing or older than its sources, then
// serves it with the API on PORT (default 3000) over DATA_DIR (default ./data) or DATABASE_URL.
// `npm run dev` (`--dev`): Vite dev server with hot reload, proxying /api to a reloading API server.
import { register } from 'tsx/esm/api';

register();
if (process.argv.includes('--dev')) {
  const { dev } = await import('../src/server/dev.ts');
  await dev();
} else {
  const { ensureWebBuild } = await import('../src/server/web-build.ts');
  await ensureWebBuild();
  const { main } = await import('../src/server/main.ts');
  await main();
}
