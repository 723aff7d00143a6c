#!/bin/sh
# Issue 16, point 5: `validate` of one key at 50 and at 5,000 parameters (BENCHMARKS.md).
# Writes synthetic specs (`xtask synth`, 45 models) under benches/one-key/target/, copies
# each one's crate to spec/ in turn, generates its crate and runs the criterion bench on it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
cargo build --release -q -p xtask
for n in ${SIZES:-50 5000}; do
    dir="$here/target/synth-$n"
    target/release/xtask synth --params "$n" --models 45 "$dir" >/dev/null
    target/release/xtask --root "$dir" gen >/dev/null
    rm -rf "$here/spec"
    mkdir -p "$here/spec/generated"
    cp -R "$dir/generated/rust" "$here/spec/generated/rust"
    # The same path, another crate: cargo would take the last build for fresh.
    cargo clean -q --release -p llm-params --manifest-path "$here/Cargo.toml"
    cargo bench -q --manifest-path "$here/Cargo.toml" --bench one_key -- "$@"
done
