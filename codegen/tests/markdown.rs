//! The generated reference renders cleanly as GitHub markdown: every table row has the
//! columns of its header, every `#anchor` link points at a heading, every text of the spec
//! stays text (no raw HTML, no code span or code block reaching past its text, no heading
//! from a description). Checked on the page of this repository's spec and of every fixture
//! spec, the hostile one included, and on each escaping function with hostile strings.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use llm_params_codegen::emit::markdown::anchor;
use llm_params_codegen::emit::markdown::escape::{self, Place};
use llm_params_codegen::model::Model;

/// Every spec with its reference page: (name, model, page).
fn pages() -> Vec<(String, Model, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let repo = common::load_path(&root.join("schema"));
    let mut specs = vec![("schema".to_owned(), repo)];
    for name in ["small", "minimal", "full", "keywords", "hostile"] {
        specs.push((name.to_owned(), common::load_dir(name)));
    }
    specs
        .into_iter()
        .map(|(name, model)| {
            let page = llm_params_codegen::emit::markdown::emit(&model)
                .into_iter()
                .find(|f| f.path.ends_with("/parameters.md"))
                .expect("parameters.md")
                .contents;
            (name, model, page)
        })
        .collect()
}

/// Cells of a table row, honouring `\|` escapes.
fn cells(row: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in row.trim().trim_matches('|').chars() {
        if c == '|' && prev != '\\' {
            n += 1;
        }
        prev = c;
    }
    n + 1
}

#[test]
fn tables_are_rectangular() {
    for (name, _, text) in pages() {
        tables_are_rectangular_in(&name, &text);
    }
}

fn tables_are_rectangular_in(name: &str, text: &str) {
    let mut header: Option<usize> = None;
    for (i, (line, in_code)) in text.lines().zip(in_code(text)).enumerate() {
        if in_code || !line.starts_with('|') {
            header = None;
            continue;
        }
        match header {
            None => header = Some(cells(line)),
            Some(n) => assert_eq!(cells(line), n, "{name}: line {}: {line}", i + 1),
        }
    }
}

#[test]
fn every_anchor_link_resolves_and_headings_are_unique() {
    for (name, model, text) in pages() {
        anchors_resolve_in(&name, &model, &text);
    }
}

fn anchors_resolve_in(name: &str, model: &Model, text: &str) {
    let mut anchors = BTreeSet::new();
    for (line, in_code) in text.lines().zip(in_code(text)) {
        if !in_code && line.starts_with('#') {
            let heading = line.trim_start_matches('#').trim();
            assert!(
                anchors.insert(anchor(heading)),
                "{name}: duplicate anchor for {heading:?}"
            );
        }
    }
    let mut rest = text;
    let mut links = 0;
    while let Some(i) = rest.find("](#") {
        rest = &rest[i + 3..];
        let end = rest.find(')').expect("closed link");
        let target = &rest[..end];
        assert!(
            anchors.contains(target),
            "{name}: link to #{target} has no heading"
        );
        links += 1;
    }
    // At least the table of contents links every parameter.
    assert!(links >= model.params.len(), "{name}: {links} links");
}

#[test]
fn every_parameter_has_a_section_and_the_page_says_options_are_replaced() {
    for (name, model, text) in pages() {
        for p in &model.params {
            assert!(
                text.contains(&format!("\n### {}\n", p.name)),
                "{name}: {}",
                p.name
            );
        }
        assert!(text.contains("Options are replaced, not merged"), "{name}");
        assert!(
            text.contains("```typescript")
                && text.contains("```python")
                && text.contains("```rust"),
            "{name}"
        );
    }
}

/// The run of `c` at the start of `s`.
fn run(s: &str, c: char) -> usize {
    s.chars().take_while(|&x| x == c).count()
}

/// Per line of a page, whether it belongs to a fenced code block (its fences included), as
/// CommonMark reads fences: ``` or ~~~ indented by at most 3 spaces, closed by a run of
/// the same character at least as long. Panics when a fence is left open at the end.
fn in_code(text: &str) -> Vec<bool> {
    let mut fence: Option<(char, usize)> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if let Some((c, n)) = fence {
            let r = run(t, c);
            if indent < 4 && r >= n && t[r * c.len_utf8()..].trim().is_empty() {
                fence = None;
            }
            out.push(true);
        } else if indent < 4
            && (run(t, '~') >= 3 || (run(t, '`') >= 3 && !t[run(t, '`')..].contains('`')))
        {
            fence = Some(if run(t, '`') >= 3 {
                ('`', run(t, '`'))
            } else {
                ('~', run(t, '~'))
            });
            out.push(true);
        } else {
            out.push(false);
        }
    }
    assert!(fence.is_none(), "a code block is left open:\n{text}");
    out
}

