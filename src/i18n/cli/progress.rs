//! The stages the progress line of `cluster` and `export` names.

use crate::i18n::text::texts;

texts! {
    StageReading = ("Dateien werden gelesen", "Reading the files"),
    StageAnalysing = ("Wörter werden analysiert", "Analysing the words"),
    StageClustering = ("Cluster werden gebildet", "Forming the clusters"),
    StageOutput = ("Ausgabe wird geschrieben", "Writing the output"),
    StageChapters = ("Kapitel werden gesetzt", "Composing the chapters"),
    StageWriting = ("Dateien werden geschrieben", "Writing the files"),
}
