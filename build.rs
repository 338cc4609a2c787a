//! Rebuild when a built-in theme changes: `include_dir!` embeds `themes/`, but
//! cargo only watches `src/` unless told.
fn main() {
    println!("cargo:rerun-if-changed=themes");
}
