// The initial passwords of accounts created in bulk, as the CSV file the admin downloads once
// (built in the browser from the page's answer: the server never keeps them). Also used by tests.

/** The initial passwords as a CSV file for the admin (UTF-8 with BOM so Excel shows the accents). */
export function initialPasswordsCsv(accounts: readonly { username: string; displayName: string; unitCode: string; password: string }[]): string {
  const quote = (v: string) => {
    // a cell starting with = + - @ is a formula to a spreadsheet: keep it text
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = ["username,display_name,unit_code,initial_password"];
  for (const a of accounts) lines.push([a.username, a.displayName, a.unitCode, a.password].map(quote).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
