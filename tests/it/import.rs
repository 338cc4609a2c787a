//! `broadsheet import`: fixture exports and folders (tests/fixtures/import/) imported
//! into a fresh site with the real binary, then built.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::support::{Output, TempSite, broadsheet, fixture};

fn site() -> TempSite {
    TempSite::new("import", "site")
}

fn source(rel: &str) -> PathBuf {
    fixture("import", rel)
}

/// `broadsheet import <args…> --root <site>`.
fn import(site: &TempSite, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut all: Vec<std::ffi::OsString> = vec!["import".into()];
    all.extend(args.iter().map(|a| a.as_ref().to_os_string()));
    all.push("--root".into());
    all.push(site.root().into());
    broadsheet(all)
}

fn read(site: &TempSite, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// Every file under `dir`: path → (modification time, bytes).
fn snapshot(dir: &Path) -> BTreeMap<String, (SystemTime, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                (meta.modified().unwrap(), std::fs::read(e.path()).unwrap()),
            )
        })
        .collect()
}

/// Paths of files under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    snapshot(dir)
        .into_iter()
        .filter(|(_, (_, bytes))| {
            bytes
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        })
        .map(|(p, _)| p)
        .collect()
}

fn wordpress(site: &TempSite) -> Output {
    import(
        site,
        &[
            &"wordpress",
            &source("wordpress/export-1.xml"),
            &source("wordpress/export-2.xml"),
            &"--uploads",
            &source("wordpress/uploads"),
        ],
    )
}

