//! broadsheet: a static site generator for news publishers.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`config`] → [`discover`] → [`parse`] → [`index`] → [`related`] → [`render`] → [`write`].
//! [`pipeline`] runs it; [`cli`] is the command line; [`scaffold`] writes new files;
//! [`links`] checks a rendered site's internal links.
//! [`serve`] is the live preview.
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod discover;
pub mod index;
pub mod links;
pub mod model;
pub mod parse;
pub mod pipeline;
pub mod related;
pub mod render;
pub mod scaffold;
pub mod sealed;
pub mod serve;
pub mod timing;
pub mod write;
