//! Picture paths made to work from the bank's folder.
//!
//! A Markdown file's `![](res/flow.png)` is relative to that file, and a
//! bank's pictures are relative to the bank (see the README). An import
//! whose bank is written elsewhere than the source (`import notes/a.md -o
//! bank.toml`, or any file of a folder import in a subfolder) rewrites each
//! relative path to start from the bank's folder.

use super::tree::Node;
use comrak::nodes::NodeValue;

/// Rewrites the relative picture paths under `root` to start at `base`,
/// the source file's folder as seen from the bank's (`Kotlin`,
/// `../notes`). Addresses with a scheme (`https:`, `data:`), absolute
/// paths and in-page anchors are left alone.
pub(super) fn rebase(root: Node<'_>, base: &str) {
    for node in root.descendants() {
        if let NodeValue::Image(link) = &mut node.data_mut().value {
            if is_relative(&link.url) {
                link.url = join(base, &link.url);
            }
        }
    }
}

fn is_relative(url: &str) -> bool {
    let scheme = url.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    !(url.is_empty() || scheme || url.starts_with(['/', '#', '\\']))
}

/// `base/path`, with `.` steps dropped and `..` steps taken back where the
/// path before them allows (`Kotlin` + `./res/a.png` → `Kotlin/res/a.png`,
/// `a/b` + `../c.png` → `a/c.png`, `..` + `../c.png` → `../../c.png`).
pub fn join(base: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_joined_lexically() {
        assert_eq!(join("Kotlin", "./res/a.png"), "Kotlin/res/a.png");
        assert_eq!(join("a/b", "../c.png"), "a/c.png");
        assert_eq!(join("..", "../c.png"), "../../c.png");
        assert_eq!(join("../notes", "img/x.svg"), "../notes/img/x.svg");
        assert_eq!(join("", "x.png"), "x.png");
    }

    #[test]
    fn only_relative_paths_move() {
        assert!(is_relative("res/a.png"));
        assert!(is_relative("./a b.png"));
        assert!(!is_relative("https://example.org/a.png"));
        assert!(!is_relative("data:image/png;base64,AAAA"));
        assert!(!is_relative("/usr/share/a.png"));
        assert!(!is_relative("#top"));
        assert!(!is_relative(""));
    }
}
