//! The core's layers: which module of `core/src` may name which.
//!
//! A module's layer is the first path component under `core/src` (`model/event.rs` is in
//! `model`, `machine/tracks/phase.rs` in `machine`); `lib.rs` is the root and may name anything.
//! [`LAYERS`] reads bottom-up: `vocab` and `time` know nothing of the crate, the data model sits
//! on them, the state machine and the wire format on the model, the case on both, and so on up
//! to the planner, the labels and the embedding. A layer may always name itself (and `super::`,
//! `self::`). Two rules stand beside the table: only `machine/` may name `statig` (the rest of
//! the crate does not depend on how the machine is built), and only `embed` and `conformance`
//! may name `labels` (the labels are presentation, not logic).
//!
//! Every `crate::X` and `$crate::X` path in code counts, grouped `use crate::{a, b::c}` forms
//! too; comments and literals do not. A path through a root re-export (`crate::Case`) is a
//! violation: it hides the layer it comes from. `cargo xtask layers --table` prints the table.

use std::fmt;
use std::path::Path;

/// Each layer and the layers it may name. Rows run from the bottom layer up and each names only
/// rows before it: that order is what rules out cycles (checked by [`table_problems`]).
pub const LAYERS: &[(&str, &[&str])] = &[
    ("vocab", &[]),
    ("time", &[]),
    ("model", &["vocab", "time"]),
    ("machine", &["model", "vocab", "time"]),
    ("wire", &["model", "vocab", "time"]),
    ("case", &["machine", "wire", "model", "vocab", "time"]),
    ("planner", &["case", "wire", "model", "vocab", "time"]),
    ("worklist", &["case", "model", "vocab", "time"]),
    ("indicators", &["case", "model", "vocab", "time", "wire"]),
    ("fhir", &["case", "wire", "model", "vocab", "time"]),
    ("labels", &["worklist", "planner", "case", "model", "vocab", "time"]),
    ("embed", &["labels", "fhir", "indicators", "worklist", "planner", "case", "wire", "model", "vocab", "time"]),
    (
        "conformance",
        &["fhir", "indicators", "worklist", "planner", "case", "machine", "wire", "model", "vocab", "time", "labels"],
    ),
];

/// The only layer whose files may name `statig`.
const STATIG_LAYER: &str = "machine";
/// The layers that may name `labels` besides itself, whatever the table says.
const LABELS_USERS: &[&str] = &["embed", "conformance"];

const SRC: &str = "core/src";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// As shown: `core/src/model/error.rs`.
    pub file: String,
    /// `None` when the whole file is at fault (no layer) or it could not be read.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub files: usize,
    /// `crate::X` paths seen (a grouped `use` counts once per top-level name).
    pub imports: usize,
}

/// The xtask part `layers`.
pub fn run() -> Result<String, String> {
    report().map(|s| format!("{} files, {} imports", s.files, s.imports))
}

/// Checks the repository's tree, printing every violation.
pub fn report() -> Result<Summary, String> {
    match check(&crate::util::root()) {
        Ok(summary) => Ok(summary),
        Err(violations) => {
            for v in &violations {
                println!("{v}");
            }
            let n = violations.len();
            Err(format!("{n} violation{} (listed above)", if n == 1 { "" } else { "s" }))
        }
    }
}

/// Checks every `.rs` file under `<root>/core/src`.
pub fn check(root: &Path) -> Result<Summary, Vec<Violation>> {
    let table = table_problems(LAYERS);
    if !table.is_empty() {
        let file = "xtask/src/layers.rs".to_string();
        return Err(table.into_iter().map(|message| Violation { file: file.clone(), line: None, message }).collect());
    }
    let src = root.join(SRC);
    let mut files = Vec::new();
    let mut violations = Vec::new();
    collect_rs(&src, &mut files, &mut violations);
    files.sort();
    let mut summary = Summary { files: files.len(), imports: 0 };
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap_or(path);
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let scan = check_source(rel, &text);
                summary.imports += scan.imports;
                violations.extend(scan.violations);
            }
            Err(e) => violations.push(Violation { file: shown(rel), line: None, message: format!("cannot read: {e}") }),
        }
    }
    if violations.is_empty() { Ok(summary) } else { Err(violations) }
}

