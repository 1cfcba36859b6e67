// Configuration from the environment, validated once at start: a bad value names its variable.
import { z } from "zod";
import { HOLIDAY_ADJUSTMENT } from "../complaints/holidays.js";

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
  // WhatsApp Cloud API (the official Business Platform): setting the token enables this transport.
  WHATSAPP_CLOUD_TOKEN: optionalText,
  WHATSAPP_CLOUD_PHONE_NUMBER_ID: optionalText.refine((v) => v === undefined || /^\d{5,20}$/.test(v), {
    message: "Phone number ID dari Meta (angka), bukan nomor telepon",
  }),
  WHATSAPP_CLOUD_APP_SECRET: optionalText,
  WHATSAPP_CLOUD_VERIFY_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 8, {
    message: "minimal 8 karakter",
  }),
  WHATSAPP_CLOUD_API_ROOT: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^https?:\/\//, "harus berupa URL http(s)")
      .default("https://graph.facebook.com/v21.0"),
  ),
  WHATSAPP_CLOUD_WEBHOOK_PORT: positiveInt(8444),
  WHATSAPP_CLOUD_TEMPLATE_STATUS: optionalText.refine((v) => v === undefined || /^[a-z0-9_]{1,512}$/.test(v), {
    message: "nama template: huruf kecil, angka dan _",
  }),
  WHATSAPP_CLOUD_TEMPLATE_LANG: z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/)
      .default("id"),
  ),
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
    .refine((days) => days.every((d) => HOLIDAY_ADJUSTMENT.test(d)), {
      message: "daftar tanggal YYYY-MM-DD dipisah koma; awali dengan - untuk menghapus hari libur bawaan",
    }),
  SLA_ROUTE_DAYS: positiveInt(3),
  SLA_RESPONSE_DAYS: positiveInt(5),
  SLA_FINISH_DAYS: positiveInt(60),
  REOPEN_DAYS: positiveInt(10),
  RATE_LIMIT_PER_MINUTE: positiveInt(20),
  OUTBOX_POLL_MS: positiveInt(1000),
  SQLITE_BUSY_TIMEOUT_MS: positiveInt(5000),
  // Operations (issue 21): health and metrics endpoint, readiness threshold, graceful stop.
  /** Port of /healthz, /readyz and /metrics; unset or empty keeps the endpoint off. */
  HEALTH_PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(65535).optional()),
  /** 127.0.0.1 by default: metrics are for the operator's scraper, not the internet. */
  HEALTH_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** /readyz reports the outbox as stuck when its oldest due row has waited longer than this. */
  OUTBOX_STUCK_SECONDS: positiveInt(600),
  /** On SIGTERM, how long the outbox may keep delivering before the channels close. */
  SHUTDOWN_FLUSH_MS: positiveInt(5000),
  // Staff dashboard (web/): `npm run dashboard` serves it alone, `npm start` too when DASHBOARD_PORT is set.
  DASHBOARD_PORT: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).max(65535).optional()),
  DASHBOARD_HOST: z.preprocess(blankIsUnset, z.string().min(1).default("127.0.0.1")),
  DASHBOARD_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: "harus berupa URL http(s), mis. https://dasbor.pemda.go.id",
  }),
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
  // Tests only: the process kills itself (SIGKILL) right after committing a message whose text (or
  // pressed button's value) contains this, before the replies are sent: a crash at the worst instant.
  TEST_CRASH_AFTER_COMMIT: optionalText,
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
  if (config.WHATSAPP_CLOUD_TOKEN) {
    const missing = (
      ["WHATSAPP_CLOUD_PHONE_NUMBER_ID", "WHATSAPP_CLOUD_APP_SECRET", "WHATSAPP_CLOUD_VERIFY_TOKEN"] as const
    ).filter((name) => !config[name]);
    if (missing.length > 0) {
      throw new ConfigError(`Konfigurasi tidak valid: ${missing.join(", ")} wajib diisi bila WHATSAPP_CLOUD_TOKEN dipakai.`);
    }
    if (config.WHATSAPP_ENABLED) {
      throw new ConfigError(
        "Konfigurasi tidak valid: pilih satu transport WhatsApp. WHATSAPP_ENABLED=true (whatsapp-web.js) dan " +
          "WHATSAPP_CLOUD_TOKEN (Cloud API resmi) tidak boleh aktif bersamaan; kosongkan salah satunya.",
      );
    }
  }
  return { ...config, DATABASE_URL: config.DATABASE_URL ?? `file:${config.DATA_DIR}/lapor.db` };
}
