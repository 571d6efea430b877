//! How fast text becomes a session: the Gelsenkirchen protocol (29 boards,
//! 428 cards) and a notation file of 10,000 cards.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use stellwand::core::import::import_text;
use stellwand::core::template::Templates;

fn notation(cards: usize) -> String {
    let mut text = String::from("# Große Konferenz\nDatum: 2024-05-06\nOrt: Rostock\n");
    let headings = [
        "Was läuft gut bei uns im Stadtbezirk…",
        "Wo sehen wir Handlungsbedarfe…",
        "Worauf kommt es an",
    ];
    for i in 0..cards {
        if i % 60 == 0 {
            text.push_str(&format!("## Stadtteil {}\n", i / 60));
        }
        if i % 20 == 0 {
            text.push_str(&format!("### {}\n", headings[(i / 20) % 3]));
        }
        text.push_str(&format!(
            "- Karte {i} mit etwas Text (informell {}, {})\n",
            i % 13,
            i % 7
        ));
        if i % 5 == 0 {
            text.push_str("  ↳ ein Unterpunkt\n");
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let templates = Templates::builtin();
    let template = templates.board("district-exchange").unwrap();
    let protocol = include_str!("../tests/fixtures/gelsenkirchen-mitte-2019-fotoprotokoll.txt");
    let path = Path::new("gelsenkirchen-mitte-2019-fotoprotokoll.txt");
    c.bench_function("import protocol (Gelsenkirchen, 428 cards)", |b| {
        b.iter(|| import_text(path, black_box(protocol), &templates, template).unwrap())
    });
    let big = notation(10_000);
    c.bench_function("import notation (10,000 cards)", |b| {
        b.iter(|| {
            import_text(
                Path::new("gross.txt"),
                black_box(&big),
                &templates,
                template,
            )
            .unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
