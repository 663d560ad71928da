/** Identity Center accepts permission-set sessions from one to twelve hours. */
export const MIN_SESSION_SECONDS = 3600;
export const MAX_SESSION_SECONDS = 12 * 3600;

export type DurationParse = { readonly ok: true; readonly seconds: number } | { readonly ok: false };

/**
 * Parses the time part of an ISO-8601 duration (`PT8H`, `PT1H30M`, `PT3600S`). Identity Center
 * only takes hours, minutes and seconds, so date parts (`P1D`) are rejected as malformed.
 */
export function parseIsoDuration(text: string): DurationParse {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return { ok: false };
  return { ok: true, seconds: Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
}
