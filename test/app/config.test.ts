import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config.js";

describe("configuration", () => {
  it("uses defaults for unset and empty values", () => {
    const config = loadConfig({ CLASSIFIER_THRESHOLD: "", RATE_LIMIT_PER_MINUTE: " " });
    expect(config.CLASSIFIER_THRESHOLD).toBe(0.45);
    expect(config.RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(config.DATABASE_URL).toBe("file:./data/lapor.db");
    expect(config.WHATSAPP_ENABLED).toBe(false);
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "not-a-token" })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => loadConfig({ HOLIDAYS: "2026-12-25,25/12/2026" })).toThrow(/HOLIDAYS/);
    expect(() => loadConfig({ UTC_OFFSET_HOURS: "5" })).toThrow(ConfigError);
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_URL: "https://x.go.id/tg" })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it("reads lists and switches", () => {
    const config = loadConfig({ HOLIDAYS: "2026-12-25, 2027-01-01", WHATSAPP_ENABLED: "true" });
    expect(config.HOLIDAYS).toEqual(["2026-12-25", "2027-01-01"]);
    expect(config.WHATSAPP_ENABLED).toBe(true);
  });
});
