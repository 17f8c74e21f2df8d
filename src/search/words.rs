//! Words as the search index and the visitor's query see them: lower case, accents folded, and
//! for Indonesian the root of a word form (`membatik` → `batik`).
//!
//! The theme's `search.js` does the same to a query; the two must agree, and the browser tests
//! check that they do on the forms a visitor types.

use rustc_hash::FxHashSet;

/// Words shorter than this are left out of the index: they would match nearly everything.
pub const MIN_LEN: usize = 2;
/// Longer runs of letters are not words a visitor types (codes, addresses): cut there.
pub const MAX_LEN: usize = 24;
/// A root shorter than this is not trusted: `mean` → `me-an` would leave nothing.
const MIN_ROOT: usize = 3;

/// One character as the index spells it: lower case, a Latin letter without its accent.
fn fold(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1e00}'..='\u{1eff}').contains(&c) {
        // Latin letters with accents: the browser folds them with NFD, which gives the same
        // letter for every accented letter Indonesian and Javanese names use.
        match deunicode::deunicode_char(c) {
            Some(plain) if plain.chars().all(|p| p.is_ascii_alphanumeric()) => {
                out.extend(plain.chars().map(|p| p.to_ascii_lowercase()));
            }
            _ => out.extend(c.to_lowercase()),
        }
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The words of `text`, normalised, in order, repeats kept.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter_map(|w| {
        let mut out = String::new();
        normalise(w, &mut out).then_some(out)
    })
}

/// Calls `f` with each word of `text`, normalised, in order, repeats kept: [`words`] without a
/// new string for every word, for the index, which meets millions of them.
pub fn each(text: &str, mut f: impl FnMut(&str)) {
    let mut buffer = String::new();
    if text.is_ascii() {
        // Most text: split byte by byte, without decoding characters.
        for w in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            if w.len() >= MIN_LEN {
                buffer.clear();
                buffer.extend(
                    w[..w.len().min(MAX_LEN)]
                        .iter()
                        .map(|b| char::from(b.to_ascii_lowercase())),
                );
                f(&buffer);
            }
        }
        return;
    }
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if normalise(w, &mut buffer) {
            f(&buffer);
        }
    }
}

/// The distinct words of `text`, normalised, in the order first met, each followed by a space:
/// all the index needs of a page's body, kept from the render so that the body is not read
/// twice, and a fraction of its size.
pub fn distinct(text: &str) -> String {
    let mut all = String::with_capacity(text.len());
    let mut ends = Vec::new();
    each(text, |w| {
        all.push_str(w);
        ends.push(all.len());
    });
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut out = String::new();
    let mut start = 0;
    for end in ends {
        let word = &all[start..end];
        start = end;
        if seen.insert(word) {
            out.push_str(word);
            out.push(' ');
        }
    }
    out
}

/// Spells `raw` as the index does into `out` (emptied first); whether it is long enough to be
/// a word.
fn normalise(raw: &str, out: &mut String) -> bool {
    out.clear();
    if raw.is_ascii() {
        // Most words: one byte a letter, nothing to fold but the case.
        out.push_str(&raw[..raw.len().min(MAX_LEN)]);
        out.make_ascii_lowercase();
        return out.len() >= MIN_LEN;
    }
    for c in raw.chars().take(MAX_LEN) {
        fold(c, out);
    }
    out.chars().nth(MIN_LEN - 1).is_some()
}

/// The roots an Indonesian word form may have, besides the word itself: prefixes (`me-`, `ber-`,
/// `di-`, `ter-`, `pe-`, `ke-`, `se-`) and suffixes (`-kan`, `-an`, `-i`, `-nya`, `-lah`…) taken
/// off, in the way of Nazief and Adriani's stemmer without its dictionary. Where a prefix may have
/// eaten the root's first letter (`menulis` ← `tulis`, `memukul` ← `pukul`) both readings are
/// given. Index and query both add these, so a form finds its root and the root its forms;
/// a wrong reading only adds a weak match.
pub fn roots_id(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !word.is_ascii() {
        return out;
    }
    let mut bases = vec![word.to_string()];
    // Particles and possessives, then one derivational suffix.
    for set in [
        &["lah", "kah", "tah", "pun"][..],
        &["nya", "ku", "mu"],
        &["kan", "an", "i"],
    ] {
        let mut next = Vec::new();
        for b in &bases {
            if let Some(s) = set
                .iter()
                .find_map(|s| b.strip_suffix(s).filter(|r| r.len() > MIN_ROOT))
            {
                next.push(s.to_string());
            }
        }
        bases.extend(next);
    }
    for b in &bases {
        for root in strip_prefix(b) {
            if root.len() >= MIN_ROOT {
                out.push(root);
            }
        }
        if b != word && b.len() >= MIN_ROOT {
            out.push(b.clone());
        }
    }
    out.sort();
    out.dedup();
    out.retain(|r| r != word);
    out
}

