//! Photos of walls: which files are photos (told by the name's extension
//! and by the first bytes, so that a `.desktop` file or a program named
//! `.jpg` is never handed to the system's opener, which would run it); where
//! a board's photo file is, which image files lie beside a session, reading
//! one into a picture of bounded size, and which part of it a zoomed and
//! panned view shows.

use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageReader, Limits, RgbImage};

use super::model::PhotoView;

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

/// The longest side a photo is kept at after reading: a 24-megapixel photo
/// is scaled down once, so that zooming and drawing never touch the original.
pub const MAX_SIDE: u32 = 2048;

/// Memory a photo may take while it is decoded; larger files are refused
/// with a message instead of exhausting the machine.
pub const MAX_DECODE_BYTES: u64 = 400 << 20;

/// The most zoom steps (each √2): 2^(12/2) = 64 times the whole photo.
pub const MAX_ZOOM: u8 = 12;

/// File endings of the images the photo pane reads.
pub const IMAGE_ENDINGS: [&str; 3] = ["png", "jpg", "jpeg"];

/// Folders below the session's folder searched for photos, at most.
const SEARCH_DEPTH: usize = 3;
/// Files offered by the photo picker, at most.
const MAX_CANDIDATES: usize = 5000;

/// Why a photo cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoError {
    NotFound(PathBuf),
    Unreadable { path: PathBuf, reason: String },
    NotAnImage { path: PathBuf, reason: String },
    TooLarge { path: PathBuf },
}

/// The file a photo reference of a board names: relative references are
/// relative to the folder of the session file.
pub fn resolve(session: &Path, reference: &str) -> PathBuf {
    let path = Path::new(reference);
    if path.is_absolute() {
        return path.to_path_buf();
    }
    match session.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(path),
        _ => path.to_path_buf(),
    }
}

/// How a board refers to a photo file: relative to the session's folder
/// when the file lies in it (so the folder can be moved or shared), else
/// the path as given.
pub fn reference_for(session: &Path, file: &Path) -> String {
    let dir = session.parent().unwrap_or(Path::new(""));
    match file.strip_prefix(dir) {
        Ok(rel) if !dir.as_os_str().is_empty() || file.is_relative() => slashes(rel),
        _ => file.display().to_string(),
    }
}

fn slashes(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// Whether a file name ends like an image the pane reads.
pub fn is_image_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    IMAGE_ENDINGS
        .iter()
        .any(|e| lower.ends_with(&format!(".{e}")))
}

/// The image files in the session's folder and the folders below it (not
/// hidden ones, not following links), as references relative to the
/// session's folder, sorted.
pub fn candidates(session: &Path) -> Vec<String> {
    let dir = match session.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut out = Vec::new();
    let mut stack = vec![(dir.clone(), 0usize)];
    while let Some((folder, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            if kind.is_dir() && depth < SEARCH_DEPTH {
                stack.push((path, depth + 1));
            } else if kind.is_file() && is_image_name(&name) {
                if let Ok(rel) = path.strip_prefix(&dir) {
                    out.push(slashes(rel));
                }
                if out.len() >= MAX_CANDIDATES {
                    out.sort();
                    return out;
                }
            }
        }
    }
    out.sort();
    out
}

/// Reads a photo (PNG or JPEG, turned upright as the camera noted) and
/// scales it once so that its longest side is at most [`MAX_SIDE`].
pub fn load(path: &Path) -> Result<RgbImage, PhotoError> {
    let unreadable = |e: io::Error| {
        if e.kind() == io::ErrorKind::NotFound {
            PhotoError::NotFound(path.to_path_buf())
        } else {
            PhotoError::Unreadable {
                path: path.to_path_buf(),
                reason: e.to_string(),
            }
        }
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(PhotoError::NotAnImage {
            path: path.to_path_buf(),
            reason: "kein reguläre Datei / not a regular file".into(),
        });
    }
    let not_image = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => PhotoError::TooLarge {
            path: path.to_path_buf(),
        },
        image::ImageError::IoError(e) if e.kind() != io::ErrorKind::UnexpectedEof => unreadable(e),
        other => PhotoError::NotAnImage {
            path: path.to_path_buf(),
            reason: other.to_string(),
        },
    };
    let mut reader = ImageReader::open(path)
        .map_err(unreadable)?
        .with_guessed_format()
        .map_err(unreadable)?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(not_image)?;
    // The decoder's own limits do not cover the picture's buffer.
    if decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err(PhotoError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(not_image)?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(shrink(image))
}

/// The picture scaled down to at most [`MAX_SIDE`] on its longest side.
fn shrink(image: DynamicImage) -> RgbImage {
    let (w, h) = (image.width(), image.height());
    if w.max(h) <= MAX_SIDE {
        return image.into_rgb8();
    }
    let (nw, nh) = fit(w, h, MAX_SIDE, MAX_SIDE);
    // `thumbnail` averages in one pass: fast on large photos, and sharp
    // enough for the size of a terminal pane.
    image.thumbnail_exact(nw, nh).into_rgb8()
}

