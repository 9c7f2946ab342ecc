// The morning digest: one district's yesterday written as the dispatch writes it, from the figures
// the overview shows (lib/figures/district-dashboard.ts) and the day's alerts. Pure: the same words
// go into the e-mail, the in-app notification and the copyable message on the overview.
//
// The figures follow the GUIDE: a partial district figure is said as such ("k/n phường đã báo
// cáo") and never given as the district's total, ranked or compared with its target; a ward that
// did not report is named as "chưa báo cáo", never counted as 0; a zero denominator has no rate.

import type { IsoDay } from "../domain/days.ts";
import { formatDispatchDay, inSentenceUnitName, joinVietnamese, shortUnitName } from "../domain/dispatch-text.ts";
import { formatCount, formatPercent, formatPercentFromHundredths, formatPercentPointChange } from "../domain/format.ts";
import type { NamedUnit } from "../domain/overview.ts";
import type { Ratio } from "../domain/ratio.ts";

export type DigestAlert = { readonly severity: "info" | "warning" | "critical"; readonly message: string };

export type DigestFacts = {
  readonly day: IsoDay;
  readonly district: NamedUnit;
  readonly city: NamedUnit;
  /** what the wards are called ("phường", "xã, thị trấn") */
  readonly wardNoun: string;
  readonly coverage: {
    /** complete: every ward (or the district's own figure); partial: k of n wards; missing: none */
    readonly kind: "complete" | "partial" | "missing";
    readonly counted: number;
    readonly total: number;
    readonly installs: number | null;
    readonly smartphones: number | null;
    /** null without figures or with 0 smartphones */
    readonly rate: Ratio | null;
  };
  /** rank among the city's districts; null when not ranked (partial, missing, no denominator) */
  readonly rankInCity: number | null;
  readonly districtsRanked: number;
  /** places moved since the day before (positive: up); null when not comparable */
  readonly rankChangeDay: number | null;
  /** coverage change since the day before, hundredths of a percentage point; null when not comparable */
  readonly coverageChangeDay: number | null;
  readonly zeroScanWards: readonly NamedUnit[];
  readonly notReportedWards: readonly NamedUnit[];
  /** the target in force (basis points) and the installs still needed; null when none */
  readonly target: { readonly basisPoints: number; readonly installsToTarget: number | null } | null;
  /** the day's alerts, most severe first (already cut to the few worth a morning message) */
  readonly topAlerts: readonly DigestAlert[];
  /** total alerts of the day, for "and N more" */
  readonly alertCount: number;
};

export type DigestLink = { readonly label: string; readonly path: string };

export type Digest = {
  readonly subject: string;
  /** the paragraph, then the lists: what the copyable message shows */
  readonly paragraphs: readonly string[];
  readonly links: readonly DigestLink[];
  readonly text: string;
  readonly html: string;
};

export const DIGEST_TOP_ALERTS = 3;

function rankSentence(f: DigestFacts): string | null {
  if (f.rankInCity === null) return null;
  const change =
    f.rankChangeDay === null
      ? ""
      : f.rankChangeDay > 0
        ? ` (tăng ${f.rankChangeDay} bậc so với ngày trước)`
        : f.rankChangeDay < 0
          ? ` (giảm ${-f.rankChangeDay} bậc so với ngày trước)`
          : " (giữ nguyên so với ngày trước)";
  return `đứng thứ ${f.rankInCity}/${f.districtsRanked} trên toàn ${inSentenceUnitName(f.city.name)}${change}`;
}

function coverageParagraph(f: DigestFacts): string {
  const day = formatDispatchDay(f.day);
  const c = f.coverage;
  if (c.kind === "missing" || c.installs === null || c.smartphones === null) {
    return `Ngày ${day}, ${f.district.name} chưa có số liệu cài đặt Bluezone (0/${c.total} ${f.wardNoun} đã báo cáo).`;
  }
  if (c.kind === "partial") {
    // A partial sum is not the district's figure: said as the wards' sum, no rank, no change, no target verdict.
    return (
      `Ngày ${day}, ${f.district.name} mới có ${c.counted}/${c.total} ${f.wardNoun} báo cáo: ` +
      `các ${f.wardNoun} này có ${formatCount(c.installs)} lượt cài đặt Bluezone trên ${formatCount(c.smartphones)} điện thoại thông minh ` +
      `(số liệu chưa đủ, chưa phải số của toàn quận và chưa xếp hạng).`
    );
  }
  const rate = c.rate === null ? "chưa tính được tỷ lệ (không có điện thoại thông minh)" : `chiếm tỷ lệ ${formatPercent(c.rate)}`;
  const change = f.coverageChangeDay === null ? "" : `, ${formatPercentPointChange(f.coverageChangeDay)} so với ngày trước`;
  const rank = rankSentence(f);
  return (
    `Ngày ${day}, ${f.district.name} có ${formatCount(c.smartphones)} điện thoại thông minh, trong đó ${formatCount(c.installs)} chiếc đã cài đặt ứng dụng Bluezone, ` +
    `${rate}${change}${rank ? `, ${rank}` : ""}.`
  );
}

