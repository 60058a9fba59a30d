/**
 * Vitest setup file: after every test file, no TCP socket or server may still be open in the
 * test process (client or server side). Each test file runs in its own process, so anything
 * left here was leaked by that file.
 */
import { afterAll } from 'vitest';

const NETWORK_RESOURCES = new Set(['TCPSocketWrap', 'TCPServerWrap', 'TLSWrap']);

function openNetworkResources(): string[] {
  return process.getActiveResourcesInfo().filter((name) => NETWORK_RESOURCES.has(name));
}

afterAll(async () => {
  // Closing sockets finishes on the next turns of the event loop; give them a moment.
  const deadline = Date.now() + 2000;
  let open = openNetworkResources();
  while (open.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    open = openNetworkResources();
  }
  if (open.length > 0) {
    throw new Error(`Test file leaked network resources: ${open.join(', ')}`);
  }
});
