// The place a story names, in the citizen's own words.
import { describe, expect, it } from "vitest";
import { extractLocation } from "../../nlp/extract-location.js";

describe("extractLocation", () => {
  it.each([
    [
      "Selamat pagi pak, lampu jalan di Jl. Kenanga RT 03 RW 02 Kel. Sukamaju mati sejak 3 hari lalu",
      "Jl. Kenanga RT 03 RW 02 Kel. Sukamaju",
    ],
    ["Jalan di depan SDN 3 berlubang besar sejak dua minggu", "depan SDN 3"],
    ["sampah numpuk di pasar kliwon udah seminggu gak diangkut", "pasar kliwon"],
    ["sampah di tps pasar baru kemaren numpuk", "tps pasar baru"],
    ["air pdam mati 3 hari di perumahan griya asri blok c", "perumahan griya asri blok c"],
    ["di gang mawar rt 5 rw 2 kelurahan sukajadi banyak nyamuk", "gang mawar rt 5 rw 2 kelurahan sukajadi"],
    ["lampu pju mati di depan masjid al ikhlas", "depan masjid al ikhlas"],
    ["Jalan Merdeka No. 5 rusak", "Jalan Merdeka No. 5"],
    ["banjir di Cibaduyut tiap hujan", "Cibaduyut"],
    ["Pohon tumbang di jalan raya Cibaduyut dekat Alfamart", "jalan raya Cibaduyut dekat Alfamart"],
    ["Jalanan di RT 04 RW 07 Desa Sukamulya Kec. Cileunyi rusak", "RT 04 RW 07 Desa Sukamulya Kec. Cileunyi"],
    ["pohon gede tumbang nutup jalan di jl. melati no 6 dari subuh", "jl. melati no 6"],
    ["Gg. Pemuda banjir terus tiap ujan", "Gg. Pemuda"],
    ["punten, jalan di payun SDN 6 Cibiru bolong ageung", "payun SDN 6 Cibiru"],
    ["sampah numpuk ning ngarep pasar legi wis seminggu", "ngarep pasar legi"],
    ["lampu pju caket masjid agung pareum", "caket masjid agung"],
    // A kind of school is no place; a school with a number or a name is, and chat particles end a name.
    ["anak sy di SMPN 4 dimintain uang 500rb, pdhl sekolah negeri kan gratis ya", "SMPN 4"],
    ["di sekolah negeri 2 cibiru ada pungli", "sekolah negeri 2 cibiru"],
    ["sekolah Harapan Bangsa minta uang gedung", "sekolah Harapan Bangsa"],
    ["jl. cempaka no 12 deket masjid al ikhlas", "jl. cempaka no 12 deket masjid al ikhlas"],
    ["jalan di depan rumah sy rusak bgt, bolong2", "depan rumah"],
    // A compass word after a name belongs to it; a landmark opening a sentence is what the story is about.
    ["Kak, puskesmas kec. cikarang barat pelayanannya lama bgt, antri dari jam 7", "puskesmas kec. cikarang barat"],
    ["Puskesmas cikarang barat petugasnya main hp terus", "Puskesmas cikarang barat"],
    // Jakarta-style verbs and Sundanese words end a place.
    ["tadi pagi ada pohon tumbang di jl raya bogor km 32 nutupin jalan", "jl raya bogor km 32"],
    ["jalan di kp. cibogo rt 02/05 desa sukamanah loba lubang", "kp. cibogo rt 02/05 desa sukamanah"],
    // Street names that only look like verbs, and a street with a house number at the start of a story.
    ["ya di jalan melati no 4 kel sukasari", "jalan melati no 4 kel sukasari"],
    ["di jalan pemuda banyak lubang", "jalan pemuda"],
    ["jalan merdeka no 5 rusak parah", "jalan merdeka no 5"],
    // Titles in street names, and a compass word inside the name.
    ["got mampet di gg. h. naim rt 06 rw 03 kel. cipete utara", "gg. h. naim rt 06 rw 03 kel. cipete utara"],
    ["pju di Jl. KH. Ahmad Dahlan no 5 mati", "Jl. KH. Ahmad Dahlan no 5"],
    ["jl. Ir. H. Juanda no 3 macet tiap sore", "jl. Ir. H. Juanda no 3"],
    // Block codes with a letter and a number.
    ["asapnya masuk rumah. Rumah di Perum Citra Indah blok F3", "Perum Citra Indah blok F3"],
    ["Alamat di Perum Bumi Asri Blok D2 No 7", "Perum Bumi Asri Blok D2 No 7"],
  ])("%s", (text, expected) => expect(extractLocation(text)).toBe(expected));

  it.each([
    "jalan rusak parah",
    "KTP saya belum jadi sudah 3 bulan",
    "Mohon dibangun taman bermain untuk anak-anak",
    "kan sudah saya tulis di atas pak",
    "antrian no 5 lama sekali",
    "oknum kelurahan meminta uang 500 ribu buat surat pindah",
    "tukang parkir liar minta 5 ribu",
    "katanya sekolah negeri itu gratis kan",
    "Sekolah anak saya minta uang seragam",
    "Pasar kotor banget, sampah dimana-mana",
    "rumah di sebelah barat",
    "di jalan dipenuhi sampah",
  ])("finds no place in %s", (text) => expect(extractLocation(text)).toBeUndefined());
});
