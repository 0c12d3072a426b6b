//! Branding: a logo, an accent colour and an organisation's name.
//!
//! They are set once at the top of `guide.toml`, like the title, and any
//! `[[output]]` may override them (an interviewer kit with the company's
//! logo, a candidate copy without). Nothing is opened here: the logo is a
//! path, read with the other pictures when an output is built.

use crate::diag::{Diagnostic, Source, Span};
use crate::source::{outside_error, stays_inside};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// An output's branding, with the guide's values filled in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Brand {
    /// The picture at the head of the title block.
    pub logo: Option<Logo>,
    /// Also print the logo, small, in the running header.
    pub header_logo: bool,
    /// The colour of headings and rules; `None` keeps them black and gray.
    pub accent_color: Option<Rgb>,
    /// Shown in the footer (`{organization}`) and the PDF's metadata.
    pub organization: Option<String>,
}

/// A logo as the config names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// The path as written: what a pack's `[assets]` are keyed by.
    pub name: String,
    /// The path resolved against the config's folder.
    pub path: PathBuf,
    /// Where it was written, for errors about the file.
    pub span: Span,
}

/// An sRGB colour, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

/// `logo = "acme.png"`, or `logo = false` for none (an output dropping the
/// guide's logo).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum LogoSetting {
    Off(bool),
    Path(String),
}

/// The branding keys of one table, as read.
pub(super) struct RawBrand {
    pub logo: Option<Spanned<LogoSetting>>,
    pub header_logo: Option<bool>,
    pub accent_color: Option<Spanned<String>>,
    pub organization: Option<String>,
}

/// The least contrast an accent must have against white paper: 3:1, what
/// large and bold text needs to be read (WCAG 2). Headings are both.
const MIN_CONTRAST: f32 = 3.0;

/// Where paths start and whether they may leave the config's folder.
pub(super) struct Base<'a> {
    pub src: &'a Source,
    pub dir: &'a Path,
    pub allow_outside: bool,
}

/// The branding of a table: its own keys over `inherited` (the guide's,
/// for an output). Every bad value is recorded in `errors`.
pub(super) fn validate(
    raw: RawBrand,
    inherited: &Brand,
    base: &Base,
    errors: &mut Vec<Diagnostic>,
) -> Brand {
    let mut brand = inherited.clone();
    if let Some(setting) = &raw.logo {
        brand.logo = logo(setting, base, errors);
    }
    brand.header_logo = raw.header_logo.unwrap_or(brand.header_logo);
    if let Some(text) = &raw.accent_color {
        match parse_color(text.get_ref()) {
            Ok(rgb) => brand.accent_color = Some(rgb),
            Err(why) => errors.push(
                Diagnostic::error(format!("`accent_color = \"{}\"` {why}", text.get_ref()))
                    .at(base.src.span(text.span()))
                    .hint("write a dark hex colour, `#rrggbb` or `#rgb`, e.g. `accent_color = \"#1f4e79\"`; headings and rules are printed in it"),
            ),
        }
    }
    if let Some(org) = raw.organization {
        brand.organization = super::clean_line(Some(org));
    }
    brand
}

/// The logo a `logo` key names; `None` for `logo = false`.
fn logo(setting: &Spanned<LogoSetting>, base: &Base, errors: &mut Vec<Diagnostic>) -> Option<Logo> {
    let span = base.src.span(setting.span());
    let name = match setting.get_ref() {
        LogoSetting::Off(false) => return None,
        LogoSetting::Path(name) if !name.trim().is_empty() => name,
        _ => {
            errors.push(
                Diagnostic::error("`logo` must name a PNG, JPEG, WebP or SVG file")
                    .at(span)
                    .hint("e.g. `logo = \"acme.png\"`, relative to the config; `logo = false` prints none"),
            );
            return None;
        }
    };
    let rel = Path::new(name);
    if !base.allow_outside && !stays_inside(rel) {
        errors.push(outside_error("logo", rel, span.clone()));
    }
    Some(Logo {
        name: name.clone(),
        path: base.dir.join(rel),
        span,
    })
}

/// `#rgb` or `#rrggbb`, dark enough to read on paper; otherwise what is
/// wrong with it, as the end of a sentence about the value.
pub fn parse_color(text: &str) -> Result<Rgb, String> {
    let hex = text.trim().strip_prefix('#').unwrap_or("");
    let digits: Option<Vec<u8>> = hex
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect();
    let rgb = match digits.as_deref() {
        Some(&[r, g, b]) => [r * 17, g * 17, b * 17],
        Some(&[r1, r2, g1, g2, b1, b2]) => [r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2],
        _ => return Err("is not a colour".into()),
    };
    let contrast = contrast_on_white(rgb);
    if contrast < MIN_CONTRAST {
        return Err(format!(
            "is too light to read on white paper (contrast {contrast:.1}:1; at least {MIN_CONTRAST}:1 is needed)"
        ));
    }
    Ok(Rgb(rgb))
}

/// The WCAG contrast ratio of a colour against white.
fn contrast_on_white(rgb: [u8; 3]) -> f32 {
    let linear = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    1.05 / (l + 0.05)
}

/// The footer an output gets when it does not set one: its style's
/// default, led by the organisation's name when there is one.
pub(super) fn default_footer(footer: &mut Option<String>, brand: &Brand) {
    if let (Some(text), Some(_)) = (footer.as_mut(), &brand.organization) {
        *text = format!("{{organization}} \u{b7} {text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_parse_in_both_lengths() {
        assert_eq!(parse_color("#1f4e79"), Ok(Rgb([0x1f, 0x4e, 0x79])));
        assert_eq!(parse_color("#248"), Ok(Rgb([0x22, 0x44, 0x88])));
        assert_eq!(parse_color(" #000000 "), Ok(Rgb([0, 0, 0])));
        for bad in ["1f4e79", "#1f4e7", "#ggg", "navy", "#", "", "#1f4e79ff"] {
            assert_eq!(
                parse_color(bad),
                Err("is not a colour".to_string()),
                "{bad}"
            );
        }
    }

    #[test]
    fn colours_too_light_to_print_are_refused() {
        // Yellow and light gray vanish on paper; red and mid gray do not.
        assert!(parse_color("#ffff00").unwrap_err().contains("too light"));
        assert!(parse_color("#cccccc").unwrap_err().contains("too light"));
        assert!(parse_color("#ff0000").is_ok());
        assert!(parse_color("#777777").is_ok());
        assert!(contrast_on_white([0, 0, 0]) > 20.9);
    }
}
