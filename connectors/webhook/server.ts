// The webhook receiver: POST /reports with a bearer token; 202 only once the payload is landed and its
// message is in the inbox, both fsync'ed. Also /healthz and /metrics (Prometheus).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Registry } from "prom-client";
import type { RawReport } from "../../schemas/messages.ts";
import type { LandingZone } from "../../pipelines/landing/landingZone.ts";
import { landPayload } from "../publishRaw.ts";
import type { Inbox } from "./inbox.ts";
import { RequestError, reportPayload } from "./request.ts";

export interface WebhookOptions {
  token: string;
  maxBytes: number;
  landing: LandingZone;
  inbox: Inbox;
  /** hands an accepted report to the stages */
  accept(raw: RawReport): Promise<void>;
}

export function webhookMetrics() {
  const registry = new Registry();
  return {
    registry,
    accepted: new Counter({ name: "govkpi_webhook_accepted_total", help: "reports accepted (202)", registers: [registry] }),
    rejected: new Counter({ name: "govkpi_webhook_rejected_total", help: "requests refused, by status", labelNames: ["status"], registers: [registry] }),
    deadLettered: new Counter({ name: "govkpi_dead_lettered_total", help: "inputs dead-lettered, by stage", labelNames: ["stage"], registers: [registry] }),
    pending: new Gauge({ name: "govkpi_stage_lag_reports", help: "accepted reports not yet loaded or dead-lettered", registers: [registry] }),
  };
}
export type WebhookMetrics = ReturnType<typeof webhookMetrics>;

class TooLarge extends Error {}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return Promise.reject(new TooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners("data");
        req.pause();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, close = false): void {
  res.writeHead(status, { "content-type": "application/json", ...(close ? { connection: "close" } : {}) });
  res.end(JSON.stringify(body) + "\n");
}

export function webhookServer(opts: WebhookOptions, metrics: WebhookMetrics): Server {
  const refuse = (res: ServerResponse, status: number, error: string, close = false) => {
    metrics.rejected.inc({ status: String(status) });
    send(res, status, { error }, close);
  };
  return createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method === "GET" && path === "/healthz") return send(res, 200, { status: "ok" });
      if (req.method === "GET" && path === "/metrics") {
        res.writeHead(200, { "content-type": metrics.registry.contentType });
        return res.end(await metrics.registry.metrics());
      }
      if (path !== "/reports") return refuse(res, 404, "not found: POST /reports, GET /healthz, GET /metrics");
      if (req.method !== "POST") return refuse(res, 405, "use POST /reports");
      if (!bearerMatches(req.headers.authorization, opts.token)) return refuse(res, 401, "missing or wrong bearer token");
      const body = await readBody(req, opts.maxBytes);
      const sourceUrl = typeof req.headers["x-source-url"] === "string" ? req.headers["x-source-url"] : undefined;
      const payload = reportPayload(body, req.headers["content-type"] ?? "", sourceUrl);
      const { raw } = await landPayload(opts.landing, payload);
      await opts.inbox.add(raw);
      metrics.accepted.inc();
      metrics.pending.inc();
      send(res, 202, { sha256: raw.sha256, landing_key: raw.landing_key, source_url: raw.source_url });
      await opts.accept(raw);
    } catch (err) {
      if (err instanceof TooLarge) return refuse(res, 413, `body over the limit of ${opts.maxBytes} bytes`, true);
      if (err instanceof RequestError) return refuse(res, err.status, err.message);
      if (!res.headersSent) refuse(res, 500, `internal error: ${(err as Error).message}`);
    }
  });
}
