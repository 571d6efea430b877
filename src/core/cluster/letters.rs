//! A cheap lower bound of the edit distance between two words, from the
//! letters they are made of, so that most pairs of words need no
//! letter-by-letter comparison.

/// How many of each letter a word holds, letters folded into 32 bins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Letters([u8; 32]);

impl Letters {
    pub fn of(chars: &[char]) -> Self {
        let mut bins = [0u8; 32];
        for &c in chars {
            let b = &mut bins[(c as u32 % 32) as usize];
            *b = b.saturating_add(1);
        }
        Letters(bins)
    }

    /// At most the edit distance with swaps of neighbours (optimal string
    /// alignment) of the two words: a swap keeps the letters, an insertion
    /// or deletion adds one on one side, a substitution one on each side.
    /// Letters sharing a bin only make the bound smaller.
    pub fn distance_at_least(&self, other: &Letters) -> usize {
        // Without branches, so that all bins are compared at once.
        let (mut more, mut fewer) = (0u32, 0u32);
        for (a, b) in self.0.iter().zip(&other.0) {
            more += u32::from(a.saturating_sub(*b));
            fewer += u32::from(b.saturating_sub(*a));
        }
        more.max(fewer) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Optimal string alignment distance, plainly.
    fn osa(a: &[char], b: &[char]) -> usize {
        let (n, m) = (a.len(), b.len());
        let mut d = vec![vec![0usize; m + 1]; n + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in d[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=n {
            for j in 1..=m {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        d[n][m]
    }

    #[test]
    fn the_bound_never_exceeds_the_distance() {
        let words = [
            "quartierskümmerer",
            "quartierskümern",
            "kitaplätze",
            "kitaplaetze",
            "kiezplätze",
            "sprachkurse",
            "sprachkrse",
            "sparchkurse",
            "nachbarschaft",
            "nachbarschatf",
            "ß",
            "",
            "€uro",
        ];
        for a in words {
            for b in words {
                let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let bound = Letters::of(&ca).distance_at_least(&Letters::of(&cb));
                assert!(bound <= osa(&ca, &cb), "{a} {b}");
            }
        }
        let far = |a: &str, b: &str| {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            Letters::of(&ca).distance_at_least(&Letters::of(&cb))
        };
        // It does rule pairs out: different words are far by their letters.
        assert!(far("kitaplätze", "sprachkurse") > 3);
        assert_eq!(far("sprachkurse", "sparchkurse"), 0);
    }
}
