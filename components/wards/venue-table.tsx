"use client";

import type { VenueActivity } from "@/lib/domain/venue-activity";
import styles from "@/components/dashboard/venue-list.module.css";

// Draws one page of a ward's venues (components/dashboard/venue-list.tsx) from plain values,
// formatted on the server in the reader's language (issue 15): as a server component the table's
// every element travelled twice (HTML and the React payload); here the payload holds only the
// values. On a phone each row is a card (the cells stacked, each with its label: data-label).

export type VenueRowView = readonly [
  code: string,
  name: string,
  address: string | null,
  category: string,
  activity: VenueActivity,
  activityLabel: string,
  /** the register's status when it is not "in use" */
  statusLabel: string | null,
  scansOnDay: string,
  scansLast7Days: string,
  lastScan: string,
];

export type VenueTableProps = {
  caption: string;
  /** code, venue, type, state, scans of the day, scans of 7 days, last scan */
  headers: readonly [string, string, string, string, string, string, string];
  rows: readonly VenueRowView[];
};

export function VenueTable({ caption, headers, rows }: VenueTableProps) {
  const [code, venue, type, state, scansDay, scans7, lastScan] = headers;
  return (
    <div className={styles.frame}>
      <table className={styles.table} data-testid="venue-list">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{code}</th>
            <th scope="col">{venue}</th>
            <th scope="col">{type}</th>
            <th scope="col">{state}</th>
            <th scope="col" className={styles.num}>
              {scansDay}
            </th>
            <th scope="col" className={styles.num}>
              {scans7}
            </th>
            <th scope="col" className={styles.num}>
              {lastScan}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([c, name, address, category, activity, activityLabel, statusLabel, day, week, last]) => (
            <tr key={c} data-activity={activity} data-code={c}>
              <td className={styles.code} data-label={code}>
                {c}
              </td>
              <th scope="row">
                {name}
                {address ? <span className={styles.addr}>{address}</span> : null}
              </th>
              <td>{category}</td>
              <td>
                <span className={`${styles.badge} ${styles[activity]}`}>{activityLabel}</span>
                {statusLabel ? <span className={`${styles.badge} ${styles.status}`}>{statusLabel}</span> : null}
              </td>
              <td className={styles.num} data-label={scansDay}>
                {day}
              </td>
              <td className={styles.num} data-label={scans7}>
                {week}
              </td>
              <td className={styles.num} data-label={lastScan}>
                {last}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
