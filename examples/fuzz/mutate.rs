//! Mutations of seed inputs: byte flips, insertions of tokens that matter to the formats recur
//! reads (quotes, markers, anchors, BOMs, control characters, typed-looking scalars), deletions,
//! duplications, splices with another seed, truncation.

/// A small deterministic generator (xorshift64*), so a run is reproducible from its seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"\"",
    b"'",
    b"\n",
    b"\r\n",
    b"\r",
    b",",
    b";",
    b"---\n",
    b"...\n",
    b"\xef\xbb\xbf",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"- ",
    b"007",
    b"no",
    b"on",
    b"0x1F",
    b"1.10",
    b"18446744073709551616",
    b"-262143-01-01",
    b"+200000-01-01",
    b"1e999",
    b"NaN",
    b"\x00",
    b"\x07",
    b"\x1b[2J",
    b"\x1b]8;;x\x07",
    "\u{202e}".as_bytes(),
    "\u{2028}".as_bytes(),
    b"#",
    b"|\n  ",
    b">-\n  ",
    b"!!binary ",
    b"!!str ",
    b"\t",
    b"id",
    b"services",
    b"started_at",
    b"2024-01-01T00:00:00Z",
    b"title",
    b"actions",
    b"root_cause",
    b"```",
    b"## ",
    b"# ",
    b"+++",
    b"null",
    b"~",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"apiVersion: backstage.io/v1alpha1\n",
    b"kind: Location\n",
    b"owner",
    b"dependsOn",
    b"@team",
    b"*",
    b"/",
    b"//",
    b"..",
    b"%YAML 1.1\n",
    b"? ",
    b"!",
    b"=",
    b"|",
    b"\xff",
    b"\xc3",
];

/// One to eight mutations of `seed` (another seed may be spliced in).
pub fn mutate(seed: &[u8], seeds: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(9) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            3 if !data.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(data.len());
                data.drain(at.min(end)..end);
            }
            4 if !data.is_empty() => {
                // Duplicate a piece, sometimes many times (sizes, nesting, repeated keys).
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(64)).min(data.len());
                let piece: Vec<u8> = data[start..end].to_vec();
                let times = if rng.below(10) == 0 {
                    1 + rng.below(2000)
                } else {
                    1
                };
                for _ in 0..times {
                    data.splice(at..at, piece.iter().copied());
                }
            }
            5 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                let start = rng.below(other.len() + 1);
                let end = (start + rng.below(200)).min(other.len());
                data.splice(at..at, other[start..end].iter().copied());
            }
            6 => data.truncate(at),
            7 if !data.is_empty() => {
                // Copy a line over another (duplicate keys and ids, swapped fields).
                let text = data.clone();
                let lines: Vec<&[u8]> = text.split_inclusive(|b| *b == b'\n').collect();
                let line = lines[rng.below(lines.len())].to_vec();
                data.splice(at..at, line);
            }
            _ => {
                let i = rng.below(data.len() + 1);
                data.insert(i, (rng.next() & 0x7f) as u8);
            }
        }
    }
    data
}
