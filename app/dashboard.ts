// `npm run dashboard`: the staff dashboard alone (web/), on DASHBOARD_HOST:DASHBOARD_PORT. `npm start`
// serves it too when DASHBOARD_PORT is set, through startDashboard. Changes made here write outbox rows
// in the same transaction; the bot process (npm start) delivers them to the citizens' chats.
import "dotenv/config";
import { isEntryPoint } from "./cli-entry.js";
import { installProcessGuards } from "./process-guards.js";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Logger } from "pino";
import { createDashboard } from "../web/server.js";
import { createApp, type App } from "./compose.js";
import { ConfigError, loadConfig, type AppConfig } from "./config.js";
import { DEFAULT_DASHBOARD_PORT, dashboardBaseUrl } from "./dashboard-url.js";
import { createLogger } from "./logger.js";

export interface RunningDashboard {
  /** Where it listens, e.g. http://127.0.0.1:8080 */
  url: string;
  /** The public base used in login links (DASHBOARD_URL, else `url`). */
  publicUrl: string;
  port: number;
  stop(): Promise<void>;
}

export async function startDashboard(app: App, config: AppConfig, logger: Logger): Promise<RunningDashboard> {
  const port = config.DASHBOARD_PORT ?? DEFAULT_DASHBOARD_PORT;
  const names = () => app.catalog.agencies.map((agency) => ({ code: agency.code, name: agency.name }));
  const handler = createDashboard({
    transactions: app.transactions,
    lifecycle: app.lifecycle,
    sla: app.sla,
    clock: app.clock,
    agencies: names,
    agencyName: (code) => app.catalog.byCode(code)?.name,
    baseUrl: dashboardBaseUrl(config),
    onChange: () => app.dispatcher.nudge(),
    logger: logger.child({ part: "dashboard" }),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: handler.fetch, port, hostname: config.DASHBOARD_HOST }, () => resolve(started));
    started.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const host = config.DASHBOARD_HOST.includes(":") ? `[${config.DASHBOARD_HOST}]` : config.DASHBOARD_HOST;
  const url = `http://${host}:${address.port}`;
  logger.info({ url }, "dashboard listening");
  return {
    url,
    publicUrl: dashboardBaseUrl(config, address.port),
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections would hold close() open.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await createApp({ config, logger });
  const dashboard = await startDashboard(app, config, logger);
  process.stdout.write(`Dasbor berjalan di ${dashboard.url} (tautan masuk memakai ${dashboard.publicUrl}).\n`);
  const stop = async () => {
    await dashboard.stop();
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

if (isEntryPoint(import.meta.url)) {
  // A fault nobody caught is logged; the dashboard keeps serving (it holds no channel to restart).
  installProcessGuards({ entry: "dashboard", onFault: () => {} });
  main().catch((error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Dasbor gagal dimulai: ${String(error instanceof Error ? (error.stack ?? error.message) : error)}\n`,
    );
    process.exit(1);
  });
}
