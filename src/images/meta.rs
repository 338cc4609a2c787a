//! A photo's embedded credit, caption, creator and copyright ("sidecar" metadata as
//! agencies send it): read from a JPEG's XMP packet (APP1), its IPTC-IIM records
//! (APP13, Photoshop's image resource 0x0404) and its EXIF (APP1, through
//! `kamadak-exif`), in that order of trust; and the XMP and IPTC segments copied into
//! the JPEG derivatives, so search engines reading them find the credit there too.
//! Input: the source's bytes. Output: [`Sidecar`]. Never panics on bad bytes: a
//! segment that cannot be read is skipped.

use serde::{Deserialize, Serialize};

/// What the photo says of itself; `None` where it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sidecar {
    /// The photographer (XMP `dc:creator`, IPTC By-line, EXIF Artist).
    pub creator: Option<String>,
    /// The credit line (`photoshop:Credit`, IPTC Credit): `AFP / Rizwan Tabassum`.
    pub credit: Option<String>,
    /// `dc:description`, IPTC Caption/Abstract, EXIF ImageDescription.
    pub caption: Option<String>,
    /// `dc:rights`, IPTC Copyright Notice, EXIF Copyright.
    pub copyright: Option<String>,
}

impl Sidecar {
    /// Fills what `self` leaves out from `other`.
    fn or(self, other: Sidecar) -> Sidecar {
        Sidecar {
            creator: self.creator.or(other.creator),
            credit: self.credit.or(other.credit),
            caption: self.caption.or(other.caption),
            copyright: self.copyright.or(other.copyright),
        }
    }

    /// One line per field (`\n` in a value written as a space), for the cache.
    pub fn to_lines(&self) -> String {
        [&self.creator, &self.credit, &self.caption, &self.copyright]
            .iter()
            .map(|v| v.as_deref().unwrap_or("").replace(['\n', '\r'], " ") + "\n")
            .collect()
    }

    /// Read back from [`Sidecar::to_lines`].
    pub fn from_lines(text: &str) -> Sidecar {
        let mut l = text
            .lines()
            .map(|s| Some(s.to_string()).filter(|s| !s.is_empty()));
        Sidecar {
            creator: l.next().flatten(),
            credit: l.next().flatten(),
            caption: l.next().flatten(),
            copyright: l.next().flatten(),
        }
    }
}

const XMP: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const EXIF: &[u8] = b"Exif\0\0";
const PHOTOSHOP: &[u8] = b"Photoshop 3.0\0";

/// The JPEG's segments before its image data: `(marker, payload)` each.
fn segments(bytes: &[u8]) -> Vec<(u8, &[u8])> {
    let mut out = Vec::new();
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return out;
    }
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 || i + 2 + len > bytes.len() {
            break;
        }
        out.push((marker, &bytes[i + 4..i + 2 + len]));
        i += 2 + len;
    }
    out
}

/// The metadata a JPEG carries; empty for anything else.
pub fn read(bytes: &[u8]) -> Sidecar {
    let (mut xmp, mut iptc, mut exif) =
        (Sidecar::default(), Sidecar::default(), Sidecar::default());
    for (marker, data) in segments(bytes) {
        match marker {
            0xE1 if data.starts_with(XMP) => {
                xmp = read_xmp(&String::from_utf8_lossy(&data[XMP.len()..]));
            }
            0xE1 if data.starts_with(EXIF) => exif = read_exif(&data[EXIF.len()..]),
            0xED if data.starts_with(PHOTOSHOP) => iptc = read_iptc(&data[PHOTOSHOP.len()..]),
            _ => {}
        }
    }
    xmp.or(iptc).or(exif)
}

/// How the camera says the JPEG's pixels are to be turned to stand upright (EXIF
/// Orientation); `None` when it says nothing (or nothing readable).
pub fn orientation(bytes: &[u8]) -> Option<image::metadata::Orientation> {
    segments(bytes)
        .into_iter()
        .filter(|(marker, data)| *marker == 0xE1 && data.starts_with(EXIF))
        .find_map(|(_, data)| image::metadata::Orientation::from_exif_chunk(&data[EXIF.len()..]))
}

/// The XMP and IPTC segments of a JPEG, whole (marker and length included), to be
/// copied into its derivatives. EXIF is not copied: it carries the camera's
/// orientation (the derivatives' pixels are as decoded), and often the place the
/// photo was taken and the camera's serial number.
pub fn kept_segments(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (marker, data) in segments(bytes) {
        let keep = (marker == 0xE1 && data.starts_with(XMP))
            || (marker == 0xED && data.starts_with(PHOTOSHOP));
        if keep {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
            out.extend_from_slice(data);
        }
    }
    out
}

