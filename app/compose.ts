// The composition root: config -> database -> nlp -> lifecycle -> runner -> outbox dispatcher.
// Channels are started by main.ts; tests call createApp on a temporary database.
import type { Logger } from "pino";
import { openDatabase, type OpenedDatabase } from "../db/database.js";
import { pruneProcessed } from "../db/processed-messages.js";
import type { Transactions } from "../db/transactions.js";
import { systemClock, type Clock } from "../complaints/clock.js";
import { createLifecycleService, type LifecycleService } from "../complaints/lifecycle-service.js";
import { OutboxDispatcher } from "../complaints/outbox-dispatcher.js";
import { enqueueMessages } from "../complaints/outbox.js";
import { pruneDashboardAccess } from "../complaints/dashboard-access.js";
import { recordDeliveryReceipt, recordInbound, type DeliveryReceipt } from "../complaints/outbox-delivery.js";
import type { ChannelName, OutboundMessage } from "../complaints/push-message.js";
import type { SlaPolicy } from "../complaints/sla.js";
import { startWeeklyDigestScheduler, type DigestScheduler } from "../complaints/monev-digest.js";
import { slaPolicy } from "./sla-policy.js";
import { createCitizenCommands } from "../dialogs/citizen-commands.js";
import { ConversationRunner } from "../dialogs/conversation-runner.js";
import type { InboundMessage } from "../dialogs/inbound-message.js";
import { createReportCommand } from "../dialogs/report-command.js";
import { createStaffCommands } from "../dialogs/staff-commands.js";
import { createCitizenReplies } from "../dialogs/pending-answer.js";
import { loadAgencyCatalog, type AgencyCatalog } from "../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../nlp/agency-classifier.js";
import { loadModel } from "../nlp/classifier-model.js";
import { findIndonesianDate, localDate, parseIndonesianDate } from "../nlp/indonesian-dates.js";
import { createRegionMatcher } from "../nlp/region-hints.js";
import type { AgencyClassifier } from "../nlp/classification.js";
import { newTrackingCode } from "../complaints/tracking-code.js";
import { randomUUID } from "node:crypto";
import type { AppConfig } from "./config.js";
import { createMetrics, type AppMetrics } from "./metrics.js";
import { outboxBacklog } from "../db/health.js";
import { dashboardBaseUrl } from "./dashboard-url.js";
import { createLearnedRouting, type LearnedRouting } from "./learned-routing.js";

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  clock?: Clock;
}

export interface App {
  /** The engine behind DATABASE_URL (SQLite's file and store: health, backups, the bench). */
  database: OpenedDatabase;
  /** Every unit of work of the bot goes through `transactions.run(work)` (db/transactions.ts). */
  transactions: Transactions;
  runner: ConversationRunner;
  dispatcher: OutboxDispatcher;
  lifecycle: LifecycleService;
  catalog: AgencyCatalog;
  classifier: AgencyClassifier;
  /** This pemda's routing examples as the classifier sees them; `refresh()` reads new ones now. */
  learned: LearnedRouting;
  sla: SlaPolicy;
  clock: Clock;
  /** Counters and gauges for /metrics (app/metrics.ts). */
  metrics: AppMetrics;
  /** Queues a reply a channel could not deliver, so the outbox keeps retrying it. */
  deferReply(channel: ChannelName, chatId: string, message: OutboundMessage, retryAfterMs?: number): Promise<void>;
  /** Someone wrote on a channel with a service window: remembers when, and releases pushes held for them. */
  noteInbound(channel: ChannelName, chatId: string, at: Date): Promise<void>;
  /** A platform delivery receipt (sent, delivered, read, failed) for a message the outbox sent. */
  noteReceipt(receipt: DeliveryReceipt): Promise<void>;
  /** Starts the outbox loop and daily housekeeping (not used by tests that drain by hand). */
  startBackground(): void;
  close(): Promise<void>;
}

