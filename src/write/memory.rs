//! Sinks that write no file: `check` renders everything and keeps nothing, or keeps
//! the pages in memory for `check --links` and `check --redirects`.

use crate::render::Sink;

/// A sink that keeps every file in memory: `check --links` reads the pages back.
#[derive(Default)]
pub struct Memory {
    files: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    /// The rendered files by output path.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files
            .into_inner()
            .expect("no panics while holding the lock")
    }
}

impl Sink for Memory {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let mut files = self.files.lock().expect("no panics while holding the lock");
        if files.insert(rel.to_string(), bytes.to_vec()).is_some() {
            return Err(format!(
                "two pages would be written to `{rel}`; refusing to overwrite one with the other"
            ));
        }
        Ok(())
    }
}

/// A sink that keeps nothing: `check` renders everything and discards it.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _rel: &str, _bytes: &[u8]) -> Result<(), String> {
        Ok(())
    }

    fn keep_bundle(&self, _prefix: &str, _names: &str) -> bool {
        // Nothing is kept, so nothing need be read.
        true
    }
}
