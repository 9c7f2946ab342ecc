import { z } from "zod";

// Inputs of the notification pages (preferences, the list, the unsubscribe link).

export const PreferencesSchema = z.object({
  /** the channels switched on, by name (any not listed is off) */
  channels: z.array(z.enum(["email", "push", "in_app"])).max(3),
  paused: z.boolean(),
});
export type PreferencesInput = z.infer<typeof PreferencesSchema>;

export const UnsubscribeSchema = z.object({
  token: z.string().trim().min(10, "Liên kết huỷ đăng ký không hợp lệ.").max(200, "Liên kết huỷ đăng ký không hợp lệ."),
});

export const MarkReadSchema = z.object({ id: z.coerce.number().int().positive().optional() });
