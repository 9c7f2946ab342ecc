import { z } from "zod";
import type { Message, MessageArg } from "../domain/message.ts";

// A Message (lib/domain/message.ts) read back from storage (an import's shown errors, a report's
// warnings): checked value by value, so a damaged record is refused instead of rendered wrongly.

const IsoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const RatioSchema = z.object({ num: z.number(), den: z.number() });

export const MessageArgSchema: z.ZodType<MessageArg> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.object({ count: z.number().nullable() }).strict(),
    z.object({ signed: z.number().nullable() }).strict(),
    z.object({ pointChange: z.number().nullable() }).strict(),
    z.object({ percent: RatioSchema.nullable() }).strict(),
    z.object({ basisPoints: z.number() }).strict(),
    z.object({ median: z.number() }).strict(),
    z.object({ bytes: z.number() }).strict(),
    z.object({ day: IsoDaySchema }).strict(),
    z.object({ instant: z.coerce.date() }).strict(),
    z.object({ name: z.string() }).strict(),
    z.object({ noun: z.string() }).strict(),
    z.object({ message: MessageSchema }).strict(),
    z.object({ list: z.array(MessageSchema), join: z.enum(["and", "semicolon", "comma", "space"]) }).strict(),
  ]),
);

export const MessageSchema: z.ZodType<Message> = z.lazy(() =>
  z.object({ key: z.string().min(1).max(200), values: z.record(z.string(), MessageArgSchema).optional() }).strict(),
);
