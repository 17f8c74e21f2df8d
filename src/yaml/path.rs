//! Finding the line of a nested value (`price_range.min`, `marketplace[1].url`) in block YAML by
//! following its indentation, so a wrong value is reported where the volunteer typed it rather
//! than at the line of the field that holds it.

/// One step of a path as serde_path_to_error writes it: a field name or a list position.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Item(usize),
}

/// `price_range.min` → Key(price_range), Key(min); `marketplace[1].url` → Key, Item(1), Key.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_once('[').unwrap_or((part, ""));
        if !name.is_empty() {
            out.push(Step::Key(name));
        }
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Step::Item(i));
            }
        }
    }
    out
}

/// What starts at a column of a line: a list item's `-` or a `key:`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark<'a> {
    Dash,
    Key(&'a str),
}

/// The marks of one line with their columns: `  - name: x` → (2, Dash), (4, Key(name)).
/// Blank lines and comments have none.
fn marks(line: &str) -> Vec<(usize, Mark<'_>)> {
    let mut out = Vec::new();
    let mut col = line.len() - line.trim_start_matches([' ', '\t']).len();
    let mut rest = &line[col..];
    if rest.is_empty() || rest.starts_with('#') {
        return out;
    }
    while rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t") {
        out.push((col, Mark::Dash));
        let after = rest[1..].trim_start_matches([' ', '\t']);
        col += rest.len() - after.len();
        rest = after;
    }
    if let Some(key) = key_of(rest) {
        out.push((col, Mark::Key(key)));
    }
    out
}

/// The key of `key: value` or `"key":`, if the text starts with one (not a flow `{…}`/`[…]`).
fn key_of(text: &str) -> Option<&str> {
    if text.starts_with(['{', '[', '#', '|', '>']) {
        return None;
    }
    let end = text
        .match_indices(':')
        .map(|(i, _)| i)
        .find(|&i| text[i + 1..].is_empty() || text[i + 1..].starts_with([' ', '\t']))?;
    Some(text[..end].trim().trim_matches(['"', '\'']))
}

/// The marks below the mark at (`line`, `col`): the rest of its own line, then every line
/// indented further, and list items at the same column under a key (`key:\n- a`).
fn below<'a>(lines: &[&'a str], line: usize, col: usize) -> Vec<(usize, usize, Mark<'a>)> {
    let all = marks(lines[line]);
    let is_key = all
        .iter()
        .any(|&(c, m)| c == col && matches!(m, Mark::Key(_)));
    let mut out: Vec<_> = all
        .into_iter()
        .filter(|&(c, _)| c > col)
        .map(|(c, m)| (line, c, m))
        .collect();
    for (i, text) in lines.iter().enumerate().skip(line + 1) {
        let found = marks(text);
        let Some(&(first, mark)) = found.first() else {
            continue;
        };
        if first < col || (first == col && !(is_key && mark == Mark::Dash)) {
            break;
        }
        out.extend(found.into_iter().map(|(c, m)| (i, c, m)));
    }
    out
}

/// The line (0-based, in `lines`) of the value at `path`, following it as deep as the text allows;
/// `None` when even its first field is not at the start of a line.
pub(super) fn line_of(lines: &[&str], path: &str) -> Option<usize> {
    let steps = steps(path);
    let Some(Step::Key(first)) = steps.first() else {
        return None;
    };
    let mut at = lines
        .iter()
        .position(|l| marks(l).first() == Some(&(0, Mark::Key(first))))
        .map(|i| (i, 0))?;
    for step in &steps[1..] {
        let under = below(lines, at.0, at.1);
        let next = match step {
            Step::Key(name) => {
                let level = under
                    .iter()
                    .filter(|(_, _, m)| matches!(m, Mark::Key(_)))
                    .map(|&(_, c, _)| c)
                    .min();
                under
                    .iter()
                    .find(|&&(_, c, m)| Some(c) == level && m == Mark::Key(name))
            }
            Step::Item(n) => {
                let level = under
                    .iter()
                    .filter(|(_, _, m)| *m == Mark::Dash)
                    .map(|&(_, c, _)| c)
                    .min();
                under
                    .iter()
                    .filter(|&&(_, c, m)| Some(c) == level && m == Mark::Dash)
                    .nth(*n)
            }
        };
        match next {
            Some(&(line, col, _)) => at = (line, col),
            None => break,
        }
    }
    Some(at.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, path: &str) -> Option<usize> {
        let lines: Vec<&str> = text.lines().collect();
        line_of(&lines, path).map(|i| i + 1)
    }

    #[test]
    fn paths_are_taken_apart() {
        assert_eq!(
            steps("marketplace[1].url"),
            [Step::Key("marketplace"), Step::Item(1), Step::Key("url")]
        );
        assert_eq!(
            steps("a[0][2]"),
            [Step::Key("a"), Step::Item(0), Step::Item(2)]
        );
    }

    #[test]
    fn nested_fields_are_found_on_their_own_line() {
        let text = "title: A\nprice_range:\n  # harga\n  max: 5\n  min: murah\nfounded: 1990\n";
        assert_eq!(line(text, "price_range.min"), Some(5));
        assert_eq!(line(text, "price_range.max"), Some(4));
        assert_eq!(line(text, "founded"), Some(6));
    }

    #[test]
    fn list_items_and_their_fields_are_counted() {
        let text = "marketplace:\n- name: A\n  url: a\n-   name: B\n    url: b\nx: 1\n";
        assert_eq!(line(text, "marketplace[1].url"), Some(5));
        assert_eq!(line(text, "marketplace[1]"), Some(4));
        assert_eq!(line(text, "marketplace[0].name"), Some(2));
        let indented = "widths:\n  - 400\n  - lebar\n";
        assert_eq!(line(indented, "widths[1]"), Some(3));
    }

    #[test]
    fn a_deeper_key_of_the_same_name_is_not_taken() {
        let text = "org:\n  extra:\n    name: x\n  name: y\n";
        assert_eq!(line(text, "org.name"), Some(4));
    }

    #[test]
    fn flow_values_and_missing_parts_stay_on_the_deepest_line_found() {
        assert_eq!(
            line("a: 1\nprice_range: {min: x, max: 2}\n", "price_range.min"),
            Some(2)
        );
        assert_eq!(line("price_range:\n  max: 2\n", "price_range.min"), Some(1));
        assert_eq!(line("a: 1\n", "b.c"), None);
        assert_eq!(line("a: 1\n", "[0]"), None);
    }
}
