//! Dateline leads end to end: a fixture site with staff, wire, Urdu and Arabic leads
//! is built, and every place a lead could leak into (body, standfirst, summary, meta
//! description, feeds) is read back.

use crate::support::TempSite;

const STAFF: &str = "2024/06/17/heat-emergency-declared-across-sindh/index.html";
const REUTER: &str = "2024/03/13/coalition-partners-meet-again-in-rome/index.html";
const APP_EN: &str = "2024/06/16/cabinet-approves-budget-proposals/index.html";
const APP_UR: &str = "2024/05/14/cabinet-budget-urdu/index.html";
const WAQT: &str = "2024/12/03/mirpur-clears-encroachments/index.html";
const CAIRO: &str = "2024/01/05/cairo-transport/index.html";
const PROSE: &str = "2024/02/02/the-minister-pauses/index.html";

/// `(page, credit line, the dateline as the lead wrote it, the story's first words)`.
const STORIES: &[(&str, &str, &str, &str)] = &[
    (
        STAFF,
        "KARACHI, JUNE 17",
        "KARACHI:",
        "The Sindh government declared",
    ),
    (
        REUTER,
        "ROME, March 13 (Reuter)",
        "ROME, March 13",
        "Italy’s coalition partners",
    ),
    (
        APP_EN,
        "ISLAMABAD, JUN 16 (APP)",
        "ISLAMABAD, JUN 16",
        "The federal cabinet",
    ),
    (
        APP_UR,
        "اسلام آباد، 14 مئی (اے پی پی)",
        "اسلام آباد، 14 مئی",
        "وفاقی کابینہ نے",
    ),
    (
        WAQT,
        "میر پور، 3 دسمبر (وقت نیوز)",
        "میر پور(وقت نیوز)",
        "ضلعی انتظامیہ نے",
    ),
    (
        CAIRO,
        "القاهرة، 5 يناير (أ ف ب)",
        "القاهرة، 5 يناير",
        "أعلنت الحكومة المصرية",
    ),
];

/// What a lead's dateline must never leave behind, anywhere but the credit line.
fn assert_no_dateline(where_: &str, text: &str) {
    for &(_, _, dateline, _) in STORIES {
        assert!(
            !text.contains(dateline),
            "{where_}: `{dateline}` left in\n{text}"
        );
    }
}

#[test]
fn leads_become_credit_lines_and_leave_the_story() {
    let site = TempSite::site("datelines");
    let out = site.build(&[]);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    for &(page, credit, _, first_words) in STORIES {
        let p = site.page(page);
        assert_eq!(p.text(".story .credit"), credit, "{page}");
        let body = p.text(".story-body");
        assert!(body.starts_with(first_words), "{page}: {body}");
        assert_no_dateline(page, &body);
        for standfirst in p.texts(".standfirst") {
            assert_no_dateline(page, &standfirst);
        }
        for description in p.attrs("meta[name=description]", "content") {
            assert!(
                description.starts_with(first_words),
                "{page}: {description}"
            );
        }
    }
    for feed in ["feed.xml", "atom.xml"] {
        let text = site.read(feed);
        assert_no_dateline(feed, &text);
        assert!(text.contains("The Sindh government declared"), "{feed}");
    }
}

#[test]
fn full_text_feeds_leave_the_dateline_out_too() {
    let site = TempSite::site("datelines");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &format!("{toml}\n[feeds]\nfull_text = true\n"));
    site.build(&[]);
    for feed in ["feed.xml", "atom.xml"] {
        let text = site.read(feed);
        assert_no_dateline(feed, &text);
        assert!(
            text.contains("Hospitals were told"),
            "{feed}: not full text"
        );
    }
}

#[test]
fn agencies_in_any_script_share_one_page() {
    let site = TempSite::site("datelines");
    site.build(&[]);
    let app = site.page("agencies/app/index.html");
    let titles = app.texts("h2, h3");
    assert!(
        titles
            .iter()
            .any(|t| t == "Cabinet approves budget proposals"),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t == "وفاقی کابینہ نے بجٹ تجاویز منظور کر لیں"),
        "{titles:?}"
    );
    // `[agencies]` in site.toml names the newsroom's own credit; the built-in table the rest.
    assert!(site.exists("agencies/waqt-news/index.html"));
    assert!(site.exists("agencies/reuters/index.html"));
    assert!(site.exists("agencies/afp/index.html"));
    assert!(!site.exists("agencies/reuter/index.html"));
}

#[test]
fn prose_keeps_every_word() {
    let site = TempSite::site("datelines");
    site.build(&[]);
    let p = site.page(PROSE);
    assert!(
        p.text(".story-body")
            .starts_with("However, the minister said - after a long pause - that"),
        "{}",
        p.text(".story-body")
    );
    assert_eq!(
        p.count(".story .credit"),
        0,
        "no place, no agency: no credit line"
    );
}

#[test]
fn a_house_style_rewrites_the_wire_date() {
    let site = TempSite::site("datelines");
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    let toml = toml.replace(
        "[agencies]",
        "[dateline]\ndate_style = \"ap\"\n\n[agencies]",
    );
    site.write("site.toml", &toml);
    site.build(&[]);
    assert_eq!(
        site.page(APP_EN).text(".story .credit"),
        "ISLAMABAD, June 16 (APP)"
    );
    assert_eq!(site.page(STAFF).text(".story .credit"), "KARACHI, June 17");
    // Urdu has one way to write a date.
    assert_eq!(
        site.page(APP_UR).text(".story .credit"),
        "اسلام آباد، 14 مئی (اے پی پی)"
    );
}

#[test]
fn new_writes_a_lead_the_parser_reads() {
    let site = TempSite::site("datelines");
    let out = site.run(&["new", "Water board restores supply"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = out.stdout.trim();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("PLACE, "), "{text}");
    let out = site.build(&["--drafts", "--now", "2100-01-01T00:00:00Z"]);
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let rel = std::path::Path::new(path)
        .strip_prefix(site.root().join("content"))
        .unwrap();
    let page = walk_for(&site.public(), "water-board-restores-supply");
    let p = site.page(&page);
    assert!(p.text(".story .credit").starts_with("PLACE, "), "{rel:?}");
    assert!(p.text(".story-body").starts_with("Write the lead here."));
}

/// The output page of the article whose slug is `slug`.
fn walk_for(public: &std::path::Path, slug: &str) -> String {
    walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            e.path()
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .find(|rel| rel.ends_with(&format!("{slug}/index.html")))
        .unwrap_or_else(|| panic!("no page for {slug}"))
}
