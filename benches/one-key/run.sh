#!/bin/sh
# Issue 16, point 5: `validate` of one key at 50 and at 5,000 parameters (BENCHMARKS.md).
# Writes synthetic specs (`xtask synth`, 45 models) under benches/one-key/target/, points
# spec/ at each in turn, generates its crate and runs the criterion bench on it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
cargo build --release -q -p xtask
for n in ${SIZES:-50 5000}; do
    dir="$here/target/synth-$n"
    target/release/xtask synth --params "$n" --models 45 "$dir" >/dev/null
    target/release/xtask --root "$dir" gen >/dev/null
    ln -sfn "$dir" "$here/spec"
    cargo bench -q --manifest-path "$here/Cargo.toml" --bench one_key -- "$@"
done
