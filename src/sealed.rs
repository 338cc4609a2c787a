//! The framing of the files broadsheet keeps in its output for the next build (the
//! parse cache, the related lists): a magic line, the key the contents hold under,
//! and a checksum of the contents. A file whose magic, key or checksum does not
//! match is not read at all.

/// Bytes after the magic line: the key and the checksum.
const HEAD: usize = 16;

/// A buffer to write contents into after the magic line and room for the head.
pub fn begin(magic: &[u8]) -> Vec<u8> {
    let mut out = magic.to_vec();
    out.resize(magic.len() + HEAD, 0);
    out
}

/// Fills in the head of a buffer from [`begin`] once its contents are written.
pub fn seal(mut out: Vec<u8>, magic: &[u8], key: u64) -> Vec<u8> {
    let checksum = xxhash_rust::xxh3::xxh3_64(&out[magic.len() + HEAD..]);
    out[magic.len()..magic.len() + 8].copy_from_slice(&key.to_le_bytes());
    out[magic.len() + 8..magic.len() + HEAD].copy_from_slice(&checksum.to_le_bytes());
    out
}

/// The contents of `bytes` if they were sealed with `magic` under `key` and are whole.
pub fn open<'a>(bytes: &'a [u8], magic: &[u8], key: u64) -> Option<&'a [u8]> {
    let (head, contents) = bytes.strip_prefix(magic)?.split_at_checked(HEAD)?;
    let number = |i: usize| u64::from_le_bytes(head[i * 8..i * 8 + 8].try_into().unwrap());
    (number(0) == key && number(1) == xxhash_rust::xxh3::xxh3_64(contents)).then_some(contents)
}
