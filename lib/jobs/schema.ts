import { z } from "zod";
import { isIsoDay } from "../domain/days.ts";
import { SCHEDULED_JOBS } from "./schedules.ts";

// Inputs of the admins' job page, shared by its forms and its actions.

const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Giờ phải có dạng HH:MM, từ 00:00 đến 23:59.");

const checkbox = z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")]).transform((v) => v === true || v === "on" || v === "true");

export const JobSchedulesSchema = z.object({
  reminder_enabled: checkbox.default(false),
  reminder_time: time,
  reminder_deadline_enabled: checkbox.default(false),
  reminder_deadline_time: time,
  digest_enabled: checkbox.default(false),
  digest_time: time,
  storage_enabled: checkbox.default(false),
  storage_time: time,
});
export type JobSchedulesInput = z.infer<typeof JobSchedulesSchema>;

export const RunJobNowSchema = z.object({
  job: z.enum(SCHEDULED_JOBS, { error: "Tác vụ không có trong danh sách." }),
  /** the day the run is about; empty: as the schedule would choose */
  day: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isIsoDay(v), "Ngày không hợp lệ (yyyy-mm-dd)."),
});
export type RunJobNowInput = z.infer<typeof RunJobNowSchema>;

export function parseTime(value: string): { hour: number; minute: number } {
  const [h, m] = value.split(":");
  return { hour: Number(h), minute: Number(m) };
}
