import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { formatDay } from "@/lib/domain/format";

/** `reporters`: who enters the figures, from their types ("phường", "xã, thị trấn"). */
export function NoDataNotice({ unitName, reporters = "phường" }: { unitName: string; reporters?: string }) {
  return <Notice title={`${unitName} chưa có số liệu`}>Hãy nhập báo cáo của {reporters} hoặc nhập tệp số liệu.</Notice>;
}

export function DayOutOfRangeNotice({
  unitName,
  day,
  range,
  latestHref,
}: {
  unitName: string;
  day: string;
  range: { from: string; to: string };
  latestHref: string;
}) {
  return (
    <Notice title={`Không có số liệu ngày ${formatDay(day)}`}>
      <p>
        Số liệu của {unitName} có từ ngày {formatDay(range.from)} đến ngày {formatDay(range.to)}.
      </p>
      <Link href={latestHref} className="font-semibold text-brand-700 underline">
        Xem ngày {formatDay(range.to)}
      </Link>
    </Notice>
  );
}
