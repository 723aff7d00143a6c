//! The docs site emitter on the fixture specs: every file carries the generated header,
//! the output is deterministic, every link is relative and resolves (or is http(s) or
//! mailto), every parameter and named type has its page, and no text of a spec becomes
//! markup (the `hostile` fixture, and a hand-written reference page full of raw HTML,
//! scripts, images and `javascript:` links).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use llm_params_codegen::emit::{markdown, site};
use llm_params_codegen::model::Model;

const FIXTURES: &[&str] = &["full", "hostile", "keywords", "minimal", "small"];

/// The site's files of `model`, by path under `generated/site/`.
fn site_files(model: &Model) -> BTreeMap<String, String> {
    llm_params_codegen::emit::all(model)
        .into_iter()
        .filter_map(|f| {
            f.path
                .strip_prefix(&format!("{}/", site::DIR))
                .map(|p| (p.to_owned(), f.contents))
        })
        .collect()
}

/// A tag of an HTML file: its name and attributes (values decoded of `&quot;`, `&amp;`).
#[derive(Debug)]
struct TagInfo {
    name: String,
    attrs: Vec<(String, String)>,
}

/// Every start tag of `html` (comments and the doctype skipped). Text never holds a `<`
/// (it is escaped), so every `<` followed by a letter opens a tag.
fn tags(html: &str) -> Vec<TagInfo> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with("!--") {
            let end = rest.find("-->").expect("an HTML comment is closed");
            rest = &rest[end + 3..];
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = tag_end(rest);
        let inner = &rest[..end];
        rest = &rest[end..];
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut a = inner[name_end..].trim_start();
        while !a.is_empty() && !a.starts_with('/') {
            let key_end = a
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(a.len());
            let key = a[..key_end].to_ascii_lowercase();
            a = a[key_end..].trim_start();
            let mut value = String::new();
            if let Some(v) = a.strip_prefix('=') {
                let v = v.trim_start();
                let (val, after) = match v.strip_prefix('"') {
                    Some(q) => {
                        let e = q.find('"').expect("an attribute value is closed");
                        (&q[..e], &q[e + 1..])
                    }
                    None => {
                        let e = v.find(char::is_whitespace).unwrap_or(v.len());
                        (&v[..e], &v[e..])
                    }
                };
                value = val.replace("&quot;", "\"").replace("&amp;", "&");
                a = after.trim_start();
            }
            attrs.push((key, value));
        }
        out.push(TagInfo { name, attrs });
    }
    out
}

/// The end of a tag's inside: the first `>` outside a quoted attribute value.
fn tag_end(s: &str) -> usize {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i,
            _ => {}
        }
    }
    s.len()
}