/// A line read as CommonMark reads code spans: the line without them (backslash escapes
/// kept), and the text of each (one space stripped from each end when both are spaces and
/// the text is not only spaces).
fn code_spans(line: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let at = |i: usize| chars[i..].iter().take_while(|&&c| c == '`').count();
    let (mut rest, mut spans) = (String::new(), Vec::new());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) {
            rest.push(c);
            rest.push(chars[i + 1]);
            i += 2;
        } else if c == '`' {
            let n = at(i);
            let mut j = i + n;
            let close = loop {
                match chars[j..].iter().position(|&x| x == '`') {
                    None => break None,
                    Some(k) if at(j + k) == n => break Some(j + k),
                    Some(k) => j += k + at(j + k),
                }
            };
            match close {
                Some(j) => {
                    let body: String = chars[i + n..j].iter().collect();
                    let stripped = if body.len() >= 2
                        && body.starts_with(' ')
                        && body.ends_with(' ')
                        && !body.trim().is_empty()
                    {
                        body[1..body.len() - 1].to_owned()
                    } else {
                        body
                    };
                    spans.push(stripped);
                    i = j + n;
                }
                None => {
                    rest.extend(&chars[i..i + n]);
                    i += n;
                }
            }
        } else {
            rest.push(c);
            i += 1;
        }
    }
    (rest, spans)
}

/// How many times `c` occurs in `s` not escaped by a backslash.
fn unescaped(s: &str, c: char) -> usize {
    let mut n = 0;
    let mut backslashes = 0;
    for x in s.chars() {
        if x == c && backslashes % 2 == 0 {
            n += 1;
        }
        backslashes = if x == '\\' { backslashes + 1 } else { 0 };
    }
    n
}

