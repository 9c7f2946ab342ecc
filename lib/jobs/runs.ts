import "server-only";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { analyzeTables } from "../db/planner-statistics.ts";
import { addDays, isoDayToUtcDate, todayInVietnam, type IsoDay } from "../domain/days.ts";
import { formatDispatchDay } from "../domain/dispatch-text.ts";
import { getReportDeadline } from "../figures/settings.ts";
import { digestWithBase } from "../digest/compose.ts";
import { loadDigest } from "../digest/load.ts";
import { publicBaseUrl } from "../notifications/config.ts";
import { deliver, type DeliveryReport } from "../notifications/deliver.ts";
import type { Channel, OutgoingMessage, Recipient } from "../notifications/channel.ts";
import { reminderMessage } from "../reminders/message.ts";
import { beforeDeadline, reminderDay, selectReminders, type ReminderRound, type WardFigureRow } from "../reminders/select.ts";
import { reportDueAt } from "../domain/timeliness.ts";
import { runPartitionMaintenance } from "../storage/maintenance.ts";
import type { ScheduledJob } from "./schedules.ts";

// What each scheduled job does, with its row in the job log (table job_run): the reminders of a
// round and the morning digest. Each takes the database and the instant it runs at, so tests run
// them on a day of the demo. A retryable delivery failure fails the run (after every recipient was
// tried): pg-boss retries it with backoff, and the message log's dedupe keys keep the retry from
// sending twice what already went out.

export type RunOptions = { now: Date; bossJobId?: string | null; attempt?: number; channels?: readonly Channel[]; day?: IsoDay };

export type RunResult = { runId: number; sent: number; failed: number; summary: string };

export class RetryableDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryableDeliveryError";
  }
}

type Tally = { sent: number; failed: number; retryable: number };
const add = (t: Tally, r: DeliveryReport) => {
  t.sent += r.sent;
  t.failed += r.failed;
  t.retryable += r.retryableFailures;
};

async function logged(
  prisma: PrismaClient,
  job: ScheduledJob,
  day: IsoDay,
  opts: RunOptions,
  work: (runId: number, tally: Tally) => Promise<string>,
): Promise<RunResult> {
  const run = await prisma.jobRun.create({
    data: { job, day: isoDayToUtcDate(day), status: "running", bossJobId: opts.bossJobId ?? null, attempt: opts.attempt ?? 1, startedAt: opts.now },
    select: { id: true },
  });
  const tally: Tally = { sent: 0, failed: 0, retryable: 0 };
  try {
    const summary = await work(run.id, tally);
    const retry = tally.retryable > 0;
    await prisma.jobRun.update({
      where: { id: run.id },
      data: {
        status: retry ? "failed" : "succeeded",
        finishedAt: new Date(),
        sent: tally.sent,
        failed: tally.failed,
        summary,
        error: retry ? `${tally.retryable} lần gửi lỗi tạm thời: sẽ thử lại.` : null,
      },
    });
    if (retry) throw new RetryableDeliveryError(`${tally.retryable} lần gửi lỗi tạm thời`);
    return { runId: run.id, sent: tally.sent, failed: tally.failed, summary };
  } catch (err) {
    if (!(err instanceof RetryableDeliveryError)) {
      await prisma.jobRun
        .update({
          where: { id: run.id },
          data: { status: "failed", finishedAt: new Date(), sent: tally.sent, failed: tally.failed, error: err instanceof Error ? err.message : String(err) },
        })
        .catch(() => undefined);
    }
    throw err;
  }
}

function recipientOf(u: { id: number; displayName: string; email: string | null }): Recipient {
  return { userId: String(u.id), displayName: u.displayName, email: u.email, locale: "vi" };
}

/** Ward chairs who have not reported the round's day, once per chair, ward, day and round. */
export async function runReminders(prisma: PrismaClient, round: ReminderRound, opts: RunOptions): Promise<RunResult> {
  const deadline = await getReportDeadline(prisma);
  const day = opts.day ?? reminderDay(opts.now, round, deadline);
  const job: ScheduledJob = round === "first" ? "reminder" : "reminder_deadline";
  return logged(prisma, job, day, opts, async (runId, tally) => {
    if (!beforeDeadline(day, opts.now, deadline)) return "Đã quá hạn nộp báo cáo của ngày này: không nhắc.";
    const date = isoDayToUtcDate(day);
    const [wards, rows, chairs] = await Promise.all([
      prisma.unit.findMany({
        // the wards of districts that report at ward level (one of their wards has an active chair)
        where: { level: "WARD", parent: { children: { some: { users: { some: { role: "WARD_CHAIR", disabled: false } } } } } },
        select: { code: true, name: true, parentCode: true },
        orderBy: { code: "asc" },
      }),
      prisma.dailyFigure.findMany({
        where: { day: date, unit: { level: "WARD" } },
        select: { unitCode: true, source: true, status: true, smartphones: true, installs: true },
      }),
      prisma.user.findMany({
        where: { role: "WARD_CHAIR", disabled: false, unitCode: { not: null } },
        select: { id: true, displayName: true, email: true, unitCode: true },
      }),
    ]);
    const byWard = new Map<string, WardFigureRow[]>();
    for (const r of rows) {
      const list = byWard.get(r.unitCode) ?? [];
      list.push({ source: r.source, status: r.status, smartphones: r.smartphones, installs: r.installs });
      byWard.set(r.unitCode, list);
    }
    const selection = selectReminders({
      day,
      wards: wards.map((w) => ({ code: w.code, name: w.name, districtCode: w.parentCode ?? "" })),
      rows: byWard,
      chairs: chairs.map((c) => ({ userId: c.id, wardCode: c.unitCode ?? "", displayName: c.displayName })),
    });
    const users = new Map(chairs.map((c) => [c.id, c]));
    const dueAt = reportDueAt(day, deadline);
    for (const target of selection.toRemind) {
      const message = reminderMessage({ ward: target.ward, day, round, dueAt });
      for (const chair of target.chairs) {
        const user = users.get(chair.userId);
        if (!user) continue;
        add(tally, await deliver(prisma, { message, recipient: recipientOf(user), dedupeKey: `${job}:${target.ward.code}:${day}`, jobRunId: runId, channels: opts.channels }));
      }
    }
    const names = selection.toRemind.map((t) => t.ward.name);
    return (
      `Ngày ${day}: nhắc ${selection.toRemind.length} đơn vị chưa báo cáo` +
      (names.length > 0 ? ` (${names.slice(0, 10).join(", ")}${names.length > 10 ? ", …" : ""})` : "") +
      `; ${selection.reported} đã báo cáo, ${selection.approved} đã duyệt; ${selection.withoutChair.length} chưa có chủ tịch để nhắc.`
    );
  });
}

