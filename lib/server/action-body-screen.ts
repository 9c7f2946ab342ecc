// The body of a POST to a page, checked before Next.js decodes it as a server action. Next answers a body it
// cannot decode with a 500 ("Connection closed.", "Unexpected end of form", "CreateListFromArrayLike
// called on non-object"): the decoder follows references to parts the body does not contain, and
// the arguments must be a list. Accepted here is what this app's own client sends: every action is
// called with plain values (objects, strings, numbers, booleans, null, undefined) or one FormData,
// which React encodes as
//   text/plain            a JSON list of the arguments;
//   multipart/form-data   field "0" = that list, "$K1" standing for a FormData whose entries are
//                         the fields named "1_…".
// A string starting with "$" is one of React's markers: allowed are the plain ones ("$$" an escaped
// "$", "$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0", "$D…" a date, "$n123" a BigInt) and,
// in a multipart body, "$K…" (a FormData). Any other marker points to a part or a module the app's
// client never sends: refused with 400 instead of a 500.
// A multipart POST without Next-Action is read by Next as a form posted without JavaScript: its
// busboy parser fails with a 500 on a malformed body, and "$ACTION_…" fields name an action to
// run. No form of this app posts to a server action without JavaScript, so those are refused too.

export const ACTION_BODY_REASON = "Dữ liệu gửi kèm thao tác không hợp lệ.";
export const ACTION_BODY_TOO_LARGE_REASON = "Dữ liệu gửi kèm thao tác quá lớn (tối đa 1 MB).";

/** Next's limit for a server action body (serverActions.bodySizeLimit, 1 MB): above it, Next answers 500. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

const PLAIN_MARKER = /^\$(?:[$uIND-]|n-?\d*$)/;
const FORM_DATA_MARKER = /^\$K[0-9a-f]+$/;

/** Whether a decoded argument list holds only values the app's client could have encoded. */
export function isPlainActionArguments(root: unknown, allowFormData: boolean): boolean {
  if (!Array.isArray(root)) return false;
  // An explicit stack: a deeply nested body must not overflow the call stack.
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "string") {
      if (value.startsWith("$") && !PLAIN_MARKER.test(value) && !(allowFormData && FORM_DATA_MARKER.test(value))) return false;
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value !== null && typeof value === "object") {
      stack.push(...Object.values(value));
    }
  }
  return true;
}

function parsedArguments(text: string, allowFormData: boolean): boolean {
  try {
    return isPlainActionArguments(JSON.parse(text), allowFormData);
  } catch {
    return false;
  }
}

export type ActionBody = { contentType: string; text: () => Promise<string>; formData: () => Promise<FormData> };

async function readForm(body: ActionBody): Promise<FormData | null> {
  try {
    return await body.formData();
  } catch {
    return null;
  }
}

function isMultipart(body: ActionBody): boolean {
  return body.contentType.toLowerCase().startsWith("multipart/form-data");
}

/** Whether Next would read this POST to a page as a server action (and so decode its body). */
export function isActionPost(hasActionHeader: boolean, contentType: string): boolean {
  return hasActionHeader || contentType.toLowerCase().startsWith("multipart/form-data");
}

/** A server action call (Next-Action header): true when Next.js can decode its body without failing. */
export async function isDecodableActionBody(body: ActionBody): Promise<boolean> {
  if (isMultipart(body)) {
    const root = (await readForm(body))?.get("0");
    return typeof root === "string" && parsedArguments(root, true);
  }
  // Next reads every other content type as the text form.
  try {
    return parsedArguments(await body.text(), false);
  } catch {
    return false;
  }
}

/** A POST to a page without Next-Action: true unless Next would read it as a no-JavaScript action. */
export async function isAcceptableFormPost(body: ActionBody): Promise<boolean> {
  if (!isMultipart(body)) return true; // Next leaves other POSTs to the page (URL-encoded ones included)
  const form = await readForm(body);
  return form !== null && ![...form.keys()].some((name) => name.startsWith("$ACTION_"));
}
