//! Which files are photos of a wall: told by the name's extension and by
//! the first bytes, so that a `.desktop` file or a program named `.jpg` is
//! never handed to the system's opener, which would run it.

use std::io::Read;
use std::path::Path;

/// The image formats a photo may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
    Gif,
    Webp,
    Tiff,
    Bmp,
    Heic,
}

/// The formats, for messages.
pub const KNOWN: &str = "JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC";

fn by_extension(path: &Path) -> Option<ImageKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" | "jpe" => ImageKind::Jpeg,
        "png" => ImageKind::Png,
        "gif" => ImageKind::Gif,
        "webp" => ImageKind::Webp,
        "tif" | "tiff" => ImageKind::Tiff,
        "bmp" => ImageKind::Bmp,
        "heic" | "heif" => ImageKind::Heic,
        _ => return None,
    })
}

fn by_content(head: &[u8]) -> Option<ImageKind> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(&[0xff, 0xd8, 0xff]) {
        Some(ImageKind::Jpeg)
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Some(ImageKind::Gif)
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        Some(ImageKind::Webp)
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Some(ImageKind::Tiff)
    } else if starts(b"BM") {
        Some(ImageKind::Bmp)
    } else if head.get(4..8) == Some(b"ftyp")
        && matches!(
            head.get(8..12),
            Some(b"heic" | b"heix" | b"heif" | b"mif1" | b"msf1" | b"hevc")
        )
    {
        Some(ImageKind::Heic)
    } else {
        None
    }
}

/// The image format of the file at `path` when its name and its content
/// agree on one; `None` for anything else (a folder, a pipe, a program).
pub fn image_kind(path: &Path) -> Option<ImageKind> {
    let named = by_extension(path)?;
    let mut head = Vec::with_capacity(16);
    super::files::open_regular(path)
        .ok()?
        .take(16)
        .read_to_end(&mut head)
        .ok()?;
    let found = by_content(&head)?;
    // Name and content must agree.
    (found == named).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_that_are_images_by_name_and_content_count() {
        let dir = tempfile::tempdir().unwrap();
        let put = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10];
        assert_eq!(image_kind(&put("a.JPG", &jpeg)), Some(ImageKind::Jpeg));
        assert_eq!(
            image_kind(&put("b.png", b"\x89PNG\r\n\x1a\n\0\0")),
            Some(ImageKind::Png)
        );
        assert_eq!(
            image_kind(&put("c.heic", b"\0\0\0\x18ftypheic\0\0")),
            Some(ImageKind::Heic)
        );
        assert_eq!(image_kind(&put("d.desktop", b"[Desktop Entry]")), None);
        assert_eq!(image_kind(&put("e.jpg", b"\x7fELF\x02\x01")), None);
        assert_eq!(
            image_kind(&put("f.png", &jpeg)),
            None,
            "name and content differ"
        );
        assert_eq!(image_kind(&put("g", &jpeg)), None);
        assert_eq!(image_kind(dir.path()), None);
    }
}
