//! The whole article parser: front matter, dates, dateline lead, slug, Markdown and
//! the raw HTML policy. The first byte picks the policy; the rest is the file.
//! Checks what must hold for any input: no panic, the page path stays one segment
//! per level inside the output folder, and a sanitized or escaped body carries no
//! script and no `javascript:` link.
#![no_main]

use std::path::{Component, Path};
use std::sync::OnceLock;

use broadsheet::config::{Config, RawHtml};
use broadsheet::parse::article::parse_article;
use broadsheet::parse::sanitize::removals;
use broadsheet::parse::slug::slugify;
use libfuzzer_sys::fuzz_target;

fn configs() -> &'static [Config; 3] {
    static CONFIGS: OnceLock<[Config; 3]> = OnceLock::new();
    CONFIGS.get_or_init(|| {
        let base = "title = \"F\"\nbase_url = \"https://x.org/\"\ntimezone = \"Asia/Karachi\"\n";
        [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow].map(|policy| {
            let mut c = Config::parse(base, "site.toml").expect("a valid configuration");
            c.markdown.raw_html = policy;
            c
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let config = &configs()[usize::from(first % 3)];
    let Ok((article, _warnings)) = parse_article(text, "content/2017/09/x.md", config) else {
        return;
    };
    let page = Path::new("/out").join(format!("{}index.html", article.path));
    assert!(
        page.components()
            .all(|c| matches!(c, Component::RootDir | Component::Normal(_))),
        "{:?}",
        article.path
    );
    assert_eq!(page.components().count(), 7, "{:?}", article.path);
    for name in article
        .tags
        .iter()
        .chain(&article.topics)
        .chain(&article.agencies)
        .chain(&article.authors)
    {
        let s = slugify(name, "term");
        assert!(
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name:?} -> {s:?}"
        );
    }
    if config.markdown.raw_html != RawHtml::Allow {
        // Read the body back as HTML (a real tokenizer, so text that merely looks
        // like markup does not count): no script, event handler, unsafe URL or
        // element outside the sanitizer's allowlist may be left.
        let body = article.body.in_memory().expect("parsing keeps the body");
        assert!(!body.to_ascii_lowercase().contains("<script"), "{body}");
        let left = removals(body, &config.markdown.embed_hosts);
        assert!(left.is_empty(), "{left:?} in {body}");
    }
});
