//! Which islands the Wasm bundle being built carries (see Cargo.toml's bundle features and
//! scripts/bundles): `small_islands` (times, states, stars, the home page's list) everywhere but
//! in the bundles of the pages with one large island, which carry only that island (and the
//! preview banner every page has). Natively (prerendering, tests) and in the client-rendering
//! build every island is there.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(small_islands)");
    let feature = |name: &str| std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some();
    let large_page = ["PROGRAMME_BUNDLE", "AGENDA_BUNDLE", "REGISTER_BUNDLE"].into_iter().any(feature);
    if !(feature("HYDRATE") && large_page) {
        println!("cargo::rustc-cfg=small_islands");
    }
}
