//! Building the basic fixture site: URLs, credit lines, grouping, pagination,
//! related news, drafts and future articles, escaping, determinism.

use crate::support::{TempSite, tree};

const RUSSIA: &str = "2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/index.html";
const UNGA: &str = "2017/09/21/prime-minister-addresses-un-general-assembly/index.html";
const RAIN: &str = "2017/09/20/heavy-rain-lashes-karachi/index.html";
const ELECTION: &str = "2018/05/02/election-commission-announces-polling-date/index.html";

fn card_links(site: &TempSite, rel: &str) -> Vec<String> {
    site.page(rel).attrs(".card a.card-link", "href")
}

#[test]
fn articles_land_at_dated_urls_in_the_site_time_zone() {
    let site = TempSite::site("basic");
    let out = site.build(&[]);
    assert!(out.stdout.contains("built 6 articles"), "{}", out.stdout);
    for rel in [RUSSIA, UNGA, RAIN, ELECTION, "index.html", "404.html"] {
        assert!(site.exists(rel), "missing {rel}");
    }
}

#[test]
fn credit_line_from_front_matter_and_lead() {
    let site = TempSite::site("basic");
    site.build(&[]);
    // Agencies from front matter ("AFP/APP/DNA"), place and day from the lead.
    assert_eq!(
        site.page(RUSSIA).text(".story .credit"),
        "NEW YORK, SEPT 22 (AFP/APP/DNA)"
    );
    // Everything from the lead `NEW YORK, Sept. 21 (APP/DNA):`, the date as the wire wrote it.
    assert_eq!(
        site.page(UNGA).text(".story .credit"),
        "NEW YORK, Sept. 21 (APP/DNA)"
    );
    // A lead without a day still gives place and agency; the day comes from `date`.
    assert_eq!(
        site.page(RAIN).text(".story .credit"),
        "KARACHI, SEPT 20 (PPI)"
    );
    // No lead at all: `dateline:` front matter and an agencies string.
    assert_eq!(
        site.page(ELECTION).text(".story .credit"),
        "ISLAMABAD, MAY 2 (Reuters/AP)"
    );
}

#[test]
fn body_does_not_repeat_the_dateline() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let body = site.page(RUSSIA).text(".story-body");
    assert!(
        body.starts_with("Pakistan’s foreign minister met"),
        "{body}"
    );
    assert!(!body.contains("(DNA)"), "{body}");
    let body = site.page(UNGA).text(".story-body");
    assert!(body.starts_with("The prime minister told"), "{body}");
}

#[test]
fn byline_times_topics_tags_and_comments() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let unga = site.page(UNGA);
    assert_eq!(unga.texts(".byline a"), vec!["Amina Shah", "Bilal Ahmed"]);
    assert_eq!(
        unga.attrs("time.published", "datetime"),
        vec!["2017-09-21T11:00:00-04:00"]
    );
    assert_eq!(unga.count(".comments-closed"), 1);
    let russia = site.page(RUSSIA);
    assert_eq!(russia.texts(".story .topics a"), vec!["World", "Diplomacy"]);
    assert_eq!(
        russia.attrs(".story .tags a", "href"),
        vec!["/tags/russia/", "/tags/unga/", "/tags/pakistan/"]
    );
    assert_eq!(russia.count(".comments-closed"), 0);
}

#[test]
fn multi_agency_article_is_on_every_agency_page() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let url = format!("/{}", RUSSIA.trim_end_matches("index.html"));
    for agency in ["afp", "app", "dna"] {
        let links = card_links(&site, &format!("agencies/{agency}/index.html"));
        assert!(links.contains(&url), "{agency}: {links:?}");
    }
    let reuters = card_links(&site, "agencies/reuters/index.html");
    assert!(!reuters.contains(&url));
    let agencies = site.page("agencies/index.html").texts("ul.terms li a");
    assert!(agencies.iter().any(|t| t.contains("AFP")), "{agencies:?}");
}

