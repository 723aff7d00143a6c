//! The docs site: static HTML pages written straight from the model, with no tool at
//! generation time. One page per parameter and per named type, the model catalog, the
//! guide (install, usage, `prepare`, the command line), an index with a search box, and
//! the live checker (its script, `src/checker.ts`, is bundled by `cargo xtask site`).
//!
//! The pages are the reference page of [`super::markdown`] cut at its headings and turned
//! into HTML by pulldown-cmark, so the site says exactly what the reference says. Every
//! text of the spec is escaped twice over: the reference page escapes it as markdown, and
//! here raw HTML is turned into text, images into their text and links into text unless
//! they are `http(s)`, `mailto` or a heading of the reference (rewritten to the page that
//! now holds it). Links between pages are relative; nothing is fetched at run time; the
//! scripts are classic `<script src>` files, so the site works from `file://`.

use std::collections::HashMap;
use std::fmt::Write;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::OutputFile;
use crate::emit::{doc, markdown};
use crate::model::Model;

pub const DIR: &str = "generated/site";

const STYLE: &str = include_str!("site/style.css");
const SEARCH: &str = include_str!("site/search.js");
const CHECKER: &str = include_str!("site/checker.ts");

/// The file every page of the site names the checker's bundle by.
pub const CHECKER_BUNDLE: &str = "checker.js";

/// Every file of the site, from the model and its reference page (the markdown page
/// [`super::markdown::emit`] writes).
pub fn emit(model: &Model, reference: &str) -> Vec<OutputFile> {
    let from = "schema/spec.yaml and schema/models.yaml";
    let doc = Doc::parse(reference);
    let pages = doc.pages();
    let targets = doc.targets(&pages);
    let nav = nav(&pages);
    let mut out = Vec::new();
    let title = "LLM model parameters";
    // Pages of one file (the index, the guide) are runs rendered one after the other.
    let mut files: Vec<(String, String, String)> = Vec::new();
    for page in &pages {
        let mut body = render(&doc.events[page.start..page.end], page, &targets, &doc);
        if let Some(name) = &page.param {
            body.push_str(&param_examples(model, name, targets.get("usage")));
        }
        match files.iter_mut().find(|(f, _, _)| *f == page.file) {
            Some((_, _, b)) => b.push_str(&body),
            // The guide's sections keep their levels under a title of its own.
            None if page.file == "guide.html" => files.push((
                page.file.clone(),
                page.title.clone(),
                format!("<h1>Guide</h1>\n{body}"),
            )),
            None => files.push((page.file.clone(), page.title.clone(), body)),
        }
    }
    for (file, page_title, mut body) in files {
        let index = file == "index.html";
        if index {
            body.push_str(&doc.section_lists(&pages));
            // The search box right under the title.
            body = match body.find("</h1>\n") {
                Some(i) => format!("{}{}{}", &body[..i + 6], search_box(), &body[i + 6..]),
                None => format!("{}{body}", search_box()),
            };
        }
        let head_title = if index {
            title.to_owned()
        } else {
            format!("{page_title} - {title}")
        };
        let scripts = if index {
            "<script src=\"search-index.js\"></script>\n<script src=\"search.js\"></script>\n"
        } else {
            ""
        };
        out.push(OutputFile {
            path: format!("{DIR}/{file}"),
            contents: html_page(&head_title, &nav, &body, scripts, from),
        });
    }
    out.push(OutputFile {
        path: format!("{DIR}/checker.html"),
        contents: html_page(
            &format!("Checker - {title}"),
            &nav,
            &checker_body(model),
            &format!("<script src=\"{CHECKER_BUNDLE}\"></script>\n"),
            from,
        ),
    });
    out.push(OutputFile {
        path: format!("{DIR}/search-index.js"),
        contents: format!(
            "{}\nwindow.LLM_PARAMS_SEARCH = {};\n",
            doc::header("//", from),
            search_index(model, &pages)
        ),
    });
    out.push(OutputFile {
        path: format!("{DIR}/search.js"),
        contents: format!(
            "{}\n{SEARCH}",
            doc::header("//", "codegen/src/emit/site/search.js")
        ),
    });
    out.push(OutputFile {
        path: format!("{DIR}/style.css"),
        contents: format!(
            "/*{} */\n{STYLE}",
            doc::header("", "codegen/src/emit/site/style.css")
        ),
    });
    out.push(OutputFile {
        path: format!("{DIR}/src/checker.ts"),
        contents: format!(
            "{}\n{CHECKER}",
            doc::header("//", "codegen/src/emit/site/checker.ts")
        ),
    });
    out
}

