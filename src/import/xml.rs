//! A small element tree read from a quick-xml stream, one subtree at a time, for the
//! XML importers (WordPress WXR and NewsML-G2). Input: a reader positioned at a start
//! tag. Output: that element with its children, or an error with the byte position.
//! It never expands entities beyond XML's five and character references (so no
//! entity-expansion attack reaches it), and it bounds depth and stored text.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Elements nested deeper than this are refused: no real export comes close.
pub const MAX_DEPTH: usize = 200;

/// One element as written: its name with any prefix (`wp:post_id`), attributes
/// (entity references resolved) and children.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// Why a subtree could not be read, and where (byte offset in the input).
#[derive(Debug, Clone)]
pub struct XmlError {
    pub offset: u64,
    pub message: String,
    /// The element was read to its end and left out (too much text): the stream can
    /// go on with the next one.
    pub item_skipped: bool,
}

/// How much of a subtree to keep.
pub struct Limits<'a> {
    /// Text stored in one subtree, in bytes; past it the subtree is an error.
    pub max_text: usize,
    /// Elements whose content is read past without being stored (`content:encoded`
    /// when only the attachments are wanted).
    pub skip: &'a [&'a str],
}

impl Element {
    /// The name without its prefix (`post_id` for `wp:post_id`).
    pub fn local(&self) -> &str {
        local(&self.name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name || local(k) == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child named `name` exactly as written (`wp:status`).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first child whose name without prefix is `name`.
    pub fn child_local(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.local() == name)
    }

    /// Every child whose name without prefix is `name`.
    pub fn children_local<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> {
        self.elements().filter(move |e| e.local() == name)
    }

    /// The first descendant (depth first) whose name without prefix is `name`.
    pub fn find_local(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.local() == name {
                return Some(e);
            }
            if let Some(found) = e.find_local(name) {
                return Some(found);
            }
        }
        None
    }

    /// All text inside, in document order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }

    /// The text of the child `name` (exact), trimmed; `None` when absent or empty.
    pub fn child_text(&self, name: &str) -> Option<String> {
        let child = self.child(name)?;
        // One text node (the usual field) is trimmed where it is, not gathered first.
        let gathered;
        let t = match child.children.as_slice() {
            [Node::Text(t)] => t.trim(),
            _ => {
                gathered = child.text();
                gathered.trim()
            }
        };
        (!t.is_empty()).then(|| t.to_string())
    }

    /// The text of the child whose local name is `name`, trimmed; `None` when empty.
    pub fn child_local_text(&self, name: &str) -> Option<String> {
        let t = self.child_local(name)?.text();
        let t = t.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// The children serialized back to markup (for an XHTML body), without any
    /// namespace prefix on element names.
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            write_node(n, &mut out);
        }
        out
    }
}

fn write_node(n: &Node, out: &mut String) {
    match n {
        Node::Text(t) => escape_into(t, false, out),
        Node::Element(e) => {
            out.push('<');
            out.push_str(e.local());
            for (k, v) in &e.attrs {
                if k == "xmlns" || k.starts_with("xmlns:") {
                    continue;
                }
                out.push(' ');
                out.push_str(local(k));
                out.push_str("=\"");
                escape_into(v, true, out);
                out.push('"');
            }
            out.push('>');
            for c in &e.children {
                write_node(c, out);
            }
            out.push_str("</");
            out.push_str(e.local());
            out.push('>');
        }
    }
}

