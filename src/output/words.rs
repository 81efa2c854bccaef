//! Counted nouns in prose: "1 incident", "2 incidents", never "1 incidents".

/// `n` and the noun, plural when `n` is not 1 (regular plurals: every noun recur counts takes -s).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_is_plural() {
        assert_eq!(count(1, "incident"), "1 incident");
        assert_eq!(count(0, "service"), "0 services");
        assert_eq!(count(12, "follow-up"), "12 follow-ups");
    }
}
