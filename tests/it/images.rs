//! Story photos: derivatives, `<picture>`, crops in JSON-LD, social cards, the cache,
//! and bad images reported by file. Fixture photos are made here, not committed.

use std::io::Cursor;

use image::ImageEncoder;

use crate::support::{TempSite, tree};

/// A photo whose colour changes across it, `w × h`, as JPEG or PNG.
fn photo(w: u32, h: u32, png: bool) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 120])
    });
    let mut out = Cursor::new(Vec::new());
    let format = if png {
        image::ImageFormat::Png
    } else {
        image::ImageFormat::Jpeg
    };
    img.write_to(&mut out, format).expect("encodes");
    out.into_inner()
}

/// A PNG whose header claims `w × h` pixels (a decompression bomb's header) over the
/// data of a 4×4 image: the header is all a reader may trust before decoding.
fn bomb(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&[0u8; 48], 4, 4, image::ExtendedColorType::Rgb8)
        .expect("encodes");
    // IHDR's data starts at byte 16 (8 signature, 4 length, 4 type); its CRC after 13.
    out[16..20].copy_from_slice(&w.to_be_bytes());
    out[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&out[12..29]);
    out[29..33].copy_from_slice(&crc.to_be_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn write_bytes(site: &TempSite, rel: &str, bytes: &[u8]) {
    let p = site.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn newsroom() -> TempSite {
    let site = TempSite::site("basic");
    site.write(
        "content/2024/08/flood/index.md",
        "---\ntitle: Flood waters reach the old city\ndate: 2024-08-10T09:00:00+05:00\n\
         image: flood.jpg\nimage_alt: Boats on a flooded street\n\
         image_caption: Rescuers row through the old city\nimage_credit: AFP / Rizwan Tabassum\n\
         image_focus: 0.2,0.5\n---\nThe river rose overnight.\n",
    );
    write_bytes(
        &site,
        "content/2024/08/flood/flood.jpg",
        &photo(2000, 1400, false),
    );
    site.write(
        "content/2024/08/chart.md",
        "---\ntitle: Rainfall chart for the week\ndate: 2024-08-11T09:00:00+05:00\n\
         image: /images/chart.png\n---\nA chart.\n",
    );
    write_bytes(&site, "static/images/chart.png", &photo(600, 400, true));
    site
}

fn find_page(site: &TempSite, needle: &str) -> String {
    for e in walk(&site.public()) {
        if e.extension().is_some_and(|x| x == "html") {
            let text = std::fs::read_to_string(&e).unwrap();
            if text.contains(&format!("<title>{needle}"))
                && text.contains("og:type\" content=\"article")
            {
                return text;
            }
        }
    }
    panic!("no article page with {needle}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn attr<'a>(html: &'a str, tag_start: &str, name: &str) -> &'a str {
    let at = html
        .find(tag_start)
        .unwrap_or_else(|| panic!("no {tag_start}"));
    let rest = &html[at..];
    let key = format!(" {name}=\"");
    let i = rest
        .find(&key)
        .unwrap_or_else(|| panic!("no {name} in {tag_start}"))
        + key.len();
    &rest[i..i + rest[i..].find('"').unwrap()]
}

#[test]
fn a_bundle_photo_becomes_responsive_derivatives_crops_and_a_card() {
    let site = newsroom();
    site.build(&[]);
    let page = find_page(&site, "Flood waters reach the old city");
    // <picture>: WebP and JPEG srcsets at the default widths (the source is 2000 wide).
    let webp = attr(&page, "<source type=\"image/webp\"", "srcset");
    for w in [480, 800, 1200, 1600] {
        assert!(webp.contains(&format!(".webp {w}w")), "{webp}");
    }
    let img = &page[page.find("<picture>").unwrap()..];
    let srcset = attr(img, "<img", "srcset");
    assert!(
        srcset.contains(".jpg 1600w") && !srcset.contains("2000w"),
        "{srcset}"
    );
    assert_eq!(attr(img, "<img", "width"), "1600");
    assert_eq!(attr(img, "<img", "height"), "1120");
    assert_eq!(attr(img, "<img", "fetchpriority"), "high");
    assert!(attr(img, "<img", "style").starts_with("background-color:#"));
    assert!(page.contains("Rescuers row through the old city"));
    assert!(page.contains("Photo: AFP / Rizwan Tabassum"));
    assert!(page.contains("max-image-preview:large"));
    // Every derivative exists and has the size its name promises.
    for url in webp.split(", ").chain(srcset.split(", ")) {
        let (path, w) = url.rsplit_once(' ').unwrap();
        let file = site.public().join(path.trim_start_matches('/'));
        let bytes = std::fs::read(&file).unwrap();
        let (width, height) = if path.ends_with(".webp") {
            let img = webp::Decoder::new(&bytes).decode().expect("WebP decodes");
            (img.width(), img.height())
        } else {
            let img = image::load_from_memory(&bytes).expect("JPEG decodes");
            (img.width(), img.height())
        };
        assert_eq!(format!("{width}w"), w);
        assert_eq!(height, (width * 1400 + 1000) / 2000);
    }
    // og:image at 1200 px, with its size.
    let og = attr(&page, "<meta property=\"og:image\"", "content");
    assert!(og.starts_with("http") && og.ends_with("-1200.jpg"), "{og}");
    assert_eq!(
        attr(&page, "<meta property=\"og:image:width\"", "content"),
        "1200"
    );
    // JSON-LD: three crops, 16:9, 4:3, 1:1, at least 1,200 wide where the source allows.
    let ld_start = page.find("application/ld+json\">").unwrap() + 21;
    let ld_end = ld_start + page[ld_start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[ld_start..ld_end]).unwrap();
    let images = ld["image"].as_array().expect("image list");
    assert_eq!(images.len(), 3);
    let ratios: Vec<(u64, u64)> = images
        .iter()
        .map(|i| (i["width"].as_u64().unwrap(), i["height"].as_u64().unwrap()))
        .collect();
    assert_eq!(ratios, [(1200, 675), (1200, 900), (1200, 1200)]);
    for i in images {
        assert_eq!(i["@type"], "ImageObject");
        assert_eq!(i["creditText"], "AFP / Rizwan Tabassum");
        let url = i["url"].as_str().unwrap();
        let path = url.split_once("://").unwrap().1.split_once('/').unwrap().1;
        let file = site.public().join(path);
        let img = image::open(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(
            (u64::from(img.width()), u64::from(img.height())),
            (i["width"].as_u64().unwrap(), i["height"].as_u64().unwrap())
        );
    }
    // A static PNG narrower than the widths above 480: 480 and its own 600, no upscaling.
    let chart = find_page(&site, "Rainfall chart for the week");
    let src = attr(&chart, "<img", "srcset");
    assert!(
        src.ends_with(".png 600w") && src.contains(".png 480w") && !src.contains("800w"),
        "{src}"
    );
}

#[test]
fn an_unchanged_photo_is_not_encoded_again_and_the_output_is_the_same() {
    let site = newsroom();
    site.build(&[]);
    let cache = site.root().join(".broadsheet/images");
    let entries: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(entries.len(), 2, "one cache entry per source");
    let page = find_page(&site, "Flood waters reach the old city");
    // Poison a cached derivative: a rebuild that re-encoded would not carry it.
    let entry = entries
        .iter()
        .find(|p| p.join("800.jpg").exists())
        .expect("the flood photo's entry");
    std::fs::write(entry.join("800.jpg"), b"cached").unwrap();
    let name = format!(
        "_img/{}-800.jpg",
        entry.file_name().unwrap().to_string_lossy()
    );
    let original = std::fs::read(site.public().join(&name)).unwrap();
    // The output has the derivative already: kept as it is, the cache not read.
    site.build(&[]);
    assert_eq!(std::fs::read(site.public().join(&name)).unwrap(), original);
    // Gone from the output, it comes back from the cache, not from the photo.
    std::fs::remove_file(site.public().join(&name)).unwrap();
    site.build(&[]);
    assert_eq!(find_page(&site, "Flood waters reach the old city"), page);
    assert_eq!(std::fs::read(site.public().join(name)).unwrap(), b"cached");
}

#[test]
fn a_derivative_removed_from_a_trusted_output_comes_back() {
    let site = newsroom();
    site.build(&[]);
    let img = site.public().join("_img");
    // As if the folder had last changed long ago: the next build records its stamp
    // and the one after trusts it without listing it.
    let set_old = || {
        std::fs::File::open(&img)
            .unwrap()
            .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000))
            .unwrap();
    };
    set_old();
    let out = site.build(&[]);
    // One record per output folder.
    let records = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(site.root().join(".broadsheet/images"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("published-")
            })
            .collect()
    };
    assert_eq!(
        records().len(),
        1,
        "the folder's stamp is recorded: {}",
        out.stderr
    );
    let stamp = records().remove(0);
    let before = crate::support::tree(&site.public());
    site.build(&[]);
    assert_eq!(crate::support::tree(&site.public()), before);
    // Removing a derivative moves the folder's stamp: listed again, put back.
    let name = before
        .iter()
        .map(|(p, _)| p)
        .find(|p| p.starts_with("_img/") && p.ends_with("-800.webp"))
        .expect("a derivative")
        .clone();
    std::fs::remove_file(site.public().join(&name)).unwrap();
    site.build(&[]);
    assert_eq!(crate::support::tree(&site.public()), before);
    // Even with the folder's modification time set back after the removal (its
    // change time, which no program can set, moved).
    set_old();
    site.build(&[]);
    assert!(stamp.is_file());
    std::fs::remove_file(site.public().join(&name)).unwrap();
    set_old();
    site.build(&[]);
    assert_eq!(crate::support::tree(&site.public()), before);
}

/// `build --timings=json`'s count of photos at `what` (`read`, `derived`, `sources`).
fn photo_count(out: &crate::support::Output, what: &str) -> u64 {
    let report: serde_json::Value = serde_json::from_str(out.stdout.trim())
        .unwrap_or_else(|e| panic!("no JSON report ({e}): {}", out.stdout));
    report["photos"][what]
        .as_u64()
        .unwrap_or_else(|| panic!("no photos.{what} in {report}"))
}

/// `a` and `b` as two JPEGs of one length: the shorter padded after its end (readers
/// stop at the end-of-image marker).
fn same_length(mut a: Vec<u8>, mut b: Vec<u8>) -> (Vec<u8>, Vec<u8>) {
    let len = a.len().max(b.len());
    a.resize(len, 0);
    b.resize(len, 0);
    (a, b)
}

/// Sets a file's modification time to `secs` after the epoch.
fn set_mtime(site: &TempSite, rel: &str, secs: u64) {
    let f = std::fs::File::options()
        .write(true)
        .open(site.root().join(rel))
        .unwrap();
    f.set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs))
        .unwrap();
}

