/**
 * What a user may type as a link target: http(s) and mailto addresses; "example.org/page" gets
 * https:// in front. Anything else (javascript:, data:…) is refused rather than stored in a document
 * that other people will click.
 */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function normalizeLinkUrl(text) {
  const trimmed = String(text ?? '').trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  const candidate = hasScheme ? trimmed : `https://${trimmed.replace(/^\/\//, '')}`;
  let url;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return hasScheme ? trimmed : url.href;
}
