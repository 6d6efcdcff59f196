// The emulator harness (tools/emulator.mjs) wired into vitest.
import { afterAll, beforeAll } from 'vitest';
import { startMoto, type Moto } from '../../tools/emulator.mjs';

export * from '../../tools/emulator.mjs';

/**
 * Vitest wiring: starts moto in `beforeAll` (30 s timeout) and stops it in `afterAll`.
 * Usage: `const moto = useMoto();` at file/describe level, then `moto().endpoint` inside tests.
 */
export function useMoto(): () => Moto {
  let moto: Moto | undefined;
  beforeAll(async () => {
    moto = await startMoto();
  }, 30_000);
  afterAll(async () => {
    await moto?.stop();
    moto = undefined;
  });
  return () => {
    if (!moto) throw new Error('moto is not running: call moto() inside tests/hooks after useMoto() started it');
    return moto;
  };
}
