import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followUpChartSpec, renderFollowUpChart } from "../../complaints/monev-chart.js";
import { computeMonev, figuresFromComplaints } from "../../complaints/monev-figures.js";
import { createMonevDatabase, JANUARY, NOW, pngSize, SLA, type MonevDatabase } from "./monev-fixture.js";

let fixture: MonevDatabase;

beforeAll(async () => {
  fixture = await createMonevDatabase();
});

afterAll(async () => {
  await fixture.close();
});

describe("follow-up chart", () => {
  it("draws one bar per agency with its follow-up share and a line at the total", async () => {
    const figures = await computeMonev(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    const spec = followUpChartSpec(figures, { title: "Judul", subtitle: "Sub" });
    const data = Object.fromEntries((spec.data ?? []).map((d) => [d.name, "values" in d ? d.values : undefined]));
    expect(data.bars).toEqual([
      { agency: "DLH", percent: 100 / 3, label: "33% (1/3)" },
      { agency: "DPUPR", percent: 75, label: "75% (3/4)" },
      { agency: "KOORDINATOR", percent: 0, label: "0% (0/3)" },
    ]);
    expect(data.total).toEqual([{ percent: 40, label: "Total 40%" }]);
    expect(data.empty).toEqual([]);
  });

  it("renders a PNG of plausible size, with more rows making a taller picture", async () => {
    const figures = await computeMonev(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    const png = await renderFollowUpChart(figures, { title: "Persentase tindak lanjut", subtitle: "Januari 2026" });
    const size = pngSize(png);
    expect(size.width).toBeGreaterThan(1000);
    expect(size.width).toBeLessThan(2000);
    expect(png.length).toBeGreaterThan(10_000);
    expect(png.length).toBeLessThan(1_000_000);

    const one = figuresFromComplaints([], { ...JANUARY, now: NOW, agency: "DPUPR" });
    const small = pngSize(await renderFollowUpChart(one, { title: "Satu", subtitle: "" }));
    expect(small.height).toBeLessThan(size.height);
  });

  it("says so when the period has no complaints", async () => {
    const empty = figuresFromComplaints([], { ...JANUARY, now: NOW });
    const spec = followUpChartSpec(empty, { title: "Kosong", subtitle: "" });
    const emptyData = spec.data?.find((d) => d.name === "empty");
    expect(emptyData && "values" in emptyData ? emptyData.values : null).toEqual([
      { text: "Tidak ada laporan pada periode ini" },
    ]);
    pngSize(await renderFollowUpChart(empty, { title: "Kosong", subtitle: "" }));
  });
});
