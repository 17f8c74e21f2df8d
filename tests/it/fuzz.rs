//! The fuzz targets' inputs replayed on stable Rust, on every `cargo test`: the committed corpus
//! (`fuzz/corpus/<target>/`) and a few thousand mutations of it (bytes flipped, cut, repeated,
//! spliced), from a fixed seed so a failure repeats. cargo-fuzz runs the same targets for longer
//! (`bash fuzz/run`); a crash either finds becomes a file under `fuzz/corpus/<target>/` (named
//! `regression-…`), replayed here from then on.

use std::path::Path;

#[path = "../../fuzz/harness.rs"]
mod harness;

/// Mutations of each corpus file per target.
const MUTATIONS: usize = 400;

/// xorshift: a fixed, dependency-free sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that break parsers: quotes, brackets, YAML marks, Markdown marks, invalid UTF-8.
const SPICE: &[&[u8]] = &[
    b"\n---\n",
    b"[",
    b"{",
    b"'",
    b"\"",
    b"&a ",
    b"*a",
    b"!!",
    b": ",
    b"\n  - ",
    b"\t",
    b"\r\n",
    b"\xff",
    b"\xc3",
    b"\0",
    b"](",
    b"<a>",
    b"\\",
    b"#",
    b"|\n",
    b"%",
    b"\xef\xbb\xbf",
];

fn mutate(rng: &mut Rng, seed: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => data.truncate(at),
            2 => {
                let spice = SPICE[rng.below(SPICE.len())];
                data.splice(at..at, spice.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(data.len());
                let piece = data[at..end].to_vec();
                for _ in 0..rng.below(50) {
                    data.splice(at..at, piece.iter().copied());
                }
            }
            4 if !others.is_empty() => {
                let other = &others[rng.below(others.len())];
                let from = rng.below(other.len());
                data.splice(at..at, other[from..].iter().copied());
            }
            _ => data.insert(at, rng.below(256) as u8),
        }
    }
    data
}

#[test]
fn every_fuzz_target_survives_its_corpus_and_mutations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut total = 0;
    for (name, target) in harness::TARGETS {
        let mut files: Vec<_> = std::fs::read_dir(root.join(name))
            .unwrap_or_else(|e| panic!("fuzz/corpus/{name}: {e}"))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        let corpus: Vec<Vec<u8>> = files
            .iter()
            .map(|f| std::fs::read(f).expect("read"))
            .collect();
        assert!(!corpus.is_empty(), "fuzz/corpus/{name} is empty");
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for (file, seed) in files.iter().zip(&corpus) {
            target(seed);
            total += 1;
            let rounds = if name == "site_yaml" || name == "photo" {
                MUTATIONS / 8
            } else {
                MUTATIONS
            };
            for i in 0..rounds {
                let input = mutate(&mut rng, seed, &corpus);
                let outcome = std::panic::catch_unwind(|| target(&input));
                assert!(
                    outcome.is_ok(),
                    "{name}: mutation {i} of {} panicked; input: {:?}",
                    file.display(),
                    String::from_utf8_lossy(&input)
                );
                total += 1;
            }
        }
    }
    eprintln!("fuzz replay: {total} inputs");
}
