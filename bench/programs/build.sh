#!/bin/sh
# Rebuilds k23's own benchmark programs (dev use only: the built .wasm files are committed, so running the
# benchmarks never needs a compiler). Needs Debian's clang 14 + wasi-libc (see ../shared/notes/toolchains.md);
# clang runs binaryen's wasm-opt on its output when it is on PATH, as for the shared kernels.
# After a rebuild, take the new checksums from V8 (`npm run bench -- --calibrate`) into PROGRAMS.tsv.
set -eu
cd "$(dirname "$0")"
sysroot=$(mktemp -d)
trap 'rm -rf "$sysroot"' EXIT
# A clean sysroot of two symlinks, so host headers cannot leak in.
mkdir -p "$sysroot/lib"
ln -s /usr/include/wasm32-wasi "$sysroot/include"
ln -s /usr/lib/wasm32-wasi "$sysroot/lib/wasm32-wasi"
build() {
  out=$1; shift
  clang --target=wasm32-wasi --sysroot="$sysroot" -O2 -nostartfiles -Wl,--no-entry -Wl,--strip-debug "$@" -o "$out"
  echo "built $out ($(wc -c < "$out") bytes)"
}
build interp.wasm interp.c
build recursion.wasm recursion.c
build bulk_memory.wasm -mbulk-memory bulk_memory.c
build small_funcs.wasm small_funcs.c
