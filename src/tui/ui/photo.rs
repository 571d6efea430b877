//! The photo pane: the board's photo as the terminal can draw it, which
//! photo and zoom, and the keys; or how to add a photo, or why it fails.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Widget};
use ratatui_image::Image;

use crate::core::model::Board;
use crate::core::photo::{self, zoom_factor};

use super::super::app::App;
use super::super::i18n::Msg;
use super::super::photo::{Pane, picture_area};
use super::{truncate, wrap};

pub fn draw(frame: &mut Frame, app: &App, session: &Path, board: &Board, area: Rect) {
    Clear.render(area, frame.buffer_mut());
    let index = board.view.photo.min(board.photos.len().saturating_sub(1));
    let title = match board.photos.get(index) {
        Some(reference) => {
            let name = Path::new(reference)
                .file_name()
                .map_or_else(|| reference.clone(), |n| n.to_string_lossy().into_owned());
            let zoom = (zoom_factor(board.view.zoom) * 100.0).round();
            format!(
                " {} {}/{}: {name} · {zoom}% ",
                app.t(Msg::Photo),
                index + 1,
                board.photos.len()
            )
        }
        None => format!(" {} ", app.t(Msg::Photo)),
    };
    let inner_width = area.width.saturating_sub(2) as usize;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(Style::default().fg(Color::Magenta))
        .title(truncate(&title, inner_width));
    let inner = block.inner(area);
    block.render(area, frame.buffer_mut());
    if inner.width < 4 || inner.height < 2 {
        return;
    }
    let hints = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    let dim = Style::default().fg(Color::DarkGray);
    frame.buffer_mut().set_stringn(
        hints.x,
        hints.y,
        super::fit_hints(app.t(Msg::PhotoPaneHints), hints.width as usize),
        hints.width as usize,
        dim,
    );
    let picture = picture_area(area);
    if board.photos.is_empty() {
        return message(frame, picture, app.t(Msg::PhotoPaneEmpty), Style::default());
    }
    match app.photos.pane() {
        Pane::Picture(r) => {
            // Centre the picture in the pane.
            let size = r.protocol.area();
            let x = picture.x + picture.width.saturating_sub(size.width) / 2;
            let y = picture.y + picture.height.saturating_sub(size.height) / 2;
            let at = Rect {
                x,
                y,
                width: size.width.min(picture.width),
                height: size.height.min(picture.height),
            };
            Image::new(&r.protocol).render(at, frame.buffer_mut());
        }
        Pane::Loading => {
            let name = board.photos.get(index).map_or("", String::as_str);
            let path = photo::resolve(session, name);
            let text = Msg::PhotoLoading.fill(app.lang, &[("file", &path.display())]);
            message(frame, picture, &text, dim);
        }
        Pane::Failed(e) => {
            let text = e.message(app.lang);
            message(
                frame,
                picture,
                &text,
                Style::default()
                    .fg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
            );
        }
    }
}

/// Text in the pane instead of a picture, wrapped to its width.
fn message(frame: &mut Frame, area: Rect, text: &str, style: Style) {
    let width = area.width.saturating_sub(2) as usize;
    for (i, line) in wrap(text, width).into_iter().enumerate() {
        if i as u16 >= area.height {
            break;
        }
        frame
            .buffer_mut()
            .set_stringn(area.x + 1, area.y + i as u16, line, width, style);
    }
}