fn escape_into(text: &str, attr: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

pub fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// A reader over `input` that reports text as written (whitespace kept).
pub fn reader<R: BufRead>(input: R) -> Reader<R> {
    let mut r = Reader::from_reader(input);
    r.config_mut().check_end_names = true;
    r
}

/// The name and attributes of a start tag.
pub fn start_of(start: &BytesStart<'_>, offset: u64) -> Result<Element, XmlError> {
    let name = start.name().as_ref().to_string();
    let mut attrs = Vec::new();
    for a in start.attributes() {
        let a = a.map_err(|e| XmlError {
            item_skipped: false,
            offset,
            message: format!("a malformed attribute in <{name}>: {e}"),
        })?;
        let key = a.key.as_ref().to_string();
        let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            // An entity the document defines itself: kept as written, never expanded.
            Err(_) => a.value.to_string(),
        };
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Reads the rest of the element whose start tag was just read (`start`), up to and
/// including its end tag.
#[allow(clippy::too_many_lines)] // one event loop keeping the element stack, the text budget and the skip depth together
pub fn read_element<R: BufRead>(
    reader: &mut Reader<R>,
    start: Element,
    limits: &Limits<'_>,
    buf: &mut Vec<u8>,
) -> Result<Element, XmlError> {
    let mut stack = vec![start];
    let mut stored = 0usize;
    // Set once the subtree holds too much text: the rest is read past, not stored.
    let mut too_big: Option<XmlError> = None;
    // Depth (within `stack`) of an element being skipped, if any.
    let mut skipping: Option<usize> = None;
    loop {
        buf.clear();
        let offset = reader.buffer_position();
        let event = reader.read_event_into(buf).map_err(|e| XmlError {
            item_skipped: false,
            offset: reader.error_position(),
            message: format!("invalid XML: {e}"),
        })?;
        let mut text = |t: &str, stack: &mut Vec<Element>| -> Result<(), XmlError> {
            if skipping.is_some() || too_big.is_some() || t.is_empty() {
                return Ok(());
            }
            stored += t.len();
            if stored > limits.max_text {
                too_big = Some(XmlError {
                    item_skipped: true,
                    offset,
                    message: format!(
                        "<{}> holds more than {} MB of text; left out",
                        stack[0].name,
                        limits.max_text / 1_000_000
                    ),
                });
                // What it held so far goes now, not at its end.
                stack.iter_mut().for_each(|e| e.children.clear());
                return Ok(());
            }
            let top = stack.last_mut().expect("the stack holds the start element");
            match top.children.last_mut() {
                Some(Node::Text(prev)) => prev.push_str(t),
                _ => top.children.push(Node::Text(t.to_string())),
            }
            Ok(())
        };
        match event {
            Event::Start(s) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(XmlError {
                        item_skipped: false,
                        offset,
                        message: format!("elements nested more than {MAX_DEPTH} deep"),
                    });
                }
                let e = start_of(&s, offset)?;
                if skipping.is_none() && limits.skip.contains(&e.name.as_str()) {
                    skipping = Some(stack.len());
                }
                stack.push(e);
            }
            Event::Empty(s) => {
                let e = start_of(&s, offset)?;
                if skipping.is_none() {
                    let top = stack.last_mut().expect("non-empty");
                    top.children.push(Node::Element(e));
                }
            }
            Event::End(_) => {
                let done = stack.pop().expect("non-empty");
                if skipping == Some(stack.len()) {
                    skipping = None;
                }
                match stack.last_mut() {
                    None => return too_big.take().map_or(Ok(done), Err),
                    Some(parent) => {
                        if skipping.is_none() {
                            parent.children.push(Node::Element(done));
                        }
                    }
                }
            }
            Event::Text(t) => text(&t.xml10_content(), &mut stack)?,
            Event::CData(t) => text(&t.xml10_content(), &mut stack)?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&r) {
                        Some(s) => s.to_string(),
                        // Not expanded: a document's own entities are kept as written.
                        None => format!("&{};", &*r),
                    },
                    Err(e) => {
                        return Err(XmlError {
                            item_skipped: false,
                            offset,
                            message: format!("a bad character reference: {e}"),
                        });
                    }
                };
                text(&resolved, &mut stack)?;
            }
            Event::Eof => {
                return Err(XmlError {
                    item_skipped: false,
                    offset,
                    message: format!("the file ends inside <{}>", stack[0].name),
                });
            }
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
        }
    }
}

/// Reads a whole document held in memory into its root element.
pub fn parse_document(text: &str, max_text: usize) -> Result<Element, XmlError> {
    let mut r = reader(text.as_bytes());
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let offset = r.buffer_position();
        match r.read_event_into(&mut buf) {
            Err(e) => {
                return Err(XmlError {
                    item_skipped: false,
                    offset: r.error_position(),
                    message: format!("invalid XML: {e}"),
                });
            }
            Ok(Event::Start(s)) => {
                let start = start_of(&s, offset)?;
                let limits = Limits {
                    max_text,
                    skip: &[],
                };
                let mut inner = Vec::new();
                return read_element(&mut r, start, &limits, &mut inner);
            }
            Ok(Event::Empty(s)) => return start_of(&s, offset),
            Ok(Event::Eof) => {
                return Err(XmlError {
                    item_skipped: false,
                    offset,
                    message: "the file holds no XML element".into(),
                });
            }
            Ok(Event::Text(t)) if !t.xml10_content().trim().is_empty() => {
                return Err(XmlError {
                    item_skipped: false,
                    offset,
                    message: "text before the first element: this is not an XML document".into(),
                });
            }
            Ok(_) => {}
        }
    }
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &[u8], offset: u64) -> (usize, usize) {
    let end = (offset as usize).min(text.len());
    let before = &text[..end];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = end
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_defined_by_the_document_are_never_expanded() {
        let doc = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<a><b>&lol2; &amp; &#65;</b></a>"#;
        let root = parse_document(doc, 1 << 20).expect("reads");
        assert_eq!(root.child("b").unwrap().text(), "&lol2; & A");
    }

    #[test]
    fn text_over_the_limit_is_an_error_not_a_panic() {
        let doc = format!("<a><b>{}</b></a>", "x".repeat(5000));
        let e = parse_document(&doc, 1000).unwrap_err();
        assert!(e.message.contains("more than"), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let doc = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 5),
            "</a>".repeat(MAX_DEPTH + 5)
        );
        let e = parse_document(&doc, 1 << 20).unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
    }

    #[test]
    fn markup_is_written_back_without_prefixes() {
        let root = parse_document(
            r#"<x:body xmlns:x="u"><x:p class="a&amp;b">1 &lt; 2</x:p></x:body>"#,
            1 << 20,
        )
        .unwrap();
        assert_eq!(root.inner_markup(), r#"<p class="a&amp;b">1 &lt; 2</p>"#);
    }

    #[test]
    fn line_and_column_of_an_offset() {
        assert_eq!(line_col(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col(b"ab", 0), (1, 1));
    }
}
