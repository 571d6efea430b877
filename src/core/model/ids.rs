//! Ids of boards, cards, themes and measures: a one-letter prefix and a short
//! random part, so that two clerks working in two copies of a session never
//! hand out the same id and their files merge.
//!
//! The random part is [`RANDOM_LEN`] characters of lower-case Crockford
//! base32 (40 bits). Two clerks who each add 2,000 cards between two merges
//! meet a common id with a chance of about 4 in a million; the merge driver
//! gives such a card a new id, and `stellwand repair` does for a file merged
//! without it. Within one file a new id is checked against the ids in use.

/// Length of the random part of an id.
pub const RANDOM_LEN: usize = 8;

/// Crockford's base32 alphabet in lower case: no `i`, `l`, `o`, `u`, so an id
/// read aloud or copied by hand is not misread.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A new id `PREFIX` + random part that `taken` does not know.
pub fn random_id(prefix: &str, taken: impl Fn(&str) -> bool) -> String {
    random_id_from(prefix, taken, random_bytes)
}

/// [`random_id`] with the random bytes from `source` (tests use a fixed one).
pub fn random_id_from(
    prefix: &str,
    taken: impl Fn(&str) -> bool,
    mut source: impl FnMut() -> [u8; 5],
) -> String {
    loop {
        let id = encode(prefix, source());
        if !taken(&id) {
            return id;
        }
    }
}

/// Whether `id` has the form of an id handed out by [`random_id`].
pub fn is_random_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && id.len() == 1 + RANDOM_LEN
        && chars.all(|c| ALPHABET.contains(&(c as u8)) && c.is_ascii())
}

fn encode(prefix: &str, bytes: [u8; 5]) -> String {
    let mut n = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    let mut out = String::with_capacity(prefix.len() + RANDOM_LEN);
    out.push_str(prefix);
    let mut tail = [0u8; RANDOM_LEN];
    for slot in tail.iter_mut().rev() {
        *slot = ALPHABET[(n & 31) as usize];
        n >>= 5;
    }
    out.extend(tail.iter().map(|b| *b as char));
    out
}

/// Five bytes from the operating system's random source; should that fail,
/// from the standard library's per-process random hash keys and the clock,
/// which still differ between two programs.
fn random_bytes() -> [u8; 5] {
    let mut bytes = [0u8; 5];
    if getrandom::fill(&mut bytes).is_ok() {
        return bytes;
    }
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    let v = h.finish().to_be_bytes();
    bytes.copy_from_slice(&v[..5]);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_prefix_and_eight_base32_characters() {
        let id = random_id("k", |_| false);
        assert!(id.starts_with('k'), "{id}");
        assert_eq!(id.len(), 9, "{id}");
        assert!(is_random_id(&id), "{id}");
        assert_eq!(encode("b", [0; 5]), "b00000000");
        assert_eq!(encode("b", [0xff; 5]), "bzzzzzzzz");
        assert!(!is_random_id("k12"));
        assert!(!is_random_id("kIIIIIIII"));
    }

    #[test]
    fn an_id_in_use_is_never_handed_out() {
        let used = encode("k", [1, 2, 3, 4, 5]);
        let mut calls = 0;
        let id = random_id_from(
            "k",
            |id| id == used,
            || {
                calls += 1;
                if calls == 1 { [1, 2, 3, 4, 5] } else { [9; 5] }
            },
        );
        assert_ne!(id, used);
        assert_eq!(calls, 2);
    }

    #[test]
    fn ten_thousand_ids_of_one_program_are_all_different() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..10_000 {
            assert!(seen.insert(random_id("k", |_| false)));
        }
    }
}
