//! Rebuild when an embedded folder changes: `include_dir!` embeds `themes/` and
//! `src/skeleton/`, but cargo does not see files read by a macro.
fn main() {
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=src/skeleton");
}
