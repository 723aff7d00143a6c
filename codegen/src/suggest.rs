//! The "did you mean" rule every engine uses, and a fast way to apply it to long lists.
//!
//! The suggestion for a key is the name at the least Levenshtein distance (over code
//! points) from it, when that distance is at most [`MAX_DISTANCE`]; ties go to the earliest
//! name of the list; no name within the distance, no suggestion.
//!
//! A list of [`INDEX_FROM`] names or more is indexed once (symmetric deletion, as in
//! SymSpell): every string made by deleting at most two code points of a name points to
//! the name. Two strings are within distance two only if deleting at most two code points
//! of each gives a common string (a substitution is a deletion on both sides, an insertion
//! one on the other side), so the names sharing a deletion with the key are the only
//! candidates; each is checked with the real distance. The index holds hashes of the
//! deletions (a collision only adds a candidate, which the check removes).

use std::sync::OnceLock;

/// The greatest distance a suggestion may have.
pub const MAX_DISTANCE: usize = 2;

/// Lists this long or longer are indexed; shorter ones are scanned (same answer).
pub const INDEX_FROM: usize = 16;

/// The suggestion for `key` among `names` (see the module documentation).
pub fn suggest<'a>(key: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // One scan: an index pays off only when the same list is searched again.
    let names: Vec<&str> = names.into_iter().collect();
    let chars: Vec<Vec<char>> = names.iter().map(|n| n.chars().collect()).collect();
    let key: Vec<char> = key.chars().collect();
    scan(&key, chars.iter().enumerate()).map(|i| names[i])
}

/// A list of names, ready for suggestions: split into code points once, indexed on the
/// first suggestion when it is long.
pub struct Suggester {
    names: Vec<Vec<char>>,
    index: OnceLock<Index>,
}

/// The hashes of every name's deletions, sorted, each with the name's position.
struct Index {
    entries: Vec<(u64, u32)>,
    /// The longest name, in code points (a longer key by more than two has no suggestion).
    longest: usize,
}

impl Suggester {
    pub fn new<S: AsRef<str>>(names: &[S]) -> Self {
        Suggester {
            names: names.iter().map(|n| n.as_ref().chars().collect()).collect(),
            index: OnceLock::new(),
        }
    }

    /// The position in the list of the suggestion for `key`, if any.
    pub fn suggest(&self, key: &str) -> Option<usize> {
        let key: Vec<char> = key.chars().collect();
        if self.names.len() < INDEX_FROM {
            return scan(&key, self.names.iter().enumerate());
        }
        let index = self.index.get_or_init(|| Index::new(&self.names));
        if key.len() > index.longest + MAX_DISTANCE {
            return None;
        }
        let mut candidates: Vec<u32> = Vec::new();
        deletions(&key, |h| {
            let start = index.entries.partition_point(|&(e, _)| e < h);
            candidates.extend(
                index.entries[start..]
                    .iter()
                    .take_while(|&&(e, _)| e == h)
                    .map(|&(_, i)| i),
            );
        });
        candidates.sort_unstable();
        candidates.dedup();
        scan(
            &key,
            candidates
                .into_iter()
                .map(|i| (i as usize, &self.names[i as usize])),
        )
    }
}

impl Index {
    fn new(names: &[Vec<char>]) -> Self {
        let mut entries = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 2^32 names");
            deletions(name, |h| entries.push((h, i)));
        }
        entries.sort_unstable();
        entries.dedup();
        Index {
            entries,
            longest: names.iter().map(Vec::len).max().unwrap_or(0),
        }
    }
}

/// Calls `f` with the hash of every string made by deleting at most two code points of `s`
/// (the same string may come more than once).
fn deletions(s: &[char], mut f: impl FnMut(u64)) {
    let hash = |skip: [usize; 2]| {
        // FNV-1a over the code points kept (deterministic, no allocation).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (k, &c) in s.iter().enumerate() {
            if k != skip[0] && k != skip[1] {
                h ^= u64::from(c);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let none = usize::MAX;
    f(hash([none, none]));
    for i in 0..s.len() {
        f(hash([i, none]));
        for j in i + 1..s.len() {
            f(hash([i, j]));
        }
    }
}

/// The first of `names` (in the order given) at the least distance from `key`, at most
/// [`MAX_DISTANCE`].
fn scan<'n>(key: &[char], names: impl Iterator<Item = (usize, &'n Vec<char>)>) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut row = Vec::new();
    for (i, chars) in names {
        // Only a distance below the best so far can change the answer.
        let bound = best.map_or(MAX_DISTANCE, |(d, _)| d - 1);
        if let Some(d) = distance_within(key, chars, bound, &mut row) {
            best = Some((d, i));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, i)| i)
}