/// The tags the site writes; anything else came from a spec's text.
const TAGS: &[&str] = &[
    "a",
    "blockquote",
    "body",
    "br",
    "button",
    "code",
    "del",
    "div",
    "em",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "input",
    "label",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "span",
    "strong",
    "table",
    "tbody",
    "td",
    "textarea",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Checks one site: markup, links, ids; returns the problems.
fn problems(files: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let set = tags(html)
            .into_iter()
            .flat_map(|t| t.attrs)
            .filter(|(k, _)| k == "id")
            .map(|(_, v)| v)
            .collect();
        ids.insert(path, set);
    }
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        // The header once, in its comment: the reference page's own is not shown as text.
        if html.matches("@generated").count() != 1 {
            out.push(format!("{path}: the generated header is shown on the page"));
        }
        let mut scripts = 0;
        for t in tags(html) {
            if !TAGS.contains(&t.name.as_str()) {
                out.push(format!("{path}: a <{}> tag", t.name));
            }
            if t.name == "script" {
                scripts += 1;
            }
            for (k, v) in &t.attrs {
                if k.starts_with("on") || k == "style" || k == "srcdoc" {
                    out.push(format!("{path}: <{} {k}=\"{v}\">", t.name));
                }
                if k != "href" && k != "src" {
                    continue;
                }
                let lower = v.to_ascii_lowercase();
                if lower.starts_with("https://")
                    || lower.starts_with("http://")
                    || lower.starts_with("mailto:")
                {
                    if t.name != "a" {
                        out.push(format!("{path}: <{}> loads {v} from the network", t.name));
                    }
                    continue;
                }
                if v.contains(':') && !v.contains('#') || v.starts_with('/') {
                    out.push(format!(
                        "{path}: {k}=\"{v}\" is neither relative nor http(s)"
                    ));
                    continue;
                }
                let (file, anchor) = v.split_once('#').unwrap_or((v, ""));
                let file = if file.is_empty() { path.as_str() } else { file };
                if file.contains(':') || file.contains("..") || file.starts_with('/') {
                    out.push(format!("{path}: {k}=\"{v}\" leaves the site"));
                    continue;
                }
                // The checker's bundle is written by `cargo xtask site`, not by `gen`.
                if file == site::CHECKER_BUNDLE {
                    continue;
                }
                if !files.contains_key(file) {
                    out.push(format!("{path}: {k}=\"{v}\": no file {file}"));
                } else if !anchor.is_empty()
                    && !anchor.starts_with("options=")
                    && !ids.get(file).is_some_and(|s| s.contains(anchor))
                {
                    out.push(format!("{path}: {k}=\"{v}\": no id {anchor} in {file}"));
                }
            }
        }
        // The index's two (the search index, the search), the checker's bundle and its
        // example data.
        let allowed = match path.as_str() {
            "index.html" | "checker.html" => 2,
            _ => 0,
        };
        if scripts != allowed {
            out.push(format!("{path}: {scripts} <script> tags, not {allowed}"));
        }
    }
    out
}

#[test]
fn every_fixture_site_is_well_formed_and_its_links_resolve() {
    for name in FIXTURES {
        let model = common::load_dir(name);
        let files = site_files(&model);
        let found = problems(&files);
        assert!(found.is_empty(), "fixture {name}:\n{}", found.join("\n"));
    }
}

#[test]
fn every_file_carries_the_generated_header() {
    for name in FIXTURES {
        let files = site_files(&common::load_dir(name));
        assert!(files.contains_key("index.html"), "{name}: no index.html");
        for (path, text) in &files {
            let head: String = text.lines().take(2).collect::<Vec<_>>().join("\n");
            assert!(
                head.contains("@generated") && head.contains("Do not edit"),
                "{name}: {path} has no generated header: {head}"
            );
        }
    }
}

#[test]
fn the_site_is_deterministic() {
    for name in FIXTURES {
        let model = common::load_dir(name);
        assert_eq!(site_files(&model), site_files(&model), "fixture {name}");
    }
}

#[test]
fn every_parameter_and_named_type_has_a_page_and_a_search_entry() {
    for name in FIXTURES {
        let model = common::load_dir(name);
        let files = site_files(&model);
        let index = &files["search-index.js"];
        let json = index
            .split_once("window.LLM_PARAMS_SEARCH = ")
            .map(|(_, j)| j.trim_end().trim_end_matches(';'))
            .expect("the search index assigns its global");
        let entries: Vec<serde_json::Value> = serde_json::from_str(json).expect("JSON");
        for p in &model.params {
            let entry = entries
                .iter()
                .find(|e| e["kind"] == "parameter" && e["name"] == p.name.as_str())
                .unwrap_or_else(|| panic!("{name}: no search entry for {}", p.name));
            let url = entry["url"].as_str().expect("url");
            let page = files
                .get(url)
                .unwrap_or_else(|| panic!("{name}: no page {url}"));
            assert!(
                page.contains(&format!("<h1 id=\"{}\">", markdown::anchor(&p.name))),
                "{name}: {url} is not the page of {}",
                p.name
            );
            assert!(
                page.contains("<h2 id=\"examples\">"),
                "{name}: {url} has no examples"
            );
        }
        for t in model.types.iter().filter(|t| !t.inline) {
            assert!(
                entries.iter().any(|e| e["kind"] == "type"
                    && e["name"] == t.name.as_str()
                    && files.contains_key(e["url"].as_str().unwrap_or(""))),
                "{name}: no page for type {}",
                t.name
            );
        }
        // The checker lists every model of the catalog.
        for m in &model.catalog.models {
            assert!(
                files["checker.html"].contains(&format!(
                    "<option value=\"{0}\">{0}</option>",
                    site::escape(&m.id)
                )),
                "{name}: the checker does not offer {}",
                m.id
            );
        }
    }
}

