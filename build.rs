//! Puts the general German synonyms (`templates/openthesaurus.txt`) into the
//! compact form the program carries, so that no run spends time reading
//! them (see `src/core/cluster/general/table.rs`).

#[allow(dead_code)]
#[path = "src/core/cluster/general/table.rs"]
mod table;

fn main() {
    const SOURCE: &str = "templates/openthesaurus.txt";
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed=src/core/cluster/general/table.rs");
    let text = std::fs::read_to_string(SOURCE).expect("templates/openthesaurus.txt is readable");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set"))
        .join("openthesaurus.bin");
    std::fs::write(out, table::build(&text)).expect("OUT_DIR is writable");
}