/**
 * The morning digest of yesterday: to each district official the digest of the district; to each
 * city official one message with the digests of the city's districts whose wards report. National
 * officials get none (ADR 030: a digest of 705 districts is not a morning message; they read /country).
 */
export async function runDigest(prisma: PrismaClient, opts: RunOptions): Promise<RunResult> {
  const day = opts.day ?? addDays(todayInVietnam(opts.now), -1);
  return logged(prisma, "digest", day, opts, async (runId, tally) => {
    const officials = await prisma.user.findMany({
      where: { role: { in: ["DISTRICT_OFFICIAL", "CITY_OFFICIAL"] }, disabled: false, unitCode: { not: null } },
      select: { id: true, displayName: true, email: true, role: true, unitCode: true },
      orderBy: { id: "asc" },
    });
    const digests = new Map<string, Awaited<ReturnType<typeof loadDigest>>>();
    const digestOf = async (code: string) => {
      let d = digests.get(code);
      if (!d) digests.set(code, (d = await loadDigest(prisma, { districtCode: code, day, now: opts.now })));
      return d;
    };
    let messages = 0;
    let noData = 0;
    for (const official of officials) {
      const code = official.unitCode ?? "";
      let message: OutgoingMessage | null = null;
      if (official.role === "DISTRICT_OFFICIAL") {
        const d = await digestOf(code);
        if (d.kind === "ok") message = { kind: "digest", subject: d.digest.subject, text: digestWithBase(d.digest, publicBaseUrl()).text, html: d.digest.html, url: d.digest.links[0]?.path };
      } else {
        // A city's districts whose wards report that day (a district known only by its imported
        // total has no ward to name: its digest would list every ward as not reporting).
        const districts = await prisma.unit.findMany({
          where: { level: "DISTRICT", parentCode: code, children: { some: { level: "WARD", figures: { some: { day: isoDayToUtcDate(day) } } } } },
          select: { code: true },
          orderBy: { code: "asc" },
        });
        const parts = [];
        for (const district of districts) {
          const d = await digestOf(district.code);
          if (d.kind === "ok") parts.push(d.digest);
        }
        if (parts.length > 0) {
          message = {
            kind: "digest",
            subject: `Bản tin sáng: số liệu ngày ${formatDispatchDay(day)} của ${parts.length} quận, huyện`,
            text: parts.map((p) => digestWithBase(p, publicBaseUrl()).text).join("\n\n"),
            html: parts.map((p) => p.html).join("<hr>"),
            url: `/city?day=${day}`,
          };
        }
      }
      if (!message) {
        noData += 1;
        continue;
      }
      messages += 1;
      add(tally, await deliver(prisma, { message, recipient: recipientOf(official), dedupeKey: `digest:${code}:${day}`, jobRunId: runId, channels: opts.channels }));
    }
    return `Ngày ${day}: bản tin gửi ${messages} cán bộ` + (noData > 0 ? `; ${noData} cán bộ không có bản tin (đơn vị chưa có số liệu).` : ".");
  });
}

/**
 * The storage maintenance (lib/storage/maintenance.ts): this month's and the next months'
 * partitions of the raw scan tables, rows moved out of a default partition, the retention setting
 * applied. Sends nothing; its summary in the job log says what it did.
 */
export function runStorageMaintenance(prisma: PrismaClient, opts: RunOptions): Promise<RunResult> {
  return logged(prisma, "storage", opts.day ?? todayInVietnam(opts.now), opts, async () => {
    const done = await runPartitionMaintenance(prisma, opts.now);
    // The embedded database has no autovacuum: the day's reports and edits get planner statistics
    // here (lib/db/planner-statistics.ts); on PostgreSQL it is a cheap sample beside autovacuum's.
    const analyzedMs = await analyzeTables(async (sql) => {
      await prisma.$executeRaw(Prisma.raw(sql));
      return [];
    });
    const list = (names: string[]) => (names.length > 0 ? names.join(", ") : "không có");
    return `Phân vùng tạo mới: ${list(done.created)}; chuyển khỏi phân vùng mặc định: ${list(done.moved)}; theo thời hạn giữ dữ liệu đã xoá: ${list(done.retention.dropped)}; cập nhật thống kê truy vấn trong ${Math.round(analyzedMs)} ms.`;
  });
}

export function runScheduledJob(prisma: PrismaClient, job: ScheduledJob, opts: RunOptions): Promise<RunResult> {
  if (job === "digest") return runDigest(prisma, opts);
  if (job === "storage") return runStorageMaintenance(prisma, opts);
  return runReminders(prisma, job === "reminder" ? "first" : "deadline", opts);
}
