// Citizens ask after their complaint in many ways; a story that only mentions a report stays a story.
import { describe, expect, it } from "vitest";
import { readStatusRequest } from "../../dialogs/status-request.js";

describe("readStatusRequest", () => {
  it.each([
    ["gimana laporan saya kok belum ada kabar?", null],
    ["selamat siang pak, laporan saya sudah sampai mana ya", null],
    ["min mau nanya laporan yg kemarin", null],
    ["laporanku yg kemarin udah diproses belum?", null],
    ["bagaimana perkembangan laporan saya?", null],
    ["kok belum ada kabar", null],
    ["kapan diperbaiki ya?", null],
    ["cek status", null],
    ["Laporan saya belum ditindaklanjuti", null],
    ["punten, kumaha laporan abdi?", null],
    ["cek laporan LPR-7K3M9QXA", "LPR-7K3M9QXA"],
    ["LPR-7K3M9QXA", "LPR-7K3M9QXA"],
    ["status lpr 7k3m9qxa dong", "LPR-7K3M9QXA"],
    ["assalamualaikum, cek status laporan LPR-7K3M9QXA", "LPR-7K3M9QXA"],
    // A mistyped code alone goes to /status too, which says what a code looks like.
    ["LPR-ABC", "LPR-ABC"],
    ["lpr 7k3m9qx", "LPR-7K3M9QX"],
    ["lihat LPR-7K3M9QXA", "LPR-7K3M9QXA"],
  ])("%s", (text, code) => expect(readStatusRequest(text)).toEqual({ code }));

  it.each([
    "laporan saya ke kelurahan seminggu lalu belum ada tanggapan, jalan masih rusak parah sampai sekarang",
    "jalan rusak kapan diperbaiki",
    "Lampu jalan mati, gimana ini pak",
    "bagaimana cara lapor?",
    "kapan jadwal vaksin?",
    "belum ada air sejak kemarin",
    "lapor pak jalan rusak",
    "laporan",
    "halo",
    // A code inside a longer message tells something about that complaint: not a status question.
    "LPR-7K3M9QXA jalannya tambah parah pak sekarang ada lubang baru di depan masjid",
  ])("%s is no status question", (text) => expect(readStatusRequest(text)).toBeNull());
});
