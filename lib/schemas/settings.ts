import { z } from "zod";

// The admin's choice of which of a ward's two sources the pages use (lib/data/settings.ts).
export const PreferredSourceSchema = z.object({
  preferred: z.enum(["IMPORT", "WARD_REPORT"], { error: "Hãy chọn một nguồn số liệu" }),
});
export type PreferredSourceInput = z.output<typeof PreferredSourceSchema>;
