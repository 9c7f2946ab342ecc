import { z } from "zod";

// What a browser's PushSubscription.toJSON() gives (the Push API), as the subscribe route accepts
// it: an https endpoint of the push service and the two keys the message is encrypted with.

const base64url = (max: number, label: string) =>
  z
    .string({ error: `Thiếu ${label}.` })
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${label} không đúng định dạng base64url.`)
    .max(max, `${label} quá dài.`);

export const PushEndpointSchema = z
  .string({ error: "Thiếu địa chỉ nhận thông báo (endpoint)." })
  .max(2048, "Địa chỉ nhận thông báo quá dài.")
  .refine((v) => URL.canParse(v) && new URL(v).protocol === "https:", "Địa chỉ nhận thông báo phải là một địa chỉ https.");

export const PushSubscriptionSchema = z.object({
  endpoint: PushEndpointSchema,
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: base64url(200, "khoá p256dh"),
    auth: base64url(100, "khoá auth"),
  }),
});

export type PushSubscriptionInput = z.infer<typeof PushSubscriptionSchema>;

export const PushUnsubscribeSchema = z.object({ endpoint: PushEndpointSchema });
