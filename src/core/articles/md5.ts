// The first 64 bits of MD5 of a string's UTF-8 bytes, in plain JavaScript, for MinHash over
// shingles: the same values as node:crypto's createHash('md5') (stored LSH bands stay valid, no
// migration), about six times cheaper for the short strings a shingle is (no hash object and no
// digest buffer per call; createHash was 7% of ingest CPU). Not for anything that needs security.

let bytes = new Uint8Array(256);
let words = new Int32Array(bytes.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Room in `bytes` for a message of up to `n` bytes and its padding. */
function reserve(n: number): void {
  if (bytes.length < n + 72) {
    // Whole 64-byte blocks, room to spare: the Int32 view needs a multiple of 4.
    bytes = new Uint8Array((Math.ceil((n + 72) / 64) * 64) * 2);
    words = new Int32Array(bytes.buffer);
  }
}

/** UTF-8 of `s` into `bytes` (a lone surrogate becomes U+FFFD, as Buffer.from does); returns its length. */
function utf8(s: string): number {
  reserve(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) bytes[n++] = c;
    else if (c < 0x800) {
      bytes[n++] = 0xc0 | (c >> 6);
      bytes[n++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      bytes[n++] = 0xf0 | (c >> 18);
      bytes[n++] = 0x80 | ((c >> 12) & 63);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

const word = (q: number): number =>
  littleEndian ? words[q]! : bytes[q * 4]! | (bytes[q * 4 + 1]! << 8) | (bytes[q * 4 + 2]! << 16) | (bytes[q * 4 + 3]! << 24);

/** Writes the digest's first two little-endian 32-bit words (bytes 0-3 and 4-7) into `out`. */
export function md5Head(s: string, out: Uint32Array | number[]): void {
  digestHead(utf8(s), out);
}

/**
 * The same for bytes `start` to `end` of `src` (UTF-8 already): MinHash hashes each word
 * three times, in three shingles, and encodes the article once instead (near-duplicates.ts).
 */
export function md5HeadOfBytes(src: Uint8Array, start: number, end: number, out: Uint32Array | number[]): void {
  const n = end - start;
  reserve(n);
  // A shingle is a few dozen bytes: a plain loop beats a subarray view per call.
  for (let i = 0; i < n; i++) bytes[i] = src[start + i]!;
  digestHead(n, out);
}

/** MD5 of the first `n` bytes of `bytes` (the message; the padding goes after it). */
function digestHead(n: number, out: Uint32Array | number[]): void {
  // Padding: 0x80, zeros, then the length in bits as a 64-bit little-endian number.
  const total = ((n + 8) >> 6) * 64 + 64;
  bytes[n] = 0x80;
  bytes.fill(0, n + 1, total);
  const bits = n * 8;
  bytes[total - 8] = bits & 255;
  bytes[total - 7] = (bits >>> 8) & 255;
  bytes[total - 6] = (bits >>> 16) & 255;
  bytes[total - 5] = (bits >>> 24) & 255;
  bytes[total - 4] = (n / 0x20000000) & 255;
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let q = 0; q < total >> 2; q += 16) {
    const m0 = word(q), m1 = word(q + 1), m2 = word(q + 2), m3 = word(q + 3), m4 = word(q + 4), m5 = word(q + 5), m6 = word(q + 6), m7 = word(q + 7);
    const m8 = word(q + 8), m9 = word(q + 9), m10 = word(q + 10), m11 = word(q + 11), m12 = word(q + 12), m13 = word(q + 13), m14 = word(q + 14), m15 = word(q + 15);
    let a = a0, b = b0, c = c0, d = d0, t: number;
    // The 64 steps of RFC 1321, unrolled (four rounds of sixteen).
    t = (((b & c) | (~b & d)) + a + -680876936 + m0) | 0; a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (((a & b) | (~a & c)) + d + -389564586 + m1) | 0; d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (((d & a) | (~d & b)) + c + 606105819 + m2) | 0; c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (((c & d) | (~c & a)) + b + -1044525330 + m3) | 0; b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (((b & c) | (~b & d)) + a + -176418897 + m4) | 0; a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (((a & b) | (~a & c)) + d + 1200080426 + m5) | 0; d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (((d & a) | (~d & b)) + c + -1473231341 + m6) | 0; c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (((c & d) | (~c & a)) + b + -45705983 + m7) | 0; b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (((b & c) | (~b & d)) + a + 1770035416 + m8) | 0; a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (((a & b) | (~a & c)) + d + -1958414417 + m9) | 0; d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (((d & a) | (~d & b)) + c + -42063 + m10) | 0; c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (((c & d) | (~c & a)) + b + -1990404162 + m11) | 0; b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (((b & c) | (~b & d)) + a + 1804603682 + m12) | 0; a = (b + ((t << 7) | (t >>> 25))) | 0;
    t = (((a & b) | (~a & c)) + d + -40341101 + m13) | 0; d = (a + ((t << 12) | (t >>> 20))) | 0;
    t = (((d & a) | (~d & b)) + c + -1502002290 + m14) | 0; c = (d + ((t << 17) | (t >>> 15))) | 0;
    t = (((c & d) | (~c & a)) + b + 1236535329 + m15) | 0; b = (c + ((t << 22) | (t >>> 10))) | 0;
    t = (((d & b) | (~d & c)) + a + -165796510 + m1) | 0; a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (((c & a) | (~c & b)) + d + -1069501632 + m6) | 0; d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (((b & d) | (~b & a)) + c + 643717713 + m11) | 0; c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (((a & c) | (~a & d)) + b + -373897302 + m0) | 0; b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (((d & b) | (~d & c)) + a + -701558691 + m5) | 0; a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (((c & a) | (~c & b)) + d + 38016083 + m10) | 0; d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (((b & d) | (~b & a)) + c + -660478335 + m15) | 0; c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (((a & c) | (~a & d)) + b + -405537848 + m4) | 0; b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (((d & b) | (~d & c)) + a + 568446438 + m9) | 0; a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (((c & a) | (~c & b)) + d + -1019803690 + m14) | 0; d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (((b & d) | (~b & a)) + c + -187363961 + m3) | 0; c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (((a & c) | (~a & d)) + b + 1163531501 + m8) | 0; b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = (((d & b) | (~d & c)) + a + -1444681467 + m13) | 0; a = (b + ((t << 5) | (t >>> 27))) | 0;
    t = (((c & a) | (~c & b)) + d + -51403784 + m2) | 0; d = (a + ((t << 9) | (t >>> 23))) | 0;
    t = (((b & d) | (~b & a)) + c + 1735328473 + m7) | 0; c = (d + ((t << 14) | (t >>> 18))) | 0;
    t = (((a & c) | (~a & d)) + b + -1926607734 + m12) | 0; b = (c + ((t << 20) | (t >>> 12))) | 0;
    t = ((b ^ c ^ d) + a + -378558 + m5) | 0; a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = ((a ^ b ^ c) + d + -2022574463 + m8) | 0; d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = ((d ^ a ^ b) + c + 1839030562 + m11) | 0; c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = ((c ^ d ^ a) + b + -35309556 + m14) | 0; b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = ((b ^ c ^ d) + a + -1530992060 + m1) | 0; a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = ((a ^ b ^ c) + d + 1272893353 + m4) | 0; d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = ((d ^ a ^ b) + c + -155497632 + m7) | 0; c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = ((c ^ d ^ a) + b + -1094730640 + m10) | 0; b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = ((b ^ c ^ d) + a + 681279174 + m13) | 0; a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = ((a ^ b ^ c) + d + -358537222 + m0) | 0; d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = ((d ^ a ^ b) + c + -722521979 + m3) | 0; c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = ((c ^ d ^ a) + b + 76029189 + m6) | 0; b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = ((b ^ c ^ d) + a + -640364487 + m9) | 0; a = (b + ((t << 4) | (t >>> 28))) | 0;
    t = ((a ^ b ^ c) + d + -421815835 + m12) | 0; d = (a + ((t << 11) | (t >>> 21))) | 0;
    t = ((d ^ a ^ b) + c + 530742520 + m15) | 0; c = (d + ((t << 16) | (t >>> 16))) | 0;
    t = ((c ^ d ^ a) + b + -995338651 + m2) | 0; b = (c + ((t << 23) | (t >>> 9))) | 0;
    t = ((c ^ (b | ~d)) + a + -198630844 + m0) | 0; a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = ((b ^ (a | ~c)) + d + 1126891415 + m7) | 0; d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = ((a ^ (d | ~b)) + c + -1416354905 + m14) | 0; c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = ((d ^ (c | ~a)) + b + -57434055 + m5) | 0; b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = ((c ^ (b | ~d)) + a + 1700485571 + m12) | 0; a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = ((b ^ (a | ~c)) + d + -1894986606 + m3) | 0; d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = ((a ^ (d | ~b)) + c + -1051523 + m10) | 0; c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = ((d ^ (c | ~a)) + b + -2054922799 + m1) | 0; b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = ((c ^ (b | ~d)) + a + 1873313359 + m8) | 0; a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = ((b ^ (a | ~c)) + d + -30611744 + m15) | 0; d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = ((a ^ (d | ~b)) + c + -1560198380 + m6) | 0; c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = ((d ^ (c | ~a)) + b + 1309151649 + m13) | 0; b = (c + ((t << 21) | (t >>> 11))) | 0;
    t = ((c ^ (b | ~d)) + a + -145523070 + m4) | 0; a = (b + ((t << 6) | (t >>> 26))) | 0;
    t = ((b ^ (a | ~c)) + d + -1120210379 + m11) | 0; d = (a + ((t << 10) | (t >>> 22))) | 0;
    t = ((a ^ (d | ~b)) + c + 718787259 + m2) | 0; c = (d + ((t << 15) | (t >>> 17))) | 0;
    t = ((d ^ (c | ~a)) + b + -343485551 + m9) | 0; b = (c + ((t << 21) | (t >>> 11))) | 0;
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  out[0] = a0 >>> 0;
  out[1] = b0 >>> 0;
}
