//! Each target's escaping layer against a table of hostile strings: what comes out reads
//! back as the same text, and ends no comment, string or code block early. (Control
//! characters, bidirectional controls and line separators never get here: the checker
//! refuses them, `check::shape::refused_character`.)

use llm_params_codegen::emit::{doc, python, typescript};

/// Texts that end comments, strings, docstrings or code blocks, or are markup, in some
/// target.
const HOSTILE: &[&str] = &[
    "*/",
    "/*",
    "*/ /* nested */",
    "\"\"\"",
    "'''",
    "\"",
    "'",
    "\\",
    "ends with a backslash \\",
    "ends with a quote \"",
    "\\\"\"\"",
    "${x}",
    "{model}",
    "%s %d",
    "<script>alert(1)</script>",
    "<!-- hidden",
    "`",
    "```",
    "```rust\ncompile_error!(\"x\");\n```",
    "~~~\ncompile_error!(\"x\");",
    "text\n\n    indented code\n    more",
    "# heading\n    indented right after it",
    "\tleading tab\n\n\ttabbed code",
    "| a | b |",
    "\\|",
    "@param x",
    "ünïcode and emoji 🕴",
    "line one\nline two\n",
    "",
];

#[test]
fn python_and_typescript_string_literals_read_back_as_the_text() {
    for s in HOSTILE {
        for (target, lit) in [
            ("python", python::py_str(s)),
            ("typescript", typescript::string_lit(s)),
        ] {
            // Both are JSON string literals, which Python and JavaScript read as written.
            let back: String = serde_json::from_str(&lit)
                .unwrap_or_else(|e| panic!("{target}: {lit} is no JSON string: {e}"));
            assert_eq!(&back, s, "{target}");
            assert!(!lit.contains('\n'), "{target}: a raw line break in {lit}");
        }
    }
}

#[test]
fn a_python_docstring_is_ended_only_by_its_own_quotes() {
    for s in HOSTILE {
        let d = python::docstring(s, "    ");
        let body = d.trim().trim_start_matches('r');
        let inner = body
            .strip_prefix("\"\"\"")
            .and_then(|b| b.strip_suffix("\"\"\""))
            .unwrap_or_else(|| panic!("not a docstring: {d}"));
        assert!(
            !inner.contains("\"\"\""),
            "{s:?} ends the docstring early: {d}"
        );
        assert!(
            !inner.ends_with('\\') || inner.ends_with("\\\\"),
            "{s:?}: {d}"
        );
    }
}

#[test]
fn a_jsdoc_comment_is_ended_only_by_its_own_terminator() {
    for s in HOSTILE {
        let c = typescript::jsdoc(s, &[], "");
        let inner = c
            .trim_end()
            .strip_suffix("*/")
            .unwrap_or_else(|| panic!("not a comment: {c}"));
        assert!(!inner.contains("*/"), "{s:?} ends the comment early: {c}");
        // A line of the text starting with `@` would read as a tag.
        assert!(
            !c.lines().any(|l| l
                .trim_start()
                .trim_start_matches('*')
                .trim_start()
                .starts_with("@param")),
            "{s:?} became a tag: {c}"
        );
    }
}

#[test]
fn every_code_block_of_a_text_is_a_text_block_for_rustdoc() {
    for s in HOSTILE {
        let out = doc::fence_text(s);
        let mut open: Option<String> = None;
        let mut blank_or_heading = true;
        for line in out.lines() {
            let t = line.trim_start();
            let fence: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
            match &open {
                Some(f) => {
                    if t.starts_with(f.as_str()) && t[f.len()..].trim().is_empty() {
                        open = None;
                    }
                }
                None if fence.len() >= 3 => {
                    assert_eq!(
                        &t[fence.len()..],
                        "text",
                        "{s:?}: a code block that is not text: {out}"
                    );
                    open = Some(fence);
                }
                None => {
                    let indent = line.len() - t.len();
                    assert!(
                        !(blank_or_heading
                            && !t.is_empty()
                            && (indent >= 4 || line.starts_with('\t'))),
                        "{s:?}: an indented code block rustdoc would compile: {out}"
                    );
                }
            }
            blank_or_heading = t.is_empty() || t.starts_with('#');
        }
        assert!(open.is_none(), "{s:?}: a code block left open: {out}");
    }
}
