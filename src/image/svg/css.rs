//! CSS colour functions that browsers resolve and usvg does not.
//!
//! Diagram tools write colours that follow the reader's theme, such as
//! draw.io's `fill: light-dark(#ffffff, var(--ge-dark-color, #121212))`.
//! usvg cannot read such a value and paints the shape black, so a printed
//! diagram turns into black boxes. Paper is light: `light-dark(a, b)` is
//! `a`, and `var(--name, fallback)` is its fallback (a custom property's own
//! value is never known here).

/// Deepest nesting of these functions resolved; deeper ones are left as
/// they are (usvg then ignores the value).
const MAX_NESTING: usize = 16;

/// The value of attribute `name` as a browser reads it, or `None` when it
/// reads it as usvg does: colour functions resolved, and generic font
/// families in lowercase in a `font-family` attribute or a style.
pub(super) fn attribute(name: &str, value: &str) -> Option<String> {
    let resolved = resolve(value);
    let current = resolved.as_deref().unwrap_or(value);
    let families = match name {
        "font-family" => families(current),
        "style" => style_families(current),
        _ => None,
    };
    families.or(resolved)
}

/// A style sheet as a browser reads it (see [`attribute`]).
pub(super) fn sheet(text: &str) -> Option<String> {
    let resolved = resolve(text);
    let current = resolved.as_deref().unwrap_or(text);
    style_families(current).or(resolved)
}

/// `value` with `light-dark()` and `var()` resolved, or `None` when it has
/// neither.
pub(super) fn resolve(value: &str) -> Option<String> {
    if !value.contains("light-dark(") && !value.contains("var(") {
        return None;
    }
    Some(resolved(value, 0))
}

