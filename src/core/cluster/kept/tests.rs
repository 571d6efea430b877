use super::*;
use crate::core::cluster::review::{self, ColumnScope};
use crate::core::cluster::{Progress, Thesaurus};
use crate::core::model::{Card, Session};

fn session() -> Session {
    let mut s = Session {
        id: "mitte".into(),
        ..Session::default()
    };
    let cards = [
        "Kita-Plätze fehlen",
        "fehlende Kitaplätze",
        "Sprachkurse für Eltern",
        "Sprachkurse am Abend",
        "Müll im Park",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| Card::new(format!("k{i}"), *t))
    .collect();
    s.boards.push(crate::core::model::Board {
        id: "b1".into(),
        columns: vec![crate::core::model::Column {
            key: "needs".into(),
            cards,
            ..Default::default()
        }],
        ..Default::default()
    });
    s
}

fn kept_at(s: &Session, threshold: f64) -> Kept {
    let request = review::request(s, threshold, &ColumnScope::EachColumn, &[]);
    let stamp = request.stamp(&Thesaurus::default());
    let mut g = review::run(request, &Thesaurus::default(), &Progress::default()).unwrap();
    assert!(review::finish(&mut g, s, &[]));
    review::keep(&g, stamp)
}

fn kept(s: &Session) -> Kept {
    kept_at(s, 0.3)
}

#[test]
fn the_fingerprint_changes_with_a_card_a_tag_a_decision_or_the_threshold() {
    let s = session();
    let base = kept(&s).fingerprint();
    assert_eq!(
        kept(&s).fingerprint(),
        base,
        "the same session, the same number"
    );
    let mut text = s.clone();
    text.boards[0].columns[0].cards[4].text = "Müll am Bahnhof".into();
    let mut tag = s.clone();
    tag.boards[0].columns[0].cards[0].tags = vec!["bildung".into()];
    let mut decided = s.clone();
    decided.refused.push(crate::core::model::Refusal {
        cards: vec!["k0".into(), "k1".into()],
    });
    let mut column = s.clone();
    column.boards[0].columns[0].key = "good".into();
    for (what, other) in [
        ("text", kept(&text)),
        ("tag", kept(&tag)),
        ("refusal", kept(&decided)),
        ("column", kept(&column)),
        ("threshold", kept_at(&s, 0.4)),
    ] {
        assert_ne!(other.fingerprint(), base, "{what}");
    }
    let mut themed = kept(&s);
    themed.themes.push(crate::core::model::Theme {
        id: "t1".into(),
        label: "Kita".into(),
        cards: vec!["k0".into()],
        confirmed: true,
        ..Default::default()
    });
    assert_ne!(themed.fingerprint(), base, "theme");
}

#[test]
fn a_kept_run_comes_back_from_its_bytes_as_it_was() {
    let k = kept(&session());
    assert!(k.clustering.clusters.iter().any(|c| c.len() >= 2));
    assert!(
        k.clustering
            .clusters
            .iter()
            .flat_map(|c| &c.members)
            .any(|m| !m.reasons.is_empty())
    );
    assert_eq!(decode(&encode(&k)).as_ref(), Some(&k));
}

#[test]
fn a_damaged_truncated_or_foreign_file_is_ignored() {
    let bytes = encode(&kept(&session()));
    assert!(decode(&bytes[..bytes.len() - 1]).is_none(), "truncated");
    assert!(
        decode(&bytes[..MAGIC.len() + 3]).is_none(),
        "cut in the head"
    );
    assert!(decode(&[]).is_none(), "empty");
    assert!(decode(b"Session(\n  version: 2,\n)").is_none(), "foreign");
    for at in [
        MAGIC.len() + 1,
        MAGIC.len() + 30,
        bytes.len() / 2,
        bytes.len() - 1,
    ] {
        let mut bad = bytes.clone();
        bad[at] ^= 0x41;
        assert!(decode(&bad).is_none(), "byte {at} changed");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer).is_none(), "trailing bytes");
}

#[test]
fn a_file_with_a_sound_checksum_but_unsound_clusters_is_ignored() {
    let k = kept(&session());
    // A card in two clusters.
    let mut twice = k.clone();
    let extra = twice.clustering.clusters[0].members[0].clone();
    twice.clustering.clusters[1].members.push(extra);
    assert!(decode(&encode(&twice)).is_none());
    // A card of no cluster.
    let mut lost = k.clone();
    lost.stamp.cards.push(CardStamp {
        key: "mitte/k99".into(),
        hash: 1,
    });
    assert!(decode(&encode(&lost)).is_none());
    // A card that is not there.
    let mut beyond = k.clone();
    beyond.clustering.clusters[0].members[0].card = 99;
    assert!(decode(&encode(&beyond)).is_none());
    // Clusters out of a run's order.
    let mut turned = k;
    turned.clustering.clusters.reverse();
    assert!(decode(&encode(&turned)).is_none());
}

#[test]
fn the_cache_is_kept_beside_the_session_out_of_git_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mitte.ron");
    std::fs::write(&file, "x").unwrap();
    let k = kept(&session());
    assert_eq!(load(&file), None);
    store(&file, &k).unwrap();
    let cache = dir.path().join(".stellwand-cache");
    assert_eq!(cache_path(&file), Some(cache.join("mitte.ron.clusters")));
    let ignore = std::fs::read_to_string(cache.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    assert_eq!(load(&file), Some(k.clone()));
    // Damaged on disk: ignored.
    let path = cache_path(&file).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(load(&file), None);
    store(&file, &k).unwrap();
    assert_eq!(load(&file), Some(k));
    let left: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_link_at_the_cache_file_is_neither_read_nor_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mitte.ron");
    std::fs::write(&file, "x").unwrap();
    let k = kept(&session());
    // A sound cache file elsewhere, and a link to it where the cache goes.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("mitte.ron");
    std::fs::write(&target, "x").unwrap();
    store(&target, &k).unwrap();
    let real = cache_path(&target).unwrap();
    let before = std::fs::read(&real).unwrap();
    std::fs::create_dir(dir.path().join(CACHE_DIR)).unwrap();
    let path = cache_path(&file).unwrap();
    std::os::unix::fs::symlink(&real, &path).unwrap();
    assert_eq!(load(&file), None, "read through a link");
    let mut other = k.clone();
    other.stamp.options ^= 1;
    store(&file, &other).unwrap();
    assert_eq!(
        std::fs::read(&real).unwrap(),
        before,
        "written through a link"
    );
    assert!(
        !std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(load(&file), Some(other));
}

#[cfg(unix)]
#[test]
fn a_link_at_the_cache_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mitte.ron");
    std::fs::write(&file, "x").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), dir.path().join(CACHE_DIR)).unwrap();
    let k = kept(&session());
    assert!(store(&file, &k).is_err());
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    // A sound file put there by someone else is not read either.
    let other = elsewhere.path().join("mitte.ron.clusters");
    std::fs::write(&other, encode(&k)).unwrap();
    assert_eq!(load(&file), None);
}

#[test]
fn a_session_file_of_its_own_mode_gives_a_cache_of_that_mode() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("mitte.ron");
        std::fs::write(&file, "x").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        store(&file, &kept(&session())).unwrap();
        let mode = std::fs::metadata(cache_path(&file).unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
