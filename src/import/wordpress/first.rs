//! The first pass over an export: what every post may need from the rest of it (the
//! authors, attachments, terms and the site's addresses: the [`Context`]), and which
//! posts it holds, for the ledger. A large export is read in pieces at once, one per
//! core, cut just before an `<item>` tag; each piece is gathered on its own and the
//! pieces are merged in export order, which gives the Context one reading would.
//! A cut that turns out not to fall between two items (an `<item>` inside a CDATA
//! section, say) is noticed, and the file is read again in one piece.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use super::post::{Identity, identify, meta};
use super::{Attachment, Context, scan, scan_reader};
use crate::import::xml::Element;

/// What the first pass reads past: the bodies and the comments.
pub(super) const SKIPS: &[&str] = &["content:encoded", "excerpt:encoded", "wp:comment"];

/// A piece is at least this large: below it, one reading is as quick.
const MIN_PIECE: u64 = 8 * 1024 * 1024;

/// What the first pass learned from one file besides the Context.
#[derive(Debug, Default)]
pub(super) struct Pass {
    /// (post id, version) of every post and page, in export order.
    pub posts: Vec<(String, String)>,
    /// Items left out on purpose (`nav_menu_item`), one note each.
    pub notes: Vec<String>,
    /// Something the second pass must read and report: invalid XML, an item without
    /// an id, an item too large to keep.
    pub troubled: bool,
}

/// Where an export is read from.
#[derive(Clone, Copy)]
pub(super) enum Source<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> Source<'a> {
    fn len(self) -> u64 {
        match self {
            Source::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Source::Bytes(b) => b.len() as u64,
        }
    }

    /// The bytes from `start` to `end` (or the end of the input).
    pub(super) fn open(
        self,
        start: u64,
        end: Option<u64>,
    ) -> std::io::Result<Box<dyn BufRead + Send + 'a>> {
        Ok(match self {
            Source::File(p) => {
                let mut f = File::open(p)?;
                f.seek(SeekFrom::Start(start))?;
                let f = f.take(end.map_or(u64::MAX, |e| e - start));
                Box::new(BufReader::with_capacity(256 * 1024, f))
            }
            Source::Bytes(b) => {
                let end = end.map_or(b.len(), |e| e as usize);
                Box::new(&b[start as usize..end])
            }
        })
    }

    /// Where the first `<item>` at or after `from` starts, looking at most `limit` bytes
    /// ahead, a block at a time.
    fn next_item(self, from: u64, limit: u64) -> Option<u64> {
        const TAG: &[u8] = b"<item>";
        const BLOCK: usize = 256 * 1024;
        let mut input = self.open(from, None).ok()?.take(limit);
        // `window` starts at byte `at` of the input; it keeps the last bytes of the
        // block before, in case a tag straddles two blocks.
        let (mut window, mut at) = (Vec::with_capacity(BLOCK + TAG.len()), from);
        loop {
            let kept = window.len();
            window.resize(kept + BLOCK, 0);
            let n = input.read(&mut window[kept..]).ok()?;
            window.truncate(kept + n);
            if let Some(i) = memchr::memmem::find(&window, TAG) {
                return Some(at + i as u64);
            }
            if n == 0 {
                return None;
            }
            let keep = window.len().min(TAG.len() - 1);
            at += (window.len() - keep) as u64;
            window.drain(..window.len() - keep);
        }
    }
}

/// Reads one export file, gathering into `ctx`.
pub(super) fn read(path: &Path, ctx: &mut Context) -> Pass {
    let pieces = std::thread::available_parallelism().map_or(1, usize::from);
    read_in(Source::File(path), ctx, pieces, MIN_PIECE)
}

/// Reads `source` in up to `pieces` pieces of at least `min_piece` bytes.
pub(super) fn read_in(
    source: Source<'_>,
    ctx: &mut Context,
    pieces: usize,
    min_piece: u64,
) -> Pass {
    let cuts = cuts(source, pieces, min_piece);
    if cuts.len() > 1 {
        let read: Vec<Option<(Context, Pass)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = cuts
                .windows(2)
                .map(|w| (w[0], w[1]))
                .chain(std::iter::once((*cuts.last().expect("cuts"), u64::MAX)))
                .skip(1)
                .map(|(start, end)| scope.spawn(move || piece(source, start, end)))
                .collect();
            let first = piece(source, 0, cuts[1]);
            std::iter::once(first)
                .chain(handles.into_iter().map(|h| h.join().ok().flatten()))
                .collect()
        });
        if read.iter().all(Option::is_some) {
            let mut pass = Pass::default();
            for (c, p) in read.into_iter().flatten() {
                ctx.merge(c);
                pass.posts.extend(p.posts);
                pass.notes.extend(p.notes);
            }
            return pass;
        }
    }
    let (mut whole, mut pass) = (Context::default(), Pass::default());
    let mut left_out = Vec::new();
    let result = scan(source, SKIPS, &mut left_out, &mut |e, _| {
        learn(&mut whole, &mut pass, e);
    });
    pass.troubled |= result.is_err() || !left_out.is_empty();
    ctx.merge(whole);
    pass
}