#[test]
fn the_hostile_spec_texts_stay_text() {
    let model = common::load_dir("hostile");
    let files = site_files(&model);
    // The search index holds the texts as JSON strings, shown as text by search.js.
    let all: String = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, t)| t.as_str())
        .collect();
    // The spec's description holds `<script>alert("x")</script>` and a description
    // `<img src=x onerror=alert(1)>`: they are shown, escaped.
    assert!(
        all.contains("&lt;script&gt;alert("),
        "the script text is not shown"
    );
    assert!(
        all.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "the img text is not shown"
    );
    assert!(!all.contains("<img"), "an image tag reached the site");
}

#[test]
fn raw_html_images_and_foreign_links_of_the_reference_become_text() {
    let model = common::load_dir("minimal");
    let reference = "<!-- a comment --> <script>x()</script>\n\n# Title\n\nIntro <script>alert(1)</script> and <b onclick=\"x()\">bold</b>.\n\n\
        <div>\n<iframe src=\"https://evil.example\"></iframe>\n</div>\n\n\
        [js](javascript:alert(1)) [data](data:text/html,x) [rel](../../etc/passwd) \
        [web](https://example.com/?a=1&b=\"2\") [mail](mailto:a@example.com) \
        ![pic](https://example.com/p.png) [here](#parameters) [nowhere](#no-such-heading)\n\n\
        ## At a glance\n\nGlance.\n\n## Parameters\n\n### one\n\nThe first; see [two](#two).\n\n### two\n\nThe second.\n";
    let files: BTreeMap<String, String> = site::emit(&model, reference)
        .into_iter()
        .map(|f| {
            (
                f.path.trim_start_matches("generated/site/").to_owned(),
                f.contents,
            )
        })
        .collect();
    let index = &files["index.html"];
    assert!(
        index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{index}"
    );
    assert!(index.contains("&lt;b onclick=\"x()\"&gt;"), "{index}");
    assert!(index.contains("&lt;iframe"), "{index}");
    for bad in [
        "javascript:",
        "data:text",
        "../../etc",
        "<iframe",
        "<img",
        "href=\"#no-such-heading\"",
    ] {
        assert!(!index.contains(bad), "{bad} reached the page:\n{index}");
    }
    // The texts of dropped links and images stay.
    assert!(index.contains("<p>js data rel <a"), "{index}");
    assert!(
        index.contains("pic <a href=\"#parameters\">here</a> nowhere</p>"),
        "{index}"
    );
    // The sections cut into pages are lists on the index.
    assert!(
        index.contains("<h2 id=\"parameters\">Parameters</h2>"),
        "{index}"
    );
    assert!(
        index.contains("<li><a href=\"param-one.html\">one</a></li>"),
        "{index}"
    );
    assert!(
        index.contains("href=\"https://example.com/?a=1&amp;b=%222%22\""),
        "{index}"
    );
    assert!(index.contains("href=\"mailto:a@example.com\""), "{index}");
    // A link to a heading goes to the page that now holds it.
    assert!(
        files["param-one.html"].contains("href=\"param-two.html#two\""),
        "{}",
        files["param-one.html"]
    );
    let found = problems(&files);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