/// The reference page as events, with its headings.
struct Doc<'a> {
    events: Vec<Event<'a>>,
    headings: Vec<Heading>,
}

struct Heading {
    /// Index of its `Start` event.
    at: usize,
    level: HeadingLevel,
    text: String,
    anchor: String,
}

/// One page of the site: a run of the reference's events.
struct Page {
    file: String,
    title: String,
    start: usize,
    end: usize,
    /// Headings move up by this many levels (the page's first heading becomes `h1`).
    shift: usize,
    /// The parameter the page is about.
    param: Option<String>,
}

fn level_number(l: HeadingLevel) -> usize {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn level_of(n: usize) -> HeadingLevel {
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

impl<'a> Doc<'a> {
    fn parse(text: &'a str) -> Self {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let events: Vec<Event<'a>> = Parser::new_ext(text, options).collect();
        let mut headings = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut open: Option<(usize, HeadingLevel, String)> = None;
        for (i, e) in events.iter().enumerate() {
            match e {
                Event::Start(Tag::Heading { level, .. }) => open = Some((i, *level, String::new())),
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, s)) = &mut open {
                        s.push_str(t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((at, level, text)) = open.take() {
                        // GitHub's anchors: the second `x` is `x-1`.
                        let base = markdown::anchor(&text);
                        let n = seen.entry(base.clone()).or_insert(0);
                        let anchor = if *n == 0 {
                            base.clone()
                        } else {
                            format!("{base}-{n}")
                        };
                        *n += 1;
                        headings.push(Heading {
                            at,
                            level,
                            text,
                            anchor,
                        });
                    }
                }
                _ => {}
            }
        }
        Doc { events, headings }
    }

    /// The pages: the introduction and "At a glance" make the index; each heading under
    /// "Parameters" and "Types" a page; "Model catalog" one page; the rest the guide.
    fn pages(&self) -> Vec<Page> {
        let mut pages: Vec<Page> = Vec::new();
        let mut used: HashMap<String, usize> = HashMap::new();
        let mut file_for = |prefix: &str, name: &str| {
            let base = format!("{prefix}{}", slug(name));
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{base}.html")
            } else {
                format!("{base}-{n}.html")
            }
        };
        let end = self.events.len();
        let mut index = Page {
            file: "index.html".to_owned(),
            title: "LLM model parameters".to_owned(),
            start: 0,
            end,
            shift: 0,
            param: None,
        };
        let mut catalog: Option<Page> = None;
        let mut guide: Vec<(usize, usize)> = Vec::new();
        let mut section = "";
        let next_at = |i: usize, max_level: usize| {
            self.headings[i + 1..]
                .iter()
                .find(|h| level_number(h.level) <= max_level)
                .map(|h| h.at)
                .unwrap_or(end)
        };
        if let Some(first) = self.headings.iter().find(|h| level_number(h.level) == 2) {
            index.end = first.at;
        }
        let mut glance: Option<(usize, usize)> = None;
        for (i, h) in self.headings.iter().enumerate() {
            let level = level_number(h.level);
            if level == 1 {
                continue;
            }
            if level == 2 {
                section = h.text.as_str();
                match section {
                    "Parameters" | "Types" => {}
                    "At a glance" => glance = Some((h.at, next_at(i, 2))),
                    "Model catalog" => {
                        catalog = Some(Page {
                            file: "catalog.html".to_owned(),
                            title: h.text.clone(),
                            start: h.at,
                            end: next_at(i, 2),
                            shift: 1,
                            param: None,
                        })
                    }
                    _ => guide.push((h.at, next_at(i, 2))),
                }
                continue;
            }
            if level == 3 && (section == "Parameters" || section == "Types") {
                let (prefix, name) = if section == "Parameters" {
                    ("param-", h.text.as_str())
                } else {
                    ("type-", h.text.strip_prefix("Type ").unwrap_or(&h.text))
                };
                pages.push(Page {
                    file: file_for(prefix, name),
                    title: h.text.clone(),
                    start: h.at,
                    end: next_at(i, 3),
                    shift: 2,
                    param: (section == "Parameters").then(|| h.text.clone()),
                });
            }
        }
        let mut all = vec![index];
        if let Some((s, e)) = glance {
            // The index is the introduction, then "At a glance": pages are contiguous runs,
            // so the glance table is rendered as a second run of the index.
            all.push(Page {
                file: "index.html".to_owned(),
                title: String::new(),
                start: s,
                end: e,
                shift: 0,
                param: None,
            });
        }
        all.extend(pages);
        all.extend(catalog);
        for (s, e) in guide {
            all.push(Page {
                file: "guide.html".to_owned(),
                title: "Guide".to_owned(),
                start: s,
                end: e,
                shift: 0,
                param: None,
            });
        }
        all
    }

    /// The page each heading's anchor now lives on.
    /// A heading of no page ("Parameters", "Types") is a list of its pages on the index
    /// (see [`section_lists`]).
    fn targets(&self, pages: &[Page]) -> HashMap<String, String> {
        let mut out = HashMap::new();
        for h in &self.headings {
            match pages.iter().find(|p| p.start <= h.at && h.at < p.end) {
                Some(p) => {
                    out.insert(h.anchor.clone(), p.file.clone());
                }
                None if level_number(h.level) == 2 => {
                    out.insert(h.anchor.clone(), "index.html".to_owned());
                }
                None => {}
            }
        }
        out
    }

    /// The index's lists of the sections cut into pages: each level-2 heading of no page,
    /// with a link to every page under it.
    fn section_lists(&self, pages: &[Page]) -> String {
        let mut out = String::new();
        let h2: Vec<&Heading> = self
            .headings
            .iter()
            .filter(|h| level_number(h.level) == 2)
            .collect();
        for (i, h) in h2.iter().enumerate() {
            if pages.iter().any(|p| p.start <= h.at && h.at < p.end) {
                continue;
            }
            let end = h2.get(i + 1).map(|n| n.at).unwrap_or(self.events.len());
            let _ = writeln!(
                out,
                "<h2 id=\"{}\">{}</h2>\n<ul class=\"pages\">",
                escape(&h.anchor),
                escape(&h.text)
            );
            for p in pages.iter().filter(|p| h.at < p.start && p.start < end) {
                let _ = writeln!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    escape(&p.file),
                    escape(&p.title)
                );
            }
            let _ = writeln!(out, "</ul>");
        }
        out
    }
}

