// Prometheus metrics (prom-client) for /metrics. The runner and the outbox dispatcher know nothing of
// prom-client: they call small observer callbacks, wired in compose.ts, and the outbox gauges are read
// from the database when scraped. One registry per app, so tests can build several apps side by side.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { OutboxBacklog } from "../db/health.js";
import type { RunnerObserver, StepObservation } from "../dialogs/conversation-runner.js";
import type { DeliveryOutcome } from "../complaints/outbox-dispatcher.js";

export interface AppMetrics extends RunnerObserver {
  readonly registry: Registry;
  outboxDelivery(channel: string, outcome: DeliveryOutcome): void;
  /** A channel reconnected (WhatsApp after `disconnected`, Telegram polling after failures, a supervisor's restart). */
  channelReconnected(channel: string): void;
  /** Process metrics (CPU, memory, event-loop lag): only when the endpoint is on. */
  collectProcessMetrics(): void;
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsSources {
  outbox: () => Promise<OutboxBacklog>;
}

// Steps take about a millisecond on the fast path; commands and busy retries take longer.
const STEP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: MetricsSources): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[]) => new Counter({ name, help, labelNames, registers });
  const received = counter("lapor_messages_received_total", "Inbound messages handed to the runner, per channel", ["channel"]);
  const replies = counter(
    "lapor_messages_sent_total",
    "Outbound messages per channel: replies of a step (kind=reply) and outbox deliveries (kind=push)",
    ["channel", "kind"],
  );
  const steps = new Histogram({
    name: "lapor_step_duration_seconds",
    help: "Time to handle one inbound message (queue wait excluded), per channel and result",
    labelNames: ["channel", "result"],
    buckets: STEP_BUCKETS,
    registers,
  });
  const filed = counter("lapor_complaints_filed_total", "Complaints filed through a chat, per channel", ["channel"]);
  const deliveries = counter(
    "lapor_outbox_deliveries_total",
    "Outbox delivery attempts per channel and outcome (sent, retry, failed)",
    ["channel", "outcome"],
  );
  const reconnects = counter("lapor_channel_reconnects_total", "Times a channel reconnected after losing its connection", [
    "channel",
  ]);
  let backlog: Promise<OutboxBacklog> | undefined;
  // The three outbox gauges share one query per scrape.
  const readBacklog = () => (backlog ??= sources.outbox().finally(() => setTimeout(() => (backlog = undefined), 0)));
  new Gauge({
    name: "lapor_outbox_messages",
    help: "Outbox rows by status: pending (waiting for delivery) and failed (given up)",
    labelNames: ["status"],
    registers,
    async collect() {
      // A database that does not answer is /readyz's to report; /metrics keeps the last values.
      const now = await readBacklog().catch(() => undefined);
      if (!now) return;
      this.set({ status: "pending" }, now.pending);
      this.set({ status: "failed" }, now.failed);
    },
  });
  new Gauge({
    name: "lapor_outbox_oldest_pending_seconds",
    help: "Age of the oldest pending outbox row of a running channel (0 when none waits)",
    registers,
    async collect() {
      const now = await readBacklog().catch(() => undefined);
      if (now) this.set(now.oldestPendingSeconds);
    },
  });
  let processMetrics = false;

  return {
    registry,
    contentType: registry.contentType,
    received: (channel) => received.inc({ channel }),
    stepped(step: StepObservation) {
      steps.observe({ channel: step.channel, result: step.failed ? "error" : "ok" }, step.seconds);
      if (step.replies > 0) replies.inc({ channel: step.channel, kind: "reply" }, step.replies);
      if (step.filed) filed.inc({ channel: step.channel });
    },
    outboxDelivery(channel, outcome) {
      deliveries.inc({ channel, outcome });
      if (outcome === "sent") replies.inc({ channel, kind: "push" });
    },
    channelReconnected: (channel) => reconnects.inc({ channel }),
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
    render: () => registry.metrics(),
  };
}
