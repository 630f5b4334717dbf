// A real HTTP server on 127.0.0.1 for the collect/ tests: routes are plain handlers.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  /** Requests seen, as "METHOD path". */
  requests: string[];
  /** Request headers of each request, in order. */
  headers: IncomingMessage['headers'][];
  close(): Promise<void>;
}

/** Start a server on an ephemeral port; unknown paths get 404. */
export async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const requests: string[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    headers.push(req.headers);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = routes[path] ?? routes['*'];
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        // Slow-drip handlers keep sockets open; the tests are over, so cut them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
