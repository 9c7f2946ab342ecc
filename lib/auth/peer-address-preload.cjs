// Loaded with `node --require` in front of `next start` (scripts/start.ts). Next.js fills
// X-Forwarded-For from the socket only when the request has none (`??=` in its base server), and
// a route handler never sees the socket: a client that sends its own X-Forwarded-For would choose
// the address the sign-in limits count. With no trusted reverse proxy
// (WARDWATCH_TRUSTED_PROXIES=0, the default) this wraps the HTTP server's request listener and,
// before Next.js sees the request, replaces X-Forwarded-For with the socket's address and drops
// a client-sent X-Forwarded-Host / -Proto / -Port (Next then fills them from the Host header and
// the socket). With N > 0 proxies the headers are the proxies' and are left alone
// (lib/auth/rate-limit.ts clientAddress takes the N-th address from the right).
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with `node --require` before Next.js */

const http = require("node:http");
const { stampPeerAddress } = require("./peer-address.cjs");

function trustedProxiesFromEnv() {
  const n = Number(process.env.WARDWATCH_TRUSTED_PROXIES || "0");
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

function install() {
  const trusted = trustedProxiesFromEnv();
  const createServer = http.createServer;
  http.createServer = function createServerWithPeerAddress(...args) {
    const index = args.findIndex((a) => typeof a === "function");
    if (index >= 0) {
      const listener = args[index];
      args[index] = function (req, res) {
        stampPeerAddress(req, trusted);
        return listener.call(this, req, res);
      };
    }
    return createServer.apply(this, args);
  };
}

install();
