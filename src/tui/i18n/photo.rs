//! Photos: the photo pane beside the editor, and opening a photo.

use crate::i18n::text::texts;

texts! {
    KeyOpenPhoto = ("Foto der Wand im Bildbetrachter öffnen", "open the board's photo in the image viewer"),
    KeyPhotoPane = ("Foto neben den Karten ein/aus", "photo beside the cards on/off"),
    KeyZoomIn = ("Foto näher", "zoom into the photo"),
    KeyZoomOut = ("Foto weiter weg", "zoom out of the photo"),
    KeyZoomReset = ("ganzes Foto", "whole photo"),
    KeyPan = ("Foto verschieben", "move the photo"),
    KeyNextPhoto = ("nächstes Foto der Wand", "the board's next photo"),
    KeyPickPhoto = ("Foto aus dem Ordner der Sitzung wählen", "pick a photo from the session's folder"),
    Photo = ("Foto", "Photo"),
    NoPhoto = ("kein Foto (b setzt eins)", "no photo (b sets one)"),
    PhotoMissing = ("Diese Wand hat keine Fotoreferenz: b setzt eine", "This board has no photo reference: b sets one"),
    PhotoOpening = ("Öffne Foto: {file}", "Opening photo: {file}"),
    PhotoNotFound = ("Foto nicht gefunden: {file}", "Photo not found: {file}"),
    PhotoNotImage = ("{file} ist kein Bild und wird nicht geöffnet (nur {known})", "{file} is not an image and is not opened (only {known})"),
    PhotoViewerFailed = ("Bildbetrachter konnte nicht gestartet werden: {error}", "Could not start the image viewer: {error}"),
    PhotoPaneEmpty = ("Diese Wand hat noch kein Foto. b wählt eine Bilddatei (PNG, JPEG) aus dem Ordner der Sitzung.", "This board has no photo yet. b picks an image file (PNG, JPEG) from the session's folder."),
    PhotoPaneHints = ("= näher · - weiter · Alt-←↑↓→ schieben · P nächstes · p zu", "= in · - out · Alt-←↑↓→ move · P next · p close"),
    PhotoLoading = ("Foto wird gelesen: {file}", "Reading the photo: {file}"),
    OnlyOnePhoto = ("Diese Wand hat nur ein Foto (b fügt weitere hinzu)", "This board has only one photo (b adds more)"),
    NoImagesInFolder = ("Keine Bilddatei (PNG, JPEG) im Ordner {dir} oder darunter", "No image file (PNG, JPEG) in the folder {dir} or below it"),
    PhotoOnBoard = ("an dieser Wand", "on this board"),
    PickPhotoTitle = ("Foto für diese Wand", "Photo for this board"),
    PhotoAdded = ("Foto an der Wand: {photo}", "Photo on the board: {photo}"),
}
