import { describe, expect, it } from "vitest";
import { answerHint, LOCATION_HELP, renderText, renderWhatsApp } from "../../bots/whatsapp-render.js";

const file = (name: string) => ({ data: Buffer.from(name), fileName: name, mimeType: "application/pdf" });

describe("answerHint", () => {
  it("names every number for short lists and a range for long ones", () => {
    expect(answerHint(1)).toBe("Balas 1.");
    expect(answerHint(2)).toBe("Balas 1 atau 2.");
    expect(answerHint(3)).toBe("Balas 1, 2 atau 3.");
    expect(answerHint(4)).toBe("Balas 1, 2, 3 atau 4.");
    expect(answerHint(7)).toBe("Balas dengan angka 1-7.");
  });
});

describe("renderText", () => {
  it("numbers the options under the question and ends with what to answer", () => {
    const text = renderText({
      text: "Laporan ini bersifat apa?",
      options: [
        { value: "public", label: "Biasa" },
        { value: "confidential", label: "Rahasia" },
        { value: "anonymous", label: "Anonim" },
      ],
    });
    expect(text).toBe("Laporan ini bersifat apa?\n\n1. Biasa\n2. Rahasia\n3. Anonim\n\nBalas 1, 2 atau 3.");
  });

  it("explains how to share a location in WhatsApp when a location is asked for", () => {
    const text = renderText({ text: "Di mana lokasinya?", requestLocation: true });
    expect(text).toBe(`Di mana lokasinya?\n\n${LOCATION_HELP}`);
    expect(LOCATION_HELP).toMatch(/Lampirkan/);
    expect(LOCATION_HELP).toMatch(/Lokasi/);
  });

  it("leaves a plain message as it is", () => {
    expect(renderText({ text: "Terima kasih." })).toBe("Terima kasih.");
  });
});

describe("renderWhatsApp", () => {
  it("sends a photo with the text as caption, then the documents as files", () => {
    const photo = { data: Buffer.from("jpg"), fileName: "bukti.jpg", mimeType: "image/jpeg" };
    const parts = renderWhatsApp({ text: "Foto laporan", photo, documents: [file("a.pdf"), file("b.pdf")] });
    expect(parts).toEqual([
      { kind: "media", file: photo, asDocument: false, caption: "Foto laporan" },
      { kind: "media", file: file("a.pdf"), asDocument: true },
      { kind: "media", file: file("b.pdf"), asDocument: true },
    ]);
  });

  it("sends a long text separately from its photo", () => {
    const photo = { data: Buffer.from("jpg"), fileName: "bukti.jpg", mimeType: "image/jpeg" };
    const text = "panjang ".repeat(200).trim();
    expect(renderWhatsApp({ text, photo })).toEqual([
      { kind: "media", file: photo, asDocument: false },
      { kind: "text", text },
    ]);
  });

  it("sends text with documents as a text followed by the files", () => {
    expect(renderWhatsApp({ text: "Rekap", documents: [file("r.csv")] })).toEqual([
      { kind: "text", text: "Rekap" },
      { kind: "media", file: file("r.csv"), asDocument: true },
    ]);
  });
});
