// `npm start`: the bots. Telegram and/or WhatsApp when configured; otherwise (or with --chat) the terminal chat.
import "dotenv/config";
import type { Logger } from "pino";
import type { RunningChannel } from "../bots/channel.js";
import type { TelegramStaffMember } from "../bots/telegram-commands.js";
import { listStaff } from "../complaints/staff-directory.js";
import { COORDINATOR_CODE } from "../nlp/classification.js";
import { startTerminal, type TerminalChannel } from "../bots/terminal-adapter.js";
import { routeFault, superviseChannel, type SupervisedChannel } from "./channel-supervisor.js";
import { createApp, type App } from "./compose.js";
import type { RunningDashboard } from "./dashboard.js";
import { ConfigError, loadConfig, type AppConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { handleSignals, stopGracefully } from "./shutdown.js";
import { installProcessGuards } from "./process-guards.js";

const startedAt = performance.now();

function argValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Registered staff reachable on Telegram, for their command menus (identity "telegram:<user id>"). */
async function telegramStaff(app: App): Promise<TelegramStaffMember[]> {
  const staff = await app.transactions.run(({ db }) => listStaff(db));
  return staff
    .filter((member) => member.identity.startsWith("telegram:"))
    .map((member) => ({
      chatId: member.identity.slice("telegram:".length),
      coordinator: member.agencyCode === COORDINATOR_CODE,
    }));
}

/** Channels a fault was traced to are restarted on their own (see installProcessGuards in main). */
const supervised: SupervisedChannel[] = [];

async function startChannels(app: App, config: AppConfig, logger: Logger): Promise<RunningChannel[]> {
  const channels: RunningChannel[] = [];
  const supervise = async (spec: Parameters<typeof superviseChannel>[0]) => {
    const channel = await superviseChannel(spec, { logger });
    supervised.push(channel);
    channels.push(channel);
  };
  if (config.TELEGRAM_BOT_TOKEN) {
    const token = config.TELEGRAM_BOT_TOKEN;
    // Loaded on demand: a terminal-only start should not pay for platform libraries.
    const { startTelegram } = await import("../bots/telegram-adapter.js");
    const { isTelegramLibraryFault } = await import("../bots/telegram-errors.js");
    await supervise({
      name: "telegram",
      owns: isTelegramLibraryFault,
      start: () =>
        startTelegram({
          token,
          ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
          ...(config.TELEGRAM_WEBHOOK_URL && config.TELEGRAM_WEBHOOK_SECRET
            ? {
                webhook: {
                  url: config.TELEGRAM_WEBHOOK_URL,
                  secret: config.TELEGRAM_WEBHOOK_SECRET,
                  port: config.TELEGRAM_WEBHOOK_PORT,
                },
              }
            : {}),
          handler: app.runner,
          logger: logger.child({ channel: "telegram" }),
          onUndelivered: (chatId, message) => app.deferReply("telegram", chatId, message),
          ...(config.TELEGRAM_STAFF_GROUP ? { staffGroupId: config.TELEGRAM_STAFF_GROUP } : {}),
          staffMembers: () => telegramStaff(app),
        }),
    });
  }
  if (config.WHATSAPP_ENABLED) {
    const { startWhatsApp } = await import("../bots/whatsapp-adapter.js");
    const { isWhatsAppLibraryFault } = await import("../bots/whatsapp-client.js");
    await supervise({
      name: "whatsapp",
      owns: isWhatsAppLibraryFault,
      start: () =>
        startWhatsApp({
          dataDir: config.DATA_DIR,
          chromiumPath: config.CHROMIUM_PATH,
          extraChromiumArgs: config.CHROMIUM_EXTRA_ARGS,
          ...(config.WHATSAPP_PAIRING_NUMBER ? { pairingNumber: config.WHATSAPP_PAIRING_NUMBER } : {}),
          ...(config.WHATSAPP_STAFF_GROUP ? { staffGroupId: config.WHATSAPP_STAFF_GROUP } : {}),
          handler: app.runner,
          logger: logger.child({ channel: "whatsapp" }),
          onUndelivered: (chatId, message) => app.deferReply("whatsapp", chatId, message),
        }),
    });
  }
  if (
    config.WHATSAPP_CLOUD_TOKEN &&
    config.WHATSAPP_CLOUD_PHONE_NUMBER_ID &&
    config.WHATSAPP_CLOUD_APP_SECRET &&
    config.WHATSAPP_CLOUD_VERIFY_TOKEN
  ) {
    const { startWhatsAppCloud } = await import("../bots/whatsapp-cloud-adapter.js");
    channels.push(
      await startWhatsAppCloud({
        token: config.WHATSAPP_CLOUD_TOKEN,
        phoneNumberId: config.WHATSAPP_CLOUD_PHONE_NUMBER_ID,
        appSecret: config.WHATSAPP_CLOUD_APP_SECRET,
        verifyToken: config.WHATSAPP_CLOUD_VERIFY_TOKEN,
        apiRoot: config.WHATSAPP_CLOUD_API_ROOT,
        webhook: { port: config.WHATSAPP_CLOUD_WEBHOOK_PORT },
        ...(config.WHATSAPP_CLOUD_TEMPLATE_STATUS
          ? { template: { name: config.WHATSAPP_CLOUD_TEMPLATE_STATUS, language: config.WHATSAPP_CLOUD_TEMPLATE_LANG } }
          : {}),
        handler: app.runner,
        logger: logger.child({ channel: "whatsapp-cloud" }),
        onUndelivered: (chatId, message, retryAfterMs) => app.deferReply("whatsapp", chatId, message, retryAfterMs),
        onInbound: (chatId, at) => app.noteInbound("whatsapp", chatId, at),
        onReceipt: (receipt) => app.noteReceipt(receipt),
      }),
    );
  }
  return channels;
}

async function main(): Promise<void> {
  const chatMode = process.argv.includes("--chat");
  const config = loadConfig();
  const channelsConfigured =
    Boolean(config.TELEGRAM_BOT_TOKEN) || config.WHATSAPP_ENABLED || Boolean(config.WHATSAPP_CLOUD_TOKEN);
  const terminal = chatMode || !channelsConfigured;
  // In the terminal chat stdout is the conversation: only warnings go to stderr unless asked otherwise.
  const logger = createLogger(terminal && !process.env.LOG_LEVEL ? "warn" : config.LOG_LEVEL);
  // A fault nobody caught is logged and restarts the channel it came from; the process keeps serving.
  installProcessGuards({ logger, entry: "main", onFault: (error) => routeFault(supervised, error, logger) });
  const app = await createApp({ config, logger });

  let channels: RunningChannel[] = [];
  let dashboard: RunningDashboard | undefined;
  let stopping = false;
  // Loaded only when configured: the endpoint (prom-client) and the dashboard (hono) cost start-up time.
  const startHealth = async (port: number) => {
    const { healthSourcesFor, startHealthServer } = await import("./health-server.js");
    const sources = healthSourcesFor(
      app,
      config,
      () => channels,
      () => stopping,
    );
    return startHealthServer({ host: config.HEALTH_HOST, port, sources, logger }).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
  };
  // Up before the channels: /healthz answers and /readyz says "not started" during a slow WhatsApp login.
  const health = config.HEALTH_PORT ? await startHealth(config.HEALTH_PORT) : undefined;
  const signals = handleSignals({
    logger,
    stop: async () => {
      stopping = true;
      await stopGracefully({
        logger,
        channels: () => channels,
        runner: app.runner,
        dispatcher: app.dispatcher,
        flushMs: config.SHUTDOWN_FLUSH_MS,
        close: async () => {
          await dashboard?.stop().catch((error: unknown) => logger.error({ err: error }, "dashboard stop failed"));
          await app.close();
          await health?.close();
        },
      });
    },
  });

  try {
    channels = await startChannels(app, config, logger);
  } catch (error) {
    await health?.close();
    await app.close();
    throw error;
  }
  // The staff dashboard in the same process when DASHBOARD_PORT is set (npm run dashboard serves it alone).
  if (config.DASHBOARD_PORT !== undefined) dashboard = await (await import("./dashboard.js")).startDashboard(app, config, logger);
  const chat = terminal ? startTerminalChat(app) : undefined;
  if (chat) channels.push(chat);
  for (const channel of channels) app.dispatcher.registerSender(channel.sender);
  logger.info({ ms: Math.round(performance.now() - startedAt), channels: channels.map((c) => c.sender.channel) }, "ready");
  // Outbox delivery and housekeeping start once the channels listen (the outbox only needs the senders).
  app.startBackground();
  if (chat) {
    await chat.finished;
    process.exit(await signals.stop("end of input"));
  }
}

function startTerminalChat(app: App): TerminalChannel {
  const user = argValue("--as") ?? process.env.TERMINAL_USER ?? "warga";
  if (process.stdin.isTTY) {
    process.stdout.write(
      "Obrolan terminal SP4N-LAPOR!. Ketik /start untuk mulai, /bantuan untuk bantuan, Ctrl+D untuk keluar.\n",
    );
  }
  return startTerminal({
    input: process.stdin,
    output: process.stdout,
    handler: app.runner,
    userId: user,
    displayName: user,
    prompt: Boolean(process.stdin.isTTY),
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error instanceof Error && /SetupError$|StartupError$/.test(error.name))) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Gagal memulai: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