/// The largest size of the aspect `w`×`h` within `max_w`×`max_h`.
fn fit(w: u32, h: u32, max_w: u32, max_h: u32) -> (u32, u32) {
    let scale = (max_w as f64 / w.max(1) as f64).min(max_h as f64 / h.max(1) as f64);
    (
        ((w as f64 * scale).round() as u32).max(1),
        ((h as f64 * scale).round() as u32).max(1),
    )
}

/// A part of a picture in its pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// How much larger than the whole photo a zoom step shows it.
pub fn zoom_factor(zoom: u8) -> f64 {
    2f64.powf(f64::from(zoom.min(MAX_ZOOM)) / 2.0)
}

/// The part of a `width`×`height` picture that a view shows in a pane of
/// the aspect `pane_w`:`pane_h` (in pixels): at zoom 0 the whole picture,
/// each step √2 closer, centred where the view says and kept inside.
pub fn crop(view: &PhotoView, width: u32, height: u32, pane_w: u32, pane_h: u32) -> Crop {
    let (w, h) = (width.max(1) as f64, height.max(1) as f64);
    let (pw, ph) = (pane_w.max(1) as f64, pane_h.max(1) as f64);
    // Picture pixels per pane pixel when the whole picture fits.
    let whole = (w / pw).max(h / ph);
    let per_pixel = whole / zoom_factor(view.zoom);
    let cw = (pw * per_pixel).min(w);
    let ch = (ph * per_pixel).min(h);
    let cx = w * f64::from(view.x.min(1000)) / 1000.0;
    let cy = h * f64::from(view.y.min(1000)) / 1000.0;
    let x = (cx - cw / 2.0).clamp(0.0, w - cw);
    let y = (cy - ch / 2.0).clamp(0.0, h - ch);
    Crop {
        x: x.round() as u32,
        y: y.round() as u32,
        width: (cw.round() as u32).clamp(1, width.max(1)),
        height: (ch.round() as u32).clamp(1, height.max(1)),
    }
    .inside(width, height)
}

impl Crop {
    fn inside(mut self, width: u32, height: u32) -> Crop {
        self.x = self.x.min(width.saturating_sub(self.width));
        self.y = self.y.min(height.saturating_sub(self.height));
        self
    }
}

/// The view after a zoom step in (`+1`) or out (`-1`); zooming all the way
/// out centres the photo again.
pub fn zoomed(view: &PhotoView, steps: i8) -> PhotoView {
    let zoom = (i16::from(view.zoom) + i16::from(steps)).clamp(0, i16::from(MAX_ZOOM)) as u8;
    let mut v = PhotoView { zoom, ..*view };
    if zoom == 0 {
        v.x = 500;
        v.y = 500;
    }
    v
}

