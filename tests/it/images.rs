//! Story photos: derivatives, `<picture>`, crops in JSON-LD, social cards, the cache,
//! and bad images reported by file. Fixture photos are made here, not committed.

use std::io::Cursor;

use image::ImageEncoder;

use crate::support::TempSite;

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
    let entries: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
    assert_eq!(entries.len(), 2, "one cache entry per source");
    let page = find_page(&site, "Flood waters reach the old city");
    // Poison a cached derivative: a rebuild that re-encoded would not carry it.
    let entry = entries
        .iter()
        .map(|e| e.as_ref().unwrap().path())
        .find(|p| p.join("800.jpg").exists())
        .expect("the flood photo's entry");
    std::fs::write(entry.join("800.jpg"), b"cached").unwrap();
    site.build(&[]);
    assert_eq!(find_page(&site, "Flood waters reach the old city"), page);
    let name = format!(
        "_img/{}-800.jpg",
        entry.file_name().unwrap().to_string_lossy()
    );
    assert_eq!(std::fs::read(site.public().join(name)).unwrap(), b"cached");
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
