import Link from "next/link";

// The name and tagline at the left of the header (plain markup: the server draws it on the
// signed-out header, the menu on the signed-in one). Short class names (globals.css, "the shell").
export function Brand({ tagline }: { tagline: string }) {
  return (
    <div>
      <Link href="/" className="sh-logo">
        WardWatch
      </Link>
      <p className="sh-tag">{tagline}</p>
    </div>
  );
}
