// A question about this chat itself, as citizens ask it before telling anything.
import { describe, expect, it } from "vitest";
import { asksAboutService } from "../../nlp/service-question.js";

describe("asksAboutService", () => {
  it.each([
    "ini bener layanan pengaduan ya?",
    "apakah ini nomor pengaduan pemkot?",
    "bisa lapor disini gak?",
    "ini bot ya?",
    "halo ada orang?",
    "Ada admin??",
    "ini akun resmi pemda bukan",
  ])("reads %s as a question about the service", (text) => expect(asksAboutService(text)).toBe(true));

  it.each([
    "mau lapor",
    "min mau ngadu",
    "nomor KK saya salah",
    "ini gimana ya",
    "Pak, saya mau tanya. Apakah ini nomor pengaduan? Jalan di depan rumah saya sudah rusak berbulan-bulan",
  ])("does not read %s as one", (text) => expect(asksAboutService(text)).toBe(false));
});
