// Where a V8 CPU profile's time goes (node --cpu-prof writes one; national-http.ts --cpu-prof):
//
//   npx tsx scripts/bench/cpu-profile-summary.ts FILE.cpuprofile [--top 40] [--match TEXT] [--last SECONDS]
//
// Prints the self time by function (name, file, line), the self time by file group (a package in
// node_modules, a chunk of the build, node's own), and the total time (self and below, each sample
// counted once per function) of the functions under which most time is spent. --match keeps only
// the samples whose stack has a frame whose function or file contains TEXT; --last only the samples
// of the profile's last SECONDS (the load, without the server's start).

import fs from "node:fs";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  const dist = url.indexOf("/.next");
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\/.*?\/wt\/[^/]+\//, "");
}

function group(url: string): string {
  if (url === "") return "(native / V8)";
  if (url.startsWith("node:")) return "node:";
  const short = shortUrl(url);
  if (url.includes("node_modules/")) {
    const parts = short.split("/");
    const pkg = parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
    // Next's prebuilt runtimes hold React's server renderer: name them apart.
    if (pkg === "next" && short.includes("compiled/")) return `next/${parts.slice(2, 4).join("/")}`;
    return pkg ?? short;
  }
  return short.replace(/\/[^/]*$/, "/");
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error("usage: cpu-profile-summary.ts FILE.cpuprofile [--top N] [--match TEXT]");
  const top = Number(option("--top") ?? 40);
  const match = option("--match");
  const lastSeconds = option("--last");
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"}  ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  let idle = 0;
  const from = lastSeconds === undefined ? -Infinity : profile.endTime - Number(lastSeconds) * 1e6;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    at += profile.timeDeltas[i] ?? 0;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // the delta after a sample is its duration
    if (at < from) continue;
    const node = byId.get(id);
    if (!node) continue;
    const name = node.callFrame.functionName;
    if (name === "(idle)") {
      idle += dt;
      continue;
    }
    const stack: ProfileNode[] = [];
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) stack.push(byId.get(up)!);
    if (match && !stack.some((n) => n.callFrame.functionName.includes(match) || n.callFrame.url.includes(match))) continue;
    all += dt;
    self.set(key(node), (self.get(key(node)) ?? 0) + dt);
    const g = group(node.callFrame.url);
    groups.set(g, (groups.get(g) ?? 0) + dt);
    const seen = new Set<string>();
    for (const n of stack) {
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const wall = (profile.endTime - Math.max(profile.startTime, from)) / 1000;
  console.log(`profile: ${wall.toFixed(0)} ms wall, ${all.toFixed(0)} ms sampled busy${match ? ` (stacks with "${match}")` : ""}, ${idle.toFixed(0)} ms idle`);
  const print = (title: string, map: Map<string, number>, n: number) => {
    console.log(`\n${title}`);
    for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`${v.toFixed(0).padStart(8)} ms ${((100 * v) / all).toFixed(1).padStart(5)} %  ${k}`);
    }
  };
  print("self time by file group", groups, 25);
  print("self time by function", self, top);
  print("total time by function (self and below)", total, top);
}

main();
