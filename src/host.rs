//! The machine Loket runs on, as far as the library needs to know it.

/// The host's name, written as the origin of audit rows so a row says which desk acted; empty
/// when the system does not tell. uname works on every Unix, unlike reading `/etc/hostname`.
pub fn origin() -> String {
    rustix::system::uname()
        .nodename()
        .to_string_lossy()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_origin_is_one_line_of_text() {
        let origin = super::origin();
        assert!(!origin.contains('\n'), "{origin:?}");
    }
}
