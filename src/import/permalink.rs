//! Jekyll's `permalink:` patterns (`_config.yml`, or a post's front matter): the URL
//! a post was published at, so an import keeps it answering as an alias. Input: the
//! pattern and the post's date, title slug and categories. Output: a site path
//! (`/news/2014/12/17/weir-repairs.html`). Nothing here reads files.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

/// What a pattern's placeholders stand for in one post.
pub struct Post<'a> {
    /// The post's date, in the offset it was written with.
    pub date: DateTime<FixedOffset>,
    /// `:title`: the front matter's `slug`, else the file name without its date, as
    /// written (`Weir-Repairs`).
    pub title: &'a str,
    pub categories: &'a [String],
}

/// The pattern a built-in style name stands for (Jekyll's documentation,
/// "Permalinks"), or the pattern itself. Jekyll's default is `date`.
pub fn pattern(style: &str) -> &str {
    match style.trim() {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
}

/// The URL `style` (a style name or a pattern) gives `post`: each placeholder
/// replaced, the `//` an empty `:categories` leaves collapsed. An unknown
/// placeholder is kept as written.
pub fn url(style: &str, post: &Post) -> String {
    let d = post.date;
    let mut out = String::from("/");
    let mut rest = pattern(style);
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..len];
        let value = match name {
            "year" => format!("{:04}", d.year()),
            "short_year" => format!("{:02}", d.year().rem_euclid(100)),
            "month" => format!("{:02}", d.month()),
            "i_month" => d.month().to_string(),
            "day" => format!("{:02}", d.day()),
            "i_day" => d.day().to_string(),
            "y_day" => format!("{:03}", d.ordinal()),
            "hour" => format!("{:02}", d.hour()),
            "minute" => format!("{:02}", d.minute()),
            "second" => format!("{:02}", d.second()),
            "week" => format!("{:02}", d.iso_week().week()),
            "short_day" => d.format("%a").to_string(),
            "title" => post.title.to_string(),
            "slug" => post.title.to_lowercase(),
            // Jekyll writes categories in lower case, one folder each.
            "categories" => post
                .categories
                .iter()
                .map(|c| c.trim().to_lowercase().replace(' ', "%20"))
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join("/"),
            "output_ext" => ".html".to_string(),
            _ => format!(":{name}"),
        };
        out.push_str(&value);
        rest = &after[len..];
    }
    out.push_str(rest);
    let mut path = String::with_capacity(out.len());
    for ch in out.chars() {
        if !(ch == '/' && path.ends_with('/')) {
            path.push(ch);
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_and_patterns() {
        let date = DateTime::parse_from_rfc3339("2014-12-17T11:16:21-08:00").unwrap();
        let categories = vec!["News".to_string(), "Town Hall".to_string()];
        let post = Post {
            date,
            title: "weir-repairs",
            categories: &categories,
        };
        let none: Vec<String> = Vec::new();
        let bare = Post {
            date,
            title: "weir-repairs",
            categories: &none,
        };
        for (style, post, want) in [
            (
                "date",
                &post,
                "/news/town%20hall/2014/12/17/weir-repairs.html",
            ),
            ("date", &bare, "/2014/12/17/weir-repairs.html"),
            ("pretty", &bare, "/2014/12/17/weir-repairs/"),
            ("ordinal", &bare, "/2014/351/weir-repairs.html"),
            ("none", &post, "/news/town%20hall/weir-repairs.html"),
            ("weekdate", &bare, "/2014/W51/Wed/weir-repairs.html"),
            (
                "/:year/:month/:day/:title.html",
                &bare,
                "/2014/12/17/weir-repairs.html",
            ),
            (
                "/blog/:short_year/:i_month/:i_day/:slug",
                &bare,
                "/blog/14/12/17/weir-repairs",
            ),
            (
                "/:categories/:title/",
                &post,
                "/news/town%20hall/weir-repairs/",
            ),
            ("/x/:unknown/:title", &bare, "/x/:unknown/weir-repairs"),
        ] {
            assert_eq!(url(style, post), want, "{style}");
        }
    }
}
