// One bot process of the PostgreSQL bench (bench/postgres.ts): opens the app on DATABASE_URL, warms
// up, says "ready", waits for "go" on stdin, then runs the dialog bench with its own citizens and
// prints the result, with the CPU time this process spent on it, as one JSON line, and closes on "stop".
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import pino from "pino";
import { createApp } from "../app/compose.js";
import { loadConfig } from "../app/config.js";
import { benchDialog, COMPLAINT_SCRIPT } from "./dialog.js";

const config = loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: "1000000" });
const app = await createApp({ config, logger: pino({ level: "silent" }) });
const prefix = process.env.BENCH_PREFIX ?? "p";
for (const text of COMPLAINT_SCRIPT)
  await app.runner.handle({
    channel: "terminal",
    chatId: `${prefix}-warm`,
    userId: `${prefix}-warm`,
    messageId: randomUUID(),
    text,
  });
process.stdout.write("ready\n");
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === "go") break;
const cpu = process.cpuUsage();
const result = await benchDialog(app.runner, Number(process.env.BENCH_CITIZENS ?? "200"), "terminal", prefix);
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ...result, cpuMs: (used.user + used.system) / 1000 })}\n`);
// Connections stay open until the bench has read the server's CPU time: a closed backend takes it along.
for await (const line of lines) if (line.trim() === "stop") break;
await app.close();
process.exit(0);