/** The test hook of TEST_CRASH_AFTER_COMMIT: dies between a step's commit and its replies. */
function crashAfterCommit(marker: string): (message: InboundMessage) => void {
  return (message) => {
    if ((message.text ?? message.choice?.value ?? "").includes(marker)) process.kill(process.pid, "SIGKILL");
  };
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const database = await openDatabase(config.DATABASE_URL, {
    busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS,
    onPoolError: (error) => logger.warn({ err: error }, "database connection lost; the pool opens a new one"),
  });
  // The one way to the database for every unit of work: steps, commands, outbox, housekeeping.
  const transactions = database.transactions;
  const catalog = loadAgencyCatalog(config.AGENCIES_FILE);
  // Learned routing examples of this database, read before the first message is classified.
  const model = loadModel().model;
  const learned = createLearnedRouting(
    transactions,
    catalog.agencies.map((agency) => agency.code),
    model.counts,
  );
  if (database.engine === "sqlite") learned.prime(database.store);
  else await learned.refresh();
  // The scorer (keyword index and compiled model, ~40 ms) is built right after "ready" (startBackground)
  // or by the first classification, whichever comes first: answering a greeting does not need it.
  let scorer: AgencyClassifier | undefined;
  const buildClassifier = () =>
    (scorer ??= createAgencyClassifier(catalog, { threshold: config.CLASSIFIER_THRESHOLD, model, learned: learned.model }));
  const classifier: AgencyClassifier = { classify: (text) => buildClassifier().classify(text) };
  const regions = createRegionMatcher(config.REGION_CODE);
  const sla = slaPolicy(config);
  const agencyName = (code: string) => catalog.byCode(code)?.name;
  const agencyCodes = () => catalog.agencies.map((agency) => agency.code);
  const lifecycle = createLifecycleService({ clock, sla, agencyName, agencyCodes });
  const metrics = createMetrics({ outbox: () => transactions.run(({ db }) => outboxBacklog(db, dispatcher.channels, clock())) });
  const dispatcher = new OutboxDispatcher(transactions, clock, logger.child({ part: "outbox" }), (channel, outcome) =>
    metrics.outboxDelivery(channel, outcome),
  );

  const runner = new ConversationRunner({
    transactions,
    clock,
    logger: logger.child({ part: "runner" }),
    sla,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    unlimitedChannels: new Set(["terminal"]),
    staffCommands: [
      createReportCommand({ sla, agencyName }),
      createStaffCommands({
        lifecycle,
        agencyName,
        agencyCodes,
        agencyByName: (text) => catalog.byName(text)?.code,
        dashboardUrl: dashboardBaseUrl(config),
      }),
    ],
    citizenCommands: [createCitizenCommands({ lifecycle })],
    citizenReplies: createCitizenReplies(lifecycle),
    readers: {
      classify: (text) => classifier.classify(text),
      regionHint: (text) => regions.find(text)[0]?.label,
      parseDate: (text) => parseIndonesianDate(text, localDate(clock(), config.UTC_OFFSET_HOURS)),
      findDate: (text) => findIndonesianDate(text, localDate(clock(), config.UTC_OFFSET_HOURS))?.date,
      agencyCode: (text) => catalog.byName(text)?.code,
      names: agencyName,
      newForm: () => ({ submissionId: randomUUID(), trackingCode: newTrackingCode() }),
      newId: () => randomUUID(),
    },
    onCommitted: ({ filed }) => {
      dispatcher.nudge();
      // A filing never teaches routing (the citizen's choice is no label): only a command's commit can
      // have added an example, and the next complaint already uses it. Keeps a read off the filing path.
      if (filed) return;
      void learned.refresh().catch((error: unknown) => logger.error({ err: error }, "reading routing examples failed"));
    },
    observer: metrics,
    ...(config.TEST_CRASH_AFTER_COMMIT ? { afterCommit: crashAfterCommit(config.TEST_CRASH_AFTER_COMMIT) } : {}),
  });

  const timers: NodeJS.Timeout[] = [];
  let digest: DigestScheduler | undefined;
  return {
    database,
    transactions,
    runner,
    dispatcher,
    lifecycle,
    catalog,
    classifier,
    learned,
    sla,
    clock,
    metrics,
    async deferReply(channel, chatId, message, retryAfterMs = 0) {
      // A platform that said "wait" (rate limit) is asked again after that wait, not at once.
      const due = new Date(clock().getTime() + retryAfterMs);
      await transactions.run(({ db }) => enqueueMessages(db, [{ channel, chatId, message }], due));
      dispatcher.nudge();
    },
    async noteInbound(channel, chatId, at) {
      const released = await transactions.run(({ db }) => recordInbound(db, channel, chatId, at));
      if (released > 0) dispatcher.nudge();
    },
    async noteReceipt(receipt) {
      // A receipt can overtake the dispatcher recording the message id it belongs to (Meta answers the
      // send and posts "sent" at once): look again shortly rather than lose it.
      for (const waitMs of [0, 500, 2000, 5000]) {
        if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
        // Receipts of one message one at a time (several processes may get them): a state never moves back.
        const outcome = await transactions.run(({ db }) => recordDeliveryReceipt(db, receipt), {
          lockKey: `receipt:${receipt.channel}:${receipt.platformMessageId}`,
        });
        if (outcome === "resend") dispatcher.nudge();
        if (outcome !== "unknown") return;
      }
    },
    startBackground() {
      setImmediate(buildClassifier);
      dispatcher.start(config.OUTBOX_POLL_MS);
      learned.start(undefined, (error) => logger.error({ err: error }, "reading routing examples failed"));
      const daily = setInterval(() => {
        void (async () => {
          await transactions.run(({ db }) => pruneProcessed(db, new Date(clock().getTime() - 7 * 86_400_000)));
          // One process at a time (several may share PostgreSQL): the reminders are checked, then written.
          await transactions.run(({ db }) => lifecycle.enqueueOverdueReminders(db), { lockKey: "overdue-reminders" });
          await transactions.run(({ db }) => pruneDashboardAccess(db, clock()));
          dispatcher.nudge();
        })().catch((error: unknown) => logger.error({ err: error }, "daily housekeeping failed"));
      }, 24 * 3_600_000);
      daily.unref();
      timers.push(daily);
      digest = startWeeklyDigestScheduler({
        transactions,
        clock,
        sla,
        agencyName,
        onError: (error) => logger.error({ err: error }, "weekly digest failed"),
        onSent: () => dispatcher.nudge(),
      });
      void digest.tick();
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await runner.stop();
      // In-flight reads and checks hold connections: the database closes after them.
      await learned.stop();
      await digest?.stop();
      await dispatcher.stop();
      await database.close();
    },
  };
}
