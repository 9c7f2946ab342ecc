import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readOrCreateKeyFile } from "../auth/secret.ts";
import { processAlive } from "../server/process-alive.ts";

// How `npm run db:backup` reaches a running server that holds the embedded database: the server
// writes where it listens into <dataDir>/server-endpoint.json when it starts (and removes it when it
// stops); both sides read the same random token from <dataDir>/backup-token (mode 0600, created
// once, like the session key), so only someone who can read the data folder can ask for a backup.

export const ENDPOINT_FILE_NAME = "server-endpoint.json";
export const BACKUP_TOKEN_FILE_NAME = "backup-token";
export const BACKUP_PATH = "/api/admin/backup";

export type ServerEndpoint = { pid: number; url: string };

export function backupToken(dataDir: string): string {
  return readOrCreateKeyFile(dataDir, BACKUP_TOKEN_FILE_NAME);
}

/** True when `presented` is this folder's backup token (compared in constant time). */
export function isBackupToken(dataDir: string, presented: string): boolean {
  const expected = crypto.createHash("sha256").update(backupToken(dataDir)).digest();
  const actual = crypto.createHash("sha256").update(presented).digest();
  return crypto.timingSafeEqual(expected, actual);
}

export function writeServerEndpoint(dataDir: string, endpoint: ServerEndpoint): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, ENDPOINT_FILE_NAME), JSON.stringify(endpoint), { mode: 0o600 });
}

export function removeServerEndpoint(dataDir: string, pid: number): void {
  const current = readServerEndpoint(dataDir);
  if (current?.pid === pid) fs.rmSync(path.join(dataDir, ENDPOINT_FILE_NAME), { force: true });
}

export function readServerEndpoint(dataDir: string): ServerEndpoint | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, ENDPOINT_FILE_NAME), "utf8")) as Partial<ServerEndpoint>;
    if (typeof parsed.pid !== "number" || typeof parsed.url !== "string") return null;
    return { pid: parsed.pid, url: parsed.url };
  } catch {
    return null;
  }
}

/** The endpoint of a server that is still running on this folder, or null (none, or left by a dead one). */
export function runningServer(dataDir: string): ServerEndpoint | null {
  const endpoint = readServerEndpoint(dataDir);
  return endpoint && processAlive(endpoint.pid) ? endpoint : null;
}
