//! Rebuild when an embedded folder changes: `include_dir!` embeds `themes/` and
//! `src/scaffold/theme-new/`, but cargo does not see files read by a macro.
//!
//! Also gives the binary an identity for incremental builds: `BROADSHEET_BUILD_ID`,
//! a hash of the sources, the embedded themes and the locked dependencies. A build
//! reuses the previous output's page fingerprints only when they were made by a
//! binary with the same identity, so an upgrade re-renders everything once.
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

fn main() {
    for watched in ["themes", "src", "Cargo.lock", "Cargo.toml"] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let mut h = DefaultHasher::new();
    for root in ["src", "themes", "Cargo.lock", "Cargo.toml"] {
        hash_tree(Path::new(root), &mut h);
    }
    println!("cargo:rustc-env=BROADSHEET_BUILD_ID={:016x}", h.finish());
}

/// Hashes the names and bytes of every file under `path`, in name order.
fn hash_tree(path: &Path, h: &mut DefaultHasher) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            hash_tree(&e, h);
        }
    } else if let Ok(bytes) = std::fs::read(path) {
        h.write(path.to_string_lossy().as_bytes());
        h.write(&bytes);
    }
}
