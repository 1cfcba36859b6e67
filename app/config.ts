// Configuration from the environment, validated once at start: a bad value names its variable.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .default("false")
  .transform((value) => value === "true" || value === "1" || value === "yes");

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

/** An empty value in .env means "use the default", never 0. */
const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const positiveInt = (fallback: number) => z.preprocess(blankIsUnset, z.coerce.number().int().positive().default(fallback));

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

const schema = z.object({
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TELEGRAM_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^\d+:[\w-]+$/.test(v), {
    message: "harus berbentuk 123456:ABC-xyz (token dari BotFather)",
  }),
  TELEGRAM_API_ROOT: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: "harus berupa URL http(s)",
  }),
  TELEGRAM_WEBHOOK_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: "harus berupa URL http(s)",
  }),
  TELEGRAM_WEBHOOK_SECRET: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{16,256}$/.test(v), {
    message: "16-256 karakter A-Z, a-z, 0-9, _ atau -",
  }),
  TELEGRAM_WEBHOOK_PORT: positiveInt(8443),
  WHATSAPP_ENABLED: bool,
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  WHATSAPP_PAIRING_NUMBER: optionalText.refine((v) => v === undefined || /^\d{8,15}$/.test(v), {
    message: "nomor internasional tanpa + atau spasi, mis. 6281234567890",
  }),
  WHATSAPP_STAFF_GROUP: optionalText,
  AGENCIES_FILE: optionalText,
  REGION_CODE: optionalText.refine((v) => v === undefined || /^\d{2}(\.?\d{2})*$/.test(v), {
    message: "kode wilayah Kemendagri, mis. 32 atau 3273",
  }),
  CLASSIFIER_THRESHOLD: z.preprocess(blankIsUnset, z.coerce.number().min(0).max(1).default(0.45)),
  UTC_OFFSET_HOURS: z.preprocess(blankIsUnset, z.coerce.number().int().min(7).max(9).default(7)),
  HOLIDAYS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((d) => d.trim())
        .filter(Boolean),
    )
    .refine((days) => days.every((d) => isoDate.test(d)), { message: "daftar tanggal YYYY-MM-DD dipisah koma" }),
  SLA_ROUTE_DAYS: positiveInt(3),
  SLA_RESPONSE_DAYS: positiveInt(5),
  SLA_FINISH_DAYS: positiveInt(60),
  REOPEN_DAYS: positiveInt(10),
  RATE_LIMIT_PER_MINUTE: positiveInt(20),
  OUTBOX_POLL_MS: positiveInt(1000),
  SQLITE_BUSY_TIMEOUT_MS: positiveInt(5000),
  // Telegram group whose members may use the bot there (staff); other groups are asked to chat privately.
  TELEGRAM_STAFF_GROUP: optionalText.refine((v) => v === undefined || /^-\d+$/.test(v), {
    message: "id grup Telegram, mis. -1001234567890",
  }),
  // WhatsApp Web's browser (issue 17): more Chromium flags, space-separated, e.g. --proxy-server=http://proxy:3128
  // where the server reaches the internet only through a proxy.
  CHROMIUM_EXTRA_ARGS: z
    .string()
    .default("")
    .transform((value) => value.split(/\s+/).filter(Boolean))
    .refine((args) => args.every((arg) => arg.startsWith("--")), {
      message: "flag Chromium dipisah spasi, mis. --proxy-server=http://proxy:3128",
    }),
});

export type AppConfig = z.infer<typeof schema> & { DATABASE_URL: string };

/** A configuration problem the operator must fix: printed without a stack trace. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Konfigurasi tidak valid (periksa .env):\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  if (config.TELEGRAM_WEBHOOK_URL && !config.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError("Konfigurasi tidak valid: TELEGRAM_WEBHOOK_SECRET wajib diisi bila TELEGRAM_WEBHOOK_URL dipakai.");
  }
  return { ...config, DATABASE_URL: config.DATABASE_URL ?? `file:${config.DATA_DIR}/lapor.db` };
}
