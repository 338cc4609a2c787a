//! Problems with a user's files, reported all at once with path, line and column.
//! Input: whatever stage found the problem. Output: text a reader can act on.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file. `line` and `column` are 1-based; 0 means "not known".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(
        file: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, line, column, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem, reported as a warning.
    pub fn into_warning(self) -> Self {
        Self {
            severity: Severity::Warning,
            ..self
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// How much a command prints besides its result and its errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only (`--quiet`): no warnings, notes or summary lines.
    Quiet,
    #[default]
    Normal,
    /// Also the time and memory of each stage (`--verbose`).
    Verbose,
}

impl Verbosity {
    pub fn quiet(self) -> bool {
        self == Verbosity::Quiet
    }
    pub fn verbose(self) -> bool {
        self == Verbosity::Verbose
    }
}

const BOLD: anstyle::Style = anstyle::Style::new().bold();
const ERROR: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();
const WARNING: anstyle::Style = anstyle::AnsiColor::Yellow.on_default().bold();
const HELP: anstyle::Style = anstyle::AnsiColor::Cyan.on_default().bold();
const NOTE: anstyle::Style = anstyle::AnsiColor::Green.on_default().bold();

/// `d` as [`Diagnostic`]'s text, with the place in bold and the severity and `help:`
/// in colour (ANSI escapes; [`eprint`] drops them where colour is not wanted).
pub fn styled(d: &Diagnostic) -> String {
    let mut place = d.file.clone();
    if d.line > 0 {
        place.push_str(&format!(":{}", d.line));
        if d.column > 0 {
            place.push_str(&format!(":{}", d.column));
        }
    }
    let (kind, style) = match d.severity {
        Severity::Error => ("error", ERROR),
        Severity::Warning => ("warning", WARNING),
    };
    let mut out = format!(
        "{BOLD}{place}:{BOLD:#} {style}{kind}:{style:#} {}",
        d.message
    );
    if let Some(help) = &d.help {
        out.push_str(&format!("\n  {HELP}help:{HELP:#} {help}"));
    }
    out
}

/// A summary line that begins `error:`, `warning:` or `note:`, that word coloured.
pub fn styled_line(line: &str) -> String {
    for (word, style) in [("error:", ERROR), ("warning:", WARNING), ("note:", NOTE)] {
        if let Some(rest) = line.strip_prefix(word) {
            return format!("{style}{word}{style:#}{rest}");
        }
    }
    line.to_string()
}

/// Prints to standard error in colour when it is a terminal, and without when it is
/// piped or redirected, when `NO_COLOR` is set, or when the terminal cannot show
/// colour (`CLICOLOR_FORCE=1` forces colour).
pub fn eprint(text: &str) {
    use std::io::Write;
    let mut err = anstream::stderr().lock();
    let _ = writeln!(err, "{text}");
}

/// `1 article`, `2 articles`: a count with its noun in the right number, for every
/// count a command prints.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Sorts diagnostics by file, line and column so reports are stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let t = "ab\ncdé\nf";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 7), (2, 4));
        assert_eq!(line_col(t, 8), (3, 1));
        assert_eq!(line_col(t, 99), (3, 2));
    }

    #[test]
    fn styled_is_the_display_text_in_colour() {
        let d = Diagnostic::warning("content/a.md", 3, 7, "x").with_help("y");
        let styled = styled(&d);
        assert_ne!(styled, d.to_string());
        assert!(styled.contains("\u{1b}[1m\u{1b}[33mwarning:"), "{styled:?}");
        let plain: String = anstream::adapter::strip_str(&styled).to_string();
        assert_eq!(plain, d.to_string());
        let line = styled_line("error: check failed");
        assert_eq!(
            anstream::adapter::strip_str(&line).to_string(),
            "error: check failed"
        );
        assert_ne!(line, "error: check failed");
    }

    #[test]
    fn display_with_help() {
        let d = Diagnostic::error("content/a.md", 3, 7, "cannot read `x` as a date")
            .with_help("write 2017-09-22");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: cannot read `x` as a date\n  help: write 2017-09-22"
        );
    }
}
