//! Picture paths made to work from the bank's folder.
//!
//! A Markdown file's `![](res/flow.png)` is relative to that file, and a
//! bank's pictures are relative to the bank (see the README). An import
//! whose bank is written elsewhere than the source (`import notes/a.md -o
//! bank.toml`, or any file of a folder import in a subfolder) rewrites each
//! relative path to start from the bank's folder.

use super::tree::Node;
use comrak::nodes::NodeValue;
use std::path::PathBuf;

/// Where an imported file's pictures are.
#[derive(Debug, Clone)]
pub struct Pictures {
    /// The file's folder as seen from the bank's (`Kotlin`, `../notes`),
    /// `/`-separated.
    pub from_bank: String,
    /// The file's folder, to look for the pictures in.
    pub source: PathBuf,
}

/// Rewrites the relative picture paths under `root` that name a file in
/// the source's folder to start at its folder as seen from the bank's. A
/// path that names no file there is left as written (the user may put the
/// picture beside the bank), and so are addresses with a scheme
/// (`https:`, `data:`), absolute paths and in-page anchors.
pub(super) fn rebase(root: Node<'_>, pictures: &Pictures) {
    for node in root.descendants() {
        match &mut node.data_mut().value {
            NodeValue::Image(link) if moves(&link.url, pictures) => {
                link.url = join(&pictures.from_bank, &link.url);
            }
            // `<img src="…">` prints as a picture too.
            NodeValue::HtmlBlock(block) => {
                block.literal = rebase_html(&block.literal, pictures);
            }
            NodeValue::HtmlInline(html) => *html = rebase_html(html, pictures),
            _ => {}
        }
    }
}

/// Whether `url` is a relative path to a file beside the source.
fn moves(url: &str, pictures: &Pictures) -> bool {
    is_relative(url) && pictures.source.join(url.replace("%20", " ")).is_file()
}

/// `html` with the relative `src` of each `<img>` tag rewritten to start
/// at `base`. One pass: each tag's attributes are searched only up to its
/// `>`.
fn rebase_html(html: &str, pictures: &Pictures) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    let mut from = 0;
    while let Some(at) = lower[from..].find("<img").map(|i| from + i) {
        let end = lower[at..].find('>').map_or(lower.len(), |i| at + i);
        from = end;
        let Some(src) = lower[at..end].find("src=").map(|i| at + i + 4) else {
            continue;
        };
        let Some(quote) = html[src..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
        else {
            continue;
        };
        let start = src + 1;
        let Some(len) = html[start..end].find(quote) else {
            continue;
        };
        let url = &html[start..start + len];
        if moves(url, pictures) {
            out.push_str(&html[done..start]);
            out.push_str(&join(&pictures.from_bank, url));
            done = start + len;
        }
    }
    out.push_str(&html[done..]);
    out
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
    fn html_pictures_beside_the_source_move_too() {
        let source =
            std::env::temp_dir().join(format!("studyguide-pictures-{}", std::process::id()));
        std::fs::create_dir_all(source.join("img")).unwrap();
        std::fs::write(source.join("img/a.png"), b"").unwrap();
        let pictures = Pictures {
            from_bank: "notes".into(),
            source: source.clone(),
        };
        assert_eq!(
            rebase_html(
                "<p><IMG alt=\"A\" SRC=\"img/a.png\"> <img src='https://x.org/b.png'> <img src=\"img/gone.png\"></p>",
                &pictures
            ),
            "<p><IMG alt=\"A\" SRC=\"notes/img/a.png\"> <img src='https://x.org/b.png'> <img src=\"img/gone.png\"></p>"
        );
        assert_eq!(
            rebase_html("<img src=img/a.png>", &pictures),
            "<img src=img/a.png>"
        );
        assert_eq!(rebase_html("<img", &pictures), "<img");
        assert_eq!(rebase_html("<imgsrc=\"", &pictures), "<imgsrc=\"");
        std::fs::remove_dir_all(&source).unwrap();
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
