//! One source image in, its derivatives out: decoded once, resized to each width and
//! crop with `fast_image_resize`, encoded as WebP (`webp`, lossy with a quality) and in
//! the source's own format (`image`: JPEG with a quality, PNG lossless).
//! A JPEG is turned upright first, as its EXIF Orientation says.
//! Input: the source's bytes and the settings. Output: [`Derived`]. No disk, no panics
//! on bad bytes: every failure is an [`ImageError`] saying what is wrong.

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ExtendedColorType, ImageEncoder, ImageFormat, ImageReader, Limits};

/// The aspect ratios Google's article results ask for, as `(name, w, h)`.
pub const CROPS: [(&str, u32, u32); 3] = [("16x9", 16, 9), ("4x3", 4, 3), ("1x1", 1, 1)];

/// What to make of one source.
#[derive(Debug, Clone)]
pub struct Settings {
    pub widths: Vec<u32>,
    /// Width of the crops and of the social-card image (never above the source's).
    pub crop_width: u32,
    pub quality: u8,
    pub max_pixels: u64,
    /// Focus point of the crops, `(x, y)` in 0..1 of the width and height.
    pub focus: (f32, f32),
}

/// The source format a derivative is also written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
}

impl Format {
    pub fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// One encoded file: what it is and its bytes.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// `800`, or `crop-16x9` for a crop.
    pub name: String,
    pub ext: &'static str,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Everything made from one source.
#[derive(Debug, Clone)]
pub struct Derived {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Average colour, `#rrggbb`: the placeholder shown while the image loads.
    pub colour: String,
    /// What the photo says of itself (credit, caption, creator, copyright).
    pub meta: super::meta::Sidecar,
    pub files: Vec<Encoded>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("not an image broadsheet can read ({0}); use JPEG or PNG")]
    Format(String),
    #[error("the JPEG ends before its last scan does (a truncated file?)")]
    Truncated,
    #[error("{width}×{height} pixels is more than the {max} allowed (`[images] max_pixels`)")]
    TooLarge { width: u32, height: u32, max: u64 },
    #[error("cannot decode: {0}")]
    Decode(String),
    #[error("cannot resize: {0}")]
    Resize(String),
    #[error("cannot encode: {0}")]
    Encode(String),
}

