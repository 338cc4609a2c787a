//! Languages: a story's language from its front matter, folder or script; the page
//! in that language and direction.

use crate::support::TempSite;

fn built() -> TempSite {
    let site = TempSite::site("editions");
    site.build(&[]);
    site
}

/// The output folder of the article built from `source` (by its title).
pub fn article_path(site: &TempSite, title: &str) -> String {
    let map = site.read("sitemap.xml");
    let urls: Vec<&str> = map
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .filter(|u| u.matches('/').count() > 6)
        .collect();
    for url in urls {
        let rel = url.trim_start_matches("https://example.org/");
        let rel = percent_encoding::percent_decode_str(rel)
            .decode_utf8()
            .expect("UTF-8 path")
            .into_owned();
        let page = site.page(&format!("{rel}index.html"));
        if page.text("h1") == title {
            return rel;
        }
    }
    panic!("no article titled {title}");
}

#[test]
fn arabic_script_stories_get_their_language_and_direction() {
    let site = built();
    let cases = [
        // (title, lang, dir): detected, detected, folder, front matter over folder, English.
        (
            "وفاقی بجٹ میں ترقیاتی منصوبوں کے لیے فنڈز میں اضافہ",
            "ur",
            "rtl",
        ),
        (
            "معرض دبي للخدمات اللوجستية يجذب شركات من باكستان",
            "ar",
            "rtl",
        ),
        ("Karachi: heavy rain floods roads", "ur", "rtl"),
        ("Front matter wins over the folder", "en", "ltr"),
        (
            "Federal budget sets aside more for development",
            "en",
            "ltr",
        ),
    ];
    for (title, lang, dir) in cases {
        let rel = article_path(&site, title);
        let page = site.page(&format!("{rel}index.html"));
        assert_eq!(page.attrs("html", "lang"), [lang], "{title}");
        assert_eq!(page.attrs("html", "dir"), [dir], "{title}");
    }
    // On list pages the card holding an Urdu story carries its language.
    let home = site.page("index.html");
    assert_eq!(home.attrs("html", "lang"), ["en"]);
    let urdu_cards = home.count(".card[lang=ur][dir=rtl], .lead-story[lang=ur][dir=rtl]");
    assert!(urdu_cards >= 2, "{urdu_cards} Urdu cards on the home page");
}

#[test]
fn detection_can_be_turned_off() {
    let site = TempSite::site("editions");
    let toml = site
        .read_root("site.toml")
        .replace("[languages]\n", "[languages]\ndetect = false\n");
    site.write("site.toml", &toml);
    site.build(&[]);
    let rel = article_path(&site, "معرض دبي للخدمات اللوجستية يجذب شركات من باكستان");
    assert_eq!(
        site.page(&format!("{rel}index.html")).attrs("html", "lang"),
        ["en"]
    );
}

/// Text a reader sees or hears on `page` that the theme wrote (labels, dates,
/// numbers, ARIA labels), leaving out what the story and the site wrote: the
/// headline, body, credit, names, and anything marked as in the site's language.
pub fn interface_text(page: &crate::support::Page) -> Vec<String> {
    use scraper::{ElementRef, Selector};
    let skip = Selector::parse(
        "head, script, .headline, .story-body, .credit, .card-credit, bdi, [lang=en], a[rel=author], a[rel=tag], .agencies a, .card-title, .card-summary, .hed, .lede, .credit-line, .sheet-meta dd a, .card-link, .standfirst",
    )
    .unwrap();
    let mut out = Vec::new();
    for node in page.html.tree.nodes() {
        let skipped = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|e| skip.matches(&e));
        if skipped {
            continue;
        }
        if let Some(text) = node.value().as_text() {
            let t = text.trim();
            if !t.is_empty() {
                out.push(t.to_string());
            }
        }
        if let Some(e) = ElementRef::wrap(node)
            && let Some(label) = e.value().attr("aria-label")
        {
            out.push(label.to_string());
        }
    }
    out
}

fn urdu_article(site: &TempSite) -> crate::support::Page {
    let rel = article_path(site, "وفاقی بجٹ میں ترقیاتی منصوبوں کے لیے فنڈز میں اضافہ");
    site.page(&format!("{rel}index.html"))
}

