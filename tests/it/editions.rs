//! Editions: each edition's own term, archive and search pages under its path, in
//! its language and direction, listing its stories only; its sitemap entries.

use crate::languages::{EDITIONS, article_path, assert_all_urdu, interface_text};
use crate::support::{Page, TempSite};

/// The editions fixture with an English edition at `/` and an Urdu one at `/ur/`.
fn two_editions() -> TempSite {
    let site = TempSite::site("editions");
    let toml = site.read_root("site.toml") + EDITIONS;
    site.write("site.toml", &toml);
    site.build(&[]).assert_ok();
    site
}

fn card_langs(page: &Page) -> Vec<String> {
    page.attrs(".card", "lang")
}

#[test]
fn an_edition_has_its_own_term_pages_in_its_language_with_its_stories_only() {
    let site = two_editions();
    let ur = site.page("ur/topics/business/index.html");
    assert_eq!(ur.attrs("html", "lang"), ["ur"]);
    assert_eq!(ur.attrs("html", "dir"), ["rtl"]);
    assert_eq!(card_langs(&ur), ["ur"]);
    // The term's Urdu name from the site's table, the label from the theme's.
    assert_eq!(ur.text("h1.list-title bdi"), "کاروبار");
    assert_eq!(ur.text("title"), "موضوع: کاروبار | فکسچر وائر");
    assert_all_urdu(&interface_text(&ur), "ur term page");
    // Its navigation stays in the edition.
    assert_eq!(ur.attrs(".list-header .kicker a", "href"), ["/ur/topics/"]);
    assert!(
        ur.attrs(".topic-nav a", "href")
            .iter()
            .all(|h| h.starts_with("/ur/")),
        "{:?}",
        ur.attrs(".topic-nav a", "href")
    );
    // The root's term page holds the root edition's stories: English, and Arabic,
    // which has no edition of its own.
    let en = site.page("topics/business/index.html");
    assert_eq!(en.attrs("html", "lang"), ["en"]);
    let mut langs = card_langs(&en);
    langs.sort();
    assert_eq!(langs, ["ar", "en"]);
    // An Urdu story links its edition's term pages; an English one the root's.
    let urdu_story = site.page(&format!(
        "{}index.html",
        article_path(&site, "وفاقی بجٹ میں ترقیاتی منصوبوں کے لیے فنڈز میں اضافہ")
    ));
    assert!(
        urdu_story
            .attrs("a[href*='/topics/']", "href")
            .contains(&"/ur/topics/business/".to_string())
    );
    assert!(
        urdu_story
            .attrs("a[href='/topics/business/']", "href")
            .is_empty()
    );
    // A term only the other edition has has no page here.
    assert!(site.exists("authors/sana-mirza/index.html"));
    assert!(!site.exists("ur/authors/sana-mirza/index.html"));
    let index = site.page("ur/topics/index.html");
    assert_eq!(
        index.attrs("ul.terms a", "href"),
        ["/ur/topics/business/", "/ur/topics/pakistan/"]
    );
    assert_eq!(index.attrs("html", "lang"), ["ur"]);
    assert_all_urdu(&interface_text(&index), "ur term index");
    for rel in ["ur/tags/budget/index.html", "ur/tags/index.html"] {
        assert_eq!(site.page(rel).attrs("html", "lang"), ["ur"], "{rel}");
    }
}

