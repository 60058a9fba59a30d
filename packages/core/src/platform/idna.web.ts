/**
 * Domain name conversion where node:url does not exist, with the same results as Node's
 * `domainToASCII` / `domainToUnicode`: to ASCII through the runtime's WHATWG `URL` (the same
 * UTS #46 processing Node uses), back to Unicode by decoding the `xn--` labels (RFC 3492).
 * Both return '' for an invalid domain, as Node's do.
 */
export function domainToASCII(domain: string): string {
  if (domain === '') return '';
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return '';
  }
}

export function domainToUnicode(domain: string): string {
  const labels = domain.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label.slice(0, 4).toLowerCase() !== 'xn--') continue;
    const decoded = decodePunycode(label.slice(4));
    if (decoded === null) return '';
    // UTS #46 §4.1: an xn-- label that decodes to ASCII only is not a real A-label; ToUnicode
    // keeps it as is (Node 24's domainToUnicode does; Node 20's decoded it).
    if (/^[\x00-\x7f]*$/.test(decoded)) continue;
    labels[i] = decoded;
  }
  return labels.join('.');
}

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0-9 -> 26-35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z
  return BASE;
}

/** RFC 3492 section 6.2 decoding; null for malformed input. */
function decodePunycode(input: string): string | null {
  const output: number[] = [];
  const basic = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(basic, 0); j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = basic > 0 ? basic + 1 : 0; at < input.length; ) {
    const oldI = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const d = digit(input.charCodeAt(at++));
      if (d >= BASE || d > Math.floor((0x7fffffff - i) / w)) return null;
      i += d * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (d < t) break;
      if (w > Math.floor(0x7fffffff / (BASE - t))) return null;
      w *= BASE - t;
    }
    const points = output.length + 1;
    bias = adapt(i - oldI, points, oldI === 0);
    if (Math.floor(i / points) > 0x10ffff - n) return null;
    n += Math.floor(i / points);
    i %= points;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}