fn resolved(value: &str, depth: usize) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some((at, name)) = next_function(rest) {
        let open = at + name.len();
        let Some(close) = matching_paren(&rest[open..]).map(|k| open + k) else {
            break;
        };
        out.push_str(&rest[..at]);
        let args = &rest[open + 1..close];
        let whole = &rest[at..=close];
        let first_comma = top_level_comma(args);
        let chosen = match (name, first_comma) {
            ("light-dark", Some(comma)) => Some(&args[..comma]),
            ("var", Some(comma)) => Some(&args[comma + 1..]),
            _ => None,
        };
        match chosen {
            Some(arg) if depth < MAX_NESTING => out.push_str(&resolved(arg.trim(), depth + 1)),
            _ => out.push_str(whole),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The first `light-dark(` or `var(` in `text`: where its name starts, and
/// the name.
fn next_function(text: &str) -> Option<(usize, &'static str)> {
    // One pass over the opening parentheses, so that a value of many
    // functions is read in linear time.
    text.match_indices('(').find_map(|(open, _)| {
        ["light-dark", "var"].into_iter().find_map(|name| {
            let at = open.checked_sub(name.len())?;
            // `var(`, not the end of `--my-var(` or `covar(`.
            let starts_word = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'));
            (text.get(at..open) == Some(name) && starts_word).then_some((at, name))
        })
    })
}

/// The offset of the `)` that closes the `(` at the start of `text`.
fn matching_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (k, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The offset of the first comma of `args` outside parentheses.
fn top_level_comma(args: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (k, c) in args.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return Some(k),
            _ => {}
        }
    }
    None
}

/// The generic font families, which CSS matches in any case.
const GENERIC_FAMILIES: [&str; 6] = [
    "sans-serif",
    "serif",
    "monospace",
    "cursive",
    "fantasy",
    "system-ui",
];

/// A `font-family` list with its generic families in lowercase, or `None`
/// when they are already. Graphviz writes `Helvetica,sans-Serif`, which
/// usvg takes for a family of that name and, not finding it, sets in a
/// serif face.
pub(super) fn families(list: &str) -> Option<String> {
    let mut changed = false;
    let items: Vec<String> = list
        .split(',')
        .map(|item| {
            let name = item.trim();
            match GENERIC_FAMILIES
                .iter()
                .find(|g| g.eq_ignore_ascii_case(name) && **g != name)
            {
                Some(generic) => {
                    changed = true;
                    item.replace(name, generic)
                }
                None => item.to_string(),
            }
        })
        .collect();
    changed.then(|| items.join(","))
}

/// Style text (an attribute or a sheet) with the generic families of its
/// `font-family` declarations in lowercase, or `None` when they are.
pub(super) fn style_families(style: &str) -> Option<String> {
    let lower = style.to_ascii_lowercase();
    let mut out = String::new();
    let mut at = 0;
    let mut from = 0;
    while let Some(k) = lower[from..].find("font-family") {
        let name_end = from + k + "font-family".len();
        from = name_end;
        let Some(colon) = lower[name_end..].trim_start().strip_prefix(':') else {
            continue;
        };
        let start = lower.len() - colon.len();
        let end = lower[start..]
            .find([';', '}', '"'])
            .map_or(lower.len(), |e| start + e);
        if let Some(fixed) = families(&style[start..end]) {
            out.push_str(&style[at..start]);
            out.push_str(&fixed);
            at = end;
        }
        from = end;
    }
    (at > 0).then(|| {
        out.push_str(&style[at..]);
        out
    })
}

/// The declarations of an inline `style` attribute, as trimmed
/// (property, value) pairs, property in lowercase.
pub(super) fn declarations(style: &str) -> impl Iterator<Item = (String, &str)> {
    style.split(';').filter_map(|d| {
        let (name, value) = d.split_once(':')?;
        let value = value.trim().trim_end_matches("!important").trim();
        Some((name.trim().to_ascii_lowercase(), value))
    })
}

/// The background colours a style sheet gives to classes: for each rule
/// whose selector ends in a class (`.labelBkg`, `#id span.edge`), the
/// class and the colour, in the sheet's order. Mermaid paints the labels
/// on its edges this way, so that the line does not run through them.
pub(super) fn class_backgrounds(sheet: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rule in sheet.split('}') {
        let Some((selectors, body)) = rule.split_once('{') else {
            continue;
        };
        let selectors = selectors.trim();
        if selectors.starts_with('@') {
            continue;
        }
        let Some(colour) = background(body) else {
            continue;
        };
        for selector in selectors.split(',') {
            let last = selector.split_whitespace().last().unwrap_or_default();
            for class in last.split('.').skip(1) {
                let class = class.split([':', '[', '#']).next().unwrap_or_default();
                if !class.is_empty() {
                    out.push((class.to_string(), colour.clone()));
                }
            }
        }
    }
    out
}

/// The colour a list of declarations paints the background in, when it is
/// one that shows.
pub(super) fn background(declarations_text: &str) -> Option<String> {
    declarations(declarations_text)
        .filter(|(name, _)| name == "background-color" || name == "background")
        .filter_map(|(_, value)| {
            let value = resolve(value).unwrap_or_else(|| value.to_string());
            let value = value.trim();
            let hidden =
                ["", "transparent", "none", "inherit", "initial", "unset"].contains(&value);
            // A picture or a gradient (`url(…)`, `linear-gradient(…)`) is
            // no fill: usvg would paint the box black.
            let colour = !value.contains('(')
                || ["rgb(", "rgba(", "hsl(", "hsla("]
                    .iter()
                    .any(|f| value.starts_with(f));
            (!hidden && colour).then(|| value.to_string())
        })
        .last()
}

/// A CSS length in pixels: `12px`, `12` or `9pt`; `em` against `em`.
pub(super) fn pixels(value: &str, em: f32) -> Option<f32> {
    let value = value.trim();
    let (number, factor) = if let Some(n) = value.strip_suffix("px") {
        (n, 1.0)
    } else if let Some(n) = value.strip_suffix("pt") {
        (n, 96.0 / 72.0)
    } else if let Some(n) = value.strip_suffix("rem") {
        (n, 16.0)
    } else if let Some(n) = value.strip_suffix("em") {
        (n, em)
    } else {
        (value, 1.0)
    };
    let v: f32 = number.trim().parse().ok()?;
    (v.is_finite() && v >= 0.0).then_some(v * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_dark_takes_the_light_colour() {
        let drawio = "fill: light-dark(#ffffff, var(--ge-dark-color, #121212)); stroke: light-dark(rgb(0, 0, 0), rgb(255, 255, 255));";
        assert_eq!(
            resolve(drawio).as_deref(),
            Some("fill: #ffffff; stroke: rgb(0, 0, 0);")
        );
    }

    #[test]
    fn var_takes_its_fallback_and_is_kept_without_one() {
        assert_eq!(
            resolve("color: var(--ink, light-dark(#111, #eee))").as_deref(),
            Some("color: #111")
        );
        assert_eq!(
            resolve("color: var(--ink)").as_deref(),
            Some("color: var(--ink)")
        );
        assert_eq!(resolve("fill: #123"), None);
        // Names that only end in the function's name are not it.
        assert_eq!(
            resolve("--covar(1, 2); x: var(--a, red)").as_deref(),
            Some("--covar(1, 2); x: red")
        );
    }

    #[test]
    fn broken_and_deep_values_do_not_run_away() {
        assert_eq!(
            resolve("fill: light-dark(#fff").as_deref(),
            Some("fill: light-dark(#fff")
        );
        let deep = format!(
            "{}red, blue{}",
            "light-dark(".repeat(5000),
            ")".repeat(5000)
        );
        let out = resolve(&deep).expect("resolved");
        assert!(out.len() <= deep.len());
        let unclosed = "light-dark(".repeat(100_000);
        assert_eq!(resolve(&unclosed).as_deref(), Some(unclosed.as_str()));
    }

    #[test]
    fn class_backgrounds_are_read_from_a_sheet() {
        let sheet = "@keyframes dash{to{stroke-dashoffset:0;}}#m .labelBkg{background-color:rgba(232, 232, 232, 0.5);}#m .edgeLabel p{background-color:red;}#m .node rect{fill:#fff;}span.tag, .other{background: light-dark(#eee, #111)}.clear{background-color:transparent}";
        assert_eq!(
            class_backgrounds(sheet),
            [
                (
                    "labelBkg".to_string(),
                    "rgba(232, 232, 232, 0.5)".to_string()
                ),
                ("tag".to_string(), "#eee".to_string()),
                ("other".to_string(), "#eee".to_string()),
            ]
        );
        assert_eq!(background("background: url(x.png)"), None);
        assert_eq!(
            background("background-color: hsl(0, 0%, 90%)").as_deref(),
            Some("hsl(0, 0%, 90%)")
        );
    }

    #[test]
    fn generic_families_are_matched_in_any_case() {
        assert_eq!(
            families("Helvetica,sans-Serif").as_deref(),
            Some("Helvetica,sans-serif")
        );
        assert_eq!(families("Times, SERIF").as_deref(), Some("Times, serif"));
        assert_eq!(families("Times,serif"), None);
        assert_eq!(families("'Sans-Serif Pro'"), None);
        assert_eq!(
            style_families("fill: red; font-family: Arial, Sans-Serif; font-size: 3px").as_deref(),
            Some("fill: red; font-family: Arial, sans-serif; font-size: 3px")
        );
        assert_eq!(
            style_families(".a{font-family:Monospace}.b{font-family:x}").as_deref(),
            Some(".a{font-family:monospace}.b{font-family:x}")
        );
        assert_eq!(style_families("font-family: serif"), None);
        assert_eq!(style_families("font-family"), None);
    }

    #[test]
    fn lengths_are_read_in_pixels() {
        assert_eq!(pixels("12px", 16.0), Some(12.0));
        assert_eq!(pixels(" 9pt", 16.0), Some(12.0));
        assert_eq!(pixels("1.5em", 10.0), Some(15.0));
        assert_eq!(pixels("0", 10.0), Some(0.0));
        assert_eq!(pixels("auto", 10.0), None);
        assert_eq!(pixels("-3px", 10.0), None);
    }
}