#[test]
fn a_rebuild_reads_no_unchanged_photo_and_an_edited_one_is_derived_again() {
    const FLOOD: &str = "content/2024/08/flood/flood.jpg";
    const CHART: &str = "static/images/chart.png";
    const JAN_2024: u64 = 1_704_067_200;
    let site = newsroom();
    let (first, second) = same_length(photo(2000, 1400, false), {
        // Same size and dimensions, other pixels.
        let img = image::RgbImage::from_fn(2000, 1400, |x, _| image::Rgb([40, (x % 200) as u8, 9]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        out.into_inner()
    });
    write_bytes(&site, FLOOD, &first);
    // Photos last modified long ago: remembered by the first build.
    set_mtime(&site, FLOOD, JAN_2024);
    set_mtime(&site, CHART, JAN_2024);
    let json = ["--timings=json"];
    let cold = site.build(&json);
    assert_eq!(
        [
            photo_count(&cold, "sources"),
            photo_count(&cold, "read"),
            photo_count(&cold, "derived")
        ],
        [2, 2, 2]
    );
    let before = tree(&site.public());
    let warm = site.build(&json);
    assert_eq!(
        [photo_count(&warm, "read"), photo_count(&warm, "derived")],
        [0, 0]
    );
    assert_eq!(
        tree(&site.public()),
        before,
        "a no-change rebuild is byte-identical"
    );

    // Touched, not changed: read again, not derived again; the output is the same.
    set_mtime(&site, CHART, JAN_2024 + 3600);
    let touched = site.build(&json);
    assert_eq!(
        [
            photo_count(&touched, "read"),
            photo_count(&touched, "derived")
        ],
        [1, 0]
    );
    assert_eq!(tree(&site.public()), before);

    // New bytes of the same length under the same modification time: the file's
    // change time and inode tell, so the photo is read and derived again.
    let old_page = find_page(&site, "Flood waters reach the old city");
    let old_src = attr(
        &old_page[old_page.find("<picture>").unwrap()..],
        "<img",
        "src",
    )
    .to_string();
    let tmp = site.root().join("flood.tmp");
    std::fs::write(&tmp, &second).unwrap();
    std::fs::rename(&tmp, site.root().join(FLOOD)).unwrap();
    set_mtime(&site, FLOOD, JAN_2024);
    let edited = site.build(&json);
    assert_eq!(
        [
            photo_count(&edited, "read"),
            photo_count(&edited, "derived")
        ],
        [1, 1]
    );
    let page = find_page(&site, "Flood waters reach the old city");
    let src = attr(&page[page.find("<picture>").unwrap()..], "<img", "src");
    assert_ne!(
        src, old_src,
        "the derivative's name follows the photo's bytes"
    );
    let derived = std::fs::read(site.public().join(src.trim_start_matches('/'))).unwrap();
    let pixel = image::load_from_memory(&derived)
        .unwrap()
        .to_rgb8()
        .get_pixel(5, 5)
        .0;
    assert!(
        pixel[0] < 80 && pixel[2] < 60,
        "the new photo's colours: {pixel:?}"
    );
    assert!(!site.public().join(old_src.trim_start_matches('/')).exists());
}

#[test]
fn missing_corrupt_and_oversized_photos_are_errors_naming_the_article() {
    let site = newsroom();
    site.write(
        "content/2024/08/gone.md",
        "---\ntitle: Gone\ndate: 2024-08-12T09:00:00+05:00\nimage: /images/gone.jpg\n---\nText.\n",
    );
    site.write(
        "content/2024/08/broken.md",
        "---\ntitle: Broken\ndate: 2024-08-12T09:00:00+05:00\nimage: /images/broken.jpg\n---\nText.\n",
    );
    let half = photo(300, 200, false);
    write_bytes(&site, "static/images/broken.jpg", &half[..half.len() / 3]);
    site.write(
        "content/2024/08/bomb.md",
        "---\ntitle: Bomb\ndate: 2024-08-12T09:00:00+05:00\nimage: /images/bomb.png\n---\nText.\n",
    );
    write_bytes(&site, "static/images/bomb.png", &bomb(60_000, 60_000));
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_ne!(out.code, 0);
    let err = &out.stderr;
    assert!(
        err.contains("content/2024/08/gone.md:4:1") && err.contains("static/images/gone.jpg"),
        "{err}"
    );
    assert!(
        err.contains("content/2024/08/broken.md") && err.contains("truncated"),
        "{err}"
    );
    assert!(
        err.contains("content/2024/08/bomb.md") && err.contains("60000×60000"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn body_images_become_pictures_and_a_missing_one_names_its_line() {
    let site = newsroom();
    site.write(
        "content/2024/08/boats/index.md",
        "---\ntitle: Boats return to the harbour\ndate: 2024-08-13T09:00:00+05:00\n---\n\
         The fleet came back at dawn.\n\n![Boats at dawn](boats%20one.jpg \"Dawn\")\n\n\
         Then the chart:\n\n![Rain & wind](/images/chart.png)\n\n\
         ![Elsewhere](https://cdn.example/x.jpg)\n",
    );
    write_bytes(
        &site,
        "content/2024/08/boats/boats one.jpg",
        &photo(900, 600, false),
    );
    site.build(&[]);
    let page = find_page(&site, "Boats return to the harbour");
    let body = &page[page.find("class=\"story-body\"").unwrap()..];
    let first = &body[body
        .find("<picture>")
        .unwrap_or_else(|| panic!("no picture in {body}"))..];
    let webp = attr(first, "<source type=\"image/webp\"", "srcset");
    assert!(
        webp.contains(".webp 480w") && webp.contains(".webp 800w") && webp.contains(".webp 900w"),
        "{webp}"
    );
    assert_eq!(attr(first, "<img", "width"), "900");
    assert_eq!(attr(first, "<img", "height"), "600");
    assert_eq!(attr(first, "<img", "alt"), "Boats at dawn");
    assert_eq!(attr(first, "<img", "title"), "Dawn");
    assert_eq!(attr(first, "<img", "loading"), "lazy");
    assert!(attr(first, "<img", "srcset").contains(".jpg 900w"));
    // The static chart too, its alt kept as escaped; the full URL left alone.
    let second = &first[first.find("</picture>").unwrap()..];
    let second = &second[second.find("<picture>").expect("the chart's picture")..];
    assert_eq!(attr(second, "<img", "alt"), "Rain &amp; wind");
    assert!(attr(second, "<img", "srcset").ends_with(".png 600w"));
    assert!(body.contains("<img src=\"https://cdn.example/x.jpg\" alt=\"Elsewhere\""));
    // Every derivative the body links is in the output.
    for url in attr(first, "<img", "srcset").split(", ") {
        let path = url.split(' ').next().unwrap().trim_start_matches('/');
        assert!(site.public().join(path).is_file(), "{path}");
    }

    // A missing body image is an error at its line.
    site.write(
        "content/2024/08/gone-body.md",
        "---\ntitle: Gone body\ndate: 2024-08-12T09:00:00+05:00\n---\nText.\n\n![x](nowhere.jpg)\n",
    );
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("content/2024/08/gone-body.md:7:1")
            && out.stderr.contains("content/2024/08/nowhere.jpg"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_new_photo_under_the_same_name_changes_the_page_on_rebuild() {
    let site = newsroom();
    site.build(&[]);
    let before = find_page(&site, "Flood waters reach the old city");
    write_bytes(
        &site,
        "content/2024/08/flood/flood.jpg",
        &photo(1800, 1200, false),
    );
    site.build(&[]);
    let after = find_page(&site, "Flood waters reach the old city");
    assert_ne!(before, after);
    let img = &after[after.find("<picture>").unwrap()..];
    assert_eq!(attr(img, "<img", "height"), "1067");
    for url in attr(img, "<img", "srcset").split(", ") {
        let path = url.split(' ').next().unwrap().trim_start_matches('/');
        assert!(site.public().join(path).is_file(), "{path}");
    }
}

/// The gallery story, its photos beside it and under static/.
fn gallery_site(theme: &str) -> TempSite {
    let site = newsroom();
    site.write(
        "site.toml",
        &format!(
            "title = \"Fixture Times\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n\
             timezone = \"Asia/Karachi\"\ntheme = \"{theme}\"\n"
        ),
    );
    site.write(
        "content/2024/08/market/index.md",
        "---\ntitle: Market stalls reopen after the rain\ndate: 2024-08-14T09:00:00+05:00\n\
         images:\n  - src: stalls.jpg\n    alt: Fruit stalls under tarpaulin\n\
         \x20   caption: Traders set out fruit at dawn\n    credit: APP / Sana Mir\n\
         \x20 - path: /images/chart.png\n    caption: Rainfall this week\n\
         \x20 - https://cdn.example/crowd.jpg\n---\nTraders were back by six.\n",
    );
    write_bytes(
        &site,
        "content/2024/08/market/stalls.jpg",
        &photo(1400, 1050, false),
    );
    site
}

fn json_ld(page: &str) -> serde_json::Value {
    let start = page.find("application/ld+json\">").unwrap() + 21;
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

#[test]
fn a_gallery_is_shown_in_both_themes_and_listed_in_json_ld() {
    for theme in ["default", "wire"] {
        let site = gallery_site(theme);
        site.build(&[]);
        let page = find_page(&site, "Market stalls reopen after the rain");
        let gallery = &page[page.find("aria-label=\"Photos\"").expect(theme)..];
        let first = &gallery[gallery.find("<picture>").expect(theme)..];
        assert_eq!(attr(first, "<img", "alt"), "Fruit stalls under tarpaulin");
        assert_eq!(attr(first, "<img", "width"), "1400");
        assert_eq!(attr(first, "<img", "height"), "1050");
        assert_eq!(attr(first, "<img", "loading"), "lazy", "{theme}");
        assert!(attr(first, "<source", "srcset").contains(".webp 1200w"));
        assert!(gallery.contains("Traders set out fruit at dawn"), "{theme}");
        assert!(gallery.contains("Photo: APP / Sana Mir"), "{theme}");
        assert!(gallery.contains("Rainfall this week"), "{theme}");
        assert!(gallery.contains("<img src=\"https://cdn.example/crowd.jpg\""));
        // Not the story's own photo: no lead figure, nothing fetched first.
        assert!(!page.contains("fetchpriority"), "{theme}");
        let ld = json_ld(&page);
        let images = ld["image"].as_array().expect("image list");
        assert_eq!(images.len(), 3, "{theme}");
        assert_eq!(images[0]["creditText"], "APP / Sana Mir");
        assert_eq!(images[0]["caption"], "Traders set out fruit at dawn");
        assert_eq!(
            (images[0]["width"].as_u64(), images[0]["height"].as_u64()),
            (Some(1200), Some(900))
        );
        assert!(images[0]["url"].as_str().unwrap().ends_with("-1200.jpg"));
        assert!(images[1]["url"].as_str().unwrap().ends_with("-600.png"));
        assert_eq!(images[2]["url"], "https://cdn.example/crowd.jpg");
        let url = images[0]["url"].as_str().unwrap();
        let path = url.strip_prefix("https://example.org/").unwrap();
        assert!(site.public().join(path).is_file(), "{path}");
    }
}

#[test]
fn a_gallery_photo_that_is_missing_is_an_error_at_its_line() {
    let site = gallery_site("default");
    std::fs::remove_file(site.root().join("content/2024/08/market/stalls.jpg")).unwrap();
    let out = site.run(&["build", "--now", "2026-01-01T00:00:00Z"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("content/2024/08/market/index.md:5:1")
            && out.stderr.contains("stalls.jpg` not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_topic_default_image_covers_its_stories_in_cards_and_json_ld_only() {
    let site = newsroom();
    site.write(
        "site.toml",
        "title = \"Fixture Times\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\n\
         timezone = \"Asia/Karachi\"\n\n[images]\ndefault_image = \"/images/masthead.png\"\n\n\
         [images.topics]\ncricket = \"/images/pitch.jpg\"\n",
    );
    site.write(
        "content/2024/08/toss.md",
        "---\ntitle: Captain wins the toss\ndate: 2024-08-15T09:00:00+05:00\n\
         topics: [Weather, Cricket]\n---\nHe chose to bat.\n",
    );
    site.write(
        "content/2024/08/fog.md",
        "---\ntitle: Fog delays flights\ndate: 2024-08-15T08:00:00+05:00\n\
         topics: [Weather]\n---\nThe airport closed for two hours.\n",
    );
    site.build(&[]);
    for (title, want) in [
        (
            "Captain wins the toss",
            "https://example.org/images/pitch.jpg",
        ),
        (
            "Fog delays flights",
            "https://example.org/images/masthead.png",
        ),
    ] {
        let page = find_page(&site, title);
        assert_eq!(attr(&page, "<meta property=\"og:image\"", "content"), want);
        assert_eq!(json_ld(&page)["image"][0]["url"], want, "{title}");
        // Never shown as the story's photo.
        let story = &page[page.find("<article").unwrap()..page.find("</article>").unwrap()];
        assert!(
            !story.contains(&want["https://example.org".len()..]),
            "{title}"
        );
        assert!(!story.contains("<figure"), "{title}");
    }
}

#[test]
fn the_preview_serves_the_photos_derivatives_and_new_ones_after_an_edit() {
    let server = crate::serve::Server::start_site(newsroom(), &[]);
    let path = "/2024/08/10/flood-waters-reach-the-old-city/";
    let page = server.wait_for(path, "the flood story", |r| r.status == 200);
    let img = &page.body[page.body.find("<picture>").expect("a picture in preview")..];
    let mut urls: Vec<&str> = attr(img, "<source", "srcset").split(", ").collect();
    urls.extend(attr(img, "<img", "srcset").split(", "));
    for url in urls {
        let (u, _) = url.split_once(' ').unwrap();
        let r = server.get(u);
        assert_eq!(r.status, 200, "{u}");
        let want = if u.ends_with(".webp") {
            "image/webp"
        } else {
            "image/jpeg"
        };
        assert_eq!(r.header("content-type"), Some(want), "{u}");
        let len: usize = r.header("content-length").unwrap().parse().unwrap();
        assert!(len > 200, "{u}: {len} bytes");
    }
    // A body photo added by an edit is served once the page shows it.
    write_bytes(
        &server.site,
        "content/2024/08/flood/boats.jpg",
        &photo(700, 500, false),
    );
    server.edit(
        "content/2024/08/flood/index.md",
        "The river rose overnight.",
        "The river rose overnight.\n\n![Boats](boats.jpg)",
    );
    let page = server.wait_for(path, "the body photo", |r| r.body.contains("700w"));
    let body = &page.body[page.body.find("class=\"story-body\"").unwrap()..];
    let src = attr(body, "<img", "src");
    assert!(src.ends_with("-700.jpg"), "{src}");
    assert_eq!(server.get(src).status, 200);
}

/// `jpeg` with an XMP packet naming its credit, creator and copyright, as agency
/// photos carry one.
fn with_xmp(jpeg: &[u8]) -> Vec<u8> {
    let mut data = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    data.extend_from_slice(
        b"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description \
          photoshop:Credit=\"Reuters / Asif Hassan\"><dc:creator><rdf:Seq>\
          <rdf:li>Asif Hassan</rdf:li></rdf:Seq></dc:creator><dc:rights><rdf:Alt>\
          <rdf:li xml:lang=\"x-default\">(c) Reuters 2024</rdf:li></rdf:Alt></dc:rights>\
          </rdf:Description></rdf:RDF></x:xmpmeta>",
    );
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&data);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn an_embedded_credit_fills_the_front_matter_and_survives_in_the_jpegs() {
    let site = newsroom();
    site.write(
        "content/2024/08/quay/index.md",
        "---\ntitle: Quay lamps switched on\ndate: 2024-08-16T09:00:00+05:00\n\
         image: quay.jpg\nimage_caption: The new lamps at dusk\n---\nForty lamps.\n",
    );
    write_bytes(
        &site,
        "content/2024/08/quay/quay.jpg",
        &with_xmp(&photo(1300, 866, false)),
    );
    site.build(&[]);
    let page = find_page(&site, "Quay lamps switched on");
    assert!(
        page.contains("The new lamps at dusk"),
        "the written caption stays"
    );
    assert!(page.contains("Photo: Reuters / Asif Hassan"));
    let ld = json_ld(&page);
    let first = &ld["image"][0];
    assert_eq!(first["creditText"], "Reuters / Asif Hassan");
    assert_eq!(first["caption"], "The new lamps at dusk");
    assert_eq!(first["creator"]["name"], "Asif Hassan");
    assert_eq!(first["copyrightNotice"], "(c) Reuters 2024");
    // The JPEG derivatives and crops keep the XMP packet; they still decode.
    let img = &page[page.find("<picture>").unwrap()..];
    let mut jpegs: Vec<String> = attr(img, "<img", "srcset")
        .split(", ")
        .map(|u| u.split(' ').next().unwrap().to_string())
        .collect();
    jpegs.push(
        first["url"]
            .as_str()
            .unwrap()
            .replace("https://example.org", ""),
    );
    for u in jpegs {
        let bytes = std::fs::read(site.public().join(u.trim_start_matches('/'))).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("photoshop:Credit=\"Reuters / Asif Hassan\""),
            "{u}"
        );
        image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{u}: {e}"));
    }
}

/// `jpeg` with an EXIF segment saying Orientation = `o` (6: turn 90° clockwise).
fn with_orientation(jpeg: &[u8], o: u16) -> Vec<u8> {
    let mut tiff = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    tiff.extend_from_slice(&o.to_le_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((tiff.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_photo_taken_sideways_is_published_upright_with_upright_sizes() {
    let site = newsroom();
    // Stored 1600×1000, the camera held upright: shown 1000×1600.
    write_bytes(
        &site,
        "content/2024/08/flood/flood.jpg",
        &with_orientation(&photo(1600, 1000, false), 6),
    );
    site.build(&[]).assert_ok();
    let page = find_page(&site, "Flood waters reach the old city");
    let img = &page[page.find("<picture>").unwrap()..];
    assert_eq!(
        (attr(img, "<img", "width"), attr(img, "<img", "height")),
        ("1000", "1600")
    );
    for url in attr(img, "<img", "srcset").split(", ") {
        let (path, w) = url.split_once(' ').unwrap();
        let file = std::fs::read(site.public().join(path.trim_start_matches('/'))).unwrap();
        let d = image::load_from_memory(&file).unwrap();
        assert_eq!(format!("{}w", d.width()), w, "{path}");
        assert!(d.height() > d.width(), "{path} is upright");
        // Turned clockwise: the stored bottom-left corner (no red, full green) is now
        // the top-left, the stored top-left (neither) the top-right.
        let px = |x, y| d.to_rgb8().get_pixel(x, y).0;
        let (top_left, top_right) = (px(3, 3), px(d.width() - 4, 3));
        assert!(top_left[0] < 40 && top_left[1] > 215, "{top_left:?}");
        assert!(top_right[0] < 40 && top_right[1] < 40, "{top_right:?}");
    }
}

#[test]
fn the_credit_prefix_is_in_the_editions_language() {
    let site = TempSite::site("editions");
    site.write(
        "content/ur/flood-photo.md",
        "---\ntitle: سیلاب\ndate: 2024-05-11T08:00:00+05:00\nimage: flood.jpg\n\
         image_credit: اے ایف پی\n---\nدریا میں پانی بڑھ گیا۔\n",
    );
    write_bytes(&site, "content/ur/flood.jpg", &photo(900, 600, false));
    site.write(
        "content/2024/05/flood-photo.md",
        "---\ntitle: Flood photo\ndate: 2024-05-11T08:00:00+05:00\nimage: /images/f.jpg\n\
         image_credit: AFP\n---\nThe river rose.\n",
    );
    write_bytes(&site, "static/images/f.jpg", &photo(900, 600, false));
    site.build(&[]).assert_ok();
    let ur = find_page(&site, "سیلاب");
    assert!(
        ur.contains(r#"<span class="photo-credit">تصویر: اے ایف پی</span>"#),
        "{ur}"
    );
    assert!(!ur.contains("Photo:"));
    let en = find_page(&site, "Flood photo");
    assert!(en.contains(r#"<span class="photo-credit">Photo: AFP</span>"#));
}

#[test]
fn gif_svg_and_webp_beside_a_story_are_published_beside_its_page() {
    let site = newsroom();
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"/>";
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    let webp = webp::Encoder::from_rgb(&[200u8; 4 * 4 * 3], 4, 4)
        .encode(80.0)
        .to_vec();
    site.write(
        "content/2024/08/levels/index.md",
        "---\ntitle: River levels through the week\ndate: 2024-08-12T09:00:00+05:00\n\
         image: levels.svg\nimage_alt: A chart of river levels\n\
         images:\n  - src: ./loop/radar.gif\n    alt: Radar loop\n  - src: boat.webp\n    alt: A boat\n\
         ---\nThe levels fell.\n\n![Gauge](gauge.gif)\n",
    );
    write_bytes(&site, "content/2024/08/levels/levels.svg", svg);
    write_bytes(&site, "content/2024/08/levels/loop/radar.gif", gif);
    write_bytes(&site, "content/2024/08/levels/gauge.gif", gif);
    write_bytes(&site, "content/2024/08/levels/boat.webp", &webp);
    site.build(&[]).assert_ok();
    let check = site.run(&["check", "--links", "--now", "2026-01-01T00:00:00Z"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let page_file = walk(&site.public())
        .into_iter()
        .find(|p| {
            p.ends_with("index.html")
                && std::fs::read_to_string(p)
                    .unwrap()
                    .contains("<title>River levels")
        })
        .expect("the story's page");
    let dir = page_file.parent().unwrap();
    assert_eq!(std::fs::read(dir.join("levels.svg")).unwrap(), svg);
    assert_eq!(std::fs::read(dir.join("loop/radar.gif")).unwrap(), gif);
    assert_eq!(std::fs::read(dir.join("gauge.gif")).unwrap(), gif);
    assert_eq!(std::fs::read(dir.join("boat.webp")).unwrap(), webp);
    // Linked where they are, from the page and from the front page's card.
    let page = std::fs::read_to_string(&page_file).unwrap();
    let url = format!(
        "/{}/",
        dir.strip_prefix(site.public()).unwrap().to_string_lossy()
    );
    for src in ["levels.svg", "loop/radar.gif", "boat.webp"] {
        assert!(
            page.contains(&format!("src=\"{url}{src}\"")),
            "{src} in {page}"
        );
    }
    assert!(
        page.contains("src=\"gauge.gif\""),
        "the body's image, relative"
    );
    let og = format!("content=\"https://example.org{url}levels.svg\"");
    assert!(page.contains(&og), "og:image");
    let ld = json_ld(&page);
    assert!(
        ld["image"]
            .to_string()
            .contains(&format!("{url}loop/radar.gif")),
        "{ld}"
    );
}

#[test]
fn one_photo_used_by_several_stories_is_made_once_and_shown_by_each() {
    let site = TempSite::site("basic");
    let before = photo_count(&site.build(&["--timings=json"]), "sources");
    write_bytes(&site, "static/images/harbour.jpg", &photo(1600, 900, false));
    site.write(
        "content/2024/08/port.md",
        "---\ntitle: Port reopens after the storm\ndate: 2024-08-10T09:00:00+05:00\n\
         image: /images/harbour.jpg\nimage_alt: Cranes at the harbour\n---\nShips are back.\n",
    );
    site.write(
        "content/2024/08/fish.md",
        "---\ntitle: Fish prices fall at the harbour\ndate: 2024-08-11T09:00:00+05:00\n\
         image: /images/harbour.jpg\nimage_alt: Cranes at the harbour\n---\nThe catch is in.\n\n\
         ![The harbour at dawn](/images/harbour.jpg)\n",
    );
    site.write(
        "content/2024/08/week.md",
        "---\ntitle: A week at the harbour\ndate: 2024-08-12T09:00:00+05:00\n\
         images:\n  - src: /images/harbour.jpg\n    alt: Cranes at the harbour\n---\nPictures.\n",
    );
    let out = site.build(&["--timings=json"]);
    // Four uses in three stories, one source made once.
    assert_eq!(photo_count(&out, "sources"), before + 1);
    assert_eq!(photo_count(&out, "derived"), 1);
    let srcsets: Vec<String> = [
        "Port reopens after the storm",
        "Fish prices fall at the harbour",
        "A week at the harbour",
    ]
    .iter()
    .map(|t| {
        let page = find_page(&site, t);
        let i = page.find("harbour").expect("the photo is on the page");
        assert!(
            page[i..].contains("srcset=\""),
            "{t}: a <picture> with a srcset"
        );
        attr(&page, "<source", "srcset").to_string()
    })
    .collect();
    assert!(srcsets.iter().all(|s| s == &srcsets[0]), "{srcsets:?}");
    assert!(srcsets[0].contains("/_img/"), "{}", srcsets[0]);
    // The second story shows it twice: as its photo and in its body.
    let fish = find_page(&site, "Fish prices fall at the harbour");
    assert!(
        fish.matches(&srcsets[0]).count() >= 2,
        "lead and body image"
    );
}
