// Runs the README's plain-TypeScript script (dist/readme.js, compiled from src/readme.ts) as a person
// would: against the installed mock server, typing the code at its prompt. It must log in and then
// exit by itself (an actor left running keeps a process alive through its timers).
import { spawn } from 'node:child_process';
import { startMockServer } from '@verifik-auth/mock-server';

const otp = '123456';
const mock = await startMockServer({ port: 0, fixedOtp: otp });
try {
  const script = spawn(process.execPath, ['dist/readme.js'], {
    env: { ...process.env, VERIFIK_API: mock.url },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  script.stdout.on('data', (chunk) => {
    output += chunk;
    if (output.includes('Code: ') && !script.stdin.writableEnded) script.stdin.end(`${otp}\n`);
  });
  const exit = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      script.kill();
      resolve('no exit within 30 s');
    }, 30_000);
    script.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  if (exit !== 0 || !output.includes('Signed in until')) throw new Error(`exit: ${exit}; output:\n${output}`);
  console.log(output.trim().split('\n').join(' | '));
} catch (error) {
  console.error('The README script failed:', error);
  process.exitCode = 1;
} finally {
  await mock.close();
}