/// Outside code: no raw HTML (every `<` and `>` an entity, so no tag and no comment), no
/// backtick that is not escaped (every code span closes on its line), and no raw `&` but
/// the entities of the escaping.
fn assert_text_outside_code(what: &str, line: &str) {
    let (rest, _) = code_spans(line);
    assert!(
        unescaped(&rest, '<') == 0 && unescaped(&rest, '>') == 0,
        "{what}: raw HTML outside code: {line}"
    );
    for (i, _) in rest.match_indices('&') {
        let entity = &rest[i..];
        assert!(
            ["&lt;", "&gt;", "&amp;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "{what}: raw `&` outside code: {line}"
        );
    }
    assert_eq!(
        unescaped(&rest, '`'),
        0,
        "{what}: a backtick outside a code span: {line}"
    );
}

#[test]
fn every_text_of_the_hostile_spec_stays_text() {
    for (name, model, text) in pages() {
        let mut headings = 0;
        for (i, (line, in_code)) in text.lines().zip(in_code(&text)).enumerate() {
            // The generated-file header is the one HTML comment of the page.
            if i == 0 {
                assert!(line.starts_with("<!-- @generated") && line.ends_with(" -->"));
                continue;
            }
            if in_code {
                continue;
            }
            // Lines of blockquotes the page writes itself start with `> `.
            let line = line.strip_prefix("> ").unwrap_or(line);
            assert_text_outside_code(&format!("{name}: line {}", i + 1), line);
            let t = line.trim_start_matches(' ');
            if t.starts_with('#') {
                assert!(line.starts_with('#'), "{name}: an indented heading: {line}");
                headings += 1;
            }
        }
        // The headings are the page's own: its title, its 11 sections, the catalog's 5, a
        // parameter, a type.
        let types = model.types.iter().filter(|t| !t.inline).count();
        assert!(
            headings <= 1 + 11 + 5 + model.params.len() + types,
            "{name}: {headings} headings"
        );
        assert!(!text.contains("\n# Not a heading"), "{name}");
    }
    let (_, _, hostile) = pages()
        .into_iter()
        .find(|(n, _, _)| n == "hostile")
        .expect("the hostile fixture");
    for shown in [
        "&lt;script&gt;alert(\"x\")&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "&lt;!-- a comment opener",
        "\\# Not a heading in code",
        "| ```\"``two``\"``` |",
        "| `\"a\\|b\"` |",
        "| `acme/a\\|b` |",
        "| `` acme/`tick` `` |",
        "- **Values:** ``` ``two`` ```, ",
        "[&lt;b&gt;bold&lt;/b&gt; */ \\`\\`\\` title](https://example.com/a?b=1&amp;c=%3C2%3E)",
    ] {
        assert!(
            hostile.contains(shown),
            "hostile page lacks {shown:?}:\n{hostile}"
        );
    }
}

/// Strings written to break a page.
const HOSTILE: &[&str] = &[
    "",
    " ",
    "plain",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<b>bold</b>",
    "<!-- hides the rest",
    "a & b &amp; &lt;",
    "`",
    "``two``",
    "`tick` and ``` fence",
    "ends with `",
    "` starts and ends `",
    " leading space",
    " both ",
    "a|b",
    "a\\|b",
    "a\\\\|b",
    "| a | table | row |",
    "trailing backslash \\",
    "```",
    "``` rust\nfn main() {}",
    "~~~\nunclosed tilde fence",
    "    indented code",
    "# heading",
    "   ## indented heading",
    "line\n===",
    "line\n---",
    "*/ /* \"\"\" ''' ${x} {model}",
    "[link](javascript:alert(1)) ](x) [",
    "\\<not a tag\\> \\` \\",
    "unicode: é ß 漢字 🦀 → – \u{a0}",
    "two\nlines <i>",
    "- ~~~\n  <script>",
    "> quote <x>",
];

/// What a one-line fragment written at `at` guarantees.
fn assert_fragment(what: &str, out: &str, at: Place) {
    assert!(!out.contains('\n'), "{what}: a line break: {out:?}");
    assert_text_outside_code(what, out);
    // An odd run of backslashes at the end would escape what the page writes next.
    let trailing = out.chars().rev().take_while(|&c| c == '\\').count();
    assert_eq!(trailing % 2, 0, "{what}: ends with an escape: {out:?}");
    if at == Place::Cell {
        let bare = out
            .char_indices()
            .filter(|&(i, c)| c == '|' && !out[..i].ends_with('\\'))
            .count();
        assert_eq!(bare, 0, "{what}: a `|` that splits the cell: {out:?}");
    }
}

/// A cell's text as GitHub reads it before its inlines: the backslash of every `\|` dropped.
fn unescape_pipes(s: &str) -> String {
    s.replace("\\|", "|")
}

#[test]
fn each_escaping_function_keeps_hostile_strings_as_text() {
    for &s in HOSTILE {
        let folded = s.replace('\n', " ");
        for at in [Place::Cell, Place::Line] {
            // code: one code span showing exactly the text.
            let out = escape::code(s, at);
            assert_fragment(&format!("code({s:?}, {at:?})"), &out, at);
            let read = if at == Place::Cell {
                unescape_pipes(&out)
            } else {
                out.clone()
            };
            let (rest, spans) = code_spans(&read);
            assert_eq!(rest, "", "code({s:?}): text outside the span: {out:?}");
            let shown = if folded.is_empty() { " " } else { &folded };
            assert_eq!(spans, [shown], "code({s:?}, {at:?}): {out:?}");

            // text: every character escaped to itself, no code span, no markup.
            let out = escape::text(s, at);
            assert_fragment(&format!("text({s:?}, {at:?})"), &out, at);
            let (_, spans) = code_spans(&out);
            assert!(spans.is_empty(), "text({s:?}): a code span: {out:?}");
            for c in ['*', '_', '[', ']', '~', '#', '!'] {
                assert_eq!(unescaped(&out, c), 0, "text({s:?}): a bare {c}: {out:?}");
            }
            let mut decoded = String::new();
            let mut chars = out.chars();
            while let Some(c) = chars.next() {
                decoded.push(if c == '\\' {
                    chars.next().expect("escaped")
                } else {
                    c
                });
            }
            let decoded = decoded
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            assert_eq!(decoded, folded, "text({s:?}): {out:?}");

            // inline: markdown kept, but within the fragment.
            let out = escape::inline(s, at);
            assert_fragment(&format!("inline({s:?}, {at:?})"), &out, at);
            assert!(!out.contains("~~~"), "inline({s:?}): a fence: {out:?}");
            if s.contains("\\|") && at == Place::Cell {
                // `\|` in the text shows as `\|`: an escaped backslash, then an escaped pipe.
                assert!(out.contains("\\\\\\|"), "inline({s:?}): {out:?}");
            }
        }

        // link: the text cannot close the link, the destination holds no space or bracket.
        let out = escape::link(s, "https://x.test/a b(c)<d>&`e`\\");
        assert_fragment(&format!("link({s:?})"), &out, Place::Line);
        let (text, dest) = out
            .rsplit_once("](")
            .unwrap_or_else(|| panic!("link({s:?}): {out:?}"));
        let (rest, _) = code_spans(&text[1..]);
        assert_eq!(unescaped(&rest, ']'), 0, "link({s:?}): {out:?}");
        assert_eq!(unescaped(&rest, '['), 0, "link({s:?}): {out:?}");
        assert_eq!(
            dest, "https://x.test/a%20b%28c%29%3Cd%3E&amp;%60e%60%5C)",
            "link({s:?})"
        );

        // block: no heading, no raw HTML outside code, every code block closed.
        let out = escape::block(s);
        let what = format!("block({s:?})");
        for (line, in_code) in out.lines().zip(in_code(&out)) {
            if !in_code {
                assert_text_outside_code(&what, line);
                let t = line.trim_start_matches(' ');
                assert!(!t.starts_with('#'), "{what}: a heading: {out:?}");
                assert!(
                    t.is_empty() || !t.chars().all(|c| c == '=' || c == '-'),
                    "{what}: a heading underline: {out:?}"
                );
            }
        }
        // What follows the block is outside code, whatever the block held.
        let page = format!("{out}\n\n# After");
        let last = in_code(&page);
        assert_eq!(last.last(), Some(&false), "{what}: {out:?}");
    }
}
