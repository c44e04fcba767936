"""Smoke test of the frozen bundle: run from another folder, with no virtual environment on PATH and no source tree.

Exports Glostrup's factsheet headless and checks the PNG, checks `almen show`, and starts the window offscreen.
Uses only the standard library, so the system Python can run it.
"""

import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUNDLE = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/almen-gui").resolve()
EXE = ".exe" if os.name == "nt" else ""


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="almen-bundle-"))
    env = {"PATH": os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                                   if ".venv" not in p and "venv" not in p),
           "HOME": str(work), "QT_QPA_PLATFORM": "offscreen", "ALMEN_GUI_HOME": str(work / "app-data"),
           "LANG": "C.UTF-8"}
    cli = BUNDLE / f"almen{EXE}"
    done = subprocess.run([str(cli), "export", "Glostrup", "--out", str(work)], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        print(f"export failed ({done.returncode}): {done.stderr}")
        return 1
    png = work / "almene-boliger-glostrup-2024.png"
    header = png.read_bytes()[:24]
    width, height = struct.unpack(">II", header[16:24])
    if header[:8] != b"\x89PNG\r\n\x1a\n" or (width, height) != (2480, 3508) or png.stat().st_size < 100_000:
        print(f"bad PNG: {(width, height)}, {png.stat().st_size} bytes")
        return 1
    shown = subprocess.run([str(cli), "show", "Glostrup"], cwd=work, env=env, capture_output=True, text=True,
                           timeout=60).stdout
    if "4.451" not in shown or "333 mio. kr." not in shown:
        print(f"almen show is wrong:\n{shown}")
        return 1
    gui = subprocess.Popen([str(BUNDLE / f"almen-gui{EXE}"), "--new-instance"], cwd=work, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(5)
    if gui.poll() is not None:
        print(f"the window program exited early ({gui.returncode}): {gui.stderr.read().decode()}")
        return 1
    gui.terminate()
    gui.wait(10)
    print(f"bundle OK: {png.name} {width}×{height}, almen show, almen-gui started ({BUNDLE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
