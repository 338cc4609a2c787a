//! Languages: a story's language from its front matter, folder or script; the page
//! in that language and direction.

use crate::support::TempSite;

fn built() -> TempSite {
    let site = TempSite::site("editions");
    site.build(&[]);
    site
}

/// The output folder of the article built from `source` (by its title).
fn article_path(site: &TempSite, title: &str) -> String {
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
fn interface_text(page: &crate::support::Page) -> Vec<String> {
    use scraper::{ElementRef, Selector};
    let skip = Selector::parse(
        "head, script, .headline, .story-body, .credit, .card-credit, bdi, [lang=en], a[rel=author], a[rel=tag], .agencies a, .card-title, .card-summary, .hed, .lede, .credit-line, .sheet-meta dd a",
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

fn assert_all_urdu(texts: &[String], theme: &str) {
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
