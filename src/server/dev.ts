import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Development: the API server under `tsx watch` (restarts on change) on PORT+1, and Vite's dev server
 * with hot reload on PORT, proxying /api to it. Open http://localhost:PORT.
 */
export async function dev(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number(env.PORT || 3000);
  const apiPort = port + 1;
  const api = spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/server/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...env, PORT: String(apiPort), HOST: '127.0.0.1' },
  });
  process.env.API_PORT = String(apiPort);
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: `${ROOT}vite.config.ts`,
    server: { port, strictPort: true },
  });
  await vite.listen();
  vite.printUrls();
  const stop = async () => {
    api.kill('SIGTERM');
    await vite.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}