/// Letters only Arabic writes: an Urdu interface must not show them.
const ARABIC_ONLY: [char; 4] = ['ي', 'ك', 'ة', 'ى'];

pub fn assert_all_urdu(texts: &[String], theme: &str) {
    assert!(
        texts.len() > 10,
        "{theme}: {} texts: {texts:?}",
        texts.len()
    );
    for text in texts {
        assert!(
            !text.chars().any(|c| c.is_ascii_alphabetic()),
            "{theme}: English interface text `{text}` on an Urdu page"
        );
        assert!(
            !text.chars().any(|c| ARABIC_ONLY.contains(&c)),
            "{theme}: Arabic letter form in `{text}`"
        );
    }
}

#[test]
fn an_urdu_page_speaks_urdu_in_both_themes() {
    for theme in ["default", "wire"] {
        let site = TempSite::site("editions");
        let toml = site.read_root("site.toml").replace(
            "paginate = 5",
            &format!("paginate = 5\ntheme = \"{theme}\""),
        );
        site.write("site.toml", &toml);
        site.build(&[]);
        let page = urdu_article(&site);
        let texts = interface_text(&page);
        assert_all_urdu(&texts, theme);
        let all = texts.join(" | ");
        assert!(all.contains("14 مئی 2024"), "{theme}: {all}");
        // The English story next to it keeps English labels.
        let rel = article_path(&site, "Federal budget sets aside more for development");
        let english = site.page(&format!("{rel}index.html"));
        assert!(english.text(".published").contains("May 2024"), "{theme}");
    }
}

#[test]
fn digits_follow_the_site_setting_and_urdu_tables_can_be_overridden() {
    let site = TempSite::site("editions");
    let toml = site
        .read_root("site.toml")
        .replace("[languages]\n", "[languages]\ndigits = \"native\"\n");
    site.write("site.toml", &toml);
    site.write(
        "i18n/ur.toml",
        "by = \"رپورٹ:\"\n\n[terms]\nBusiness = \"کاروبار\"\n",
    );
    site.build(&[]);
    let page = urdu_article(&site);
    assert_eq!(page.text(".published"), "۱۴ مئی ۲۰۲۴، ۱۱:۰۰");
    assert_eq!(page.text(".reading-time"), "۱ منٹ کا مطالعہ");
    assert!(page.text(".byline").starts_with("رپورٹ:"));
    assert_eq!(page.text(".kicker"), "کاروبار");
    // Keys the site does not override stay the theme's.
    assert_eq!(page.text(".footer-label"), "موضوعات");
    // Arabic: Arabic-Indic digits and months; English: Western digits.
    let rel = article_path(&site, "معرض دبي للخدمات اللوجستية يجذب شركات من باكستان");
    let arabic = site.page(&format!("{rel}index.html"));
    assert_eq!(arabic.text(".published"), "١٢ مايو ٢٠٢٤، ١٠:٠٠");
    let rel = article_path(&site, "Federal budget sets aside more for development");
    let english = site.page(&format!("{rel}index.html"));
    assert_eq!(english.text(".published"), "14 May 2024, 10:00 PKT");
}

#[test]
fn a_bad_site_translation_table_is_an_error_naming_the_file_and_line() {
    let site = TempSite::site("editions");
    site.write("i18n/ur.toml", "by = \"x\"\nread_more = 3\n");
    let out = site.run(&["build"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("i18n/ur.toml:2:1: error: `read_more` is neither text nor a table"),
        "{}",
        out.stderr
    );
}

const URDU_SLUG: &str = "2024/05/14/وفاقی-بجٹ-میں-ترقیاتی-منصوبوں-کے-لیے-فنڈز-میں-اضافہ/";

fn encoded(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, percent_encoding::CONTROLS).to_string()
}