/// `jpeg` with `segments` inserted after its start (and its JFIF header, if any).
pub fn with_segments(jpeg: Vec<u8>, segments: &[u8]) -> Vec<u8> {
    if segments.is_empty() || !jpeg.starts_with(&[0xFF, 0xD8]) {
        return jpeg;
    }
    let mut at = 2;
    if jpeg.get(2..4) == Some(&[0xFF, 0xE0]) && jpeg.len() >= 6 {
        at = 4 + usize::from(u16::from_be_bytes([jpeg[4], jpeg[5]]));
    }
    let at = at.min(jpeg.len());
    let mut out = Vec::with_capacity(jpeg.len() + segments.len());
    out.extend_from_slice(&jpeg[..at]);
    out.extend_from_slice(segments);
    out.extend_from_slice(&jpeg[at..]);
    out
}

/// The text of an XMP property: an attribute (`photoshop:Credit="…"`), or an element
/// holding text or a list whose first `rdf:li` is taken (`dc:creator`, `dc:rights`).
fn xmp_value(xmp: &str, name: &str) -> Option<String> {
    let attr = format!("{name}=\"");
    if let Some(i) = xmp.find(&attr) {
        let rest = &xmp[i + attr.len()..];
        return rest.find('"').map(|end| unescape(&rest[..end]));
    }
    let open = format!("<{name}");
    let start = xmp.find(&open)?;
    let rest = &xmp[start + open.len()..];
    let body_start = rest.find('>')? + 1;
    let end = rest.find(&format!("</{name}>"))?;
    let mut body = rest.get(body_start..end)?;
    if let Some(li) = body.find("<rdf:li") {
        let after = &body[li..];
        let s = after.find('>')? + 1;
        let e = after.find("</rdf:li>")?;
        body = after.get(s..e)?;
    }
    Some(unescape(body.trim())).filter(|s| !s.is_empty() && !s.contains('<'))
}

fn unescape(s: &str) -> String {
    quick_xml::escape::unescape(s)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| s.to_string())
}

fn read_xmp(xmp: &str) -> Sidecar {
    Sidecar {
        creator: xmp_value(xmp, "dc:creator"),
        credit: xmp_value(xmp, "photoshop:Credit"),
        caption: xmp_value(xmp, "dc:description"),
        copyright: xmp_value(xmp, "dc:rights"),
    }
}

/// IPTC-IIM records inside Photoshop's image resources (`8BIM` blocks; 0x0404 holds
/// IPTC): record 2, datasets 80 (By-line), 110 (Credit), 116 (Copyright Notice),
/// 120 (Caption/Abstract). The first of each is taken.
fn read_iptc(resources: &[u8]) -> Sidecar {
    let mut out = Sidecar::default();
    let mut i = 0;
    while i + 12 <= resources.len() && &resources[i..i + 4] == b"8BIM" {
        let id = u16::from_be_bytes([resources[i + 4], resources[i + 5]]);
        // A Pascal string, padded to an even length (its length byte included).
        let name_len = usize::from(resources[i + 6]);
        let mut j = i + 6 + (name_len + 1).next_multiple_of(2);
        let Some(size) = resources.get(j..j + 4) else {
            break;
        };
        let size = u32::from_be_bytes([size[0], size[1], size[2], size[3]]) as usize;
        j += 4;
        let Some(data) = resources.get(j..j.saturating_add(size)) else {
            break;
        };
        if id == 0x0404 {
            iim(data, &mut out);
        }
        i = j + size.next_multiple_of(2);
    }
    out
}

fn iim(data: &[u8], out: &mut Sidecar) {
    let mut i = 0;
    while i + 5 <= data.len() && data[i] == 0x1C {
        let (record, dataset) = (data[i + 1], data[i + 2]);
        let len = u16::from_be_bytes([data[i + 3], data[i + 4]]);
        // An extended length (top bit set) is for binary data, never text we read.
        if len & 0x8000 != 0 {
            break;
        }
        let Some(value) = data.get(i + 5..i + 5 + usize::from(len)) else {
            break;
        };
        let text =
            || Some(String::from_utf8_lossy(value).trim().to_string()).filter(|s| !s.is_empty());
        let slot = match (record, dataset) {
            (2, 80) => Some(&mut out.creator),
            (2, 110) => Some(&mut out.credit),
            (2, 116) => Some(&mut out.copyright),
            (2, 120) => Some(&mut out.caption),
            _ => None,
        };
        if let Some(slot) = slot
            && slot.is_none()
        {
            *slot = text();
        }
        i += 5 + usize::from(len);
    }
}