/// The Levenshtein distance (in chars) between `a` and `b` when it is at most `bound`,
/// else `None`: a length difference above the bound, or a row of the table whose every
/// entry is above it, ends the work early. `row` is scratch space.
fn distance_within(a: &[char], b: &[char], bound: usize, row: &mut Vec<usize>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    row.clear();
    row.extend(0..=a.len());
    for (j, &cb) in b.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = j + 1;
        let mut least = row[0];
        for (i, ca) in a.iter().enumerate() {
            let substitute = diagonal + usize::from(*ca != cb);
            diagonal = row[i + 1];
            let value = substitute.min(row[i] + 1).min(diagonal + 1);
            row[i + 1] = value;
            least = least.min(value);
        }
        if least > bound {
            return None;
        }
    }
    let d = row[a.len()];
    (d <= bound).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as written: every name's full distance, the first least one within two.
    fn by_full_distance<'a>(key: &str, names: &[&'a str]) -> Option<&'a str> {
        let mut best: Option<(usize, &str)> = None;
        for n in names {
            let d = strsim::generic_levenshtein(
                &key.chars().collect::<Vec<_>>(),
                &n.chars().collect::<Vec<_>>(),
            );
            if d <= MAX_DISTANCE && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, n));
            }
        }
        best.map(|(_, n)| n)
    }

    /// A small deterministic generator (xorshift).
    fn rng(seed: u64) -> impl FnMut() -> u64 {
        let mut state = seed;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// A word over a small alphabet (with a non-ASCII letter), and a key near a name:
    /// up to three of its code points changed, deleted or inserted.
    fn word(len: usize, next: &mut dyn FnMut() -> u64) -> String {
        let alphabet: Vec<char> = "abé_1𝔵".chars().collect();
        (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect()
    }

    fn near(name: &str, next: &mut dyn FnMut() -> u64) -> String {
        let mut k: Vec<char> = name.chars().collect();
        for _ in 0..(next() % 4) {
            let i = (next() % (k.len() as u64 + 1)) as usize;
            match next() % 3 {
                0 if i < k.len() => k[i] = 'q',
                1 if i < k.len() => {
                    k.remove(i);
                }
                _ => k.insert(i, 'é'),
            }
        }
        k.into_iter().collect()
    }

    #[test]
    fn short_and_long_lists_follow_the_rule() {
        let mut next = rng(0x9E37_79B9_7F4A_7C15);
        let mut found = 0;
        let mut indexed = 0;
        for round in 0..400 {
            // Below and above the length that is indexed.
            let count = (next() % 60) as usize;
            let names: Vec<String> = (0..count)
                .map(|_| {
                    let len = (next() % 9) as usize;
                    word(len, &mut next)
                })
                .collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let suggester = Suggester::new(&names);
            indexed += usize::from(count >= INDEX_FROM);
            for _ in 0..20 {
                let key = match names.get((next() % (count as u64 + 1)) as usize) {
                    Some(n) if !next().is_multiple_of(4) => near(n, &mut next),
                    _ => {
                        let len = (next() % 12) as usize;
                        word(len, &mut next)
                    }
                };
                let expected = by_full_distance(&key, &names);
                found += usize::from(expected.is_some());
                assert_eq!(
                    suggester.suggest(&key).map(|i| names[i]),
                    expected,
                    "round {round}: {key:?} among {names:?}"
                );
                assert_eq!(suggest(&key, names.iter().copied()), expected);
            }
        }
        assert!(found > 2000, "only {found} keys had a suggestion");
        assert!(indexed > 200, "only {indexed} lists were indexed");
    }

    #[test]
    fn the_distance_is_at_most_two_and_ties_go_to_the_first() {
        let names: Vec<String> = (0..40).map(|i| format!("parameter_{i}")).collect();
        let s = Suggester::new(&names);
        // Distance 1 from every parameter_N of one digit: the first wins.
        assert_eq!(s.suggest("parameter_"), Some(0));
        assert_eq!(s.suggest("paramter_1"), Some(1));
        assert_eq!(s.suggest("paramtr_1"), Some(1));
        // Three edits: nothing, however long the key (the old rule allowed len/3).
        assert_eq!(s.suggest("pramtr_1"), None);
        assert_eq!(s.suggest("parameter_39"), Some(39));
        assert_eq!(s.suggest(""), None);
    }
}
