// Many fake government sites behind one loopback port, told apart by the Host header (name-based virtual
// hosting, as the provinces' shared CMS clusters serve them). Every request is logged with its timing, so
// tests can check politeness and time-outs from the server's side. The sites' names resolve to loopback
// through `lookup`, the way `curl --resolve` pins a name to an address.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface Hit {
  host: string;
  /** path and query */
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
  /** when the response ended or the client went away */
  end?: number;
  status?: number;
  /** the client closed the connection before the response was complete */
  aborted?: boolean;
}

/** Answers one request; `n` counts this route's requests from 1. */
export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void | Promise<void>;
/** Routes by path and query (`/download?id=8812`); a route `*` answers whatever else is asked. */
export type Site = Record<string, Handler>;

export interface GovWeb {
  port: number;
  hits: Hit[];
  url(host: string, path?: string): string;
  /** the names this server hosts, all on 127.0.0.1 */
  hosts: string[];
  hitsOn(host: string, path?: string): Hit[];
  close(): Promise<void>;
}

/** Starts the server, then builds its sites knowing their origins (http://HOST:PORT). */
export async function startGovWeb(build: (origin: (host: string) => string) => Record<string, Site> | Promise<Record<string, Site>>): Promise<GovWeb> {
  let sites: Record<string, Site> = {};
  const hits: Hit[] = [];
  const counts = new Map<string, number>();
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
    const path = req.url ?? "/";
    const hit: Hit = { host, path, headers: req.headers, at: Date.now() };
    hits.push(hit);
    res.on("finish", () => {
      hit.end = Date.now();
      hit.status = res.statusCode;
    });
    res.on("close", () => {
      if (res.writableFinished) return;
      hit.aborted = true;
      hit.end = Date.now();
      hit.status = res.statusCode;
    });
    const site = sites[host];
    const handler = site?.[path] ?? site?.["*"];
    if (!handler) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end("<h1>404 Not Found</h1>");
      return;
    }
    const key = `${host}${path}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    Promise.resolve(handler(req, res, n)).catch((err) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  sites = await build((host) => `http://${host}:${port}`);
  return {
    port,
    hits,
    hosts: Object.keys(sites),
    url: (host, path = "/") => `http://${host}:${port}${path}`,
    hitsOn: (host, path) => hits.filter((h) => h.host === host && (path === undefined || h.path === path)),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
