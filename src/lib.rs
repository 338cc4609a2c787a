//! broadsheet: a static site generator for news publishers.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`config`] → [`discover`] → [`parse`] → [`index`] → [`related`] → [`render`] → [`write`].
//! [`pipeline`] runs it; [`cli`] is the command line; [`scaffold`] writes new files;
//! [`links`] checks a rendered site's internal links; [`cache`] keeps what the next
//! build into the same output can reuse. [`serve`] is the live preview.
//! docs/architecture.md walks through every module.
pub mod cache;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod images;
pub mod import;
pub mod index;
pub mod links;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod related;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod timing;
pub mod urls;
pub mod write;

/// Frees `value` on a thread of its own, off the build's path: the big structures a
/// build leaves behind (every article's card, the partial cache) hold hundreds of
/// thousands of small allocations, and freeing them one by one is tens of
/// milliseconds at 10,000 articles. A process that exits first simply returns the
/// memory whole.
pub(crate) fn free_in_background<T: Send + 'static>(value: T) {
    // Should no thread be had, the closure is dropped here, and the value with it.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}
