//! Running the program as a script or a clerk would: `cli!["new", &file]`.

use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// The program's exit code and what it printed.
#[derive(Debug)]
pub struct Out {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// Asserts that it succeeded, showing what it printed when not.
    #[track_caller]
    pub fn ok(self) -> Out {
        assert_eq!(self.code, Some(0), "{}\n{}", self.stdout, self.stderr);
        self
    }

    /// Asserts that it ended with `code`, showing what it printed when not.
    #[track_caller]
    pub fn fails(self, code: i32) -> Out {
        assert_eq!(self.code, Some(code), "{}\n{}", self.stdout, self.stderr);
        self
    }
}

/// `stellwand ARGS` run in the folder `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Out {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    run_os_in(dir, &args)
}

/// `stellwand ARGS` run in the folder `dir`, the arguments as `OsStr`s.
pub fn run_os_in(dir: &Path, args: &[&OsStr]) -> Out {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stellwand"));
    start(command.current_dir(dir), args, None)
}

/// `stellwand ARGS`, with `stdin` as its input (else none).
pub fn run(args: &[&OsStr], stdin: Option<&str>) -> Out {
    start(
        &mut Command::new(env!("CARGO_BIN_EXE_stellwand")),
        args,
        stdin,
    )
}

fn start(command: &mut Command, args: &[&OsStr], stdin: Option<&str>) -> Out {
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("stellwand starts");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("stdin written");
    }
    drop(input);
    let out = child.wait_with_output().expect("stellwand ends");
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `cli!["export", "--to", &dir, &file]`: runs `stellwand` with these
/// arguments (anything that is an `OsStr`: text, paths).
#[macro_export]
macro_rules! cli {
    ($($arg:expr),* $(,)?) => {
        $crate::common::cli::run(&[$(::std::ffi::OsStr::new(&$arg)),*], None)
    };
}

/// `cli_in![dir; "cluster", &file]`: like [`cli!`], run in the folder `dir`.
#[macro_export]
macro_rules! cli_in {
    ($dir:expr; $($arg:expr),* $(,)?) => {
        $crate::common::cli::run_os_in($dir, &[$(::std::ffi::OsStr::new(&$arg)),*])
    };
}