/// A file name part: ASCII letters, digits, `-` and `_` as they are, anything else as
/// `x` and its code point in hex.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            // Lower case: two names that differ only in case get two files (see
            // `file_for`) even on a case-insensitive file system.
            out.push(c.to_ascii_lowercase());
        } else {
            let _ = write!(out, "x{:x}", c as u32);
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// A link destination the site keeps: `http(s)` and `mailto` only.
fn external(dest: &str) -> bool {
    let d = dest.trim().to_ascii_lowercase();
    d.starts_with("https://") || d.starts_with("http://") || d.starts_with("mailto:")
}

fn render(
    events: &[Event<'_>],
    page: &Page,
    targets: &HashMap<String, String>,
    doc: &Doc<'_>,
) -> String {
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut links: Vec<bool> = Vec::new();
    let mut heading_ids = doc
        .headings
        .iter()
        .filter(|h| h.at >= page.start)
        .map(|h| h.anchor.clone());
    for e in events {
        match e {
            // A comment (the reference's generated header) is not shown, as on GitHub;
            // any other raw HTML is shown as text.
            Event::Html(s) | Event::InlineHtml(s) if s.trim_start().starts_with("<!--") => {}
            Event::Html(s) | Event::InlineHtml(s) => out.push(Event::Text(s.clone())),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = dest_url.as_ref();
                let kept = if let Some(anchor) = dest.strip_prefix('#') {
                    targets.get(anchor).map(|file| {
                        if *file == page.file {
                            format!("#{anchor}")
                        } else {
                            format!("{file}#{anchor}")
                        }
                    })
                } else if external(dest) {
                    Some(dest.trim().to_owned())
                } else {
                    None
                };
                links.push(kept.is_some());
                if let Some(dest) = kept {
                    out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: CowStr::from(dest),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            // An image would be fetched: its text stays.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                let n = level_number(*level).saturating_sub(page.shift);
                let id = heading_ids.next();
                out.push(Event::Start(Tag::Heading {
                    level: level_of(n),
                    id: id.map(CowStr::from),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                let n = level_number(*level).saturating_sub(page.shift);
                out.push(Event::End(TagEnd::Heading(level_of(n))));
            }
            // A table scrolls on its own at phone width.
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::from("<div class=\"table\">")));
                out.push(e.clone());
            }
            Event::End(TagEnd::Table) => {
                out.push(e.clone());
                out.push(Event::Html(CowStr::from("</div>")));
            }
            e => out.push(e.clone()),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

/// `s` as HTML text (and attribute value).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encoding for a URL fragment value (what `encodeURIComponent` gives).
pub fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(b as char),
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// The site's navigation: the index, the catalog and the guide where the reference has
/// them, the checker.
fn nav(pages: &[Page]) -> String {
    let mut out = String::from("<nav aria-label=\"Site\"><a href=\"index.html\">Parameters</a>");
    for (file, title) in [("catalog.html", "Model catalog"), ("guide.html", "Guide")] {
        if pages.iter().any(|p| p.file == file) {
            let _ = write!(out, " <a href=\"{file}\">{title}</a>");
        }
    }
    out.push_str(" <a href=\"checker.html\">Checker</a></nav>");
    out
}

fn html_page(title: &str, nav: &str, body: &str, scripts: &str, from: &str) -> String {
    format!(
        "<!doctype html>\n<!--{} -->\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>{}</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n<header>{}</header>\n<main>\n{}</main>\n{}</body>\n</html>\n",
        doc::header("", from),
        escape(title),
        nav,
        body,
        scripts
    )
}

fn search_box() -> String {
    "<search><form role=\"search\"><label for=\"q\">Search parameters and types</label>\n<input id=\"q\" type=\"search\" autocomplete=\"off\" placeholder=\"name or words of the description\" aria-controls=\"results\">\n</form>\n<ul id=\"results\" aria-live=\"polite\"></ul></search>\n".to_owned()
}

/// The search index: every parameter and named type page, with its summary and
/// description, as JSON.
fn search_index(model: &Model, pages: &[Page]) -> String {
    let mut items = Vec::new();
    for page in pages {
        let (kind, name, text) = if let Some(name) = &page.param {
            let p = model.param(name);
            (
                "parameter",
                name.clone(),
                p.map(|p| format!("{} {}", p.summary, p.description))
                    .unwrap_or_default(),
            )
        } else if let Some(name) = page.title.strip_prefix("Type ") {
            if !page.file.starts_with("type-") {
                continue;
            }
            (
                "type",
                name.to_owned(),
                model
                    .named(name)
                    .map(|t| t.description.clone())
                    .unwrap_or_default(),
            )
        } else {
            continue;
        };
        items.push(serde_json::json!({
            "name": name,
            "kind": kind,
            "text": text.split_whitespace().collect::<Vec<_>>().join(" "),
            "url": page.file,
        }));
    }
    serde_json::to_string(&items).unwrap_or_else(|_| "[]".to_owned())
}

/// The value a parameter's examples set: the spec's example value, else its default.
fn example_value(model: &Model, name: &str) -> Option<serde_json::Value> {
    model
        .example
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .or_else(|| model.param(name).and_then(|p| p.default.clone()))
}

fn python_value(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(python_value)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!(
                    "{}: {}",
                    doc::json(&Value::String(k.clone())),
                    python_value(v)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => doc::json(other),
    }
}

/// A Rust raw string literal holding `s`.
fn rust_raw(s: &str) -> String {
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}")
}

/// Examples in the three languages that set the parameter (with the values the parameters
/// it requires must have), validate and prepare it, and a link to the checker with it
/// filled in.
fn param_examples(model: &Model, name: &str, usage: Option<&String>) -> String {
    let Some(value) = example_value(model, name) else {
        let see = match usage {
            Some(file) => format!(
                ": see <a href=\"{}#usage\">Usage</a> for the packages' examples",
                escape(file)
            ),
            None => String::new(),
        };
        return format!(
            "<h2 id=\"examples\">Examples</h2>\n<p>The spec gives no example value or default for this parameter{see}.</p>\n"
        );
    };
    let param = model.param(name);
    let mut object = serde_json::Map::new();
    for (k, v) in param.map(|p| p.requires.as_slice()).unwrap_or_default() {
        object.insert(k.clone(), v.clone());
    }
    object.insert(name.to_owned(), value);
    let object = serde_json::Value::Object(object);
    let json = doc::json(&object);
    // A deprecated parameter validates with a warning naming its replacement.
    let deprecated = param.is_some_and(|p| p.deprecated.is_some());
    let p = &model.packages;
    let model_id = crate::emit::examples::models(model).0;
    let (rust_check, ts_check, py_check) = if deprecated {
        (
            "println!(\"{:?}\", validate(&json)); // a `deprecated` warning".to_owned(),
            "console.log(validate(options)); // a `deprecated` warning".to_owned(),
            "print(validate(options))  # a `deprecated` warning".to_owned(),
        )
    } else {
        (
            "assert!(validate(&json).is_empty());".to_owned(),
            "console.log(validate(options)); // []".to_owned(),
            "assert validate(options) == []".to_owned(),
        )
    };
    let rust = format!(
        "use {krate}::{{prepare, validate, PrepareContext}};\n\nlet json: serde_json::Value = serde_json::from_str({raw}).expect(\"JSON\");\n{rust_check}\nlet options = json.as_object().expect(\"an object\");\nlet prepared = prepare(\"{model_id}\", options, PrepareContext {{ has_tools: false }});\nprintln!(\"{{:?}}\", prepared.changes);",
        krate = p.rust.replace('-', "_"),
        raw = rust_raw(&json),
    );
    let ts = format!(
        "import {{ validate, prepare }} from \"{npm}\";\n\nconst options = {json};\n{ts_check}\nconsole.log(prepare(\"{model_id}\", options));",
        npm = p.npm,
    );
    let py = format!(
        "from {module} import validate, prepare\n\noptions = {}\n{py_check}\nprint(prepare(\"{model_id}\", options))",
        python_value(&object),
        module = p.python.replace('-', "_"),
    );
    let link = format!(
        "checker.html#options={}",
        encode_component(&serde_json::to_string(&object).unwrap_or_default())
    );
    format!(
        "<h2 id=\"examples\">Examples</h2>\n<h3>Rust</h3>\n<pre><code class=\"language-rust\">{}</code></pre>\n<h3>TypeScript</h3>\n<pre><code class=\"language-typescript\">{}</code></pre>\n<h3>Python</h3>\n<pre><code class=\"language-python\">{}</code></pre>\n<p><a class=\"try\" href=\"{}\">Try it in the checker</a></p>\n",
        escape(&rust),
        escape(&ts),
        escape(&py),
        escape(&link)
    )
}

fn checker_body(model: &Model) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "<h1>Checker</h1>");
    let _ = writeln!(
        w,
        "<p>Type or paste an options object, pick a model and whether tools are sent: the issues <code>validate</code> finds and what <code>prepare</code> would send, with every change and its reason, are shown as you type. It runs the generated TypeScript package, version {}, in this page; nothing leaves it. The address of the page keeps the options, the model and tools: copy it to share a check.</p>",
        escape(&model.version)
    );
    let _ = writeln!(
        w,
        "<p id=\"checker-missing\" class=\"note\">The checker's script is not here: build the site with <code>cargo xtask site</code> and open it from there.</p>"
    );
    let _ = writeln!(w, "<form id=\"checker\">");
    let _ = writeln!(
        w,
        "<label for=\"options\">Options (JSON object)</label>\n<textarea id=\"options\" rows=\"10\" spellcheck=\"false\" autocapitalize=\"off\" aria-describedby=\"parse-error\">{{}}</textarea>\n<p id=\"parse-error\" class=\"error\" role=\"alert\"></p>"
    );
    let _ = writeln!(
        w,
        "<div class=\"row\"><label for=\"model\">Model</label>\n<select id=\"model\">"
    );
    for m in &model.catalog.models {
        let _ = writeln!(w, "<option value=\"{0}\">{0}</option>", escape(&m.id));
    }
    let _ = writeln!(
        w,
        "<option value=\"\">another model (not in the catalog)</option>\n</select></div>\n<div class=\"row\" id=\"other-row\"><label for=\"model-other\">Model id (not in the catalog)</label>\n<input id=\"model-other\" type=\"text\" autocomplete=\"off\" spellcheck=\"false\" value=\"unknown-provider/unknown-model\"></div>\n<div class=\"row\"><input id=\"tools\" type=\"checkbox\"><label for=\"tools\">Tools are sent with the request</label></div>\n<div class=\"row\"><button id=\"example\" type=\"button\">Load the spec's example</button></div>\n</form>"
    );
    let example: serde_json::Map<String, serde_json::Value> =
        model.example.iter().cloned().collect();
    let example = serde_json::to_string(&serde_json::Value::Object(example))
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    let _ = writeln!(
        w,
        "<script type=\"application/json\" id=\"example-data\">{example}</script>"
    );
    let _ = writeln!(
        w,
        "<section aria-live=\"polite\" aria-labelledby=\"issues-title\">\n<h2 id=\"issues-title\">Issues (<code>validate</code>)</h2>\n<p id=\"issues-summary\"></p>\n<ul id=\"issues\"></ul>\n</section>\n<section aria-labelledby=\"prepared-title\">\n<h2 id=\"prepared-title\">What <code>prepare</code> sends</h2>\n<p id=\"matched\"></p>\n<pre id=\"prepared\" tabindex=\"0\" aria-label=\"Prepared options\"></pre>\n<h3>Changes</h3>\n<ul id=\"changes\"></ul>\n<h3>Warnings</h3>\n<ul id=\"warnings\"></ul>\n</section>"
    );
    w
}
