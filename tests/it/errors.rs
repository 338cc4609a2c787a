//! Bad input: every problem reported in one run with file and line; output kept.

use crate::support::{TempSite, tree};

#[test]
fn malformed_front_matter_names_every_file_and_line() {
    let site = TempSite::new("invalid", "malformed-front-matter");
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let err = &out.stderr;
    assert!(err.contains("content/bad-yaml.md:4:"), "{err}");
    assert!(err.contains("malformed YAML"), "{err}");
    assert!(
        err.contains("content/no-title.md:") && err.contains("no title"),
        "{err}"
    );
    assert!(
        err.contains("content/bad-date.md:3:") && err.contains("2017-13-45"),
        "{err}"
    );
    assert!(!err.contains("good.md"), "{err}");
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let site = TempSite::site("basic");
    site.build(&[]);
    let before = tree(&site.public());
    site.write("content/broken.md", "---\ntitle: [unclosed\n---\nBody\n");
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("content/broken.md:2:"),
        "{}",
        out.stderr
    );
    assert_eq!(
        before,
        tree(&site.public()),
        "output changed after a failed build"
    );
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = TempSite::site("basic");
    site.write(
        "templates/article.html",
        "<h1>{{ article.title }}</h1>\n{{ article.no_such_field }}\n",
    );
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("templates/article.html:2:"),
        "{}",
        out.stderr
    );
    // Reported once, not once per article.
    assert_eq!(
        out.stderr.matches("templates/article.html:2:").count(),
        1,
        "{}",
        out.stderr
    );
}

#[test]
fn the_output_folder_may_not_be_the_site_or_its_content() {
    let site = TempSite::site("basic");
    for bad in [".", "content", "content/2017"] {
        let out = site.run(&[
            "build",
            "--output",
            &site.root().join(bad).display().to_string(),
        ]);
        assert_eq!(out.code, 1, "{bad}: {}", out.stderr);
        assert!(out.stderr.contains("would overwrite"), "{}", out.stderr);
    }
    assert!(site.root().join("content/2018/elections.md").is_file());
}

#[test]
fn a_foreign_folder_is_not_replaced_without_force() {
    let site = TempSite::site("basic");
    site.write("public/precious.txt", "keep me");
    let out = site.run(&["build"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("--force"), "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(site.public().join("precious.txt")).unwrap(),
        "keep me"
    );
}