#[test]
fn an_edition_has_its_own_date_archives_and_term_feeds() {
    let site = two_editions();
    let month = site.page("ur/2024/05/index.html");
    assert_eq!(month.attrs("html", "dir"), ["rtl"]);
    assert_eq!(month.text("h1.list-title bdi"), "مئی 2024");
    assert_eq!(card_langs(&month), ["ur", "ur"]);
    assert_all_urdu(&interface_text(&month), "ur archive");
    let year = site.page("ur/2024/index.html");
    assert_eq!(year.attrs(".archive-children a", "href"), ["/ur/2024/05/"]);
    assert_eq!(year.texts(".archive-children a"), ["مئی 2024"]);
    let root = site.page("2024/05/index.html");
    assert!(!card_langs(&root).contains(&"ur".to_string()));
    assert_eq!(card_langs(&root).len(), 3);
    // A term's feed in the edition: its stories, its language, its labels.
    let feed = site.read("ur/topics/business/feed.xml");
    assert!(feed.contains("<language>ur</language>"), "{feed}");
    assert!(
        feed.contains("<title>موضوع: کاروبار — فکسچر وائر</title>"),
        "{feed}"
    );
    assert_eq!(feed.matches("<item>").count(), 1);
    assert!(!feed.contains("Federal budget"));
    let atom = site.read("ur/topics/business/atom.xml");
    assert!(atom.contains("xml:lang=\"ur\""), "{atom}");
    let root_feed = site.read("topics/business/feed.xml");
    assert!(root_feed.contains("<language>en</language>"));
    assert_eq!(root_feed.matches("<item>").count(), 2);
    // The Urdu page links its own feeds, not the English site's.
    let ur = site.page("ur/topics/business/index.html");
    assert_eq!(
        ur.attrs("link[type='application/rss+xml']", "href"),
        ["/ur/topics/business/feed.xml", "/ur/feed.xml"]
    );
}

#[test]
fn without_editions_every_story_is_on_the_one_set_of_lists() {
    let site = TempSite::site("editions");
    site.build(&[]).assert_ok();
    assert!(!site.exists("ur/topics/business/index.html"));
    let mut langs = card_langs(&site.page("topics/business/index.html"));
    langs.sort();
    assert_eq!(langs, ["ar", "en", "ur"]);
    assert_eq!(card_langs(&site.page("2024/05/index.html")).len(), 5);
}

#[test]
fn the_wire_theme_shows_an_editions_lists_in_its_language_too() {
    let site = TempSite::site("editions");
    let toml = site
        .read_root("site.toml")
        .replace("paginate = 5", "paginate = 5\ntheme = \"wire\"")
        + EDITIONS;
    site.write("site.toml", &toml);
    site.build(&[]).assert_ok();
    for rel in [
        "ur/topics/business/index.html",
        "ur/topics/index.html",
        "ur/2024/05/index.html",
    ] {
        let page = site.page(rel);
        assert_eq!(page.attrs("html", "lang"), ["ur"], "{rel}");
        assert_all_urdu(&interface_text(&page), rel);
    }
}

/// The `<url>` entry of `loc` in a sitemap.
fn sitemap_entry<'a>(map: &'a str, loc: &str) -> &'a str {
    let start = map
        .find(&format!("<url><loc>{loc}</loc>"))
        .unwrap_or_else(|| panic!("no {loc} in the sitemap"));
    let end = map[start..].find("</url>").expect("closed") + start;
    &map[start..end]
}

