import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followUpChartSpec, renderFollowUpChart } from "../../complaints/monev-chart.js";
import { computeMonev, figuresFromComplaints, type MonevComplaint } from "../../complaints/monev-figures.js";
import { createMonevDatabase, JANUARY, NOW, pngSize, SLA, type MonevDatabase } from "./monev-fixture.js";

let fixture: MonevDatabase;

const complaint = (agency: string): MonevComplaint => ({
  trackingCode: "LPR-AAAAAAAA",
  filedAt: JANUARY.from,
  reportType: "pengaduan",
  agency,
  status: "DITERUSKAN",
  privacy: "biasa",
  locationText: null,
  description: "Sampah menumpuk",
  reporterName: null,
  reporterPhone: null,
  followedUp: false,
  firstFollowUpAt: null,
  hoursToFirstFollowUp: null,
  finishedAt: null,
  rating: null,
  reopenCount: 0,
  notAuthorityCount: 0,
  overdue: null,
});

beforeAll(async () => {
  fixture = await createMonevDatabase();
});

afterAll(async () => {
  await fixture.close();
});

describe("follow-up chart", () => {
  it("draws followed-up, finished and overdue shares per agency under wrapped full names, with a total line", async () => {
    const figures = await computeMonev(fixture.prisma, { ...JANUARY, now: NOW, sla: SLA });
    const names: Record<string, string> = { DPUPR: "Dinas Pekerjaan Umum dan Penataan Ruang", DLH: "Dinas Lingkungan Hidup" };
    const spec = followUpChartSpec(figures, { title: "Judul", subtitle: "Sub", agencyName: (code) => names[code] });
    const data = Object.fromEntries((spec.data ?? []).map((d) => [d.name, "values" in d ? d.values : undefined]));
    const bars = data.bars as Array<{ agency: string; measure: string; percent: number; label: string }>;
    expect(bars.filter((bar) => bar.measure === "Ditindaklanjuti")).toEqual([
      {
        agency: "Dinas Pekerjaan Umum dan|Penataan Ruang (DPUPR)",
        measure: "Ditindaklanjuti",
        percent: 75,
        label: "75,0% (3/4)",
      },
      { agency: "Dinas Lingkungan Hidup|(DLH)", measure: "Ditindaklanjuti", percent: 100 / 3, label: "33,3% (1/3)" },
      { agency: "Koordinator (belum|diteruskan)", measure: "Ditindaklanjuti", percent: 0, label: "0,0% (0/3)" },
    ]);
    const dpupr = figures.rows.find((row) => row.agency === "DPUPR");
    const dpuprBars = bars.filter((bar) => bar.agency.endsWith("(DPUPR)"));
    expect(dpuprBars.map((bar) => bar.measure)).toEqual(["Ditindaklanjuti", "Selesai", "Terlambat"]);
    expect(dpuprBars[1]?.label).toBe(
      `${((100 * (dpupr?.finished ?? 0)) / 4).toFixed(1).replace(".", ",")}% (${dpupr?.finished}/4)`,
    );
    expect(dpuprBars[2]?.label).toContain(`(${dpupr?.overdue}/4)`);
    expect(data.total).toEqual([{ percent: 40, label: "Total tindak lanjut 40,0%" }]);
    expect(data.empty).toEqual([]);
    expect(spec.legends).toHaveLength(1);
  });

  it("explains an agency whose every complaint was rejected instead of a bare 0 %", () => {
    const rejected = figuresFromComplaints([{ ...complaint("DLH"), status: "DITOLAK" }], { ...JANUARY, now: NOW });
    const spec = followUpChartSpec(rejected, { title: "T", subtitle: "S" });
    const bars = (spec.data?.find((d) => d.name === "bars") as { values: Array<{ measure: string; label: string }> }).values;
    expect(bars.find((bar) => bar.measure === "Ditindaklanjuti")?.label).toBe("0,0% (0/1), semua ditolak");
    expect(JSON.stringify(spec.title)).toContain("penolakan bukan tindak lanjut");
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
