// The forwarding headers of a request as the app may trust them (used by
// lib/auth/peer-address-preload.cjs; plain CommonJS because it runs before Next.js, outside the
// TypeScript build).
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
