//! The dateline mix: 1,000 leads from benches/leads.txt (staff and agency copy,
//! English, Urdu and Arabic, and ordinary openings with no dateline), each of the
//! file's leads followed by several different story texts. Shared by
//! `dateline/mix_1000` in benches/hot.rs and examples/dateline_mix.rs.

/// The 1,000 leads made from the lines of `file`.
pub(crate) fn mixed_leads(file: &str) -> Vec<String> {
    let leads: Vec<&str> = file.lines().filter(|l| !l.trim().is_empty()).collect();
    let tails = [
        "",
        " Officials said more details would follow.",
        "\n\nA second paragraph of the story.",
        " The statement did not say when.",
    ];
    (0..1000)
        .map(|i| {
            format!(
                "{}{}",
                leads[i % leads.len()],
                tails[(i / leads.len()) % tails.len()]
            )
        })
        .collect()
}
