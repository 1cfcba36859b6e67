// The composition root: config -> database -> nlp -> lifecycle -> runner -> outbox dispatcher.
// Channels are started by main.ts; tests call createApp on a temporary database.
import type { Logger } from "pino";
import { openDatabase, type PrismaClient } from "../db/database.js";
import { pruneProcessed } from "../db/processed-messages.js";
import type { SqlStore } from "../db/sql-store.js";
import { systemClock, type Clock } from "../complaints/clock.js";
import { createLifecycleService, type LifecycleService } from "../complaints/lifecycle-service.js";
import { OutboxDispatcher } from "../complaints/outbox-dispatcher.js";
import { enqueueMessages } from "../complaints/outbox.js";
import type { ChannelName, OutboundMessage } from "../complaints/push-message.js";
import type { SlaPolicy } from "../complaints/sla.js";
import { startWeeklyDigestScheduler, type DigestScheduler } from "../complaints/monev-digest.js";
import { slaPolicy } from "./sla-policy.js";
import { CITIZEN_COMMAND_WORDS, createCitizenCommands } from "../dialogs/citizen-commands.js";
import { ConversationRunner } from "../dialogs/conversation-runner.js";
import { createReportCommand } from "../dialogs/report-command.js";
import { createStaffCommands } from "../dialogs/staff-commands.js";
import { createPendingAnswerHook } from "../dialogs/pending-answer.js";
import { loadAgencyCatalog, type AgencyCatalog } from "../nlp/agency-catalog.js";
import { createAgencyClassifier } from "../nlp/agency-classifier.js";
import { loadModel } from "../nlp/classifier-model.js";
import { localDate, parseIndonesianDate } from "../nlp/indonesian-dates.js";
import { createRegionMatcher } from "../nlp/region-hints.js";
import type { AgencyClassifier } from "../nlp/classification.js";
import { newTrackingCode } from "../complaints/tracking-code.js";
import { randomUUID } from "node:crypto";
import type { AppConfig } from "./config.js";
import { createLearnedRouting, type LearnedRouting } from "./learned-routing.js";

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  clock?: Clock;
}

export interface App {
  prisma: PrismaClient;
  store: SqlStore;
  runner: ConversationRunner;
  dispatcher: OutboxDispatcher;
  lifecycle: LifecycleService;
  catalog: AgencyCatalog;
  classifier: AgencyClassifier;
  /** This pemda's routing examples as the classifier sees them; `refresh()` reads new ones now. */
  learned: LearnedRouting;
  sla: SlaPolicy;
  clock: Clock;
  /** Queues a reply a channel could not deliver, so the outbox keeps retrying it. */
  deferReply(channel: ChannelName, chatId: string, message: OutboundMessage): Promise<void>;
  /** Starts the outbox loop and daily housekeeping (not used by tests that drain by hand). */
  startBackground(): void;
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const database = await openDatabase(config.DATABASE_URL, { busyTimeoutMs: config.SQLITE_BUSY_TIMEOUT_MS });
  const prisma = database.prisma;
  const catalog = loadAgencyCatalog(config.AGENCIES_FILE);
  // Learned routing examples of this database, read before the first message is classified.
  const model = loadModel().model;
  const learned = createLearnedRouting(
    prisma,
    catalog.agencies.map((agency) => agency.code),
    model.counts,
  );
  learned.prime(database.store);
  const classifier = createAgencyClassifier(catalog, {
    threshold: config.CLASSIFIER_THRESHOLD,
    model,
    learned: learned.model,
  });
  const regions = createRegionMatcher(config.REGION_CODE);
  const sla = slaPolicy(config);
  const agencyName = (code: string) => catalog.byCode(code)?.name;
  const agencyCodes = () => catalog.agencies.map((agency) => agency.code);
  const lifecycle = createLifecycleService({ clock, sla, agencyName, agencyCodes });
  const dispatcher = new OutboxDispatcher(prisma, clock, logger.child({ part: "outbox" }));

  const runner = new ConversationRunner({
    prisma,
    store: database.store,
    clock,
    logger: logger.child({ part: "runner" }),
    sla,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    unlimitedChannels: new Set(["terminal"]),
    staffCommands: [createReportCommand({ sla, agencyName }), createStaffCommands({ lifecycle, agencyName, agencyCodes })],
    citizenCommands: [createCitizenCommands({ lifecycle })],
    citizenCommandWords: CITIZEN_COMMAND_WORDS,
    menuTextHook: createPendingAnswerHook(lifecycle),
    readers: {
      classify: (text) => classifier.classify(text),
      regionHint: (text) => regions.find(text)[0]?.label,
      parseDate: (text) => parseIndonesianDate(text, localDate(clock(), config.UTC_OFFSET_HOURS)),
      agencyCode: (text) => catalog.byName(text)?.code,
      names: agencyName,
      newForm: () => ({ submissionId: randomUUID(), trackingCode: newTrackingCode() }),
      newId: () => randomUUID(),
    },
    onCommitted: () => {
      dispatcher.nudge();
      // A staff decision in this step may have added an example: the next complaint already uses it.
      void learned.refresh().catch((error: unknown) => logger.error({ err: error }, "reading routing examples failed"));
    },
  });

  const timers: NodeJS.Timeout[] = [];
  let digest: DigestScheduler | undefined;
  return {
    prisma,
    store: database.store,
    runner,
    dispatcher,
    lifecycle,
    catalog,
    classifier,
    learned,
    sla,
    clock,
    async deferReply(channel, chatId, message) {
      // In a transaction: on the shared connection a bare write could join another chat's open transaction.
      await prisma.$transaction((tx) => enqueueMessages(tx, [{ channel, chatId, message }], clock()));
      dispatcher.nudge();
    },
    startBackground() {
      dispatcher.start(config.OUTBOX_POLL_MS);
      learned.start(undefined, (error) => logger.error({ err: error }, "reading routing examples failed"));
      const daily = setInterval(() => {
        void (async () => {
          // Transactions, not bare writes: on the shared connection a bare write could join a chat's open one.
          await prisma.$transaction((tx) => pruneProcessed(tx, new Date(clock().getTime() - 7 * 86_400_000)));
          await prisma.$transaction((tx) => lifecycle.enqueueOverdueReminders(tx));
          dispatcher.nudge();
        })().catch((error: unknown) => logger.error({ err: error }, "daily housekeeping failed"));
      }, 24 * 3_600_000);
      daily.unref();
      timers.push(daily);
      digest = startWeeklyDigestScheduler({
        prisma,
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
      learned.stop();
      digest?.stop();
      await runner.stop();
      await dispatcher.stop();
      await database.close();
    },
  };
}
