import { createServer, Socket } from 'node:net';

/** A port nothing listens on right now, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on the port. */
export function isListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, host);
  });
}

/** Waits until `probe` succeeds, or fails with what the engine printed. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms. Its output:\n${output().slice(-2000)}`);
}

/** Refuses to start an engine on a busy port, naming the likely cause instead of failing obscurely. */
export async function assertPortFree(port: number, engine: string): Promise<void> {
  if (await isListening(port)) {
    throw new Error(
      `Port ${port} for ${engine} is already in use: is another "npm start" running? Stop it, or choose another port.`,
    );
  }
}