#[test]
fn a_list_shorter_than_two_pages_is_one_page_and_its_old_second_page_redirects() {
    let site = TempSite::site("basic");
    site.build(&[]);
    // World: 3 published articles at 2 a page: the first page holds up to twice
    // the page size, so all three, newest first, and no page links.
    let first = card_links(&site, "topics/world/index.html");
    assert_eq!(
        first,
        vec![
            "/2017/09/22/pakistan-seeks-stronger-trade-ties-with-russia/",
            "/2017/09/21/prime-minister-addresses-un-general-assembly/",
            "/2017/09/20/heavy-rain-lashes-karachi/"
        ]
    );
    let p1 = site.page("topics/world/index.html");
    assert_eq!(p1.count("nav.pagination"), 0);
    // Earlier versions numbered pages newest first and published page 2: it
    // still answers, sending readers to the list.
    let moved = site.read("topics/world/page/2/index.html");
    assert!(
        moved.contains(r#"<meta http-equiv="refresh" content="0; url=/topics/world/">"#),
        "{moved}"
    );
    assert!(!site.exists("topics/world/page/1/index.html"));
    assert!(!site.exists("topics/world/page/3/index.html"));
}

#[test]
fn date_archives_list_their_articles() {
    let site = TempSite::site("basic");
    site.build(&[]);
    assert_eq!(
        card_links(&site, "2018/index.html"),
        vec!["/2018/05/02/election-commission-announces-polling-date/"]
    );
    // Five articles in September 2017 at 2 a page: the oldest two on page 1 (pages
    // count from the oldest), the newest three on the first page.
    let month = card_links(&site, "2017/09/index.html");
    assert_eq!(month.len(), 3, "{month:?}");
    let oldest = card_links(&site, "2017/09/page/1/index.html");
    assert_eq!(oldest.len(), 2, "{oldest:?}");
    assert!(month.iter().all(|m| !oldest.contains(m)));
    let first = site.page("2017/09/index.html");
    assert_eq!(
        first.attrs("nav.pagination a[rel=next]", "href"),
        vec!["/2017/09/page/1/"]
    );
    assert!(first.attrs("nav.pagination a[rel=prev]", "href").is_empty());
    let older = site.page("2017/09/page/1/index.html");
    assert_eq!(
        older.attrs("nav.pagination a[rel=prev]", "href"),
        vec!["/2017/09/"]
    );
    assert!(older.attrs("nav.pagination a[rel=next]", "href").is_empty());
    // Older pages carry no count (it would change them with every story).
    assert_eq!(first.text(".list-count"), "5 articles");
    assert!(!older.text(".list-count").contains('5'));
    // The old newest-first pages 2 and 3 answer with a redirect to the list.
    for p in [2, 3] {
        let moved = site.read(&format!("2017/09/page/{p}/index.html"));
        assert!(moved.contains("url=/2017/09/\""), "{moved}");
    }
    assert_eq!(
        card_links(&site, "2017/09/21/index.html"),
        vec!["/2017/09/21/prime-minister-addresses-un-general-assembly/"]
    );
    // The year page links its months.
    let year = site.page("2017/index.html");
    assert!(year.attrs("a", "href").contains(&"/2017/09/".to_string()));
}

#[test]
fn related_news_links_the_same_story_and_never_itself() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let page = site.page(RUSSIA);
    let related = page.attrs("section.related .card a.card-link", "href");
    assert_eq!(
        related.first().map(String::as_str),
        Some("/2017/09/21/prime-minister-addresses-un-general-assembly/")
    );
    assert!(
        !related.iter().any(|r| r.contains("trade-ties-with-russia")),
        "{related:?}"
    );
    assert!(related.len() <= 3, "count = 3 in site.toml: {related:?}");
    assert_eq!(
        page.count("section.related .card a.read-more"),
        related.len()
    );
    // Same-language rule: the Urdu story is not offered to English readers.
    assert!(
        !related
            .iter()
            .any(|r| r.contains("/2017/09/20/") && !r.contains("heavy-rain")),
        "{related:?}"
    );
}

#[test]
fn drafts_and_future_articles_are_left_out_unless_asked() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let all = tree(&site.public());
    let text: String = all
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(!text.contains("Unfinished draft"));
    assert!(!text.contains("Story from the future"));
    assert!(!site.exists("2099/01/01/story-from-the-future/index.html"));

    site.build(&["--drafts", "--future"]);
    assert!(site.exists("2017/09/23/unfinished-draft-about-trade/index.html"));
    assert!(site.exists("2099/01/01/story-from-the-future/index.html"));
    assert_eq!(
        site.page("2017/09/23/unfinished-draft-about-trade/index.html")
            .count(".badge-draft"),
        1
    );
}

#[test]
fn markup_in_titles_and_tags_comes_out_escaped() {
    let site = TempSite::site("basic");
    site.build(&[]);
    for (path, bytes) in tree(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("<script>alert"),
            "{path} carries a live script"
        );
        assert!(
            !text.contains("<b>Stocks</b>"),
            "{path} carries live markup from a tag"
        );
    }
    let page = site.page("2017/09/19/script-alert-x-script-markets-rally/index.html");
    assert_eq!(
        page.text("h1.headline"),
        "<script>alert('x')</script> Markets rally"
    );
}

#[test]
fn right_to_left_articles_are_marked() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let urdu = "2017/09/20/کراچی-میں-شدید-بارش/index.html";
    let page = site.page(urdu);
    assert_eq!(page.attrs("article.story", "dir"), vec!["rtl"]);
    assert_eq!(page.attrs("article.story", "lang"), vec!["ur"]);
}

#[test]
fn home_links_every_kind_of_page() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let home = site.page("index.html");
    let links = home.attrs("a", "href");
    for want in [
        "/topics/",
        "/tags/",
        "/agencies/",
        "/authors/",
        "/2017/",
        "/2018/",
        "/topics/world/",
    ] {
        assert!(
            links.contains(&want.to_string()),
            "home lacks {want}: {links:?}"
        );
    }
    assert!(home.count(".latest .card") >= 1);
}

#[test]
fn same_input_builds_byte_identical_output() {
    let a = TempSite::site("basic");
    let b = TempSite::site("basic");
    a.build(&[]);
    b.build(&[]);
    let ta = tree(&a.public());
    let tb = tree(&b.public());
    assert_eq!(ta.len(), tb.len());
    for ((pa, ba), (pb, bb)) in ta.iter().zip(&tb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
}

#[test]
fn site_templates_override_the_theme() {
    let site = TempSite::site("basic");
    site.write(
        "templates/article.html",
        "{% extends \"theme/article.html\" %}{% block title %}OVERRIDDEN {{ article.title }}{% endblock %}",
    );
    site.build(&[]);
    assert!(
        site.read(RUSSIA).contains("OVERRIDDEN Pakistan seeks"),
        "{}",
        site.read(RUSSIA)
    );
    // Other templates still come from the theme.
    assert!(!site.read("index.html").contains("OVERRIDDEN"));
}

#[test]
fn base_url_with_a_path_prefixes_links() {
    let site = TempSite::site("basic");
    site.build(&["--base-url", "https://example.org/news/"]);
    let home = site.page("index.html");
    let links = home.attrs("a.card-link", "href");
    assert!(!links.is_empty());
    assert!(links.iter().all(|l| l.starts_with("/news/")), "{links:?}");
    let css = home.attrs("link[rel=stylesheet]", "href");
    assert!(css.iter().all(|l| l.starts_with("/news/")), "{css:?}");
}
