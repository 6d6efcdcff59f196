// One cold start, in a fresh process spawned by run.mjs:
//   node cold.mjs <client> import        only imports the client's module
//   node cold.mjs <client> call <url>    imports it, constructs the client and completes one call
// It never calls process.exit: the process ends when nothing keeps its event loop alive any more (open
// sockets, timers), and that moment is what a Lambda cold start pays for.
const [client, mode, url] = process.argv.slice(2);
const { create } = await import(`./clients/${client}.mjs`);
if (mode === 'call') await create(url).call();