function targetParagraph(f: DigestFacts): string | null {
  if (f.target === null || f.coverage.kind !== "complete") return null;
  const goal = formatPercentFromHundredths(f.target.basisPoints);
  if (f.target.installsToTarget === null) return null;
  if (f.target.installsToTarget === 0) return `Quận đã đạt mục tiêu ${goal}.`;
  return `Còn ${formatCount(f.target.installsToTarget)} lượt cài đặt nữa để đạt mục tiêu ${goal}.`;
}

function wardsNamed(wards: readonly NamedUnit[], noun: string): string {
  const short = wards.map((w) => shortUnitName(w.name));
  return wards.length === 1 && wards[0] ? inSentenceUnitName(wards[0].name) : `các ${noun} ${joinVietnamese(short)}`;
}

export function composeDigest(f: DigestFacts): Digest {
  const day = formatDispatchDay(f.day);
  const paragraphs: string[] = [coverageParagraph(f)];
  const target = targetParagraph(f);
  if (target) paragraphs.push(target);
  paragraphs.push(
    f.zeroScanWards.length > 0
      ? `${capitalize(wardsNamed(f.zeroScanWards, f.wardNoun))} không phát sinh lượt quét mã QR trong ngày ${day}.`
      : `Không có ${f.wardNoun} nào báo cáo 0 lượt quét mã QR trong ngày ${day}.`,
  );
  paragraphs.push(
    f.notReportedWards.length > 0
      ? `Chưa báo cáo: ${wardsNamed(f.notReportedWards, f.wardNoun)} (${f.notReportedWards.length}/${f.coverage.total}).`
      : `Tất cả ${f.coverage.total} ${f.wardNoun} đã báo cáo.`,
  );
  if (f.topAlerts.length > 0) {
    const more = f.alertCount > f.topAlerts.length ? ` (và ${f.alertCount - f.topAlerts.length} cảnh báo khác)` : "";
    paragraphs.push(`Cảnh báo nổi bật${more}:\n${f.topAlerts.map((a) => `- ${a.message}`).join("\n")}`);
  } else {
    paragraphs.push("Không có cảnh báo nào trong ngày.");
  }
  const links: DigestLink[] = [
    { label: "Tổng quan ngày", path: `/?district=${f.district.code}&day=${f.day}` },
    { label: "Cảnh báo", path: `/alerts?district=${f.district.code}&day=${f.day}` },
    ...f.zeroScanWards.map((w) => ({ label: w.name, path: `/wards/${w.code}?day=${f.day}` })),
  ];
  const subject = `Bản tin sáng ${f.district.name}: số liệu ngày ${day}`;
  return { subject, paragraphs, links, text: digestText(subject, paragraphs, links), html: digestHtml(subject, paragraphs, links) };
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

function digestText(subject: string, paragraphs: readonly string[], links: readonly DigestLink[], base = ""): string {
  return [subject, "", ...paragraphs.flatMap((p) => [p, ""]), ...links.map((l) => `${l.label}: ${base}${l.path}`)].join("\n");
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function digestHtml(subject: string, paragraphs: readonly string[], links: readonly DigestLink[]): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`).join("");
  const list = links.map((l) => `<li><a href="${escapeHtml(l.path)}">${escapeHtml(l.label)}</a></li>`).join("");
  return `<h1 style="font-size:18px">${escapeHtml(subject)}</h1>${body}<ul>${list}</ul>`;
}

/** The message with absolute links (e-mail, copy): `base` is the app's public address. */
export function digestWithBase(d: Digest, base: string): { text: string; html: string } {
  const root = base.replace(/\/+$/, "");
  const absolute = d.links.map((l) => ({ label: l.label, path: `${root}${l.path}` }));
  return { text: digestText(d.subject, d.paragraphs, absolute), html: digestHtml(d.subject, d.paragraphs, absolute) };
}
