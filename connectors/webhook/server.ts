// The webhook receiver: POST /reports with a bearer token (RFC 6750: scheme matched case-insensitively);
// 202 only once the payload is landed and its message durable (the local inbox, or acknowledged by
// Kafka). Bounded: past the in-flight requests, in-flight bytes or the stages' backlog it answers 503 with
// Retry-After instead of taking more. Every request has an id (X-Request-Id, echoed) in the logs.
// Also /healthz and /metrics (Prometheus).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID, timingSafeEqual } from "node:crypto";
import type { LandingZone } from "../../pipelines/landing/landingZone.ts";
import type { Log } from "../../pipelines/ops/log.ts";
import { metrics, metricsText } from "../../pipelines/ops/metrics.ts";
import { landPayload, type Outlet } from "../publishRaw.ts";
import type { BatchRuns } from "./batchRuns.ts";
import { RequestError, reportPayload } from "./request.ts";

export interface WebhookOptions {
  /** bearer token → the client's id, which becomes the reports' source */
  clients: Map<string, string>;
  maxBytes: number;
  maxInflightRequests: number;
  maxInflightBytes: number;
  /** true while the stages have more than they should take on */
  backlogged(): boolean;
  landing: LandingZone;
  outlet: Outlet;
  runs: BatchRuns;
  log: Log;
}

const RETRY_AFTER_S = 5;

class TooLarge extends Error {}
class Busy extends Error {}

/** The client a bearer token belongs to: every token is compared, in constant time. */
function clientOf(header: string | undefined, clients: Map<string, string>): string | null {
  const given = Buffer.from(/^\s*bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1] ?? "");
  let found: string | null = null;
  for (const [token, client] of clients) {
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) found = client;
  }
  return found;
}

/** Reads the body, holding its bytes against the shared in-flight budget. */
function readBody(req: IncomingMessage, maxBytes: number, reserve: (n: number) => boolean): Promise<Buffer> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return Promise.reject(new TooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (err: Error) => {
      req.removeAllListeners("data");
      req.pause();
      reject(err);
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return stop(new TooLarge());
      if (!reserve(chunk.length)) return stop(new Busy());
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

export function webhookServer(o: WebhookOptions): Server {
  let inflightRequests = 0;
  let inflightBytes = 0;
  const release = (bytes: number) => {
    inflightBytes -= bytes;
    metrics.webhookInflightBytes.set(inflightBytes);
  };
  return createServer(async (req, res) => {
    const given = req.headers["x-request-id"];
    const requestId = typeof given === "string" && /^[\w.:-]{1,200}$/.test(given) ? given : randomUUID();
    res.setHeader("x-request-id", requestId);
    const log = o.log.child({ req_id: requestId });
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    let client: string | null = null;
    const refuse = (status: number, error: string, headers: Record<string, string> = {}) => {
      metrics.webhookRejected.inc({ status: String(status) });
      log.warn({ status, client, error }, "refused");
      if (client && status !== 503) o.runs.note(client, "failed", `http_${status}`, error);
      send(res, status, { error, request_id: requestId }, headers);
    };
    if (req.method === "GET" && path === "/healthz") return send(res, 200, { status: "ok" });
    if (req.method === "GET" && path === "/metrics") {
      const { contentType, body } = await metricsText();
      res.writeHead(200, { "content-type": contentType });
      return res.end(body);
    }
    if (path !== "/reports") return refuse(404, "not found: POST /reports, GET /healthz, GET /metrics");
    if (req.method !== "POST") return refuse(405, "use POST /reports");
    client = clientOf(req.headers.authorization, o.clients);
    if (!client) return refuse(401, "missing or wrong bearer token", { "www-authenticate": 'Bearer realm="govkpi"' });
    const declared = Number(req.headers["content-length"] ?? 0);
    if (inflightRequests >= o.maxInflightRequests || inflightBytes + declared > o.maxInflightBytes || o.backlogged()) {
      return refuse(503, "busy: too many reports in flight; retry later", { "retry-after": String(RETRY_AFTER_S), connection: "close" });
    }
    inflightRequests++;
    let held = 0;
    try {
      const body = await readBody(req, o.maxBytes, (n) => {
        if (inflightBytes + n > o.maxInflightBytes) return false;
        inflightBytes += n;
        held += n;
        metrics.webhookInflightBytes.set(inflightBytes);
        return true;
      });
      const one = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
      const payload = reportPayload(
        body,
        { "content-type": one("content-type"), "x-source-url": one("x-source-url"), "x-title": one("x-title"), "x-published-date": one("x-published-date") },
        client,
      );
      const { raw } = await landPayload(o.landing, payload);
      await o.outlet.announce(raw);
      metrics.webhookAccepted.inc({ client });
      o.runs.note(client, "new", "accepted");
      log.info({ client, landing_key: raw.landing_key, source_url: raw.source_url, bytes: raw.bytes }, "accepted");
      send(res, 202, { sha256: raw.sha256, landing_key: raw.landing_key, source_url: raw.source_url, request_id: requestId });
    } catch (err) {
      if (err instanceof TooLarge) return refuse(413, `body over the limit of ${o.maxBytes} bytes`, { connection: "close" });
      if (err instanceof Busy) return refuse(503, "busy: too many bytes in flight; retry later", { "retry-after": String(RETRY_AFTER_S), connection: "close" });
      if (err instanceof RequestError) return refuse(err.status, err.message);
      log.error({ err: (err as Error).stack }, "internal error");
      if (!res.headersSent) refuse(500, `internal error: ${(err as Error).message}`);
    } finally {
      inflightRequests--;
      release(held);
    }
  });
}
