//! `cargo xtask synth --params N --models M DIR`: a synthetic spec folder of any size, for
//! measuring how the generator and the generated packages scale (BENCHMARKS.md). Every
//! construct of the format appears in proportion: floats, integers, strings, enums, lists
//! and maps with limits, exclusive pairs, dependencies, deprecations (with and without a
//! move), reasoning flags; a catalog of families and models with per-model efforts,
//! limits, values, output caps, deprecations and prefixes. Deterministic: the same
//! arguments write the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Parameters per named enum type.
const PER_ENUM: usize = 8;

/// Writes `spec.yaml` and `models.yaml` of a spec with `params` parameters (at least 16)
/// and `models` models (at least 1) into `dir`.
pub fn write(dir: &Path, params: usize, models: usize) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let (spec, catalog) = texts(params.max(16), models.max(1));
    fs::write(dir.join("spec.yaml"), spec)?;
    fs::write(dir.join("models.yaml"), catalog)
}

/// The name of parameter `i` (of its kind, so that a reader sees what it is).
fn name(i: usize) -> String {
    let kind = [
        "temp", "count", "label", "mode", "tags", "bias", "limit", "flag",
    ][i % 8];
    format!("{kind}_{i}")
}

fn texts(params: usize, models: usize) -> (String, String) {
    let mut spec = String::from(
        "# A synthetic spec (cargo xtask synth), for measuring the generator.\nversion: 1.0.0\n\
         description: A synthetic spec.\nsources:\n  - { id: synth, title: The synthetic spec generator }\n\
         parameters:\n  - name: effort\n    type: Effort\n    reasoning: only\n    summary: How hard the model thinks.\n",
    );
    for i in 0..params {
        let n = name(i);
        let _ = writeln!(spec, "  - name: {n}");
        match i % 8 {
            0 => {
                spec.push_str("    type: float\n    range: { min: 0, max: 2 }\n");
                if i.is_multiple_of(16) && i + 8 < params {
                    let _ = writeln!(spec, "    exclusive_with: [{}]", name(i + 8));
                } else if i % 16 == 8 {
                    let _ = writeln!(spec, "    exclusive_with: [{}]", name(i - 8));
                }
                if i.is_multiple_of(24) {
                    spec.push_str("    reasoning: unsupported\n");
                }
            }
            1 => {
                spec.push_str("    type: integer\n    range: { min: 1, max: 100000 }\n");
                // Every fifth integer moves to the next integer (the same type).
                if i % 40 == 1 && i + 8 < params {
                    let _ = writeln!(
                        spec,
                        "    deprecated: {{ replaced_by: [{0}], moves_to: {0}, note: Renamed. }}",
                        name(i + 8)
                    );
                }
            }
            2 => {
                spec.push_str("    type: string\n    length: { min: 1, max: 64 }\n");
                if i % 40 == 2 && i + 8 < params {
                    let _ = writeln!(
                        spec,
                        "    deprecated: {{ replaced_by: [{}], note: Use the other. }}",
                        name(i + 8)
                    );
                }
            }
            3 => {
                let _ = writeln!(spec, "    type: Enum{}", i / PER_ENUM);
            }
            4 => spec.push_str(
                "    type: { list: { type: string, length: { max: 32 } } }\n    items: { min: 1, max: 4 }\n",
            ),
            5 => spec.push_str(
                "    type: { map: { type: integer, range: { min: -100, max: 100 } } }\n    keys: { format: token_id }\n    entries: { max: 300 }\n",
            ),
            6 => {
                spec.push_str("    type: integer\n    range: { min: 0, max: 20 }\n");
                if i + 1 < params {
                    let _ = writeln!(spec, "    requires: {{ {}: true }}", name(i + 1));
                }
            }
            _ => spec.push_str("    type: boolean\n    default: false\n"),
        }
        let _ = writeln!(spec, "    summary: Synthetic parameter {i}.");
    }
    spec.push_str("types:\n  Effort:\n    enum: [none, low, medium, high]\n");
    for e in 0..params.div_ceil(PER_ENUM) {
        let _ = writeln!(
            spec,
            "  Enum{e}:\n    enum: [alpha{e}, beta{e}, gamma{e}, delta{e}]"
        );
    }
    let _ = writeln!(spec, "example:\n  {}: 0.5", name(0));

    let families = (models / 50).max(3);
    let mut catalog = String::from(
        "description: A synthetic catalog.\neffort: { parameter: effort, off_value: none }\n\
         output_parameters: [count_1]\nfamilies:\n",
    );
    for f in 0..families {
        let reasoning = f.is_multiple_of(2);
        // Enum parameters (of kind 3): nothing requires them.
        let whole = params - params % 8;
        let rejects: Vec<String> = (0..3)
            .map(|k| name(((f * 3 + k) * 8 + 3) % whole))
            .collect();
        let _ = writeln!(
            catalog,
            "  - name: family_{f}\n    reasoning: {reasoning}\n    rejects: [{}]\n    prefixes: [fam{f}-]",
            rejects.join(", ")
        );
    }
    catalog.push_str("models:\n");
    for m in 0..models {
        let f = m % families;
        let _ = write!(
            catalog,
            "  - id: prov{}/model-{m}\n    family: family_{f}\n",
            m % 10
        );
        if f.is_multiple_of(2) && m.is_multiple_of(7) {
            catalog.push_str("    efforts: { lowest: low }\n");
        }
        if m.is_multiple_of(11) {
            let _ = writeln!(catalog, "    limits:\n      {}: {{ max: 500 }}", name(1));
        }
        if m.is_multiple_of(13) {
            let _ = writeln!(
                catalog,
                "    values:\n      {}: {{ only: [alpha0, beta0] }}",
                name(3)
            );
        }
        if m.is_multiple_of(17) {
            catalog.push_str("    output: { max_tokens: 4096 }\n");
        }
        if m.is_multiple_of(19) && m > 0 {
            catalog.push_str(
                "    deprecated: { shutdown: \"2030-01-01\", successor: prov0/model-0 }\n",
            );
        }
        if m.is_multiple_of(23) {
            let _ = writeln!(catalog, "    prefixes: [prov{}/model-{m}-20]", m % 10);
        }
    }
    (spec, catalog)
}
