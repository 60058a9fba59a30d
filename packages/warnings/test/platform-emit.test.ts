import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlatformWarning } from '../src/index.ts';
import { emitProcessWarning as emitNode } from '../src/platform/emit-process-warning.node.ts';
import { emitProcessWarning as emitWeb } from '../src/platform/emit-process-warning.web.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('platform warning sinks', () => {
  it('Node: process.emitWarning with the warning object', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const w = new PlatformWarning('node');
    emitNode(w);
    expect(spy).toHaveBeenCalledWith(w);
  });

  it('other runtimes: a Node-compatible process.emitWarning when there is one', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const w = new PlatformWarning('web with process');
    emitWeb(w);
    expect(spy).toHaveBeenCalledWith(w);
  });

  it('other runtimes: the console when there is no process (browsers)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'process')!;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    Object.defineProperty(globalThis, 'process', { value: undefined, configurable: true });
    try {
      emitWeb(new PlatformWarning('no process here'));
    } finally {
      Object.defineProperty(globalThis, 'process', saved);
    }
    expect(warn).toHaveBeenCalledWith('PlatformWarning [URLPOOL_WARN_PLATFORM]: no process here');
  });
});
