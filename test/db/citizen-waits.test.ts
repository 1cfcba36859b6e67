// "Something waits for the citizen's reply" is read by the runner's cheap check before a step (the step
// store of the engine under test: prepared SQL on SQLite, raw SQL through Prisma on PostgreSQL), by the
// Prisma step store on the same database, and by the lifecycle's exact reads. All must agree on every state.
import { afterEach, describe, expect, it } from "vitest";
import { ALL_STATUSES } from "../../db/complaint-statuses.js";
import { feedbackPending, questionPendingCode } from "../../db/complaint-repository.js";
import { PrismaStepStore } from "../../db/prisma-step-store.js";
import { createFixture, REPORTER, type Fixture } from "../complaints/lifecycle-fixture.js";

/** The check as the runner makes it: the engine's step store inside a unit of work. */
const hotPath = (fixture: Fixture, since: Date) =>
  fixture.transactions.run(({ store }) => store.awaitsCitizenReply(REPORTER.channel, REPORTER.userId, since));

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe("what waits for the citizen's reply", () => {
  it("the hot path's check and the lifecycle's reads agree on every status, question and feedback state", async () => {
    fx = await createFixture();
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    const finishedAt = fx.clock.now;
    const since = new Date(finishedAt.getTime() - 3_600_000);
    let waiting = 0;
    for (const status of ALL_STATUSES) {
      for (const pendingQuestionBy of [null, "telegram:100"]) {
        for (const rating of [null, 4]) {
          for (const citizenSatisfied of [null, true]) {
            const state = { status, pendingQuestionBy, rating, citizenSatisfied, finishedAt };
            await fx.prisma.complaint.update({ where: { id: complaint.id }, data: state });
            const exact =
              (await questionPendingCode(fx.prisma, REPORTER)) !== null || (await feedbackPending(fx.prisma, REPORTER)) !== null;
            const prepared = await hotPath(fx, since);
            const viaPrisma = await new PrismaStepStore(fx.prisma).awaitsCitizenReply(REPORTER.channel, REPORTER.userId, since);
            expect({ state, prepared, viaPrisma }).toEqual({ state, prepared: exact, viaPrisma: exact });
            if (exact) waiting += 1;
          }
        }
      }
    }
    // Open complaints with a question (4 statuses x 4), and SELESAI without rating or answer (3 x 2).
    expect(waiting).toBe(16 + 6);
  });

  it("a finished complaint older than the check's window is not waited on by the cheap check", async () => {
    fx = await createFixture();
    const complaint = await fx.createComplaint({ assignedAgency: "DPUPR" });
    await fx.prisma.complaint.update({ where: { id: complaint.id }, data: { status: "SELESAI", finishedAt: fx.clock.now } });
    const later = new Date(fx.clock.now.getTime() + 1000);
    expect(await hotPath(fx, later)).toBe(false);
    expect(await new PrismaStepStore(fx.prisma).awaitsCitizenReply(REPORTER.channel, REPORTER.userId, later)).toBe(false);
    // Finished exactly at the window's start still counts, for both stores.
    expect(await hotPath(fx, fx.clock.now)).toBe(true);
    expect(await new PrismaStepStore(fx.prisma).awaitsCitizenReply(REPORTER.channel, REPORTER.userId, fx.clock.now)).toBe(true);
    expect(await feedbackPending(fx.prisma, REPORTER)).toMatchObject({
      trackingCode: complaint.trackingCode,
      ratingMissing: true,
    });
  });
});
