import { connect } from 'node:net';
import { expect, test } from 'vitest';
import { startUnacceptingListener } from '../src/index.ts';

test('connects to an unaccepting listener do not complete', async () => {
  const listener = await startUnacceptingListener();
  try {
    expect(listener.host).toBe('127.0.0.1');
    const socket = connect({ host: listener.host, port: listener.port });
    socket.on('error', () => {});
    const outcome = await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('pending'), 500);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve('connected');
      });
    });
    socket.destroy();
    expect(outcome).toBe('pending');
  } finally {
    await listener.close();
  }
  await listener.close(); // idempotent
});

test('after close the port refuses connections', async () => {
  const listener = await startUnacceptingListener();
  await listener.close();
  const socket = connect({ host: '127.0.0.1', port: listener.port });
  const error = await new Promise<NodeJS.ErrnoException>((resolve) =>
    socket.once('error', resolve),
  );
  socket.destroy();
  expect(error.code).toBe('ECONNREFUSED');
});