/// The widths made for a source `width` pixels wide: those of `widths` below it, and
/// the source's own width when it is narrower than the largest (never upscaled).
pub fn widths_for(widths: &[u32], width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = widths.iter().copied().filter(|&w| w < width).collect();
    if widths.iter().any(|&w| w >= width) || out.is_empty() {
        out.push(width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The `(left, top, width, height)` of the largest `rw:rh` box in a `w × h` image,
/// centred on `focus` as far as the edges allow.
pub fn crop_box(w: u32, h: u32, (rw, rh): (u32, u32), focus: (f32, f32)) -> (u32, u32, u32, u32) {
    let (cw, ch) = if u64::from(w) * u64::from(rh) > u64::from(h) * u64::from(rw) {
        ((u64::from(h) * u64::from(rw) / u64::from(rh)) as u32, h)
    } else {
        (w, (u64::from(w) * u64::from(rh) / u64::from(rw)) as u32)
    };
    let place = |size: u32, crop: u32, f: f32| {
        let centre = f.clamp(0.0, 1.0) * size as f32;
        let start = (centre - crop as f32 / 2.0).round().max(0.0) as u32;
        start.min(size - crop)
    };
    (
        place(w, cw, focus.0),
        place(h, ch, focus.1),
        cw.max(1),
        ch.max(1),
    )
}

/// Decodes `bytes` once and makes every derivative.
pub fn derive(bytes: &[u8], settings: &Settings) -> Result<Derived, ImageError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Decode(e.to_string()))?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(other) => return Err(ImageError::Format(format!("{other:?}"))),
        None => return Err(ImageError::Format("unknown format".into())),
    };
    if format == Format::Jpeg && truncated_jpeg(bytes) {
        return Err(ImageError::Truncated);
    }
    // The header first: a decompression bomb is refused before any pixel is decoded.
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| ImageError::Decode(e.to_string()))?;
    if u64::from(width) * u64::from(height) > settings.max_pixels {
        return Err(ImageError::TooLarge {
            width,
            height,
            max: settings.max_pixels,
        });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Decode(e.to_string()))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(
        settings
            .max_pixels
            .saturating_mul(4)
            .saturating_add(1 << 26),
    );
    reader.limits(limits);
    let mut decoded = reader
        .decode()
        .map_err(|e| ImageError::Decode(e.to_string()))?;
    // Turned upright as the camera said (EXIF is not copied into the derivatives, so
    // nothing would turn them later): the sizes below are the upright ones.
    if format == Format::Jpeg
        && let Some(o) = super::meta::orientation(bytes)
    {
        decoded.apply_orientation(o);
    }
    let (width, height) = (decoded.width(), decoded.height());
    let alpha = format == Format::Png && decoded.color().has_alpha();
    let src = if alpha {
        DynamicImage::ImageRgba8(decoded.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(decoded.into_rgb8())
    };
    let colour = average_colour(&src);
    let pixel = if alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    // The XMP and IPTC segments go into every JPEG derivative as they were.
    let kept = match format {
        Format::Jpeg => super::meta::kept_segments(bytes),
        Format::Png => Vec::new(),
    };
    use rayon::prelude::*;
    let files: Result<Vec<Vec<Encoded>>, ImageError> = jobs(settings, width, height)
        .par_iter()
        .map(|job| {
            let pixels = resize(&src, job, pixel)?;
            encode(&pixels, job, alpha, format, settings.quality, &kept)
        })
        .collect();
    Ok(Derived {
        width,
        height,
        format,
        colour,
        meta: super::meta::read(bytes),
        files: files?.into_iter().flatten().collect(),
    })
}

/// Whether a JPEG stops inside its image data: no end-of-image marker (`FF D9`) after
/// its last start-of-scan (`FF DA`). Decoders fill a cut-off photo with grey rather
/// than fail; a cut upload should be reported, not published. (Inside scan data `FF`
/// is always followed by `00` or a restart marker, so both markers are unambiguous; an
/// EXIF thumbnail's own markers come before the main image's.)
fn truncated_jpeg(bytes: &[u8]) -> bool {
    let last = |m: u8| bytes.windows(2).rposition(|w| w == [0xFF, m]);
    match (last(0xDA), last(0xD9)) {
        (Some(sos), Some(eoi)) => eoi < sos,
        (_, None) => true,
        (None, Some(_)) => false,
    }
}

/// One derivative to make: its name, size, and the box cut from the source first.
struct Job {
    name: String,
    w: u32,
    h: u32,
    crop: Option<(u32, u32, u32, u32)>,
}

/// Every width (never upscaled), then the crops, of a `width × height` source.
fn jobs(settings: &Settings, width: u32, height: u32) -> Vec<Job> {
    let mut jobs: Vec<Job> = widths_for(&settings.widths, width)
        .into_iter()
        .map(|w| {
            let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
                .max(1) as u32;
            Job {
                name: w.to_string(),
                w,
                h,
                crop: None,
            }
        })
        .collect();
    for (name, rw, rh) in CROPS {
        let b = crop_box(width, height, (rw, rh), settings.focus);
        let w = settings.crop_width.min(b.2);
        let h = ((u64::from(w) * u64::from(rh)) / u64::from(rw)).max(1) as u32;
        jobs.push(Job {
            name: format!("crop-{name}"),
            w,
            h,
            crop: Some(b),
        });
    }
    jobs
}

