const MONTHS: Readonly<Record<string, number>> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*';
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*';
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2}))?';
const ZONE = '(gmt|utc|ut|z|[ecmp][sd]t|a[sd]t|[+-]\\d{4})';

/** The named North American zones Python's `email.utils.parsedate_tz` knows, in hours from UTC. */
const NAMED_ZONES: Readonly<Record<string, number>> = {
  ast: -4,
  adt: -3,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
};

/** IMF-fixdate and RFC 850: `Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT`. */
const DAY_FIRST = new RegExp(
  `^\\s*(?:${DAY},?\\s*)?(\\d{1,2})[\\s-]+${MONTH}\\.?[\\s-]+(\\d{2}|\\d{4})\\s+${TIME}\\s*(?:${ZONE})?\\s*$`,
  'i',
);
/** asctime: `Sun Nov  6 08:49:37 1994`. */
const ASCTIME = new RegExp(
  `^\\s*(?:${DAY},?\\s+)?${MONTH}\\s+(\\d{1,2})\\s+${TIME}\\s+(\\d{4})\\s*(?:${ZONE})?\\s*$`,
  'i',
);

/**
 * Parses an HTTP date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850, asctime) into epoch ms, or
 * null when the value is not a date. Like Python's `email.utils.parsedate_tz` (which urllib3
 * uses) it also takes a numeric zone (`+0200`), the North American zone names it knows (`EST`,
 * `PDT`, …) and two-digit years (69-99 are 19xx, else 20xx). A missing zone is GMT, the only
 * zone HTTP dates use.
 */
export function parseHttpDate(value: string): number | null {
  let match = DAY_FIRST.exec(value);
  if (match !== null) {
    const [, day, month, year, hour, minute, second, zone] = match;
    return build(year!, month!, day!, hour!, minute!, second, zone);
  }
  match = ASCTIME.exec(value);
  if (match !== null) {
    const [, month, day, hour, minute, second, year, zone] = match;
    return build(year!, month!, day!, hour!, minute!, second, zone);
  }
  return null;
}

function build(
  yearText: string,
  monthText: string,
  dayText: string,
  hourText: string,
  minuteText: string,
  secondText: string | undefined,
  zone: string | undefined,
): number | null {
  let year = Number(yearText);
  if (yearText.length === 2) year += year > 68 ? 1900 : 2000;
  const month = MONTHS[monthText.slice(0, 3).toLowerCase()]!;
  const day = Number(dayText);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const time = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 Feb over into March: refuse dates that do not exist.
  if (new Date(time).getUTCDate() !== day) return null;
  return time - zoneOffsetMs(zone);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined) return 0;
  const named = NAMED_ZONES[zone.toLowerCase()];
  if (named !== undefined) return named * 3_600_000;
  if (!/^[+-]/.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(3, 5));
  return sign * (hours * 60 + minutes) * 60_000;
}
