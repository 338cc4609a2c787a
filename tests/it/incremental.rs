//! Incremental builds: a rebuild renders only the pages whose inputs changed, and
//! its output is always the same, byte for byte, as a cold build of the same input.

use crate::support::{TempSite, staging_leftovers, tree};

/// What `build --timings=json` reported.
struct Timings(serde_json::Value);

impl Timings {
    /// Builds the site at `now` and reads its report.
    fn build(site: &TempSite, now: &str) -> Timings {
        let out = site.build(&["--now", now, "--timings=json"]);
        let value = serde_json::from_str(out.stdout.trim())
            .unwrap_or_else(|e| panic!("--timings=json printed no JSON ({e}):\n{}", out.stdout));
        Timings(value)
    }

    /// A count at `pointer` (`/partials/calls`).
    fn count(&self, pointer: &str) -> usize {
        let n = self.0.pointer(pointer).and_then(serde_json::Value::as_u64);
        let n = n.unwrap_or_else(|| panic!("no count at {pointer} in {}", self.0));
        usize::try_from(n).expect("a count fits")
    }

    /// How many pages the build rendered.
    fn rendered(&self) -> usize {
        self.count("/rendered")
    }

    /// How many files the build took from the parse cache.
    fn taken_from_cache(&self) -> usize {
        self.count("/from_parse_cache")
    }

