// The operator's endpoint (HEALTH_PORT, off by default; 127.0.0.1 unless HEALTH_HOST says otherwise):
//   /healthz  the process answers (liveness: restart it when this fails)
//   /readyz   the database answers, every configured channel is connected, the outbox is not stuck
//   /metrics  Prometheus text (app/metrics.ts)
// /healthz and /readyz answer JSON with 200 or 503, so a load balancer, Docker or a script can read them.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { ChannelHealth, RunningChannel } from "../bots/channel.js";
import { createDatabaseCheck, outboxBacklog, type DatabaseCheck, type OutboxBacklog } from "../db/health.js";
import type { App } from "./compose.js";
import type { AppConfig } from "./config.js";
import type { AppMetrics } from "./metrics.js";

export interface HealthSources {
  database: () => Promise<DatabaseCheck>;
  outbox: () => Promise<OutboxBacklog>;
  /** Channels the configuration asks for: one that has not started (yet) is not ready. */
  configuredChannels: readonly string[];
  runningChannels: () => readonly RunningChannel[];
  outboxStuckSeconds: number;
  /** True once a stop began: a stopping bot takes no traffic. */
  stopping: () => boolean;
  metrics: AppMetrics;
}

/** What the running program reports: its database, the channels its configuration names, its outbox. */
export function healthSourcesFor(
  app: App,
  config: AppConfig,
  runningChannels: () => readonly RunningChannel[],
  stopping: () => boolean,
): HealthSources {
  const configuredChannels = [
    ...(config.TELEGRAM_BOT_TOKEN ? ["telegram"] : []),
    ...(config.WHATSAPP_ENABLED ? ["whatsapp"] : []),
  ];
  return {
    database: createDatabaseCheck(app.transactions, app.database.engine === "sqlite" ? app.database.filePath : null),
    outbox: () => app.transactions.run(({ db }) => outboxBacklog(db, app.dispatcher.channels, app.clock())),
    configuredChannels,
    runningChannels,
    outboxStuckSeconds: config.OUTBOX_STUCK_SECONDS,
    stopping,
    metrics: app.metrics,
  };
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

type Check = { ok: boolean } & Record<string, unknown>;

/** Each check on its own, so one failure never hides another; a check that throws counts as failed. */
export async function readiness(sources: HealthSources): Promise<{ ready: boolean; checks: Record<string, Check> }> {
  const checks: Record<string, Check> = {};
  checks.database = await sources.database().catch((error: unknown) => ({ ok: false, error: String(error) }));
  const running = new Map(sources.runningChannels().map((channel) => [channel.sender.channel as string, channel]));
  for (const name of sources.configuredChannels) {
    const channel = running.get(name);
    const health: ChannelHealth = channel
      ? (channel.health?.() ?? { connected: true })
      : { connected: false, detail: "not started" };
    checks[`channel:${name}`] = { ok: health.connected, ...(health.detail ? { detail: health.detail } : {}) };
  }
  try {
    const backlog = await sources.outbox();
    checks.outbox = {
      ok: backlog.oldestPendingSeconds <= sources.outboxStuckSeconds,
      pending: backlog.pending,
      failed: backlog.failed,
      oldestPendingSeconds: Math.round(backlog.oldestPendingSeconds),
      limitSeconds: sources.outboxStuckSeconds,
    };
  } catch (error) {
    checks.outbox = { ok: false, error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
  }
  if (sources.stopping()) checks.process = { ok: false, detail: "stopping" };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

export async function startHealthServer(options: {
  host: string;
  port: number;
  sources: HealthSources;
  logger: Logger;
}): Promise<HealthServer> {
  const { sources, logger } = options;
  const startedAt = Date.now();
  sources.metrics.collectProcessMetrics();
  // Channels count their own recoveries; the counter gets what is new since the last scrape.
  const seenReconnects = new WeakMap<RunningChannel, number>();
  const countReconnects = () => {
    for (const channel of sources.runningChannels()) {
      const total = channel.health?.().reconnects ?? 0;
      const seen = seenReconnects.get(channel) ?? 0;
      for (let i = seen; i < total; i += 1) sources.metrics.channelReconnected(channel.sender.channel);
      seenReconnects.set(channel, total);
    }
  };

  const server: Server = createServer((req, res) => {
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
      res.end(text);
    };
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return json(405, { error: "method not allowed" });
    if (path === "/healthz") return json(200, { status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
    if (path === "/readyz") {
      readiness(sources).then(
        ({ ready, checks }) => json(ready ? 200 : 503, { status: ready ? "ok" : "fail", checks }),
        (error: unknown) => json(503, { status: "fail", error: String(error) }),
      );
      return;
    }
    if (path === "/metrics") {
      countReconnects();
      sources.metrics.render().then(
        (text) => {
          res.writeHead(200, { "content-type": sources.metrics.contentType });
          res.end(text);
        },
        (error: unknown) => {
          logger.error({ err: error }, "metrics failed");
          res.writeHead(500, { "content-type": "text/plain" });
          res.end("metrics failed\n");
        },
      );
      return;
    }
    json(404, { error: "not found", endpoints: ["/healthz", "/readyz", "/metrics"] });
  });
  // Scrapers keep connections alive; a stop must not wait for them.
  server.keepAliveTimeout = 5_000;
  server.listen(options.port, options.host);
  await once(server, "listening"); // rejects on "error" (port taken)
  const port = (server.address() as AddressInfo).port;
  logger.info({ host: options.host, port }, "health endpoint listening");
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
