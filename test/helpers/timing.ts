// Small timing helpers shared by the abort and timeout tests.

/** Resolves with `promise`'s value, or fails if it is still pending after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The process's active timers, as Node lists them (unref'd ones included). */
export const activeTimeouts = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