/// Where the pieces start: 0 and then just before an `<item>` near each share.
fn cuts(source: Source<'_>, pieces: usize, min_piece: u64) -> Vec<u64> {
    let len = source.len();
    let pieces = (len / min_piece.max(1)).min(pieces as u64).max(1);
    let mut cuts = vec![0];
    for i in 1..pieces {
        let from = (len / pieces * i).max(cuts.last().copied().unwrap_or(0) + 1);
        match source.next_item(from, len / pieces) {
            Some(at) if at < len => cuts.push(at),
            _ => break,
        }
    }
    cuts.dedup();
    cuts
}

/// One piece, gathered on its own: `None` when anything is amiss (a cut inside an
/// item or a CDATA section, invalid XML, an item too large), and then the file is
/// read again whole, which also finds what to report.
fn piece(source: Source<'_>, start: u64, end: u64) -> Option<(Context, Pass)> {
    let last = end == u64::MAX;
    let input = source.open(start, (!last).then_some(end)).ok()?;
    let (mut ctx, mut pass) = (Context::default(), Pass::default());
    let mut left_out = Vec::new();
    let mut each = |e: Element, _| learn(&mut ctx, &mut pass, e);
    let depth = if start == 0 {
        scan_reader(input, SKIPS, &mut left_out, &mut each, false)
    } else {
        // A later piece opens inside `<channel>`: it is read as if it were the start.
        let input = Cursor::new(b"<rss><channel>".as_slice()).chain(input);
        scan_reader(input, SKIPS, &mut left_out, &mut each, true)
    }
    .ok()?;
    // A piece that stops short of the end must stop between two items.
    let clean = left_out.is_empty() && !pass.troubled && (last || depth == 2);
    clean.then_some((ctx, pass))
}

/// What one child of `<channel>` adds.
fn learn(ctx: &mut Context, pass: &mut Pass, e: Element) {
    if e.name == "item" {
        match identify("", &e) {
            Identity::Post { id, version, .. } => pass.posts.push((id, version)),
            Identity::Left(note) => pass.notes.push(note),
            Identity::Bad(_) => pass.troubled = true,
            Identity::Attachment => {}
        }
    }
    gather(ctx, e);
}

impl Context {
    /// Adds what a later part of the export taught, as if read after this part.
    fn merge(&mut self, later: Context) {
        self.authors.extend(later.authors);
        self.attachments.extend(later.attachments);
        for (parent, ids) in later.children {
            self.children.entry(parent).or_default().extend(ids);
        }
        for url in later.base_urls {
            if !self.base_urls.contains(&url) {
                self.base_urls.push(url);
            }
        }
        if self.site.is_empty() {
            self.site = later.site;
        }
        self.terms.merge(later.terms);
    }
}

