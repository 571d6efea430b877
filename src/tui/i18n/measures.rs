//! The list of measures: their fields, status and messages.

use crate::i18n::text::texts;

texts! {
    CtxMeasures = ("Maßnahmen (M auf der Wand)", "Measures (M on the board)"),
    ModeMeasures = ("MASSNAHMEN", "MEASURES"),
    KeyMeasures = ("Liste der Maßnahmen", "list of measures"),
    KeyMeasureFromSheet = (
        "Maßnahme aus dem Blatt der Gesprächsgruppe (Thema, nächste Schritte, wer den Hut auf hat)",
        "measure from the working-group sheet (topic, next steps, who is responsible)",
    ),
    KeyMeasureFromCard = (
        "Maßnahme aus der gewählten Karte (Lösungsidee, nächster Schritt)",
        "measure from the selected card (idea, next step)",
    ),
    KeyMeasureEdit = ("Maßnahme bearbeiten", "edit the measure"),
    KeyMeasureNextStatus = (
        "Status weiterschalten (geplant → in Umsetzung → umgesetzt → zurückgestellt)",
        "next status (planned → in progress → done → deferred)",
    ),
    KeyMeasureStatus = (
        "Status setzen: 1 geplant, 2 in Umsetzung, 3 umgesetzt, 4 zurückgestellt",
        "set the status: 1 planned, 2 in progress, 3 done, 4 deferred",
    ),
    KeyMeasureDelete = ("Maßnahme löschen", "delete the measure"),
    KeyMeasureBack = ("zurück zur Wand", "back to the board"),
    MeasuresTitle = ("Maßnahmen · {session}", "Measures · {session}"),
    MeasuresNone = (
        "Noch keine Maßnahmen. n macht aus dem Blatt einer Gesprächsgruppe eine Maßnahme, c aus der Karte unter dem Cursor (Lösungsideen, nächste Schritte).",
        "No measures yet. n makes one from a working-group sheet, c from the card under the cursor (ideas, next steps).",
    ),
    MeasuresHints = (
        "n Blatt · c Karte → neue Maßnahme · Enter bearbeiten · Leertaste/1–4 Status · d löschen · u rückgängig · Esc Wand",
        "n sheet · c card → new measure · Enter edit · Space/1–4 status · d delete · u undo · Esc board",
    ),
    MeasureCreated = ("Maßnahme angelegt: „{measure}“", "measure created: “{measure}”"),
    MeasureExists = (
        "Aus diesen Karten gibt es schon die Maßnahme „{measure}“",
        "These cards already make the measure “{measure}”",
    ),
    MeasureStatusSet = ("{status} seit {date}: „{measure}“", "{status} since {date}: “{measure}”"),
    MeasureDeleted = (
        "Maßnahme „{measure}“ gelöscht (u macht es rückgängig)",
        "measure “{measure}” deleted (u undoes it)",
    ),
    MeasureChanged = ("Maßnahme „{measure}“ geändert", "measure “{measure}” changed"),
    MeasureNoActor = ("ohne Verantwortliche", "no one responsible"),
    MeasureSources = ("Aus den Karten", "From the cards"),
    MeasureHistory = ("Verlauf", "History"),
    MeasurePartners = ("Partner", "Partners"),
    MeasureCount = ("Maßnahmen: {n} · umgesetzt: {done}", "measures: {n} · done: {done}"),
    FormMeasure = ("Maßnahme", "Measure"),
    FieldField = ("Handlungsfeld", "Field of action"),
    FieldActor = ("Verantwortlich", "Responsible"),
    FieldPartners = ("Partner (mit Komma getrennt)", "Partners (comma-separated)"),
    FieldNextStep = ("Nächster Schritt", "Next step"),
    FieldIndicator = ("Indikator", "Indicator"),
    FieldTarget = ("Ziel", "Target"),
    NoFieldChoice = ("(kein Handlungsfeld)", "(no field of action)"),
}
