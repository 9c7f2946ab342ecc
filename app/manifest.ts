import type { MetadataRoute } from "next";

// The web manifest (/manifest.webmanifest; Next links it from every page): WardWatch installed on
// a phone opens on the ward chair's daily report. Served without sign-in (proxy.ts lets it through).
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "WardWatch",
    short_name: "WardWatch",
    description: "Theo dõi cài đặt Bluezone và quét mã QR theo phường, xã, quận, huyện",
    lang: "vi",
    dir: "ltr",
    start_url: "/entry",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#083b68",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