/// The `(hreflang, href)` alternates of a sitemap entry.
fn entry_alternates(entry: &str) -> Vec<(String, String)> {
    entry
        .split("<xhtml:link rel=\"alternate\" hreflang=\"")
        .skip(1)
        .map(|s| {
            let (lang, rest) = s.split_once("\" href=\"").expect("href");
            (
                lang.to_string(),
                rest.split('"').next().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_sitemaps_cover_every_edition_with_reciprocal_alternates() {
    let site = TempSite::site("editions");
    let toml = site.read_root("site.toml") + EDITIONS;
    site.write("site.toml", &toml);
    // A build time the day after the stories: they are in the news sitemap.
    site.build(&["--now", "2024-05-15T06:00:00+05:00"])
        .assert_ok();
    let map = site.read("sitemap.xml");
    // Every page in it exists.
    for loc in map
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
    {
        let rel = loc.trim_start_matches("https://example.org/");
        let rel = percent_encoding::percent_decode_str(rel)
            .decode_utf8()
            .expect("UTF-8")
            .into_owned();
        assert!(site.exists(&format!("{rel}index.html")), "{loc}");
    }
    // The edition's lists are in it, and each list both editions have names both.
    for (en, ur) in [
        ("topics/business/", "ur/topics/business/"),
        ("topics/", "ur/topics/"),
        ("2024/05/", "ur/2024/05/"),
        ("", "ur/"),
    ] {
        let (en, ur) = (
            format!("https://example.org/{en}"),
            format!("https://example.org/{ur}"),
        );
        let expected = vec![
            ("en".to_string(), en.clone()),
            ("ur".to_string(), ur.clone()),
            ("x-default".to_string(), en.clone()),
        ];
        assert_eq!(entry_alternates(sitemap_entry(&map, &en)), expected, "{en}");
        assert_eq!(entry_alternates(sitemap_entry(&map, &ur)), expected, "{ur}");
    }
    // A list only one edition has names no other.
    let authors = sitemap_entry(&map, "https://example.org/authors/sana-mirza/");
    assert!(entry_alternates(authors).is_empty(), "{authors}");
    // The news sitemap: every edition's recent stories, each under its edition.
    let news = site.read("news-sitemap.xml");
    for (headline, name, lang) in [
        ("وفاقی بجٹ", "فکسچر وائر", "ur"),
        ("Federal budget", "Fixture Wire", "en"),
    ] {
        let entry = news
            .split("<url>")
            .find(|u| u.contains(headline))
            .unwrap_or_else(|| panic!("{headline} is not in the news sitemap"));
        let publication =
            format!("<news:name>{name}</news:name><news:language>{lang}</news:language>");
        assert!(entry.contains(&publication), "{entry}");
    }
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/sitemap.xml"));
    assert!(robots.contains("Sitemap: https://example.org/news-sitemap.xml"));
}

#[test]
fn each_edition_has_a_search_page_in_its_language_over_its_own_stories() {
    use crate::search::{index_files, manifest};
    let site = two_editions();
    let ur = site.page("ur/search/index.html");
    assert_eq!(ur.attrs("html", "lang"), ["ur"]);
    assert_eq!(ur.attrs("html", "dir"), ["rtl"]);
    assert_eq!(ur.attrs("form.search-form", "action"), ["/ur/search/"]);
    assert_eq!(ur.attrs("form.search-form", "data-search-edition"), ["ur"]);
    assert_eq!(ur.text("h1"), "آرکائیو میں تلاش");
    assert_all_urdu(&interface_text(&ur), "ur search page");
    // Its browse links stay in the edition; the header links its search page.
    assert!(
        ur.attrs(".search-browse a", "href")
            .iter()
            .all(|h| h.starts_with("/ur/")),
        "{:?}",
        ur.attrs(".search-browse a", "href")
    );
    assert!(
        site.page("ur/index.html")
            .attrs(".topic-nav a", "href")
            .contains(&"/ur/search/".to_string())
    );
    let en = site.page("search/index.html");
    assert_eq!(en.attrs("html", "lang"), ["en"]);
    assert_eq!(en.attrs("form.search-form", "data-search-edition"), ["en"]);
    // One index for the site, with an edition facet the pages filter on.
    let files = index_files(&site);
    let m = manifest(&files);
    let edition = &m["f"]["edition"];
    assert_eq!(
        edition["values"],
        serde_json::json!([["en", 3], ["ur", 2]]),
        "{m}"
    );
    assert_eq!(
        crate::search::facet_docs(&files, &m, "edition", "ur").len(),
        2
    );
    // Without editions there is no such facet and the page filters nothing.
    let plain = TempSite::site("editions");
    plain.build(&[]).assert_ok();
    assert!(manifest(&index_files(&plain))["f"].get("edition").is_none());
    assert!(
        plain
            .page("search/index.html")
            .attrs("form.search-form", "data-search-edition")
            .is_empty()
    );
}

/// The English interface strings of a theme's en.toml: every text value but date
/// formats, split at its `{placeholders}`, the parts with letters. `language_name`
/// is left out: the switcher names each edition in its own language, marked so.
fn english_strings(theme: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes")
        .join(theme)
        .join("i18n/en.toml");
    let table: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut texts: Vec<String> = Vec::new();
    for (key, value) in &table {
        match value {
            toml::Value::String(s) if key != "language_name" && !s.contains('%') => {
                texts.push(s.clone());
            }
            toml::Value::Table(forms) if key != "calendar" && key != "terms" => {
                texts.extend(forms.values().filter_map(|v| v.as_str().map(String::from)));
            }
            _ => {}
        }
    }
    let mut parts: Vec<String> = texts
        .iter()
        .flat_map(|t| {
            t.split(['{', '}'])
                .step_by(2)
                .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|p| p.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    parts.sort();
    parts.dedup();
    parts
}

/// Whether `text` holds `word` as a whole word (not inside a longer one).
fn holds_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Everything a reader of `page` sees or hears: text and the attributes read out or
/// shown (aria-label, title, alt, placeholder, the search script's words), outside
/// the head, scripts and elements marked as in English (the language switcher's
/// "English").
fn visible_text(page: &Page) -> Vec<String> {
    use scraper::{ElementRef, Selector};
    let skip = Selector::parse("head, script, [lang=en]").unwrap();
    let mut out = Vec::new();
    for node in page.html.tree.nodes() {
        let skipped = node
            .ancestors()
            .chain(std::iter::once(node))
            .filter_map(ElementRef::wrap)
            .any(|e| skip.matches(&e));
        if skipped {
            continue;
        }
        if let Some(text) = node.value().as_text() {
            out.push(text.to_string());
        }
        if let Some(e) = ElementRef::wrap(node) {
            for (name, value) in e.value().attrs() {
                if ["aria-label", "title", "alt", "placeholder"].contains(&name)
                    || name.starts_with("data-msg-")
                {
                    out.push(value.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn no_english_interface_string_is_left_on_an_urdu_page() {
    for theme in ["default", "wire"] {
        let site = TempSite::site("editions");
        let toml = site.read_root("site.toml").replace(
            "paginate = 5",
            &format!("paginate = 5\ntheme = \"{theme}\""),
        ) + "\n[[menu]]\nname = \"Front page\"\nurl = \"/\"\n"
            + EDITIONS;
        site.write("site.toml", &toml);
        // The menu's names and the time zone's, in the site's Urdu table.
        let table = site.read_root("i18n/ur.toml")
            + "\"Front page\" = \"سرورق\"\n\"Asia/Karachi\" = \"پاکستانی وقت\"\n";
        site.write("i18n/ur.toml", &table);
        site.build(&[]).assert_ok();
        let english = english_strings(theme);
        assert!(english.len() > 40, "{english:?}");
        // Every page in Urdu: the edition's own and its stories' pages.
        let mut urdu_pages: Vec<String> = Vec::new();
        for (rel, bytes) in crate::support::tree(&site.public()) {
            let text = String::from_utf8_lossy(&bytes);
            if !rel.ends_with(".html") || !text.contains("<html lang=\"ur\"") {
                continue;
            }
            urdu_pages.push(rel.clone());
            let page = site.page(&rel);
            for shown in visible_text(&page) {
                for word in &english {
                    assert!(
                        !holds_word(&shown, word),
                        "{theme}: `{word}` of en.toml in `{}` on {rel}",
                        shown.trim()
                    );
                }
            }
        }
        // The edition's home, term pages and indexes, archives, search, its stories.
        for rel in [
            "ur/index.html",
            "ur/topics/index.html",
            "ur/topics/business/index.html",
            "ur/authors/index.html",
            "ur/2024/05/index.html",
            "ur/search/index.html",
        ] {
            assert!(
                urdu_pages.iter().any(|p| p == rel),
                "{theme}: {rel} not checked"
            );
        }
        assert!(urdu_pages.len() >= 15, "{theme}: {urdu_pages:?}");
        // The menu and the wire's time zone, by their Urdu names.
        let home = site.page("ur/index.html");
        assert!(home.html.html().contains(">سرورق</a>"), "{theme}");
        if theme == "wire" {
            // Its count is of its own two stories.
            let status = home.text(".status");
            assert!(status.contains("پاکستانی وقت"), "{status}");
            assert!(status.starts_with("● 2 "), "{status}");
        }
    }
}
