import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findTrackingCode, newTrackingCode, parseTrackingCode } from "../../complaints/tracking-code.js";

describe("tracking codes", () => {
  it("are LPR- plus 8 Crockford base32 characters and differ every time", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => newTrackingCode()));
    expect(codes.size).toBe(5000);
    for (const code of codes) expect(code).toMatch(/^LPR-[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it("read back whatever way a person types them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const code = newTrackingCode((size) => Buffer.from(Array.from({ length: size }, (_, i) => (seed >> i) & 255)));
        const body = code.slice(4);
        expect(parseTrackingCode(code.toLowerCase())).toBe(code);
        expect(parseTrackingCode(body)).toBe(code);
        expect(parseTrackingCode(`lpr ${body.slice(0, 4)} ${body.slice(4)}`)).toBe(code);
      }),
    );
    expect(parseTrackingCode("LPR-0OIL1234")).toBe("LPR-00111234");
    expect(parseTrackingCode("LPR-UUUUUUUU")).toBeNull();
    expect(parseTrackingCode("LPR-123")).toBeNull();
    expect(findTrackingCode("cek laporan saya lpr-7k3m9q2x ya")).toBe("LPR-7K3M9Q2X");
  });
});
