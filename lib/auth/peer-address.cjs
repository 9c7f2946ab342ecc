// The forwarding headers of a request as the app may trust them, applied by the HTTP server of
// `npm start` (scripts/serve.ts) before Next.js sees the request: Next fills X-Forwarded-For from
// the socket only when the request has none, and a route handler never sees the socket.
"use strict";

/**
 * With no trusted proxy (trustedProxies = 0): X-Forwarded-For becomes the socket's address and a
 * client-sent X-Forwarded-Host / -Proto / -Port are dropped. With proxies: left as they are.
 */
function stampPeerAddress(req, trustedProxies) {
  if (trustedProxies > 0) return;
  const headers = req.headers;
  delete headers["x-forwarded-host"];
  delete headers["x-forwarded-proto"];
  delete headers["x-forwarded-port"];
  const peer = req.socket && req.socket.remoteAddress;
  if (peer) headers["x-forwarded-for"] = peer;
  else delete headers["x-forwarded-for"];
}

module.exports = { stampPeerAddress };
