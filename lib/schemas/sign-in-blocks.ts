import { z } from "zod";
import { VV } from "./validation.ts";

// Clearing a sign-in block (/admin/sign-in-blocks): which counter, and an optional reason kept in
// the audit log.

export const ClearSignInBlockSchema = z
  .object({
    scope: z.enum(["pair", "account", "address"]),
    username: z.string().max(64),
    ip: z.string().max(64),
    reason: z
      .string()
      .trim()
      .max(500, VV("reasonMax", { max: 500 }))
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .refine((v) => (v.scope === "address" ? v.username === "" && v.ip !== "" : v.username !== "" && (v.scope === "account" ? v.ip === "" : v.ip !== "")), {
    message: "Lệnh chặn không hợp lệ",
  });
export type ClearSignInBlockInput = z.output<typeof ClearSignInBlockSchema>;