/// A derivative's pixels as WebP (lossy, at `quality`) and in the source's format;
/// a crop only in the source's format (structured data links crops, and only that).
fn encode(
    pixels: &[u8],
    job: &Job,
    alpha: bool,
    format: Format,
    quality: u8,
    kept: &[u8],
) -> Result<Vec<Encoded>, ImageError> {
    let (w, h) = (job.w, job.h);
    let webp = job.crop.is_none().then(|| {
        if alpha {
            webp::Encoder::from_rgba(pixels, w, h)
        } else {
            webp::Encoder::from_rgb(pixels, w, h)
        }
        .encode(f32::from(quality))
        .to_vec()
    });
    let mut bytes = Vec::new();
    let colour_type = if alpha {
        ExtendedColorType::Rgba8
    } else {
        ExtendedColorType::Rgb8
    };
    match format {
        Format::Jpeg => JpegEncoder::new_with_quality(&mut bytes, quality).write_image(
            pixels,
            w,
            h,
            colour_type,
        ),
        Format::Png => PngEncoder::new(&mut bytes).write_image(pixels, w, h, colour_type),
    }
    .map_err(|e| ImageError::Encode(e.to_string()))?;
    let bytes = super::meta::with_segments(bytes, kept);
    let file = |ext, bytes| Encoded {
        name: job.name.clone(),
        ext,
        width: w,
        height: h,
        bytes,
    };
    let mut files: Vec<Encoded> = webp.map(|b| file("webp", b)).into_iter().collect();
    files.push(file(format.ext(), bytes));
    Ok(files)
}

/// `src` (of `pixel` type), cut to the job's box first if any, at the job's size.
fn resize(src: &DynamicImage, job: &Job, pixel: PixelType) -> Result<Vec<u8>, ImageError> {
    let (w, h, crop) = (job.w, job.h, job.crop);
    let mut dst = Image::new(w, h, pixel);
    let mut options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    if let Some((l, t, cw, ch)) = crop {
        options = options.crop(f64::from(l), f64::from(t), f64::from(cw), f64::from(ch));
    }
    Resizer::new()
        .resize(src, &mut dst, &options)
        .map_err(|e| ImageError::Resize(e.to_string()))?;
    Ok(dst.into_vec())
}