#[test]
fn urdu_stories_keep_their_letters_in_urls_percent_encoded_in_links() {
    let site = built();
    assert!(site.exists(&format!("{URDU_SLUG}index.html")));
    assert!(site.exists("2024/05/12/معرض-دبي-للخدمات-اللوجستية-يجذب-شركات-من-باكستان/index.html"));
    // English slugs as before.
    assert!(site.exists("2024/05/14/federal-budget-sets-aside-more-for-development/index.html"));
    let href = format!("/{}", encoded(URDU_SLUG));
    assert!(href.contains("%D9%88%D9%81"), "{href}");
    let home = site.page("index.html");
    assert!(
        home.attrs("a", "href").contains(&href),
        "home links the encoded URL"
    );
    let page = site.page(&format!("{URDU_SLUG}index.html"));
    assert_eq!(
        page.attrs("link[rel=canonical]", "href"),
        [format!("https://example.org{href}")]
    );
    for file in ["sitemap.xml", "feed.xml", "atom.xml"] {
        let text = site.read(file);
        assert!(
            text.contains(&format!("https://example.org{href}")),
            "{file}"
        );
        assert!(!text.contains("وفاقی-بجٹ"), "{file} has a raw Urdu URL");
    }
}

#[test]
fn a_slug_scheme_change_keeps_the_old_urls_answering() {
    let site = TempSite::site("editions");
    let native = site.read_root("site.toml");
    site.write(
        "site.toml",
        &native.replace("[languages]\n", "[languages]\nslugs = \"transliterate\"\n"),
    );
    site.build(&[]);
    let old = "2024/05/14/wfqy-bjtt-myn-trqyty-mnswbwn-khy-lyy-fnddz-myn-dfh/";
    assert!(
        site.page(&format!("{old}index.html"))
            .count("article.story")
            == 1
    );
    site.write("site.toml", &native);
    site.build(&[]);
    assert!(site.exists(&format!("{URDU_SLUG}index.html")));
    let redirect = site.read(&format!("{old}index.html"));
    assert!(
        redirect.contains(&format!("url=/{}", encoded(URDU_SLUG))),
        "{redirect}"
    );
}

#[test]
fn the_preview_serves_urdu_urls_and_follows_translation_table_edits() {
    let s = crate::serve::Server::start_site(TempSite::site("editions"), &[]);
    let path = format!("/{}", encoded(URDU_SLUG));
    let page = s.wait_for(&path, "the Urdu story", |r| r.status == 200);
    assert!(page.body.contains("متعلقہ خبریں") || page.body.contains("تحریر:"));
    // A site table added while serving: every page speaks it on the next build.
    s.write("i18n/ur.toml", "by = \"رپورٹ:\"\n");
    s.wait_for(&path, "the site's Urdu byline", |r| {
        r.body.contains("رپورٹ:")
    });
    s.write("i18n/en.toml", "home = \"Front page\"\n");
    s.wait_for("/", "the site's English label", |r| {
        r.body.contains(">Front page</a>")
    });
}

#[test]
fn translations_link_to_each_other_reciprocally_in_pages_and_the_sitemap() {
    let site = built();
    let english = "2024/05/14/federal-budget-sets-aside-more-for-development/";
    let versions = [(english.to_string(), "en"), (URDU_SLUG.to_string(), "ur")];
    let permalink = |rel: &str| format!("https://example.org/{}", encoded(rel));
    let expected: Vec<(String, String)> = vec![
        ("en".into(), permalink(english)),
        ("ur".into(), permalink(URDU_SLUG)),
        ("x-default".into(), permalink(english)),
    ];
    for (rel, lang) in &versions {
        let page = site.page(&format!("{rel}index.html"));
        let langs = page.attrs("link[rel=alternate][hreflang]", "hreflang");
        let hrefs = page.attrs("link[rel=alternate][hreflang]", "href");
        let got: Vec<(String, String)> = langs.into_iter().zip(hrefs).collect();
        assert_eq!(got, expected, "{rel}");
        // The "read this in" link points at the other version, in its language.
        let other = versions
            .iter()
            .find(|(_, l)| l != lang)
            .expect("two versions");
        assert_eq!(
            page.attrs(".translations a", "href"),
            [format!("/{}", encoded(&other.0))]
        );
        assert_eq!(page.attrs(".translations a", "hreflang"), [other.1]);
        let want = if other.1 == "ur" {
            "اردو میں پڑھیں"
        } else {
            "Read this in English"
        };
        assert_eq!(page.text(".translations a"), want);
    }
    // Stories without translations have none.
    let rel = article_path(&site, "Karachi: heavy rain floods roads");
    let page = site.page(&format!("{rel}index.html"));
    assert_eq!(page.count("link[hreflang]"), 0);
    assert_eq!(page.count(".translations"), 0);
    // The sitemap says the same for both versions.
    let map = site.read("sitemap.xml");
    for (rel, _) in &versions {
        let entry = map
            .split("<url>")
            .find(|e| e.contains(&format!("<loc>{}</loc>", permalink(rel))))
            .expect("entry");
        for (lang, href) in &expected {
            assert!(
                entry.contains(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{href}\"/>"
                )),
                "{entry}"
            );
        }
    }
}

