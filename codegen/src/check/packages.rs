//! `packages:` beyond the names: the metadata every manifest carries (links, keywords,
//! license) and the files every package ships (license texts, changelog), read from the
//! spec's folder.

use std::path::Path;

use super::Checker;
use crate::model::ShippedFile;
use crate::spec::{DEFAULT_LICENSE, Packages};

/// What a license file's name starts with: its name in a package must say what it is, and
/// cannot then be taken for a file the generator writes.
const LICENSE_NAMES: [&str; 4] = ["LICENSE", "LICENCE", "COPYING", "NOTICE"];

/// The texts of [`DEFAULT_LICENSE`] that the generator ships.
const DEFAULT_TEXTS: [(&str, &str); 2] = [
    ("LICENSE-APACHE", include_str!("../../../LICENSE-APACHE")),
    ("LICENSE-MIT", include_str!("../../../LICENSE-MIT")),
];

/// Whether a file of a generated package is a verbatim copy of a file the spec ships (a
/// license text or the changelog), which carries no "generated" header.
pub fn is_shipped_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "CHANGELOG.md" || LICENSE_NAMES.iter().any(|p| name.starts_with(p))
}

impl Checker<'_> {
    /// Checks the metadata of `packages` and reads the files it names relative to `dir`
    /// (none can be read without one: each is then an error).
    pub(super) fn package_files(
        &mut self,
        dir: Option<&Path>,
        packages: &Packages,
    ) -> Vec<ShippedFile> {
        for (key, url) in [
            ("repository", &packages.repository),
            ("homepage", &packages.homepage),
            ("documentation", &packages.documentation),
        ] {
            let Some(url) = url else { continue };
            let ok = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() > "https://".len()
                && !url.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>'));
            if !ok {
                self.err(
                    &format!("/packages/{key}"),
                    "bad_url",
                    format!("`{url}` is not an http(s) URL"),
                );
            }
        }
        self.check_keywords(&packages.keywords);
        if !is_spdx_expression(&packages.license) {
            self.err(
                "/packages/license",
                "bad_license",
                format!(
                    "`{}` is not an SPDX license expression (`MIT`, `MIT OR Apache-2.0`)",
                    packages.license
                ),
            );
        }
        let mut shipped = Vec::new();
        if packages.license_files.is_empty() {
            if packages.license == DEFAULT_LICENSE {
                shipped.extend(DEFAULT_TEXTS.iter().map(|(name, text)| ShippedFile {
                    name: (*name).to_owned(),
                    contents: (*text).to_owned(),
                }));
            } else {
                self.err(
                    "/packages/license",
                    "missing_license_files",
                    format!(
                        "the license `{}` needs its texts in `license_files` (the generator \
                         ships only those of `{DEFAULT_LICENSE}`)",
                        packages.license
                    ),
                );
            }
        }
        for (i, path) in packages.license_files.iter().enumerate() {
            let pointer = format!("/packages/license_files/{i}");
            let name = file_name(path);
            if !LICENSE_NAMES.iter().any(|p| name.starts_with(p)) {
                self.err(
                    &pointer,
                    "bad_license_file",
                    format!(
                        "`{name}` does not look like a license text: its name must start with \
                         one of {}",
                        LICENSE_NAMES.join(", ")
                    ),
                );
                continue;
            }
            if shipped.iter().any(|f: &ShippedFile| f.name == name) {
                self.err(
                    &pointer,
                    "duplicate_file",
                    format!("two license files are named `{name}`"),
                );
                continue;
            }
            if let Some(contents) = self.read_file(dir, path, &pointer) {
                shipped.push(ShippedFile {
                    name: name.to_owned(),
                    contents,
                });
            }
        }
        if let Some(path) = &packages.changelog
            && let Some(contents) = self.read_file(dir, path, "/packages/changelog")
        {
            shipped.push(ShippedFile {
                name: "CHANGELOG.md".to_owned(),
                contents,
            });
        }
        shipped
    }

    fn check_keywords(&mut self, keywords: &[String]) {
        if keywords.len() > 5 {
            self.err(
                "/packages/keywords",
                "too_many_keywords",
                format!("{} keywords: crates.io takes at most 5", keywords.len()),
            );
        }
        for (i, k) in keywords.iter().enumerate() {
            let ok = !k.is_empty()
                && k.len() <= 20
                && k.starts_with(|c: char| c.is_ascii_alphanumeric())
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                self.err(
                    &format!("/packages/keywords/{i}"),
                    "bad_keyword",
                    format!(
                        "keyword `{k}`: crates.io takes at most 20 ASCII letters, digits, `-` \
                         and `_`, starting with a letter or digit"
                    ),
                );
            }
        }
    }

    /// A UTF-8 file relative to the spec's folder, or an error at `pointer`.
    fn read_file(&mut self, dir: Option<&Path>, path: &str, pointer: &str) -> Option<String> {
        if path.is_empty() || path.starts_with('/') || path.contains('\\') || path.contains(':') {
            self.err(
                pointer,
                "bad_path",
                format!("`{path}` is not a relative path with `/` separators"),
            );
            return None;
        }
        let Some(dir) = dir else {
            self.err(
                pointer,
                "unreadable_file",
                format!("`{path}` cannot be read: the spec was given without its folder"),
            );
            return None;
        };
        match std::fs::read_to_string(dir.join(path)) {
            Ok(text) => Some(text),
            Err(e) => {
                self.err(
                    pointer,
                    "unreadable_file",
                    format!("`{path}` (relative to the spec's folder) cannot be read: {e}"),
                );
                None
            }
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// An SPDX license expression, as far as its form goes: license ids (letters, digits,
/// `.`, `-`, an optional `+`) joined by `AND`, `OR` and `WITH`, with parentheses.
fn is_spdx_expression(text: &str) -> bool {
    let spaced = text.replace('(', " ( ").replace(')', " ) ");
    let mut depth = 0i32;
    // Whether an id (or a closing parenthesis) may come next, rather than an operator.
    let mut want_id = true;
    for token in spaced.split_whitespace() {
        match token {
            "(" if want_id => depth += 1,
            ")" if !want_id => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            "AND" | "OR" | "WITH" if !want_id => want_id = true,
            id if want_id => {
                let id = id.strip_suffix('+').unwrap_or(id);
                let ok = !id.is_empty()
                    && id.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
                    && !matches!(id, "AND" | "OR" | "WITH");
                if !ok {
                    return false;
                }
                want_id = false;
            }
            _ => return false,
        }
    }
    depth == 0 && !want_id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spdx_expressions() {
        for ok in [
            "MIT",
            "MIT OR Apache-2.0",
            "(MIT OR Apache-2.0) AND BSD-3-Clause",
            "GPL-2.0+",
            "Apache-2.0 WITH LLVM-exception",
            "LicenseRef-Acme-1.0",
        ] {
            assert!(is_spdx_expression(ok), "{ok}");
        }
        for bad in [
            "",
            "MIT OR",
            "OR MIT",
            "(MIT",
            "MIT)",
            "MIT Apache-2.0",
            "MIT/Apache-2.0",
            "MIT OR <b>",
        ] {
            assert!(!is_spdx_expression(bad), "{bad}");
        }
    }
}