fn collect_rs(dir: &Path, files: &mut Vec<std::path::PathBuf>, violations: &mut Vec<Violation>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let file = dir.to_string_lossy().into_owned();
            violations.push(Violation { file, line: None, message: format!("cannot read the directory: {e}") });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rs(&path, files, violations);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

fn shown(rel: &Path) -> String {
    let rel: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    format!("{SRC}/{}", rel.join("/"))
}

/// What one file holds: how many crate paths, and which break the rules.
#[derive(Debug, Default)]
pub struct Scan {
    pub imports: usize,
    pub violations: Vec<Violation>,
}

/// Checks one file, `rel` being its path under `core/src` (`model/error.rs`).
pub fn check_source(rel: &Path, text: &str) -> Scan {
    let file = shown(rel);
    let layer = layer_of(rel);
    let tokens = tokens(text);
    let mut scan = Scan::default();
    let flag = |line: Option<usize>, message: String| Violation { file: file.clone(), line, message };

    if layer != Layer::Named(STATIG_LAYER) {
        let who = match layer {
            Layer::Named(l) | Layer::Unknown(l) => l,
            Layer::Root => "lib.rs",
        };
        let why = format!("{who} may not import statig (only {STATIG_LAYER}/ may)");
        for (i, t) in tokens.iter().enumerate() {
            // A field or method of that name is not the crate.
            let after_dot = i.checked_sub(1).and_then(|p| tokens.get(p)).is_some_and(|p| p.text == ".");
            if t.text == "statig" && !after_dot {
                scan.violations.push(flag(Some(t.line), why.clone()));
            }
        }
    }

    let imports = crate_paths(&tokens);
    scan.imports = imports.len();
    match layer {
        Layer::Root => {}
        Layer::Unknown(name) => scan.violations.push(flag(None, format!("module `{name}` has no layer in the table"))),
        Layer::Named(layer) => {
            for (line, target) in imports {
                if let Some(why) = refusal(layer, &target) {
                    scan.violations.push(flag(Some(line), why));
                }
            }
        }
    }
    // The file-level finding first, then by line (stable: a line's findings keep their order).
    scan.violations.sort_by_key(|v| v.line);
    scan
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer<'a> {
    Root,
    Named(&'static str),
    Unknown(&'a str),
}

fn layer_of(rel: &Path) -> Layer<'_> {
    let mut parts = rel.components().filter_map(|c| c.as_os_str().to_str());
    let first = parts.next().unwrap_or("");
    let is_file = parts.next().is_none();
    if is_file && first == "lib.rs" {
        return Layer::Root;
    }
    let name = if is_file { first.strip_suffix(".rs").unwrap_or(first) } else { first };
    match LAYERS.iter().find(|(l, _)| *l == name) {
        Some((l, _)) => Layer::Named(l),
        None => Layer::Unknown(name),
    }
}

/// Why `layer` may not name `crate::target`, if it may not.
fn refusal(layer: &str, target: &str) -> Option<String> {
    if target == layer {
        return None;
    }
    if !LAYERS.iter().any(|(l, _)| *l == target) {
        // `crate::Case`: the root re-exports hide which layer a name comes from.
        let upper = target.starts_with(char::is_uppercase);
        let why = if upper { "a root re-export: name its layer" } else { "not a layer" };
        return Some(format!("{layer} may not import {target} ({why})"));
    }
    // Checked apart from the table, so a row edited by mistake cannot let the labels in.
    if target == "labels" && !LABELS_USERS.contains(&layer) {
        return Some(format!("{layer} may not import labels (only {} may)", LABELS_USERS.join(" and ")));
    }
    match LAYERS.iter().find(|(l, _)| *l == layer) {
        Some((_, may)) if may.contains(&target) => None,
        _ => Some(format!("{layer} may not import {target}")),
    }
}

/// What is wrong with a table like [`LAYERS`]: repeated rows, names that are not rows, and rows
/// naming a row that does not come before them (the order is the proof there is no cycle).
pub fn table_problems(table: &[(&str, &[&str])]) -> Vec<String> {
    let mut problems = Vec::new();
    for (row, (layer, allowed)) in table.iter().enumerate() {
        if table.iter().filter(|(l, _)| l == layer).count() > 1 {
            problems.push(format!("LAYERS: `{layer}` has more than one row"));
        }
        for target in *allowed {
            match table.iter().position(|(l, _)| l == target) {
                None => problems.push(format!("LAYERS: `{layer}` allows `{target}`, which has no row")),
                Some(at) if at >= row => problems.push(format!(
                    "LAYERS: `{layer}` allows `{target}`, which does not come before it (a cycle is possible)"
                )),
                Some(_) => {}
            }
        }
    }
    for user in LABELS_USERS {
        if !table.iter().any(|(l, _)| l == user) {
            problems.push(format!("LABELS_USERS: `{user}` has no row"));
        }
    }
    problems
}

/// The table as `--table` prints it.
pub fn table() -> String {
    let width = LAYERS.iter().map(|(l, _)| l.len()).max().unwrap_or(0) + 2;
    let mut out = format!("{:<width$}may import   (bottom-up; each layer also itself)\n", "layer");
    for (layer, allowed) in LAYERS {
        let allowed = if allowed.is_empty() { "(nothing of the crate)".to_string() } else { allowed.join(", ") };
        out.push_str(&format!("{layer:<width$}{allowed}\n"));
    }
    out.push_str(&format!(
        "\nlib.rs is the root and may import anything.\nOnly {STATIG_LAYER}/ may name statig; only {} may import labels.\n",
        LABELS_USERS.join(" and ")
    ));
    out
}

/// The first name after each `crate::` / `$crate::` (each top-level name of a group), with
/// its line.
fn crate_paths(tokens: &[Token]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.text != "crate" && t.text != "$crate" {
            continue;
        }
        if tokens.get(i + 1).is_none_or(|t| t.text != "::") {
            continue; // `pub(crate)`, `crate` alone
        }
        let Some(next) = tokens.get(i + 2) else { continue };
        if next.text == "{" {
            found.extend(group_heads(tokens.get(i + 3..).unwrap_or_default()));
        } else {
            found.push((next.line, next.text.clone()));
        }
    }
    found
}

/// The first name of each item of a `{…}` group, `tokens` starting just inside the brace.
fn group_heads(tokens: &[Token]) -> Vec<(usize, String)> {
    let mut heads = Vec::new();
    let mut depth = 1;
    let mut at_item = true;
    for t in tokens {
        match t.text.as_str() {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            "," if depth == 1 => {
                at_item = true;
                continue;
            }
            // `crate::{self, …}` names the root itself, which is nothing by itself.
            "self" if depth == 1 && at_item => {}
            name if depth == 1 && at_item => heads.push((t.line, name.to_string())),
            _ => {}
        }
        at_item = false;
    }
    heads
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Token {
    /// An identifier (`r#` dropped, `$crate` kept whole), `::`, or one punctuation character.
    text: String,
    line: usize,
}

/// The code's identifiers and punctuation, with lines; comments, literals, lifetimes and
/// numbers are skipped. Not a full Rust lexer: enough to find paths without being fooled.
fn tokens(text: &str) -> Vec<Token> {
    let mut lx = Lexer { s: text.as_bytes(), i: 0, line: 1 };
    let mut out = Vec::new();
    while let Some(c) = lx.peek(0) {
        let line = lx.line;
        match c {
            b'\n' | b' ' | b'\t' | b'\r' => lx.bump(1),
            b'/' if lx.peek(1) == Some(b'/') => lx.skip_line(),
            b'/' if lx.peek(1) == Some(b'*') => lx.skip_block_comment(),
            b'"' => lx.skip_string(),
            b'\'' => lx.skip_quote(),
            b'0'..=b'9' => lx.bump_while(is_ident),
            b':' if lx.peek(1) == Some(b':') => {
                lx.bump(2);
                out.push(Token { text: "::".into(), line });
            }
            b'$' if lx.peek(1).is_some_and(is_ident_start) => {
                lx.bump(1);
                let name = lx.ident();
                out.push(Token { text: format!("${name}"), line });
            }
            c if is_ident_start(c) => {
                if lx.at_prefixed_literal() {
                    continue;
                }
                if c == b'r' && lx.peek(1) == Some(b'#') && lx.peek(2).is_some_and(is_ident_start) {
                    lx.bump(2); // a raw identifier
                }
                let name = lx.ident();
                out.push(Token { text: name, line });
            }
            // Punctuation (ASCII: any other byte starts an identifier).
            c => {
                out.push(Token { text: char::from(c).to_string(), line });
                lx.bump(1);
            }
        }
    }
    out
}

/// The length of the UTF-8 sequence a byte starts.
fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

fn is_ident_start(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphabetic() || c >= 0x80
}

fn is_ident(c: u8) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
    line: usize,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.s.get(self.i + ahead).copied()
    }

    fn bump(&mut self, n: usize) {
        for _ in 0..n {
            if self.peek(0) == Some(b'\n') {
                self.line += 1;
            }
            if self.i < self.s.len() {
                self.i += 1;
            }
        }
    }

    fn bump_while(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek(0).is_some_and(&f) {
            self.bump(1);
        }
    }

    fn ident(&mut self) -> String {
        let start = self.i;
        self.bump_while(is_ident);
        String::from_utf8_lossy(self.s.get(start..self.i).unwrap_or_default()).into_owned()
    }

    fn skip_line(&mut self) {
        self.bump_while(|c| c != b'\n');
    }

    /// `/* … */`, nested as Rust nests them.
    fn skip_block_comment(&mut self) {
        self.bump(2);
        let mut depth = 1;
        while depth > 0 && self.peek(0).is_some() {
            if self.peek(0) == Some(b'/') && self.peek(1) == Some(b'*') {
                depth += 1;
                self.bump(2);
            } else if self.peek(0) == Some(b'*') && self.peek(1) == Some(b'/') {
                depth -= 1;
                self.bump(2);
            } else {
                self.bump(1);
            }
        }
    }

    /// `"…"` with escapes, from its opening quote.
    fn skip_string(&mut self) {
        self.bump(1);
        while let Some(c) = self.peek(0) {
            match c {
                b'\\' => self.bump(2),
                b'"' => return self.bump(1),
                _ => self.bump(1),
            }
        }
    }

    /// `r"…"`, `r#"…"#`, …, from the first `#` or quote.
    fn skip_raw_string(&mut self) {
        let mut hashes = 0;
        while self.peek(0) == Some(b'#') {
            hashes += 1;
            self.bump(1);
        }
        self.bump(1); // the opening quote
        while self.peek(0).is_some() {
            if self.peek(0) == Some(b'"') && (1..=hashes).all(|k| self.peek(k) == Some(b'#')) {
                return self.bump(1 + hashes);
            }
            self.bump(1);
        }
    }

    /// A character literal (`'a'`, `'\''`, `'ö'`) or a lifetime or label (`'a`), from the quote.
    fn skip_quote(&mut self) {
        self.bump(1);
        if self.peek(0) == Some(b'\\') {
            self.bump(2);
            self.bump_while(|c| c != b'\'' && c != b'\n');
            return self.bump(1);
        }
        // One character, however many bytes, then a quote: a literal; otherwise a lifetime.
        let len = self.peek(0).map_or(1, utf8_len);
        if self.peek(len) == Some(b'\'') {
            self.bump(len + 1);
        } else {
            self.bump_while(is_ident);
        }
    }

    /// Skips a literal with a prefix (`b"…"`, `b'…'`, `c"…"`, `r"…"`, `r#"…"#`, `br#"…"#`,
    /// `cr"…"`) if one starts here.
    fn at_prefixed_literal(&mut self) -> bool {
        let raw_from = match (self.peek(0), self.peek(1)) {
            (Some(b'r'), _) => Some(1),
            (Some(b'b' | b'c'), Some(b'r')) => Some(2),
            _ => None,
        };
        if let Some(at) = raw_from {
            let mut k = at;
            while self.peek(k) == Some(b'#') {
                k += 1;
            }
            if self.peek(k) == Some(b'"') {
                self.bump(at);
                self.skip_raw_string();
                return true;
            }
        }
        match (self.peek(0), self.peek(1)) {
            (Some(b'b' | b'c'), Some(b'"')) => {
                self.bump(1);
                self.skip_string();
                true
            }
            (Some(b'b'), Some(b'\'')) => {
                self.bump(1);
                self.skip_quote();
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(rel: &str, text: &str) -> Vec<(Option<usize>, String)> {
        check_source(Path::new(rel), text).violations.into_iter().map(|v| (v.line, v.message)).collect()
    }

    #[test]
    fn the_table_is_a_dag() {
        assert_eq!(table_problems(LAYERS), Vec::<String>::new());
        let cycle: &[(&str, &[&str])] =
            &[("vocab", &["model"]), ("model", &["vocab", "nope"]), ("embed", &[]), ("conformance", &[])];
        assert_eq!(
            table_problems(cycle),
            [
                "LAYERS: `vocab` allows `model`, which does not come before it (a cycle is possible)",
                "LAYERS: `model` allows `nope`, which has no row",
            ]
        );
    }

    #[test]
    fn layers_from_paths() {
        assert_eq!(layer_of(Path::new("vocab.rs")), Layer::Named("vocab"));
        assert_eq!(layer_of(Path::new("model/event.rs")), Layer::Named("model"));
        assert_eq!(layer_of(Path::new("machine/tracks/phase.rs")), Layer::Named("machine"));
        assert_eq!(layer_of(Path::new("machine/mod.rs")), Layer::Named("machine"));
        assert_eq!(layer_of(Path::new("lib.rs")), Layer::Root);
        assert_eq!(layer_of(Path::new("foo.rs")), Layer::Unknown("foo"));
        assert_eq!(layer_of(Path::new("foo/lib.rs")), Layer::Unknown("foo"));
    }

    #[test]
    fn a_planted_import_is_reported_with_its_line() {
        let text = "//! Errors.\n\nuse crate::labels;\nuse crate::vocab::Word;\n\nfn f() {\n    let c = crate::case::Case::new();\n}\n";
        assert_eq!(
            lines("model/error.rs", text),
            [
                (Some(3), "model may not import labels (only embed and conformance may)".to_string()),
                (Some(7), "model may not import case".to_string()),
            ]
        );
        let v = &check_source(Path::new("model/error.rs"), text).violations[1];
        assert_eq!(v.to_string(), "core/src/model/error.rs:7: model may not import case");
    }

    #[test]
    fn a_grouped_use_reports_only_the_forbidden_names() {
        let text = "use crate::{time::Timestamp, case::Case};\nuse crate::{\n    model::{a, b::c},\n    vocab,\n    planner::{self, X},\n};\n";
        let scan = check_source(Path::new("model/event.rs"), text);
        assert_eq!(scan.imports, 5);
        let found: Vec<_> = scan.violations.iter().map(|v| (v.line, v.message.as_str())).collect();
        assert_eq!(found, [(Some(1), "model may not import case"), (Some(5), "model may not import planner")]);
    }

    #[test]
    fn comments_and_literals_are_not_code() {
        let text = r####"
// use crate::case::Case;
/// [`crate::case::Case`]
//! crate::labels
/* crate::case /* nested crate::case */ crate::case */
fn f() -> &'static str {
    let _ = "crate::case::Case \" crate::case";
    let _ = r#"crate::case "# ;
    let _ = br##"crate::case"#crate::case"##;
    let _ = b"crate::case";
    let _ = c"crate::case";
    let _ = ('"', '\'', b'"', 'ö', '\u{1F600}');
    let _: &'static str = "statig::x";
    'outer: loop { break 'outer; }
    crate::time::Timestamp::MAX
}
"####;
        let scan = check_source(Path::new("model/event.rs"), text);
        assert_eq!(scan.violations, []);
        assert_eq!(scan.imports, 1);
    }

    #[test]
    fn a_literal_does_not_hide_the_code_after_it() {
        let text = "let _ = '\"'; let _ = r#\"x\"#; use crate::case;\n";
        assert_eq!(lines("time.rs", text), [(Some(1), "time may not import case".to_string())]);
    }

    #[test]
    fn dollar_crate_counts_and_a_layer_may_name_itself() {
        let text = "macro_rules! m { () => { impl $crate::vocab::Word for X {} type E = $crate::model::Error; } }\nuse crate::vocab::x; use self::y; use super::z;\n";
        assert_eq!(lines("vocab.rs", text), [(Some(1), "vocab may not import model".to_string())]);
        assert_eq!(check_source(Path::new("vocab.rs"), text).imports, 3);
    }

    #[test]
    fn statig_only_in_machine() {
        let text = "use statig::prelude::*;\nfn f(m: &M) { let _ = m.statig; let _: statig::blocking::X; }\n";
        assert_eq!(lines("machine/tracks/phase.rs", text), []);
        assert_eq!(
            lines("case/mod.rs", text),
            [
                (Some(1), "case may not import statig (only machine/ may)".to_string()),
                (Some(2), "case may not import statig (only machine/ may)".to_string()),
            ]
        );
    }

    #[test]
    fn labels_only_from_embed_and_conformance() {
        let text = "use crate::labels::Label;\n";
        assert_eq!(lines("embed/c.rs", text), []);
        assert_eq!(lines("conformance.rs", text), []);
        assert_eq!(lines("labels/sv.rs", text), []);
        assert_eq!(lines("lib.rs", text), []);
        assert_eq!(lines("planner/x.rs", text).len(), 1);
    }

    #[test]
    fn unknown_layers_and_root_re_exports() {
        assert_eq!(
            lines("foo.rs", "use crate::case;\n"),
            [(None, "module `foo` has no layer in the table".to_string())]
        );
        assert_eq!(
            lines("case/mod.rs", "let k = crate::EventKind::Admit;\n"),
            [(Some(1), "case may not import EventKind (a root re-export: name its layer)".to_string())]
        );
        assert_eq!(lines("lib.rs", "pub use crate::anything::At;\nmod foo;\n"), []);
    }

    #[test]
    fn visibility_is_not_an_import() {
        assert_eq!(lines("time.rs", "pub(crate) fn f() {}\npub(in crate::time) fn g() {}\n"), []);
    }

    #[test]
    fn the_whole_tree_is_walked() {
        let dir = std::env::temp_dir().join(format!("xtask-layers-{}", std::process::id()));
        let src = dir.join(SRC);
        let write = |rel: &str, text: &str| {
            let path = src.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("lib.rs", "pub mod model; pub mod time;\n");
        write("time.rs", "pub struct T;\n");
        write("model/mod.rs", "use crate::time::T;\nuse crate::{time, model::x};\n");
        assert_eq!(check(&dir), Ok(Summary { files: 3, imports: 3 }));
        write("model/bad.rs", "\n\nuse crate::case::Case;\n");
        let err = check(&dir).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        let shown: Vec<_> = err.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["core/src/model/bad.rs:3: model may not import case"]);
    }
}