#[test]
#[allow(clippy::too_many_lines)] // one export, then a few assertions for each kind of item it holds
fn a_split_wordpress_export_becomes_articles_pages_and_images() {
    let s = site();
    let out = wordpress(&s);
    assert_eq!(
        out.code, 1,
        "post 52 has no title: {}{}",
        out.stdout, out.stderr
    );
    assert!(
        out.stdout
            .contains("imported 7, updated 0, unchanged 0, skipped 0, errors 1"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("export-2.xml: post 52: error: the post has no title"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`nav_menu_item` are not imported (1)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("shortcode [contact-form-7] left as written"),
        "{}",
        out.stderr
    );

    let fleet = read(&s, "content/2016/03/keelport-fleet-record-catch.md");
    has_all(
        &fleet,
        &[
            "title: \"Keelport fleet lands record mackerel catch\"",
            "date: 2016-03-10T07:30:00+00:00",
            "updated: 2016-03-11T09:15:00+00:00",
            "topics: [\"Harbour\", \"Business\"]",
            "tags: [\"fishing\", \"mackerel\"]",
            "author: [\"Maren Hollis\"]",
            "summary: \"Eleven trawlers bring home the largest catch in twenty years.\"",
            "image: \"/uploads/2016/03/harbour-dawn.gif\"",
            "image_alt: \"Trawlers leaving Keelport at first light\"",
            "featured: true",
            "comments: false",
            "aliases: [\"/?p=20\", \"/2016/03/10/fleet-lands-big-catch/\"]",
        ],
    );
    // Classic editor: paragraphs from blank lines, a line break kept, the caption a figure.
    assert!(
        fleet.contains("\n\n\"We had to send two boats back out for ice,\""),
        "{fleet}"
    );
    assert!(fleet.contains("since 1988.  \nThe auction hall"), "{fleet}");
    assert!(
        fleet.contains("<figure><img src=\"/uploads/2016/03/net-mending.gif\" alt=\"Nets drying on the quay\"><figcaption>Nets drying on the quay after the landing.</figcaption></figure>"),
        "{fleet}"
    );
    assert!(
        s.root()
            .join("static/uploads/2016/03/harbour-dawn.gif")
            .is_file()
    );
    assert!(
        s.root()
            .join("static/uploads/2016/03/net-mending.gif")
            .is_file()
    );

    let ferry = read(&s, "content/2016/03/ferry-timetable-spring.md");
    assert!(
        ferry.contains("title: \"Ferry timetable changes for spring – what you need to know\"")
    );
    assert!(
        ferry.contains("topics: [\"Transport\"]"),
        "uncategorized dropped: {ferry}"
    );
    assert!(ferry.contains("format: \"video\""), "{ferry}");
    assert!(ferry.contains("**four** crossings"), "{ferry}");
    assert!(
        ferry.contains("youtube-nocookie.com/embed/Kp3xQ9fZ2aA"),
        "{ferry}"
    );
    assert!(
        ferry.contains("<td colspan=\"2\">"),
        "a merged cell stays HTML: {ferry}"
    );
    assert!(
        !ferry.contains("alert") && !ferry.contains("wp:paragraph"),
        "{ferry}"
    );

    assert!(read(&s, "content/2016/03/draft-lifeboat-appeal-totals.md").contains("draft: true"));
    assert!(
        read(&s, "content/2016/03/board-minutes.md").contains("draft: true"),
        "private"
    );
    let regatta = read(&s, "content/2016/07/regatta-week-programme.md");
    assert!(
        regatta.contains("embargo: 2016-07-01T06:00:00+00:00"),
        "{regatta}"
    );
    let about = read(&s, "content/pages/about.md");
    assert!(about.contains("kind: page"), "{about}");
    assert!(
        about.contains("aliases: [\"/?p=50\", \"/?page_id=50\"]"),
        "{about}"
    );
    assert!(
        about.contains("The Gazette has covered Keelport since 1921.\n\nWrite to"),
        "{about}"
    );
    assert!(
        read(&s, "content/2016/03/old-pier-reopens.md")
            .contains("author: [\"someone-not-listed\"]")
    );

    let ledger = read(&s, "import-ledger.json");
    assert!(ledger.contains("\"wordpress:https://gazette.example.org/?p=20\": {\"version\":\"2016-03-11 09:15:00\",\"path\":\"content/2016/03/keelport-fleet-record-catch.md\""), "{ledger}");

    s.build(&["--now", "2016-08-01T00:00:00Z"]);
    assert!(s.exists("2016/03/10/keelport-fleet-record-catch/index.html"));
    // Comments are dropped: no commenter's name, e-mail or address anywhere.
    for secret in [
        "Perrin Vossbeck",
        "perrin.vossbeck@mail.example.net",
        "203.0.113.77",
        "perrin.example.net",
        "Wenna Trethowan",
        "wenna.t@mail.example.net",
        "198.51.100.23",
        "My grandfather would not believe it",
    ] {
        nowhere(s.root(), secret);
    }
}

#[test]
fn importing_the_same_export_again_changes_no_file() {
    let s = site();
    wordpress(&s);
    let before = snapshot(s.root());
    let out = wordpress(&s);
    assert!(
        out.stdout
            .contains("imported 0, updated 0, unchanged 7, skipped 0, errors 1"),
        "{}",
        out.stdout
    );
    assert_eq!(snapshot(s.root()), before);
}

#[test]
fn a_newer_version_updates_its_article_but_never_a_hand_edited_one() {
    let s = site();
    wordpress(&s);
    let export = std::fs::read_to_string(source("wordpress/export-1.xml")).unwrap();
    // Both posts edited in WordPress: the ferry (post 30) and the catch (post 20).
    let newer = export
        .replace(
            "<wp:post_modified_gmt><![CDATA[2016-03-12 10:00:00]]></wp:post_modified_gmt>",
            "<wp:post_modified_gmt><![CDATA[2016-03-15 08:00:00]]></wp:post_modified_gmt>",
        )
        .replace("up from three.", "up from three, the operator confirmed.")
        .replace(
            "<wp:post_modified_gmt><![CDATA[2016-03-11 09:15:00]]></wp:post_modified_gmt>",
            "<wp:post_modified_gmt><![CDATA[2016-03-16 09:15:00]]></wp:post_modified_gmt>",
        );
    let edited = s.root().join("export-1-newer.xml");
    std::fs::write(&edited, newer).unwrap();
    let fleet = "content/2016/03/keelport-fleet-record-catch.md";
    let by_hand = read(&s, fleet).replace("eleven trawlers", "eleven fishing boats");
    std::fs::write(s.root().join(fleet), &by_hand).unwrap();

    let out = import(&s, &[&"wordpress", &edited]);
    assert!(
        out.stdout
            .contains("imported 0, updated 1, unchanged 2, skipped 1"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    assert!(
        out.stderr.contains("post 20: skipped: edited by hand since it was imported; content/2016/03/keelport-fleet-record-catch.md not overwritten"),
        "{}",
        out.stderr
    );
    assert_eq!(read(&s, fleet), by_hand);
    let ferry = read(&s, "content/2016/03/ferry-timetable-spring.md");
    assert!(ferry.contains("the operator confirmed"), "{ferry}");
    assert!(
        ferry.contains("updated: 2016-03-15T08:00:00+00:00"),
        "{ferry}"
    );
    assert!(read(&s, "import-ledger.json").contains("\"version\":\"2016-03-15 08:00:00\""));
}

#[test]
fn ninjs_of_every_version_with_bad_items_reported_and_editorial_notes_nowhere() {
    let s = site();
    let out = import(&s, &[&"ninjs", &source("ninjs")]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("imported 4, updated 0, unchanged 0, skipped 1"),
        "{}",
        out.stdout
    );
    has_all(
        &out.stderr,
        &[
            "more/broken.json:3:2: error: invalid JSON",
            "v3-withdrawn.json: item 4: error: unknown ninjs version `4.0`",
            "v3-withdrawn.json: item 3: error: the item has no headline",
            "v3-withdrawn.json: item 2: skipped: a `picture` item, not text",
        ],
    );
    let v1 = read(
        &s,
        "content/2024/03/valley-council-votes-to-close-brenmoor-quarry-by-2027.md",
    );
    has_all(
        &v1,
        &[
            "dateline: \"BRENMOOR\"",
            "agencies: [\"VWS\", \"APP\"]",
            "topics: [\"environment\"]",
            "tags: [\"Brenmoor Quarry Ltd\"]",
            "author: [\"Idris Calloway\"]",
            "summary: \"Councillors back the closure after six years of dust complaints.\"",
            "it would \\*appeal\\*.",
        ],
    );
    let v2 = read(
        &s,
        "content/2024/03/new-tide-gauge-warns-of-surge-two-hours-earlier.md",
    );
    assert!(
        v2.contains("date: 2024-03-03T11:00:00+01:00\nupdated: 2024-03-03T14:05:00+01:00"),
        "{v2}"
    );
    assert!(v2.contains("embargo: 2024-03-04T06:00:00+01:00"), "{v2}");
    assert!(
        v2.contains("agencies: [\"NWA\"]") && v2.contains("*two hours* more"),
        "{v2}"
    );
    let v3 = read(&s, "content/2024/03/ferry-crews-call-off-friday-strike.md");
    assert!(
        v3.contains("embargo: 2024-03-05T12:00:00+00:00"),
        "embargoedUntil: {v3}"
    );
    assert!(v3.contains("summary: \"Talks resume on Monday.\""), "{v3}");
    let gone = read(&s, "content/2024/03/bridge-closure-withdrawn-story.md");
    assert!(gone.contains("withdrawn: true"), "{gone}");

    s.build(&["--now", "2024-04-01T00:00:00Z"]);
    nowhere(s.root(), "SECRET-EDNOTE");
}

#[test]
fn newsml_g2_items_and_messages() {
    let s = site();
    let out = import(&s, &[&"newsml-g2", &source("newsml")]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("imported 4, updated 0, unchanged 0, skipped 1"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("newsml/broken.xml:4:32: error: invalid XML"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("message-two.xml: item 4: error: the item has no <headline>"),
        "{}",
        out.stderr
    );
    let quay = read(&s, "content/2024/03/storm-cracks-kellsby-quay-wall.md");
    has_all(
        &quay,
        &[
            "date: 2024-03-10T16:20:00+00:00",
            "dateline: \"KELLSBY\"",
            "agencies: [\"NWA\", \"VWS\"]",
            "topics: [\"infrastructure\"]",
            "tags: [\"Kellsby Harbour Trust\", \"quay\"]",
            "author: [\"Halden Rusk\"]",
            "summary: \"Engineers close the north quay for inspection.\"",
            "lang: \"en\"",
            "a **two-metre** crack",
        ],
    );
    let cottage = read(
        &s,
        "content/2024/03/lighthouse-keepers-cottage-to-become-museum.md",
    );
    assert!(cottage.contains("dateline: \"ROSSET HEAD\""), "{cottage}");
    assert!(
        cottage.contains("embargo: 2024-03-12T00:00:00+00:00"),
        "{cottage}"
    );
    assert!(
        cottage.contains("in June.\n\nEntry will be free"),
        "{cottage}"
    );
    assert!(
        read(&s, "content/2024/03/harbour-fees-story-withdrawn.md").contains("withdrawn: true")
    );
    // The billion laughs: the entity is kept as written, never expanded.
    let laughs = read(&s, "content/2024/03/laughs-lol9.md");
    assert!(laughs.contains("title: \"Laughs &lol9;\""), "{laughs}");
    s.build(&["--now", "2024-04-01T00:00:00Z"]);
    nowhere(s.root(), "SECRET-EDNOTE");
}

#[test]
fn a_jekyll_folder_as_it_is() {
    let s = site();
    let out = import(&s, &[&"jekyll", &source("jekyll")]);
    out.assert_ok();
    assert!(
        out.stdout
            .contains("imported 5, updated 0, unchanged 0, skipped 0"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(
            "note: files ending in .textile are not read by broadsheet and were not imported (2)"
        ),
        "{}",
        out.stderr
    );
    // The undated `about.md` (permalink /about/) is a standalone page at that address.
    let about = read(&s, "content/pages/about.md");
    has_all(&about, &["kind: page", "title: \"About the Ledger\""]);
    assert!(
        !about.contains("date:") && !about.contains("aliases"),
        "{about}"
    );
    s.build(&[]);
    let page = std::fs::read_to_string(s.public().join("about/index.html")).unwrap();
    assert!(page.contains("A volunteer paper for Millbrook."), "{page}");
    assert!(
        !out.stderr.contains(".css") && !out.stderr.contains("README"),
        "{}",
        out.stderr
    );
    let weir = read(&s, "content/2014/12/weir-repairs.md");
    has_all(
        &weir,
        &[
            "date: 2014-12-17T11:16:21-08:00",
            "topics: [\"town\", \"river\"]",
            // `redirect_from`, then where _config.yml's `permalink:` put the post.
            "aliases: [\"/news/weir-repairs.html\", \"/2014/12/17/weir-repairs.html\"]",
            "```text\nFlow gauge: 2.4 m\n```",
        ],
    );
    let fair = read(&s, "content/2016/03/mill-fair.md");
    assert!(
        fair.contains("date: 2016-03-10T00:00:00+00:00"),
        "from the file name: {fair}"
    );
    assert!(read(&s, "content/2016/06/bridge-survey.md").contains("draft: true"));
    s.build(&[]);
    assert!(s.exists("2014/12/17/weir-repairs/index.html"));
    assert!(s.exists("2016/04/01/bakery/index.html"));
    // The Jekyll URLs answer with a redirect to the new ones.
    let old = std::fs::read_to_string(s.public().join("2014/12/17/weir-repairs.html")).unwrap();
    assert!(old.contains("url=/2014/12/17/weir-repairs/\""), "{old}");
    let old = std::fs::read_to_string(s.public().join("2016/04/01/bakery.html")).unwrap();
    assert!(old.contains("url=/2016/04/01/bakery/\""), "{old}");
}

#[test]
fn jekyll_permalink_styles_become_aliases() {
    let post = "---\ntitle: Canal lock reopens\ndate: 2019-07-04 09:00:00 +0000\ncategories: [Town News]\n---\nThe lock reopened.\n";
    for (config, alias) in [
        // No _config.yml: Jekyll's default style, `date`, with the categories.
        (None, Some("/town%20news/2019/07/04/canal-lock.html")),
        (
            Some("permalink: none\n"),
            Some("/town%20news/canal-lock.html"),
        ),
        (
            Some("permalink: /blog/:year/:i_month/:title\n"),
            Some("/blog/2019/7/canal-lock"),
        ),
        // `pretty` without categories is broadsheet's own address: no alias.
        (Some("permalink: /:year/:month/:day/:title/\n"), None),
    ] {
        let s = site();
        let dir = s.root().join("jekyll-src");
        std::fs::create_dir_all(dir.join("_posts")).unwrap();
        std::fs::write(dir.join("_posts/2019-07-04-canal-lock.md"), post).unwrap();
        if let Some(config) = config {
            std::fs::write(dir.join("_config.yml"), config).unwrap();
        }
        import(&s, &[&"jekyll", &dir]).assert_ok();
        let text = read(&s, "content/2019/07/canal-lock.md");
        match alias {
            Some(alias) => assert!(
                text.contains(&format!("aliases: [\"{alias}\"]")),
                "{config:?}: {text}"
            ),
            None => assert!(!text.contains("aliases"), "{config:?}: {text}"),
        }
        s.build(&[]);
        assert!(s.exists("2019/07/04/canal-lock/index.html"), "{config:?}");
    }
}

#[test]
fn hugo_and_zola_folders_with_toml_front_matter_and_shortcodes() {
    let s = site();
    let out = import(&s, &[&"hugo", &source("hugo")]);
    out.assert_ok();
    assert!(
        out.stdout
            .contains("imported 5, updated 0, unchanged 0, skipped 2"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("content/posts/_index.md: skipped: a section index"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("shortcode `instagram` left as written"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("files ending in .adoc are not read"),
        "{}",
        out.stderr
    );
    let lights = read(&s, "content/2023/04/harbour-lights.md");
    has_all(
        &lights,
        &[
            "date: 2023-04-18T19:30:00+01:00",
            "updated: 2023-04-20T08:00:00+01:00",
            "aliases: [\"/2023/04/harbour-lights/\", \"/old/harbour-lights.html\"]",
            "![Quay lamps](/images/quay-lamps.jpg)\n*The new lamps at dusk*",
            "youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ],
    );
    assert!(read(&s, "content/2023/05/bundle.md").contains("date: 2023-05-02"));
    assert!(
        read(&s, "content/2023/06/council.md").contains("topics: [\"Council\"]"),
        "JSON front matter"
    );
    assert!(read(&s, "content/pages/contact.md").contains("kind: page"));

    let out = import(&s, &[&"zola", &source("zola")]);
    out.assert_ok();
    let cliff = read(&s, "content/2024/02/cliff-path.md");
    has_all(
        &cliff,
        &[
            "date: 2024-02-10T00:00:00+00:00",
            "topics: [\"Coast\"]",
            "tags: [\"walking\", \"landslip\"]",
            "image: \"/img/cliff.jpg\"",
            "{% note(kind=\"warning\") %}",
        ],
    );
    // Hugo's and Zola's static/ are the user's to copy; the stories' photos (the
    // Zola story's own, the Hugo figure's in the body) must exist to build.
    let photo = image::RgbImage::from_pixel(64, 48, image::Rgb([90, 120, 150]));
    for file in ["static/img/cliff.jpg", "static/images/quay-lamps.jpg"] {
        let path = s.root().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        photo.save(path).unwrap();
    }
    s.build(&[]);
    assert!(s.exists("2024/02/10/cliff-path/index.html"));
}

#[test]
fn hostile_exports_are_reported_not_fatal() {
    let s = site();
    let export = std::fs::read_to_string(source("wordpress/export-2.xml")).unwrap();
    // A 20 MB body in one post, and an entity bomb in another; the rest imports.
    let huge = export.replacen("Not for publication.", &"A".repeat(20 * 1024 * 1024), 1);
    let path = s.root().join("huge.xml");
    std::fs::write(&path, huge).unwrap();
    let out = import(&s, &[&"wordpress", &path]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("huge.xml:40:20: error: <item> holds more than 16 MB of text; left out"),
        "{}",
        out.stderr
    );
    // The page before the huge post and the post after it.
    assert!(out.stdout.contains("imported 2,"), "{}", out.stdout);
    assert!(read(&s, "content/2016/03/old-pier-reopens.md").contains("The old pier reopened"));

    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>
<item><title>Bomb &c;</title><wp:post_id>1</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>
</channel></rss>"#;
    let path = s.root().join("bomb.xml");
    std::fs::write(&path, bomb).unwrap();
    import(&s, &[&"wordpress", &path]).assert_ok();
    assert!(read(&s, "content/2020/01/bomb-c.md").contains("title: \"Bomb &c;\""));

    let path = s.root().join("version.xml");
    std::fs::write(&path, bomb.replace(">1.2<", ">9.0<")).unwrap();
    let out = import(&s, &[&"wordpress", &path]);
    assert!(out.stderr.contains("version.xml:3:"), "{}", out.stderr);
    assert!(
        out.stderr.contains("unknown WXR version `9.0`"),
        "{}",
        out.stderr
    );

    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let path = s.root().join("deep.json");
    std::fs::write(&path, deep).unwrap();
    let out = import(&s, &[&"ninjs", &path]);
    assert!(out.stderr.contains("deep.json:1:"), "{}", out.stderr);
}

/// Asserts that `text` contains every one of `parts`.
fn has_all(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} in\n{text}");
    }
}

/// Asserts that no file under `dir` holds `needle` (any case).
fn nowhere(dir: &Path, needle: &str) {
    assert_eq!(
        files_containing(dir, needle),
        Vec::<String>::new(),
        "{needle}"
    );
}

#[test]
fn the_same_post_twice_in_one_run_ends_as_its_newest_version() {
    let s = site();
    let export = std::fs::read_to_string(source("wordpress/export-1.xml")).unwrap();
    let newer = export
        .replace(
            "<wp:post_modified_gmt><![CDATA[2016-03-12 10:00:00]]></wp:post_modified_gmt>",
            "<wp:post_modified_gmt><![CDATA[2016-03-15 08:00:00]]></wp:post_modified_gmt>",
        )
        .replace("up from three.", "up from three, the operator confirmed.");
    let second = s.root().join("overlap.xml");
    std::fs::write(&second, newer).unwrap();
    let out = import(
        &s,
        &[&"wordpress", &source("wordpress/export-1.xml"), &second],
    );
    out.assert_ok();
    assert!(
        out.stdout
            .contains("imported 4, updated 1, unchanged 3, skipped 0"),
        "{}{}",
        out.stdout,
        out.stderr
    );
    let ferry = read(&s, "content/2016/03/ferry-timetable-spring.md");
    assert!(ferry.contains("the operator confirmed"), "{ferry}");
    let again = import(&s, &[&"wordpress", &second]);
    assert!(
        again.stdout.contains("imported 0, updated 0, unchanged 4"),
        "{}",
        again.stdout
    );
    // Nothing to do: the bodies were never read, and the notes are the same.
    assert!(
        again
            .stderr
            .contains("`nav_menu_item` are not imported (1)"),
        "{}",
        again.stderr
    );
}

#[test]
fn an_import_stopped_before_its_ledger_was_written_is_not_doubled() {
    let s = site();
    wordpress(&s);
    std::fs::remove_file(s.root().join("import-ledger.json")).unwrap();
    let before = snapshot(&s.root().join("content"));
    let out = wordpress(&s);
    assert!(out.stdout.contains("imported 7,"), "{}", out.stdout);
    assert_eq!(
        snapshot(&s.root().join("content")),
        before,
        "no -2 copies, nothing rewritten"
    );
    assert!(read(&s, "import-ledger.json").contains("keelport-fleet-record-catch.md"));
}

#[test]
fn import_under_quiet_prints_errors_only() {
    let s = site();
    let args: [&dyn AsRef<std::ffi::OsStr>; 3] =
        [&"--quiet", &"wordpress", &source("wordpress/export-1.xml")];
    let loud_site = site();
    let loud = import(&loud_site, &args[1..]);
    // The export has things worth a line: notes and a summary.
    assert!(loud.stderr.contains("note: "), "{}", loud.stderr);
    assert!(loud.stdout.starts_with("imported "), "{}", loud.stdout);
    let out = import(&s, &args);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    // The articles were still written.
    assert_eq!(
        files_containing(&s.root().join("content"), "title:"),
        files_containing(&loud_site.root().join("content"), "title:")
    );
    // Errors are printed however quiet.
    let path = s.root().join("version.xml");
    let export = std::fs::read_to_string(source("wordpress/export-1.xml")).unwrap();
    std::fs::write(&path, export.replacen(">1.2<", ">9.0<", 1)).unwrap();
    let out = import(&s, &[&"-q", &"wordpress", &path]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("unknown WXR version `9.0`") && !out.stderr.contains("imported"),
        "{}",
        out.stderr
    );
}
