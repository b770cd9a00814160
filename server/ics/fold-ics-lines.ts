// RFC 5545 §3.1 line folding, byte-for-byte what ical-generator's foldLines produces (a
// test proves it), but fast: the library encodes every character with a new TextEncoder,
// which took ~3 s for a 10k-event feed. Lines are cut before a character that would take
// the line past 74 octets, so every physical line, continuation space included, is <= 75.
const NON_ASCII = /[^\x00-\x7F]/;
const MAX = 74;

function foldAscii(line: string): string {
  if (line.length <= MAX) return line;
  const parts: string[] = [];
  for (let start = 0; start < line.length; start += MAX) parts.push(line.slice(start, start + MAX));
  return parts.join('\r\n ');
}

function utf8Size(code: number): number {
  return code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
}

function foldUtf8(line: string): string {
  let out = '';
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    let units = 1;
    let size: number;
    if (code >= 0xd800 && code <= 0xdbff) {
      // A high surrogate travels with the next unit, as in the library (a pair is 4 octets).
      units = i + 1 < line.length ? 2 : 1;
      size = Buffer.byteLength(line.slice(i, i + units));
    } else {
      size = utf8Size(code);
    }
    octets += size;
    if (octets > MAX) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = size;
    }
    i += units - 1;
  }
  return start === 0 ? line : out + line.slice(start);
}

export function foldIcsLines(text: string): string {
  const lines = text.split('\r\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // 18 UTF-16 units are at most 72 octets: nothing to fold, no need to look.
    if (line.length <= 18) continue;
    if (!NON_ASCII.test(line)) lines[i] = foldAscii(line);
    // Counting octets natively first spares the character loop every line that fits.
    else if (Buffer.byteLength(line, 'utf8') > MAX) lines[i] = foldUtf8(line);
  }
  return lines.join('\r\n');
}
