// The built preload as Electron's sandbox loads it: one CommonJS file that requires nothing but
// 'electron' and needs no Node globals, exposing the same API as the sources.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/contract';
import { ensureBuilt } from '../../../main/toolchain/build.mjs';

describe('the preload bundle', () => {
  it("runs with only require('electron'), and exposes the contract's channels", async () => {
    const code = await readFile(join(await ensureBuilt('desktop'), 'preload.cjs'), 'utf8');
    const required: string[] = [];
    const exposed: [string, Record<string, unknown>][] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]),
      },
      ipcRenderer: { invoke: () => Promise.resolve(), on: () => undefined },
    };
    const module = { exports: {} };
    // No process, Buffer, setImmediate or __dirname: a sandboxed preload has none of them.
    runInNewContext(code, {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect([...new Set(required)]).toStrictEqual(['electron']);
    expect(exposed.map(([key]) => key)).toStrictEqual(['claimlens']);
    expect(Object.keys(exposed[0]![1]).sort()).toStrictEqual([...CHANNELS, 'onMenuCommand'].sort());
  });
});
