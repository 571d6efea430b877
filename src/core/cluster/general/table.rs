//! The general synonyms in the compact form the program carries: a hash
//! table from word key to synonym sets, made from the text file when the
//! program is built (`build.rs`) and read in place at run time, so that no
//! run spends time or memory on reading 25,000 sets. Shared by the build
//! script and the program: it uses nothing but `std`.
//!
//! Layout, all numbers `u32` little-endian: a header (sets, slots, entries,
//! sets of all entries), the slots (entry + 1, 0 when empty; open addressing with
//! linear probing by [`hash`]), the entries (key offset, key length | sets
//! << 16, offset of the sets), the sets of all entries, then the keys'
//! bytes.

use std::collections::HashMap;

/// Sets with more words than this are too loose to tell anything.
pub const MAX_SET: usize = 10;
/// Words in more sets than this have too many senses to be used.
pub const MAX_SENSES: usize = 4;

const HEADER: usize = 4;
const ENTRY: usize = 3;

/// The key a word is looked up by: lower case, letters and digits only,
/// umlauts folded, and one inflection ending cut ("Wohnungen" and "Wohnung",
/// "Ärzte" and "Arzt" meet), appended to `out`. Cheaper than a full
/// stemmer; cards are looked up the same way.
pub fn key_into(word: &str, out: &mut String) {
    let start = out.len();
    for c in word.chars() {
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            'ä' | 'Ä' => out.push('a'),
            'ö' | 'Ö' => out.push('o'),
            'ü' | 'Ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let len = out.len() - start;
    for ending in ["ern", "en", "er", "es", "em", "e", "n", "s"] {
        if len >= ending.len() + 4 && out.ends_with(ending) {
            out.truncate(out.len() - ending.len());
            break;
        }
    }
}

/// Reads the text format (`#` comment lines, else words separated by `;`):
/// the number of sets kept, and each key with the sets it is in, for keys
/// of at least three letters in at most [`MAX_SENSES`] sets. A set is kept
/// when it has two to [`MAX_SET`] words of at least two keys.
pub fn entries(text: &str) -> (u32, Vec<(String, Vec<u32>)>) {
    let mut sets = 0u32;
    let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
    let mut keys: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line
            .split(';')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() < 2 || words.len() > MAX_SET {
            continue;
        }
        keys.clear();
        keys.extend(words.iter().map(|w| {
            let mut k = String::new();
            key_into(w, &mut k);
            k
        }));
        keys.sort();
        keys.dedup();
        if keys.len() < 2 {
            continue;
        }
        for k in keys.drain(..) {
            if k.chars().count() >= 3 {
                by_key.entry(k).or_default().push(sets);
            }
        }
        sets += 1;
    }
    let mut out: Vec<(String, Vec<u32>)> = by_key
        .into_iter()
        .filter(|(_, ids)| ids.len() <= MAX_SENSES)
        .collect();
    out.sort();
    (sets, out)
}

/// FNV-1a of a key's bytes: the same at build and at run time.
pub fn hash(key: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in key {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The compact form of the text format.
pub fn build(text: &str) -> Vec<u8> {
    let (sets, entries) = entries(text);
    let slots = (entries.len() * 2).next_power_of_two().max(2);
    let mut slot = vec![0u32; slots];
    let mut table: Vec<u32> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut keys: Vec<u8> = Vec::new();
    for (i, (key, sets)) in entries.iter().enumerate() {
        let mut s = hash(key.as_bytes()) as usize & (slots - 1);
        while slot[s] != 0 {
            s = (s + 1) & (slots - 1);
        }
        slot[s] = i as u32 + 1;
        assert!(key.len() <= 0xffff, "a word of {} bytes", key.len());
        table.push(keys.len() as u32);
        table.push(key.len() as u32 | (sets.len() as u32) << 16);
        table.push(ids.len() as u32);
        keys.extend_from_slice(key.as_bytes());
        ids.extend_from_slice(sets);
    }
    let header = [sets, slots as u32, entries.len() as u32, ids.len() as u32];
    let mut out = Vec::with_capacity(4 * (HEADER + slots + table.len() + ids.len()) + keys.len());
    for n in header.iter().chain(&slot).chain(&table).chain(&ids) {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(&keys);
    out
}

/// A compact table, read in place.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a>(pub &'a [u8]);

impl Table<'_> {
    fn word(&self, i: usize) -> u32 {
        let b = &self.0[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// How many sets the table was made of.
    pub fn sets(&self) -> usize {
        if self.0.is_empty() {
            0
        } else {
            self.word(0) as usize
        }
    }

    /// The sets a key is in (none for unknown keys and for keys with many
    /// senses), written into `out`; how many.
    pub fn sets_of(&self, key: &str, out: &mut [u32; MAX_SENSES]) -> usize {
        if self.0.is_empty() {
            return 0;
        }
        let (slots, entries) = (self.word(1) as usize, self.word(2) as usize);
        let table = HEADER + slots;
        let ids = table + ENTRY * entries;
        // The keys' bytes follow the sets of every entry.
        let keys = 4 * (ids + self.word(3) as usize);
        let mut s = hash(key.as_bytes()) as usize & (slots - 1);
        loop {
            let e = self.word(HEADER + s) as usize;
            if e == 0 {
                return 0;
            }
            let at = table + ENTRY * (e - 1);
            let (offset, len_n) = (self.word(at) as usize, self.word(at + 1));
            let len = (len_n & 0xffff) as usize;
            if self.0[keys + offset..keys + offset + len] == *key.as_bytes() {
                let n = ((len_n >> 16) as usize).min(MAX_SENSES);
                let first = self.word(at + 2) as usize;
                for (k, slot) in out.iter_mut().enumerate().take(n) {
                    *slot = self.word(ids + first + k);
                }
                return n;
            }
            s = (s + 1) & (slots - 1);
        }
    }
}