fn read_exif(tiff: &[u8]) -> Sidecar {
    let Ok(exif) = exif::Reader::new().read_raw(tiff.to_vec()) else {
        return Sidecar::default();
    };
    let field = |tag| {
        exif.get_field(tag, exif::In::PRIMARY)
            .and_then(|f| match &f.value {
                exif::Value::Ascii(v) => v
                    .first()
                    .map(|s| String::from_utf8_lossy(s).trim().to_string())
                    .filter(|s| !s.is_empty()),
                _ => None,
            })
    };
    Sidecar {
        creator: field(exif::Tag::Artist),
        credit: None,
        caption: field(exif::Tag::ImageDescription),
        copyright: field(exif::Tag::Copyright),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG's start with the given segments, then a scan that never ends.
    fn jpeg_with(segs: &[(u8, Vec<u8>)]) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        for (m, data) in segs {
            out.extend_from_slice(&[0xFF, *m]);
            out.extend_from_slice(&((data.len() + 2) as u16).to_be_bytes());
            out.extend_from_slice(data);
        }
        out.extend_from_slice(&[0xFF, 0xDA, 0, 2]);
        out
    }

    pub(crate) fn xmp_segment(credit: &str, creator: &str) -> (u8, Vec<u8>) {
        let mut d = XMP.to_vec();
        d.extend_from_slice(
            format!(
                "<x:xmpmeta><rdf:RDF><rdf:Description photoshop:Credit=\"{credit}\">\
                 <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>\
                 </rdf:Description></rdf:RDF></x:xmpmeta>"
            )
            .as_bytes(),
        );
        (0xE1, d)
    }

    fn iptc_segment(records: &[(u8, &str)]) -> (u8, Vec<u8>) {
        let mut iim = Vec::new();
        for (dataset, text) in records {
            iim.extend_from_slice(&[0x1C, 2, *dataset]);
            iim.extend_from_slice(&(text.len() as u16).to_be_bytes());
            iim.extend_from_slice(text.as_bytes());
        }
        let mut d = PHOTOSHOP.to_vec();
        d.extend_from_slice(b"8BIM\x04\x04\x00\x00");
        d.extend_from_slice(&(iim.len() as u32).to_be_bytes());
        d.extend_from_slice(&iim);
        if iim.len() % 2 == 1 {
            d.push(0);
        }
        (0xED, d)
    }

    #[test]
    fn xmp_comes_before_iptc_and_each_fills_the_gaps() {
        let bytes = jpeg_with(&[
            iptc_segment(&[(80, "Sana Mir"), (110, "APP"), (120, "Boats at dawn")]),
            xmp_segment("AFP / Rizwan Tabassum", "Rizwan &amp; Co"),
        ]);
        assert_eq!(
            read(&bytes),
            Sidecar {
                creator: Some("Rizwan & Co".into()),
                credit: Some("AFP / Rizwan Tabassum".into()),
                caption: Some("Boats at dawn".into()),
                copyright: None,
            }
        );
        let kept = kept_segments(&bytes);
        assert_eq!(
            read(&with_segments(vec![0xFF, 0xD8, 0xFF, 0xD9], &kept)),
            read(&bytes)
        );
    }

    #[test]
    fn exif_artist_is_the_last_resort() {
        // A big-endian TIFF: one IFD at offset 8 with Artist (0x013B), ASCII, 9 bytes
        // at offset 26.
        let mut tiff =
            b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x3B\0\x02\0\0\0\x09\0\0\0\x1A\0\0\0\0".to_vec();
        tiff.extend_from_slice(b"Jane Doe\0");
        let bytes = jpeg_with(&[(0xE1, tiff.clone())]);
        assert_eq!(read(&bytes).creator.as_deref(), Some("Jane Doe"));
        let both = jpeg_with(&[(0xE1, tiff), xmp_segment("AFP", "Rizwan")]);
        assert_eq!(read(&both).creator.as_deref(), Some("Rizwan"));
        // EXIF is not carried into derivatives.
        assert!(kept_segments(&bytes).is_empty());
    }

    #[test]
    fn damaged_metadata_is_skipped_never_a_panic() {
        let good = jpeg_with(&[
            iptc_segment(&[(80, "Sana Mir"), (110, "APP")]),
            xmp_segment("AFP", "A"),
            (0xE1, b"Exif\0\0MM\0*\0\0\0\x08\0\x01".to_vec()),
        ]);
        for cut in 0..good.len() {
            let _ = read(&good[..cut]);
            let _ = kept_segments(&good[..cut]);
        }
        let mut flipped = good.clone();
        for i in (0..flipped.len()).step_by(3) {
            flipped[i] = flipped[i].wrapping_add(0x41);
            let _ = read(&flipped);
        }
        assert_eq!(read(b"not a jpeg"), Sidecar::default());
    }
}
