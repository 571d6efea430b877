#!/usr/bin/env python3
"""Time the real program in a pseudo-terminal (80x24): from its start to the
first frame of a session, and with `autosave` the key-to-screen times while
typing through three autosaves, with /usr/bin/time's CPU and peak memory.

    cargo build --release
    python3 scripts/pty_open_save.py target/release/stellwand FILE [open|autosave]

The autosave mode adds cards to FILE: run it on a copy. The program's state
(remembered cursor) goes to a temporary folder.
"""
import tempfile
import os, pty, sys, time, select, fcntl, termios, struct
binary, f = sys.argv[1], sys.argv[2]
mode = sys.argv[3] if len(sys.argv) > 3 else 'open'
scratch = tempfile.mkdtemp(prefix='stellwand-pty-')
times = os.path.join(scratch, 'time.txt')
rows, cols = 24, 80
pid, fd = pty.fork()
if pid == 0:
    os.environ['TERM'] = 'xterm-256color'
    os.environ['XDG_STATE_HOME'] = os.path.join(scratch, 'state')
    os.environ.pop('STELLWAND_GRAPHICS', None)
    os.execv('/usr/bin/time', ['/usr/bin/time', '-v', '-o', times, binary, f])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
t0 = time.time(); buf = b''
def read_some(t):
    global buf
    r, _, _ = select.select([fd], [], [], t)
    if r:
        try:
            d = os.read(fd, 1 << 20); buf += d; return d
        except OSError: return None
    return b''
def wait(pat, limit=60):
    s = time.time(); start = len(buf)
    while pat not in buf[start:] if isinstance(pat, bytes) and start else pat not in buf:
        if read_some(0.02) is None: break
        if time.time() - s > limit: print('timeout', pat); break
    return time.time() - s
print('first frame %.3f s' % wait(b'Wand '))
if mode == 'autosave':
    time.sleep(0.3)
    os.write(fd, b'a'); time.sleep(0.3)
    lat = []
    for round in range(3):
        os.write(fd, b'neu karte\r'); time.sleep(0.2)
        while read_some(0.01): pass
        m0 = os.stat(f).st_mtime
        # autosave is due 1 s after the change; type through it
        t_end = time.time() + 3.0
        i = 0
        while time.time() < t_end:
            c = b'abcdefghijklmnopqrstuvwxyz'[i % 26:i % 26 + 1]; i += 1
            mark = len(buf)
            s = time.time(); os.write(fd, c)
            while c not in buf[mark:]:
                if read_some(0.005) is None: break
                if time.time() - s > 10: break
            lat.append((time.time() - s, time.time()))
            time.sleep(0.03)
        os.write(fd, b'\x15')  # clear line (ctrl-u)
        r0 = t_end - 3.0
        print('  slow keys at', ['%.2fs:%.0fms' % (t - r0, 1000*l) for l, t in lat[-i:] if l > 0.05])
        print('round', round, 'saved' if os.stat(f).st_mtime != m0 else 'NOT saved', 'max key-to-screen %.0f ms' % (1000*max(l for l, _ in lat[-i:])))
    ls = sorted(l for l, _ in lat)
    print('keys %d median %.1f ms p95 %.1f ms max %.1f ms' % (len(ls), 1000*ls[len(ls)//2], 1000*ls[int(len(ls)*.95)], 1000*ls[-1]))
    os.write(fd, b'\x1b')
time.sleep(0.5)
os.write(fd, b'q')
try:
    while True:
        if not read_some(3): break
except OSError: pass
os.waitpid(pid, 0)
for l in open(times):
    if any(k in l for k in ('Elapsed', 'User time', 'System time', 'Maximum resident')): print(l.strip())