    /// Whether the related lists were the last build's.
    fn related_kept(&self) -> bool {
        self.0["related_kept"]
            .as_bool()
            .unwrap_or_else(|| panic!("no related_kept in {}", self.0))
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Rebuilds the site's own output, builds the same input cold into a fresh folder,
/// asserts the two trees are identical, and returns how many pages the rebuild rendered.
fn rebuild_matches_cold(site: &TempSite, now: &str) -> usize {
    let out = Timings::build(site, now);
    let cold = tempfile::tempdir().unwrap();
    let cold_out = cold.path().join("public");
    site.build(&["--now", now, "--output", cold_out.to_str().unwrap()]);
    let (incremental, fresh) = (tree(&site.public()), tree(&cold_out));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&fresh), "different files");
    for ((rel, a), (_, b)) in incremental.iter().zip(&fresh) {
        assert!(
            a == b,
            "{rel} differs from a cold build:\n--- rebuild\n{}\n--- cold\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
    out.rendered()
}

const NOW: &str = "2026-01-01T00:00:00Z";

#[test]
fn a_rebuild_with_nothing_changed_renders_nothing() {
    let site = TempSite::site("basic");
    let first = Timings::build(&site, NOW);
    let total = first.rendered();
    assert!(total > 20, "{}", first);
    // Cards are on several lists each: rendered once, reused after.
    let calls = first.count("/partials/calls");
    let renders = first.count("/partials/renders");
    assert!(calls > renders && renders > 0, "{}", first);
    assert_eq!(rebuild_matches_cold(&site, NOW), 0);
    let again = Timings::build(&site, NOW);
    assert_eq!(
        again.count("/partials/calls"),
        0,
        "nothing rendered, no partial called:\n{}",
        again
    );
}

/// The fingerprints a cold build records are the ones the next build finds: else
/// the first rebuild after a cold build renders everything again. With feed entries
/// made per feed (full text) and per page too.
#[test]
fn a_cold_build_fingerprints_pages_as_a_rebuild_does() {
    for feeds in ["", "\n[feeds]\nfull_text = true\n"] {
        let site = TempSite::site("basic");
        let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
        site.write("site.toml", &format!("{toml}{feeds}"));
        let cold = Timings::build(&site, NOW);
        assert!(cold.rendered() > 20, "{}", cold);
        let again = Timings::build(&site, NOW);
        assert_eq!(again.rendered(), 0, "{feeds:?}:\n{}", again);
    }
}

#[test]
fn every_kind_of_change_rebuilds_to_what_a_cold_build_makes() {
    let site = TempSite::site("basic");
    let first = Timings::build(&site, NOW);
    let total = first.rendered();

    // One article's body: its page and the lists and feeds that show it, not the rest.
    let path = site.root().join("content/2017/09/karachi-rain.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nA further paragraph.\n")).unwrap();
    let n = rebuild_matches_cold(&site, NOW);
    assert!(n > 0 && n < total / 2, "{n} of {total} pages rendered");

    // A template: every page (the build key covers the templates as a whole).
    site.write(
        "templates/404.html",
        "<!doctype html><title>Lost</title><p>Nothing at this address.</p>\n",
    );
    assert_eq!(rebuild_matches_cold(&site, NOW), total);
    assert!(site.read("404.html").contains("Nothing at this address."));

    // The configuration: everything.
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write(
        "site.toml",
        &toml.replace("Fixture Times", "Fixture Herald"),
    );
    assert_eq!(rebuild_matches_cold(&site, NOW), total);

    // A new article dated after the build time, then time passing it.
    site.write(
        "content/2026/03/later.md",
        "---\ntitle: \"Budget passed\"\ndate: 2026-03-01T10:00:00+05:00\ntopics: [Pakistan]\n---\nISLAMABAD, MAR 1 (APP) – The budget passed.\n",
    );
    assert_eq!(rebuild_matches_cold(&site, NOW), 0);
    assert!(!site.exists("2026/03/01/budget-passed/index.html"));
    let later = "2026-03-02T00:00:00Z";
    let n = rebuild_matches_cold(&site, later);
    assert!(n > 0, "the article's time came but nothing was rendered");
    assert!(site.exists("2026/03/01/budget-passed/index.html"));

    // An article removed.
    std::fs::remove_file(site.root().join("content/2017/09/urdu.md")).unwrap();
    assert!(rebuild_matches_cold(&site, later) > 0);

    // A page deleted from the output by hand comes back.
    std::fs::remove_file(site.public().join("404.html")).unwrap();
    assert_eq!(rebuild_matches_cold(&site, later), 1);
}

/// The newsroom's everyday build (issue 22): one story published into an archive,
/// then corrected. Each rebuild's output is byte for byte a clean build of the same
/// input; a correction renders only the pages that show the story, and the pages
/// that do not are carried over untouched. (A new story also changes the site-wide
/// counts the default theme shows on every page, so its rebuild renders more.)
#[test]
fn publishing_then_correcting_one_story_matches_a_clean_build_each_time() {
    use std::os::unix::fs::MetadataExt;
    let site = TempSite::site("basic");
    let total = Timings::build(&site, NOW).rendered();
    let story = |body: &str| {
        format!(
            "---\ntitle: \"Karachi port reopens\"\ndate: 2017-09-25T09:00:00+05:00\ntopics: [Pakistan]\n---\nKARACHI, SEPT 25 (APP) – {body}\n"
        )
    };
    site.write(
        "content/2017/09/port-reopens.md",
        &story("The port reopened."),
    );
    let added = rebuild_matches_cold(&site, NOW);
    assert!(site.exists("2017/09/25/karachi-port-reopens/index.html"));
    assert!(added > 0, "nothing rendered for a new story");

    let inode = |rel: &str| std::fs::metadata(site.public().join(rel)).unwrap().ino();
    // An archive page that does not list the story.
    let untouched = "2018/05/index.html";
    let before = inode(untouched);
    site.write(
        "content/2017/09/port-reopens.md",
        &story("The port reopened after two days."),
    );
    let corrected = rebuild_matches_cold(&site, NOW);
    assert!(
        corrected > 0 && corrected < total / 2,
        "{corrected} of {total} pages rendered for a correction"
    );
    assert_eq!(
        inode(untouched),
        before,
        "a page not showing the story was written"
    );
    assert!(
        site.read("2017/09/25/karachi-port-reopens/index.html")
            .contains("after two days")
    );
}

#[test]
fn a_small_change_updates_the_output_in_place() {
    use std::os::unix::fs::MetadataExt;
    let site = TempSite::site("basic");
    site.build(&["--now", NOW]);
    let inode = |rel: &str| std::fs::metadata(site.public().join(rel)).unwrap().ino();
    let (root, folder) = (inode(""), inode("2017/09"));
    let path = site.root().join("content/2017/09/karachi-rain.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nA further paragraph.\n")).unwrap();
    rebuild_matches_cold(&site, NOW);
    // The same folders: files were replaced inside them, no new tree was swapped in.
    assert_eq!((inode(""), inode("2017/09")), (root, folder));
    assert!(!site.public().join(".broadsheet/updating").exists());
    let staging = staging_leftovers(site.root());
    assert!(staging.is_empty(), "{staging:?}");
}