pub const EDITIONS: &str = "
[[editions]]
lang = \"en\"

[[editions]]
lang = \"ur\"
path = \"ur\"
title = \"فکسچر وائر\"
description = \"اردو خبریں\"
";

#[test]
fn editions_have_their_own_home_feeds_and_switcher_in_their_language() {
    let site = TempSite::site("editions");
    let toml = site.read_root("site.toml") + EDITIONS;
    site.write("site.toml", &toml);
    site.build(&[]);
    let ur = site.page("ur/index.html");
    let en = site.page("index.html");
    assert_eq!(ur.attrs("html", "lang"), ["ur"]);
    assert_eq!(ur.attrs("html", "dir"), ["rtl"]);
    assert_eq!(ur.text("title"), "فکسچر وائر: اردو خبریں");
    assert_all_urdu(&interface_text(&ur), "ur edition home");
    // Each home lists its own stories; a language without an edition (Arabic) joins
    // the edition at the root.
    let langs = |page: &crate::support::Page| page.attrs(".card, .lead-story", "lang");
    assert!(!langs(&ur).is_empty());
    assert!(langs(&ur).iter().all(|l| l == "ur"), "{:?}", langs(&ur));
    assert!(langs(&en).iter().all(|l| l != "ur"), "{:?}", langs(&en));
    assert!(langs(&en).iter().any(|l| l == "ar"));
    // The homes name each other, reciprocally, with the root as x-default.
    let alternates = |page: &crate::support::Page| -> Vec<(String, String)> {
        page.attrs("link[rel=alternate][hreflang]", "hreflang")
            .into_iter()
            .zip(page.attrs("link[rel=alternate][hreflang]", "href"))
            .collect()
    };
    let expected: Vec<(String, String)> = [
        ("en", "https://example.org/"),
        ("x-default", "https://example.org/"),
        ("ur", "https://example.org/ur/"),
    ]
    .map(|(l, h)| (l.to_string(), h.to_string()))
    .to_vec();
    assert_eq!(alternates(&ur), expected);
    assert_eq!(alternates(&en), expected);
    // The switcher: each edition named in its own language, the current one marked.
    assert_eq!(ur.texts("nav.editions a"), ["English", "اردو"]);
    assert_eq!(ur.attrs("nav.editions a[aria-current]", "href"), ["/ur/"]);
    assert_eq!(en.attrs("nav.editions a[aria-current]", "href"), ["/"]);
    // The edition's feeds: its stories only, linked from its home.
    let feed = site.read("ur/feed.xml");
    assert_eq!(feed.matches("<item>").count(), 2, "{feed}");
    assert!(feed.contains("<title>فکسچر وائر</title>"));
    assert!(!feed.contains("Federal budget"));
    assert_eq!(
        site.read("ur/atom.xml")
            .matches("<entry xml:lang=\"ur\">")
            .count(),
        2
    );
    assert!(
        ur.attrs("link[type='application/rss+xml']", "href")
            .contains(&"/ur/feed.xml".to_string())
    );
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.org/ur/</loc>")
    );
}

#[test]
fn an_edition_without_a_path_of_its_own_is_an_error() {
    let site = TempSite::site("editions");
    let toml = site.read_root("site.toml") + "\n[[editions]]\nlang = \"ur\"\npath = \"../ur\"\n";
    site.write("site.toml", &toml);
    let out = site.run(&["check"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("site.toml:"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("needs a language and a path of its own"),
        "{}",
        out.stderr
    );
}