/// Learns from one child of `<channel>`: authors, attachments, terms and the site's
/// addresses.
pub(super) fn gather(ctx: &mut Context, e: Element) {
    ctx.terms.gather(&e);
    match e.name.as_str() {
        "wp:author" => {
            if let Some(login) = e.child_text("wp:author_login") {
                let name = e
                    .child_text("wp:author_display_name")
                    .unwrap_or_else(|| login.clone());
                ctx.authors.insert(login, name);
            }
        }
        "wp:base_site_url" | "wp:base_blog_url" => {
            let url = e.text().trim().trim_end_matches('/').to_string();
            if e.name == "wp:base_blog_url" && ctx.site.is_empty() {
                ctx.site = url.clone();
            }
            for u in [
                url.replacen("http://", "https://", 1),
                url.replacen("https://", "http://", 1),
            ] {
                if !u.is_empty() && !ctx.base_urls.contains(&u) {
                    ctx.base_urls.push(u);
                }
            }
        }
        "item" if e.child_text("wp:post_type").as_deref() == Some("attachment") => {
            let (Some(id), Some(url)) = (
                e.child_text("wp:post_id"),
                e.child_text("wp:attachment_url"),
            ) else {
                return;
            };
            let parent = e.child_text("wp:post_parent").unwrap_or_default();
            let alt = meta(&e, "_wp_attachment_image_alt").into_iter().next();
            if parent != "0" && !parent.is_empty() {
                ctx.children
                    .entry(parent.clone())
                    .or_default()
                    .push(id.clone());
            }
            ctx.attachments.insert(id, Attachment { url, alt });
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/tests/fixtures/import/wordpress/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap()
    }

    /// One reading and every way of cutting into pieces, compared.
    fn same_in_pieces(bytes: &[u8]) -> (Context, Pass) {
        let mut whole = Context::default();
        let pass = read_in(Source::Bytes(bytes), &mut whole, 1, 1);
        for pieces in 2..=5 {
            for min in [1, 64, 700] {
                let mut ctx = Context::default();
                let p = read_in(Source::Bytes(bytes), &mut ctx, pieces, min);
                assert_eq!(ctx, whole, "{pieces} pieces of at least {min} bytes");
                assert_eq!(p.posts, pass.posts, "{pieces} pieces of at least {min}");
                assert_eq!(p.notes, pass.notes);
                assert_eq!(p.troubled, pass.troubled);
            }
        }
        (whole, pass)
    }

    #[test]
    fn pieces_gather_what_one_reading_gathers() {
        for name in ["export-1.xml", "export-2.xml"] {
            let bytes = fixture(name);
            assert!(
                cuts(Source::Bytes(&bytes), 3, 1).len() == 3,
                "{name} is cut"
            );
            let (ctx, pass) = same_in_pieces(&bytes);
            assert!(!ctx.site.is_empty() && !pass.posts.is_empty(), "{name}");
            assert!(!pass.troubled, "{name}");
        }
    }

    #[test]
    fn a_cut_inside_a_body_or_a_comment_reads_the_file_whole() {
        let bytes = String::from_utf8(fixture("export-1.xml")).unwrap();
        // Every `<item>` after the first is also written inside a CDATA body and an
        // XML comment just before the real one, so cuts land there first.
        let decoy =
            "<!-- <item> --><description><![CDATA[ a body quoting <item> ]]></description>\n<item>";
        let mut parts = bytes.split("<item>");
        let mut text = parts.next().unwrap().to_string() + "<item>" + parts.next().unwrap();
        for p in parts {
            text.push_str(decoy);
            text.push_str(p);
        }
        let attachments = same_in_pieces(text.as_bytes()).0.attachments.len();
        assert_eq!(
            attachments,
            same_in_pieces(bytes.as_bytes()).0.attachments.len()
        );
    }

    #[test]
    fn a_broken_export_is_troubled_however_it_is_cut() {
        let bytes = String::from_utf8(fixture("export-1.xml")).unwrap();
        let last = bytes.rfind("</item>").unwrap();
        // An item that never closes, and an item without an id.
        let cut = format!("{}{}", &bytes[..last], &bytes[last + 7..]);
        assert!(same_in_pieces(cut.as_bytes()).1.troubled);
        let no_id = bytes
            .replacen("<wp:post_id>", "<wp:not_an_id>", 2)
            .replacen("</wp:post_id>", "</wp:not_an_id>", 2);
        assert!(same_in_pieces(no_id.as_bytes()).1.troubled);
    }

    #[test]
    fn a_cut_is_found_across_blocks_and_not_past_its_limit() {
        for at in [0usize, 10, 256 * 1024 - 3, 256 * 1024, 600_000] {
            let mut bytes = vec![b'x'; at];
            bytes.extend_from_slice(b"<item><title>t</title></item>");
            let source = Source::Bytes(&bytes);
            assert_eq!(source.next_item(0, bytes.len() as u64), Some(at as u64));
            assert_eq!(source.next_item(at as u64, 6), Some(at as u64));
            if at > 0 {
                assert_eq!(source.next_item(0, at as u64 + 5), None, "{at}");
            }
        }
    }

    #[test]
    fn a_piece_cut_inside_a_comment_or_cdata_is_refused() {
        let head = "<rss><channel><wp:wxr_version>1.2</wp:wxr_version>";
        let fake = "<item><wp:post_id>9</wp:post_id><wp:post_type>attachment</wp:post_type></item>";
        for (open, close) in [("<!-- ", " -->"), ("<![CDATA[ ", " ]]>"), ("<?pi ", " ?>")] {
            let text = format!("{head}\n{open}{fake}{close}\n</channel></rss>");
            let cut = text.find("<item>").unwrap() as u64;
            let source = Source::Bytes(text.as_bytes());
            assert!(piece(source, 0, cut).is_none(), "{open}");
            let mut ctx = Context::default();
            read_in(source, &mut ctx, 2, 1);
            assert!(
                ctx.attachments.is_empty(),
                "{open}: nothing gathered from inside it"
            );
        }
    }
}
