// Where the dashboard is reached: DASHBOARD_URL (behind a TLS proxy), else the address it listens on.
import type { AppConfig } from "./config.js";

export const DEFAULT_DASHBOARD_PORT = 8080;

export function dashboardBaseUrl(config: AppConfig, listeningPort?: number): string {
  if (config.DASHBOARD_URL) return config.DASHBOARD_URL.replace(/\/+$/, "");
  const host = config.DASHBOARD_HOST.includes(":") ? `[${config.DASHBOARD_HOST}]` : config.DASHBOARD_HOST;
  return `http://${host}:${listeningPort ?? config.DASHBOARD_PORT ?? DEFAULT_DASHBOARD_PORT}`;
}
