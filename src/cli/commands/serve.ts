import { Accounts } from '../../accounts/accounts.js';
import { startServer } from '../../server/listen.js';
import { defaultStorePath, openStore } from '../../store/index.js';

interface ServeFlags {
  db?: string;
  host?: string;
  port?: number;
  token?: string;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8765;

/**
 * `narrascope serve`: the HTTP API over the store until SIGINT or SIGTERM. Binds loopback unless
 * told otherwise; another address needs a token (--token or NARRASCOPE_TOKEN).
 */
export async function runServe(flags: ServeFlags): Promise<number> {
  const token = flags.token ?? (process.env.NARRASCOPE_TOKEN || undefined);
  const store = await openStore(flags.db ?? defaultStorePath());
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ store, host: flags.host ?? DEFAULT_HOST, port: flags.port ?? DEFAULT_PORT, token });
  } catch (err) {
    await store.close();
    throw err;
  }
  process.stdout.write(`narrascope: serving ${store.location} at ${server.url}\n  API: ${server.url}api/  (OpenAPI: ${server.url}api/openapi.json)\n`);
  if (await Accounts.of(store).active()) {
    process.stdout.write('  accounts are on: sign in at /login, or send Authorization: Bearer ns_… (an API token from `narrascope tokens create`)\n');
  } else if (token !== undefined) {
    process.stdout.write('  every request needs Authorization: Bearer <token>\n');
  }
  process.stderr.write('Press Ctrl+C to stop.\n');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const stop = (s: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(s);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write(`narrascope: ${signal}, closing\n`);
  try {
    await server.close();
  } finally {
    await store.close();
  }
  return 0;
}
