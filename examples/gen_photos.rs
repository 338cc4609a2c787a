//! Synthetic "agency photos" for the image benchmarks (scripts/bench-images.sh):
//! deterministic JPEGs, smooth light with grain, so they compress like photos rather
//! than like flat colour or pure noise.
//!
//!     cargo run --release --example gen_photos -- OUT_DIR COUNT WIDTH HEIGHT

use std::io::BufWriter;

use image::ImageEncoder;
use image::codecs::jpeg::JpegEncoder;
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, out, count, width, height] = args.as_slice() else {
        eprintln!("usage: gen_photos OUT_DIR COUNT WIDTH HEIGHT");
        std::process::exit(2);
    };
    let (count, w, h): (u32, u32, u32) = match (count.parse(), width.parse(), height.parse()) {
        (Ok(c), Ok(w), Ok(h)) => (c, w, h),
        _ => {
            eprintln!("COUNT, WIDTH and HEIGHT are whole numbers");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(out).expect("the output folder can be made");
    (0..count).into_par_iter().for_each(|i| {
        let path = std::path::Path::new(out).join(format!("p{i:05}.jpg"));
        if path.exists() {
            return;
        }
        let mut seed = 0x9E37_79B9_7F4A_7C15u64 ^ u64::from(i).wrapping_mul(0x2545_F491_4F6C_DD1D);
        let mut pixels = Vec::with_capacity((w * h * 3) as usize);
        let (cx, cy) = ((i * 37 % w.max(1)) as f32, (i * 53 % h.max(1)) as f32);
        for y in 0..h {
            for x in 0..w {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let grain = (seed & 15) as f32 - 7.5;
                let d = ((x as f32 - cx).hypot(y as f32 - cy)) / w as f32;
                let base = 200.0 - 150.0 * d.min(1.0);
                pixels.push((base + grain + (x * 60 / w) as f32).clamp(0.0, 255.0) as u8);
                pixels.push((base * 0.8 + grain + (y * 80 / h) as f32).clamp(0.0, 255.0) as u8);
                pixels.push((base * 0.6 + grain + (i % 90) as f32).clamp(0.0, 255.0) as u8);
            }
        }
        let file = std::fs::File::create(&path).expect("the photo can be written");
        JpegEncoder::new_with_quality(BufWriter::new(file), 88)
            .write_image(&pixels, w, h, image::ExtendedColorType::Rgb8)
            .expect("encodes");
    });
}
