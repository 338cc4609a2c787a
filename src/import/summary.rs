//! What an import did: the counts, every item left out and why, every problem with
//! where it was found, and the notes that concern many items; and the closing report
//! printed from them. Pure: the [`Importer`](super::run::Importer) fills it.

use std::collections::BTreeMap;

/// What happened to the items of one run.
#[derive(Debug, Default)]
pub struct Summary {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// (where, why) for every item left out on purpose or by a problem.
    pub skipped: Vec<(String, String)>,
    /// (where, what) for bad input: the run goes on, the exit code says it.
    pub errors: Vec<(String, String)>,
    /// Things to know that concern many items, with how many.
    pub notes: BTreeMap<String, usize>,
    /// Files written (articles, images, the ledger).
    pub written: usize,
}

impl Summary {
    /// One `FILE:POSITION: error: what` line per item that could not be imported.
    pub fn error_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.errors
            .iter()
            .map(|(at, what)| format!("{at}: error: {what}"))
    }

    /// The closing report, one line per problem and a count line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for line in self.error_lines() {
            out.push_str(&line);
            out.push('\n');
        }
        for (at, why) in &self.skipped {
            out.push_str(&format!("{at}: skipped: {why}\n"));
        }
        for (note, n) in &self.notes {
            out.push_str(&format!("note: {note} ({n})\n"));
        }
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, why) in &self.skipped {
            *reasons.entry(reason_kind(why)).or_default() += 1;
        }
        let reasons: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        out.push_str(&format!(
            "imported {}, updated {}, unchanged {}, skipped {}{}, errors {}\n",
            self.imported,
            self.updated,
            self.unchanged,
            self.skipped.len(),
            if reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", reasons.join(", "))
            },
            self.errors.len()
        ));
        out
    }
}

/// A reason's first clause, to group the summary (`post type nav_menu_item is not imported`
/// → itself; `edited by hand since …; not overwritten` → `edited by hand since …`).
fn reason_kind(why: &str) -> &str {
    why.split(';').next().unwrap_or(why)
}