#[test]
fn an_update_in_place_that_never_finished_is_repaired_by_the_next_build() {
    let site = TempSite::site("basic");
    site.build(&["--now", NOW]);
    // What a build killed half-way through an update leaves: the journal, and a page
    // the manifest no longer describes (same size, so only the journal gives it away).
    let page = site.public().join("index.html");
    let bytes = std::fs::read(&page).unwrap();
    std::fs::write(&page, vec![b'x'; bytes.len()]).unwrap();
    std::fs::write(site.public().join(".broadsheet/updating"), "").unwrap();
    let n = rebuild_matches_cold(&site, NOW);
    assert!(n > 20, "the whole site is rendered again, not {n} pages");
    assert!(!site.public().join(".broadsheet/updating").exists());
}

#[test]
fn unchanged_files_are_not_parsed_again_nor_related_ranked_and_a_damaged_cache_is_ignored() {
    let site = TempSite::site("basic");
    let first = Timings::build(&site, NOW);
    assert_eq!(first.taken_from_cache(), 0);
    let again = Timings::build(&site, NOW);
    let articles = again.taken_from_cache();
    assert!(articles > 3, "{}", again);
    // Nothing related news depends on changed either: the lists are the last build's.
    assert!(again.related_kept(), "{}", again);
    assert!(!first.related_kept(), "{}", first);

    // An edited article is parsed again (its new text shows); the others are not.
    let path = site.root().join("content/2017/09/karachi-rain.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Heavy rain", "Updated: heavy rain")).unwrap();
    let out = Timings::build(&site, NOW);
    assert_eq!(out.taken_from_cache(), articles - 1);
    assert!(!out.related_kept(), "{}", out);
    assert!(site.read("index.html").contains("Updated: heavy rain"));
    assert!(rebuild_matches_cold(&site, NOW) == 0);

    // A cache damaged in the middle, or another configuration: parsed afresh, right.
    let cache = site.public().join(".broadsheet/parsed");
    let mut bytes = std::fs::read(&cache).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(&cache, bytes).unwrap();
    let out = Timings::build(&site, NOW);
    assert_eq!(out.taken_from_cache(), 0, "{}", out);
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.write("site.toml", &toml.replace("title = \"", "title = \"The "));
    let out = Timings::build(&site, NOW);
    assert_eq!(out.taken_from_cache(), 0, "{}", out);
    assert_eq!(rebuild_matches_cold(&site, NOW), 0);
}

/// Sets the modification time of every file under `static/` to long ago (its
/// change time becomes now: that is the system's, and cannot be set back).
fn age_static_files(site: &TempSite) {
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_704_067_200);
    for entry in walkdir::WalkDir::new(site.root().join("static")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(entry.path())
                .unwrap();
            f.set_modified(old).unwrap();
        }
    }
}

/// Static files are carried over by their stamp: a rebuild reads none that is
/// unchanged; one edited to the same length with its modification time set back is
/// read and published again (the change time tells); one removed goes. Each rebuild
/// is what a cold build makes.
#[test]
fn a_rebuild_reads_only_the_static_files_that_changed() {
    let site = TempSite::site("basic");
    site.write("static/uploads/2019/05/a.txt", "first A");
    site.write("static/uploads/2019/05/b.txt", "first B");
    age_static_files(&site);
    let cold = Timings::build(&site, NOW);
    let files = cold.count("/statics/files");
    assert!(cold.count("/statics/read") >= 2, "{cold}");
    let again = Timings::build(&site, NOW);
    assert_eq!(again.count("/statics/read"), 0, "{again}");
    assert_eq!(again.count("/statics/files"), files);

    site.write("static/uploads/2019/05/a.txt", "other A");
    age_static_files(&site);
    let edited = Timings::build(&site, NOW);
    // Every file's change time moved (its modification time was set), so each is
    // read once more; the next build reads none again.
    assert!(edited.count("/statics/read") >= 2, "{edited}");
    let a = std::fs::read_to_string(site.public().join("uploads/2019/05/a.txt")).unwrap();
    assert_eq!(a, "other A");
    assert_eq!(Timings::build(&site, NOW).count("/statics/read"), 0);
    assert_eq!(rebuild_matches_cold(&site, NOW), 0);

    std::fs::remove_file(site.root().join("static/uploads/2019/05/b.txt")).unwrap();
    let removed = Timings::build(&site, NOW);
    assert_eq!(removed.count("/statics/read"), 0, "{removed}");
    assert!(!site.public().join("uploads/2019/05/b.txt").exists());
    assert_eq!(rebuild_matches_cold(&site, NOW), 0);
}