/// The mean of every pixel's colour, as `#rrggbb`.
fn average_colour(img: &DynamicImage) -> String {
    let (mut sum, mut n) = ([0u64; 3], 0u64);
    let channels = usize::from(img.color().channel_count());
    // Every 7th pixel is plenty for an average and keeps a 6,000-pixel-wide photo cheap.
    for px in img.as_bytes().chunks_exact(channels).step_by(7) {
        for c in 0..3 {
            sum[c] += u64::from(px[c]);
        }
        n += 1;
    }
    let n = n.max(1);
    format!("#{:02x}{:02x}{:02x}", sum[0] / n, sum[1] / n, sum[2] / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale() {
        let ws = [480, 800, 1200, 1600];
        assert_eq!(widths_for(&ws, 3000), [480, 800, 1200, 1600]);
        assert_eq!(widths_for(&ws, 1000), [480, 800, 1000]);
        assert_eq!(widths_for(&ws, 1600), [480, 800, 1200, 1600]);
        assert_eq!(widths_for(&ws, 300), [300]);
    }

    #[test]
    fn crops_keep_their_ratio_and_the_focus() {
        // A 3000×2000 photo: 16:9 is full width, 1:1 full height.
        assert_eq!(
            crop_box(3000, 2000, (16, 9), (0.5, 0.5)),
            (0, 157, 3000, 1687)
        );
        assert_eq!(
            crop_box(3000, 2000, (1, 1), (0.5, 0.5)),
            (500, 0, 2000, 2000)
        );
        // Focus on the left third, and against the edge.
        assert_eq!(crop_box(3000, 2000, (1, 1), (0.3, 0.5)), (0, 0, 2000, 2000));
        assert_eq!(
            crop_box(3000, 2000, (1, 1), (0.9, 0.5)),
            (1000, 0, 2000, 2000)
        );
        assert_eq!(
            crop_box(3000, 2000, (4, 3), (0.5, 0.5)),
            (167, 0, 2666, 2000)
        );
    }

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 85)
            .write_image(img.as_raw(), w, h, ExtendedColorType::Rgb8)
            .expect("encodes");
        out
    }

    fn settings() -> Settings {
        super::super::settings(&crate::config::ImagesConfig::default(), (0.5, 0.5))
    }

    #[test]
    fn derivatives_have_their_sizes_and_formats() {
        let d = derive(&jpeg(1400, 700), &settings()).expect("derives");
        assert_eq!((d.width, d.height, d.format), (1400, 700, Format::Jpeg));
        let got: Vec<(String, &str, u32, u32)> = d
            .files
            .iter()
            .map(|f| (f.name.clone(), f.ext, f.width, f.height))
            .collect();
        assert!(got.contains(&("480".into(), "webp", 480, 240)));
        assert!(got.contains(&("1400".into(), "jpg", 1400, 700)));
        assert!(!got.iter().any(|g| g.2 > 1400));
        // Crops: as wide as the source allows, in their ratio.
        assert!(got.contains(&("crop-1x1".into(), "jpg", 700, 700)));
        assert!(got.contains(&("crop-16x9".into(), "jpg", 1200, 675)));
        // Crops are for structured data, which links the source's format only.
        assert!(
            !got.iter()
                .any(|(n, ext, ..)| n.starts_with("crop-") && *ext == "webp")
        );
        for f in &d.files {
            let size = if f.ext == "webp" {
                let back = webp::Decoder::new(&f.bytes).decode().expect("WebP decodes");
                (back.width(), back.height())
            } else {
                let back = image::load_from_memory(&f.bytes).expect("derivative decodes");
                (back.width(), back.height())
            };
            assert_eq!(size, (f.width, f.height), "{}", f.name);
        }
        assert!(d.colour.starts_with('#') && d.colour.len() == 7);
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let good = jpeg(64, 64);
        for bad in [
            &b""[..],
            b"not an image",
            &good[..good.len() / 2],
            b"GIF89a\x01\x00\x01\x00",
        ] {
            assert!(derive(bad, &settings()).is_err());
        }
        let tiny = Settings {
            max_pixels: 1000,
            ..settings()
        };
        assert!(matches!(
            derive(&good, &tiny),
            Err(ImageError::TooLarge { .. })
        ));
    }
}

#[cfg(test)]
mod untrusted {
    use super::*;

    /// Cut short at every length and damaged at many places, a photo (with metadata
    /// segments) is an error or a photo, never a panic.
    #[test]
    fn truncated_and_corrupt_photos_never_panic() {
        let img =
            image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
        let mut plain = Vec::new();
        JpegEncoder::new_with_quality(&mut plain, 85)
            .write_image(img.as_raw(), 64, 48, ExtendedColorType::Rgb8)
            .expect("encodes");
        let mut seg =
            b"http://ns.adobe.com/xap/1.0/\0<dc:creator><rdf:li>A</rdf:li></dc:creator>".to_vec();
        let mut good = plain[..2].to_vec();
        good.extend_from_slice(&[0xFF, 0xE1]);
        good.extend_from_slice(&((seg.len() + 2) as u16).to_be_bytes());
        good.append(&mut seg);
        good.extend_from_slice(&plain[2..]);
        let settings = Settings {
            widths: vec![32, 64],
            crop_width: 32,
            quality: 70,
            max_pixels: 1_000_000,
            focus: (0.5, 0.5),
        };
        let whole = derive(&good, &settings).expect("the whole photo derives");
        assert_eq!(whole.meta.creator.as_deref(), Some("A"));
        for cut in (0..good.len()).step_by(7) {
            let _ = derive(&good[..cut], &settings);
        }
        let mut state = 0x2545_F491u32;
        for _ in 0..200 {
            let mut bad = good.clone();
            for _ in 0..4 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let i = state as usize % bad.len();
                bad[i] = (state >> 8) as u8;
            }
            let _ = derive(&bad, &settings);
        }
    }
}
