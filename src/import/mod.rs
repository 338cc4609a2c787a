//! Importers: another system's export (WordPress WXR, IPTC ninjs and NewsML-G2, a
//! Jekyll, Hugo or Zola folder) into article files in a site. Input: the source
//! files and the site folder. Output: article files, copied images, the ledger
//! (`import-ledger.json`) and a summary. It never touches the built output.

pub mod article;
pub mod html;
pub mod ledger;
pub mod run;
pub mod xml;
