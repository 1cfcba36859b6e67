import { describe, expect, it } from "vitest";
import { graphemeLength, hasARealWord, hasRealWords, truncateGraphemes, visibleLength } from "../../nlp/text-quality.js";

describe("text quality", () => {
  it("counts what a person sees", () => {
    expect(visibleLength("👍🏽👨‍👩‍👧")).toBe(2);
    expect(visibleLength("a\u200b b")).toBe(2);
    expect(graphemeLength("👍🏽 a")).toBe(3);
    expect(graphemeLength(truncateGraphemes("🙏".repeat(5000), 4000))).toBe(4000);
  });

  it.each([
    ["💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏💩🔥🙏", false],
    ["..........................", false],
    ["aaaaaaaaaaaaaaaaaaaaaaaaaa", false],
    ["wkwkwkwk hahahaha wkwkwk", false],
    ["Jalan rusak parah di depan SD", true],
    ["lampu mati", true],
  ])("real words in %s: %s", (text, expected) => expect(hasRealWords(text)).toBe(expected));

  it.each([
    ["sampah", true],
    ["Sampah!!", true],
    ["💩🔥🙏", false],
    ["aaaaaaa", false],
    ["wkwkwk", false],
  ])("a first real word in %s: %s", (text, expected) => expect(hasARealWord(text)).toBe(expected));
});
