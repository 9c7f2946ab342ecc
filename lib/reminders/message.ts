// The reminder a ward chair receives. Pure; Vietnamese (the official language of the reports).

import type { OutgoingMessage } from "../notifications/channel.ts";
import { formatDispatchDay } from "../domain/dispatch-text.ts";
import type { IsoDay } from "../domain/days.ts";
import { formatVietnamDateTime } from "../domain/instant-format.ts";
import type { ReminderRound, WardRef } from "./select.ts";

export function reminderMessage(input: { ward: WardRef; day: IsoDay; round: ReminderRound; dueAt: Date }): OutgoingMessage {
  const day = formatDispatchDay(input.day);
  const due = formatVietnamDateTime(input.dueAt);
  const subject =
    input.round === "first" ? `Nhắc báo cáo ngày ${day}: ${input.ward.name} chưa gửi số liệu` : `Sắp hết hạn báo cáo ngày ${day} (${due})`;
  const text =
    (input.round === "first"
      ? `${input.ward.name} chưa gửi báo cáo số liệu ngày ${day}.`
      : `Báo cáo ngày ${day} của ${input.ward.name} vẫn chưa được gửi, hạn nộp là ${due}.`) +
    ` Đề nghị đồng chí nhập số điện thoại thông minh, số lượt cài đặt Bluezone, số địa điểm có mã QR và số lượt quét trong ngày trước hạn.`;
  return { kind: "reminder", subject, text, url: `/entry?day=${input.day}` };
}
