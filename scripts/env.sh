# Sourced by the other scripts: where tools and build outputs live.
# Build outputs are kept outside the checkout, so a fresh clone (CI) reuses them.
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/istio-events/target}"
# No incremental compilation in the scripts' builds: its cache grew the kept target dir past
# 40 GB over a day of changes (one per feature set: ssr, csr, hydrate and each bundle), and
# builds from a clean checkout gain nothing from it.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The versions scripts/setup installs; wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock.
TRUNK_VERSION=0.22.1
WASM_BINDGEN_VERSION=0.2.130
