// `npm run dev:fake`: the development stand-in on :3170 and Vite (hot reload) proxying to it.
import { spawn } from 'node:child_process';

const port = process.env.FAKE_PORT ?? '3170';
const fake = spawn(process.execPath, ['dev/fake-parley.js', '--port', port], { stdio: 'inherit' });
const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js'], {
  stdio: 'inherit',
  env: { ...process.env, PARLEY_URL: `http://127.0.0.1:${port}` },
});
const stop = () => {
  fake.kill();
  vite.kill();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
fake.on('exit', stop);
vite.on('exit', stop);