/// The view moved by a quarter of what it shows, across (`dx`) and down
/// (`dy`), kept so that it stays on the picture when its size is known.
pub fn panned(view: &PhotoView, dx: i8, dy: i8, size: Option<(u32, u32, u32, u32)>) -> PhotoView {
    let shown = 1000.0 / zoom_factor(view.zoom);
    let step = shown / 4.0;
    let mut x = f64::from(view.x) + f64::from(dx) * step;
    let mut y = f64::from(view.y) + f64::from(dy) * step;
    if let Some((w, h, pw, ph)) = size {
        // Keep the centre where the crop can still be centred on it.
        let c = crop(view, w, h, pw, ph);
        let half_x = 500.0 * f64::from(c.width) / f64::from(w.max(1));
        let half_y = 500.0 * f64::from(c.height) / f64::from(h.max(1));
        x = x.clamp(half_x, 1000.0 - half_x);
        y = y.clamp(half_y, 1000.0 - half_y);
    }
    PhotoView {
        x: x.clamp(0.0, 1000.0).round() as u16,
        y: y.clamp(0.0, 1000.0).round() as u16,
        ..*view
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::error::Lang;

    fn view(zoom: u8, x: u16, y: u16) -> PhotoView {
        PhotoView {
            photo: 0,
            zoom,
            x,
            y,
        }
    }

    #[test]
    fn the_whole_photo_at_zoom_zero_and_a_part_after_zooming_in() {
        let whole = crop(&view(0, 500, 500), 2000, 1000, 400, 400);
        assert_eq!(
            (whole.x, whole.y, whole.width, whole.height),
            (0, 0, 2000, 1000)
        );
        // Two steps are twice as close: half the width, centred.
        let near = crop(&view(2, 500, 500), 2000, 1000, 400, 400);
        assert_eq!((near.width, near.height), (1000, 1000));
        assert_eq!((near.x, near.y), (500, 0));
        // At the left edge the crop stays on the picture.
        let left = crop(&view(2, 0, 500), 2000, 1000, 400, 400);
        assert_eq!(left.x, 0);
    }

    #[test]
    fn panning_moves_by_a_quarter_and_stays_on_the_photo() {
        let v = zoomed(&zoomed(&PhotoView::default(), 1), 1);
        let right = panned(&v, 1, 0, Some((2000, 1000, 400, 400)));
        assert_eq!(right.x, 625);
        let far = (0..20).fold(v, |v, _| panned(&v, 1, 0, Some((2000, 1000, 400, 400))));
        assert_eq!(far.x, 750, "the crop's right edge meets the photo's");
        assert_eq!(crop(&far, 2000, 1000, 400, 400).x, 1000);
        let out = zoomed(&far, -2);
        assert_eq!((out.zoom, out.x, out.y), (0, 500, 500));
    }

    #[test]
    fn references_are_relative_to_the_session_folder() {
        let session = Path::new("/daten/konferenz/mitte.ron");
        assert_eq!(
            resolve(session, "fotos/IMG_1.jpg"),
            Path::new("/daten/konferenz/fotos/IMG_1.jpg")
        );
        assert_eq!(resolve(session, "/tmp/a.png"), Path::new("/tmp/a.png"));
        assert_eq!(
            reference_for(session, Path::new("/daten/konferenz/fotos/IMG_1.jpg")),
            "fotos/IMG_1.jpg"
        );
        assert_eq!(
            reference_for(session, Path::new("/anderswo/a.png")),
            "/anderswo/a.png"
        );
    }

    #[test]
    fn candidates_are_the_images_beside_the_session() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("fotos/tag2")).unwrap();
        std::fs::create_dir_all(dir.path().join(".versteckt")).unwrap();
        for f in [
            "a.PNG",
            "fotos/IMG_1.jpg",
            "fotos/tag2/IMG_2.jpeg",
            "notiz.txt",
            ".versteckt/x.png",
        ] {
            std::fs::write(dir.path().join(f), b"x").unwrap();
        }
        let session = dir.path().join("mitte.ron");
        assert_eq!(
            candidates(&session),
            ["a.PNG", "fotos/IMG_1.jpg", "fotos/tag2/IMG_2.jpeg"]
        );
    }

    #[test]
    fn broken_files_give_a_message_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("kaputt.jpg");
        std::fs::write(&bad, b"\xff\xd8\xff\xe0 nicht wirklich ein JPEG").unwrap();
        let e = load(&bad).unwrap_err();
        assert!(matches!(e, PhotoError::NotAnImage { .. }), "{e:?}");
        assert!(e.message(Lang::De).contains("kaputt.jpg"));
        let text = dir.path().join("text.png");
        std::fs::write(&text, "Hallo").unwrap();
        assert!(matches!(load(&text), Err(PhotoError::NotAnImage { .. })));
        assert!(matches!(
            load(&dir.path().join("fehlt.png")),
            Err(PhotoError::NotFound(_))
        ));
        assert!(matches!(
            load(dir.path()),
            Err(PhotoError::NotAnImage { .. })
        ));
    }

    #[test]
    fn a_large_photo_is_kept_at_a_bounded_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gross.png");
        RgbImage::from_pixel(5000, 2500, image::Rgb([200, 10, 10]))
            .save(&path)
            .unwrap();
        let img = load(&path).unwrap();
        assert_eq!((img.width(), img.height()), (MAX_SIDE, MAX_SIDE / 2));
        assert_eq!(img.get_pixel(10, 10), &image::Rgb([200, 10, 10]));
    }

    /// The bytes of a PNG file's start with the given size in its header.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &b in bytes {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let mut chunk = b"IHDR".to_vec();
        chunk.extend(width.to_be_bytes());
        chunk.extend(height.to_be_bytes());
        chunk.extend([8, 2, 0, 0, 0]);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend(13u32.to_be_bytes());
        out.extend(&chunk);
        out.extend(crc32(&chunk).to_be_bytes());
        // An empty data chunk: the file ends where the pixels would begin.
        out.extend(0u32.to_be_bytes());
        out.extend(b"IDAT");
        out.extend(crc32(b"IDAT").to_be_bytes());
        out
    }

    #[test]
    fn a_picture_claiming_a_huge_size_is_refused() {
        // 60000×60000 pixels would take 10 GB: refused by its header alone.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bombe.png");
        std::fs::write(&path, png_header(60000, 60000)).unwrap();
        let e = load(&path).unwrap_err();
        assert!(matches!(e, PhotoError::TooLarge { .. }), "{e:?}");
        assert!(e.message(Lang::De).contains("zu groß"));
        // A small picture with only its header is a broken image.
        std::fs::write(&path, png_header(40, 30)).unwrap();
        assert!(matches!(load(&path), Err(PhotoError::NotAnImage { .. })));
    }

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
