//! Pure parsers: text in, value or [`ParseError`] out. Nothing here touches the disk;
//! callers add the path and turn byte offsets into lines and columns.
pub mod article;
pub mod date;
pub mod dateline;
pub mod front_matter;
pub mod language;
pub mod lead;
pub mod markdown;
pub mod page;
pub mod sanitize;
pub mod slug;
pub mod terms;

/// A problem at a byte offset of the text that was parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

impl ParseError {
    pub fn at(offset: usize, message: impl Into<String>) -> Self {
        Self {
            offset,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A parse error at `offset` of a file's `text` (its BOM already removed) as a
/// diagnostic at its line and column in `source`.
pub fn diagnostic_at(
    text: &str,
    source: &str,
    offset: usize,
    e: ParseError,
) -> crate::diagnostics::Diagnostic {
    let (line, column) = crate::diagnostics::line_col(text, offset);
    let d = crate::diagnostics::Diagnostic::error(source, line, column, e.message);
    match e.help {
        Some(h) => d.with_help(h),
        None => d,
    }
}
