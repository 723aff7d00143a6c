//! `prepare` against LiveKit's own rules, model by model and parameter by parameter.
//!
//! `livekit` below is a transcription of `drop_unsupported_params` from livekit-agents
//! 1.8.9 (`livekit/agents/inference/llm.py`): prefix matching on the name without the
//! provider, the three rejected sets, the effort-`none` allowances for models whose lowest
//! effort is `none`, and the tool rule for `gpt-5.2` / `gpt-5.4`. It is written from
//! LiveKit's source, independently of our catalog, so the two can disagree.
//! Deliberate differences (docs/prepare.md): `max_tokens` moves to
//! `max_completion_tokens` for OpenAI reasoning models (LiveKit sends it and the API
//! rejects it), and `reasoning_effort` is removed for non-reasoning models.

use std::collections::BTreeSet;

use llm_params::{Action, PrepareContext, models, prepare};
use serde_json::{Map, Value, json};

const REASONING: &[&str] = &[
    "temperature",
    "top_p",
    "presence_penalty",
    "frequency_penalty",
    "logit_bias",
    "logprobs",
    "top_logprobs",
    "n",
];
const XAI: &[&str] = &["presence_penalty", "frequency_penalty", "stop"];
const GPT6: &[&str] = &[
    "temperature",
    "top_p",
    "presence_penalty",
    "frequency_penalty",
    "logit_bias",
    "logprobs",
    "top_logprobs",
    "stop",
];
const PREFIXES: &[(&str, &[&str], &[&str])] = &[
    ("o1", REASONING, &[]),
    ("o3", REASONING, &[]),
    ("o4", REASONING, &[]),
    ("gpt-5", REASONING, &["temperature", "top_p"]),
    ("gpt-6", GPT6, GPT6),
    ("grok-4-1-fast-reasoning", XAI, &[]),
    ("grok-4.20-0309-reasoning", XAI, &[]),
    ("grok-4.20-multi-agent", XAI, &[]),
];
const MIN_EFFORT_NONE: &[&str] = &[
    "gpt-5.1",
    "gpt-5.2",
    "gpt-5.4",
    "gpt-5.4-mini",
    "gpt-5.4-nano",
    "gpt-5.5",
    "gpt-5.6-luna",
    "gpt-5.6-sol",
    "gpt-5.6-terra",
    "gpt-6-luna",
    "gpt-6-sol",
];
const TOOL_INCOMPATIBLE: &[&str] = &["gpt-5.2", "gpt-5.4"];

/// LiveKit's `drop_unsupported_params`, transcribed.
fn livekit(model: &str, params: &Map<String, Value>, has_tools: bool) -> Map<String, Value> {
    let name = model.rsplit('/').next().unwrap_or(model);
    let mut params = params.clone();
    if has_tools && TOOL_INCOMPATIBLE.iter().any(|p| name.starts_with(p)) {
        params.remove("reasoning_effort");
    }
    if let Some((_, unsupported, kept)) = PREFIXES.iter().find(|(p, _, _)| name.starts_with(p)) {
        let at_none = params.get("reasoning_effort") == Some(&json!("none"))
            && MIN_EFFORT_NONE.contains(&name);
        for p in *unsupported {
            if !(at_none && kept.contains(p)) {
                params.remove(*p);
            }
        }
    }
    params
}

#[test]
fn every_model_and_rejected_parameter_agrees_with_livekit() {
    let all: BTreeSet<&str> = PREFIXES
        .iter()
        .flat_map(|(_, u, _)| u.iter().copied())
        .collect();
    let mut checked = 0;
    for m in models() {
        for effort in ["high", "none"] {
            for has_tools in [false, true] {
                for p in &all {
                    let mut input = Map::new();
                    input.insert((*p).to_owned(), json!(1));
                    input.insert("reasoning_effort".to_owned(), json!(effort));
                    let ours = prepare(m.id, &input, PrepareContext { has_tools });
                    let theirs = livekit(m.id, &input, has_tools);
                    let mut ours_out = ours.options.clone();
                    // Deliberate difference: we also remove the effort for non-reasoning models.
                    if !m.reasoning {
                        assert!(
                            ours.changes
                                .iter()
                                .any(|c| c.parameter == "reasoning_effort"
                                    && c.action == Action::Removed)
                        );
                        ours_out.insert("reasoning_effort".to_owned(), json!(effort));
                    }
                    assert_eq!(
                        ours_out, theirs,
                        "{} with {p}, effort {effort}, tools {has_tools}",
                        m.id
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn max_tokens_moves_where_livekit_would_send_it_to_a_rejecting_model() {
    for m in models()
        .iter()
        .filter(|m| m.rejects.contains(&"max_tokens"))
    {
        let input = json!({"max_tokens": 64})
            .as_object()
            .cloned()
            .expect("object");
        let ours = prepare(m.id, &input, PrepareContext::default());
        assert_eq!(
            Value::Object(ours.options),
            json!({"max_completion_tokens": 64}),
            "{}",
            m.id
        );
        assert_eq!(
            Value::Object(livekit(m.id, &input, false)),
            json!({"max_tokens": 64})
        );
    }
}