fn vowel(c: Option<char>) -> bool {
    matches!(c, Some('a' | 'e' | 'i' | 'o' | 'u'))
}

/// What may remain once a prefix is taken off, each reading of the root's first letter.
fn strip_prefix(word: &str) -> Vec<String> {
    let first = |s: &str| s.chars().next();
    let mut out = Vec::new();
    // `meng-`, `peng-` before a vowel or g/h/k; `meny-` for s; `mem-` for b/p/f; `men-` for
    // c/d/j/t/z; `me-` before l/m/n/r/w/y.
    for (nasal, spellings) in [
        ("me", ["meng", "meny", "mem", "men"]),
        ("pe", ["peng", "peny", "pem", "pen"]),
    ] {
        let Some(rest) = word.strip_prefix(nasal) else {
            continue;
        };
        for p in spellings {
            if let Some(r) = word.strip_prefix(p) {
                out.push(r.to_string());
                if vowel(first(r)) {
                    // The root's first consonant melted into the prefix.
                    let melted = match p {
                        "meng" | "peng" => "k",
                        "meny" | "peny" => "s",
                        "mem" | "pem" => "p",
                        _ => "t",
                    };
                    out.push(format!("{melted}{r}"));
                }
                break;
            }
        }
        // `me-`, `pe-` alone come before l/m/n/r/w/y and a vowel: `melukis`, `memasak`.
        let mut letters = rest.chars();
        if matches!(letters.next(), Some('l' | 'm' | 'n' | 'r' | 'w' | 'y'))
            && vowel(letters.next())
        {
            out.push(rest.to_string());
        }
    }
    for p in ["ber", "be", "per", "ter", "di", "ke", "se"] {
        if let Some(r) = word.strip_prefix(p) {
            out.push(r.to_string());
            if p == "ber" || p == "ter" || p == "per" {
                break;
            }
        }
    }
    out.retain(|r| r.len() >= MIN_ROOT && !r.starts_with(|c: char| !c.is_ascii_alphabetic()));
    out
}

/// The shard a word's postings are in: its first two characters, or `_` and their code points
/// for characters that cannot be a file name.
pub fn shard(word: &str) -> String {
    let head: String = word.chars().take(MIN_LEN).collect();
    if head.chars().all(|c| c.is_ascii_alphanumeric()) {
        head
    } else {
        let codes: Vec<String> = head.chars().map(|c| format!("{:x}", c as u32)).collect();
        format!("_{}", codes.join("-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        words(text).collect()
    }

    #[test]
    fn distinct_words_are_normalised_once_each_in_the_order_met() {
        assert_eq!(
            distinct("Batik tulis, BATIK cap; tulis Kendi a"),
            "batik tulis cap kendi "
        );
        assert_eq!(distinct(""), "");
    }

    #[test]
    fn words_are_lower_case_without_accents() {
        assert_eq!(all("Kendi Gandrung"), ["kendi", "gandrung"]);
        assert_eq!(
            all("Batik Sékar Ârum, café!"),
            ["batik", "sekar", "arum", "cafe"]
        );
        assert_eq!(all("a b-c 12 x"), ["12"], "single letters are left out");
    }

    #[test]
    fn each_gives_what_words_gives() {
        let text = "Batik Sékar Ârum, café! a b-c 12 x membatik ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ Ab";
        let mut seen = Vec::new();
        each(text, |w| seen.push(w.to_string()));
        assert_eq!(seen, all(text));
    }

    #[test]
    fn long_runs_are_cut() {
        let w = all(&"a".repeat(100));
        assert_eq!(w[0].len(), MAX_LEN);
    }

    #[test]
    fn indonesian_forms_give_their_root() {
        let has = |w: &str, root: &str| {
            let roots = roots_id(w);
            assert!(roots.iter().any(|r| r == root), "{w} → {roots:?}");
        };
        has("membatik", "batik");
        has("menulis", "tulis");
        has("memukul", "pukul");
        has("menyapu", "sapu");
        has("mengambil", "ambil");
        has("pewarnaan", "warna");
        has("batiknya", "batik");
        has("berwarna", "warna");
        has("dibatik", "batik");
        has("pengrajin", "rajin");
        has("memasak", "masak");
        has("melukis", "lukis");
        assert!(!roots_id("membatik").contains(&"mbatik".to_string()));
    }

    #[test]
    fn roots_do_not_repeat_the_word_or_go_too_short() {
        assert!(roots_id("batik").iter().all(|r| r != "batik"));
        assert!(roots_id("mean").iter().all(|r| r.len() >= MIN_ROOT));
        assert!(roots_id("kota").is_empty(), "{:?}", roots_id("kota"));
    }

    #[test]
    fn shards_are_the_first_two_letters() {
        assert_eq!(shard("kendi"), "ke");
        assert_eq!(shard("ꦧꦠꦶ"), "_a9a7-a9a0");
    }
}
